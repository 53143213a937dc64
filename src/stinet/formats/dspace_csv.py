"""DSpace-style CSV rows of works: the columns the importer reads, so an export re-imports.

Identifiers of other kinds than the usual ones (a published task's code) come as
dc.identifier.<kind> columns after them.

A member's export (`holding` given) carries the member's own identifier, call number, access
level and link, so that importing it again for that member updates its records in place.
"""

from __future__ import annotations

from stinet.catalog.models import Holding, Work

MULTI = "||"
COLUMNS = (
    "id", "dc.title", "dc.title.alternative", "dc.contributor.author", "dc.contributor.editor",
    "dc.contributor.translator", "dc.contributor.advisor", "dc.contributor", "dc.date.issued", "dc.type", "dc.subject",
    "dc.description.abstract",
    "dc.publisher", "thesis.degree.name", "thesis.degree.grantor", "dc.subject.fos",
    "dc.subject.fos.old", "dc.language.iso", "dc.identifier.isbn", "dc.identifier.issn",
    "dc.identifier.doi", "dc.identifier.handle", "dc.identifier.uri", "dc.identifier.other",
)
HOLDING_COLUMNS = ("local.callnumber", "local.access")  # a member's export only


def _people(work: Work, role: str) -> str:
    """Names with one role, '||'-joined."""
    return MULTI.join(c["name"] for c in work.creators if c.get("role", "author") == role)


def row(work: Work, holding: Holding | None = None) -> dict[str, str]:
    """The CSV row of a work (as one member holds it); extra source columns come back under their names."""
    values = {
        "id": holding.local_id if holding else f"stinet:{work.pk}", "dc.title": work.title,
        "dc.title.alternative": work.title_en,
        "dc.contributor.author": _people(work, "author"), "dc.contributor.editor": _people(work, "editor"),
        "dc.contributor.translator": _people(work, "translator"),
        "dc.contributor.advisor": _people(work, "advisor"), "dc.contributor": _people(work, "contributor"),
        "dc.date.issued": work.date or (str(work.year) if work.year else ""), "dc.type": work.type,
        "dc.subject": MULTI.join(work.subjects), "dc.description.abstract": work.abstract,
        "dc.publisher": work.publisher, "thesis.degree.name": work.degree,
        "thesis.degree.grantor": work.grantor, "dc.subject.fos": work.field_code,
        "dc.subject.fos.old": work.field_code_old, "dc.language.iso": work.language,
    }
    for kind in ("isbn", "issn", "doi", "handle", "uri", "other"):
        values[f"dc.identifier.{kind}"] = MULTI.join(work.identifiers.get(kind, []))
    for kind, given in work.identifiers.items():  # a published task's code: dc.identifier.task
        values.setdefault(f"dc.identifier.{kind}", MULTI.join(given))
    if holding:
        values.update({"local.callnumber": holding.call_number, "local.access": holding.access})
        if holding.url and holding.url not in values["dc.identifier.uri"].split(MULTI):
            values["dc.identifier.uri"] = MULTI.join(u for u in (holding.url, values["dc.identifier.uri"]) if u)
    values.update({k: str(v) for k, v in work.extra.items() if k not in values})
    return values
