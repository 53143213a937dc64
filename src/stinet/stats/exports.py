"""XLSX exports of the statistics tables (openpyxl): title, period, date, reporting unit, then the table.

Numbers are written as numbers (with a thousands format), headers in bold, column widths fitted to
the content. `pdf.py` makes the same documents as PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from stinet.catalog.models import Organisation
from stinet.catalog.services import network_hub
from stinet.stats.queries import Report
from stinet.stats.tables import Table

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
NUMBER_FORMAT = "#,##0"
MAX_WIDTH = 60


def reporting_unit() -> str:
    """Who makes the reports: STINET_REPORTING_UNIT, else the network's hub (`stinet org hub`), else
    the only member centre or agency if there is one, else 'STINet' (never a guess among several)."""
    configured = settings.STATS_REPORTING_UNIT
    if configured:
        return configured
    hub = network_hub()
    if hub is None:
        centres = list(Organisation.objects.filter(is_member=True, kind__in=("centre", "agency"))[:2])
        hub = centres[0] if len(centres) == 1 else None
    return hub.name_vi if hub else "STINet"


def local_time(value: Any) -> dt.datetime | None:
    """An ISO date-time (or datetime) in the local time zone, None when empty."""
    when = parse_datetime(value) if isinstance(value, str) else value
    if not isinstance(when, dt.datetime):
        return None
    return timezone.localtime(when) if timezone.is_aware(when) else when


def format_number(value: Any, lang: str = "vi") -> str:
    """A whole number with the thousands separator of the language (5.182 in Vietnamese, 5,182 in English)."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.1f}"
    else:
        text = f"{int(value):,}"
    return text.replace(",", ".") if lang == "vi" else text


def cell_text(value: Any, kind: str, lang: str = "vi") -> str:
    """How a value is printed (PDF, HTML): numbers with separators, dates as dd/mm/yyyy hh:mm."""
    if kind in ("int", "money"):
        return format_number(value, lang)
    if kind == "datetime":
        when = local_time(value)
        return when.strftime("%d/%m/%Y %H:%M") if when else ""
    return "" if value is None else str(value)


def header_lines(report: Report, table_title: str) -> list[str]:
    """The lines above every exported table: title, period (and member), date, reporting unit."""
    org = report.organisation
    period = _("Period: %(period)s") % {"period": report.filters.period_label()}
    if org:
        period += " · " + _("Member: %(name)s (%(code)s)") % {"name": org.name(report.lang), "code": org.code}
    made = timezone.localtime(report.generated_at)
    return [table_title, period, _("Date of the report: %(day)s") % {"day": made.strftime("%d/%m/%Y %H:%M")},
            _("Made by: %(unit)s") % {"unit": reporting_unit()}]


def _excel_value(value: Any, kind: str) -> Any:
    """A cell value: numbers as numbers, dates as (naive local) date-times, the rest as text."""
    if kind in ("int", "money"):
        return value if isinstance(value, int | float) else None
    if kind == "datetime":
        when = local_time(value)
        return when.replace(tzinfo=None) if when else None
    return "" if value is None else str(value)


def fit_columns(sheet: Worksheet, first_row: int) -> None:
    """Column widths from the longest value at or below `first_row` (capped)."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            if cell.value is not None:
                size = 17 if isinstance(cell.value, dt.datetime) else len(str(cell.value)) + 2
                widths[cell.column] = max(widths.get(cell.column, 8), min(size, MAX_WIDTH))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def write_table(sheet: Worksheet, report: Report, table: Table) -> None:
    """One table on a sheet: the header lines, the bold header row, the rows, the total, the note."""
    lines = header_lines(report, str(table.title))
    sheet.append([lines[0]])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in lines[1:]:
        sheet.append([line])
    sheet.append([])
    head = len(lines) + 2
    sheet.append([str(c.title) for c in table.columns])
    for cell in sheet[head]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows + ([table.total] if table.total else []):
        sheet.append([_excel_value(row.get(c.key), c.kind) for c in table.columns])
        for cell, column in zip(sheet[sheet.max_row], table.columns, strict=False):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a member's name that starts with "=" is no formula
            if column.kind in ("int", "money"):
                cell.number_format = NUMBER_FORMAT
            elif column.kind == "datetime":
                cell.number_format = "dd/mm/yyyy hh:mm"
    if table.total:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    if table.note:
        sheet.append([])
        sheet.append([str(table.note)])
    fit_columns(sheet, head)
    sheet.freeze_panes = sheet.cell(row=head + 1, column=1)


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique worksheet title (31 characters, none of []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", "-", text).strip() or "Sheet"
    if len(base) > 31:  # cut at a word, not in one: "Kinh phí nhiệm vụ theo năm…", not "... năm kế h"
        base = base[:30].rsplit(" ", 1)[0].rstrip(" ,;-") + "…"
    title, n = base, 2
    while title in taken:
        suffix = f" ({n})"
        title, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def xlsx_bytes(report: Report, tables: list[Table]) -> bytes:
    """A workbook with one sheet per table."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        write_table(book.create_sheet(sheet_title(str(table.title), taken)), report, table)
    book.properties.title = str(tables[0].title) if len(tables) == 1 else _("Statistics")
    book.properties.creator = reporting_unit()
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
