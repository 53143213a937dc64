"""Exporting the catalogue, or the works a search finds, in any export format (streamed)."""

from __future__ import annotations

import csv
import io
import json as jsonlib
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from django.utils.translation import gettext as _
from lxml import etree

from stinet.catalog.models import Holding, Organisation, Work
from stinet.formats import bibtex, dspace_csv, json, marcxml, ris
from stinet.vietnamese.text import CONTROLS, without_controls

EXPORT_FORMATS = ("csv", "xlsx", "ris", "bibtex", "marcxml", "json")
CHUNK = 500
Url = Callable[[Work], str]


def works(ids: Iterable[int] | None = None) -> Iterator[Work]:
    """Works (all, or these ids in this order) with holdings, fetched CHUNK at a time."""
    base = Work.objects.prefetch_related("holdings__organisation").order_by("pk")
    if ids is None:
        last = 0
        while chunk := list(base.filter(pk__gt=last)[:CHUNK]):
            yield from chunk
            last = chunk[-1].pk
        return
    wanted = list(ids)
    for start in range(0, len(wanted), CHUNK):
        part = wanted[start:start + CHUNK]
        found = base.in_bulk(part)
        yield from (found[i] for i in part if i in found)


def search_ids(request: Any) -> list[int]:
    """Ids of every work a search finds, in its order (paged through the search service)."""
    from dataclasses import replace

    from stinet.search.base import MAX_PAGE_SIZE
    from stinet.search.service import run

    ids: list[int] = []
    page = 1
    while True:
        response = run(replace(request, page=page, page_size=MAX_PAGE_SIZE, facets=False, paging_limit=None))
        ids.extend(response.ids)
        if not response.ids or len(ids) >= response.total:
            return ids
        page += 1


def write(fmt: str, out: IO[bytes], ids: list[int] | None = None, url: Url = lambda w: "",
          org: Organisation | None = None) -> int:
    """Write works (all, or these ids) to a binary stream in one format; returns the count.

    With `org`, only the works it holds, and CSV/XLSX rows are its holdings: its identifiers,
    call numbers and access levels, so that `stinet import FILE --org CODE` updates them in place.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"export format {fmt!r}: one of {', '.join(EXPORT_FORMATS)}")
    if org is not None:
        held = set(Holding.objects.filter(organisation=org).values_list("work_id", flat=True))
        ids = sorted(held) if ids is None else [i for i in ids if i in held]
    if fmt in ("csv", "xlsx"):
        columns = list(dspace_csv.COLUMNS) + (list(dspace_csv.HOLDING_COLUMNS) if org else []) + _extra_columns(ids)
        return (_csv if fmt == "csv" else _xlsx)(_rows(works(ids), org), out, columns)
    if fmt == "marcxml":
        return _marcxml(works(ids), out, url, org)
    writer = {"ris": _text(ris.dumps, "\r\n"), "bibtex": _text(bibtex.dumps, "\n"), "json": _json}[fmt]
    return writer(works(ids), out, url)


def _rows(items: Iterable[Work], org: Organisation | None) -> Iterator[dict[str, str]]:
    """The CSV rows of works: one per work, or one per holding of the member, as the member's own record
    describes it (a work another member's record describes is not the member's to export as its own)."""
    for work in items:
        if org is None:
            yield dspace_csv.row(work)
            continue
        for holding in _own(work, org):
            yield dspace_csv.row(as_held(work, holding), holding)


def as_held(work: Work, holding: Holding) -> Any:
    """The work as the holding's own record describes it: the work itself when that record is the one
    describing it (its primary holding, the first), else the record read again as the importer reads it
    (the work when it no longer reads)."""
    from stinet.catalog.models import SourceRecord
    from stinet.catalog.rebuild import WORK_FIELDS, record_values

    primary = min(work.holdings.all(), key=lambda h: (h.created_at, h.pk))  # prefetched: no query
    source = SourceRecord.objects.filter(pk=holding.source_id).first() if holding.pk != primary.pk else None
    item = record_values(source) if source is not None else None
    if item is None:
        return work
    held = Work(pk=work.pk, **{f: item.work[f] for f in WORK_FIELDS})  # not saved: read as the work is
    held.created_at, held.updated_at = work.created_at, work.updated_at  # MARC 008/00-05 and 005 (QA 26: "||||||")
    held._prefetched_objects_cache = work._prefetched_objects_cache  # type: ignore[attr-defined]
    return held


def _own(work: Work, org: Organisation) -> list[Holding]:
    """The member's holdings of a work (prefetched), by their identifiers."""
    return sorted((h for h in work.holdings.all() if h.organisation_id == org.pk), key=lambda h: h.local_id)


