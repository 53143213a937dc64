"""Serializers, one module per format, shared by the portal, the API, exports and OAI-PMH."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from stinet.catalog.models import Work

from . import bibtex, marcxml, oai_dc, oai_openaire, ris

# format name -> (media type, file extension, serializer of one work)
CITATION_FORMATS: dict[str, tuple[str, str, Callable[[Work], str]]] = {
    "ris": ("application/x-research-info-systems", "ris", ris.dumps),
    "bibtex": ("application/x-bibtex", "bib", bibtex.dumps),
}

# metadata prefix -> (XML schema, XML namespace, serializer of one work with its holdings and
# the URL of its record page); the OAI-PMH provider disseminates every format listed here.
XML_FORMATS: dict[str, tuple[str, str, Callable[[Work, str], etree._Element]]] = {
    "oai_dc": (oai_dc.SCHEMA, oai_dc.NAMESPACE, oai_dc.to_element),
    "marcxml": (marcxml.SCHEMA, marcxml.NAMESPACE, marcxml.to_element),
    "oai_openaire": (oai_openaire.SCHEMA, oai_openaire.NAMESPACE, oai_openaire.to_element),
}
