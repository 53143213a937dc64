"""Turning raw rows into records ready to store: pure work, safe to run in worker processes.

Nothing here touches the database: a chunk of rows goes in, records (with their search
documents) and a partial report come out, so an import can parse on one core while it
stores on another.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, partial

from django.utils import translation

from stinet.catalog.bulk import json_text
from stinet.catalog.dedup import record_of
from stinet.catalog.matching import keys, lookup_keys
from stinet.catalog.models import title_sort_key
from stinet.catalog.services import Incoming, payload_text
from stinet.ingest.columns import canonical, english_titles, is_ignored, language_tag
from stinet.ingest.record import (
    ERROR,
    MULTI_SEP,
    PEOPLE,
    RowError,
    WorkData,
    build,
    split_people_values,
    split_values,
)
from stinet.ingest.report import ImportReport
from stinet.search import indexing
from stinet.search.documents import from_values
from stinet.vietnamese import Conversion, detect, nfc, proves_unicode, reads_as_well, to_unicode
from stinet.vietnamese.legacy import LATIN1_ENCODINGS, garbled_in_unicode, may_be_viqr
from stinet.vietnamese.text import CONTROLS, without_controls

# Fields holding codes, dates and identifiers rather than text: never taken for legacy encodings (only composed).
NOT_TEXT = frozenset({"id", "dc.date.issued", "dc.language.iso", "local.access", "dc.subject.fos",
                      "dc.subject.fos.old", "dc.identifier.uri", "dc.identifier.isbn",
                      "dc.identifier.issn", "dc.identifier.doi", "dc.identifier.handle"})

# Fields of several values: the values of all their columns are kept
LISTS = frozenset({"dc.contributor.author", "dc.contributor.editor", "dc.contributor.translator",
                   "dc.contributor.advisor", "dc.contributor", "dc.subject"})
JSON_FIELDS = ("creators", "subjects", "identifiers", "extra")  # the work's JSON fields (catalog.models.Work)
Rows = list[tuple[int, dict[str, str]]]


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


def column_fields(header: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """Header -> canonical field (language-tagged titles sorted out), and the headers no field has
    (their values are kept as extra data)."""
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    for name in header:
        if not name:
            continue
        field = canonical(name)
        if field is not None:
            mapping[name] = field
        elif not is_ignored(name):
            unknown.append(name)
    return english_titles(mapping), unknown


def row_context(header: Sequence[str], fmt: str, mapping: dict[str, str], org_code: str) -> ParseContext:
    """How the rows under a header are read: spreadsheets, and CSV without DSpace (dc.) columns, by the
    Vietnamese conventions; MARC and harvested rows are already canonical (strict lists, no headings)."""
    loose = fmt in ("xlsx", "xls") or (fmt == "csv" and not any(h.startswith("dc.") for h in header))
    return ParseContext(mapping, fmt, len(header), loose, org_code)


def convert_row(line: int, row: dict[str, str], report: ImportReport, skip: frozenset[str] = frozenset(),
                likely: str | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Legacy-encoded (TCVN3, VNI, VIQR) and decomposed text converted to NFC Unicode, and the row to
    keep as its source record: as read, its decomposed values composed (NFC is lossless; legacy text
    is kept as written): `row` itself when no value was decomposed.

    A short value says little about its encoding ("Côc SHTT" reads as Unicode too): it is read
    with the `likely` encoding of the rows around it in mind (likely_encoding), or else with the
    one legacy encoding the other cells of its row are in, unless another cell of the row proves it
    was typed in Unicode ("Đỗ Văn Ết" beside a TCVN3 title: its "chè" stays "chè", not TCVN3 "chố"); then
    only a cell with a word Unicode reads as garbage is ("Lý Kh¸nh Anh" beside a TCVN3 title and a type typed
    "Luận văn thạc sĩ": TCVN3 "Lý Khánh Anh").
    The `skip` columns hold codes, never taken for a legacy encoding: they are only composed.
    """
    out: dict[str, str] = {}
    composed: dict[str, str] = {}  # decomposed values, composed
    converted: dict[str, Conversion] = {}  # column -> its conversion, reported at the end
    unsure: list[str] = []  # columns read as Unicode that a legacy encoding could also explain
    ascii_marked: list[str] = []  # ASCII columns read as plain text that VIQR could also explain
    typed_unicode = False  # some cell has letters legacy text never shows
    mended: dict[str, Conversion] = {}  # Unicode cells with words left in TCVN3 or VNI, those words converted
    for column, value in row.items():
        if not value:
            result = None
        elif column not in skip:
            result = to_unicode(value, likely=likely)
        elif value.isascii() or unicodedata.is_normalized("NFC", value):  # codes are nearly all ASCII
            result = None
        else:
            result = Conversion(nfc(value), "nfd")
        if result is not None and result.encoding in LATIN1_ENCODINGS and proves_unicode(value):
            mended[column] = result  # typed in Unicode, a word or two left in a legacy encoding: the row is Unicode
            typed_unicode = True
        elif result is not None and result.encoding is not None:
            converted[column] = result
            if result.encoding == "nfd":  # Unicode still: says nothing of the legacy encoding of the row
                composed[column] = result.text
        elif result is not None and result.encoding is None:
            if not value.isascii():
                unsure.append(column)
                typed_unicode = typed_unicode or proves_unicode(value)
            elif may_be_viqr(value):
                ascii_marked.append(column)
        out[column] = result.text if result is not None else value
    found = _row_encoding(row, converted) if likely is None else None
    if found in LEGACY:
        # beside a cell typed in Unicode (a type chosen from a list), only a cell Unicode reads as garbage
        neighbours = (ascii_marked if found == "viqr" else
                      [c for c in unsure if garbled_in_unicode(row[c])] if typed_unicode else unsure)
        for column in neighbours:
            result = to_unicode(row[column], likely=found)
            if result.encoding == found:
                converted[column] = result
    for column, result in (converted | mended).items():
        out[column] = result.text
        report.converted(line, column, str(result.encoding), row[column], result.text)
    if CONTROLS.search("".join(out.values())):  # a stray ESC or NUL (a MARC-8 escape, a pasted byte): nothing a
        out = {column: without_controls(value) for column, value in out.items()}  # reader sees; XLSX refuses it
    return out, (row | composed if composed else row)


