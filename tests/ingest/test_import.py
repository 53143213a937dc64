"""Importing members' CSV / XLSX / XLS files through the real import service."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from stinet.catalog.models import AuditEntry, Holding, ImportRun, SourceRecord, Work
from stinet.ingest import services
from stinet.ingest.readers import ImportFileError
from stinet.ingest.services import import_file
from tests.conftest import row, shared_path

pytestmark = pytest.mark.django_db


def test_csv_import_creates_works_and_holdings(org, write_csv):
    path = write_csv([
        row("Nghiên cứu đa dạng sinh học", id="a1", dc_type="Luận văn thạc sĩ", dc_date_issued="2016-05-12",
            dc_contributor_author="TS. Nguyễn Văn An||Doãn, Văn Minh", dc_contributor_advisor="PGS.TS. Trần Bình",
            dc_subject="sinh học||biển", dc_identifier_isbn="978-604-0-00000-0", local_callnumber="LV 12.345"),
        row("Báo cáo tổng kết đề tài", id="a2", dc_type="Báo cáo kết quả nghiên cứu", dc_date_issued="2019"),
    ])
    report = import_file(path, "HPU")
    assert report.counts() == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    work = Work.objects.get(holdings__local_id="a1")
    assert work.type == "thesis" and work.year == 2016 and work.date == "2016-05-12"
    assert work.authors == ["Nguyễn Văn An", "Doãn Văn Minh"]
    assert work.advisors == ["Trần Bình"]
    assert work.subjects == ["sinh học", "biển"]
    assert work.identifiers == {"isbn": ["978-604-0-00000-0"]}
    holding = work.holdings.get()
    assert holding.organisation == org and holding.call_number == "LV 12.345"
    assert SourceRecord.objects.get(local_id="a1").payload["dc.title"] == "Nghiên cứu đa dạng sinh học"
    assert Work.objects.get(holdings__local_id="a2").type == "report"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_quotes_doubled_inside_quoted_cells_are_one_quote(org, tmp_path, delimiter):
    """As Excel and LibreOffice write them, whatever the delimiter and whatever the header looks like."""
    d = delimiter
    path = tmp_path / "quotes.csv"
    path.write_text(f'id{d}dc.title{d}dc.subject\r\n'
                    f'q1{d}"Say ""hi"" now"{d}"a""b||""c"""\r\n'
                    f'q2{d}"Cảng {d} ""biển""\nHải Phòng"{d}x\r\n', encoding="utf-8")
    assert import_file(path, "HPU").counts()["new"] == 2
    assert Work.objects.get(holdings__local_id="q1").title == 'Say "hi" now'
    assert Work.objects.get(holdings__local_id="q1").subjects == ['a"b', '"c"']
    title = f'Cảng {d} "biển" Hải Phòng' if d != "\t" else 'Cảng "biển" Hải Phòng'  # white space is one space
    assert Work.objects.get(holdings__local_id="q2").title == title


def test_columns_of_one_field_in_several_languages_all_count(org, tmp_path):
    """A DSpace export with language-tagged columns: nothing overwrites anything."""
    path = tmp_path / "tagged.csv"
    path.write_text(
        "id,dc.title[en],dc.title[vi],dc.contributor.author[vi],dc.creator,dc.subject[vi],dc.subject[en],"
        "dc.subject.other,dc.description.abstract[en],dc.description.abstract[vi],dc.contributor\n"
        "t1,Assessing coastal livelihoods,Đánh giá sinh kế ven biển,Nguyễn Văn An||Trần Thị Bình,"
        "Trần Thị Bình,sinh kế||ven biển,livelihoods,nghề cá,The English abstract.,Tóm tắt tiếng Việt.,"
        "Lê Văn Cường\n", encoding="utf-8")
    report = import_file(path, "HPU")
    assert report.counts()["new"] == 1 and report.unknown_columns == []
    work = Work.objects.get(holdings__local_id="t1")
    assert (work.title, work.title_en) == ("Đánh giá sinh kế ven biển", "Assessing coastal livelihoods")
    assert work.creators == [{"name": "Nguyễn Văn An", "role": "author"}, {"name": "Trần Thị Bình", "role": "author"},
                             {"name": "Lê Văn Cường", "role": "contributor"}]
    assert work.subjects == ["sinh kế", "ven biển", "nghề cá", "livelihoods"]  # other languages after
    assert work.abstract == "Tóm tắt tiếng Việt."
    assert work.extra == {"dc.description.abstract[en]": "The English abstract."}


@pytest.mark.parametrize(("value", "year", "date"), [
    ("2016-05-12", 2016, "2016-05-12"), ("2016-05-12T07:00:00Z", 2016, "2016-05-12"), ("05/2016", 2016, "2016-05"),
    ("12/5/2016", 2016, "2016-05-12"), ("2015-2017", 2015, "2015"), ("Năm 2016", 2016, "2016"),
    ("20160512", 2016, "2016-05-12"), ("2019-20", 2019, "2019"), ("1998-99", 1998, "1998"),
    ("2016-05", 2016, "2016-05"),
])
def test_dates_as_members_write_them(org, write_csv, value, year, date):
    import_file(write_csv([row("Ngày tháng", id="d1", dc_date_issued=value)]), "HPU")
    assert (Work.objects.get().year, Work.objects.get().date) == (year, date)


@pytest.mark.parametrize(("value", "reason"), [
    ("2020-13-45", "'2020-13-45' is not a real date"), ("31/02/2016", "'31/02/2016' is not a real date"),
    ("13/2016", "'13/2016' is not a real date"), ("12/05/0201", "the year 201 is not between 1800 and 2100"),
])
def test_an_impossible_date_rejects_its_row_with_the_reason(org, write_csv, value, reason):
    report = import_file(write_csv([row("Ngày sai", id="d1", dc_date_issued=value), row("Đúng", id="d2")]), "HPU")
    assert report.counts()["new"] == 1 and reason in report.rejections[0]["reason"]


@pytest.mark.parametrize(("value", "code"), [("vi_VN", "vi"), ("vi-VN", "vi"), ("en_US", "en"), ("Tiếng Việt", "vi"),
                                           ("de_DE", "de"), ("khmer", "khmer"), ("vie||eng", "vi"), ("vi; en", "vi"),
                                           ("khác||eng", "en"), ("x-klingon-very-long-tag", ""),
                                           ("Tiếng Việt, Anh", "vi")])
def test_language_codes_with_a_region_are_the_language(org, write_csv, value, code):
    import_file(write_csv([row("Ngôn ngữ", id="l1", dc_language_iso=value)]), "HPU")
    assert Work.objects.get().language == code


@pytest.mark.parametrize(("column", "limit"), [("id", 300), ("thesis.degree.name", 200), ("thesis.degree.grantor", 300),
                                             ("dc.publisher", 300), ("local.callnumber", 100)])
def test_a_value_longer_than_its_column_rejects_its_row_on_every_database(org, write_csv, column, limit):
    long_row = {"dc.title": "Quá dài", "id": "x1", column: "Đ" * (limit + 1)}
    report = import_file(write_csv([long_row, row("Vừa", id="x2")]), "HPU")
    assert report.counts()["new"] == 1 and report.rejections[0]["line"] == 2
    assert report.rejections[0]["reason"].startswith(f"{column}: {limit + 1} characters, at most {limit} fit")
    assert Work.objects.get().title == "Vừa"


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("dc.title", "Đ" * 2_001, "dc.title: 2,001 characters, at most 2,000 ('ĐĐ"),
    ("dc.description.abstract", "a" * 100_001, "dc.description.abstract: 100,001 characters, at most 100,000"),
    ("dc.contributor.author", "||".join(f"Nguyễn Văn {i}" for i in range(1_001)),
     "dc.contributor.author: 1,001 values, at most 1,000"),
    ("dc.subject", "||".join(f"chủ đề {i}" for i in range(501)), "dc.subject: 501 values, at most 500"),
    # one name or subject the length of an abstract (QA 20: 34,999 characters stopped an XLSX export later)
    ("dc.contributor.author", "Nguyễn Văn " + "An" * 300, "dc.contributor.author: 611 characters, at most 500"),
    ("dc.subject", "đa dạng " * 200, "dc.subject: 1,599 characters, at most 1,000"),
])
def test_values_far_beyond_any_real_record_reject_their_row(org, write_csv, column, value, reason):
    rows = [{"dc.title": "Hỏng", "id": "x1", column: value}, row("Vừa", id="x2")]
    report = import_file(write_csv(rows), "HPU")
    assert report.counts()["new"] == 1 and report.rejections[0]["reason"].startswith(reason)
    assert Work.objects.get().title == "Vừa"


