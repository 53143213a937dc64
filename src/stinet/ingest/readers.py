"""Readers of members' files: each yields (line or record number, header -> text) rows.

A reader first checks the file as a whole (`open_table`): a file that is not what it claims,
is empty, or cannot be decoded raises ImportFileError with one line naming the problem, before
anything is written. What it finds while reading (rows skipped as column numbers or a repeated
header, rows with more or fewer cells than the header, other sheets) goes to `Table.notes`.
Excel workbooks are read by ingest/sheets.py, MARC files (ISO 2709, MARCXML) by ingest/marcfiles.py.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from stinet.catalog.vocab import extra_label, interface_lang, unnamed_column
from stinet.ingest.columns import canonical
from stinet.ingest.parsing import ERROR, likely_encoding
from stinet.ingest.report import MAX_LISTED, Note
from stinet.vietnamese import detect, proves_unicode, shows_legacy_sign, to_unicode
from stinet.vietnamese.decode import DecodedText, EncodingError, decode_text
from stinet.vietnamese.legacy import LATIN1_ENCODINGS

FORMATS = ("csv", "xlsx", "xls", "marc", "marcxml", "oai_dc")
MARC_FORMATS = ("marc", "marcxml")
FORMAT_NAMES = {"marc": "MARC (ISO 2709)", "marcxml": "MARCXML", "oai_dc": "Dublin Core (oai_dc)"}
_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xls": "xls",
               ".mrc": "marc", ".marc": "marc", ".dat": "marc", ".iso": "marc", ".xml": "marcxml"}
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xlsx (and .docx ...), .xls (and .doc)
CELL_LIMIT = 16 * 1024 * 1024  # characters of one CSV cell (a 20 MB cell is no record)
csv.field_size_limit(CELL_LIMIT)
Cells = tuple[int, list[str], str]  # line, cells, why the row cannot be read ("" when it can)


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message is one line naming the problem."""


