"""The oai_dc and MARCXML serializers: what goes where, schema validity, unsafe text."""

from __future__ import annotations

import pytest
from django.db.models import Prefetch
from lxml import etree

from stinet.catalog.models import Holding, Work
from stinet.catalog.services import add_organisation
from stinet.formats import XML_FORMATS, marcxml, oai_dc, oai_openaire
from stinet.formats.xmltext import clean

from .conftest import NS, assert_valid

pytestmark = pytest.mark.django_db
URL = "https://stinet.example.vn/works/7/"


@pytest.fixture
def thesis(org):
    """A master's thesis with advisors, identifiers, an English title and two holdings."""
    lib = add_organisation("TVHP", "Thư viện Khoa học tổng hợp Hải Phòng", kind="library", member=True)
    work = Work.objects.create(
        type="thesis", title="Nuôi trồng thủy sản: thực trạng và giải pháp", title_sort="nuoi",
        title_en="Aquaculture: status and solutions", degree="Thạc sĩ Kinh tế", grantor="Trường Đại học Hải Phòng",
        year=2019, date="2019-06", abstract="Tóm tắt <có> & \"ký tự\" đặc biệt.", subjects=["thủy sản", "kinh tế"],
        field_code="50201", language="vi", publisher="",
        creators=[{"name": "Nguyễn Thị Hoa", "role": "author"}, {"name": "Trần Văn Bình", "role": "author"},
                  {"name": "PGS.TS. Lê Văn Cường", "role": "advisor"}],
        identifiers={"isbn": ["978-604-1"], "issn": ["1859-0004"], "doi": ["10.1/x"], "handle": ["123/9"],
                     "uri": ["http://repo.hpu.edu.vn/123/9"]},
    )
    Holding.objects.create(work=work, organisation=org, local_id="1", call_number="LV.2019.12", access="members",
                           url="http://repo.hpu.edu.vn/123/9")
    Holding.objects.create(work=work, organisation=lib, local_id="2", call_number="VV 555", access="metadata")
    return Work.objects.prefetch_related(Prefetch("holdings", Holding.objects.select_related("organisation"))).get(
        pk=work.pk)


def texts(root: etree._Element, path: str) -> list[str]:
    """The texts of the elements at an XPath."""
    return [e.text for e in root.xpath(path, namespaces=NS)]


def test_oai_dc_mapping(thesis, oai_schema):
    dc = oai_dc.to_element(thesis, URL)
    assert_valid(oai_schema, dc)
    assert texts(dc, "dc:title") == ["Nuôi trồng thủy sản: thực trạng và giải pháp",
                                     "Aquaculture: status and solutions"]
    assert dc.xpath("dc:title/@xml:lang", namespaces=NS) == ["vi", "en"]
    assert texts(dc, "dc:creator") == ["Nguyễn Thị Hoa", "Trần Văn Bình"]
    assert texts(dc, "dc:contributor") == ["PGS.TS. Lê Văn Cường"]
    assert texts(dc, "dc:subject") == ["thủy sản", "kinh tế"]
    assert texts(dc, "dc:description") == ["Tóm tắt <có> & \"ký tự\" đặc biệt."]
    assert texts(dc, "dc:publisher") == ["Trường Đại học Hải Phòng"]
    assert texts(dc, "dc:date") == ["2019-06"]
    thesis.publisher = "Truong Dai hoc Hai Phong"  # QA 26: the grantor without its marks was a second publisher
    assert texts(oai_dc.to_element(thesis, URL), "dc:publisher") == ["Trường Đại học Hải Phòng"]
    assert texts(oai_openaire.to_element(thesis, URL), "dc:publisher") == ["Trường Đại học Hải Phòng"]
    thesis.publisher = "Nhà xuất bản Hải Phòng"
    assert texts(oai_dc.to_element(thesis, URL), "dc:publisher") == ["Trường Đại học Hải Phòng", thesis.publisher]
    thesis.publisher = ""
    assert texts(dc, "dc:type") == ["Text", "info:eu-repo/semantics/masterThesis", "Luận văn thạc sĩ"]
    assert texts(dc, "dc:identifier") == [URL, "urn:isbn:978-604-1", "urn:issn:1859-0004", "https://doi.org/10.1/x",
                                          "https://hdl.handle.net/123/9", "http://repo.hpu.edu.vn/123/9"]
    assert texts(dc, "dc:language") == ["vi"]
    assert texts(dc, "dc:rights") == ["info:eu-repo/semantics/restrictedAccess", "Thành viên mạng lưới"]