def test_values_under_a_header_cell_without_a_name_are_kept(org, tmp_path):
    path = tmp_path / "unnamed.csv"
    path.write_text("id,,dc.title\nu1,Ghi chú của thư viện,Tên tài liệu\nu2,,Tài liệu khác\n", encoding="utf-8")
    assert import_file(path, "HPU").counts()["new"] == 2
    assert Work.objects.get(holdings__local_id="u1").extra == {"column 2": "Ghi chú của thư viện"}
    assert Work.objects.get(holdings__local_id="u2").extra == {}


def test_short_values_of_a_legacy_encoded_file_are_converted_too(org, tmp_path):
    """A TCVN3 spreadsheet is TCVN3 throughout: "Côc SHTT" alone reads as Unicode as well, not beside it."""
    from stinet.vietnamese import encode

    titles = ["Nghiên cứu công nghệ sinh học biển", "Đánh giá tác động môi trường vùng ven biển",
              "Giải pháp phát triển nguồn nhân lực khoa học", "Ứng dụng tin học trong quản lý"]
    lines = [encode("id,Tên đề tài,Cơ quan chủ trì", "tcvn3")]
    lines += [f"t{i},{encode(t, 'tcvn3')},{encode('Viện Hải dương học', 'tcvn3')}" for i, t in enumerate(titles)]
    lines.append(f"t9,{encode('Công tác sở hữu trí tuệ', 'tcvn3')},{encode('Cục SHTT', 'tcvn3')}")
    path = tmp_path / "tcvn3.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    assert import_file(path, "HPU").counts()["new"] == 5
    assert Work.objects.get(holdings__local_id="t9").publisher == "Cục SHTT"  # was "Côc SHTT"
    assert Work.objects.get(holdings__local_id="t1").title == titles[1]


@pytest.mark.parametrize(("cell", "host", "people"), [
    ("Vụ CSHT\nKS. Phạm Quốc Tuấn", "Vụ CSHT", ["Phạm Quốc Tuấn"]),
    ("TT NC KT Miền Nam\nThS. Trần Sinh", "TT NC KT Miền Nam", ["Trần Sinh"]),  # TT: trung tâm
    ("Cơ quan đại diện phía Nam\nPhạm Hồng Kỳ", "Cơ quan đại diện phía Nam", ["Phạm Hồng Kỳ"]),
    ("Viện Kinh tế - TS. Nguyễn Văn An", "Viện Kinh tế", ["Nguyễn Văn An"]),  # one line: the title starts the person
    ("Phân viện Hải dương học tại Hải Phòng / PGS.TS. Lê Văn Sơn", "Phân viện Hải dương học tại Hải Phòng",
     ["Lê Văn Sơn"]),
])
def test_a_host_and_principal_investigator_cell_gives_the_host_and_the_people(org, write_csv, cell, host, people):
    """The host organisations of the Bộ KH&ĐT's 2003 list (corpus 2005-2942C_Detai2003.xls) were stored as authors."""
    import_file(write_csv([{"id": "h1", "Tên đề tài": "Đề tài", "Đơn vị chủ trì / Chủ nhiệm đề tài": cell}],
                          "host.csv"), "HPU")
    work = Work.objects.get()
    assert (work.publisher, work.authors) == (host, people)


def test_short_values_of_a_viqr_file_are_converted_too(org, tmp_path):
    """VIQR is ASCII: "Ho`a" or "Ta^.p 2" alone are too little evidence, not beside VIQR titles."""
    from stinet.vietnamese import encode

    titles = ["Nghiên cứu công nghệ sinh học biển", "Đánh giá tác động môi trường vùng ven biển",
              "Giải pháp phát triển nguồn nhân lực khoa học", "Ứng dụng tin học trong quản lý"]
    lines = [encode("id;Tên đề tài;Tác giả;Ghi chú", "viqr")]
    lines += [f"v{i};{encode(t, 'viqr')};{encode('Đào Duy Anh', 'viqr')};{encode('Tập 2', 'viqr')}"
              for i, t in enumerate(titles)]
    lines.append(f"v9;{encode('Hòa', 'viqr')};Smith, John;e.g. ISO 9001.")
    path = tmp_path / "viqr.csv"
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    assert import_file(path, "HPU").counts()["new"] == 5
    first = Work.objects.get(holdings__local_id="v0")
    assert (first.title, first.authors, first.extra) == (titles[0], ["Đào Duy Anh"], {"Ghi chú": "Tập 2"})
    last = Work.objects.get(holdings__local_id="v9")
    assert (last.title, last.authors, last.extra) == ("Hòa", ["John Smith"], {"Ghi chú": "e.g. ISO 9001."})


def test_codes_beside_viqr_text_stay_as_written(org, tmp_path):
    """A dot before a digit is no dot below: "LA.0123" beside VIQR titles was read "LẠ0123"."""
    from stinet.vietnamese import encode

    titles = ["Nghiên cứu công nghệ sinh học biển", "Đánh giá tác động môi trường vùng ven biển"]
    lines = [encode("id;Tên đề tài;Ký hiệu;Ghi chú", "viqr")]
    lines += [f"c{i};{encode(t, 'viqr')};LA.012{i};Kho A.2, ta^`ng 3" for i, t in enumerate(titles)]
    lines.append("c9;Ba'o ca'o to^?ng ke^'t so^' LA.0123;;")  # a code inside a VIQR cell
    path = tmp_path / "codes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    assert import_file(path, "HPU").counts()["new"] == 3
    work = Work.objects.get(holdings__local_id="c1")
    assert (work.title, work.extra) == (titles[1], {"Ghi chú": "Kho A.2, tầng 3"})
    assert work.holdings.get().call_number == "LA.0121"
    assert Work.objects.get(holdings__local_id="c9").title == "Báo cáo tổng kết số LA.0123"


def test_a_cell_retyped_in_part_has_its_tcvn3_words_converted(org, write_csv):
    """An author's family name left in TCVN3 in a Unicode cell ("NguyÔn Văn An"): the word is converted
    (and reported), the Unicode words kept; it stayed "NguyÔn"."""
    report = import_file(write_csv([row("Đánh giá tÝnh bền vững", id="m1", dc_contributor_author="NguyÔn Văn An",
                                       dc_subject="Chè", dc_publisher="Bé Tý Hà")], "mixed.csv"), "HPU")
    work = Work.objects.get()
    assert (work.title, work.authors) == ("Đánh giá tính bền vững", ["Nguyễn Văn An"])
    assert (work.subjects, work.publisher) == (["Chè"], "Bé Tý Hà")  # the row is Unicode: not TCVN3 "Chố", "Bộ"
    assert report.new == 1 and any("NguyÔn Văn An" in line and "Nguyễn Văn An" in line for line in report.lines())


def test_a_cell_retyped_in_part_has_its_vni_words_converted(org, write_csv):
    """The same with words left in VNI ("Nguyeãn", "hoïc"): converted and reported, the row's other
    Unicode cells kept."""
    rows = [row("Nghieân cöùu đa dạng sinh hoïc", id="m1", dc_contributor_author="Nguyeãn Văn An", dc_subject="Chè",
                dc_publisher="Hoà Bình")]
    report = import_file(write_csv(rows, "mixed.csv"), "HPU")
    work = Work.objects.get()
    assert (work.title, work.authors) == ("Nghiên cứu đa dạng sinh học", ["Nguyễn Văn An"])
    assert (work.subjects, work.publisher) == (["Chè"], "Hoà Bình")
    assert report.conversions == {"vni": 2}


