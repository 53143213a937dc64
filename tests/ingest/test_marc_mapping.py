"""The MARC 21 mapping as pure functions: a record in, canonical field -> text out."""

from __future__ import annotations

import pytest
from pymarc import Field, Indicators, Leader, Record, Subfield

from stinet.ingest import marc
from stinet.ingest.parsing import ParseContext, parse_row
from stinet.ingest.report import ImportReport


def df(tag: str, indicators: str, *subfields: tuple[str, str]) -> Field:
    """A data field: tag, two indicators, (code, value) pairs."""
    return Field(tag=tag, indicators=Indicators(*indicators), subfields=[Subfield(c, v) for c, v in subfields])



def record_with(leader: str, *fields: Field) -> Record:
    """A record with this leader and these fields."""
    record = Record(leader=Leader(leader))
    record.add_field(*fields)
    return record


@pytest.mark.parametrize(("degree", "note", "expected"), [
    ("Tiến sĩ", "", "dissertation"), ("Thạc sĩ", "", "thesis"), ("", "Luận án (Tiến sĩ Kinh tế)", "dissertation"),
    ("", "Thesis (Ph. D.)--University of Hanoi, 1999.", "dissertation"), ("", "Thesis (M.A.)", "thesis"),
    ("", "Luận văn thạc sĩ", "thesis"), ("", "", "thesis"),
])
def test_thesis_or_dissertation_from_the_502_note(degree, note, expected):
    assert marc.thesis_type({"degree": degree, "kind": note}) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("c2015", "2015"), ("[2015]", "2015"), ("2015.", "2015"), ("2016-05-12", "2016-05-12"),
    ("[199-?]", ""), ("s.a.", ""), ("©2019, in lần 2 năm 2020", "2019"), ("1999-2000", "1999"),
    ("1650", ""),
])
def test_publication_dates(raw, expected):
    assert marc.date(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("Nguyễn, Văn An,", "Nguyễn, Văn An"), ("Tên sách /", "Tên sách"), ("Nhan đề :", "Nhan đề"),
    ("Hà Nội ;", "Hà Nội"), ("Kết quả.", "Kết quả"), ("  nhiều   khoảng  ", "nhiều khoảng"),
])
def test_isbd_punctuation_is_trimmed(raw, expected):
    assert marc.trim(raw) == expected


TITLE = df("245", "00", ("a", "Tên"))


@pytest.mark.parametrize(("leader", "fields", "expected"), [
    ("00000nam a2200000 a 4500", [], "book"),
    ("00000naa a2200000 a 4500", [], "article"),
    ("00000nab a2200000 a 4500", [], "article"),
    ("00000nas a2200000 a 4500", [], "article"),
    ("00000nmm a2200000 a 4500", [], "dataset"),
    ("00000njm a2200000 a 4500", [], ""),
    ("00000nam a2200000 a 4500", [df("502", "  ", ("b", "Tiến sĩ"))], "dissertation"),
    ("00000nam a2200000 a 4500", [df("655", " 4", ("a", "Báo cáo kết quả nghiên cứu"))],
     "Báo cáo kết quả nghiên cứu"),
    ("00000nam a2200000 a 4500", [df("655", " 7", ("a", "Fiction."))], "book"),
    ("00000njm a2200000 a 4500", [df("655", " 7", ("a", "Ca trù"))], "Ca trù"),
])
def test_type_label_from_655_then_502_then_the_leader(leader, fields, expected):
    record = record_with(leader, TITLE, *fields)
    assert marc.to_row(record).get("dc.type", "") == expected