def test_a_task_code_and_a_members_own_numbers_are_identifiers_in_both_formats(org, oai_schema):
    """A research-result report published from an S&T task keeps the task's code (MARC 088, report number)."""
    work = Work.objects.create(type="report", title="Báo cáo tổng hợp kết quả đề tài", title_sort="bao", year=2026,
                               identifiers={"task": ["ĐT-2026-001"], "other": ["HP/2026/17"]})
    Holding.objects.create(work=work, organisation=org, local_id="ĐT-2026-001", access="public")
    work = Work.objects.prefetch_related("holdings").get(pk=work.pk)
    dc = oai_dc.to_element(work, URL)
    assert_valid(oai_schema, dc)
    assert texts(dc, "dc:identifier") == [URL, "ĐT-2026-001", "HP/2026/17"]
    record = marcxml.to_element(work, URL)
    assert_valid(oai_schema, record)
    assert datafields(record, "088") == [{"a": "ĐT-2026-001"}]
    assert datafields(record, "024") == [{"a": "HP/2026/17"}]


def test_oai_openaire_mapping(thesis, openaire_schema):
    """OpenAIRE Literature v4: DataCite creators and supervisors, COAR type and access, ISO 639-3."""
    record = oai_openaire.to_element(thesis, URL)
    assert_valid(openaire_schema, record)
    assert texts(record, "datacite:titles/datacite:title") == ["Nuôi trồng thủy sản: thực trạng và giải pháp",
                                                              "Aquaculture: status and solutions"]
    assert record.xpath("datacite:titles/datacite:title/@titleType", namespaces=NS) == ["TranslatedTitle"]
    assert texts(record, "datacite:creators/datacite:creator/datacite:creatorName") == ["Nguyễn Thị Hoa",
                                                                                         "Trần Văn Bình"]
    supervisor = record.find("datacite:contributors/datacite:contributor", NS)
    assert supervisor.get("contributorType") == "Supervisor"
    assert supervisor.findtext("datacite:contributorName", namespaces=NS) == "PGS.TS. Lê Văn Cường"
    kind = record.find("oaire:resourceType", NS)
    assert (kind.text, kind.get("uri"), kind.get("resourceTypeGeneral")) == (
        "master thesis", "http://purl.org/coar/resource_type/c_bdcc", "literature")
    identifier = record.find("datacite:identifier", NS)
    assert (identifier.get("identifierType"), identifier.text) == ("DOI", "10.1/x")
    alternates = [(a.get("alternateIdentifierType"), a.text)
                  for a in record.iterfind("datacite:alternateIdentifiers/datacite:alternateIdentifier", NS)]
    assert alternates == [("URL", URL), ("Handle", "123/9"), ("ISBN", "978-604-1"),
                          ("URL", "http://repo.hpu.edu.vn/123/9")]
    related = record.find("datacite:relatedIdentifiers/datacite:relatedIdentifier", NS)
    assert (related.text, related.get("relatedIdentifierType"), related.get("relationType")) == (
        "1859-0004", "ISSN", "IsPartOf")
    assert texts(record, "datacite:dates/datacite:date") == ["2019-06"]
    assert texts(record, "dc:language") == ["vie"]
    assert texts(record, "dc:publisher") == ["Trường Đại học Hải Phòng"]
    assert texts(record, "datacite:subjects/datacite:subject") == ["thủy sản", "kinh tế"]
    rights = record.find("datacite:rights", NS)
    assert (rights.text, rights.get("rightsURI")) == ("restricted access", "http://purl.org/coar/access_right/c_16ec")


def test_oai_openaire_without_doi_is_identified_by_its_record_page(org, openaire_schema):
    work = Work.objects.create(type="report", title="Báo cáo tổng hợp", title_sort="bao", year=2026, language="vi",
                               identifiers={"task": ["ĐT-2026-001"]})
    Holding.objects.create(work=work, organisation=org, local_id="r1", access="public")
    record = oai_openaire.to_element(Work.objects.prefetch_related("holdings").get(pk=work.pk), URL)
    assert_valid(openaire_schema, record)
    identifier = record.find("datacite:identifier", NS)
    assert (identifier.get("identifierType"), identifier.text) == ("URL", URL)
    assert [(a.get("alternateIdentifierType"), a.text) for a in record.iterfind(".//datacite:alternateIdentifier", NS)
            ] == [("Task code", "ĐT-2026-001")]
    assert record.find("oaire:resourceType", NS).get("uri") == "http://purl.org/coar/resource_type/c_18ws"
    assert record.find("datacite:rights", NS).get("rightsURI") == "http://purl.org/coar/access_right/c_abf2"


def datafields(record: etree._Element, tag: str) -> list[dict[str, str]]:
    """The subfields (code -> value, joined when repeated) of each field with a tag."""
    return [{sf.get("code"): sf.text for sf in f} for f in record.xpath(f"marc:datafield[@tag='{tag}']", namespaces=NS)]


