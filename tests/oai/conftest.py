"""OAI-PMH test helpers: the official schemas (offline), a harvest client, bulk-made works."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone
from lxml import etree

from tests.conftest import shared_path

NS = {"o": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/",
      "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/", "marc": "http://www.loc.gov/MARC21/slim",
      "oaire": "http://namespace.openaire.eu/schema/oaire/", "datacite": "http://datacite.org/schema/kernel-4"}


@pytest.fixture(scope="session")
def oai_schema() -> etree.XMLSchema:
    """OAI-PMH.xsd with the oai_dc, oai-identifier and MARC21slim schemas, resolved offline."""
    schemas = shared_path("conformance", "schemas")
    # libxml2 reads the catalog variable when it first resolves a URL, so set it before loading.
    os.environ["XML_CATALOG_FILES"] = str(schemas / "catalog.xml")
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(schemas / "oai-pmh-with-formats.xsd"), parser))


@pytest.fixture(scope="session")
def openaire_schema(tmp_path_factory: pytest.TempPathFactory) -> etree.XMLSchema:
    """The OpenAIRE Literature v4 schema (openaire.xsd and the DataCite, DC and COAR parts it includes).

    Its own reduced dc.xsd declares a few Dublin Core elements only, so it cannot be loaded in one
    schema object with oai_dc's (one namespace, two schema documents): records in this format are
    validated with this schema, their OAI-PMH envelope with the other (see `assert_valid_response`).
    The schemas' W3C xml.xsd URL is pointed at the local copy (no network).
    """
    source = shared_path("conformance", "openaire", "literature-v4", "schemas", "4.0")
    local_xml = shared_path("conformance", "schemas", "xml.xsd")
    folder = tmp_path_factory.mktemp("openaire-schemas")
    for xsd in source.glob("*.xsd"):
        text = xsd.read_text(encoding="utf-8").replace("http://www.w3.org/2009/01/xml.xsd", local_xml.as_uri())
        (folder / xsd.name).write_text(text, encoding="utf-8")
    return etree.XMLSchema(etree.parse(str(folder / "openaire.xsd"), etree.XMLParser(no_network=True)))


def assert_valid(schema: etree.XMLSchema, tree: etree._Element) -> None:
    """Fail with the schema's error log unless the document is valid."""
    valid = schema.validate(tree)
    assert valid, "\n".join(str(e) for e in schema.error_log) + "\n" + etree.tostring(tree, encoding="unicode")[:3000]


def assert_valid_response(oai_schema: etree.XMLSchema, openaire_schema: etree.XMLSchema,
                          root: etree._Element) -> None:
    """An OAI-PMH response valid with its records: oai_openaire records each against their own schema,
    the envelope with them standing in as empty oai_dc records."""
    envelope = copy.deepcopy(root)
    for metadata in envelope.iterfind(".//o:metadata", NS):
        for record in metadata.findall("oaire:resource", NS):
            assert_valid(openaire_schema, record)
            metadata.replace(record, etree.Element(f"{{{NS['oai_dc']}}}dc"))
    assert_valid(oai_schema, envelope)


@pytest.fixture
def oai(client: Any, oai_schema: etree.XMLSchema, openaire_schema: etree.XMLSchema) -> Callable[..., etree._Element]:
    """Call /oai (GET, or POST with post=True), check status, type and validity; the parsed root."""

    def call(post: bool = False, **params: Any) -> etree._Element:
        """One request; the parsed, validated answer."""
        response = client.post("/oai", params) if post else client.get("/oai", params)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        root = etree.fromstring(response.content)
        assert_valid_response(oai_schema, openaire_schema, root)
        return root

    return call


def error_code(root: etree._Element) -> str | None:
    """The code of the response's first error, or None."""
    errors = root.findall("o:error", NS)
    return errors[0].get("code") if errors else None


def identifiers(root: etree._Element) -> list[str]:
    """The identifiers of the headers in a list response."""
    return [e.text for e in root.iterfind(".//o:header/o:identifier", NS)]


def token_of(root: etree._Element) -> etree._Element | None:
    """The resumptionToken element of a list response, if any."""
    return root.find(".//o:resumptionToken", NS)


def harvest(oai: Callable[..., etree._Element], verb: str = "ListIdentifiers",
            between: Callable[[int], None] | None = None, **params: str) -> list[str]:
    """Follow resumption tokens to the end; the identifiers in the order served."""
    root, seen, pages = oai(verb=verb, **params), [], 0
    while True:
        assert error_code(root) is None, etree.tostring(root)
        seen += identifiers(root)
        token = token_of(root)
        if token is None or not token.text:
            return seen
        pages += 1
        if between:
            between(pages)
        root = oai(verb=verb, resumptionToken=token.text)


@pytest.fixture
def make_works(org: Any) -> Callable[..., list[int]]:
    """Make n works held by HPU quickly (bulk_create), all with one datestamp unless given."""
    from stinet.catalog.models import Holding, Work

    def make(n: int, stamp: datetime | None = None, type: str = "thesis", prefix: str = "W") -> list[int]:
        """The ids of n new works of one type, all with datestamp `stamp` (default now)."""
        stamp = stamp or timezone.now()
        works = Work.objects.bulk_create([
            Work(type=type, title=f"Luận văn số {i}", title_sort=f"luan van so {i}", year=2020,
                 creators=[{"name": f"Nguyễn Văn {i}", "role": "author"}], language="vi")
            for i in range(n)])
        Work.objects.filter(pk__in=[w.pk for w in works]).update(updated_at=stamp)
        Holding.objects.bulk_create([Holding(work=w, organisation=org, local_id=f"{prefix}{w.pk}") for w in works])
        return [w.pk for w in works]

    return make