def _row_encoding(row: dict[str, str], converted: dict[str, Conversion]) -> str | None:
    """The one legacy encoding of a row's converted cells, or None. A cell read in the other of TCVN3 and VNI
    that reads as well in the one most cells are in is read again in it ("san hoâ" beside VNI cells: VNI
    "san hô", not TCVN3 "san hoõ")."""
    counts = Counter(r.encoding for r in converted.values() if r.encoding != "nfd")
    if not counts:
        return None
    (main, n), *others = counts.most_common()
    if others and main in LATIN1_ENCODINGS and n > sum(m for _e, m in others):
        for column, result in list(converted.items()):
            if result.encoding in LATIN1_ENCODINGS and result.encoding != main:
                again = to_unicode(row[column], likely=main)
                if again.encoding == main:
                    converted[column] = again
        counts = Counter(r.encoding for r in converted.values() if r.encoding != "nfd")
    return main if len(counts) == 1 else None


def _incoming(data: WorkData, payload: dict[str, str], ctx: ParseContext, line: int) -> Incoming:
    """The record to store, with its sort key and its search document (id filled in later)."""
    work = data.work_fields()
    work["title_sort"] = title_sort_key(data.title)
    holding = {"call_number": data.call_number, "url": data.url, "access": data.access}
    doc = indexing.prepare(from_values(0, work, [(ctx.org_code, data.access)]))
    record = record_of(work)
    payload_json = payload_text(payload)  # serialised once, here: stored as it is
    serialised = {f: json_text(work[f]) for f in JSON_FIELDS} | {"payload": payload_json}
    return Incoming(data.local_id, work, holding, payload, ctx.format, line=line, doc=doc,
                    keys=keys(record), payload_digest=kept_digest(work, holding, serialised),
                    lookup=lookup_keys(record), json=serialised, former_id=data.former_id)


KEPT_TEXT = ("type", "title", "title_en", "degree", "grantor", "year", "date", "abstract", "field_code",
             "field_code_old", "language", "publisher")  # the work's other fields: JSON_FIELDS
UNORDERED = ("identifiers", "extra")  # JSON fields whose keys' order says nothing (the columns' order)