def test_a_cell_both_legacy_encodings_read_is_read_in_its_rows_encoding(org, tmp_path):
    """Beside VNI cells, "san hoâ" (VNI "san hô") was read as TCVN3 "san hoõ"."""
    from stinet.vietnamese import encode

    cells = ["Nghiên cứu đa dạng sinh học rạn san hô", "Nguyễn Văn Trống", "san hô"]
    path = tmp_path / "vni.csv"
    path.write_bytes(("id,dc.title,dc.contributor.author,dc.subject\nv1,"
                      + ",".join(encode(c, "vni") for c in cells) + "\n").encode("cp1252"))
    report = import_file(path, "HPU")
    work = Work.objects.get()
    assert (work.title, work.authors, work.subjects) == (cells[0], [cells[1]], [cells[2]])
    assert report.conversions == {"vni": 3}


def test_a_rejection_names_the_members_own_column(org, tmp_path):
    path = tmp_path / "vn.csv"
    path.write_text("Mã;Tên đề tài;Năm\nv1;Đề tài một;20l5\nv2;;2016\n", encoding="utf-8")
    report = import_file(path, "HPU")
    reasons = [r["reason"] for r in report.rejections]
    assert reasons == ["Năm (dc.date.issued): cannot read '20l5' as a date or year",
                       "Tên đề tài (dc.title): missing title"]


def test_two_co_authors_of_one_name_stay_two(org, write_csv):
    import_file(write_csv([row("Hai tác giả", id="n1", dc_contributor_author="Nguyễn Văn An||Nguyễn Văn An")]), "HPU")
    assert Work.objects.get().authors == ["Nguyễn Văn An", "Nguyễn Văn An"]


def test_a_title_tagged_english_is_the_title_when_it_is_the_only_one(org, tmp_path):
    """DSpace tags every value, often all [en_US]: the only title column is the title."""
    only = tmp_path / "only.csv"
    only.write_text("id,dc.title[en_US]\no1,Đánh giá sinh kế ven biển\n", encoding="utf-8")
    assert import_file(only, "HPU").counts()["new"] == 1
    assert Work.objects.get(holdings__local_id="o1").title == "Đánh giá sinh kế ven biển"
    both = tmp_path / "both.csv"  # a row with only its English title filled still has a title
    both.write_text("id,dc.title[vi],dc.title[en]\no2,,Coastal livelihoods\n", encoding="utf-8")
    assert import_file(both, "HPU").counts()["new"] == 1
    assert Work.objects.get(holdings__local_id="o2").title == "Coastal livelihoods"


def test_json_is_stored_with_its_letters_not_escapes(org, write_csv):
    import_file(write_csv([row("Nghiên cứu đa dạng sinh học", id="a1", dc_contributor_author="Nguyễn Văn An")]), "HPU")
    with connection.cursor() as cur:
        cur.execute("SELECT s.payload, w.creators FROM catalog_sourcerecord s JOIN catalog_holding h "
                    "ON h.source_id = s.id JOIN catalog_work w ON w.id = h.work_id")
        payload, creators = (str(v) for v in cur.fetchone())
    assert "Nghiên cứu đa dạng" in payload and "Nguyễn Văn An" in creators and "\\u" not in payload + creators
    assert Work.objects.filter(creators__0__name="Nguyễn Văn An").count() == 1


def test_reimport_updates_in_place_and_never_duplicates(org, write_csv):
    rows = [row("Tên cũ", id="x1", dc_date_issued="2010"), row("Không đổi", id="x2")]
    import_file(write_csv(rows, "v1.csv"), "HPU")
    again = import_file(write_csv(rows, "v1.csv"), "HPU")
    assert again.counts() == {"new": 0, "updated": 0, "unchanged": 2, "rejected": 0}
    rows[0]["dc.title"] = "Tên mới"
    third = import_file(write_csv(rows, "v2.csv"), "HPU")
    assert third.counts() == {"new": 0, "updated": 1, "unchanged": 1, "rejected": 0}
    assert Work.objects.count() == 2 and Holding.objects.count() == 2
    assert Work.objects.get(holdings__local_id="x1").title == "Tên mới"
    assert SourceRecord.objects.get(local_id="x1").payload["dc.title"] == "Tên mới"  # the record as received now
    entry = AuditEntry.objects.get(action="update")
    assert entry.before == {"title": "Tên cũ"} and entry.after == {"title": "Tên mới"}
    rows[1].update({"local.callnumber": "LV-001a", "local.access": "members"})  # QA 22: a holding's, unaudited
    assert import_file(write_csv(rows, "v3.csv"), "HPU").counts()["updated"] == 1
    entry = AuditEntry.objects.filter(action="update").latest("at")
    assert entry.object_id == str(Holding.objects.get(local_id="x2").work_id)
    assert entry.before == {"record": "HPU:x2", "call_number": "", "access": "metadata"}
    assert entry.after == {"record": "HPU:x2", "call_number": "LV-001a", "access": "members"}


def test_the_same_values_read_with_another_digest_leave_the_work_undated(org, write_csv, tmp_path):
    """QA 20: a member's MARCXML export of harvested records imported back dated every work anew (its source
    record's digest was the harvest's): every OAI-PMH harvester fetched them all again. Only the source record
    is replaced (counted updated); a real change dates the work."""
    rows = [row("Rạn san hô Cát Bà", id="x1", dc_date_issued="2010", dc_identifier_uri="https://a.vn/1")]
    import_file(write_csv(rows, "v1.csv"), "HPU")
    SourceRecord.objects.update(digest="read-from-another-format")
    dated = Work.objects.get().updated_at
    again = import_file(write_csv(rows, "v1.csv"), "HPU")
    assert again.counts() == {"new": 0, "updated": 1, "unchanged": 0, "rejected": 0}
    assert Work.objects.get().updated_at == dated and not AuditEntry.objects.filter(action="update").exists()
    assert SourceRecord.objects.get().digest != "read-from-another-format"  # unchanged from now on
    rows[0]["dc.identifier.uri"] = "https://a.vn/2"  # the holding's link: the record changed
    assert import_file(write_csv(rows, "v2.csv"), "HPU").counts()["updated"] == 1
    assert Work.objects.get().updated_at > dated


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_members_own_export_imported_again_unchanged_counts_unchanged(org, tmp_path, fmt):
    """Other columns, in another order, the identifier kinds in another order: the same records."""
    from stinet.catalog.models import Organisation
    from stinet.formats.export import write

    path = tmp_path / "mine.csv"
    path.write_text("id,dc.title,dc.date.issued,dc.type,dc.contributor.author,dc.identifier.uri,dc.identifier.isbn,"
                    "local.funding\n"
                    "RL-2,Bản ghi hai,2019,Luận văn thạc sĩ,Lê Văn Hai,https://repo.example.vn/2,978-604-0-00000-0,"
                    "50 triệu\n"
                    "RL-3,Bản ghi ba,2018,Bài báo,Lê Văn Ba||Trần Thị Bốn,,,\n", encoding="utf-8")
    assert import_file(path, "HPU").new == 2
    exported = tmp_path / f"export.{fmt}"
    with exported.open("wb") as out:
        assert write(fmt, out, org=Organisation.objects.get(code="HPU")) == 2
    assert import_file(exported, "HPU").counts() == {"new": 0, "updated": 0, "unchanged": 2, "rejected": 0}
    again = path.read_text(encoding="utf-8").replace("id,", "dc.date.accessioned,id,").replace("\nRL-", "\n2024,RL-")
    path.write_text(again.replace("Bản ghi ba", "Bản ghi ba (sửa)"), encoding="utf-8")
    assert import_file(path, "HPU").counts() == {"new": 0, "updated": 1, "unchanged": 1, "rejected": 0}


def test_bad_rows_are_rejected_with_line_and_reason_and_good_rows_kept(org, write_csv):
    path = write_csv([
        row("Tốt 1", id="g1"),
        row("", id="b1"),
        row("Năm sai", id="b2", dc_date_issued="không rõ"),
        row("Quyền sai", id="b3", local_access="bí mật"),
        row("Tốt 2", id="g2"),
        row("Trùng", id="g2"),
    ])
    report = import_file(path, "HPU")
    assert report.new == 2 and report.rejected == 4
    reasons = {r["line"]: r["reason"] for r in report.rejections}
    assert reasons[3] == "dc.title: missing title"
    assert reasons[4].startswith("dc.date.issued: cannot read 'không rõ'")
    assert reasons[5].startswith("local.access: unknown access level 'bí mật'")
    assert reasons[7] == "id: 'g2' appears twice in this file"
    assert "rejected: data.csv, line 3: dc.title: missing title" in report.lines()


