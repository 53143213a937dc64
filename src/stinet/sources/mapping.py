"""Harvested metadata (oai_dc, marcxml) as the canonical-field rows the import pipeline reads."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from django.utils.translation import gettext as _
from lxml import etree

from stinet.ingest.identifiers import classify_identifier
from stinet.ingest.record import ERROR, MAX_YEAR, MIN_YEAR, MULTI_SEP, RowError, parse_date, rights_access
from stinet.ingest.types import map_type, repository_type
from stinet.vietnamese import clean_spaces

DC = "http://purl.org/dc/elements/1.1/"
DC_PREFIX = f"{{{DC}}}"
OAI_DC_ROOT = "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Every field a mapped row may carry: parsing reads them through an identity mapping.
FIELDS = ("id", "dc.title", "dc.title.alternative", "dc.contributor.author", "dc.contributor.advisor",
          "dc.contributor.editor", "dc.contributor.translator", "dc.contributor", "dc.date.issued", "dc.type",
          "dc.subject", "dc.description.abstract", "dc.publisher", "dc.language.iso", "dc.identifier.uri",
          "dc.identifier.isbn", "dc.identifier.issn", "dc.identifier.doi", "dc.identifier.handle",
          "dc.identifier.other", "local.access", "local.callnumber", "thesis.degree.name",
          "thesis.degree.grantor", "dc.subject.fos")

ADVISOR_MARKERS = re.compile(r"\s*[(\[]?\s*(người hướng dẫn|hướng dẫn|nhd|gvhd|advisor|supervisor)\s*[)\]:]?\s*",
                             re.IGNORECASE)


class MappingError(ValueError):
    """A metadata format the harvester cannot map (yet), with a one-line reason."""


class _Dc:
    """A record's dc:<name> elements, read once: their cleaned texts (empty ones left out) by name."""

    def __init__(self, root: etree._Element) -> None:
        self.found: dict[str, list[tuple[str, etree._Element]]] = {}
        for element in root.iter():
            tag = element.tag
            if isinstance(tag, str) and tag.startswith(DC_PREFIX):  # not comments nor processing instructions
                text = clean_spaces(element.text or "")
                if text:
                    self.found.setdefault(tag[len(DC_PREFIX):], []).append((text, element))

    def values(self, name: str) -> list[tuple[str, etree._Element]]:
        """(cleaned text, element) of the non-empty dc:<name> elements in document order."""
        return self.found.get(name, [])

    def texts(self, name: str) -> list[str]:
        """The cleaned texts of dc:<name>, duplicates dropped, order kept."""
        return list(dict.fromkeys(text for text, _element in self.found.get(name, ())))


def _titles(dc: _Dc) -> dict[str, str]:
    """First title; a further English one (xml:lang="en", or plain ASCII after a Vietnamese title)."""
    titles = dc.values("title")
    if not titles:
        return {}
    main = titles[0][0]
    out = {"dc.title": main}
    for text, other in titles[1:]:
        lang = (other.get(XML_LANG) or "").lower()
        if lang.startswith("en") or (not lang and text.isascii() and not main.isascii()):
            out["dc.title.alternative"] = text
            break
    return out


def pick_type(labels: list[str]) -> tuple[str, str]:
    """(value for dc.type, how it was chosen): the first specific mapped label wins.

    Members' own labels (Vietnamese or English) are tried first, then info:eu-repo and DCMI
    types; a label that maps to nothing is passed on so the report lists it.
    """
    fallback = ""
    for label in labels:
        code = map_type(label)
        if code and code != "other":
            return label, code
        fallback = fallback or (label if code == "other" else "")
    for label in labels:
        code = repository_type(label)
        if code and code != "other":
            return code, code
        if code == "other" and not fallback:
            fallback = "other"
    if fallback:
        return fallback, "other"
    unmapped = [label for label in labels if not label.lower().startswith("info:eu-repo/")
                and label.lower() != "text"]
    return (unmapped[0] if unmapped else ""), ""


def _people(dc: _Dc, type_code: str) -> dict[str, list[str]]:
    """Creators as authors; contributors as advisors when marked so, or on theses and dissertations."""
    people: dict[str, list[str]] = {"dc.contributor.author": dc.texts("creator")}
    for text in dc.texts("contributor"):
        marked = ADVISOR_MARKERS.search(text) is not None
        name = clean_spaces(ADVISOR_MARKERS.sub(" ", text)).strip(" ,;:-")
        if marked or type_code in ("thesis", "dissertation"):
            people.setdefault("dc.contributor.advisor", []).append(name or text)
        else:
            people.setdefault("dc.contributor", []).append(text)
    return people


_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})\b")


def _date(dc: _Dc) -> str:
    """The first dc:date that reads as a date or year (embargo and other info: URIs skipped); else the
    first that is a date of a real year and month but a day no calendar has ("2015-02-30"), which
    parsing refuses as a file import's would (the record rejected with the reason). Other unreadable
    values ("n.d.", the placeholder "2015-00-00", a year out of range) are no date."""
    impossible = ""
    for text in dc.texts("date"):
        if text.lower().startswith("info:"):
            continue
        try:
            year, _iso = parse_date(text)
        except RowError:
            day = _DAY.match(text)
            if day and not impossible and MIN_YEAR <= int(day[1]) <= MAX_YEAR and 1 <= int(day[2]) <= 12:
                impossible = text
            continue
        if year is not None:
            return text[:10] if re.match(r"\d{4}-\d{2}-\d{2}T", text) else text
    return impossible


