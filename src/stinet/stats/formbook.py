"""Write a Circular 15/2018 reporting form as an XLSX workbook laid out like the paper form.

Cells filled from the data hold numbers; cells that need manual input are highlighted (yellow, with a
cell comment) and a note under the table says which and why.
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from stinet.catalog.models import Organisation
from stinet.stats.circular import CIRCULAR, RECEIVER, FormSpec, fill
from stinet.stats.exports import reporting_unit
from stinet.stats.tables import Filters

MANUAL_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MANUAL_TEXT = "Cần nhập thủ công"
FIRST_TABLE_ROW = 10


def _header(sheet: Worksheet, spec: FormSpec, filters: Filters, year: int, width: int) -> None:
    """Form number, circular, units, title, period (rows 1-8)."""
    right = get_column_letter(max(width - 1, 3))
    sheet["A1"], sheet["A2"] = f"Biểu số: {spec.number}", CIRCULAR
    sheet["A3"] = "Ngày nhận báo cáo:"
    sheet["A1"].font = Font(bold=True)
    sheet[f"{right}1"] = f"Đơn vị báo cáo: {reporting_unit()}"
    sheet[f"{right}2"] = f"Đơn vị nhận báo cáo: {RECEIVER}"
    sheet["B3"] = None
    _manual(sheet["B3"])
    last = get_column_letter(width)
    for row, text, bold in ((5, spec.title, True), (6, f"Năm {year} (từ 01/01/{year} đến 31/12/{year})", False)):
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet[f"A{row}"] = text
        sheet[f"A{row}"].font = Font(bold=bold, size=14 if bold else 11)
        sheet[f"A{row}"].alignment = Alignment(horizontal="center")
    if filters.org:
        org = Organisation.objects.filter(code=filters.org).first()
        sheet["A7"] = f"Phạm vi: {org.name_vi if org else filters.org} ({filters.org})"


def _manual(cell: Cell) -> None:
    """Highlight a cell that needs manual input."""
    cell.fill = MANUAL_FILL
    cell.comment = Comment(MANUAL_TEXT, "STINet")


def _table(sheet: Worksheet, spec: FormSpec, cells: dict[tuple[str, str], float | int]) -> int:
    """Headings, column numbers and rows from FIRST_TABLE_ROW; returns the last row written."""
    top = FIRST_TABLE_ROW
    titles = ["Tên chỉ tiêu", "Mã số", *[c.title for c in spec.columns]]
    numbers = ["A", "B", *[c.number for c in spec.columns]]
    for col, (title, number) in enumerate(zip(titles, numbers, strict=True), start=1):
        head, num = sheet.cell(top, col, title), sheet.cell(top + 1, col, number)
        head.font, head.fill, head.border = Font(bold=True), HEAD_FILL, BOX
        head.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        num.alignment, num.border, num.font = Alignment(horizontal="center"), BOX, Font(italic=True)
    row = top + 2
    for form_row in spec.rows:
        label = sheet.cell(row, 1, ("    " * form_row.indent) + form_row.label)
        label.border = BOX
        label.font = Font(bold=not form_row.indent, italic=not form_row.code)
        sheet.cell(row, 2, form_row.code or None).border = BOX
        for col, column in enumerate(spec.columns, start=3):
            cell = sheet.cell(row, col)
            cell.border = BOX
            if not form_row.code:
                continue
            value = cells.get((form_row.code, column.number))
            if value is None:
                _manual(cell)
            else:
                cell.value = value
                cell.number_format = "#,##0" if isinstance(value, int) else "#,##0.000"
        row += 1
    return row - 1


def _footer(sheet: Worksheet, spec: FormSpec, notes: list[str], row: int, width: int) -> None:
    """The notes (manual cells, sources of the data) and the signature block."""
    legend = sheet.cell(row, 1, "Ô nền vàng: cần nhập thủ công (hệ thống không có dữ liệu này). Các ô khác "
                                "được điền tự động từ dữ liệu của mạng lưới; kiểm tra lại trước khi ký gửi.")
    legend.fill = MANUAL_FILL
    lines = [spec.manual_note, spec.data_note, *notes,
             f"Điền tự động bởi STINet ngày {timezone.localtime():%d/%m/%Y %H:%M}."]
    for i, text in enumerate(t for t in lines if t):
        sheet.cell(row + 1 + i, 1, text).font = Font(italic=True, size=9)
    sign = row + len(lines) + 3
    right = max(width - 1, 3)
    sheet.cell(sign, 1, "Người lập biểu").font = Font(bold=True)
    sheet.cell(sign + 1, 1, "(Ký, họ tên)")
    sheet.cell(sign, 3, "Người kiểm tra biểu").font = Font(bold=True)
    sheet.cell(sign + 1, 3, "(Ký, họ tên)")
    sheet.cell(sign - 1, right, "..., ngày ... tháng ... năm ...")
    sheet.cell(sign, right, "Thủ trưởng đơn vị").font = Font(bold=True)
    sheet.cell(sign + 1, right, "(Ký, đóng dấu, họ tên)")


def form_xlsx(spec: FormSpec, filters: Filters, today: dt.date | None = None) -> bytes:
    """The filled form as an XLSX workbook (one sheet)."""
    year = filters.report_year(today or timezone.localdate())
    cells, notes = fill(spec, filters, year)
    book = Workbook()
    sheet = book.active
    sheet.title = spec.number.replace("/", "-")
    width = 2 + len(spec.columns)
    _header(sheet, spec, filters, year, width)
    last = _table(sheet, spec, cells)
    _footer(sheet, spec, notes, last + 2, width)
    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions["B"].width = 8
    for col in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 16
    sheet.row_dimensions[FIRST_TABLE_ROW].height = 60
    sheet.freeze_panes = sheet.cell(FIRST_TABLE_ROW + 2, 3)
    book.properties.title = f"{spec.number} {spec.title}"
    book.properties.creator = reporting_unit()
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
