"""oai_dc records as canonical rows: titles, people, types (Vietnamese labels too), identifiers, rights."""

from __future__ import annotations

import pytest
from lxml import etree

from stinet.ingest.record import build
from stinet.sources.client import xml_parser
from stinet.sources.mapping import MappingError, classify_identifier, mapper, oai_dc_row, pick_type
from tests.sources.conftest import capture, dc_record

OAI = {"o": "http://www.openarchives.org/OAI/2.0/"}


def dc_of(record_xml: str) -> etree._Element:
    """The oai_dc:dc element of a <record> string."""
    root = etree.fromstring(f'<r xmlns="http://www.openarchives.org/OAI/2.0/">{record_xml}</r>'.encode())
    return root.find(".//o:metadata", OAI)[0]


def test_a_vietnamese_thesis():
    dc = dc_of(dc_record(
        "oai:hpu:1", "Nghiên cứu đa dạng sinh học rạn san hô",
        title="Coral reef biodiversity", creator="Nguyễn Văn An|Trần Thị Bình",
        contributor="PGS.TS. Lê Văn Cường", type="Text|info:eu-repo/semantics/masterThesis|Luận văn thạc sĩ",
        subject="đa dạng sinh học|san hô", description="Khảo sát.", publisher="Trường Đại học Hải Phòng",
        date="2016-05-12", language="vie", identifier="https://hpu.edu.vn/handle/1/2|urn:isbn:978-604-0-00000-1",
        rights="info:eu-repo/semantics/openAccess"))
    row = oai_dc_row("oai:hpu:1", dc)
    assert row["dc.title"] == "Nghiên cứu đa dạng sinh học rạn san hô"
    assert row["dc.title.alternative"] == "Coral reef biodiversity"
    assert row["dc.type"] == "info:eu-repo/semantics/masterThesis" or row["dc.type"] in ("Luận văn thạc sĩ", "thesis")
    assert row["dc.contributor.advisor"] == "PGS.TS. Lê Văn Cường"  # a thesis's contributor is its advisor
    assert row["local.access"] == "public" and row["id"] == "oai:hpu:1"
    data = build(row, {})
    assert data.type == "thesis" and data.year == 2016 and data.language == "vi"
    assert [c["role"] for c in data.creators] == ["author", "author", "advisor"]
    assert data.identifiers == {"uri": ["https://hpu.edu.vn/handle/1/2"], "isbn": ["978-604-0-00000-1"]}
    assert data.url == "https://hpu.edu.vn/handle/1/2" and data.subjects == ["đa dạng sinh học", "san hô"]


@pytest.mark.parametrize(("labels", "code"), [
    (["Luận án tiến sĩ"], "dissertation"), (["Báo cáo kết quả nghiên cứu"], "report"),
    (["Bài báo"], "article"), (["Text", "info:eu-repo/semantics/doctoralThesis"], "dissertation"),
    (["info:eu-repo/semantics/other", "Tiêu chuẩn"], "standard"), (["Technical Report"], "report"),
    (["Working Paper"], "report"), (["info:eu-repo/semantics/other"], "other"), (["Dataset"], "dataset"),
    (["Text", "info:eu-repo/semantics/conferenceObject", "Bài hội nghị, hội thảo"], "conference"),
])
def test_types_first_specific_label_wins(labels, code):
    value, chosen = pick_type(labels)
    assert chosen == code
    assert build({"dc.title": "x", "dc.type": value}, {}).type == code


def test_an_unknown_label_is_passed_on_to_be_reported():
    value, chosen = pick_type(["Text", "Preprint"])
    assert (value, chosen) == ("Preprint", "")
    assert build({"dc.title": "x", "dc.type": value}, {}).unmapped_type == "Preprint"