def kept_digest(work: dict[str, object], holding: dict[str, str], serialised: dict[str, str]) -> str:
    """What tells an unchanged record on re-import: a digest of what the catalogue keeps of it (its work's
    and holding's values, the keys of identifiers and extra data in one order), not of the row as written.
    The member's own export imported again has other columns, in another order: its records are unchanged.
    Made of the JSON already serialised for storing (a fraction of serialising the record again)."""
    parts = [str(work[f]) for f in KEPT_TEXT]
    parts += [holding["call_number"], holding["url"], holding["access"], serialised["creators"],
              serialised["subjects"]]
    for f in UNORDERED:  # most records have at most one identifier kind and no extra data: already in order
        value = work[f]
        parts.append(serialised[f] if len(value) < 2 else json_text(value, sort_keys=True))  # type: ignore[arg-type]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def parse_row(ctx: ParseContext, line: int, raw: dict[str, str], codes: frozenset[str],
              report: ImportReport, likely: str | None = None) -> Incoming | None:
    """One record, or None for a heading row or a rejected row (counted in the report)."""
    if raw.get(ERROR):
        report.reject(line, raw[ERROR])
        return None
    if ctx.loose and ctx.header_width > 2 and sum(1 for v in raw.values() if v.strip()) == 1:
        report.headings += 1  # Vietnamese sheets put section headings between the rows
        return None
    row, payload = convert_row(line, raw, report, codes, likely)
    fields: dict[str, str] = {}
    extra = {h: v for h, v in row.items() if h not in ctx.mapping and not is_ignored(h)}
    for header, name in ctx.columns:  # several columns of one field: dc.creator and dc.contributor.author
        if not (value := row.get(header)):
            continue
        if name not in fields:
            fields[name] = value
        elif name in LISTS or name.startswith("dc.identifier."):
            loose = ctx.loose or name == "dc.subject"  # as record.build splits them
            split = split_people_values if name in PEOPLE else partial(split_values, loose=loose)
            known = split(fields[name])  # a value both columns give is one (dc.creator = author)
            fields[name] = MULTI_SEP.join(known + [v for v in split(value) if v not in known])
        else:
            extra[header] = value  # a second value of a one-value field (an English abstract) is kept
    if "dc.title.alternative" in fields and not split_values(fields.get("dc.title", "")):
        fields["dc.title"] = fields.pop("dc.title.alternative")  # only its English title filled (or spaces, "||")
    try:
        data = build(fields, extra, loose=ctx.loose)
    except RowError as exc:
        report.reject(line, ctx.in_members_words(str(exc)))
        return None
    report.derived_ids += not fields.get("id", "").strip()  # derived here: not an "auto:" id an export gave back
    if data.unmapped_type and line not in report.quiet:
        report.unmapped_types[data.unmapped_type] += 1
    return _incoming(data, payload, ctx, line)


def parse_chunk_in(language: str | None, ctx: ParseContext, rows: Rows) -> tuple[list[Incoming], ImportReport, int]:
    """parse_chunk with the reasons of rejections in the interface language `language`: a worker process
    speaks the language that was active when it was forked (an import session's workers serve every file)."""
    with translation.override(language):
        return parse_chunk(ctx, rows)


def parse_chunk(ctx: ParseContext, rows: Rows, quiet: frozenset[int] = frozenset()
                ) -> tuple[list[Incoming], ImportReport, int]:
    """Records of a chunk of rows, the partial report of their problems, and the rows read (the `quiet`
    lines' conversions and type labels not counted: a harvest counted them before its list restarted)."""
    report = ImportReport(source="", quiet=quiet, rejected_at={})  # the chunk's: the import keeps them if asked
    # ignored columns (a rejects file's reason, DSpace's bookkeeping) say nothing of the row's encoding: the
    # Unicode reason beside TCVN3 cells made them read as typed in Unicode
    codes = ctx.codes | frozenset(h for h in (rows[0][1] if rows else ()) if is_ignored(h))
    likely = likely_encoding(rows, codes)
    items = [item for line, raw in rows if (item := parse_row(ctx, line, raw, codes, report, likely))]
    return items, report, len(rows)


LEGACY = ("tcvn3", "vni", "viqr")  # encodings whose short values a likely encoding helps to read
LIKELY_LOOK = 40  # non-ASCII values of a chunk looked at, at most
LIKELY_SHARE = 0.75  # of them in one legacy encoding (at least LIKELY_EVIDENCE) make it the likely one
LIKELY_EVIDENCE = 3


def likely_encoding(rows: Rows, codes: frozenset[str]) -> str | None:
    """The legacy encoding a chunk's text is in, when most of its first non-ASCII values show it (a
    spreadsheet typed in TCVN3 is TCVN3 throughout, its short cells such as "Côc SHTT" too); None for
    a Unicode file, or one where some records came in a legacy encoding among Unicode ones (then
    only a record's own cells tell, see convert_row). A value that reads as Unicode and as well in a
    legacy encoding ("Sè": "Số") tells neither. The readings are remembered for later."""
    seen: Counter[str] = Counter()
    for _line, raw in rows:
        for column, value in raw.items():
            if column in codes or not value:
                continue
            if value.isascii():  # VIQR is ASCII: only a value that reads as VIQR counts
                if not may_be_viqr(value) or (found := detect(value)) != "viqr":
                    continue
            elif (found := detect(value)) == "unicode" and any(reads_as_well(value, e) for e in LATIN1_ENCODINGS):
                continue
            seen[found] += 1
            if seen.total() >= LIKELY_LOOK:
                break
        if seen.total() >= LIKELY_LOOK:
            break
    legacy = [name for name in seen if name in LEGACY]
    if len(legacy) != 1:
        return None
    found = seen[legacy[0]]
    return legacy[0] if found >= LIKELY_EVIDENCE and found >= LIKELY_SHARE * seen.total() else None


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
