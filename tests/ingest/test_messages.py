"""The import path speaks the interface language: Vietnamese by default (the CLI), English under English.

The other import tests compare English (tests/ingest/conftest.py); these say each message in both
languages, so that a translation that breaks (a msgid changed, a .po entry lost) fails here.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from stinet.catalog.services import CatalogError, add_organisation, get_organisation, set_hub
from stinet.ingest import services
from stinet.ingest.readers import ImportFileError
from stinet.ingest.services import import_file
from tests.conftest import row, shared_path

pytestmark = pytest.mark.django_db


def test_the_cli_reports_an_import_and_refuses_a_bad_file_in_vietnamese(run, tmp_path):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    data = tmp_path / "hpu.csv"
    data.write_text("Mã,Nhan đề,Năm\n1,Rạn san hô Cát Bà,2016\n2,Nuôi trồng thủy sản,abc\n", encoding="utf-8")
    result = run("import", str(data), "--org", "HPU")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "hpu.csv: 1 mới, 0 cập nhật, 0 không đổi, 1 bị từ chối",
        "bị từ chối: hpu.csv, dòng 3: Năm (dc.date.issued): không đọc được 'abc' là ngày hoặc năm",
    ]
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"dc.title\n\0x\n")
    refused = run("import", str(binary), "--org", "HPU")
    assert refused.returncode == 1 and refused.stderr.splitlines() == [
        "stinet: error: b.csv: không phải tệp văn bản (dữ liệu nhị phân: có byte NUL trong phần lẽ ra là văn bản "
        "(tại byte 9))"]
    unknown = run("import", str(data), "--org", "NOPE")
    assert unknown.stderr.splitlines() == ["stinet: error: tổ chức 'NOPE' không tồn tại (thêm bằng 'stinet org add')"]


REPORT = {
    "vi": ["data.csv: 1 mới, 0 cập nhật, 0 không đổi, 3 bị từ chối",
           "bị từ chối: data.csv, dòng 3: dc.date.issued: không đọc được 'abc' là ngày hoặc năm",
           "bị từ chối: data.csv, dòng 4: dc.title: thiếu nhan đề",
           "bị từ chối: data.csv, dòng 5: local.access: không rõ mức truy cập 'bí mật' (public, members, metadata)",
           "loại tài liệu không nhận ra (lưu là 'other'): 'Tờ rơi' x1",
           "dòng không có mã định danh (khoá tạo từ nhan đề/năm/tác giả): 1"],
    "en": ["data.csv: 1 new, 0 updated, 0 unchanged, 3 rejected",
           "rejected: data.csv, line 3: dc.date.issued: cannot read 'abc' as a date or year",
           "rejected: data.csv, line 4: dc.title: missing title",
           "rejected: data.csv, line 5: local.access: unknown access level 'bí mật' (public, members, metadata)",
           "type label not mapped (stored as 'other'): 'Tờ rơi' x1",
           "rows without an identifier (key derived from title/year/author): 1"],
}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_report_and_its_rejections_are_in_the_interface_language(org, write_csv, language):
    path = write_csv([row("Rạn san hô", dc_type="Tờ rơi"), row("Hai", id="2", dc_date_issued="abc"),
                      row("", id="3"), row("Bốn", id="4", local_access="bí mật")])
    with translation.override(language):
        report = import_file(path, "HPU")
        assert report.lines() == REPORT[language]


@pytest.mark.parametrize(("language", "notes"), [
    ("vi", ["ghi chú: s.xlsx: chỉ đọc trang tính đầu tiên 'Một'; không đọc: 'Hai' (1 dòng)",
            "bỏ qua: s.xlsx, dòng 2: dòng đánh số cột (1 2), không phải biểu ghi"]),
    ("en", ["note: s.xlsx: only the first sheet 'Một' was read; not read: 'Hai' (1 row)",
            "skipped: s.xlsx, line 2: column numbers (1 2), not a record"]),
])
def test_notes_on_a_workbook_are_in_the_interface_language(org, tmp_path, language, notes):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Một"
    for cells in (["Tên đề tài", "Năm"], ["1", "2"], ["Rạn san hô", 2016]):
        book.active.append(cells)
    book.create_sheet("Hai").append(["x"])
    book.save(tmp_path / "s.xlsx")
    with translation.override(language):
        assert import_file(tmp_path / "s.xlsx", "HPU").lines()[1:3] == notes


@pytest.mark.parametrize(("language", "reason"), [
    ("vi", "biểu ghi 2: địa chỉ bắt đầu dữ liệu ghi trong đầu biểu nằm ngoài biểu ghi"),
    ("en", "record 2: the base address of data in the leader is beyond the record"),
])
def test_a_rejected_marc_record_is_named_in_the_interface_language(org, language, reason):
    path = shared_path("conformance", "marc", "pymarc", "bad_records.mrc")
    with translation.override(language):
        assert f"bad_records.mrc, {reason}" in "\n".join(import_file(path, "HPU", fmt="marc").lines())


@pytest.mark.parametrize(("language", "messages"), [
    ("vi", ["b.csv: không phải tệp văn bản (dữ liệu nhị phân: có byte NUL trong phần lẽ ra là văn bản (tại byte 9))",
            "e.csv: tệp rỗng", "x.xml: XML sai cú pháp (dòng 1: ",
            "n.csv: không có cột nhan đề (cần cột 'dc.title' hoặc tiêu đề cột như 'Tên đề tài', 'Nhan đề'); "
            "các cột có trong tệp: Năm, Mã"]),
    ("en", ["b.csv: not a text file (binary data: NUL byte in what should be text (at byte 9))",
            "e.csv: the file is empty", "x.xml: not well-formed XML (line 1: ",
            "n.csv: no title column (expected 'dc.title' or a header such as 'Tên đề tài', 'Nhan đề'); "
            "found: Năm, Mã"]),
])
def test_a_file_is_refused_in_the_interface_language(org, tmp_path, language, messages):
    (tmp_path / "b.csv").write_bytes(b"dc.title\n\0x\n")
    (tmp_path / "e.csv").write_bytes(b"")
    (tmp_path / "x.xml").write_text("<collection", encoding="utf-8")
    (tmp_path / "n.csv").write_text("Năm,Mã\n2016,1\n", encoding="utf-8")
    with translation.override(language):
        for name, message in zip(("b.csv", "e.csv", "x.xml", "n.csv"), messages, strict=True):
            with pytest.raises(ImportFileError) as refused:
                import_file(tmp_path / name, "HPU")
            assert str(refused.value).startswith(message), name


@pytest.mark.parametrize(("language", "messages"), [
    ("vi", ["tổ chức 'NOPE' không tồn tại (thêm bằng 'stinet org add')", "tổ chức 'HPU' đã có",
            "mã tổ chức 'a b': chỉ dùng chữ cái, chữ số, '-' hoặc '_'", "tên tổ chức: không được để trống",
            "tổ chức NASATI: chỉ thành viên mạng lưới mới có thể là đơn vị đầu mối của mạng lưới"]),
    ("en", ["organisation 'NOPE' does not exist (add it with 'stinet org add')", "organisation 'HPU' exists already",
            "organisation code 'a b': use letters, digits, '-' or '_'", "organisation name: must not be empty",
            "organisation NASATI: only a member of the network can be its hub"]),
])
def test_organisations_are_refused_in_the_interface_language(org, language, messages):
    add_organisation("NASATI", "Cục Thông tin KH&CN quốc gia", kind="agency")
    refusals = [lambda: get_organisation("NOPE"), lambda: add_organisation("HPU", "Trùng"),
                lambda: add_organisation("a b", "X"), lambda: add_organisation("NEW", " "), lambda: set_hub("NASATI")]
    with translation.override(language):
        for refuse, message in zip(refusals, messages, strict=True):
            with pytest.raises(CatalogError) as refused:
                refuse()
            assert str(refused.value) == message


def test_rows_parsed_in_worker_processes_are_rejected_in_the_language_of_their_import(org, write_csv, monkeypatch):
    """The workers of an import session are forked once, in the language of its first file: a later
    file's rejections are still in the language active when that file is imported."""
    forked: list[int] = []
    real_pool = services.pool
    monkeypatch.setattr(services, "pool", lambda n: forked.append(n) or real_pool(n))
    monkeypatch.setenv("STINET_IMPORT_WORKERS", "2")
    monkeypatch.setattr(services, "CHUNK_SIZE", 2)
    paths = [write_csv([row(f"Tệp {f} số {i}", id=f"{f}-{i}", dc_date_issued="abc" if i == 3 else "2020")
                        for i in range(8)], name=f"{f}.csv") for f in range(3)]
    reports = []
    with services.import_session():
        for path, language in zip(paths, ("vi", "en", "vi"), strict=True):
            with translation.override(language):
                reports.append(import_file(path, "HPU"))
    assert forked == [2]  # all three files parsed by the same two workers
    vietnamese = [{"line": 5, "reason": "dc.date.issued: không đọc được 'abc' là ngày hoặc năm"}]
    english = [{"line": 5, "reason": "dc.date.issued: cannot read 'abc' as a date or year"}]
    assert [r.rejections for r in reports] == [vietnamese, english, vietnamese]


