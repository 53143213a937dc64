"""Readers of members' Excel workbooks (.xlsx with openpyxl, .xls with xlrd): the first sheet.

The header is found among the first rows (titles often sit above it); date cells become ISO
dates; the other sheets are named in the report. Rows go through readers._records like a CSV's.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stinet.ingest.columns import canonical
from stinet.ingest.readers import _OLE, _ZIP, Cells, ImportFileError, Table, _key, _title_at

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

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


def _sheet_table(path: Path, fmt: str, head: list[list[str]], rows: int) -> Table:
    """The table of a sheet of `rows` rows whose first rows are `head`: header found, title rows
    above it kept (to know them when the sheet repeats them)."""
    at = find_header(head)
    table = Table(path, fmt, head[at] if at is not None else [], max(rows - (at or 0) - 1, 0), fmt,
                  header_line=(at or 0) + 1)
    title_at = _title_at(table.header)
    if at is not None and title_at is not None:
        table.above = {_key(r[title_at]): n for n, r in enumerate(head[:at], 1)
                       if title_at < len(r) and r[title_at].strip()}
    return table


def _not_a_workbook(path: Path, fmt: str, reason: object) -> ImportFileError:
    """One line saying the file is not the workbook its format says (and when it is the other kind)."""
    other = "xls" if fmt == "xlsx" else "xlsx"
    with path.open("rb") as fh:
        if fh.read(8).startswith({"xlsx": _ZIP, "xls": _OLE}[other]):
            reason = _("it looks like an .%(other)s workbook; use --format %(other)s") % {"other": other}
    return ImportFileError(_("%(file)s: not an .%(format)s workbook (%(reason)s)")
                           % {"file": path.name, "format": fmt, "reason": reason})


def _load_xlsx(path: Path, handle: io.BufferedReader) -> Workbook:
    """openpyxl's read-only workbook from an open file (openpyxl refuses names not ending .xlsx)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        _check_inflation(path)
        return openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise _not_a_workbook(path, "xlsx", _("no zip archive, as every .xlsx is: another kind of file, or cut "
                                              "short")) from None
    except ImportFileError:
        raise
    except (InvalidFileException, KeyError, OSError, ValueError, TypeError,
            SyntaxError) as exc:  # SyntaxError: xml.etree's ParseError of a broken part
        raise _not_a_workbook(path, "xlsx", str(exc).splitlines()[0] if str(exc) else exc) from None


# A part of a workbook that inflates this much, and this much more than its compressed size, is a zip bomb (a
# 1.5 MB file of one 1.5 GB cell took 3 GB and 4 minutes to read; 8.5 MB of 60 million rows, 7.5 GB): real
# sheets compress 5-20 times, and a million rows of twenty columns stay under the cap.
BOMB_BYTES, BOMB_RATIO, PART_MAX_BYTES = 100 * 2 ** 20, 100, 4 * 2 ** 30


def _check_inflation(path: Path) -> None:
    """Refuse, in one line, a workbook whose parts inflate as only a zip bomb does (declared sizes: read
    against them, a part cannot inflate further)."""
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > PART_MAX_BYTES or (info.file_size > BOMB_BYTES and ratio > BOMB_RATIO):
                raise ImportFileError(_("%(file)s: its part %(part)s inflates to %(size)s MB (%(ratio)s times its "
                                        "size in the file): refused as a zip bomb")
                                      % {"file": path.name, "part": info.filename, "size": info.file_size // 2 ** 20,
                                         "ratio": int(ratio)})


def _other_sheets(table: Table, sheets: list[tuple[str, int]]) -> None:
    """Note the sheets not read (only the first is): their names and rows, empty ones left out."""
    rest = ", ".join(ngettext("%(name)r (%(n)s row)", "%(name)r (%(n)s rows)", rows) % {"name": name, "n": rows}
                     for name, rows in sheets[1:] if rows)
    if rest:
        table.note("note", None, _("only the first sheet %(name)r was read; not read: %(rest)s")
                   % {"name": sheets[0][0], "rest": rest})