@pytest.mark.parametrize("title", ["   ", "||", " || ", "\u00a0"])
def test_a_title_of_spaces_or_separators_alone_is_a_missing_title(org, tmp_path, title):
    """Such a cell is not empty, but holds no title: its row is rejected, the good rows imported."""
    path = tmp_path / "blank.csv"
    path.write_text(f'id,dc.title,dc.date.issued\nT-1,Tiêu đề tốt,2020\nT-2,"{title}",2020\n'
                    f"T-3,Tiêu đề tốt hai,2021\n", encoding="utf-8")
    report = import_file(path, "HPU")
    assert report.counts() == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 1}
    assert "rejected: blank.csv, line 3: dc.title: missing title" in report.lines()
    tagged = tmp_path / "tagged.csv"  # as an empty cell: the English title stands in
    tagged.write_text(f'id,dc.title[vi],dc.title[en]\nT-4,"{title}",Coastal livelihoods\n', encoding="utf-8")
    assert import_file(tagged, "HPU").counts()["new"] == 1
    assert Work.objects.get(holdings__local_id="T-4").title == "Coastal livelihoods"


def test_a_spreadsheet_title_of_spaces_alone_is_rejected_with_its_line(org, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    for cells in (["Mã", "Tên đề tài", "Năm"], ["X-1", "Đề tài một", 2019], ["X-2", "   ", 2020],
                  ["X-3", "||", 2021], ["X-4", "Đề tài bốn", 2022]):
        book.active.append(cells)
    path = tmp_path / "blank.xlsx"
    book.save(path)
    report = import_file(path, "HPU")
    assert report.counts() == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 2}
    assert [r["reason"] for r in report.rejections] == ["Tên đề tài (dc.title): missing title"] * 2
    assert [r["line"] for r in report.rejections] == [3, 4]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"PK\x03\x04binary zip", "this is a spreadsheet, not a CSV file"),
    (b"\x00\x01\x02\x03" * 50, "not a text file"),
    ("Tác giả,Năm\nA,2001\n".encode(), "no title column"),
])
def test_broken_file_stops_with_one_line_and_changes_nothing(org, tmp_path, content, message):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message) as info:
        import_file(path, "HPU")
    assert "\n" not in str(info.value) and "broken.csv" in str(info.value)
    assert Work.objects.count() == 0 and ImportRun.objects.count() == 0


