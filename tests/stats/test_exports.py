"""XLSX and PDF exports read back (openpyxl, pypdf), and the Circular 15/2018 forms."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import translation
from pypdf import PdfReader

from stinet.stats.circular import FORMS, find_form


def workbook(content: bytes):
    """An XLSX answer opened with openpyxl."""
    return openpyxl.load_workbook(io.BytesIO(content))


def test_xlsx_of_one_table(network, client, settings):
    settings.STATS_REPORTING_UNIT = "Sở Khoa học và Công nghệ Hải Phòng"
    answer = client.get("/stats/export/works_by_type.xlsx", {"from": 2015, "org": "HPU"})
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="stinet-works_by_type-HPU-2015.xlsx"'
    sheet = workbook(answer.content).active
    assert sheet["A1"].value == "Tài liệu theo loại hình" and sheet["A1"].font.bold
    assert sheet["A2"].value.startswith("Kỳ báo cáo: từ năm 2015 · Thành viên: Trường Đại học Hải Phòng (HPU)")
    assert sheet["A3"].value.startswith("Ngày lập báo cáo: ")
    assert sheet["A4"].value == "Đơn vị lập: Sở Khoa học và Công nghệ Hải Phòng"
    header = [c.value for c in sheet[6]]
    assert len(header) == 2 and all(c.font.bold for c in sheet[6])
    rows = {r[0]: r[1] for r in sheet.iter_rows(min_row=7, values_only=True) if r[0]}
    assert rows == {"Báo cáo kết quả nghiên cứu": 1, "Luận văn thạc sĩ": 1, "Bài báo": 1, "Luận án tiến sĩ": 1,
                    "Tổng số": 4}
    assert isinstance(sheet["B7"].value, int) and sheet.column_dimensions["A"].width > 20


def test_xlsx_of_everything_has_a_sheet_per_table(network, client):
    book = workbook(client.get("/stats/export/all.xlsx").content)
    assert len(book.sheetnames) == 16  # 7 catalogue + 6 tasks + 3 experts; no management part
    assert all(len(name) <= 31 and not name.endswith(" ") for name in book.sheetnames)
    budget = book["Kinh phí nhiệm vụ theo năm kế…"]
    values = [r for r in budget.iter_rows(min_row=7, values_only=True)]
    assert values[0] == ("2023", 1, 500_000_000, 50_000_000, 550_000_000)
    total = next(r for r in values if r[0] == "Tổng số")
    assert total[4] == 1_350_000_000 and values[-1][0].startswith("Kinh phí theo hợp đồng")  # the note


def test_pdf_text_reads_back_in_vietnamese(network, client):
    answer = client.get("/stats/export/works_by_type.pdf", {"from": 2015})
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(answer.content)).pages[0].extract_text()
    for expected in ("Tài liệu theo loại hình", "Kỳ báo cáo: từ năm 2015", "Ngày lập báo cáo", "Đơn vị lập",
                     "Luận văn thạc sĩ", "Báo cáo kết quả nghiên cứu", "Tổng số"):
        assert expected in text, expected
    lines = text.splitlines()
    assert lines[lines.index("Tổng số") + 1] == "4"  # report 2016, thesis 2018, article 2019, dissertation 2021


def test_pdf_of_everything_with_budgets_in_vnd(network, client):
    reader = PdfReader(io.BytesIO(client.get("/stats/export/all.pdf").content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 16
    assert "Kinh phí nhiệm vụ theo năm kế hoạch" in text and "1.350.000.000" in text
    assert "Chuyên gia theo học vị" in text and "Thạc sĩ" in text


def test_english_export_on_request(network, client):
    sheet = workbook(client.get("/stats/export/tasks_by_level.xlsx", {"lang": "en"}).content).active
    assert sheet["A1"].value == "Tasks by level" and sheet["A6"].value == "Level"
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # QA 26: a visitor reading the site in English got Vietnamese
    assert workbook(client.get("/stats/export/tasks_by_level.xlsx").content).active["A1"].value == "Tasks by level"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert workbook(client.get("/stats/export/tasks_by_level.xlsx").content).active["A1"].value != "Tasks by level"


def _cells(content: bytes):
    """Rows of a form by code (column B) -> the cell objects of its numbered columns."""
    sheet = workbook(content).active
    header = next(r for r in sheet.iter_rows() if r[0].value == "A" and r[1].value == "B")
    numbers = [c.value for c in header[2:]]
    return sheet, {row[1].value: dict(zip(numbers, row[2:], strict=True))
                   for row in sheet.iter_rows(min_row=header[0].row + 1) if row[1].value}


def test_form_04_tasks(network, client, manager):
    client.force_login(manager)
    sheet, rows = _cells(client.get("/stats/forms/04-KHCN-NV.xlsx", {"to": 2024}).content)
    assert sheet["A1"].value == "Biểu số: 04/KHCN-NV" and "15/2018/TT-BKHCN" in sheet["A2"].value
    assert any(c.value == "NHIỆM VỤ KHOA HỌC VÀ CÔNG NGHỆ" for c in sheet["A"])
    assert any(c.value and c.value.startswith("Năm 2024") for c in sheet["A"])
    total = {k: c.value for k, c in rows["01"].items()}
    # 2024: T1 carried over from 2023, T2 new and accepted; the proposal and the listed task do not count
    assert total == {"1": 2, "2": 1, "3": 1, "4": 1, "5": 1350.0, "6": 1300.0, "7": None}
    assert rows["02"]["1"].value == 1 and rows["04"]["1"].value == 1  # national (T2), provincial (T1)
    assert rows["06"]["1"].value == 1 and rows["08"]["1"].value == 1  # natural sciences, medicine
    manual = rows["01"]["7"]
    assert manual.fill.fgColor.rgb.endswith("FFF2CC") and manual.comment.text == "Cần nhập thủ công"
    assert rows["01"]["1"].fill.fgColor.rgb in ("00000000", None)  # filled from the data: not highlighted
    notes = [c.value for c in sheet["A"] if c.value and "thủ công" in str(c.value)]
    assert any("Cột 7" in n for n in notes)


def test_form_02_personnel_and_01_organisations(network, client, manager):
    client.force_login(manager)
    sheet, rows = _cells(client.get("/stats/forms/02-KHCN-NL.xlsx").content)
    assert rows["01"]["1"].value == 3  # every profile, hidden ones too (an internal report), and it says so
    assert any("kể cả hồ sơ không công khai" in str(c.value) for c in sheet["A"] if c.value)
    assert rows["02"]["1"].value == 2 and rows["03"]["1"].value == 1  # doctors, masters
    assert rows["08"]["1"].value == 1  # associate professor
    assert rows["01"]["3"].value == 1 and rows["01"]["7"].value == 1  # natural sciences (E1), social (E3)
    assert rows["01"]["2"].value is None and rows["05"]["1"].value is None  # women, college: manual
    _sheet, rows = _cells(client.get("/stats/forms/01-KHCN-TC.xlsx", {"org": "HPU"}).content)
    assert rows["01"]["1"].value == 1 and rows["03"]["1"].value == 1  # one university
    assert rows["01"]["2"].value is None and rows["01"]["2"].fill.fgColor.rgb.endswith("FFF2CC")


@pytest.mark.parametrize("name", ["04/KHCN-NV", "04-KHCN-NV", "04", "04-khcn-nv"])
def test_forms_are_found_by_number(name):
    assert find_form(name) is FORMS["04-KHCN-NV"]


def test_unknown_form():
    with pytest.raises(LookupError, match="^không có biểu mẫu báo cáo '03/KHCN-CP'; các biểu mẫu: 01/KHCN-TC, "):
        find_form("03/KHCN-CP")
    with translation.override("en"), pytest.raises(LookupError, match="^no reporting form '03/KHCN-CP'; known: "):
        find_form("03/KHCN-CP")


def test_reports_are_signed_by_the_network_hub(network, client):
    """With two member centres the reports named the first by code; the hub set with `stinet org hub` signs them."""
    from click.testing import CliRunner

    from stinet.catalog.services import add_organisation
    from stinet.cli import main
    from stinet.stats.exports import reporting_unit

    add_organisation("CAT", "Trung tâm Ứng dụng tiến bộ KH&CN", kind="centre", member=True)
    add_organisation("CIS", "Trung tâm Thông tin, Thống kê KH&CN", kind="centre", member=True)
    assert reporting_unit() == "STINet"  # two centres: no guess
    runner = CliRunner()
    made = runner.invoke(main, ["org", "hub", "cis"]).output
    assert made == "CIS là đơn vị đầu mối của mạng lưới: Trung tâm Thông tin, Thống kê KH&CN\n"
    assert reporting_unit() == "Trung tâm Thông tin, Thống kê KH&CN"
    sheet = workbook(client.get("/stats/export/works_by_type.xlsx").content).active
    assert sheet["A4"].value == "Đơn vị lập: Trung tâm Thông tin, Thống kê KH&CN"
    add_organisation("NASATI", "Cục Thông tin KH&CN quốc gia", kind="agency")
    refused = runner.invoke(main, ["org", "hub", "NASATI"])
    assert refused.exit_code != 0 and "chỉ thành viên mạng lưới mới có thể là đơn vị đầu mối" in refused.output
    assert runner.invoke(main, ["org", "hub", "CAT"]).exit_code == 0 and reporting_unit().startswith("Trung tâm Ứng")
    from stinet.catalog.models import Organisation

    Organisation.objects.filter(code="CAT").update(is_member=False)  # it left the network
    assert reporting_unit() == "Trung tâm Thông tin, Thống kê KH&CN"  # the only member centre, not CAT


def test_form_01_counts_the_provinces_s_and_t_organisations(network, client, manager):
    from stinet.catalog.models import Organisation
    from stinet.catalog.services import add_organisation, set_hub

    Organisation.objects.update(province="Hải Phòng")
    set_hub("TVHP")
    add_organisation("DOST", "Sở Khoa học và Công nghệ Hải Phòng", kind="agency", province="Hải Phòng")
    add_organisation("VAST", "Viện Hàn lâm KH&CN Việt Nam", kind="institute", province="Hà Nội")
    add_organisation("IMER", "Viện Tài nguyên và Môi trường biển", kind="institute", province="Hai Phong")
    client.force_login(manager)
    _sheet, rows = _cells(client.get("/stats/forms/01-KHCN-TC.xlsx").content)
    assert rows["01"]["1"].value == 3 and rows["02"]["1"].value == 1  # HPU, TVHP, IMER; one institute
    text = "\n".join(str(c) for c in _sheet.iter_rows(values_only=True))
    assert "Không tính 2 cơ quan quản lý nhà nước hoặc tổ chức ngoài Hải Phòng: DOST, VAST." in text


def test_the_database_keeps_one_hub(network):
    from django.db import IntegrityError, transaction

    from stinet.catalog.models import Organisation

    Organisation.objects.filter(code="HPU").update(is_hub=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(code="TVHP").update(is_hub=True)