@pytest.mark.parametrize(("fields", "key", "expected"), [
    ([df("041", "0 ", ("a", "engvie"))], "dc.language.iso", "en"),
    ([Field(tag="008", data="160512s2016    vm            000 0 rus d")], "dc.language.iso", "ru"),
    ([Field(tag="008", data="160512s2016    vm            000 0 ger d")], "dc.language.iso", "ger"),
    ([df("020", "  ", ("a", "0786808772 (hardcover)")),
      df("020", "  ", ("a", "9780786816156 (pbk.)"))],
     "dc.identifier.isbn", "0786808772||9780786816156"),
    ([df("024", "7 ", ("a", "10.1000/xyz"), ("2", "doi"))], "dc.identifier.doi", "10.1000/xyz"),
    ([df("022", "  ", ("a", "1859-3100"))], "dc.identifier.issn", "1859-3100"),
    ([df("506", "  ", ("a", "Không hạn chế"))], "local.access", "public"),
    ([df("506", "  ", ("a", "Thành viên mạng lưới"))], "local.access", "members"),
    ([], "local.access", "metadata"),
    ([df("506", "0 ", ("a", "Open access"))], "local.access", "public"),
    ([df("856", "40", ("u", "http://x.vn/a"), ("z", "Restricted to members"))], "local.access", "members"),
    ([df("856", "40", ("u", "https://hub.vn/works/27/"))], "dc.identifier.uri", "https://hub.vn/works/27/"),  # QA 26
    ([df("110", "2 ", ("a", "Viện Hải dương học."))], "dc.contributor.author", "Viện Hải dương học"),
    ([df("264", " 4", ("c", "©2019")),
      df("264", " 1", ("b", "NXB Khoa học,"), ("c", "[2018]"))],
     "dc.date.issued", "2018"),
    ([df("852", "  ", ("a", "Kho A"), ("j", "K-12"))], "local.callnumber", "K-12"),
    ([df("490", "0 ", ("a", "Tủ sách KH&CN ;"), ("v", "12"))], "marc.490", "Tủ sách KH&CN ; 12"),
])
def test_single_fields(fields, key, expected):
    record = record_with("00000nam a2200000 a 4500", TITLE, *fields)
    assert marc.to_row(record).get(key, "") == expected


def test_a_row_carrying_an_error_is_rejected_with_its_reason():
    ctx = ParseContext({"dc.title": "dc.title"}, "marc", 1, False, "HPU")
    report = ImportReport(source="x.mrc", position_word="record")
    assert parse_row(ctx, 7, {"_error": "the record directory is not valid"}, frozenset(), report) is None
    assert report.lines()[1] == "rejected: x.mrc, record 7: the record directory is not valid"


def test_an_organisation_author_keeps_its_units():
    """110/710 $b is the unit: the institute, not the academy above it (every institute collapsed into one)."""
    record = record_with("00000nam a2200000 a 4500",
                         df("110", "2 ", ("a", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam."),
                            ("b", "Viện Hải dương học")),
                         df("700", "1 ", ("a", "Nguyễn Văn An,"), ("b", "III")),  # a person's $b is no unit
                         df("710", "2 ", ("a", "United Nations."), ("b", "Development Programme."), ("b", "Viet Nam")))
    assert marc.people(record)["author"] == ["Viện Hàn lâm Khoa học và Công nghệ Việt Nam. Viện Hải dương học",
                                             "Nguyễn Văn An", "United Nations. Development Programme. Viet Nam"]


@pytest.mark.parametrize(("raw", "expected"), [
    ("Acme Inc.", "Acme Inc."), ("Công ty ABC Co.,", "Công ty ABC Co."), ("Smith, John A.", "Smith, John A."),
    ("Trần, V. A., ", "Trần, V. A."), ("U.S.A.", "U.S.A."), ("Nxb. Hải Phòng.", "Nxb. Hải Phòng"),
    ("Nguyễn, Văn An,", "Nguyễn, Văn An"), ("Nguyễn Văn An.", "Nguyễn Văn An"), ("Acme Inc :", "Acme Inc"),
    ("Trần, Văn Cơ.", "Trần, Văn Cơ"), ("Lê, Thị Nô.", "Lê, Thị Nô"),  # "co", "no" once folded: kept a period
    ("Smith, Ed.", "Smith, Ed"),
])
def test_a_name_keeps_the_period_of_its_initial_or_abbreviation(raw, expected):
    """Only a name's ISBD punctuation goes: "Inc." and "A." are part of it (a title's final "." goes)."""
    assert marc.trim(raw, name=True) == expected
    assert marc.trim("Vitamin C.") == "Vitamin C"


def test_names_and_publishers_of_a_record_keep_their_abbreviations():
    record = record_with("00000nam a2200000 a 4500", df("245", "00", ("a", "Tên")),
                         df("100", "1 ", ("a", "Smith, John A.")),
                         df("710", "2 ", ("a", "Acme Co."), ("b", "Research Dept.")),
                         df("264", " 1", ("a", "New York :"), ("b", "Wiley & Sons, Inc.,"), ("c", "2015.")))
    assert marc.people(record)["author"] == ["Smith, John A.", "Acme Co. Research Dept."]
    assert marc.publication(record)[0] == "Wiley & Sons, Inc."
