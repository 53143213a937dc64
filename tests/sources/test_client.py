"""The harvesting client against real captured responses (sickle, pyoai Erasmus DSpace, Zenodo)."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime
from urllib.parse import parse_qs, quote_plus

import pytest
from django.utils import translation

from stinet.sources.client import (
    FetchError,
    HarvestError,
    MalformedResponse,
    OAIClient,
    OAIProtocolError,
    parse_retry_after,
)
from tests.conftest import SHARED
from tests.sources.conftest import capture, dc_record, page, xml


def client(server, **kwargs) -> OAIClient:
    """A client of the test server (a loopback address: allowed explicitly)."""
    return OAIClient(server.url, allow_private=True, **kwargs)


@pytest.mark.parametrize(("path", "granularity", "deleted", "earliest"), [
    (("sickle", "Identify.xml"), "YYYY-MM-DD", "persistent", "1970-01-01T00:00:00Z"),
    (("zenodo", "zenodo_Identify_identify-02_http200.xml"), "YYYY-MM-DDThh:mm:ssZ", "no", None),
    (("zenodo", "e-periodica_Identify_identify-01_http200.xml"), None, None, None),
    (("pyoai-erasmus-dspace", "fake1_00001.xml"), None, None, None),
])
def test_identify_reads_granularity_and_deleted_policy(oai_server, path, granularity, deleted, earliest):
    oai_server.on(xml(capture(*path)), verb="Identify")
    identity = client(oai_server).identify()
    assert identity.protocol_version == "2.0"
    assert identity.granularity in ("YYYY-MM-DD", "YYYY-MM-DDThh:mm:ssZ")
    assert identity.deleted_record in ("no", "transient", "persistent")
    assert identity.response_date[:2] in ("19", "20")
    if granularity:
        assert identity.granularity == granularity and identity.deleted_record == deleted
    if earliest:
        assert identity.earliest_datestamp == earliest
    assert oai_server.received == ["verb=Identify"]


def test_sickle_pages_follow_tokens_passed_back_exactly(oai_server):
    oai_server.on(xml(capture("sickle", "ListRecords.xml")), verb="ListRecords", metadataPrefix="oai_dc")
    for name in ("ListRecords2.xml", "ListRecords3.xml", "ListRecords4.xml"):
        oai_server.on(xml(capture("sickle", name)), resumptionToken=name)
    pages = list(client(oai_server).list_records("oai_dc"))
    assert [p.token for p in pages] == ["ListRecords2.xml", "ListRecords3.xml", "ListRecords4.xml", None]
    assert oai_server.received[1:] == [f"verb=ListRecords&resumptionToken={n}"
                                       for n in ("ListRecords2.xml", "ListRecords3.xml", "ListRecords4.xml")]
    first = pages[0].records
    assert first[0].header.deleted and first[0].metadata is None
    assert first[1].header.identifier == "oai:test.example.com:1585322" and first[1].metadata is not None
    assert pages[0].complete_list_size == 8


def test_zenodo_token_is_sent_back_byte_for_byte(oai_server):
    first = capture("zenodo", "zenodo_ListRecords_list_records-00_http200.xml")
    token = first.split(b"<resumptionToken")[1].split(b">", 1)[1].split(b"</resumptionToken")[0].decode()
    oai_server.on(xml(first), verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(capture("zenodo", "zenodo_ListRecords_list_records-08_http200.xml")), resumptionToken=token)
    pages = list(client(oai_server).list_records("oai_dc", from_="2026-04-01"))
    assert len(pages) == 2 and pages[-1].token is None
    assert len(pages[0].records) == 50 and pages[0].complete_list_size == 1345244
    assert oai_server.received[0] == "verb=ListRecords&metadataPrefix=oai_dc&from=2026-04-01"
    assert parse_qs(oai_server.received[1]) == {"verb": ["ListRecords"], "resumptionToken": [token]}


def test_a_list_going_round_in_a_circle_stops_after_storing_what_it_gave(oai_server):
    oai_server.on(xml(page(dc_record("oai:x:1", "Một"), "SAME")), verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(page(dc_record("oai:x:2", "Hai"), "SAME")), resumptionToken="SAME")
    pages = []
    with pytest.raises(HarvestError, match=r"gave the resumption token 'SAME' again \(the list goes round"):
        for p in client(oai_server).list_records("oai_dc"):
            pages.append(p)
    assert [r.header.identifier for p in pages for r in p.records] == ["oai:x:1", "oai:x:2"]
    assert len(oai_server.received) == 2


def test_a_token_with_reserved_characters_is_url_encoded_and_unchanged(oai_server):
    token = "a+b/c=d&e f%20ü?#"
    oai_server.on(xml(page(dc_record("oai:x:1", "Một"), token)), verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(page(dc_record("oai:x:2", "Hai"))), resumptionToken=token)
    pages = list(client(oai_server).list_records("oai_dc"))
    assert [r.header.identifier for p in pages for r in p.records] == ["oai:x:1", "oai:x:2"]
    assert oai_server.received[1] == f"verb=ListRecords&resumptionToken={quote_plus(token)}"


def test_503_with_retry_after_is_waited_for(oai_server, sleeps):
    busy = xml(b"busy", 503, **{"Retry-After": "7"})
    oai_server.on([busy, busy, xml(capture("sickle", "Identify.xml"))], verb="Identify")
    assert client(oai_server).identify().granularity == "YYYY-MM-DD"
    assert sleeps == [7.0, 7.0] and len(oai_server.received) == 3


def test_retry_after_as_an_http_date():
    now = datetime(2024, 6, 1, 8, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Sat, 01 Jun 2024 08:00:30 GMT", now) == 30.0
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_5xx_without_retry_after_backs_off_exponentially_then_gives_up(oai_server, sleeps):
    oai_server.on(xml(b"oops", 500), verb="Identify")
    with pytest.raises(FetchError, match=r"HTTP 500 \(gave up after 4 attempts\)"):
        client(oai_server, attempts=4).identify()
    assert sleeps == [2.0, 4.0, 8.0]


def test_a_timeout_is_retried(oai_server, sleeps):
    oai_server.delay = [1.0]  # the first request stalls past the client's timeout
    oai_server.on(xml(capture("sickle", "Identify.xml")), verb="Identify")
    assert client(oai_server, timeout=0.3).identify().deleted_record == "persistent"
    # retried after the stall (a busy machine may let a retry pass 0.3 s as well: retried again then)
    assert sleeps and len(oai_server.received) == len(sleeps) + 1


def test_network_failures_read_in_a_few_words(oai_server, sleeps):
    oai_server.delay = [1.0, 1.0]
    with pytest.raises(FetchError, match=r"/oai: no answer within 0.3 s \(gave up after 2 attempts\)$"):
        client(oai_server, timeout=0.3, attempts=2).identify()
    refused = OAIClient("http://127.0.0.1:9/oai", allow_private=True, attempts=1)  # nothing listens on port 9
    with pytest.raises(FetchError, match=r"^http://127.0.0.1:9/oai: cannot connect \(\[Errno \d+\] [^()]+\) "
                                         r"\(gave up after 1 attempt\)$"):
        refused.identify()


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "&a;">]><x>&a;</x>',  # a loop: lxml's "Detected an entity ..."
    b'<?xml version="1.0"?><!DOCTYPE OAI-PMH [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate>'
    b'<request>x</request><Identify><repositoryName>&xxe;</repositoryName></Identify></OAI-PMH>',
])
def test_a_response_declaring_entities_is_refused_in_one_line_not_retried(oai_server, sleeps, body):
    oai_server.on(xml(body), verb="Identify")
    with translation.override("vi"), pytest.raises(HarvestError, match=r"/oai: phản hồi khai báo thực thể XML "):
        client(oai_server).identify()
    assert sleeps == [] and len(oai_server.received) == 1


@pytest.mark.parametrize("error, attempts", [(socket.EAI_NONAME, 1), (socket.EAI_AGAIN, 3)])
def test_a_host_name_that_does_not_exist_is_not_retried(monkeypatch, sleeps, error, attempts):
    """No retry makes a name exist (a base URL with a typo, allowed private so not resolved first); a resolver
    that did not answer in time may answer the next time."""
    def resolve(host, *args, **kwargs):
        raise socket.gaierror(error, "Name or service not known" if error == socket.EAI_NONAME else "Try again")

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    typo = OAIClient("http://oai.tyop.example/oai", allow_private=True, attempts=3)
    with pytest.raises(FetchError, match=r"^http://oai.tyop.example/oai: cannot connect \(\[Errno -?\d+\] [^()]+\) "
                                         r"\((the host name does not exist|gave up after 3 attempts)\)$"):
        typo.identify()
    assert len(sleeps) == attempts - 1


@pytest.mark.parametrize("name", [("sickle", "ListRecordsBroken.xml"), ("pyoai-erasmus-dspace", "fake3_00001.xml"),
                                  ("pyoai-erasmus-dspace", "fake4_00001.xml"),
                                  ("pyoai-erasmus-dspace", "fake1_00006.xml")])
def test_a_malformed_page_is_retried_then_reported_with_its_token(oai_server, sleeps, name):
    oai_server.on(xml(page(dc_record("oai:x:1", "Một"), "T1")), verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(capture(*name)), resumptionToken="T1")
    pages = client(oai_server).list_records("oai_dc")
    assert next(pages).token == "T1"
    with pytest.raises(MalformedResponse, match="not an OAI-PMH response") as caught:
        next(pages)
    assert caught.value.token == "T1" and len(oai_server.received) == 1 + 3 and sleeps == [2.0, 4.0]
    assert "(<string>, line" not in str(caught.value)  # QA 26: lxml's place said after the one it gave


def test_a_non_oai_html_page_is_refused_with_one_clear_line(oai_server, sleeps):
    html = capture("zenodo", "httpbun_Identify_identify-00_http200.html")
    oai_server.on((200, {"Content-Type": "text/html; charset=utf-8"}, html), verb="Identify")
    with pytest.raises(MalformedResponse) as caught:
        client(oai_server).identify()
    message = str(caught.value)
    assert message.startswith(f"{oai_server.url}: not an OAI-PMH response (") and "text/html" in message
    assert "\n" not in message and "<script" not in message


def zenodo_manifest() -> list[dict[str, object]]:
    """The Zenodo captures with their HTTP status and request (none without shared/: the tests are skipped)."""
    path = SHARED / "conformance" / "oai-pmh" / "zenodo" / "manifest.json"
    return json.loads(path.read_text()) if path.exists() else []


@pytest.mark.parametrize("entry", [e for e in zenodo_manifest() if e["http_status"] == 422], ids=lambda e: e["file"])
def test_zenodo_http_422_is_read_as_the_oai_error(oai_server, entry):
    body = capture("zenodo", str(entry["file"]))
    oai_server.on(xml(body, 422), verb="ListRecords")
    code = str(entry["file"]).split("error-")[1].split("_")[0]
    pages = client(oai_server).list_records("oai_dc", from_="2030-01-15")
    if code == "noRecordsMatch":
        assert [(len(p.records), p.token) for p in pages] == [(0, None)]
        return
    with pytest.raises(OAIProtocolError) as caught:
        list(pages)
    assert caught.value.code == code and f"OAI-PMH error {code}" in str(caught.value)


@pytest.mark.parametrize(("name", "code"), [("badArgument.xml", "badArgument"),
                                            ("cannotDisseminateFormat.xml", "cannotDisseminateFormat"),
                                            ("badResumptionToken.xml", "badResumptionToken"),
                                            ("noSetHierarchy.xml", "noSetHierarchy")])
def test_sickle_errors_with_http_200(oai_server, name, code):
    oai_server.on(xml(capture("sickle", name)), verb="ListRecords")
    with pytest.raises(OAIProtocolError) as caught:
        list(client(oai_server).list_records("oai_dc"))
    assert caught.value.code == code


def test_no_records_match_is_an_empty_list(oai_server):
    oai_server.on(xml(capture("sickle", "noRecordsMatch.xml")), verb="ListRecords")
    pages = list(client(oai_server).list_records("oai_dc", from_="2030-01-01"))
    assert len(pages) == 1 and pages[0].records == [] and pages[0].response_date


def test_deleted_headers_of_the_erasmus_dspace_capture(oai_server):
    oai_server.on(xml(capture("pyoai-erasmus-dspace", "fake2_00002.xml")), verb="ListRecords")
    (only,) = list(client(oai_server).list_records("oai_dc", from_="2004-01-01"))
    deleted = [r.header for r in only.records if r.header.deleted]
    assert len(only.records) == 81 and len(deleted) == 2
    assert all(r.metadata is not None for r in only.records if not r.header.deleted)
    assert only.records[0].header.set_specs == ("1:1",)


def test_an_oversized_response_is_refused(oai_server):
    oai_server.on(xml(capture("pyoai-erasmus-dspace", "fake2_00002.xml")), verb="ListRecords")
    with pytest.raises(HarvestError, match="byte limit"):
        list(client(oai_server, max_bytes=10_000).list_records("oai_dc"))


def test_entities_are_not_expanded_nor_fetched(oai_server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    body = page(dc_record("oai:x:1", "&lol;&xxe;")).replace(
        b"<OAI-PMH", b'<!DOCTYPE OAI-PMH [<!ENTITY lol "lollollol"><!ENTITY xxe SYSTEM "file://'
        + str(secret).encode() + b'">]><OAI-PMH', 1).replace(b"&amp;lol;&amp;xxe;", b"&lol;&xxe;")
    oai_server.on(xml(body), verb="ListRecords")
    with pytest.raises(HarvestError, match="declares XML entities") as refused:  # neither expanded nor fetched
        list(client(oai_server).list_records("oai_dc"))
    assert "TOP-SECRET" not in str(refused.value) and "lollollol" not in str(refused.value)


def test_redirects_are_followed_and_checked(oai_server):
    oai_server.on((302, {"Location": "/oai2?verb=Identify&moved=1"}, b""), verb="Identify")
    oai_server.on(xml(capture("sickle", "Identify.xml")), moved="1")
    assert client(oai_server).identify().granularity == "YYYY-MM-DD"
    assert OAIClient(oai_server.url.replace("127.0.0.1", "localhost"), allow_private=True).base_url
