"""schema.org JSON-LD and Google Scholar citation_* meta tags for work pages."""

from __future__ import annotations

import json
from typing import Any

from stinet.catalog.models import Work

SCHEMA_TYPES = {
    "report": "Report", "thesis": "Thesis", "dissertation": "Thesis", "article": "ScholarlyArticle",
    "book": "Book", "conference": "ScholarlyArticle", "patent": "CreativeWork",
    "standard": "CreativeWork", "dataset": "Dataset", "other": "CreativeWork",
}


def as_dict(work: Work, url: str) -> dict[str, Any]:
    """The schema.org description of a work."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(work.type, "CreativeWork"),
        "@id": url, "url": url, "name": work.title,
        "author": [{"@type": "Person", "name": n} for n in work.authors],
    }
    if work.title_en:
        data["alternateName"] = work.title_en
    if work.year:
        data["datePublished"] = work.date or str(work.year)
    if work.abstract:
        data["abstract"] = work.abstract
    if work.subjects:
        data["keywords"] = ", ".join(work.subjects)
    if work.language:
        data["inLanguage"] = work.language
    if work.grantor or work.publisher:
        data["publisher"] = {"@type": "Organization", "name": work.grantor or work.publisher}
    if work.degree:
        data["educationalCredentialAwarded"] = work.degree
    if work.advisors:
        data["contributor"] = [{"@type": "Person", "name": n, "roleName": "advisor"}
                               for n in work.advisors]
    ids = [f"{k}:{v}" for k, values in work.identifiers.items() for v in values if k != "uri"]
    if ids:
        data["identifier"] = ids
    return data


def script(work: Work, url: str) -> str:
    """JSON-LD text safe to put inside a <script> element ('<' escaped)."""
    text = json.dumps(as_dict(work, url), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def citation_meta(work: Work, url: str) -> list[tuple[str, str]]:
    """Google Scholar citation_* (name, content) pairs; the template escapes them."""
    meta = [("citation_title", work.title)]
    meta += [("citation_author", n) for n in work.authors]
    if work.year:
        meta.append(("citation_publication_date", (work.date or str(work.year)).replace("-", "/")))
    if work.type in ("thesis", "dissertation") and (work.grantor or work.publisher):
        meta.append(("citation_dissertation_institution", work.grantor or work.publisher))
    elif work.type == "report" and work.publisher:
        meta.append(("citation_technical_report_institution", work.publisher))
    elif work.publisher:
        meta.append(("citation_publisher", work.publisher))
    if work.language:
        meta.append(("citation_language", work.language))
    meta += [("citation_keywords", s) for s in work.subjects]
    for kind, name in (("isbn", "citation_isbn"), ("issn", "citation_issn"), ("doi", "citation_doi")):
        meta += [(name, v) for v in work.identifiers.get(kind, [])]
    meta.append(("citation_abstract_html_url", url))
    return meta
