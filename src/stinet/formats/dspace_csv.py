"""DSpace-style CSV rows of works: the columns the importer reads, so an export re-imports."""

from __future__ import annotations

from stinet.catalog.models import Work

MULTI = "||"
COLUMNS = (
    "id", "dc.title", "dc.title.alternative", "dc.contributor.author", "dc.contributor.editor",
    "dc.contributor.advisor", "dc.date.issued", "dc.type", "dc.subject", "dc.description.abstract",
    "dc.publisher", "thesis.degree.name", "thesis.degree.grantor", "dc.subject.fos",
    "dc.subject.fos.old", "dc.language.iso", "dc.identifier.isbn", "dc.identifier.issn",
    "dc.identifier.doi", "dc.identifier.handle", "dc.identifier.uri", "dc.identifier.other",
)


def _people(work: Work, role: str) -> str:
    """Names with one role, '||'-joined."""
    return MULTI.join(c["name"] for c in work.creators if c.get("role", "author") == role)


def row(work: Work) -> dict[str, str]:
    """The CSV row of a work; extra (unknown) source columns come back under their own names."""
    values = {
        "id": f"stinet:{work.pk}", "dc.title": work.title, "dc.title.alternative": work.title_en,
        "dc.contributor.author": _people(work, "author"), "dc.contributor.editor": _people(work, "editor"),
        "dc.contributor.advisor": _people(work, "advisor"),
        "dc.date.issued": work.date or (str(work.year) if work.year else ""), "dc.type": work.type,
        "dc.subject": MULTI.join(work.subjects), "dc.description.abstract": work.abstract,
        "dc.publisher": work.publisher, "thesis.degree.name": work.degree,
        "thesis.degree.grantor": work.grantor, "dc.subject.fos": work.field_code,
        "dc.subject.fos.old": work.field_code_old, "dc.language.iso": work.language,
    }
    for kind in ("isbn", "issn", "doi", "handle", "uri", "other"):
        values[f"dc.identifier.{kind}"] = MULTI.join(work.identifiers.get(kind, []))
    values.update({k: str(v) for k, v in work.extra.items() if k not in values})
    return values
