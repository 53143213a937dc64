"""What a work looks like to the search engines: folded and exact texts, facet values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from stinet.catalog.models import Work
from stinet.search.base import FULLTEXT_FIELDS
from stinet.vietnamese import canonical_spelling, equivalence_tokens, fold, ocr_variants, sort_key


def _join(values: list[str]) -> str:
    """Values joined so that phrase matching does not run across two values."""
    return " . ".join(v for v in values if v)


def _exact(text: str) -> str:
    """Lower-case NFC text with tone placement made uniform (hoà = hòa)."""
    return canonical_spelling(text.lower())


def top_field(code: str) -> str:
    """Top-level field of science of a code (first digit), '' when none."""
    code = code.strip()
    return code[:1] if code[:1].isdigit() else ""


# Full texts are indexed up to this many characters per access level (a PostgreSQL tsvector
# holds at most 1 MB; the start of a document carries its summary and most of its terms).
MAX_FULLTEXT_CHARS = 400_000


def fulltexts(files: list[Any], today: dt.date) -> dict[str, str]:
    """Texts of a work's files by access level, leaving out files still under embargo."""
    out: dict[str, list[str]] = {}
    for f in files:
        if f.text and f.access in FULLTEXT_FIELDS and (f.embargo_until is None or f.embargo_until <= today):
            out.setdefault(f.access, []).append(f.text)
    return {level: "\n".join(texts) for level, texts in out.items()}


def build(work: Work, today: dt.date | None = None) -> dict[str, Any]:
    """The search document of a work (its holdings and files must be loaded)."""
    from stinet.catalog.fileaccess import today as local_today

    values = {name: getattr(work, name) for name in VALUE_FIELDS}
    holdings = [(h.organisation.code, h.access) for h in work.holdings.all()]
    return from_values(work.pk, values, holdings, fulltexts(list(work.files.all()), today or local_today()))


VALUE_FIELDS = ("type", "title", "title_en", "creators", "degree", "grantor", "year", "abstract",
                "subjects", "field_code", "field_code_old", "language", "publisher", "identifiers",
                "extra", "title_sort")


def from_values(work_id: int, work: dict[str, Any], holdings: list[tuple[str, str]],
                texts: dict[str, str] | None = None) -> dict[str, Any]:
    """The search document of a work's values, its (organisation code, access) holdings and full texts.

    `texts` maps an access level to the readable text of the work's files at that level.
    """
    people = [c["name"] for c in work["creators"]]
    ids = [v for values in work["identifiers"].values() for v in values]
    subjects, abstract, title = work["subjects"], work["abstract"], work["title"]
    title_f, abstract_f, subjects_f = fold(title), fold(abstract), fold(_join(subjects))
    other = [work["title_en"], work["publisher"], work["grantor"], work["degree"], *ids,
             *work["extra"].values(), *ocr_variants(f"{title_f} {abstract_f}", folded=True)]
    everything = f"{title_f} . {fold(work['title_en'])} . {subjects_f} . {abstract_f}"
    doc = {
        "id": work_id,
        "title": title_f,
        "title_x": _exact(title),
        "creators": fold(_join(people)),
        "subjects": subjects_f,
        "abstract": abstract_f,
        "other": fold(_join([str(v) for v in other])),
        "text_x": _exact(_join([*subjects, abstract])),
        "equiv": " ".join(equivalence_tokens(everything, folded=True)),
        "type": work["type"],
        "year": work["year"],
        "org": sorted({code for code, _access in holdings}),
        "access": sorted({access for _code, access in holdings}),
        "field": top_field(work["field_code"] or work["field_code_old"]),
        "language": work["language"] or "",
        "title_sort": work.get("title_sort") or sort_key(title)[:255],
    }
    for level, field in FULLTEXT_FIELDS.items():
        text = (texts or {}).get(level, "")
        doc[field] = fold(text[:MAX_FULLTEXT_CHARS]) if text else ""
    return doc
