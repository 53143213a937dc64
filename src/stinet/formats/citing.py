"""What the citation formats (BibTeX, RIS, JSON-LD, citation_* tags) read alike from a work.

Creators by role with their names split into family and given names, the journal or
proceedings a paper is part of (with volume, issue and pages when a member sent them), the
publisher when it is not that journal, and dates that are real dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from stinet.catalog.models import Work
from stinet.vietnamese import fold
from stinet.vietnamese.names import is_organisation, split_name

CONTAINER_TYPES = ("article", "conference")  # works that are part of a journal or proceedings

# Columns members send that the importer keeps as extra data (matched folded, without a DSpace
# "[lang]" suffix): DSpace's dc.relation.ispartof, the OpenAIRE oaire.citation.* fields, and
# Vietnamese headers ("Tên tạp chí", "Tập", "Số", "Trang").
_CONTAINER_KEYS = ("oaire.citation.title", "dc.relation.ispartof", "dc.citation.journaltitle",
                   "ten tap chi", "tap chi", "ten hoi thao", "ten hoi nghi", "ky yeu")
_VOLUME_KEYS = ("oaire.citation.volume", "dc.citation.volume", "tap")
_ISSUE_KEYS = ("oaire.citation.issue", "dc.citation.issue", "so")
_FIRST_PAGE_KEYS = ("oaire.citation.startpage", "dc.citation.spage", "dc.citation.startpage")
_LAST_PAGE_KEYS = ("oaire.citation.endpage", "dc.citation.epage", "dc.citation.endpage")
_PAGES_KEYS = ("trang", "pages")
_PAGE_RANGE = re.compile(r"^\s*(?:tr\.|pp?\.)?\s*(\w+)\s*(?:[-–—]+\s*(\w+))?\s*$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Name:
    """A creator's name as stored (display order) and split for citations."""

    text: str
    family: str
    given: str
    organisation: bool

    @property
    def inverted(self) -> str:
        """'Family, Given' (RIS, citation_author); organisations and single names whole."""
        return f"{self.family}, {self.given}" if self.given else self.family


def name(text: str) -> Name:
    """A stored creator name split into family and given names (organisations are not split)."""
    if is_organisation(text):
        return Name(text, text, "", True)
    family, given = split_name(text)
    return Name(text, family or text, given, False)


def people(work: Work, role: str) -> list[Name]:
    """The creators of a work with one role (author, editor, advisor, contributor), in source order."""
    return [name(c["name"]) for c in work.creators if c.get("name") and c.get("role", "author") == role]


def _extra(work: Work, keys: tuple[str, ...]) -> str:
    """The first non-empty extra value under one of the keys (folded, '[lang]' ignored)."""
    found = {fold(k.split("[", 1)[0]).strip(): str(v).strip() for k, v in (work.extra or {}).items()}
    return next((found[k] for k in keys if found.get(k)), "")


def container(work: Work) -> str:
    """The journal of an article or the proceedings of a conference paper, '' for other types.

    Members who send one put it in dc.relation.ispartof (or a like column); most put the journal
    in the publisher column (dc.publisher, 'Nhà xuất bản'), as the demo network does.
    """
    if work.type not in CONTAINER_TYPES:
        return ""
    return _extra(work, _CONTAINER_KEYS) or work.publisher or _extra(work, ("dc.source",))


def publisher(work: Work) -> str:
    """The publisher (or the institution of a thesis or report) unless it is the container title."""
    value = work.grantor or work.publisher
    return "" if value and value == container(work) else value


def volume(work: Work) -> str:
    """Volume of the journal, when the member sent it."""
    return _extra(work, _VOLUME_KEYS) if work.type in CONTAINER_TYPES else ""


def issue(work: Work) -> str:
    """Issue (number) of the journal, when the member sent it."""
    return _extra(work, _ISSUE_KEYS) if work.type in CONTAINER_TYPES else ""


def pages(work: Work) -> tuple[str, str]:
    """(first page, last page) in the journal or proceedings, ('', '') when unknown."""
    if work.type not in CONTAINER_TYPES:
        return "", ""
    first, last = _extra(work, _FIRST_PAGE_KEYS), _extra(work, _LAST_PAGE_KEYS)
    if not first and (match := _PAGE_RANGE.match(_extra(work, _PAGES_KEYS))):
        first, last = match.group(1), match.group(2) or ""
    return first, last


def _date_parts(work: Work) -> tuple[int, ...]:
    """(year, month, day) or the leading part of it from the stored date; () when it is no real date."""
    match = _ISO_DATE.match(work.date or "")
    if not match:
        return ()
    parts = tuple(int(g) for g in match.groups() if g)
    try:
        dt.date(parts[0], *(parts[1:] + (1, 1))[:2])  # raises on month 13 or 30 February
    except ValueError:
        return ()
    return parts


def iso_date(work: Work) -> str:
    """An ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD) of publication; the year when the stored date is not valid."""
    parts = _date_parts(work)
    if parts and (not work.year or parts[0] == work.year):
        return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))
    return str(work.year) if work.year else ""


def full_date(work: Work) -> dt.date | None:
    """The publication date when the day is known and valid."""
    parts = _date_parts(work)
    return dt.date(*parts) if len(parts) == 3 and (not work.year or parts[0] == work.year) else None
