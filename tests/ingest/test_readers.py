"""Reading members' files: damaged bytes, delimiters, rows that are not records, dates in .xls,
files that are not what --format says, other sheets, empty and ragged files, and how the
report tells each (one line naming the file and the line)."""

from __future__ import annotations

import codecs
import shutil
import zipfile
from pathlib import Path

import pytest

from stinet.catalog.models import ImportRun, Work
from stinet.ingest.readers import ImportFileError, _dialect, open_table
from stinet.ingest.services import import_file
from tests.conftest import shared_path

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
GOOD = ("id,dc.title,dc.contributor.author,dc.date.issued,dc.type\n"
        "b1,Nghiên cứu ứng dụng vi sinh vật xử lý nước thải,Đặng Thị Hương,2019,Bài báo\n"
        "b2,Đánh giá hiện trạng rừng ngập mặn Tiên Lãng,Vũ Quốc Việt,2021,Luận văn thạc sĩ\n")
DAMAGED = "b3,Tiêu đề có byte lỗi ".encode() + b"\xff" + " ở đây,Tác giả,2020,Bài báo\n".encode()
REJECTED_LINE_4 = ("rejected: bad.csv, line 4: not valid UTF-8: byte FF (a damaged character); "
                   "correct it in the file and import it again")


def titles() -> set[str]:
    return set(Work.objects.values_list("title", flat=True))


