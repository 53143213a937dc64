"""Files named .xls that are no workbook: what web catalogues' "export to Excel" gives.

Many library systems save an HTML page holding one table, or tab-separated text, under the name
"export.xls"; Excel opens either. They are read as what their content is, with a note saying so.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils.translation import gettext as _

from stinet.ingest.readers import ImportFileError, Table

_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|table|style)\b", re.I)
_EXCEL_XML = b"urn:schemas-microsoft-com:office:spreadsheet"  # Excel 2003's "XML Spreadsheet"


def _markup_start(head: bytes) -> bytes:
    """The first bytes after a byte-order mark, an XML declaration and comments."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"<?xml"):
        start = start[start.find(b"?>") + 2:].lstrip() if b"?>" in start else b""
    while start.startswith(b"<!--"):
        end = start.find(b"-->")
        start = start[end + 3:].lstrip() if end >= 0 else b""
    return start


def read_disguised(path: Path, head: bytes, fmt: str) -> Table | None:
    """The table of a file whose name says `fmt` but whose first bytes are an HTML page or plain text,
    None when they are neither (a damaged workbook: its reader says so)."""
    start = _markup_start(head)
    if _EXCEL_XML in head:
        raise ImportFileError(_("%(file)s: an Excel 2003 XML spreadsheet, not an .%(format)s workbook; open it "
                                "in Excel and save it as .xlsx") % {"file": path.name, "format": fmt})
    if _HTML.match(start):
        table, kind = _html_table(path, fmt), _("an HTML table")
    elif start.startswith(b"<"):
        return None  # other markup: no table to read
    elif b"\x00" not in head and _text(head):
        from stinet.ingest.readers import _open_csv

        table, kind = _open_csv(path), _("text (CSV)")
    else:
        return None
    table.note("note", None, _("read as %(kind)s, as its content shows (its name says .%(format)s)")
               % {"kind": kind, "format": fmt})
    return table


def _text(head: bytes) -> bool:
    """Whether the first bytes read as text in UTF-8 or a one-byte code page (no control codes but
    tabs and line breaks)."""
    sample = head[:4096]
    return not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", sample) and bool(sample.strip())


def _html_table(path: Path, fmt: str) -> Table:
    """The largest table of an HTML page, its rows as a sheet's (a cell spanning columns fills them)."""
    import lxml.html

    from stinet.ingest.sheets import _sheet_table

    try:
        page = lxml.html.parse(str(path)).getroot()
    except (OSError, ValueError) as exc:
        raise ImportFileError(_("%(file)s: cannot read the HTML page (%(reason)s)")
                              % {"file": path.name, "reason": exc}) from None
    tables = page.xpath("//table") if page is not None else []
    rows = []
    for tr in _own_rows(max(tables, key=lambda t: len(_own_rows(t)))) if tables else []:
        cells: list[str] = []
        for cell in tr.xpath("./td|./th"):
            text = _text_of(cell)
            span = int(cell.get("colspan", "1")) if cell.get("colspan", "1").isdigit() else 1
            cells += [text] + [""] * (min(span, 100) - 1)
        rows.append(cells)
    if not rows:
        raise ImportFileError(_("%(file)s: an HTML page without a table, not an .%(format)s workbook")
                              % {"file": path.name, "format": fmt})
    table = _sheet_table(path, "xls", rows, len(rows))
    table._rows = rows[table.header_line:]  # type: ignore[attr-defined]
    return table


def _own_rows(table: object) -> list:
    """The rows of a table, not those of a table inside one of its cells."""
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]  # type: ignore[attr-defined]


_BLOCKS = frozenset({"br", "p", "div", "li", "tr", "td", "th", "table", "ul", "ol"})


def _text_of(cell: object) -> str:
    """A cell's text on one line: a line break or a block inside it is a space, inline tags are not."""
    for element in cell.iter():  # type: ignore[attr-defined]
        if element is not cell and element.tag in _BLOCKS:
            element.tail = " " + (element.tail or "")
            element.text = " " + (element.text or "")
    return " ".join(cell.text_content().split())  # type: ignore[attr-defined]
