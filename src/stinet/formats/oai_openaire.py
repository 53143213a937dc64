"""OpenAIRE Guidelines for Literature Repositories v4 (`oai_openaire`): DataCite and Dublin Core
elements with COAR vocabularies, what OpenAIRE and national aggregators in Europe harvest.

Types and access levels use the COAR resource type and access right URIs the guidelines'
schema enumerates; languages are ISO 639-3; the resource identifier is the DOI or handle when
the work has one, else its record page, with the other identifiers as alternate identifiers.
"""

from __future__ import annotations

from lxml import etree

from stinet.catalog.models import Work

from .oai_dc import best_access, publishers
from .xmltext import XML_LANG, XSI, add, lang_attrib

NAMESPACE = "http://namespace.openaire.eu/schema/oaire/"
SCHEMA = "https://www.openaire.eu/schema/repo-lit/4.0/openaire.xsd"
DATACITE = "http://datacite.org/schema/kernel-4"
DC = "http://purl.org/dc/elements/1.1/"
COAR_TYPE = "http://purl.org/coar/resource_type/"
COAR_ACCESS = "http://purl.org/coar/access_right/"

# work type -> (COAR resource type id, its label, resourceTypeGeneral)
RESOURCE_TYPES: dict[str, tuple[str, str, str]] = {
    "report": ("c_18ws", "research report", "literature"),
    "thesis": ("c_bdcc", "master thesis", "literature"),
    "dissertation": ("c_db06", "doctoral thesis", "literature"),
    "article": ("c_6501", "journal article", "literature"),
    "book": ("c_2f33", "book", "literature"),
    "conference": ("c_c94f", "conference object", "literature"),
    "patent": ("c_15cd", "patent", "literature"),
    "standard": ("c_71bd", "technical documentation", "literature"),
    "dataset": ("c_ddb1", "dataset", "dataset"),
    "other": ("c_1843", "other", "other research product"),
}
# access level -> (COAR access right id, its label)
ACCESS_RIGHTS = {"public": ("c_abf2", "open access"), "members": ("c_16ec", "restricted access"),
                 "metadata": ("c_14cb", "metadata only access")}
# ISO 639-1 as stored -> ISO 639-3, as the guidelines ask
LANGUAGES = {"vi": "vie", "en": "eng", "fr": "fra", "ru": "rus", "zh": "zho", "de": "deu", "ja": "jpn",
             "ko": "kor", "lo": "lao", "km": "khm", "es": "spa", "it": "ita"}
CONTRIBUTOR_TYPES = {"advisor": "Supervisor", "editor": "Editor"}  # DataCite has no translator: Other


def language_code(language: str) -> str:
    """ISO 639-3 code of a stored language ('' when unknown)."""
    code = (language or "").strip().lower()
    return code if len(code) == 3 and code.isalpha() else LANGUAGES.get(code, "")


def _identifier(work: Work, url: str) -> tuple[str, str]:
    """(identifierType, value) of the resource: its DOI, else its handle, else its record page."""
    ids = work.identifiers or {}
    if ids.get("doi"):
        return "DOI", ids["doi"][0]
    if ids.get("handle"):
        return "HANDLE", ids["handle"][0]
    return "URL", url


def _alternates(work: Work, url: str, main: str) -> list[tuple[str, str]]:
    """(alternateIdentifierType, value) of every other identifier, the record page included."""
    ids = work.identifiers or {}
    out = [("URL", url)] if url and url != main else []
    out += [(kind.upper() if kind in ("doi", "isbn") else kind.capitalize(), value)
            for kind in ("doi", "handle", "isbn") for value in ids.get(kind, []) if value != main]
    out += [("URL", value) for value in ids.get("uri", []) if value != main]
    out += [("Task code", value) for value in ids.get("task", [])]
    out += [("Local", value) for value in ids.get("other", [])]
    return out


def to_element(work: Work, url: str = "") -> etree._Element:
    """One work (holdings prefetched) as an oaire:resource element; `url` is its record page."""
    root = etree.Element(f"{{{NAMESPACE}}}resource",
                         nsmap={"oaire": NAMESPACE, "datacite": DATACITE, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NAMESPACE} {SCHEMA}")
    language = language_code(work.language)

    def group(name: str) -> etree._Element:
        return etree.Element(f"{{{DATACITE}}}{name}")

    def keep(element: etree._Element) -> None:
        """Attach a group element that got children."""
        if len(element):
            root.append(element)

    titles = group("titles")
    add(titles, f"{{{DATACITE}}}title", work.title, lang_attrib(work.language))
    add(titles, f"{{{DATACITE}}}title", work.title_en, {XML_LANG: "en", "titleType": "TranslatedTitle"})
    keep(titles)
    creators, contributors = group("creators"), group("contributors")
    for person in work.creators or []:
        role = person.get("role", "author")
        if role == "author":
            creator = etree.SubElement(creators, f"{{{DATACITE}}}creator")
            add(creator, f"{{{DATACITE}}}creatorName", person.get("name", ""), {"nameType": "Personal"})
        else:
            contributor = etree.SubElement(contributors, f"{{{DATACITE}}}contributor",
                                           contributorType=CONTRIBUTOR_TYPES.get(role, "Other"))
            add(contributor, f"{{{DATACITE}}}contributorName", person.get("name", ""), {"nameType": "Personal"})
    for element in (creators, contributors):
        for person in list(element):
            if not len(person):  # a name that was empty once cleaned
                element.remove(person)
        keep(element)
    kind, value = _identifier(work, url)
    alternates = group("alternateIdentifiers")
    for alt_kind, alt_value in _alternates(work, url, value):
        add(alternates, f"{{{DATACITE}}}alternateIdentifier", alt_value, {"alternateIdentifierType": alt_kind})
    keep(alternates)
    related = group("relatedIdentifiers")
    for issn in (work.identifiers or {}).get("issn", []):  # the journal or series the work is part of
        add(related, f"{{{DATACITE}}}relatedIdentifier", issn, {"relatedIdentifierType": "ISSN",
                                                                 "relationType": "IsPartOf"})
    keep(related)
    dates = group("dates")
    add(dates, f"{{{DATACITE}}}date", work.date or (str(work.year) if work.year else ""), {"dateType": "Issued"})
    keep(dates)
    if language:
        add(root, f"{{{DC}}}language", language)
    for publisher in publishers(work):
        add(root, f"{{{DC}}}publisher", publisher)
    coar, label, general = RESOURCE_TYPES.get(work.type, RESOURCE_TYPES["other"])
    add(root, f"{{{NAMESPACE}}}resourceType", label, {"resourceTypeGeneral": general, "uri": COAR_TYPE + coar})
    add(root, f"{{{DC}}}description", work.abstract, lang_attrib(work.language))
    add(root, f"{{{DATACITE}}}identifier", value, {"identifierType": kind})
    right, right_label = ACCESS_RIGHTS[best_access(work)]
    add(root, f"{{{DATACITE}}}rights", right_label, {"rightsURI": COAR_ACCESS + right})
    subjects = group("subjects")
    for subject in work.subjects or []:
        add(subjects, f"{{{DATACITE}}}subject", subject)
    keep(subjects)
    return root