def test_marcxml_mapping(thesis, oai_schema):
    record = marcxml.to_element(thesis, URL)
    assert_valid(oai_schema, record)
    leader = record.findtext("marc:leader", namespaces=NS)
    assert len(leader) == 24 and leader[6:8] == "am"
    assert texts(record, "marc:controlfield[@tag='001']") == [str(thesis.pk)]
    field_008 = texts(record, "marc:controlfield[@tag='008']")[0]
    assert len(field_008) == 40 and field_008[7:11] == "2019" and field_008[35:38] == "vie" and field_008[24] == "m"
    assert datafields(record, "020") == [{"a": "978-604-1"}] and datafields(record, "022") == [{"a": "1859-0004"}]
    assert datafields(record, "024") == [{"a": "10.1/x", "2": "doi"}, {"a": "123/9", "2": "hdl"}]
    assert datafields(record, "041") == [{"a": "vie"}]
    assert datafields(record, "100") == [{"a": "Nguyễn Thị Hoa", "e": "author", "4": "aut"}]
    assert datafields(record, "700") == [{"a": "Trần Văn Bình", "e": "author", "4": "aut"},
                                         {"a": "PGS.TS. Lê Văn Cường", "e": "thesis advisor", "4": "ths"}]
    assert datafields(record, "245") == [{"a": "Nuôi trồng thủy sản :", "b": "thực trạng và giải pháp"}]
    assert datafields(record, "246") == [{"a": "Aquaculture: status and solutions"}]
    assert datafields(record, "264") == [{"b": "Trường Đại học Hải Phòng", "c": "2019-06"}]
    assert datafields(record, "502") == [{"b": "Thạc sĩ Kinh tế", "c": "Trường Đại học Hải Phòng", "d": "2019"}]
    assert datafields(record, "520")[0]["a"].startswith("Tóm tắt <có>")
    assert [f["a"] for f in datafields(record, "653")] == ["thủy sản", "kinh tế"]
    assert datafields(record, "650")[0]["0"] == "50201"


def test_marcxml_names_the_field_of_science_as_the_network_s_table_does(thesis):
    """QA 26: 650 $a held the bare code of every field the shipped tables lack (2025: only the six top ones)."""
    from stinet.catalog.models import FieldOfScience
    from stinet.catalog.services import load_fields

    thesis.field_code = "50208"  # in no shipped table
    assert datafields(marcxml.to_element(thesis, URL), "650")[0]["a"] == "50208"
    load_fields()  # a table loaded (its names read again at the next record), and a code added to it
    FieldOfScience.objects.create(scheme="2025", code="50208", level=3, parent_code="502", name_vi="Kinh tế số")
    assert datafields(marcxml.to_element(thesis, URL), "650")[0] == {"a": "Kinh tế số", "0": "50208",
                                                                     "2": "TT 24/2025/TT-BKHCN"}
    thesis.field_code = "5"
    assert datafields(marcxml.to_element(thesis, URL), "650")[0]["a"] == "Khoa học xã hội"  # a shipped name


@pytest.mark.parametrize("prefix", list(XML_FORMATS))
def test_minimal_work_is_valid(org, oai_schema, openaire_schema, prefix):
    work = Work.objects.create(title="Tài liệu", title_sort="tai lieu")
    element = XML_FORMATS[prefix][2](work, "")
    assert_valid(openaire_schema if prefix == "oai_openaire" else oai_schema, element)


@pytest.mark.parametrize("prefix", list(XML_FORMATS))
def test_illegal_xml_characters_are_stripped(org, oai_schema, openaire_schema, prefix):
    dirty = "Bá\x01o cáo\x0b\x1f v\ufffeề biển\x0c"  # C0 controls and U+FFFE (NUL: see test_clean)
    work = Work.objects.create(type="report", title=dirty, title_sort="x", abstract=dirty, subjects=[dirty],
                               creators=[{"name": "Ng\x08uyễn Văn A", "role": "author"}])
    Holding.objects.create(work=work, organisation=org, local_id="d", call_number="A\x01B")
    element = XML_FORMATS[prefix][2](work, "")
    assert_valid(openaire_schema if prefix == "oai_openaire" else oai_schema, element)
    text = etree.tostring(element, encoding="unicode")
    assert "Báo cáo về biển" in text
    assert "\x01" not in text and "\x0b" not in text and "Nguyễn Văn A" in text


def test_clean():
    assert clean("a\x00b\tc\nd\re\x1ff\ufffeg\ud800h\U0001F600\x7f") == "ab\tc\nd\refgh\U0001F600\x7f"


def test_a_language_that_is_no_language_tag_gives_no_xml_lang_and_the_record_stays_valid(
        org, oai_schema, openaire_schema):
    """A member's "vie||eng" kept by an older import: as xml:lang it made a whole ListRecords page invalid."""
    from stinet.formats import oai_openaire

    work = Work.objects.create(type="article", title="Ngôn ngữ", title_sort="ngon", year=2015, language="vie||eng",
                               abstract="Tóm tắt.")
    Holding.objects.create(work=work, organisation=org, local_id="L-6", access="public")
    work = Work.objects.prefetch_related("holdings").get(pk=work.pk)
    dc = oai_dc.to_element(work, URL)
    assert_valid(oai_schema, dc)
    said = "//dc:title/@xml:lang | //dc:description/@xml:lang"
    assert not dc.xpath(said, namespaces=NS)
    assert_valid(openaire_schema, oai_openaire.to_element(work, URL))
    work.language = "vi"
    assert oai_dc.to_element(work, URL).xpath(said, namespaces=NS) == ["vi", "vi"]  # title and abstract
