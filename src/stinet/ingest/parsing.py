"""Turning raw rows into records ready to store: pure work, safe to run in worker processes.

Nothing here touches the database: a chunk of rows goes in, records (with their search
documents) and a partial report come out, so an import can parse on one core while it
stores on another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from stinet.catalog.bulk import json_text
from stinet.catalog.dedup import record_of
from stinet.catalog.matching import keys, lookup_keys
from stinet.catalog.services import Incoming, payload_text, text_digest
from stinet.ingest.columns import is_ignored, language_tag
from stinet.ingest.record import MULTI_SEP, RowError, WorkData, build, split_values
from stinet.ingest.report import ImportReport
from stinet.search import indexing
from stinet.search.documents import from_values
from stinet.vietnamese import sort_key, to_unicode

# Fields holding codes, dates and identifiers rather than text: never taken for legacy encodings.
NOT_TEXT = frozenset({"id", "dc.date.issued", "dc.language.iso", "local.access", "dc.subject.fos",
                      "dc.subject.fos.old", "dc.identifier.uri", "dc.identifier.isbn",
                      "dc.identifier.issn", "dc.identifier.doi", "dc.identifier.handle"})

# Fields of several values: the values of all their columns are kept
LISTS = frozenset({"dc.contributor.author", "dc.contributor.editor", "dc.contributor.advisor", "dc.contributor",
                   "dc.subject"})
JSON_FIELDS = ("creators", "subjects", "identifiers", "extra")  # the work's JSON fields (catalog.models.Work)
Rows = list[tuple[int, dict[str, str]]]
ERROR = "_error"  # a reader's row carrying this key is a record it could not read: rejected


@dataclass(frozen=True)
class ParseContext:
    """What parsing a row needs to know about its file and organisation."""

    mapping: dict[str, str]  # header -> canonical field
    format: str
    header_width: int
    loose: bool  # Vietnamese spreadsheet conventions (';' lists, heading rows)
    org_code: str

    @cached_property
    def columns(self) -> tuple[tuple[str, str], ...]:
        """(header, field) with the untagged or Vietnamese columns of a field before other languages'."""
        return tuple(sorted(self.mapping.items(), key=lambda hf: language_tag(hf[0]) not in ("", "vi")))

    @cached_property
    def headers_of(self) -> dict[str, str]:
        """Canonical field -> the member's own header for it, where that differs ("Năm" for dc.date.issued)."""
        found: dict[str, str] = {}
        for header, name in self.mapping.items():
            if header != name:
                found.setdefault(name, header)
        return found

    def in_members_words(self, reason: str) -> str:
        """A rejection reason naming the member's column: "Năm (dc.date.issued): ..." for "dc.date.issued: ..."."""
        name, sep, rest = reason.partition(": ")
        header = self.headers_of.get(name) if sep else None
        return f"{header} ({name}): {rest}" if header else reason

    @property
    def codes(self) -> frozenset[str]:
        """Headers of columns that hold codes rather than text."""
        return frozenset(h for h, f in self.mapping.items() if f in NOT_TEXT)


def convert_row(line: int, row: dict[str, str], report: ImportReport,
                skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """Legacy-encoded (TCVN3, VNI, VIQR) and decomposed text converted to NFC Unicode."""
    out: dict[str, str] = {}
    for column, value in row.items():
        result = to_unicode(value) if value and column not in skip else None
        if result is not None and result.encoding not in (None, "nfd"):
            report.converted(line, column, result.encoding, value, result.text)
        out[column] = result.text if result is not None else value
    return out


def _incoming(data: WorkData, payload: dict[str, str], ctx: ParseContext, line: int) -> Incoming:
    """The record to store, with its sort key and its search document (id filled in later)."""
    work = data.work_fields()
    work["title_sort"] = sort_key(data.title)[:255]
    holding = {"call_number": data.call_number, "url": data.url, "access": data.access}
    doc = indexing.prepare(from_values(0, work, [(ctx.org_code, data.access)]))
    record = record_of(work)
    payload_json = payload_text(payload)  # serialised once: stored as it is, and digested
    serialised = {f: json_text(work[f]) for f in JSON_FIELDS} | {"payload": payload_json}
    return Incoming(data.local_id, work, holding, payload, ctx.format, line=line, doc=doc,
                    keys=keys(record), payload_digest=text_digest(payload_json), lookup=lookup_keys(record),
                    json=serialised)


def parse_row(ctx: ParseContext, line: int, raw: dict[str, str], codes: frozenset[str],
              report: ImportReport) -> Incoming | None:
    """One record, or None for a heading row or a rejected row (counted in the report)."""
    if raw.get(ERROR):
        report.reject(line, raw[ERROR])
        return None
    if ctx.loose and ctx.header_width > 2 and sum(1 for v in raw.values() if v.strip()) == 1:
        report.headings += 1  # Vietnamese sheets put section headings between the rows
        return None
    row = convert_row(line, raw, report, codes)
    fields: dict[str, str] = {}
    extra = {h: v for h, v in row.items() if h not in ctx.mapping and not is_ignored(h)}
    for header, name in ctx.columns:  # several columns of one field: dc.creator and dc.contributor.author
        if not (value := row.get(header)):
            continue
        if name not in fields:
            fields[name] = value
        elif name in LISTS or name.startswith("dc.identifier."):
            loose = ctx.loose or name == "dc.subject"  # as record.build splits them
            known = split_values(fields[name], loose)  # a value both columns give is one (dc.creator = author)
            fields[name] = MULTI_SEP.join(known + [v for v in split_values(value, loose) if v not in known])
        else:
            extra[header] = value  # a second value of a one-value field (an English abstract) is kept
    if "dc.title" not in fields and "dc.title.alternative" in fields:  # only its English title filled
        fields["dc.title"] = fields.pop("dc.title.alternative")
    try:
        data = build(fields, extra, loose=ctx.loose)
    except RowError as exc:
        report.reject(line, ctx.in_members_words(str(exc)))
        return None
    report.derived_ids += data.local_id.startswith("auto:")
    if data.unmapped_type:
        report.unmapped_types[data.unmapped_type] += 1
    return _incoming(data, raw, ctx, line)


def parse_chunk(ctx: ParseContext, rows: Rows) -> tuple[list[Incoming], ImportReport, int]:
    """Records of a chunk of rows, the partial report of their problems, and the rows read."""
    report = ImportReport(source="")
    codes = ctx.codes
    items = [item for line, raw in rows if (item := parse_row(ctx, line, raw, codes, report))]
    return items, report, len(rows)


def chunks(rows: Iterable[tuple[int, dict[str, str]]], size: int) -> Iterable[Rows]:
    """Consecutive lists of `size` rows."""
    chunk: Rows = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