def sheet(tmp_path: Path, name: str, *rows: list[object], others: dict[str, list[list[object]]] | None = None) -> Path:
    """An .xlsx workbook whose first sheet holds `rows` (and further sheets `others`)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Luận văn"
    for cells in rows:
        book.active.append(cells)
    for title, content in (others or {}).items():
        extra = book.create_sheet(title)
        for cells in content:
            extra.append(cells)
    path = tmp_path / name
    book.save(path)
    return path


# --- 1. a UTF-8 file with a damaged byte ----------------------------------------------------------

@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_a_utf8_file_with_one_bad_byte_stays_utf8_and_the_row_is_rejected_with_its_line(org, tmp_path, bom):
    path = tmp_path / "bad.csv"
    path.write_bytes(bom + GOOD.encode() + DAMAGED)
    report = import_file(path, "HPU")
    assert titles() == {"Nghiên cứu ứng dụng vi sinh vật xử lý nước thải",
                        "Đánh giá hiện trạng rừng ngập mặn Tiên Lãng"}
    assert report.encoding == "utf-8" and report.new == 2 and report.rejected == 1
    assert REJECTED_LINE_4 in report.lines()
    assert not report.conversions and not report.unmapped_types  # no false "converted from VNI"


def test_a_damaged_row_never_overwrites_the_good_copy_stored_before(org, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(GOOD.encode())
    import_file(path, "HPU")
    path.write_bytes(GOOD.replace("b2,", "b9,").encode() + DAMAGED.replace(b"b3,", b"b1,"))
    report = import_file(path, "HPU")
    assert report.rejected == 1 and REJECTED_LINE_4 in report.lines()
    assert "Nghiên cứu ứng dụng vi sinh vật xử lý nước thải" in titles()
    assert not any("\ufffd" in t for t in titles())


def test_damaged_bytes_in_a_multiline_row_and_in_the_header_are_reported(org, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"id,dc.title,Ghi ch\xfa\n" + 'm1,"Dòng một\nDòng '.encode() + b"\xff" + b' hai",x\n'
                     + "m2,Tiêu đề tốt,y\n".encode())
    report = import_file(path, "HPU")
    assert titles() == {"Tiêu đề tốt"}
    assert ("rejected: bad.csv, line 2: not valid UTF-8: byte FF on line 3 (a damaged character); "
            "correct it in the file and import it again") in report.lines()  # the row starts on line 2
    assert ("check: bad.csv, line 1: the header holds bytes that are not valid UTF-8 (FA), read as '\ufffd'"
            in report.lines())


# --- 2. the delimiter ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "delimiter"), [
    ("Mã;Tên đề tài, dự án;Tác giả;Năm\nsd-1;Nghiên cứu, đánh giá;Tạ Xuân;2011\nsd-2;Quy hoạch;Yến;2012\n", ";"),
    ("Mã;Tên đề tài, dự án;Tác giả\n", ";"),  # the header alone: the delimiter giving more columns
    ("id,dc.title,dc.subject\n1,A,x; y\n2,B,z\n", ","),
    ("a,b;c,d\n1,2;3,4\n", ","),  # both consistent: more columns
    ('id;"Tên; mô tả";Năm\n1;"Cá; tôm";2010\n2;Lúa;2011\n', ";"),  # quotes respected
    ("Mã\tTên đề tài, dự án\tNăm\nt-1\tNghiên cứu, sâu\t2010\n", "\t"),
    ("dc.title\nMột cột\n", ","),
])
def test_the_delimiter_splits_header_and_first_rows_alike(text, delimiter):
    assert _dialect(text).delimiter == delimiter
    assert _dialect(text).doublequote  # Excel's quoting kept


def test_a_semicolon_csv_whose_header_holds_a_comma_imports(org, tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text("Mã;Tên đề tài, dự án;Tác giả;Năm;Loại tài liệu\r\n"
                    "sd-1;Nghiên cứu, đánh giá đất phèn;Tạ Văn Xuân;2011;Luận văn thạc sĩ\r\n"
                    'sd-2;"Quy hoạch ""vùng"" nuôi cua";Đoàn Thị Yến;2012;Bài báo\r\n', encoding="utf-8-sig")
    report = import_file(path, "HPU")
    assert report.new == 2 and report.rejected == 0
    work = Work.objects.get(holdings__local_id="sd-1")
    assert work.title == "Nghiên cứu, đánh giá đất phèn" and work.year == 2011 and work.type == "thesis"
    assert Work.objects.get(holdings__local_id="sd-2").title == 'Quy hoạch "vùng" nuôi cua'


# --- 3. column numbers and repeated headers -------------------------------------------------------

HEADER = ["STT", "Tên đề tài", "Chủ nhiệm đề tài", "Năm nghiệm thu", "Loại tài liệu"]


@pytest.mark.parametrize("numbers", [["(1)", "(2)", "(3)", "(4)", "(5)"], [1, 2, 3, 4, 5],
                                     ["[1]", "[2]", "[3]", "[4]", "[5]"]])
def test_column_numbers_and_a_repeated_header_are_skipped_and_reported(org, tmp_path, numbers):
    path = sheet(tmp_path, "form.xlsx", HEADER, numbers,
                 [1, "Nghiên cứu chế phẩm sinh học xử lý rơm rạ", "TS. Lương Văn Phú", 2012, "Đề tài cấp tỉnh"],
                 [2, "1984", "Trần Văn Hùng", 2013, "Sách"],  # a title of digits is a title
                 HEADER,
                 [3, "Ứng dụng GIS quản lý đất đai", "KS. Đinh Văn Sơn", 2014, "Dự án sản xuất thử nghiệm"])
    report = import_file(path, "HPU")
    assert titles() == {"Nghiên cứu chế phẩm sinh học xử lý rơm rạ", "1984", "Ứng dụng GIS quản lý đất đai"}
    assert report.rejected == 0 and report.skipped == 2
    shown = " ".join(str(n) for n in numbers)
    assert f"skipped: form.xlsx, line 2: column numbers ({shown}), not a record" in report.lines()
    assert "skipped: form.xlsx, line 5: the header repeated" in report.lines()


def test_a_header_on_several_rows_above_the_column_numbers_is_skipped_too(org, tmp_path):
    path = sheet(tmp_path, "form.xlsx", ["BÁO CÁO KẾT QUẢ"], ["Số", "Tên đề tài", "Kinh phí", None],
                 [None, None, "NSNN", "Khác"], ["1", "2", "3", "4"],
                 [1, "Nghiên cứu nuôi tôm", 100, 20])
    report = import_file(path, "HPU")
    assert titles() == {"Nghiên cứu nuôi tôm"} and report.rejected == 0
    assert "skipped: form.xlsx, line 3: part of the header (above the column numbers on line 4)" in report.lines()


def test_a_row_like_the_header_but_with_data_is_a_record(org, tmp_path):
    path = sheet(tmp_path, "form.xlsx", HEADER, [1, "Tên đề tài", "Nguyễn Văn An", 2010, "Bài báo"])
    assert import_file(path, "HPU").new == 1 and titles() == {"Tên đề tài"}


def test_a_csv_with_the_header_repeated_skips_it(org, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("id,dc.title\na1,Một\nid,dc.title\na2,Hai\n", encoding="utf-8")
    report = import_file(path, "HPU")
    assert titles() == {"Một", "Hai"} and "skipped: two.csv, line 3: the header repeated" in report.lines()


def test_the_real_2006_template_imports_no_column_numbers_nor_header(org):
    path = shared_path("conformance", "legacy-vietnamese", "viparse-corpus", "corpus", "tcvn3", "2006-download.xls")
    report = import_file(path, "HPU")
    assert report.new == 0  # an empty form: its title rows, header, column numbers twice
    lines = report.lines()
    assert "skipped: 2006-download.xls, line 10: column numbers (1 2 3 4 5 6 ...), not a record" in lines
    assert "skipped: 2006-download.xls, line 27: the header repeated" in lines
    assert "skipped: 2006-download.xls, line 23: repeats the title above the header (line 1), not a record" in lines
    assert "skipped: 2006-download.xls, line 5: part of the header (above the column numbers on line 10)" in lines


# --- 4. dates in .xls -------------------------------------------------------------------------------

def test_xls_date_cells_are_iso_dates_like_xlsx(org):
    report = import_file(DATA / "dates.xls", "HPU")
    assert report.rejected == 0 and report.new == 2
    work = Work.objects.get(holdings__local_id="x-1")
    assert work.date == "2016-05-12" and work.year == 2016
    assert Work.objects.get(holdings__local_id="x-2").year == 2017  # a number stays a number


def test_xls_cells_by_their_type():
    import xlrd

    from stinet.ingest.sheets import _xls_cell

    assert _xls_cell(42502.0, xlrd.XL_CELL_DATE, 0) == "2016-05-12"
    assert _xls_cell(42502.0 - 1462, xlrd.XL_CELL_DATE, 1) == "2016-05-12"  # the 1904 date system
    assert _xls_cell(0.5, xlrd.XL_CELL_DATE, 0) == "12:00:00"
    assert _xls_cell(42, xlrd.XL_CELL_ERROR, 0) == "#N/A"
    assert _xls_cell(2017.0, xlrd.XL_CELL_NUMBER, 0) == "2017"


# --- 5. files that are not what --format says -------------------------------------------------------

def _zip_not_xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")


@pytest.mark.parametrize(("name", "make", "fmt", "message"), [
    ("data.csv", lambda p: p.write_text("id,dc.title\n1,A\n"), "xlsx",
     "data.csv: not an .xlsx workbook (no zip archive, as every .xlsx is: another kind of file, or cut short)"),
    ("book.xlsx", lambda p: p.write_bytes(b"PK\x03\x04 truncated"), None, "book.xlsx: not an .xlsx workbook"),
    ("doc.xlsx", _zip_not_xlsx, None, "doc.xlsx: not an .xlsx workbook"),
    ("old.xlsx", lambda p: shutil.copy(DATA / "dates.xls", p), None,
     "old.xlsx: not an .xlsx workbook (it looks like an .xls workbook; use --format xls)"),
    ("new.xls", lambda p: sheet(p.parent, "x.xlsx", ["dc.title"], ["A"]).rename(p), None,
     "new.xls: not an .xls workbook (it looks like an .xlsx workbook; use --format xlsx)"),
])
def test_a_file_that_is_not_the_workbook_its_format_says_stops_with_one_line(org, tmp_path, name, make, fmt, message):
    path = tmp_path / name
    make(path)
    with pytest.raises(ImportFileError) as info:
        import_file(path, "HPU", fmt)
    assert str(info.value).startswith(message) and "\n" not in str(info.value)
    assert Work.objects.count() == 0 and ImportRun.objects.count() == 0


HTML_EXPORT = """<html><head><meta charset="utf-8"><title>Kết quả tra cứu</title></head><body>
<h3>Danh mục tài liệu</h3><table border="1">
<tr><th>Nhan đề</th><th>Tác giả</th><th>Năm XB</th><th>Kiểu tài liệu</th></tr>
<tr><td>Nghiên cứu rạn san hô &amp; cỏ biển</td><td>Nguyễn Văn An</td><td>2020</td><td>Luận văn thạc sĩ</td></tr>
<tr><td colspan="2">Quản lý cảng biển</td><td>2019</td><td>Sách</td></tr>
<tr><td>Tàu <b>biển</b><table><tr><td>1</td></tr><tr><td>2</td></tr></table></td><td>Lê Văn Bình</td><td>2018</td>
<td>Sách</td></tr></table></body></html>"""


def test_an_html_page_or_text_named_xls_is_read_as_what_it_is(org, tmp_path):
    """Web catalogues' "export to Excel" saves an HTML table, or tab-separated text, as export.xls."""
    page = tmp_path / "export.xls"
    page.write_text(HTML_EXPORT, encoding="utf-8")
    report = import_file(page, "HPU")
    assert report.new == 3 and titles() == {"Nghiên cứu rạn san hô & cỏ biển", "Quản lý cảng biển", "Tàu biển 1 2"}
    assert "note: export.xls: read as an HTML table, as its content shows (its name says .xls)" in report.lines()
    work = Work.objects.get(title="Nghiên cứu rạn san hô & cỏ biển")
    assert (work.type, work.year, work.creators[0]["name"]) == ("thesis", 2020, "Nguyễn Văn An")
    text = tmp_path / "tab.xls"
    text.write_text("Nhan đề\tTác giả\tNăm\nĐa dạng sinh học\tTrần Văn Cường\t2021\n", encoding="utf-8")
    assert import_file(text, "HPU").new == 1 and "Đa dạng sinh học" in titles()
    xhtml = tmp_path / "x.xls"
    xhtml.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!-- xuất từ hệ thống -->\n<!DOCTYPE html>'
                     + HTML_EXPORT.replace("<html>", '<html xmlns="http://www.w3.org/1999/xhtml">'), encoding="utf-8")
    assert import_file(xhtml, "HPU").unchanged == 3  # the same records again
    excel_xml = tmp_path / "2003.xls"
    excel_xml.write_text('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
                         "<Worksheet/></Workbook>", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"^2003.xls: an Excel 2003 XML spreadsheet, not an .xls workbook; "):
        import_file(excel_xml, "HPU")
    empty = tmp_path / "nothing.xls"
    empty.write_text("<html><body><p>Không có dữ liệu</p></body></html>", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"^nothing.xls: an HTML page without a table, not an .xls workbook$"):
        import_file(empty, "HPU")


