"""Readers of members' files: each yields (line or record number, header -> text) rows.

A reader first checks the file as a whole (`open_table`): a file that is not what it claims,
is empty, or cannot be decoded raises ImportFileError with one line naming the problem, before
anything is written. MARC files (ISO 2709, MARCXML) are read by ingest/marcfiles.py.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from stinet.ingest.columns import canonical
from stinet.vietnamese import detect_encoding_of_bytes as decode_bytes
from stinet.vietnamese import to_unicode

FORMATS = ("csv", "xlsx", "xls", "marc", "marcxml")
MARC_FORMATS = ("marc", "marcxml")
_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xls": "xls",
               ".mrc": "marc", ".marc": "marc", ".dat": "marc", ".iso": "marc", ".xml": "marcxml"}
csv.field_size_limit(16 * 1024 * 1024)


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

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line or record number in the file, header -> text) for every non-empty row."""
        if self.format in MARC_FORMATS:
            from stinet.ingest.marcfiles import marc_rows  # imports this module

            yield from marc_rows(self)
            return
        reader = {"csv": _csv_rows, "xlsx": _xlsx_rows, "xls": _xls_rows}[self.format]
        yield from reader(self)


def guess_format(path: Path) -> str:
    """The import format of a file from its extension."""
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ImportFileError(
            f"{path.name}: unknown file type {path.suffix!r}; use --format ({', '.join(FORMATS)})"
        )
    return fmt


def open_table(path: Path, fmt: str | None = None) -> Table:
    """Check the whole file and return its table, or raise ImportFileError."""
    if not path.is_file():
        raise ImportFileError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise ImportFileError(f"{path.name}: the file is empty")
    fmt = fmt or guess_format(path)
    if fmt in MARC_FORMATS:
        from stinet.ingest.marcfiles import open_marc  # imports this module

        return open_marc(path, fmt)
    opener = {"csv": _open_csv, "xlsx": _open_xlsx, "xls": _open_xls}.get(fmt)
    if opener is None:
        raise ImportFileError(f"{path.name}: unknown format {fmt!r} ({', '.join(FORMATS)})")
    table = opener(path)
    if not any(h.strip() for h in table.header):
        raise ImportFileError(f"{path.name}: no header row found")
    # headers typed in TCVN3 or VNI ('Thêi gian thùc hiÖn'): rows are keyed, unknown columns
    # reported and kept, in Unicode (ASCII headers are codes such as dc.date.issued: left alone)
    table.header = [h if h.isascii() else to_unicode(h).text for h in table.header]
    return table


# --- CSV -----------------------------------------------------------------------------------

def _decode(path: Path) -> tuple[str, str]:
    """The whole file as text, or ImportFileError when it is binary or undecodable."""
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(f"{path.name}: this is a spreadsheet, not a CSV file; use .xlsx/.xls")
    try:
        return decode_bytes(data)
    except ValueError as exc:
        raise ImportFileError(f"{path.name}: not a text file ({exc})") from None


def _dialect(sample: str) -> type[csv.Dialect]:
    """Excel's CSV (quotes doubled inside quoted cells) with the delimiter sniffed among comma,
    semicolon and tab on the header line; comma when unsure.

    Only the delimiter is taken from the sniffer: from a header line it cannot tell how quotes are
    escaped, and guessed "not doubled" it turned 'Say ""hi"" now' into 'Say "hi"" now'.
    """
    try:
        delimiter = csv.Sniffer().sniff(sample.split("\n", 1)[0] + "\n", delimiters=",;\t").delimiter
    except csv.Error:
        return csv.excel
    return type("Sniffed", (csv.excel,), {"delimiter": delimiter})