def test_the_refusal_of_a_file_without_a_title_column_is_one_line(org, tmp_path):
    """Header cells with line breaks ('Thực hiện\\nnăm 2001') are listed on one line."""
    path = tmp_path / "bieu.csv"
    path.write_text('"Số TT","Thực hiện \nnăm 2001","Kế hoạch\r\n  năm 2003"\n1,2,3\n', encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        import_file(path, "HPU")
    assert str(info.value).endswith("found: Số TT, Thực hiện năm 2001, Kế hoạch năm 2003")


@pytest.mark.parametrize(("name", "found"), [
    ("2005-KH2003-bieu.xls", "found: Số TT, Tên chỉ tiêu, Đơn vị tính, Thực hiện năm 2001, Ước TH năm 2002, "
                             "Kế hoạch năm 2003"),
    ("2005-391F5_Danh_muc.xls", "found: Số TT, Tên mặt hàng, Mã số theo biểu thuế nhập khẩu, Ký hiệu quy cách, "
                                "mô tả đặc tính kỹ thuật, Ghi chú"),  # "Ghi chó" read as TCVN3 as the others
    ("2005-4E4ZD_XKT2.05.xls", "found: Stt, Đơn vị, K.H, TH, Ư.TH, Ư.TH[2], TH[2], So sánh (%)"),  # QA 25: "¦.TH"
])
def test_the_headers_of_a_legacy_encoded_workbook_are_listed_in_unicode_on_one_line(org, name, found):
    path = shared_path("conformance", "legacy-vietnamese", "viparse-corpus", "corpus", "tcvn3", name)
    with pytest.raises(ImportFileError) as info:
        import_file(path, "HPU")
    assert "\n" not in str(info.value) and str(info.value).endswith(found)


def test_unknown_org_is_refused(db, write_csv):
    with pytest.raises(ValueError, match="organisation 'NOPE' does not exist"):
        import_file(write_csv([row("A")]), "NOPE")


def test_unknown_columns_are_kept_and_reported(org, write_csv):
    report = import_file(write_csv([row("Có cột lạ", id="u1", **{"local_funding": "50 triệu"})]), "HPU")
    assert report.unknown_columns == ["local.funding"]
    assert Work.objects.get().extra == {"local.funding": "50 triệu"}


def test_unmapped_type_labels_are_reported(org, write_csv):
    report = import_file(write_csv([row("Poster", id="p", dc_type="Poster khoa học"),
                                    row("Luận án", id="q", dc_type="Luận án Tiến sỹ Kinh tế")]), "HPU")
    assert dict(report.unmapped_types) == {"Poster khoa học": 1}
    assert Work.objects.get(holdings__local_id="p").type == "other"
    assert Work.objects.get(holdings__local_id="q").type == "dissertation"


def test_type_labels_the_degree_decides_and_generic_ones_reported(org, write_csv):
    report = import_file(write_csv([row("Một", id="d1", dc_type="Luận văn tiến sĩ"),
                                    row("Hai", id="d2", dc_type="Luận văn Phó tiến sĩ"),
                                    row("Ba", id="d3", dc_type="Tài liệu hướng dẫn nội bộ"),
                                    row("Bốn", id="d4", dc_type="Tài liệu khác")]), "HPU")
    assert dict(report.unmapped_types) == {"Tài liệu hướng dẫn nội bộ": 1}
    types = dict(Work.objects.values_list("holdings__local_id", "type"))
    assert types == {"d1": "dissertation", "d2": "dissertation", "d3": "other", "d4": "other"}


def test_openaire_types_of_a_dspace_export_are_mapped(org, write_csv):
    report = import_file(write_csv([row("Một", id="e1", dc_type="info:eu-repo/semantics/masterThesis"),
                                    row("Hai", id="e2", dc_type="info:eu-repo/semantics/doctoralThesis"),
                                    row("Ba", id="e3", dc_type="info:eu-repo/semantics/conferenceObject"),
                                    row("Bốn", id="e4", dc_type="Luận văn thạc sĩ")]), "HPU")
    assert not report.unmapped_types
    types = dict(Work.objects.values_list("holdings__local_id", "type"))
    assert types == {"e1": "thesis", "e2": "dissertation", "e3": "conference", "e4": "thesis"}


def test_legacy_encoded_values_are_converted_and_reported(org, write_csv):
    from stinet.vietnamese import encode

    title = "Nghiên cứu đa dạng sinh học biển Cát Bà"
    report = import_file(write_csv([row(encode(title, "tcvn3"), id="t1"),
                                    row(encode("Đánh giá hiệu quả kinh tế", "vni"), id="t2")],
                                   encoding="cp1252"), "HPU")
    assert Work.objects.get(holdings__local_id="t1").title == title
    assert Work.objects.get(holdings__local_id="t2").title == "Đánh giá hiệu quả kinh tế"
    assert report.conversions["tcvn3"] >= 1 and report.conversions["vni"] >= 1


def test_unicode_stays_as_typed_beside_legacy_cells_and_each_conversion_is_listed(org, write_csv):
    from stinet.vietnamese import encode

    report = import_file(write_csv([
        row("Giải pháp cảng biển Bắc Bộ", id="u1", dc_contributor_author="Bùi Minh Lan||Bùi Thu Phong"),
        row(encode("Khảo sát giống chè Shan tuyết", "tcvn3"), id="m5", dc_contributor_author="Đỗ Văn Ết",
            dc_subject="chè"),  # a TCVN3 title beside cells typed in Unicode: "chè" is not TCVN3 "chố"
        row(encode("Nghiên cứu thử nghiệm hệ thống", "tcvn3"), id="m6", dc_contributor_author="Lý Kh¸nh Anh",
            dc_type="Luận văn thạc sĩ", dc_subject="chè"),  # QA 26: "Kh¸nh" is no Unicode word: TCVN3 "Khánh"
    ]), "HPU")
    assert [c["name"] for c in Work.objects.get(holdings__local_id="u1").creators] == ["Bùi Minh Lan", "Bùi Thu Phong"]
    mixed = Work.objects.get(holdings__local_id="m5")
    assert (mixed.title, mixed.subjects) == ("Khảo sát giống chè Shan tuyết", ["chè"])
    thesis = Work.objects.get(holdings__local_id="m6")
    assert (thesis.title, thesis.authors, thesis.subjects) == ("Nghiên cứu thử nghiệm hệ thống", ["Lý Khánh Anh"],
                                                               ["chè"])
    assert report.conversions == {"tcvn3": 3}
    assert "converted: data.csv, line 3, dc.title: 'Kh¶o s¸t gièng chÌ Shan tuyÕt' -> 'Khảo sát giống chè Shan tuyết'" \
        in report.lines()


def test_cp1258_and_nfd_files_are_stored_nfc(org, tmp_path):
    import unicodedata

    path = tmp_path / "nfd.csv"
    path.write_text("dc.title,id\n" + unicodedata.normalize("NFD", "Hải Phòng") + ",n1\n", "utf-8")
    import_file(path, "HPU")
    assert Work.objects.get().title == "Hải Phòng"
    assert unicodedata.is_normalized("NFC", Work.objects.get().title)


@pytest.mark.parametrize(("codec", "said"), [("cp1258", "Windows-1258"), ("utf-16", "UTF-16"), ("utf-8", "")])
def test_a_file_in_another_text_encoding_is_said_to_be_read_so(org, tmp_path, codec, said):
    """QA 25: a Windows-1258 file was stored right, and the report said nothing of the conversion (DESIGN 2.2)."""
    import contextlib
    import unicodedata

    def windows_1258(letter: str) -> bytes:  # as Windows writes it: ê, ơ, ư... whole, the tones apart
        with contextlib.suppress(UnicodeEncodeError):
            return letter.encode("cp1258")
        parts = unicodedata.normalize("NFD", letter)
        with contextlib.suppress(UnicodeEncodeError):
            return unicodedata.normalize("NFC", parts[:2]).encode("cp1258") + parts[2:].encode("cp1258")
        return parts.encode("cp1258")

    text = "id,dc.title\nR1,Nghiên cứu đa dạng sinh học\n"
    path = tmp_path / "bang.csv"
    path.write_bytes(b"".join(map(windows_1258, text)) if codec == "cp1258" else text.encode(codec))
    report = import_file(path, "HPU")
    assert Work.objects.get().title == "Nghiên cứu đa dạng sinh học"
    line = f"file read as {said} text and stored as Unicode (NFC)"
    assert (line in report.lines()) == bool(said) and not any("file read as" in x for x in report.lines()[1:]
                                                                if x != line)


def test_decomposed_text_is_reported_as_converted(org, tmp_path):
    """DESIGN 2.2: NFD text, as legacy encodings, is converted and reported (on its own line)."""
    import unicodedata

    path = tmp_path / "nfd.csv"
    text = "id,dc.title,dc.date.issued,dc.contributor.author\nRL-1,Nghiên cứu tổ hợp dấu rời,2020,Nguyễn Thị Ánh\n"
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    report = import_file(path, "HPU")
    assert report.conversions == {"nfd": 2}
    assert "converted from decomposed Unicode (NFD) to composed Unicode (NFC): 2 values" in report.lines()
    assert Work.objects.get().authors == ["Nguyễn Thị Ánh"]
    assert report.converted_examples[0]["line"] == 2 and report.converted_examples[0]["column"] == "dc.title"


def test_a_decomposed_file_is_stored_composed_codes_and_source_record_included(org, tmp_path):
    """DESIGN 4: text is stored NFC. The values of a decomposed (NFD) file are composed one by one, and reported:
    its codes (ids, identifiers, access levels) and the source record kept too, so that the same file in NFC is
    unchanged."""
    import unicodedata

    text = ("id,dc.title,dc.contributor.author,dc.identifier.uri,dc.identifier.isbn,dc.language.iso,local.access,"
            "Ghi chú\n"
            "Mã-đề-1,Nghiên cứu tổ hợp dấu rời,Nguyễn Thị Ánh,https://hpu.edu.vn/đề-tài/1,,vi,công khai,Ghi chú một\n"
            "Đề-2,Đa dạng sinh học,Phạm Văn Đức,https://hpu.edu.vn/Đề-tài/2,ISBN Việt 978-604,vi,,\n")
    decomposed, composed = tmp_path / "nfd.csv", tmp_path / "nfc.csv"
    decomposed.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    composed.write_text(text, encoding="utf-8")
    report = import_file(decomposed, "HPU")
    assert report.counts() == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    # row 2: id, title, author, uri, access, Ghi chú; row 3: id, title, author, uri, isbn (vi and 2 ASCII)
    assert report.conversions == {"nfd": 11}
    assert "converted from decomposed Unicode (NFD) to composed Unicode (NFC): 11 values" in report.lines()
    assert {e["column"] for e in report.converted_examples} >= {"id", "dc.identifier.uri", "local.access"}
    records = {s.local_id: s.payload for s in SourceRecord.objects.all()}
    assert set(records) == {"Mã-đề-1", "Đề-2"}
    assert records["Mã-đề-1"] == {"id": "Mã-đề-1", "dc.title": "Nghiên cứu tổ hợp dấu rời",
                                  "dc.contributor.author": "Nguyễn Thị Ánh",
                                  "dc.identifier.uri": "https://hpu.edu.vn/đề-tài/1", "dc.identifier.isbn": "",
                                  "dc.language.iso": "vi", "local.access": "công khai", "Ghi chú": "Ghi chú một"}
    assert all(unicodedata.is_normalized("NFC", v) for p in records.values() for v in [*p, *p.values()])
    assert set(Holding.objects.values_list("local_id", flat=True)) == {"Mã-đề-1", "Đề-2"}
    assert Work.objects.get(holdings__local_id="Đề-2").identifiers == {"uri": ["https://hpu.edu.vn/Đề-tài/2"],
                                                                      "isbn": ["ISBN Việt 978-604"]}
    assert Holding.objects.get(local_id="Mã-đề-1").access == "public"
    again = import_file(composed, "HPU")
    assert again.counts() == {"new": 0, "updated": 0, "unchanged": 2, "rejected": 0} and not again.conversions


def test_decomposed_text_of_a_workbook_is_reported_as_converted(org, tmp_path):
    import unicodedata

    import openpyxl

    book = openpyxl.Workbook()
    for cells in (["Mã", "Tên đề tài"], ["x1", unicodedata.normalize("NFD", "Rạn san hô Cát Bà")]):
        book.active.append(cells)
    book.save(tmp_path / "nfd.xlsx")
    report = import_file(tmp_path / "nfd.xlsx", "HPU")
    assert report.conversions == {"nfd": 1} and Work.objects.get().title == "Rạn san hô Cát Bà"


def test_xlsx_with_vietnamese_headers(org, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH MỤC ĐỀ TÀI NĂM 2020"])
    sheet.append(["STT", "Tên đề tài", "Tác giả", "Năm", "Loại tài liệu", "Từ khóa"])
    sheet.append([1, "Nghiên cứu nuôi trồng thủy sản", "Nguyễn Văn An; Lê Thị Hoa", 2020,
                  "Đề tài NCKH", "thủy sản; nuôi trồng"])
    sheet.append([2, "Quản lý cảng biển", "Trần Văn Nam", "2021", "Luận văn thạc sĩ", ""])
    path = tmp_path / "members.xlsx"
    book.save(path)
    report = import_file(path, "HPU")
    assert report.new == 2 and report.rejected == 0
    work = Work.objects.get(title="Nghiên cứu nuôi trồng thủy sản")
    assert work.authors == ["Nguyễn Văn An", "Lê Thị Hoa"] and work.year == 2020
    assert work.type == "report" and work.subjects == ["thủy sản", "nuôi trồng"]


def test_not_an_xlsx_is_refused(org, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("dc.title\nA\n")
    with pytest.raises(ImportFileError, match="fake.xlsx: not an .xlsx workbook"):
        import_file(path, "HPU")


def test_control_characters_in_cells_are_dropped(org, write_csv):
    """A stray ESC (a MARC-8 escape left in), a NUL or another control is nothing a reader sees, and a worksheet or
    PostgreSQL refuses it; tabs and line breaks stay."""
    import_file(write_csv([row("Ti\x1btle one", id="A1", dc_publisher="La Sociét\x1b",
                               dc_description_abstract="Dòng một\nDòng\x01 hai")]), "HPU")
    work = Work.objects.get()
    assert (work.title, work.publisher, work.abstract) == ("Title one", "La Sociét", "Dòng một\nDòng hai")


def test_a_vertical_tab_or_form_feed_is_a_line_break_not_glue(org, write_csv):
    """Word's Shift+Enter (\\x0b) and a PDF's page break (\\x0c) part words and people, as line breaks do."""
    import_file(write_csv([row("Nghiên cứu\x0bbiển Đông", id="A1", dc_description_abstract="Trang một.\x0cTrang hai",
                               dc_contributor_author="Nguyễn Văn An\x0bTrần Thị Bình")]), "HPU")
    work = Work.objects.get()
    assert (work.title, work.abstract) == ("Nghiên cứu biển Đông", "Trang một.\nTrang hai")
    assert [p["name"] for p in work.creators] == ["Nguyễn Văn An", "Trần Thị Bình"]


def test_a_marc8_escape_left_in_a_record_is_dropped(org):
    import_file(shared_path("conformance", "marc", "pymarc", "bad_marc8_escape.dat"), "HPU")
    assert not any("\x1b" in str(v) for v in Work.objects.values_list("title", "publisher").get())


@pytest.mark.parametrize("size", [8, 300, 500, 2000])
def test_a_cut_xls_is_refused_in_one_line(org, tmp_path, size):
    """An .xls cut short (a download that stopped) is refused like any broken workbook, not with xlrd's
    CompDocError or struct.error."""
    real = shared_path("conformance", "legacy-vietnamese", "viparse-corpus", "corpus", "tcvn3",
                       "2005-2942C_Detai2003.xls")
    path = tmp_path / "cut.xls"
    path.write_bytes(real.read_bytes()[:size])
    with pytest.raises(ImportFileError, match="cut.xls: not an .xls workbook"):
        import_file(path, "HPU")
    assert not Work.objects.exists()


def test_real_tcvn3_xls_of_research_projects_imports_as_unicode(org):
    path = shared_path("conformance", "legacy-vietnamese", "viparse-corpus", "corpus", "tcvn3",
                       "2005-2942C_Detai2003.xls")
    report = import_file(path, "HPU")
    assert report.new >= 10 and report.rejected == 0
    assert report.conversions["tcvn3"] > 0 and report.headings >= 1
    titles = list(Work.objects.values_list("title", flat=True))
    assert any(t.startswith("Nghiên cứu giảm thiểu các rủi ro") for t in titles)
    assert all("ª" not in t and "¸" not in t for t in titles)
    first = Work.objects.get(title__startswith="Nghiên cứu giảm thiểu các rủi ro")
    assert "Phạm Quốc Tuấn" in first.authors
    assert report.unknown_columns == ["Thời gian thực hiện"]  # the header was typed in TCVN3 too
    assert "Thời gian thực hiện" in first.extra


def fail_the_second_batch(monkeypatch) -> None:
    """Batches of 10 rows read 5 at a time; storing the second batch fails as a full disk would."""
    monkeypatch.setattr(services, "BATCH_SIZE", 10)
    monkeypatch.setattr(services, "CHUNK_SIZE", 5)
    real, calls = services.store_batch, {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "store_batch", failing)


def import_interrupted(path, monkeypatch) -> None:
    """Import the file until storing its second batch fails; the next import of it resumes (batches kept small)."""
    real = services.store_batch
    fail_the_second_batch(monkeypatch)
    with pytest.raises(OSError):
        import_file(path, "HPU")
    monkeypatch.setattr(services, "store_batch", real)


def test_interrupted_import_resumes_after_the_last_committed_batch(org, write_csv, monkeypatch):
    rows = [row(f"Công trình số {i}", id=f"r{i}") for i in range(25)]
    path = write_csv(rows)
    fail_the_second_batch(monkeypatch)
    # a hard crash: the stored batch never reached the search index
    monkeypatch.setattr(services.indexing, "records_created", lambda code, created: None)
    with pytest.raises(OSError):
        import_file(path, "HPU")
    run = ImportRun.objects.get()
    assert run.status == "failed" and run.rows_done == 10 and Work.objects.count() == 10
    monkeypatch.undo()
    monkeypatch.setattr(services, "BATCH_SIZE", 10)
    monkeypatch.setattr(services, "CHUNK_SIZE", 5)
    report = import_file(path, "HPU")
    assert report.skipped_resume == 10 and report.new == 15
    assert Work.objects.count() == 25
    from stinet.search.base import SearchRequest
    from stinet.search.service import search_json

    assert search_json(SearchRequest(q="công trình"))["total"] == 25  # the first batch is searchable too


def test_a_stop_right_after_a_batch_is_stored_waits_until_it_is_indexed_and_counted(org, write_csv, monkeypatch):
    """QA 25: Ctrl-C between a batch's commit and its indexing left it stored, not searchable, and the run's resume
    point a batch behind; importing another file never indexed it."""
    import os
    import signal

    from stinet.search.base import SearchRequest
    from stinet.search.service import search_json

    monkeypatch.setattr(services, "BATCH_SIZE", 10)
    monkeypatch.setattr(services, "CHUNK_SIZE", 5)
    real, calls = services.store_batch, {"n": 0}

    def stopped_after(*args, **kwargs):
        stored = real(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == 2:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as the batch's transaction has committed
        return stored

    monkeypatch.setattr(services, "store_batch", stopped_after)
    with pytest.raises(KeyboardInterrupt):
        import_file(write_csv([row(f"Công trình số {i}", id=f"r{i}") for i in range(35)]), "HPU")
    run = ImportRun.objects.get()
    assert Work.objects.count() == run.rows_done == 20  # two batches stored, and counted as stored
    assert search_json(SearchRequest(q="công trình"))["total"] == 20  # and searchable
    assert run.status == "failed" and run.error.startswith("interrupted (Ctrl-C or a stop signal)")  # QA 26: not a
    # class name ("KeyboardInterrupt", "Stopped") on the run's page


def test_a_stop_held_is_raised_by_its_own_handler_once_the_block_ends():
    import os
    import signal

    from stinet.catalog.stops import stops_held

    done, said = [], []
    before = signal.signal(signal.SIGTERM, lambda signum, frame: said.append(signum))
    try:
        with stops_held():
            os.kill(os.getpid(), signal.SIGTERM)
            done.append(True)
            assert said == []
        assert done and said == [signal.SIGTERM] and signal.getsignal(signal.SIGTERM) is not None
        with pytest.raises(KeyboardInterrupt), stops_held():
            os.kill(os.getpid(), signal.SIGINT)
            done.append(True)
        assert len(done) == 2
    finally:
        signal.signal(signal.SIGTERM, before)


def test_a_resumed_import_refuses_an_id_repeated_across_the_point_it_resumed_at(org, write_csv, monkeypatch):
    """As without the interruption: the second row with an id is refused, it does not overwrite the first."""
    rows = [row(f"Công trình số {i}", id=f"r{i}") for i in range(25)]
    rows[17] = row("Bản ghi trùng mã với dòng 4", id="r2")
    path = write_csv(rows)
    import_interrupted(path, monkeypatch)
    report = import_file(path, "HPU")
    assert report.skipped_resume == 10 and (report.new, report.updated, report.rejected) == (14, 0, 1)
    assert report.rejections == [{"line": 19, "reason": "id: 'r2' appears twice in this file"}]
    assert Work.objects.get(holdings__local_id="r2").title == "Công trình số 2"


def test_a_repeated_column_name_loses_no_value(org, tmp_path):
    """Keyed by name, the later column replaced the earlier: values lost, a row refused for no title."""
    path = tmp_path / "dup.csv"
    path.write_text("id,dc.title,dc.title,dc.contributor.author,dc.contributor.author,dc.date.issued,dc.date.issued\n"
                    "d1,Nhan đề một,Nhan đề hai,Tác giả Một,Tác giả Hai,2015,2016\n"
                    "d2,Nhan đề ba,,Tác giả Ba,,2017,\n", encoding="utf-8")
    report = import_file(path, "HPU")
    assert report.counts() == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    first = Work.objects.get(holdings__local_id="d1")
    assert (first.title, first.authors, first.year) == ("Nhan đề một", ["Tác giả Một", "Tác giả Hai"], 2015)
    assert first.extra == {"dc.title[2]": "Nhan đề hai", "dc.date.issued[2]": "2016"}
    assert Work.objects.get(holdings__local_id="d2").title == "Nhan đề ba"
    assert ("note: dup.csv, line 1: the header has 'dc.title' 2 times: the later columns are read as 'dc.title[2]' "
            "(a field of one value keeps their values as extra data)") in report.lines()


def test_unknown_extension_needs_format(org, tmp_path: Path):
    path = tmp_path / "data.pdf"  # .dat is MARC (ISO 2709)
    path.write_text("x")
    with pytest.raises(ImportFileError, match="unknown file type '.pdf'"):
        import_file(path, "HPU")


def test_field_of_science_codes_are_normalised_and_bad_ones_rejected(org, write_csv):
    report = import_file(write_csv([
        row("Toán", id="f1", dc_subject_fos="1.01"),
        row("Tự nhiên", id="f2", dc_subject_fos="Khoa hoc tu nhien"),
        row("Sai", id="f3", dc_subject_fos="không biết"),
    ]), "HPU")
    assert Work.objects.get(holdings__local_id="f1").field_code == "101"
    assert Work.objects.get(holdings__local_id="f2").field_code == "1"
    assert report.rejections == [{"line": 4, "reason": "dc.subject.fos: cannot read 'không biết' as a "
                                                      "field-of-science code"}]


def test_parsing_in_worker_processes_gives_the_same_catalogue(org, write_csv, monkeypatch):
    from stinet.catalog.services import add_organisation
    from stinet.vietnamese import encode

    add_organisation("LIB", "Thư viện", member=True)
    rows = [row(f"Nghiên cứu số {i}" if i % 7 else encode(f"Nghiên cứu số {i}", "tcvn3"), id=f"p{i}",
                dc_date_issued=str(2000 + i % 20) if i % 11 else "không rõ", dc_type="Luận văn thạc sĩ")
            for i in range(120)] + [row("Trùng", id="p5")]
    path = write_csv(rows)
    monkeypatch.setattr(services, "CHUNK_SIZE", 7)
    monkeypatch.setenv("STINET_IMPORT_WORKERS", "1")
    serial = import_file(path, "HPU")
    monkeypatch.setenv("STINET_IMPORT_WORKERS", "2")
    parallel = import_file(path, "LIB")
    assert parallel.counts() == serial.counts() == {"new": 109, "updated": 0, "unchanged": 0, "rejected": 12}
    assert parallel.rejections == serial.rejections and parallel.conversions == serial.conversions
    titles = lambda code: sorted(Work.objects.filter(holdings__organisation__code=code).values_list("title", "year"))  # noqa: E731
    assert titles("HPU") == titles("LIB")
    from stinet.search.base import SearchRequest
    from stinet.search.service import search_json

    assert search_json(SearchRequest(q="nghien cuu", filters={"org": ["LIB"]}))["total"] == 109


@pytest.mark.parametrize(("name", "value", "message"), [
    ("STINET_IMPORT_WORKERS", "many", "STINET_IMPORT_WORKERS: 'many' is not a number"),
    ("STINET_WORKER_NICENESS", "-5", "STINET_WORKER_NICENESS: '-5' is not a nice value"),
])
def test_a_bad_worker_setting_is_refused_before_anything_is_stored(org, write_csv, monkeypatch, name, value,
                                                                    message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=message):
        import_file(write_csv([row("A", id="a")]), "HPU")
    assert Work.objects.count() == 0 and ImportRun.objects.count() == 0


def test_an_import_session_commits_each_file_and_releases_the_index_once(org, write_csv, settings):
    from stinet.search import indexing
    from stinet.search.base import SearchRequest
    from stinet.search.service import search_json

    engine = indexing.backend()
    tantivy = settings.SEARCH_BACKEND != "postgres"
    with services.import_session():
        import_file(write_csv([row("Rạn san hô Cát Bà", id="s1")]), "HPU")
        assert search_json(SearchRequest(q="san ho"))["total"] == 1  # committed when its file ended
        if tantivy:
            import tantivy as engine_lib

            from stinet.search.tantivy_backend import _schema

            other = engine_lib.Index(_schema(), path=str(settings.SEARCH_INDEX_DIR))  # as another process
            assert other.searcher().num_docs == 1
            assert engine._writer is not None  # merges go on: the writer stays open for the next file
        import_file(write_csv([row("Cảng biển Hải Phòng", id="s2")]), "HPU")
    assert search_json(SearchRequest(q="cang bien"))["total"] == 1
    if tantivy:
        assert engine._writer is None  # the session's end waited for the merges and released the lock


def test_an_import_session_forks_its_parsing_workers_once(org, write_csv, monkeypatch):
    forked: list[int] = []
    real_pool = services.pool
    monkeypatch.setattr(services, "pool", lambda n: forked.append(n) or real_pool(n))
    monkeypatch.setenv("STINET_IMPORT_WORKERS", "2")
    monkeypatch.setattr(services, "CHUNK_SIZE", 5)
    paths = [write_csv([row(f"Tệp {f} công trình số {i}", id=f"{f}-{i}") for i in range(30)], name=f"{f}.csv")
             for f in range(5)]
    monkeypatch.setattr(services, "BATCH_SIZE", 10)
    real_store = services.store_batch

    def failing_once(org, batch, *args, **kwargs):
        if any(item.local_id == "2-3" for item in batch):  # the third file's first batch: rows still being parsed
            raise OSError("disk full")
        return real_store(org, batch, *args, **kwargs)

    monkeypatch.setattr(services, "store_batch", failing_once)
    with services.import_session():
        reports = [import_file(paths[0], "HPU"), import_file(paths[1], "HPU")]
        executor = services._session.executor
        assert forked == [2]  # the second file was parsed by the same workers
        # (the exception, kept here, keeps the failed import's frames and their generators alive:
        # the workers must be stopped by import_file itself, not by their collection)
        with pytest.raises(OSError) as _failed:
            import_file(paths[2], "HPU")  # its tasks may still run: the workers are stopped
        assert services._session.executor is None
        reports.append(import_file(paths[3], "HPU"))
        monkeypatch.setenv("STINET_IMPORT_WORKERS", "3")  # a file wanting more workers: forked anew
        reports.append(import_file(paths[4], "HPU"))
        assert forked == [2, 2, 3] and services._session.workers == 3
    assert [r.new for r in reports] == [30, 30, 30, 30]
    assert services._session is None and executor._shutdown_thread
    assert Work.objects.filter(holdings__local_id__startswith="3-").count() == 30


def test_a_resumed_import_in_a_session_commits_what_it_reindexed_at_once(org, write_csv, monkeypatch):
    from stinet.search import indexing
    from stinet.search.base import SearchRequest
    from stinet.search.service import search_json

    path = write_csv([row(f"Công trình số {i}", id=f"r{i}") for i in range(25)])
    monkeypatch.setattr(services, "BATCH_SIZE", 10)
    monkeypatch.setattr(services, "CHUNK_SIZE", 5)
    real_store = services.store_batch

    def fail_second(org, batch, *args, **kwargs):
        if batch[0].local_id == "r10":
            raise OSError("disk full")
        return real_store(org, batch, *args, **kwargs)

    monkeypatch.setattr(services, "store_batch", fail_second)
    with monkeypatch.context() as crash:  # a hard crash: the stored batch never reached the index
        crash.setattr(services.indexing, "records_created", lambda code, created: None)
        with pytest.raises(OSError):
            import_file(path, "HPU")
    from types import SimpleNamespace

    def killed(**kwargs):
        raise KeyboardInterrupt  # the process is stopped right after the resume re-indexed

    monkeypatch.setattr(services, "ImportRun", SimpleNamespace(objects=SimpleNamespace(
        filter=ImportRun.objects.filter, create=killed)))
    with services.import_session():
        with pytest.raises(KeyboardInterrupt):
            import_file(path, "HPU")
        indexing.backend().rollback()  # what a crash of this process would lose
        assert search_json(SearchRequest(q="công trình"))["total"] == 10


def test_the_row_count_is_told_before_any_progress_and_the_cli_reads_each_file_once(org, write_csv, monkeypatch):
    """`stinet import` starts each file's progress bar from what import_file counted while
    checking the file: the file is opened and checked once, not once more for the count."""
    from click.testing import CliRunner

    from stinet.cli import main
    from stinet.ingest import readers

    first = write_csv([row("Rạn san hô Cát Bà", id="1")], "a.csv")
    second = write_csv([row("Cảng biển Hải Phòng", id="2"), row("Nuôi trồng thủy sản", id="3")], "b.csv")
    told: list[tuple[str, int | None]] = []
    import_file(second, "HPU", started=lambda total: told.append(("rows", total)),
                progress=lambda done: told.append(("done", done)))
    assert told[0] == ("rows", 2) and told[-1] == ("done", 2)
    opened: list[str] = []
    real = services.open_table
    for module in (services, readers):  # wherever a caller takes it from
        monkeypatch.setattr(module, "open_table", lambda path, fmt=None: opened.append(path.name) or real(path, fmt))
    out = CliRunner().invoke(main, ["import", str(first), str(second), "--org", "HPU"])
    assert out.exit_code == 0, out.output
    assert "a.csv: 1 new" in out.output and "b.csv: 0 new, 0 updated, 2 unchanged" in out.output
    assert opened == ["a.csv", "b.csv"]


def test_an_access_statement_in_dc_rights_gives_the_access_level(org, write_csv):
    """DSpace writes access in dc.rights (as the harvester reads it); local.access, when given, says it."""
    from stinet.catalog.models import Holding

    import_file(write_csv([row("Một", id="r1", dc_rights="info:eu-repo/semantics/openAccess"),
                           row("Hai", id="r2", dc_rights="Open Access"),
                           row("Ba", id="r3", dc_rights="Restricted access"),
                           row("Bốn", id="r4", dc_rights="© Trường Đại học Hải Phòng"),
                           row("Năm", id="r5", dc_rights="Open Access", local_access="members")]), "HPU")
    assert dict(Holding.objects.values_list("local_id", "access")) == {
        "r1": "public", "r2": "public", "r3": "members", "r4": "metadata", "r5": "members"}


def test_excel_error_values_are_no_values(org, tmp_path):
    """A formula that failed shows #REF!, #N/A: a work titled "#REF!" and an author "#n/a" were created."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã", "Tên đề tài", "Tác giả", "Năm"])
    sheet.append(["e1", "#REF!", "Nguyễn Văn An", 2015])
    sheet.append(["e2", "Đề tài hai", "#N/A", "#VALUE!"])
    path = tmp_path / "errors.xlsx"
    book.save(path)
    report = import_file(path, "HPU")
    assert (report.new, report.rejected) == (1, 1) and report.rejections[0]["line"] == 2
    work = Work.objects.get()
    assert (work.title, work.creators, work.year) == ("Đề tài hai", [], None)
    assert "check: errors.xlsx, line 3: Tác giả: Excel's error #N/A (a formula that failed), read as empty" \
        in report.lines()


def test_rejections_are_listed_in_the_files_order(org, write_csv):
    """A repeated id is found when its chunk is stored, after the chunk's parsing rejections were listed."""
    report = import_file(write_csv([row("Một", id="a"), row("Một lần nữa", id="a"), row("", id="c"),
                                    row("Bốn", id="d", dc_date_issued="20l5")]), "HPU")
    assert [r["line"] for r in report.rejections] == [3, 4, 5]


def test_a_row_without_an_id_read_again_with_its_punctuation_or_marks_mended_is_the_same_record(org, write_csv):
    """Its key is made of the words of the title and first author and the year: a full stop added, a mark
    or a letter's case mended, a space doubled leave it the same record (updated, not added again)."""
    first = import_file(write_csv([row("Nghien cuu cay che", dc_date_issued="2018",
                                       dc_contributor_author="Lê Văn An")], "a.csv"), "HPU")
    again = import_file(write_csv([row("Nghiên cứu  cây chè.", dc_date_issued="2018",
                                       dc_contributor_author="Lê, Văn An")], "b.csv"), "HPU")
    assert first.new == 1 and again.counts() == {"new": 0, "updated": 1, "unchanged": 0, "rejected": 0}
    assert list(Work.objects.values_list("title", flat=True)) == ["Nghiên cứu cây chè."]
    other_year = import_file(write_csv([row("Nghiên cứu cây chè", dc_date_issued="2019",
                                            dc_contributor_author="Lê Văn An")], "c.csv"), "HPU")
    assert other_year.new == 1  # another year: another record
    others = import_file(write_csv([row(title, dc_date_issued="2018", dc_contributor_author="Lê Văn An")
                                    for title in ("Lập trình C", "Lập trình C++", "Lập trình C#")], "d.csv"), "HPU")
    assert others.new == 3  # the title's signs are kept: three books


def test_rows_without_an_id_keyed_as_before_are_found_under_their_new_key(org, write_csv):
    """Records stored under the key an earlier version derived (the folded title with its full stop)
    take the new key when their row is read again, with their matches: no second copy."""
    from stinet.catalog.models import Match
    from stinet.ingest.record import WorkData, derive_local_id, former_local_id

    rows = [row("Quản lý cảng biển: thực trạng và giải pháp.", dc_date_issued="2020",
                dc_contributor_author="Trần Bình"), row("Cây chè", dc_date_issued="2017")]
    import_file(write_csv(rows, "a.csv"), "HPU")
    data = WorkData(local_id="", title=rows[0]["dc.title"], year=2020, creators=[{"name": "Trần Bình"}])
    data.local_id = derive_local_id(data)
    old = former_local_id(data)
    assert old and old != data.local_id and not former_local_id(WorkData(local_id=derive_local_id(
        WorkData(local_id="", title="Cây chè", year=2017)), title="Cây chè", year=2017))  # no punctuation: one key
    work = Work.objects.get(holdings__local_id=data.local_id)
    for model in (Holding, SourceRecord):  # as the earlier version stored it
        model.objects.filter(local_id=data.local_id).update(local_id=old)
    Match.objects.create(work=work, organisation=org, local_id=old, score=1.0, status="manual")
    rows[0]["dc.description.abstract"] = "Thực trạng."
    report = import_file(write_csv(rows, "b.csv"), "HPU")
    assert report.counts() == {"new": 0, "updated": 1, "unchanged": 1, "rejected": 0}
    assert Work.objects.count() == 2 and Work.objects.get(pk=work.pk).abstract == "Thực trạng."
    for model in (Holding, SourceRecord, Match):
        assert not model.objects.filter(local_id=old).exists(), model
        assert model.objects.filter(local_id=data.local_id).exists(), model


def test_two_rows_without_an_id_that_differ_by_punctuation_alone_are_one_record_twice(org, write_csv):
    report = import_file(write_csv([row("Cây chè Shan tuyết", dc_date_issued="2018"),
                                    row("Cây chè Shan tuyết.", dc_date_issued="2018")], "d.csv"), "HPU")
    assert report.new == 1 and report.rejections == [{"line": 3, "reason": (
        "no id, and the same title, year and first author as line 2: the same record twice, or give each row an id")}]
