"""The six verbs on a catalogue imported through the real importer; every answer schema-valid."""

from __future__ import annotations

import pytest

from stinet.catalog.models import Work

from .conftest import NS, error_code, identifiers

pytestmark = pytest.mark.django_db


def ident(work: Work) -> str:
    """The OAI identifier of a work under the default repository identifier."""
    return f"oai:stinet.local:work/{work.pk}"


def test_identify(oai, catalogue):
    root = oai(verb="Identify")
    info = root.find("o:Identify", NS)
    assert info.findtext("o:baseURL", namespaces=NS) == "http://testserver/oai"
    assert info.findtext("o:protocolVersion", namespaces=NS) == "2.0"
    assert info.findtext("o:deletedRecord", namespaces=NS) == "persistent"
    assert info.findtext("o:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    earliest = min(Work.objects.values_list("updated_at", flat=True))
    assert info.findtext("o:earliestDatestamp", namespaces=NS) == earliest.strftime("%Y-%m-%dT%H:%M:%SZ")
    sample = root.findtext(".//{http://www.openarchives.org/OAI/2.0/oai-identifier}sampleIdentifier")
    assert sample == "oai:stinet.local:work/1"
    request = root.find("o:request", NS)
    assert request.attrib == {"verb": "Identify"} and request.text == "http://testserver/oai"


def test_identify_on_empty_repository_and_settings(oai, db, settings):
    settings.OAI_REPOSITORY_ID = "hub.haiphong.gov.vn"
    settings.OAI_ADMIN_EMAIL = "a@x.vn, b@y.vn"
    root = oai(verb="Identify")
    assert [e.text for e in root.iterfind(".//o:adminEmail", NS)] == ["a@x.vn", "b@y.vn"]
    assert "hub.haiphong.gov.vn" in root.findtext(".//{*}sampleIdentifier")


def test_trailing_slash_and_post(client, oai, catalogue):
    assert client.get("/oai/", {"verb": "Identify"}).status_code == 200
    root = oai(post=True, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(identifiers(root)) == 6


def test_list_metadata_formats(oai, catalogue):
    root = oai(verb="ListMetadataFormats")
    assert [e.text for e in root.iterfind(".//o:metadataPrefix", NS)] == ["oai_dc", "marcxml", "oai_openaire"]
    work = Work.objects.first()
    root = oai(verb="ListMetadataFormats", identifier=ident(work))
    assert len(root.findall(".//o:metadataFormat", NS)) == 3
    assert root.find("o:request", NS).get("identifier") == ident(work)


def test_list_sets(oai, catalogue):
    root = oai(verb="ListSets")
    sets = {s.findtext("o:setSpec", namespaces=NS): s.findtext("o:setName", namespaces=NS)
            for s in root.iterfind(".//o:set", NS)}
    assert sets["org:HPU"] == "Trường Đại học Hải Phòng"
    assert sets["org:TVHP"] == "Thư viện Khoa học tổng hợp Hải Phòng"
    assert sets["type:thesis"] == "Luận văn thạc sĩ" and sets["type:book"] == "Sách"
    assert "type:patent" not in sets  # only sets that have records
    assert {"org", "type"} <= set(sets)


def test_list_records_oai_dc(oai, catalogue):
    root = oai(verb="ListRecords", metadataPrefix="oai_dc")
    records = root.findall(".//o:record", NS)
    assert len(records) == 6 and root.find(".//o:resumptionToken", NS) is None
    titles = {r.findtext(".//dc:title", namespaces=NS) for r in records}
    assert "Kỹ thuật trồng cây chè Shan tuyết" in titles
    stamps = [r.findtext("o:header/o:datestamp", namespaces=NS) for r in records]
    assert stamps == sorted(stamps)


def test_list_records_marcxml(oai, catalogue):
    root = oai(verb="ListRecords", metadataPrefix="marcxml")
    assert len(root.findall(".//marc:record", NS)) == 6


def test_list_records_oai_openaire(oai, catalogue):
    """Each record valid against the OpenAIRE schema, the envelope against OAI-PMH's (the fixture checks both)."""
    root = oai(verb="ListRecords", metadataPrefix="oai_openaire")
    records = root.findall(".//oaire:resource", NS)
    assert len(records) == 6
    assert "Kỹ thuật trồng cây chè Shan tuyết" in {r.findtext(".//datacite:title", namespaces=NS) for r in records}
    work = Work.objects.get(title__startswith="Kỹ thuật trồng")
    one = oai(verb="GetRecord", identifier=ident(work), metadataPrefix="oai_openaire")
    assert one.find(".//oaire:resourceType", NS).get("uri") == "http://purl.org/coar/resource_type/c_bdcc"


def test_get_record_both_formats_and_set_specs(oai, catalogue):
    work = Work.objects.get(title__startswith="Kỹ thuật trồng")
    root = oai(verb="GetRecord", identifier=ident(work), metadataPrefix="oai_dc")
    header = root.find(".//o:header", NS)
    assert header.findtext("o:identifier", namespaces=NS) == ident(work)
    assert [s.text for s in header.iterfind("o:setSpec", NS)] == ["org:HPU", "type:thesis"]
    assert root.findtext(".//dc:identifier", namespaces=NS) == f"http://testserver/works/{work.pk}/"
    assert root.find("o:request", NS).attrib == {"verb": "GetRecord", "identifier": ident(work),
                                                 "metadataPrefix": "oai_dc"}
    root = oai(verb="GetRecord", identifier=ident(work), metadataPrefix="marcxml")
    assert root.find(".//marc:datafield[@tag='245']/marc:subfield", NS).text == work.title


def test_list_identifiers_has_headers_only(oai, catalogue):
    root = oai(verb="ListIdentifiers", metadataPrefix="marcxml")
    assert len(root.findall(".//o:header", NS)) == 6 and root.find(".//o:metadata", NS) is None
    assert error_code(root) is None


def test_marcxml_records_carry_the_extra_data_oai_dc_leaves_out(oai, catalogue):
    Work.objects.filter(holdings__local_id="4").update(extra={"dc.rights": "CC BY 4.0"})
    for verb in ("ListRecords", "GetRecord"):
        args = {"identifier": ident(Work.objects.get(holdings__local_id="4"))} if verb == "GetRecord" else {}
        root = oai(verb=verb, metadataPrefix="marcxml", **args)
        rights = root.findall(".//{http://www.loc.gov/MARC21/slim}datafield[@tag='540']")
        assert [f.findtext("{*}subfield") for f in rights] == ["CC BY 4.0"], verb


def test_page_of_records_in_few_queries(oai, make_works, django_assert_max_num_queries):
    make_works(150)
    for verb in ("ListRecords", "ListIdentifiers"):
        with django_assert_max_num_queries(8):
            root = oai(verb=verb, metadataPrefix="marcxml")
        assert len(identifiers(root)) == 100