def _open_csv(path: Path) -> Table:
    """Decode and parse the whole CSV once, so a broken file is refused before any write."""
    text, encoding = _decode(path)
    dialect = _dialect(text[:65536])
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader, [])
        count = sum(1 for row in reader if any(cell.strip() for cell in row))
    except csv.Error as exc:
        raise ImportFileError(f"{path.name}, line {reader.line_num}: not valid CSV ({exc})") from None
    table = Table(path, "csv", [h.strip().lstrip("\ufeff") for h in header], count, encoding)
    table._text = text  # type: ignore[attr-defined]  # decoded once, reused by rows()
    table._dialect = dialect  # type: ignore[attr-defined]
    return table


def _csv_rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a checked CSV file."""
    reader = csv.reader(io.StringIO(table._text, newline=""), table._dialect)  # type: ignore[attr-defined]
    next(reader)
    for row in reader:
        if any(cell.strip() for cell in row):
            yield reader.line_num, _as_dict(table.header, row)


def _as_dict(header: list[str], row: list[str]) -> dict[str, str]:
    """Zip a row with the header; extra cells beyond the header get numbered column names."""
    values = {h: (row[i] if i < len(row) else "") for i, h in enumerate(header) if h}
    for i in range(len(header), len(row)):
        if row[i].strip():
            values[f"column {i + 1}"] = row[i]
    return values


# --- Excel -----------------------------------------------------------------------------------

def find_header(rows: list[list[str]]) -> int | None:
    """Index of the header row among the first rows of a sheet (titles often sit above it).

    The header is the first row naming at least two known columns; failing that, the first row
    with two or more non-empty cells.
    """
    for i, cells in enumerate(rows[:30]):
        if sum(1 for c in cells if c and canonical(c)) >= 2:
            return i
    return next((i for i, r in enumerate(rows) if sum(1 for c in r if c.strip()) >= 2), None)


def _cell(value: object) -> str:
    """A spreadsheet cell as text: whole numbers without '.0', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def _open_xlsx(path: Path) -> Table:
    """Open the first sheet of an .xlsx workbook; the header is its first non-empty row."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(f"{path.name}: not an .xlsx workbook ({exc})") from None
    sheet = book.worksheets[0]
    head = [[_cell(v).strip() for v in row] for row in sheet.iter_rows(max_row=30, values_only=True)]
    at = find_header(head)
    total = max((sheet.max_row or 1) - 1 - (at or 0), 0)
    book.close()
    table = Table(path, "xlsx", head[at] if at is not None else [], total, "xlsx")
    table._start = (at or 0) + 1  # type: ignore[attr-defined]  # 1-based row of the header
    return table


def _xlsx_rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of the first sheet after the header row."""
    import openpyxl

    book = openpyxl.load_workbook(table.path, read_only=True, data_only=True)
    try:
        start = table._start  # type: ignore[attr-defined]
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(min_row=start + 1, values_only=True), start + 1):
            cells = [_cell(v) for v in row]
            if any(c.strip() for c in cells):
                yield number, _as_dict(table.header, cells)
    finally:
        book.close()


def _open_xls(path: Path) -> Table:
    """Open the first sheet of an old Excel .xls workbook (BIFF) with xlrd."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except (xlrd.XLRDError, OSError, AssertionError, IndexError, ValueError) as exc:
        raise ImportFileError(f"{path.name}: not an .xls workbook ({exc})") from None
    sheet = book.sheet_by_index(0)
    rows = [[_cell(v).strip() for v in sheet.row_values(r)] for r in range(sheet.nrows)]
    header_at = find_header(rows)
    header = rows[header_at] if header_at is not None else []
    table = Table(path, "xls", header, sheet.nrows - (header_at or 0) - 1, "xls")
    table._rows = rows[(header_at or 0) + 1:]  # type: ignore[attr-defined]
    table._start = (header_at or 0) + 2  # type: ignore[attr-defined]
    return table


def _xls_rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of the first .xls sheet after the header row."""
    for offset, cells in enumerate(table._rows):  # type: ignore[attr-defined]
        if any(c for c in cells):
            yield table._start + offset, _as_dict(table.header, cells)  # type: ignore[attr-defined]