@pytest.mark.parametrize(("text", "expected"), [
    ("https://doi.org/10.5281/zenodo.19355137", ("doi", "10.5281/zenodo.19355137")),
    ("doi:10.1000/xyz", ("doi", "10.1000/xyz")), ("http://hdl.handle.net/1765/9", ("handle", "1765/9")),
    ("90-5892-036-4", ("isbn", "90-5892-036-4")), ("90 - 5892 - 032 - 1", ("isbn", "90-5892-032-1")),
    ("urn:issn:1859-3100", ("issn", "1859-3100")), ("oai:zenodo.org:19355137", None),
    ("Steijn, A.J. (2001). Work systems. New Technology, 16(3), 191-203.", None),
    ("RePEc:dgr:eureri:2001134", ("other", "RePEc:dgr:eureri:2001134")),
    ("https://zenodo.org/records/1", ("uri", "https://zenodo.org/records/1")),
])
def test_identifiers_by_pattern(text, expected):
    assert classify_identifier(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("0-8044-2957-x", ("isbn", "0-8044-2957-X")), ("ISBN 978 604 1 23456 7", ("isbn", "978-604-1-23456-7")),
    ("978-604-1-23456-X", ("other", "978-604-1-23456-X")), ("ISBN 978-604-1-23456-X", None),  # X: ISBN-10's only
])
def test_an_isbn10_ending_in_x_or_one_set_apart_by_spaces_is_an_isbn(text, expected):
    """Review 24: the check character X is the tenth of an ISBN-10; spaces stand for hyphens (urn:isbn:978 604...)."""
    assert classify_identifier(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ISBN-10: 0-8044-2957-X", ("isbn", "0-8044-2957-X")), ("ISBN 0-8044-2957-x (bìa mềm)", ("isbn", "0-8044-2957-X")),
    ("ISBN 978 604 1 23456 7", ("isbn", "978-604-1-23456-7")), ("ISBN-13: 978-604-3-33333-3 (bìa mềm)",
                                                                  ("isbn", "978-604-3-33333-3")),
    ("ISBN 978-604-913-123", None), ("0804429575", None),  # too short; a bare number names no kind
    ("ISBN-13: 978-604-1-23456-X", None),  # review 25: X is an ISBN-10's check character only
])
def test_a_file_identifier_naming_its_kind(text, expected):
    from stinet.ingest.identifiers import named_kind

    assert named_kind(text) == expected


def test_dates_skip_embargo_uris_and_rights_words():
    dc = dc_of(dc_record("oai:x:1", "T", date="info:eu-repo/date/embargoEnd/2026-11-01|2003-03-11T14:00:50Z",
                         rights="Creative Commons|info:eu-repo/semantics/restrictedAccess"))
    row = oai_dc_row("oai:x:1", dc)
    assert row["dc.date.issued"] == "2003-03-11" and row["local.access"] == "members"


@pytest.mark.parametrize(("dates", "expected"), [
    ("2015-02-30|2016", "2016"),  # a readable one is taken
    ("n.d.|s.a.", ""),  # no year: no date, the record kept
    ("2015-02-30", "2015-02-30"),  # a year but no such day: handed on, and refused as a file import's would be
    ("2015-00-00|0000|1750", ""),  # a placeholder, no year, a year out of range: no date, the record kept
])
def test_a_date_with_no_calendar_day_is_not_dropped_silently(dates, expected):
    row = oai_dc_row("oai:x:1", dc_of(dc_record("oai:x:1", "T", date=dates)))
    assert row.get("dc.date.issued", "") == expected
    if expected == "2015-02-30":
        from stinet.ingest.record import RowError

        with pytest.raises(RowError, match="dc.date.issued.*not a real date"):
            build(row, {})


@pytest.mark.parametrize("name", [("zenodo", "zenodo_ListRecords_list_records-01_http200.xml"),
                                  ("pyoai-erasmus-dspace", "fake2_00002.xml"),
                                  ("pyoai-erasmus-dspace", "fake1_00005.xml"),
                                  ("sickle", "ListRecords.xml")])
def test_every_captured_record_maps_to_a_buildable_row(name):
    root = etree.fromstring(capture(*name), xml_parser())
    built = 0
    for record in root.iterfind(".//o:record", OAI):
        metadata = record.find("o:metadata", OAI)
        if metadata is None:
            continue
        identifier = record.findtext("o:header/o:identifier", namespaces=OAI)
        data = build(oai_dc_row(identifier, metadata[0]), {})
        assert data.title and data.local_id == identifier
        built += 1
    assert built


def test_metadata_that_is_not_oai_dc_is_named():
    with pytest.raises(MappingError, match=r"^the metadata is <foo> in namespace urn:x, not oai_dc$"):
        oai_dc_row("oai:x:1", etree.fromstring(b'<foo xmlns="urn:x"><title>T</title></foo>'))


def test_unknown_prefixes_are_refused():
    with pytest.raises(MappingError, match="oai_dc and marcxml"):
        mapper("datacite")