def open_xlsx(path: Path) -> Table:
    """Open the first sheet of an .xlsx workbook; the header is found among its first rows."""
    with path.open("rb") as handle:
        book = _load_xlsx(path, handle)
        try:
            sheet = book.worksheets[0]
            merges, uncomputed = _scan_sheet(path, getattr(sheet, "_worksheet_path", ""))
            merged = _MergedDown(merges)
            head = [[_cell(v).strip() for v in merged.filled(number, row)]
                    for number, row in enumerate(sheet.iter_rows(max_row=30, values_only=True), 1)]
            table = _sheet_table(path, "xlsx", head, sheet.max_row or 1)
            table._merges = merges  # type: ignore[attr-defined]
            if uncomputed:
                table.note("note", None, ngettext(
                    "%(n)s cell holds a formula whose value was never computed (the file was not saved by a "
                    "spreadsheet program): it is read as empty; open the file in Excel or LibreOffice and save it",
                    "%(n)s cells hold formulas whose values were never computed (the file was not saved by a "
                    "spreadsheet program): they are read as empty; open the file in Excel or LibreOffice and save it",
                    uncomputed) % {"n": uncomputed})
            _other_sheets(table, [(s.title, _xlsx_rows_in(s)) for s in book.worksheets])
        finally:
            book.close()
    return table


