"""What a work looks like to the search engines: folded and exact texts, facet values."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, NamedTuple

from django.conf import settings

from stinet.catalog.fulltext import MAX_TEXT_CHARS
from stinet.catalog.models import Holding, Work, WorkFile, title_sort_key
from stinet.search.base import FULLTEXT_FIELDS
from stinet.search.query import ID_KINDS, VALUE_GAP, compact_identifier, marked_identifier
from stinet.vietnamese import canonical_spelling, equivalence_tokens, fold, ocr_variants, search_fold, search_spelled


def _join(values: list[str]) -> str:
    """Values joined with a word between them, so that a phrase does not run across two values."""
    return f" {VALUE_GAP} ".join(v for v in values if v)


def _exact(text: str) -> str:
    """Lower-case NFC text with tone placement made uniform (hoà = hòa)."""
    return canonical_spelling(text.lower())


def _equivalences(described: str) -> str:
    """The tokens of the equivalence groups written in the description, for PostgreSQL (the embedded
    engine finds the groups in each field itself: tantivy_backend._fields)."""
    if settings.SEARCH_BACKEND != "postgres":
        return ""
    return " ".join(equivalence_tokens(described, folded=True))


def top_field(code: str) -> str:
    """Top-level field of science of a code (first digit), '' when none."""
    code = code.strip()
    return code[:1] if code[:1].isdigit() else ""


def field_levels(code: str) -> list[str]:
    """The field of science of a code at each level of the classification (1, 3 and 5 digits: "50201" is
    in "5" and "502"), the code itself last: what a filter field=502 finds."""
    code = code.strip()
    if not code[:1].isdigit():
        return []
    return list(dict.fromkeys([*(code[:n] for n in (1, 3, 5) if n < len(code)), code]))


# Full texts are indexed up to this many characters per access level (a PostgreSQL tsvector
# holds at most 1 MB; the start of a document carries its summary and most of its terms): as
# many as a file keeps of its text.
MAX_FULLTEXT_CHARS = MAX_TEXT_CHARS


def fulltexts(files: list[Any], today: dt.date) -> dict[str, str]:
    """Texts of a work's files by access level, leaving out files still under embargo."""
    out: dict[str, list[str]] = {}
    for f in files:
        if f.text and f.access in FULLTEXT_FIELDS and (f.embargo_until is None or f.embargo_until <= today):
            out.setdefault(f.access, []).append(f.text)
    return {level: "\n".join(texts) for level, texts in out.items()}


class _File(NamedTuple):
    """What fulltexts reads of a work's file."""

    access: str
    embargo_until: dt.date | None
    text: str


def load(ids: list[int], today: dt.date) -> list[dict[str, Any]]:
    """Search documents of the works with these ids that exist, read as plain values (no model
    instances: re-indexing the works that imports merge records into does this for thousands)."""
    holdings: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for work_id, code, access in Holding.objects.filter(work_id__in=ids).values_list(
            "work_id", "organisation__code", "access"):
        holdings[work_id].append((code, access))
    files: dict[int, list[_File]] = defaultdict(list)
    for work_id, access, embargo_until, text in WorkFile.objects.filter(work_id__in=ids).exclude(
            text="").values_list("work_id", "access", "embargo_until", "text"):
        files[work_id].append(_File(access, embargo_until, text))
    rows = Work.objects.filter(pk__in=ids).values_list("pk", *VALUE_FIELDS)
    return [from_values(row[0], dict(zip(VALUE_FIELDS, row[1:], strict=True)), holdings[row[0]],
                        fulltexts(files[row[0]], today)) for row in rows]


# the stored title_sort is not read: the key is made again from the title (a reindex then gives the
# works stored before 2026-11-22, whose keys were cut at 255 characters, their whole keys)
VALUE_FIELDS = ("type", "title", "title_en", "creators", "degree", "grantor", "year", "abstract",
                "subjects", "field_code", "field_code_old", "language", "publisher", "identifiers", "extra")


def from_values(work_id: int, work: dict[str, Any], holdings: list[tuple[str, str]],
                texts: dict[str, str] | None = None) -> dict[str, Any]:
    """The search document of a work's values, its (organisation code, access) holdings and full texts.

    `texts` maps an access level to the readable text of the work's files at that level.
    """
    people = [c["name"] for c in work["creators"]]
    ids = [v for values in work["identifiers"].values() for v in values]
    ids += [form for kind in ID_KINDS for v in work["identifiers"].get(kind, [])
            for form in (compact_identifier(v), marked_identifier(kind, v))]
    subjects, abstract, title = work["subjects"], work["abstract"], work["title"]
    title_f, abstract_f, subjects_f = fold(title), fold(abstract), fold(_join(subjects))
    other = [work["title_en"], work["publisher"], work["grantor"], work["degree"], *ids,
             *work["extra"].values(), *ocr_variants(f"{title_f} {abstract_f}", folded=True)]
    levels = field_levels(work["field_code"] or work["field_code_old"])  # the top one first
    doc = {  # the folded texts in the search spelling of i/y (quản lí = quản lý: search_fold)
        "id": work_id,
        "title": search_spelled(title_f),
        "title_x": _exact(title),
        "creators": search_fold(_join(people)),
        "creators_x": _exact(_join(people)),  # the names with their marks (the embedded engine ranks by them)
        "subjects": search_spelled(subjects_f),
        "abstract": search_spelled(abstract_f),
        "other": search_fold(_join([str(v) for v in other])),
        "text_x": _exact(_join([*subjects, abstract])),
        "equiv": _equivalences(f"{title_f} . {fold(work['title_en'])} . {subjects_f} . {abstract_f}"),
        "type": work["type"],
        "year": work["year"],
        "org": sorted({code for code, _access in holdings}),
        "access": sorted({access for _code, access in holdings}),
        "field": levels[0] if levels else "",
        "fields": levels,  # every level: the embedded engine filters by them
        "language": work["language"] or "",
        "title_sort": work.get("title_sort") or title_sort_key(title),
    }
    for level, field in FULLTEXT_FIELDS.items():
        text = (texts or {}).get(level, "")
        doc[field] = search_fold(text[:MAX_FULLTEXT_CHARS]) if text else ""
    return doc
