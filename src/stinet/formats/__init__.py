"""Serializers, one module per format, shared by the portal, the API, exports and OAI-PMH."""

from __future__ import annotations

from collections.abc import Callable

from stinet.catalog.models import Work

from . import bibtex, ris

# format name -> (media type, file extension, serializer of one work)
CITATION_FORMATS: dict[str, tuple[str, str, Callable[[Work], str]]] = {
    "ris": ("application/x-research-info-systems", "ris", ris.dumps),
    "bibtex": ("application/x-bibtex", "bib", bibtex.dumps),
}