@pytest.mark.parametrize(("language", "line"), [
    ("vi", "đã chuyển từ Unicode tổ hợp (NFD) sang Unicode dựng sẵn (NFC): 1 giá trị"),
    ("en", "converted from decomposed Unicode (NFD) to composed Unicode (NFC): 1 value"),
])
def test_decomposed_text_converted_is_reported_in_the_interface_language(org, tmp_path, language, line):
    import unicodedata

    path = tmp_path / "nfd.csv"
    path.write_text("id,dc.title\nn1," + unicodedata.normalize("NFD", "Rạn san hô") + "\n", encoding="utf-8")
    with translation.override(language):
        assert line in import_file(path, "HPU").lines()


def test_cells_beyond_the_header_are_reported_in_the_interface_language_and_kept_under_one_name(org, tmp_path,
                                                                                                client):
    """The report names a cell beyond the header in its language; the record keeps it under "column 5" in any,
    so the same file imported under the other language is unchanged, and the work page names it in its own."""
    import re

    from stinet.catalog.models import Work

    path = tmp_path / "shift.csv"
    path.write_text("id,dc.title,dc.contributor.author,dc.type\nc-1,Nghiên cứu cây lúa, ngô và khoai,Trần Văn Hùng,"
                    "Bài báo\n", encoding="utf-8")
    checks = {
        "en": "check: shift.csv, line 2: 5 cells where the header has 4 (a comma inside a value not in quotes shifts "
              "the cells after it; extra cells kept as 'column 5')",
        "vi": "cần kiểm tra: shift.csv, dòng 2: 5 ô trong khi dòng tiêu đề cột có 4 (một dấu phẩy trong giá trị không "
              "đặt trong ngoặc kép làm lệch các ô sau nó; các ô thừa được giữ dưới tên 'cột 5')",
    }
    reports = []
    for language, check in checks.items():
        with translation.override(language):
            reports.append(import_file(path, "HPU"))
            assert check in reports[-1].lines()
        assert Work.objects.get().extra == {"column 5": "Bài báo"}
    assert [(r.new, r.updated, r.unchanged) for r in reports] == [(1, 0, 0), (0, 0, 1)]
    for lang, name in (("vi", "cột 5"), ("en", "column 5")):
        page = client.get(f"/works/{Work.objects.get().pk}/", {"lang": lang}).content.decode()
        assert name in re.findall(r"<dt>([^<]*)</dt>", page), lang