class _MergedDown:
    """The cells of a sheet merged down over several rows (a year, a member, a field written once for
    a group of records): every row of the merge has the value its first row holds, in that column
    (merges as (column from 0, first row, last row), rows numbered from 1; .xlsx and .xls alike).

    A merge across columns is left as it is (the cells to its right belong to other columns). Excel
    keeps the merges at the end of the sheet's XML; openpyxl's streaming reader does not read them.
    """

    def __init__(self, merges: list[tuple[int, int, int]], first_row: int = 1, header: list[str] | None = None) -> None:
        self.spans: dict[int, list[tuple[int, int]]] = {}  # first row -> (column, last row) of its merges
        for column, top, bottom in merges:
            if top >= first_row:  # a merge from above the rows read has its value above them
                self.spans.setdefault(top, []).append((column, bottom))
        self.carried: dict[tuple[int, int], object] = {}  # (column, last row) -> the value carried down
        self.header = header or []  # a header repeated further down, merged over its lines, is not carried

    def filled(self, number: int, row: tuple[object, ...]) -> tuple[object, ...]:
        """The row with the cells of the merges it is in filled."""
        for column, bottom in self.spans.get(number, ()):
            if column < len(row) and not (column < len(self.header)
                                          and _key(_cell(row[column])) == _key(self.header[column])):
                self.carried[(column, bottom)] = row[column]
        if not self.carried:
            return row
        cells = list(row)
        for (column, bottom), value in list(self.carried.items()):
            if number > bottom:
                del self.carried[(column, bottom)]
            elif column < len(cells) and cells[column] in (None, ""):
                cells[column] = value
        return tuple(cells)


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d{1,7}):[A-Z]{1,3}(\d{1,7})"')
# a formula with no value after it: written by a program that does not compute (openpyxl, exporters)
_UNCOMPUTED = re.compile(rb"(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)"
                         rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?</(?:\w+:)?c>")
_SCAN = 1 << 20  # bytes of the sheet's XML looked through at a time
_OVERLAP = 400  # bytes read again with the next part, so that a cell or a merge cut by a read is found whole


def _scan_sheet(path: Path, part: str) -> tuple[list[tuple[int, int, int]], int]:
    """The merges of a sheet that span rows, (column from 0, first row, last row), and the number of its
    formulas without a computed value: found in its XML by their patterns (parsing the whole sheet a
    second time would cost more than reading it)."""
    from openpyxl.utils.cell import column_index_from_string

    found: dict[tuple[int, int, int], None] = {}
    uncomputed = 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open(part) as xml:
            tail = b""
            while chunk := xml.read(_SCAN):
                text = tail + chunk
                for m in _MERGE.finditer(text):
                    top, bottom = int(m[2]), int(m[3])
                    if bottom > top:
                        found[(column_index_from_string(m[1].decode()) - 1, top, bottom)] = None
                uncomputed += sum(1 for m in _UNCOMPUTED.finditer(text) if m.end() > len(tail))  # new ones
                tail = text[-_OVERLAP:]
    except (KeyError, OSError, zipfile.BadZipFile, ValueError):
        return [], 0
    return list(found), uncomputed


def _xlsx_rows_in(sheet: Any) -> int:
    """Rows of a sheet as its dimension says (no reading), 0 when it has no cell at all."""
    rows: int = sheet.max_row or 0
    if rows <= 1 and not any(v is not None for row in sheet.iter_rows(max_row=1, values_only=True) for v in row):
        return 0
    return rows


def xlsx_rows(table: Table) -> Iterator[Cells]:
    """Rows of the first sheet after the header row."""
    with table.path.open("rb") as handle:
        book = _load_xlsx(table.path, handle)
        try:
            sheet = book.worksheets[0]
            start = table.header_line + 1
            merged = _MergedDown(getattr(table, "_merges", []), start, table.header)
            for number, row in enumerate(sheet.iter_rows(min_row=start, values_only=True), start):
                cells = _without_errors(table, number, [_cell(v) for v in merged.filled(number, row)])
                if any(c.strip() for c in cells):
                    yield number, cells, ""
        finally:
            book.close()


def _xls_cell(value: object, ctype: int, datemode: int) -> str:
    """An .xls cell as text: dates as ISO like .xlsx (xlrd gives their serial number), errors as Excel shows them."""
    import xlrd

    if ctype == xlrd.XL_CELL_DATE and isinstance(value, float):
        try:
            when = xlrd.xldate.xldate_as_datetime(value, datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return _cell(value)
        return when.time().isoformat() if 0 <= value < 1 else when.date().isoformat()
    if ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERROR")  # type: ignore[call-overload]
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return str(bool(value))
    return _cell(value)


def open_xls(path: Path) -> Table:
    """Open the first sheet of an old Excel .xls workbook (BIFF) with xlrd."""
    import xlrd

    from stinet.ingest.disguised import read_disguised

    with path.open("rb") as fh:
        head = fh.read(65536)
    if not head.startswith((_OLE, _ZIP)) and (table := read_disguised(path, head, "xls")) is not None:
        return table  # an HTML page or text named .xls, as web catalogues export them
    # what xlrd raises on a cut or broken file (a compound document cut short: CompDocError, struct.error)
    broken = (xlrd.XLRDError, xlrd.compdoc.CompDocError, struct.error, OSError, AssertionError, IndexError,
              ValueError)
    try:  # with its formatting: the merged cells are only read with it
        book = xlrd.open_workbook(str(path), on_demand=True, formatting_info=True)
    except (*broken, NotImplementedError):
        try:
            book = xlrd.open_workbook(str(path), on_demand=True)
        except broken as exc:
            raise _not_a_workbook(path, "xls", exc) from None
    try:
        sheet = book.sheet_by_index(0)
        rows = [[_xls_cell(v, t, book.datemode).strip()
                 for v, t in zip(sheet.row_values(r), sheet.row_types(r), strict=True)]
                for r in range(sheet.nrows)]
        merges = sheet.merged_cells
        sizes = [(sheet.name, sheet.nrows)]
        for i in range(1, book.nsheets):
            sizes.append((book.sheet_names()[i], book.sheet_by_index(i).nrows))
            book.unload_sheet(i)
    except (xlrd.XLRDError, AssertionError, IndexError, ValueError) as exc:
        raise _not_a_workbook(path, "xls", exc) from None
    finally:
        book.release_resources()
    table = _sheet_table(path, "xls", rows, sheet.nrows)
    # xlrd's merges are (first row, row after the last, first column, column after the last), from 0
    merged = _MergedDown([(left, top + 1, after) for top, after, left, _right in merges if after - top > 1],
                         table.header_line + 1, table.header)
    table._rows = [list(merged.filled(number, tuple(row)))  # type: ignore[attr-defined]
                   for number, row in enumerate(rows[table.header_line:], table.header_line + 1)]
    _other_sheets(table, sizes)
    return table


def xls_rows(table: Table) -> Iterator[Cells]:
    """Rows of the first .xls sheet after the header row."""
    for offset, cells in enumerate(table._rows):  # type: ignore[attr-defined]
        number = table.header_line + 1 + offset
        cells = _without_errors(table, number, cells)
        if any(c for c in cells):
            yield number, cells, ""


# what Excel shows in a cell whose formula failed (openpyxl and xlrd give it as text)
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!", "#ERROR"})


def _without_errors(table: Table, line: int, cells: list[str]) -> list[str]:
    """A row's cells with Excel's error values read as empty and noted: "#REF!" is no title, "#N/A" no
    author (a work titled "#REF!" was created)."""
    if EXCEL_ERRORS.isdisjoint(cells):
        return cells
    for i, cell in enumerate(cells):
        if cell in EXCEL_ERRORS:
            column = table.header[i] if i < len(table.header) and table.header[i] else str(i + 1)
            table.note("check", line, _("%(column)s: Excel's error %(error)s (a formula that failed), read as empty")
                       % {"column": column, "error": cell})
    return ["" if c in EXCEL_ERRORS else c for c in cells]