@dataclass
class Table:
    """A readable table: its header and a way to iterate its rows."""

    path: Path
    format: str
    header: list[str]
    rows_total: int | None
    encoding: str
    unit: str = "line"  # what a row's number counts: "line" (spreadsheets) or "record" (MARC)
    holder: tuple[str, ...] = ()  # the importing organisation's code and names (MARC 852)
    notes: list[Note] = field(default_factory=list)  # for the report: found on opening and reading
    more_notes: Counter[str] = field(default_factory=Counter)  # notes of each kind beyond MAX_LISTED
    header_line: int = 1  # where the header is (spreadsheets may have title rows above it)
    read_header: list[str] = field(default_factory=list)  # as the file has it (header: in Unicode)
    above: dict[str, int] = field(default_factory=dict)  # title cells of the rows above the header -> line

    def note(self, kind: str, line: int | None, text: str) -> None:
        """Keep a note for the report (a file of 10^6 ragged rows keeps MAX_LISTED, counts the rest)."""
        if len(self.notes) < MAX_LISTED:
            self.notes.append(Note(kind, line, text))
        else:
            self.more_notes[kind] += 1

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line or record number in the file, header -> text) for every non-empty row."""
        if self.format in MARC_FORMATS:
            from stinet.ingest.marcfiles import marc_rows  # imports this module

            yield from marc_rows(self)
            return
        if self.format == "oai_dc":
            from stinet.ingest.dcfiles import oai_dc_rows  # imports this module

            yield from oai_dc_rows(self)
            return
        from stinet.ingest import sheets  # imports this module

        reader = {"csv": _csv_rows, "xlsx": sheets.xlsx_rows, "xls": sheets.xls_rows}[self.format]
        yield from _records(self, reader(self))


def guess_format(path: Path) -> str:
    """The import format of a file: from its content where that is plainly MARC (ISO 2709), MARCXML or
    Dublin Core (an export saved as "records.txt" or "export.csv"), else from its extension."""
    fmt = _by_content(path) or _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ImportFileError(_("%(file)s: unknown file type %(suffix)r; use --format (%(formats)s)")
                              % {"file": path.name, "suffix": path.suffix, "formats": ", ".join(FORMATS)})
    return fmt


# a MARC leader: record length, four codes, indicator and subfield code counts, base address, three
# codes, entry map "4500"
_MARC_LEADER = re.compile(rb"\d{5}[ -~]{5}\d\d\d{5}[ -~]{3}4500")


def _by_content(path: Path) -> str | None:
    """The format the file's first kilobytes show: "marc", "marcxml", "oai_dc" or None (anything else)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    if _MARC_LEADER.match(head.lstrip(b"\xef\xbb\xbf \t\r\n")) and b"\x1e" in head:  # after a BOM, line breaks
        return "marc"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 XML (iconv, Windows tools): looked at as UTF-8
        head = head[: len(head) // 2 * 2].decode("utf-16", errors="replace").encode()
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not start.startswith(b"<"):
        return None
    if b"http://www.loc.gov/MARC21/slim" in head:
        return "marcxml"
    if b"http://www.openarchives.org/OAI/2.0/" in head:  # an OAI-PMH answer or oai_dc records
        return "oai_dc"
    return None


def open_table(path: Path, fmt: str | None = None) -> Table:
    """Check the whole file and return its table, or raise ImportFileError."""
    if not path.is_file():
        raise ImportFileError(no_such_file(path))
    if path.stat().st_size == 0:
        raise ImportFileError(_("%(file)s: the file is empty") % {"file": path.name})
    by_name = None
    if fmt is None:
        fmt, by_name = guess_format(path), _EXTENSIONS.get(path.suffix.lower())
    if fmt in ("oai_dc", *MARC_FORMATS):
        from stinet.ingest.dcfiles import open_oai_dc  # imports this module
        from stinet.ingest.marcfiles import open_marc  # imports this module

        table = open_oai_dc(path) if fmt == "oai_dc" else open_marc(path, fmt)
        if by_name not in (None, fmt) and not (by_name == "marcxml" and fmt == "oai_dc"):
            table.note("note", None, _("read as %(format)s, as its content shows (its name says %(suffix)s)")
                       % {"format": FORMAT_NAMES[fmt], "suffix": path.suffix})
        return table
    from stinet.ingest import sheets  # imports this module

    opener = {"csv": _open_csv, "xlsx": sheets.open_xlsx, "xls": sheets.open_xls}.get(fmt)
    if opener is None:
        raise ImportFileError(_("%(file)s: unknown format %(format)r (%(formats)s)")
                              % {"file": path.name, "format": fmt, "formats": ", ".join(FORMATS)})
    table = opener(path)
    if not any(h.strip() for h in table.header):
        raise ImportFileError(_("%(file)s: no header row found") % {"file": path.name})
    table.read_header = table.header
    table.header = unicode_header(table.header)
    return table


def unicode_header(header: list[str]) -> list[str]:
    """Headers typed in TCVN3 or VNI ('Thêi gian thùc hiÖn') in Unicode: rows are keyed, unknown columns
    reported and kept, and the file refused, in Unicode. A short one that reads as Unicode too ("Ghi chó")
    is read in the encoding of the others when most are in one ("Ghi chú"). ASCII headers are codes such
    as dc.date.issued, left alone, unless the header is VIQR: all ASCII, one name plainly VIQR ("Te^n dde^`
    ta`i"), and the others read as VIQR too ("Ta'c gia?": "Tác giả")."""
    likely = likely_encoding([(0, {str(i): h for i, h in enumerate(header)})], frozenset())
    if likely is None and all(h.isascii() for h in header) and any(detect(h) == "viqr" for h in header):
        likely = "viqr"
    read = {i: to_unicode(h, likely=likely) for i, h in enumerate(header)
            if not h.isascii() or (likely == "viqr" and canonical(h) is None)}
    found = {conversion.encoding for conversion in read.values() if conversion.encoding}
    # a header too short to tell ("¦.TH") is read in the others' legacy encoding when it shows one of its signs
    legacy = likely if likely in LATIN1_ENCODINGS else found.pop() if len(found) == 1 else None
    out = list(header)
    for i, conversion in read.items():
        if legacy in LATIN1_ENCODINGS and not conversion.encoding and shows_legacy_sign(header[i]) \
                and not proves_unicode(header[i]):
            out[i] = to_unicode(header[i], encoding=legacy).text
        else:
            out[i] = conversion.text
    return out


def distinct_headers(header: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """The header with a repeated name numbered ("dc.title", "dc.title[2]": the same field, as DSpace's
    language-tagged columns are), and the repeated names -> the names their later columns got. Keyed by
    name, a later column replaced the earlier one: its values were lost, a row whose title was only in
    the first was refused for no title."""
    count: dict[str, int] = {}
    out, renamed = [], {}
    for name in header:
        if not name.strip():
            out.append(name)
            continue
        count[name] = count.get(name, 0) + 1
        if count[name] == 1:
            out.append(name)
            continue
        new = f"{name}[{count[name]}]"
        out.append(new)
        renamed.setdefault(name, []).append(new)
    return out, renamed


# --- Rows common to CSV and spreadsheets ------------------------------------------------------

# a form's column numbers: "1", "(2)", "[3]", "4." (Vietnamese forms number their columns)
_COLUMN_NUMBER = re.compile(r"\(\d{1,3}\)|\[\d{1,3}\]|\d{1,3}\.?")
_HEADER_ROWS = 10  # rows without a title after a header that may still belong to it


def _key(cell: str) -> str:
    """A cell compared with a header cell: Unicode, case and spacing aside."""
    text = cell.strip()
    return " ".join((text if text.isascii() else to_unicode(text).text).casefold().split())


def _title_at(header: list[str]) -> int | None:
    """The index of the title column (a file without one is refused before its rows are read)."""
    return next((i for i, h in enumerate(header) if h and canonical(h) == "dc.title"), None)


def _cell_at(cells: list[str], i: int) -> str:
    return cells[i].strip() if i < len(cells) else ""


def _is_column_numbers(cells: list[str], title_at: int) -> bool:
    """A row holding only column numbers, the title column's among them."""
    filled = [c.strip() for c in cells if c.strip()]
    return (len(filled) >= 2 and bool(_cell_at(cells, title_at))
            and all(_COLUMN_NUMBER.fullmatch(c) for c in filled))


def _repeats_header(cells: list[str], keys: list[str]) -> bool:
    """A row whose cells are the header's (a printed form repeats it on every page)."""
    filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
    return len(filled) >= 2 and all(i < len(keys) and _key(c) == keys[i] for i, c in filled)


def _ragged(table: Table, line: int, cells: list[str]) -> None:
    """Note a CSV row with more or fewer cells than the header (an unquoted delimiter shifts cells)."""
    width = len(table.header)
    if len(cells) == width:
        return
    named = max((i + 1 for i, h in enumerate(table.header) if h), default=width)
    used = max((i + 1 for i, c in enumerate(cells) if c.strip()), default=0)
    if used > width:
        extra = ", ".join(f"'{unnamed_column_label(i)}'" for i in range(width, used) if cells[i].strip())
        delimiter = {",": pgettext("csv delimiter", "a comma"), ";": pgettext("csv delimiter", "a semicolon"),
                     "\t": pgettext("csv delimiter", "a tab")}[table._dialect.delimiter]  # type: ignore[attr-defined]
        table.note("check", line, _("%(used)s cells where the header has %(width)s (%(delimiter)s inside a value "
                                    "not in quotes shifts the cells after it; extra cells kept as %(extra)s)")
                   % {"used": used, "width": width, "delimiter": delimiter, "extra": extra})
    elif len(cells) < named:
        table.note("check", line, _("%(n)s cells where the header has %(width)s (the missing cells are left empty)")
                   % {"n": len(cells), "width": width})


def _records(table: Table, source: Iterable[Cells]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as header -> text, without column-number rows, repeated headers and repeated title rows.

    Rows without a title just under a header (a form's header on several rows) are held back:
    when the column numbers follow, they are part of the header and skipped too.
    """
    title_at = _title_at(table.header)
    keys = [_key(h) for h in table.read_header or table.header]  # compared with cells as the file has them
    # a title cell longer than this is no column number, header or title row: most rows stop there
    longest = 2 * max((len(k) for k in [keys[title_at] if title_at is not None else "", *table.above]),
                      default=0) + 8
    held: list[tuple[int, list[str]]] = []
    after_header, rows = True, 0
    for line, cells, problem in source:
        skipped = (None if problem or title_at is None or len(_cell_at(cells, title_at)) > longest
                   else _skip_reason(table, cells, title_at, keys))
        if skipped is not None:
            for n, _cells in held:
                table.note("skipped", n, _("part of the header (above the column numbers on line %(line)s)")
                           % {"line": line})
            held.clear()
            repeated, why = skipped
            table.note("skipped", line, why)
            after_header = repeated
            continue
        if (after_header and not problem and title_at is not None and not _cell_at(cells, title_at)
                and len(held) < _HEADER_ROWS):
            held.append((line, cells))
            continue
        after_header = False
        rows += len(held) + 1
        yield from _released(table, held)
        # a row that cannot be read keeps the cells that could, for `import --rejects` to write out
        yield line, {**_as_dict(table.header, cells), ERROR: problem} if problem else _row(table, line, cells)
    rows += len(held)
    yield from _released(table, held)
    if not rows:
        table.note("note", table.header_line, _("no data rows below the header: nothing to import"))


def _skip_reason(table: Table, cells: list[str], title_at: int, keys: list[str]) -> tuple[bool, str] | None:
    """Why a row is not a record (and whether it is the header repeated), or None (the title cell is
    looked at first)."""
    title = _cell_at(cells, title_at)
    if not title:
        return None
    if _COLUMN_NUMBER.fullmatch(title) and _is_column_numbers(cells, title_at):
        numbers = [c.strip() for c in cells if c.strip()]
        shown = " ".join(numbers[:6]) + (" ..." if len(numbers) > 6 else "")
        return False, _("column numbers (%(numbers)s), not a record") % {"numbers": shown}
    key = _key(title)
    if key == keys[title_at] and _repeats_header(cells, keys):
        return True, _("the header repeated")
    if (above := table.above.get(key)) is not None:
        return False, _("repeats the title above the header (line %(line)s), not a record") % {"line": above}
    return None


def _released(table: Table, held: list[tuple[int, list[str]]]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows held back under a header that turned out to be rows like any other."""
    for line, cells in held:
        yield line, _row(table, line, cells)
    held.clear()


def _row(table: Table, line: int, cells: list[str]) -> dict[str, str]:
    """A record's row as header -> text; a CSV row of another width than the header noted."""
    if table.format == "csv":
        _ragged(table, line, cells)
    return _as_dict(table.header, cells)


def _as_dict(header: list[str], row: list[str]) -> dict[str, str]:
    """Zip a row with the header; cells under no header name (an empty header cell, or beyond the
    header) get numbered column names, so that their values are kept as extra data too."""
    values = {h: (row[i] if i < len(row) else "") for i, h in enumerate(header) if h}
    if len(row) > len(header) or "" in header:  # most rows have neither
        for i, cell in enumerate(row):
            if (i >= len(header) or not header[i]) and cell.strip():
                values[unnamed_column(i)] = cell
    return values


def unnamed_column_label(i: int) -> str:
    """How the report names a cell under no header, as the work page does: "column 5", "cột 5" in Vietnamese."""
    return extra_label(unnamed_column(i), interface_lang())


# --- CSV -----------------------------------------------------------------------------------

def _decode(path: Path) -> DecodedText:
    """The whole file as text, or ImportFileError when it is binary or undecodable."""
    data = path.read_bytes()
    if data[:4] == _ZIP or data[:8] == _OLE:
        raise ImportFileError(_("%(file)s: this is a spreadsheet, not a CSV file; use .xlsx/.xls")
                              % {"file": path.name})
    try:
        decoded = decode_text(data)
    except ValueError as exc:
        raise ImportFileError(_("%(file)s: not a text file (%(reason)s)")
                              % {"file": path.name, "reason": binary_reason(exc)}) from None
    return _decomposed(data, decoded)


def _decomposed(data: bytes, decoded: DecodedText) -> DecodedText:
    """The text as the file has it when it is UTF-8 with decomposed letters (NFD, as macOS writes them):
    decode_text composes the whole file, and then the import could not report which values it converted.
    Parsing composes every value, codes and the source record kept included, and reports them value by
    value, as text in legacy encodings (parsing.convert_row); headers are composed by unicode_header."""
    # U+0300-U+036F, the combining marks, are CC 80 - CD AF in UTF-8: most files have neither byte
    if decoded.encoding != "utf-8" or decoded.damaged or (b"\xcc" not in data and b"\xcd" not in data):
        return decoded
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return decoded
    return DecodedText(text, decoded.encoding) if text != decoded.text else decoded


def binary_reason(exc: ValueError) -> str:
    """Why bytes are no text, in the interface language (vietnamese.decode, free of Django, says it in
    English and gives its EncodingError a kind to word it by)."""
    reasons = {EncodingError.NUL: _("binary data: NUL byte in what should be text (at byte %(at)s)"),
               EncodingError.CONTROLS: _("binary data: too many control bytes for text (at byte %(at)s)")}
    if isinstance(exc, EncodingError) and exc.kind in reasons:
        return reasons[exc.kind] % {"at": exc.start}
    return str(exc)


def no_such_file(path: Path) -> str:
    """The refusal of a file name that names no file: none there, a folder, or no regular file."""
    if path.is_dir():
        return _("%(path)s: a folder, not a file") % {"path": path}
    if path.exists():
        return _("%(path)s: not a regular file (a device or a pipe)") % {"path": path}
    return _("%(path)s: no such file") % {"path": path}


_DELIMITERS = (",", ";", "\t")
_SNIFF_ROWS, _SNIFF_CHARS = 50, 1 << 18


def _widths(text: str, delimiter: str) -> list[int]:
    """Cells in each of the first non-blank records, read as Excel reads them with this delimiter."""
    sample = text[:_SNIFF_CHARS]
    reader = csv.reader(io.StringIO(sample, newline=""), csv.excel, delimiter=delimiter)
    try:
        widths = [len(row) for row in islice((r for r in reader if any(c.strip() for c in r)), _SNIFF_ROWS)]
    except csv.Error:
        return []
    if len(sample) < len(text) and 1 < len(widths) < _SNIFF_ROWS:
        widths.pop()  # the sample may end inside the last record
    return widths


def _dialect(text: str) -> type[csv.Dialect]:
    """Excel's CSV (quotes doubled inside quoted cells) with the delimiter among comma, semicolon
    and tab that splits the header and the first records into the same number of cells (the most
    records agreeing with the header, then the most columns); comma when none splits the header.

    Excel in the Vietnamese locale writes ";" CSV, whose headers may hold commas ("Tên đề tài, dự
    án"): the header line alone cannot tell. Only the delimiter is chosen: Python's sniffer also
    guessed how quotes are escaped, and guessed "not doubled" turned 'Say ""hi"" now' into
    'Say "hi"" now'.
    """
    scores: dict[str, tuple[float, int, int]] = {}
    for rank, delimiter in enumerate(_DELIMITERS):
        widths = _widths(text, delimiter)
        if widths and widths[0] >= 2:
            data = widths[1:]
            agree = sum(w == widths[0] for w in data) / len(data) if data else 1.0
            scores[delimiter] = (agree, widths[0], -rank)  # ties: the earlier delimiter
    delimiter = max(scores, key=scores.__getitem__, default=",")
    if delimiter == ",":
        return csv.excel
    return type("Sniffed", (csv.excel,), {"delimiter": delimiter})


def _open_csv(path: Path) -> Table:
    """Decode and parse the whole CSV once, so a broken file is refused before any write."""
    decoded = _decode(path)
    text = decoded.text
    dialect = _dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        head: list[tuple[int, list[str]]] = []  # the first rows, each with the line it ends on
        for row in reader:
            head.append((reader.line_num, row))
            if len(head) == 1 and sum(1 for c in row if c.strip() and canonical(c)) >= 2:
                break  # a header naming known columns on the first line, as nearly always
            if len(head) == 30:
                break
        at = _header_at([[c.strip().lstrip("\ufeff") for c in row] for _end, row in head])
        header, header_end = (head[at][1], head[at][0]) if head else ([], 0)
        count = sum(1 for _end, row in head[at + 1:] if any(c.strip() for c in row))
        count += sum(1 for row in reader if any(cell.strip() for cell in row))
    except csv.Error as exc:
        reason = (_("a cell of more than %(n)s MB") % {"n": CELL_LIMIT // (1024 * 1024)}
                  if "field larger than field limit" in str(exc) else str(exc))  # the csv module's English
        raise ImportFileError(_("%(file)s, line %(line)s: not valid CSV (%(error)s)")
                              % {"file": path.name, "line": reader.line_num, "error": reason}) from None
    table = Table(path, "csv", [h.strip().lstrip("\ufeff") for h in header], count, decoded.encoding,
                  header_line=head[at - 1][0] + 1 if at else 1)
    title_at = _title_at(table.header)
    if at and title_at is not None:  # the title rows above the header, to know them if the file repeats them
        table.above = {_key(r[title_at]): end for end, r in head[:at] if title_at < len(r) and r[title_at].strip()}
    table._header_end = header_end  # type: ignore[attr-defined]
    table._text = text  # type: ignore[attr-defined]  # decoded once, reused by rows()
    table._dialect = dialect  # type: ignore[attr-defined]
    damaged: dict[int, str] = {}  # line -> its undecodable bytes
    for line, hexed in decoded.damaged:
        damaged[line] = f"{damaged[line]}, {hexed}" if line in damaged else hexed
    table._damaged = damaged  # type: ignore[attr-defined]
    for line in (n for n in damaged if n <= header_end):
        table.note("check", line, _("the header holds bytes that are not valid %(encoding)s (%(bytes)s), read as "
                                    "'\ufffd'") % {"encoding": decoded.encoding.upper(), "bytes": damaged[line]})
    return table


def _header_at(rows: list[list[str]]) -> int:
    """Which of a CSV file's first rows is its header: the first, unless title rows sit above it ("DANH MỤC
    ĐỀ TÀI ..." saved from a spreadsheet) and a later row names the columns (as in spreadsheets)."""
    from stinet.ingest.sheets import find_header  # imports this module

    if not rows or sum(1 for c in rows[0] if c and canonical(c)) >= 2 or sum(1 for c in rows[0] if c) >= 2:
        return 0
    return find_header(rows) or 0


def _csv_rows(table: Table) -> Iterator[Cells]:
    """Rows of a checked CSV file, each at the line it starts on; a row with undecodable bytes cannot be
    read (it is rejected). A quote opened and never closed takes in the rows after it as one cell: that
    row is rejected at its line and the rows after it are read again from the next line."""
    text, dialect = table._text, table._dialect  # type: ignore[attr-defined]
    damaged: dict[int, str] = table._damaged  # type: ignore[attr-defined]
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    for _row in reader:  # the title rows above the header, and the header
        if reader.line_num >= table._header_end:  # type: ignore[attr-defined]
            break
    base, last = 0, reader.line_num  # lines of the file before the reader's text; the reader's last line
    while True:
        broken = None
        for row in reader:
            start, last = base + last + 1, reader.line_num
            end = base + last
            if not any(cell.strip() for cell in row):
                continue
            if end > start and _swallowed(row, len(table.header), dialect.delimiter):
                broken = start
                break
            bad = [(n, damaged[n]) for n in range(start, end + 1) if n in damaged] if damaged else []
            if not bad and any("\0" in cell for cell in row):
                yield start, row, _("a NUL character (a damaged byte, 00); correct it in the file and import it again")
                continue
            yield start, row, _damaged_reason(table, start, bad)
        if broken is None:
            return
        # the line as it is written, cut at its delimiters (quotes kept), for `import --rejects` to write out
        line_text = text[_line_offset(text, broken):_line_offset(text, broken + 1)].rstrip("\r\n")
        cells = next(csv.reader([line_text], delimiter=dialect.delimiter, quoting=csv.QUOTE_NONE), [])
        yield broken, cells, _("a quote opened on this line is never closed (it takes in the lines after it); "
                               "close it or remove it")
        base, last = broken, 0
        reader = csv.reader(io.StringIO(text[_line_offset(text, broken + 1):], newline=""), dialect)


def _swallowed(row: list[str], width: int, delimiter: str) -> bool:
    """Whether a row read over several lines is rows taken in by an unclosed quote: fewer cells than the
    header, and a cell holding a line that is a whole row itself (as many delimiters as the header)."""
    return len(row) < width and width > 1 and any(
        line.count(delimiter) >= width - 1 for cell in row if "\n" in cell or "\r" in cell
        for line in cell.splitlines()[1:])


def _line_offset(text: str, line: int) -> int:
    """Where a (1-based) line of the text starts, lines counted as the csv reader counts them."""
    offset = 0
    for number, content in enumerate(io.StringIO(text, newline=""), start=1):
        if number == line:
            return offset
        offset += len(content)
    return len(text)


def _damaged_reason(table: Table, line: int, bad: list[tuple[int, str]]) -> str:
    """Why a row with undecodable bytes is rejected rather than stored with '\ufffd' in its text:
    that would overwrite a good copy stored before, or key a duplicate once the file is fixed."""
    if not bad:
        return ""
    hexed = ", ".join(h if n == line else _("%(bytes)s on line %(line)s") % {"bytes": h, "line": n} for n, h in bad)
    count = 2 if len(bad) > 1 or " " in bad[0][1] else 1  # "FF", "FF, FE", "E1 BB"
    return ngettext("not valid %(encoding)s: byte %(bytes)s (a damaged character); correct it in the file and "
                    "import it again",
                    "not valid %(encoding)s: bytes %(bytes)s (a damaged character); correct it in the file and "
                    "import it again", count) % {"encoding": table.encoding.upper(), "bytes": hexed}
