"""Simple Dublin Core (oai_dc), the format every OAI-PMH harvester reads."""

from __future__ import annotations

from lxml import etree

from stinet.catalog.models import Work
from stinet.catalog.vocab import ACCESS_LEVELS, WORK_TYPES
from stinet.vietnamese import fold

from .xmltext import XSI, add, lang_attrib

NAMESPACE = "http://www.openarchives.org/OAI/2.0/oai_dc/"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC = "http://purl.org/dc/elements/1.1/"

# work type -> (DCMI type, info:eu-repo/semantics type as OpenAIRE and BASE read it in oai_dc)
DC_TYPES: dict[str, tuple[str, str]] = {
    "report": ("Text", "report"), "thesis": ("Text", "masterThesis"),
    "dissertation": ("Text", "doctoralThesis"), "article": ("Text", "article"),
    "book": ("Text", "book"), "conference": ("Text", "conferenceObject"),
    "patent": ("Text", "patent"), "standard": ("Text", "other"),
    "dataset": ("Dataset", "other"), "other": ("Text", "other"),
}
# access level -> info:eu-repo/semantics access right ("closedAccess" is metadata only)
RIGHTS = {"public": "openAccess", "members": "restrictedAccess", "metadata": "closedAccess"}
ACCESS_ORDER = ("public", "members", "metadata")  # most open first


def best_access(work: Work) -> str:
    """The most open access level among the work's holdings (prefetched)."""
    levels = {h.access for h in work.holdings.all()}
    return next((level for level in ACCESS_ORDER if level in levels), "metadata")


def identifiers(work: Work) -> list[str]:
    """The work's identifiers as URIs or prefixed strings, in a stable order."""
    ids = work.identifiers or {}
    out = [f"urn:isbn:{v}" for v in ids.get("isbn", [])]
    out += [f"urn:issn:{v}" for v in ids.get("issn", [])]
    out += [v if v.startswith("http") else f"https://doi.org/{v}" for v in ids.get("doi", [])]
    out += [v if v.startswith("http") else f"https://hdl.handle.net/{v}" for v in ids.get("handle", [])]
    out += list(ids.get("uri", []))
    out += list(ids.get("task", [])) + list(ids.get("other", []))  # a task's code, a member's own numbers
    return out


def publishers(work: Work) -> list[str]:
    """The degree's grantor, then the publisher, once: "Truong Dai hoc Hai Phong" beside the grantor "Trường Đại học
    Hải Phòng" is that one (QA 26: two publishers, the first of them not the API's)."""
    found: dict[str, str] = {}
    for name in (work.grantor, work.publisher):
        if name:
            found.setdefault(fold(name), name)
    return list(found.values())


def to_element(work: Work, url: str = "") -> etree._Element:
    """One work (holdings prefetched) as an oai_dc:dc element; `url` is its record page."""
    root = etree.Element(f"{{{NAMESPACE}}}dc", nsmap={"oai_dc": NAMESPACE, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NAMESPACE} {SCHEMA}")

    def dc(name: str, value: object, lang: str = "") -> None:
        """Append one Dublin Core element (nothing for an empty value)."""
        add(root, f"{{{DC}}}{name}", value, lang_attrib(lang))

    dc("title", work.title, work.language)
    dc("title", work.title_en, "en")
    for name in work.authors:
        dc("creator", name)
    for name in work.people("translator") + work.people("advisor") + work.people("contributor"):
        dc("contributor", name)
    for subject in work.subjects:
        dc("subject", subject)
    dc("description", work.abstract, work.language)
    for publisher in publishers(work):
        dc("publisher", publisher)
    dc("date", work.date or (str(work.year) if work.year else ""))
    dcmi, driver = DC_TYPES.get(work.type, ("Text", "other"))
    dc("type", dcmi)
    dc("type", f"info:eu-repo/semantics/{driver}")
    dc("type", WORK_TYPES.get(work.type, WORK_TYPES["other"])[0], "vi")
    dc("identifier", url)
    for identifier in identifiers(work):
        dc("identifier", identifier)
    dc("language", work.language)
    access = best_access(work)
    dc("rights", f"info:eu-repo/semantics/{RIGHTS[access]}")
    dc("rights", ACCESS_LEVELS[access][0], "vi")
    return root
