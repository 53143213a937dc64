"""What a work looks like to the search engines: folded and exact texts, facet values."""

from __future__ import annotations

from typing import Any

from stinet.catalog.models import Work
from stinet.vietnamese import canonical_spelling, equivalence_tokens, fold, sort_key


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


def build(work: Work) -> dict[str, Any]:
    """The search document of a work (its holdings must be loaded)."""
    holdings = list(work.holdings.all())
    people = [c["name"] for c in work.creators]
    ids = [v for values in work.identifiers.values() for v in values]
    other = [work.title_en, work.publisher, work.grantor, work.degree, *ids, *work.extra.values()]
    text_all = " ".join([work.title, work.title_en, *work.subjects, work.abstract])
    return {
        "id": work.pk,
        "title": fold(work.title),
        "title_x": _exact(work.title),
        "creators": fold(_join(people)),
        "subjects": fold(_join(work.subjects)),
        "abstract": fold(work.abstract),
        "other": fold(_join([str(v) for v in other])),
        "text_x": _exact(_join([*work.subjects, work.abstract])),
        "equiv": " ".join(equivalence_tokens(text_all)),
        "type": work.type,
        "year": work.year,
        "org": sorted({h.organisation.code for h in holdings}),
        "access": sorted({h.access for h in holdings}),
        "field": top_field(work.field_code or work.field_code_old),  # the six top fields agree
        "language": work.language or "",
        "title_sort": work.title_sort or sort_key(work.title)[:255],
    }
