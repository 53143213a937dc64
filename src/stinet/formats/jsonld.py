"""schema.org JSON-LD and Google Scholar citation_* meta tags for work pages."""

from __future__ import annotations

import json
from typing import Any

from stinet.catalog.models import Work

from . import citing

SCHEMA_TYPES = {
    "report": "Report", "thesis": "Thesis", "dissertation": "Thesis", "article": "ScholarlyArticle",
    "book": "Book", "conference": "ScholarlyArticle", "patent": "CreativeWork",
    "standard": "CreativeWork", "dataset": "Dataset", "other": "CreativeWork",
}


def agent(person: citing.Name) -> dict[str, Any]:
    """A creator as a schema.org Person (with family and given names) or Organization."""
    if person.organisation:
        return {"@type": "Organization", "name": person.text}
    data: dict[str, Any] = {"@type": "Person", "name": person.text, "familyName": person.family}
    if person.given:
        data["givenName"] = person.given
    return data


def as_dict(work: Work, url: str) -> dict[str, Any]:
    """The schema.org description of a work."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(work.type, "CreativeWork"),
        "@id": url, "url": url, "name": work.title,
    }
    if authors := citing.people(work, "author"):  # none: no empty list (an edited book)
        data["author"] = [agent(p) for p in authors]
    if editors := citing.people(work, "editor"):
        data["editor"] = [agent(p) for p in editors]
    if translators := citing.people(work, "translator"):
        data["translator"] = [agent(p) for p in translators]
    # schema.org's Role pattern: the Role stands in for the contributor and holds it
    contributors = [{"@type": "Role", "roleName": "advisor", "contributor": agent(p)}
                    for p in citing.people(work, "advisor")]
    contributors += [agent(p) for p in citing.people(work, "contributor")]
    if contributors:
        data["contributor"] = contributors
    if work.title_en:
        data["alternateName"] = work.title_en
    if date := citing.iso_date(work):
        data["datePublished"] = date
    if work.abstract:  # description too: what most readers of schema.org take (a Dataset's is required by Google)
        data["abstract"] = data["description"] = work.abstract
    if work.subjects:
        data["keywords"] = ", ".join(work.subjects)
    if work.language:
        data["inLanguage"] = work.language
    if part_of := _part_of(work):
        data["isPartOf"] = part_of
    first, last = citing.pages(work)
    data.update({k: v for k, v in (("pageStart", first), ("pageEnd", last)) if v})
    if publisher := citing.publisher(work):
        data["publisher"] = {"@type": "Organization", "name": publisher}
    if work.degree and data["@type"] == "Thesis":
        data["inSupportOf"] = work.degree  # Thesis.inSupportOf: the degree the thesis was written for
    ids = [f"{k}:{v}" for k, values in work.identifiers.items() for v in values if k != "uri"]
    if ids:
        data["identifier"] = ids
    return data


def _part_of(work: Work) -> dict[str, Any] | None:
    """The journal (a Periodical, inside its volume and issue when known) or the proceedings."""
    title = citing.container(work)
    if not title:
        return None
    if work.type != "article":
        return {"@type": "CreativeWork", "name": title}
    part: dict[str, Any] = {"@type": "Periodical", "name": title}
    if issns := work.identifiers.get("issn"):
        part["issn"] = issns[0] if len(issns) == 1 else issns
    if volume := citing.volume(work):
        part = {"@type": "PublicationVolume", "volumeNumber": volume, "isPartOf": part}
    if issue := citing.issue(work):
        part = {"@type": "PublicationIssue", "issueNumber": issue, "isPartOf": part}
    return part


def script(work: Work, url: str) -> str:
    """JSON-LD text safe to put inside a <script> element ('<' escaped)."""
    text = json.dumps(as_dict(work, url), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def scholar_date(work: Work) -> str:
    """citation_publication_date as Google Scholar wants it: YYYY/MM/DD when the day is known, else the year."""
    date = citing.full_date(work)
    return date.strftime("%Y/%m/%d") if date else str(work.year or "")


def citation_meta(work: Work, url: str) -> list[tuple[str, str]]:
    """Google Scholar citation_* (name, content) pairs; the template escapes them.

    Names are "Family, Given", which Scholar reads right for Vietnamese names (family first in
    display order); editors are citation_editor (Highwire Press, as EPrints writes them).
    The citation_pdf_url of a public full text is the work page's (it has the files at hand).
    """
    meta = [("citation_title", work.title)]
    meta += [("citation_author", p.inverted) for p in citing.people(work, "author")]
    meta += [("citation_editor", p.inverted) for p in citing.people(work, "editor")]
    if date := scholar_date(work):
        meta.append(("citation_publication_date", date))
    meta += _container_meta(work)
    publisher = citing.publisher(work)
    if work.type in ("thesis", "dissertation") and publisher:
        meta.append(("citation_dissertation_institution", publisher))
    elif work.type == "report" and work.publisher:
        meta.append(("citation_technical_report_institution", work.publisher))
    elif publisher:
        meta.append(("citation_publisher", publisher))
    if work.language:
        meta.append(("citation_language", work.language))
    meta += [("citation_keywords", s) for s in work.subjects]
    for kind, name in (("isbn", "citation_isbn"), ("issn", "citation_issn"), ("doi", "citation_doi")):
        meta += [(name, v) for v in work.identifiers.get(kind, [])]
    meta.append(("citation_abstract_html_url", url))
    return meta


def _container_meta(work: Work) -> list[tuple[str, str]]:
    """citation_journal_title (with volume, issue, pages) or citation_conference_title."""
    title = citing.container(work)
    if not title:
        return []
    if work.type == "conference":
        return [("citation_conference_title", title)]
    first, last = citing.pages(work)
    found = [("citation_journal_title", title), ("citation_volume", citing.volume(work)),
             ("citation_issue", citing.issue(work)), ("citation_firstpage", first), ("citation_lastpage", last)]
    return [(k, v) for k, v in found if v]