def _identifiers(dc: _Dc) -> dict[str, list[str]]:
    """dc:identifier values by kind; a DOI or handle link doubles as the holding's URL when no other."""
    found: dict[str, list[str]] = {}
    links: list[str] = []
    for text in dc.texts("identifier"):
        kind_value = classify_identifier(text)
        if kind_value is None:
            continue
        kind, value = kind_value
        found.setdefault(f"dc.identifier.{kind}", []).append(value)
        if kind in ("doi", "handle") and text.lower().startswith("http"):
            links.append(text)
    if "dc.identifier.uri" not in found and links:
        found["dc.identifier.uri"] = links[:1]
    return found


def _access(dc: _Dc) -> str:
    """The access level from dc:rights words (open, restricted, closed), or '' when none says."""
    return next((level for text in dc.texts("rights") if (level := rights_access(text))), "")


def _join(values: list[str]) -> str:
    """Repeated values as the pipeline expects them ('||'-joined), separators inside removed."""
    return MULTI_SEP.join(v.replace(MULTI_SEP, " ") for v in values if v)


def oai_dc_row(identifier: str, metadata: etree._Element, holder: tuple[str, ...] = ()) -> dict[str, str]:
    """One oai_dc record as a row of canonical fields ("id" is the OAI identifier)."""
    if metadata.tag != OAI_DC_ROOT:
        name = etree.QName(metadata)
        if name.namespace:
            raise MappingError(_("the metadata is <%(name)s> in namespace %(namespace)s, not oai_dc")
                               % {"name": name.localname, "namespace": name.namespace})
        raise MappingError(_("the metadata is <%(name)s>, not oai_dc") % {"name": name.localname})
    dc = _Dc(metadata)
    type_value, type_code = pick_type(dc.texts("type"))
    row: dict[str, str] = {"id": identifier, **_titles(dc)}
    multi: dict[str, list[str]] = {**_people(dc, type_code), "dc.subject": dc.texts("subject"),
                                   **_identifiers(dc)}
    row.update({key: _join(values) for key, values in multi.items() if values})
    descriptions = dc.texts("description")
    single = {"dc.type": type_value, "dc.date.issued": _date(dc),
              "dc.description.abstract": "\n\n".join(descriptions),
              "dc.publisher": next(iter(dc.texts("publisher")), ""),
              "dc.language.iso": next(iter(dc.texts("language")), ""), "local.access": _access(dc)}
    row.update({key: value for key, value in single.items() if value})
    return row


def _marc_to_row() -> Callable[..., dict[str, str]]:
    """The MARC importer's record -> row function; MappingError while it does not exist."""
    try:
        from stinet.ingest import marc  # the MARC importer (pymarc Record -> canonical row)
    except ImportError:
        marc = None
    to_row = getattr(marc, "to_row", None)
    if to_row is None:
        raise MappingError(_("metadata prefix 'marcxml': not supported yet (the MARC mapping "
                             "stinet.ingest.marc.to_row is missing); harvest oai_dc instead"))
    return to_row


def marcxml_row(identifier: str, record: etree._Element, holder: tuple[str, ...] = ()) -> dict[str, str]:
    """One marcxml record as a row, through the MARC importer's mapping (pymarc Record -> row)."""
    import pymarc

    try:
        parsed = pymarc.parse_xml_to_array(io.BytesIO(etree.tostring(record)), strict=True)
    except (pymarc.exceptions.PymarcException, KeyError, ValueError, AttributeError) as exc:
        raise RowError(_("marcxml: the record could not be read (%(error)s)")
                       % {"error": f"{type(exc).__name__}: {exc}"}) from None
    if not parsed or parsed[0] is None:
        raise RowError(_("marcxml: the record could not be read"))
    try:
        row = dict(_marc_to_row()(parsed[0], holder))
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as exc:
        raise RowError(_("marcxml: cannot map the record (%(error)s)") % {"error": f"{type(exc).__name__}: {exc}"}) \
            from None
    if row.get(ERROR):
        raise RowError(f"marcxml: {row[ERROR]}")
    if row.get("id") and row["id"] != identifier:
        row["marc.001"] = row["id"]  # the library's own number, kept as extra data
    row["id"] = identifier  # deletions name records by their OAI identifier
    return {k: v for k, v in row.items() if v}


MAPPERS: dict[str, Callable[..., dict[str, str]]] = {
    "oai_dc": oai_dc_row,
    "marcxml": marcxml_row,
}


def mapper(prefix: str) -> Callable[..., dict[str, str]]:
    """The mapping of a metadata prefix; MappingError for formats the harvester cannot read."""
    if prefix not in MAPPERS:
        raise MappingError(_("metadata prefix %(prefix)r: the harvester reads oai_dc and marcxml") % {"prefix": prefix})
    if prefix == "marcxml":
        _marc_to_row()  # refuse before harvesting anything
    return MAPPERS[prefix]