def test_cells_merged_down_over_a_group_of_rows_give_their_value_to_each(org, tmp_path):
    """A year or a form written once for several records, the cells merged (Excel keeps the value in the
    first row only); a merge across columns stays in its column; a title merged over the sheet is no header."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH MỤC ĐỀ TÀI NĂM 2020-2021"])
    sheet.merge_cells("A1:E1")
    sheet.append(["STT", "Tên đề tài", "Năm", "Loại tài liệu", "Ghi chú"])
    sheet.append([1, "Rạn san hô Cát Bà", 2020, "Báo cáo kết quả nghiên cứu", "Đã nghiệm thu"])
    sheet.append([2, "Cỏ biển Bạch Long Vĩ", None, None, None])
    sheet.append([3, "Rừng ngập mặn Tiên Lãng", None, "Luận văn thạc sĩ", None])
    sheet.merge_cells("C3:C5")
    sheet.merge_cells("D3:D4")
    sheet.merge_cells("E3:E4")
    sheet.append([4, "Cảng cạn Đình Vũ", 2021, "Sách", None])
    sheet.append(["STT", "Tên đề tài", "Năm", "Loại tài liệu", "Ghi chú"])  # the header again, its year merged
    sheet.append([5, "Đê biển Đồ Sơn", None, "Sách", None])
    sheet.merge_cells("C7:C8")
    book.save(tmp_path / "groups.xlsx")
    assert import_file(tmp_path / "groups.xlsx", "HPU").new == 5
    found = {w.title: (w.year, w.type) for w in Work.objects.all()}
    assert found == {"Rạn san hô Cát Bà": (2020, "report"), "Cỏ biển Bạch Long Vĩ": (2020, "report"),
                     "Rừng ngập mặn Tiên Lãng": (2020, "thesis"), "Cảng cạn Đình Vũ": (2021, "book"),
                     "Đê biển Đồ Sơn": (None, "book")}  # not the year "Năm" of the header


def test_xls_cells_merged_down_give_their_value_to_each_row_too():
    """The same in an old .xls (xlrd reads the merges with the workbook's formatting): a real statistics
    sheet's group numbers, merged over their rows (I over rows 5-9, II over 10-12)."""
    from stinet.ingest.sheets import open_xls, xls_rows

    table = open_xls(shared_path("conformance", "legacy-vietnamese", "viparse-corpus", "corpus", "tcvn3",
                                 "2005-2BZ73_FDI_Dong_Nam_Bo.xls"))
    groups = {number: cells[0] for number, cells, _note in xls_rows(table) if number <= 13}
    assert groups == {5: "I", 6: "I", 7: "I", 8: "I", 9: "I", 10: "II", 11: "II", 12: "II", 13: "III"}


def test_formulas_never_computed_are_said_in_the_report(org, tmp_path):
    """A workbook written by a program that does not compute (openpyxl, an exporter) holds formulas
    without values: they come in empty, and the report says so and how to mend it."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Tên đề tài", "Năm"])
    book.active.append(["Rạn san hô", "=2000+20"])
    book.active.append(["Cỏ biển", 2021])
    book.active.append(["Rừng ngập mặn", "=B3-1"])
    book.save(tmp_path / "formulas.xlsx")
    report = import_file(tmp_path / "formulas.xlsx", "HPU")
    assert report.new == 3 and Work.objects.get(title="Rạn san hô").year is None
    assert any("2 cells hold formulas whose values were never computed" in line and "save it" in line
               for line in report.lines())


def test_an_xlsx_with_another_extension_imports_with_format_xlsx(org, tmp_path):
    path = sheet(tmp_path, "export.xlsx", ["dc.title", "id"], ["Nghiên cứu biển", "e1"]).rename(tmp_path / "export.dat")
    assert import_file(path, "HPU", "xlsx").new == 1 and titles() == {"Nghiên cứu biển"}


def test_the_cli_says_one_line_for_a_csv_given_format_xlsx(run, tmp_path):
    assert run("org", "add", "HPU", "Trường", "--member").returncode == 0
    data = tmp_path / "t1.csv"
    data.write_text("id,dc.title\n1,A\n", encoding="utf-8")
    result = run("import", str(data), "--org", "HPU", "--format", "xlsx")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "stinet: error: t1.csv: không phải sổ làm việc .xlsx (không phải tệp nén zip như mọi tệp .xlsx: "
        "là loại tệp khác, hoặc bị cắt cụt)"]


# --- 6. other sheets ----------------------------------------------------------------------------------

def test_the_sheets_not_read_are_named_with_their_rows(org, tmp_path):
    path = sheet(tmp_path, "sheets.xlsx", ["Mã", "Tên đề tài", "Năm"], ["s1-1", "Luận văn ở sheet một", 2010],
                 others={"Luận án": [["Mã", "Tên đề tài"], ["s2-1", "Một"], ["s2-2", "Hai"]], "Trống": []})
    report = import_file(path, "HPU")
    assert titles() == {"Luận văn ở sheet một"}
    assert "note: sheets.xlsx: only the first sheet 'Luận văn' was read; not read: 'Luận án' (3 rows)" in report.lines()


def test_a_workbook_of_one_sheet_has_no_such_note(org, tmp_path):
    report = import_file(sheet(tmp_path, "one.xlsx", ["dc.title", "id"], ["A", "a1"]), "HPU")
    assert not any(line.startswith("note:") for line in report.lines())


# --- 7. no data rows ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["header.csv", "header.xlsx"])
def test_a_file_with_only_its_header_says_so(org, tmp_path, name):
    if name.endswith(".csv"):
        path = tmp_path / name
        path.write_text("dc.title,dc.contributor.author,dc.date.issued\n", encoding="utf-8")
    else:
        path = sheet(tmp_path, name, ["DANH MỤC"], ["Tên đề tài", "Tác giả"])
    report = import_file(path, "HPU")
    line = 2 if name.endswith(".xlsx") else 1
    assert report.counts() == {"new": 0, "updated": 0, "unchanged": 0, "rejected": 0}
    assert f"note: {name}, line {line}: no data rows below the header: nothing to import" in report.lines()
    assert ImportRun.objects.get().report["file_notes"] == [
        {"kind": "note", "line": line, "text": "no data rows below the header: nothing to import"}]


# --- 8. ragged rows ------------------------------------------------------------------------------------

def test_rows_with_more_or_fewer_cells_than_the_header_are_stored_and_reported(org, tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("id,dc.title,dc.contributor.author,dc.type\n"
                    "c-1,Nghiên cứu cây lúa, ngô và khoai,Trần Văn Hùng,Bài báo\n"
                    "c-2,Tiêu đề ngắn\n"
                    "c-3,Tiêu đề đủ,Lê Văn A,Bài báo,\n"  # an empty cell more: nothing lost, nothing said
                    "c-4,Tiêu đề đủ cột,Lê Văn B,Bài báo\n", encoding="utf-8")
    report = import_file(path, "HPU")
    assert report.new == 4 and report.rejected == 0
    assert Work.objects.get(holdings__local_id="c-1").extra == {"column 5": "Bài báo"}  # kept, as before
    assert [line for line in report.lines() if line.startswith("check:")] == [
        "check: ragged.csv, line 2: 5 cells where the header has 4 (a comma inside a value not in quotes "
        "shifts the cells after it; extra cells kept as 'column 5')",
        "check: ragged.csv, line 3: 2 cells where the header has 4 (the missing cells are left empty)",
    ]


def test_notes_are_kept_on_the_run_and_the_reader_gives_them(org, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("dc.title;Năm\nA;2001;x\n", encoding="utf-8")
    table = open_table(path)
    assert list(table.rows()) == [(2, {"dc.title": "A", "Năm": "2001", "column 3": "x"})]
    assert [(n.kind, n.line) for n in table.notes] == [("check", 2)]
    import_file(path, "HPU")
    assert ImportRun.objects.get().report["file_notes"][0]["kind"] == "check"


def test_a_file_of_many_ragged_rows_lists_the_first_and_counts_the_rest(org, tmp_path):
    from stinet.ingest.report import MAX_LISTED

    path = tmp_path / "many.csv"
    path.write_text("id,dc.title,dc.type\n" + "".join(f"m{i},Tiêu đề {i}\n" for i in range(MAX_LISTED + 5)),
                    encoding="utf-8")
    report = import_file(path, "HPU")
    assert report.new == MAX_LISTED + 5 and len(report.file_notes) == MAX_LISTED
    assert report.lines()[-1] == "note: many.csv: ... and 5 more rows skipped or to check"


def test_a_quote_never_closed_rejects_its_row_and_the_rows_after_it_are_read(org, tmp_path):
    """A typing slip ("Đề tài số 3 without its closing quote) took in every row after it as one cell."""
    path = tmp_path / "quote.csv"
    rows = [f"q{i},Đề tài số {i},Nguyễn Văn An,2015" for i in range(1, 21)]
    rows[2] = 'q3,"Đề tài số 3 mở ngoặc không đóng,Nguyễn Văn An,2015'
    rows[5] = 'q6,"Đề tài số 6, có\nhai dòng",Lê Thị Hà,2016'  # a cell on two lines, its quotes closed
    path.write_text("id,dc.title,dc.contributor.author,dc.date.issued\n" + "\n".join(rows) + "\n", encoding="utf-8")
    report = import_file(path, "HPU")
    assert report.counts() == {"new": 19, "updated": 0, "unchanged": 0, "rejected": 1}
    assert report.rejections == [{"line": 4, "reason": "a quote opened on this line is never closed (it takes in "
                                                       "the lines after it); close it or remove it"}]
    assert Work.objects.get(holdings__local_id="q6").title == "Đề tài số 6, có hai dòng"  # the quotes closed: kept
    assert Work.objects.get(holdings__local_id="q20").title == "Đề tài số 20"


def test_a_stray_nul_byte_refuses_its_row_not_the_file(org, tmp_path):
    """Exports of old systems carry one now and then: the whole file was refused as binary ("byte 201")."""
    path = tmp_path / "nul.csv"
    path.write_bytes("id,dc.title\nn1,Một\nn2,Hai\x00 hỏng\nn3,Ba\n".encode())
    report = import_file(path, "HPU")
    assert titles() == {"Một", "Ba"}
    assert report.rejections == [{"line": 3, "reason": "a NUL character (a damaged byte, 00); correct it in the "
                                                       "file and import it again"}]
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"id,dc.title\n" + b"\x00\x01a" * 200)
    with pytest.raises(ImportFileError, match="binary"):
        import_file(binary, "HPU")


def test_title_rows_above_the_header_of_a_csv_file_are_skipped_as_in_a_spreadsheet(org, tmp_path):
    """What "Save as CSV" makes of a typical sheet: refused as having no title column ("found: DANH MỤC...")."""
    path = tmp_path / "list.csv"
    path.write_text("DANH MỤC ĐỀ TÀI KH&CN CẤP THÀNH PHỐ NĂM 2015,,\n,,\nTên đề tài,Chủ nhiệm,Năm\n"
                    "Đề tài có dòng tiêu đề phía trên,Nguyễn Văn A,2015\n"
                    "DANH MỤC ĐỀ TÀI KH&CN CẤP THÀNH PHỐ NĂM 2015,,\n"  # the title repeated on a printed page
                    "\"Đề tài thứ hai,\nhai dòng\",Trần B,2016\n", encoding="utf-8")
    report = import_file(path, "HPU")
    assert (report.new, report.rejected) == (2, 0) and titles() == {
        "Đề tài có dòng tiêu đề phía trên", "Đề tài thứ hai, hai dòng"}
    assert any(n["line"] == 5 and "repeats the title above the header (line 1)" in n["text"]
               for n in report.file_notes), report.file_notes


def test_a_cell_too_long_for_the_csv_reader_is_said_in_the_interface_language(org, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("id,dc.title\n1," + "a" * (17 * 1024 * 1024) + "\n2,Hai\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"^huge.csv, line 2: not valid CSV \(a cell of more than 16 MB\)$"):
        import_file(path, "HPU")


def test_an_xlsx_whose_sheet_inflates_as_a_zip_bomb_is_refused_before_reading(org, tmp_path, monkeypatch):
    """QA 21: a 1.5 MB workbook of one 1.5 GB cell took 3 GB and 4 minutes, then said nothing was wrong (here
    the bomb is small and the threshold lowered: 2 MB of one repeated cell, 1 MB the cap)."""
    from stinet.ingest import sheets

    monkeypatch.setattr(sheets, "BOMB_BYTES", 2 ** 20)
    path = sheet(tmp_path, "bomb.xlsx", ["dc.title", "id"], ["Nghiên cứu biển", "e1"])
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for name, data in parts.items():
            if name.startswith("xl/worksheets/sheet1"):
                data = data.replace(b"Nghi", b"N" + b"a" * 2_000_000 + b"ghi") if b"Nghi" in data else \
                    data.replace(b"</sheetData>", b'<row r="9"><c r="A9" t="inlineStr"><is><t>' + b"a" * 2_000_000
                                 + b"</t></is></c></row></sheetData>")
            bomb.writestr(name, data)
    with pytest.raises(ImportFileError, match=r"^bomb.xlsx: its part xl/worksheets/sheet1.xml inflates to 1 MB "
                                              r"\(\d+ times its size in the file\): refused as a zip bomb$"):
        import_file(path, "HPU")
    assert not Work.objects.exists()
    monkeypatch.setattr(sheets, "BOMB_BYTES", 100 * 2 ** 20)  # a real workbook of that size is read
    assert import_file(sheet(tmp_path, "real.xlsx", ["dc.title", "id"], ["Nghiên cứu biển", "e1"]), "HPU").new == 1


@pytest.mark.parametrize(("header", "read"), [
    (["Stt", "§¬n vÞ", "¦.TH", "So s¸nh (%)"], ["Stt", "Đơn vị", "Ư.TH", "So sánh (%)"]),  # short: as the others
    (["Tªn ®Ò tµi", "Nhiệt độ °C"], ["Tên đề tài", "Nhiệt độ °C"]),  # Unicode beside them: kept
    (["Tên đề tài", "Số ¦", "Giá (£)"], ["Tên đề tài", "Số ¦", "Giá (£)"]),  # no legacy header: signs kept
])
def test_a_short_header_with_a_legacy_sign_is_read_as_the_others(header, read):
    from stinet.ingest.readers import unicode_header

    assert unicode_header(header) == read