def _extra_columns(ids: list[int] | None) -> list[str]:
    """The identifier kinds beyond the usual ones (dc.identifier.task: a task's code) and the names of the
    members' own columns kept as extra data, over the works exported."""
    kinds: set[str] = set()
    names: set[str] = set()
    selections = [Work.objects.all()] if ids is None else \
        [Work.objects.filter(pk__in=ids[i:i + CHUNK]) for i in range(0, len(ids), CHUNK)]
    for selection in selections:
        for extra, identifiers in (selection.exclude(extra={}, identifiers={})
                                   .values_list("extra", "identifiers").iterator(CHUNK)):
            names.update(extra)
            kinds.update(f"dc.identifier.{kind}" for kind in identifiers)
    return sorted(kinds - set(dspace_csv.COLUMNS)) + sorted(names - set(dspace_csv.COLUMNS) - kinds)


def _text(dumps: Callable[[Work], str], separator: str) -> Callable[..., int]:
    """A writer for line formats (RIS, BibTeX): one record after another."""
    def writer(items: Iterable[Work], out: IO[bytes], url: Url) -> int:
        count = 0
        for work in items:
            out.write(((separator if count else "") + dumps(work)).encode())
            count += 1
        return count
    return writer


def _csv(rows: Iterable[dict[str, str]], out: IO[bytes], columns: list[str]) -> int:
    """UTF-8 CSV (with BOM, so spreadsheet programs read Vietnamese right), DSpace columns."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    text.detach()
    return count


XLSX_CELL = 32_767  # characters an Excel cell holds


def _xlsx(rows: Iterable[dict[str, str]], out: IO[bytes], columns: list[str]) -> int:
    """One sheet with the CSV's columns (openpyxl's write-only mode streams the rows). Every value is
    text: a title that starts with "=" is no formula for the spreadsheet to run. A value longer than a
    cell holds is refused (ValueError naming the record and column), never cut: the file imports again."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("STINet")
    sheet.append(columns)
    count = 0
    for row in rows:
        if long := next((c for c in columns if len(row.get(c, "")) > XLSX_CELL), None):
            book.save(io.BytesIO())  # the sheet's writer ended (it would end noisily at exit), nothing written out
            raise ValueError(_("%(id)s, %(column)s: %(n)s characters, more than an XLSX cell holds (%(max)s); "
                               "export as CSV") % {"id": row.get("id", ""), "column": long,
                                                   "n": len(row[long]), "max": XLSX_CELL})
        sheet.append([text_cell(sheet, row.get(c, "")) for c in columns])
        count += 1
    book.save(out)
    return count


def text_cell(sheet: Any, value: Any) -> Any:
    """A value for a write-only sheet: a string that starts with "=" as a text cell, not a formula; without
    the control characters a worksheet cannot hold (a catalogue stored before imports dropped them)."""
    if isinstance(value, str) and CONTROLS.search(value):
        value = without_controls(value)
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _marcxml(items: Iterable[Work], out: IO[bytes], url: Url, org: Organisation | None = None) -> int:
    """A MARC21 slim collection, record by record (with `org`, one per holding of the member, as its
    own records: 001/003 its identifier, so that they import again in place)."""
    count = 0
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(f"{{{marcxml.NAMESPACE}}}collection", nsmap={None: marcxml.NAMESPACE}):
            for work in items:
                for holding in [None] if org is None else _own(work, org):
                    xf.write(marcxml.to_element(work if holding is None else as_held(work, holding), url(work),
                                                holding))
                    count += 1
    return count


def _json(items: Iterable[Work], out: IO[bytes], url: Url) -> int:
    """A JSON array of works in the API's shape."""
    count = 0
    out.write(b"[")
    for work in items:
        out.write((b",\n" if count else b"\n") + jsonlib.dumps(json.as_dict(work, url(work)),
                                                               ensure_ascii=False).encode())
        count += 1
    out.write(b"\n]\n")
    return count
