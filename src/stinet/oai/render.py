"""The XML of OAI-PMH responses: envelope, headers, records, errors (all text through lxml)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.utils import timezone
from lxml import etree

from stinet.formats import XML_FORMATS, oai_dc
from stinet.formats.xmltext import XML_LANG, XSI, add

from .protocol import OAIError, datestamp
from .repository import Entry

NS = "http://www.openarchives.org/OAI/2.0/"
SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
ID_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
ID_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
CONTENT_TYPE = "text/xml; charset=utf-8"


def q(tag: str) -> str:
    """A tag in the OAI-PMH namespace."""
    return f"{{{NS}}}{tag}"


def element(tag: str) -> etree._Element:
    """A free-standing OAI-PMH element (a verb's answer, appended to the envelope later)."""
    return etree.Element(q(tag), nsmap={None: NS})


def envelope(base_url: str, arguments: dict[str, str] | None = None) -> etree._Element:
    """The OAI-PMH root with responseDate and the request echoed (no arguments: bad requests)."""
    root = etree.Element(q("OAI-PMH"), nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {SCHEMA}")
    add(root, q("responseDate"), datestamp(timezone.now()))
    add(root, q("request"), base_url, arguments)
    return root


def error(root: etree._Element, err: OAIError) -> None:
    """Append an error element."""
    add(root, q("error"), err.message, {"code": err.code})


def header(parent: etree._Element, entry: Entry, identifier: str) -> None:
    """Append a record header: identifier, datestamp, sets; status="deleted" for tombstones."""
    head = etree.SubElement(parent, q("header"), {"status": "deleted"} if entry.deleted else {})
    add(head, q("identifier"), identifier)
    add(head, q("datestamp"), datestamp(entry.datestamp))
    for spec in entry.set_specs:
        add(head, q("setSpec"), spec)


def record(parent: etree._Element, entry: Entry, identifier: str, prefix: str,
           work_url: Callable[[int], str]) -> None:
    """Append a record: its header and, unless deleted, its metadata in the requested format."""
    rec = etree.SubElement(parent, q("record"))
    header(rec, entry, identifier)
    if entry.work is not None:
        serialize = XML_FORMATS[prefix][2]
        etree.SubElement(rec, q("metadata")).append(serialize(entry.work, work_url(entry.work_id)))


def set_element(parent: etree._Element, spec: str, name: str, name_en: str = "") -> None:
    """Append a set: its spec, its (Vietnamese) name, its English name as an oai_dc description."""
    node = etree.SubElement(parent, q("set"))
    add(node, q("setSpec"), spec)
    add(node, q("setName"), name)
    if name_en:
        dc = etree.Element(f"{{{oai_dc.NAMESPACE}}}dc", nsmap={"oai_dc": oai_dc.NAMESPACE, "dc": oai_dc.DC})
        dc.set(f"{{{XSI}}}schemaLocation", f"{oai_dc.NAMESPACE} {oai_dc.SCHEMA}")
        add(dc, f"{{{oai_dc.DC}}}title", name_en, {XML_LANG: "en"})
        etree.SubElement(node, q("setDescription")).append(dc)


def identifier_description(repository_id: str, sample: str) -> etree._Element:
    """The oai-identifier description of Identify."""
    desc = etree.Element(f"{{{ID_NS}}}oai-identifier", nsmap={None: ID_NS, "xsi": XSI})
    desc.set(f"{{{XSI}}}schemaLocation", f"{ID_NS} {ID_SCHEMA}")
    for name, value in (("scheme", "oai"), ("repositoryIdentifier", repository_id),
                        ("delimiter", ":"), ("sampleIdentifier", sample)):
        add(desc, f"{{{ID_NS}}}{name}", value)
    return desc


def respond(root: etree._Element) -> HttpResponse:
    """The response: UTF-8 XML, HTTP 200 even for errors, as the protocol requires."""
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(body, content_type=CONTENT_TYPE)
