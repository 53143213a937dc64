"""What kind of identifier a value is (DOI, handle, ISBN, ISSN, address): a harvested dc:identifier says none,
and a file's dc.identifier.other column often holds an "ISBN 978-..." or a "doi:10...."."""

from __future__ import annotations

import re

DOI_RE = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
HANDLE_RE = re.compile(r"^(?:hdl:\s*|https?://hdl\.handle\.net/)(\d[\w.]*/\S+)$", re.IGNORECASE)
ISBN_RE = re.compile(r"^(?:urn:isbn:|isbn:?\s*)?((?:97[89][\s-]*)?(?:\d[\s-]*){9}[\dXx])$", re.IGNORECASE)
ISSN_RE = re.compile(r"^(?:urn:issn:|issn:?\s*)?(\d{4}-?\d{3}[\dXx])$", re.IGNORECASE)
# How a value names its kind itself: "ISBN 978-...", "issn: 1859-3100", "doi:10....", a resolver's address
_NAMED = re.compile(r"^(?:urn:)?(?:isbn|issn)\b|^doi:|^hdl:|^https?://(?:dx\.)?doi\.org/|^https?://hdl\.handle\.net/",
                    re.IGNORECASE)
# "ISBN-13: 978-604-... (bìa mềm)": an ISBN named so, a note after it in brackets
_NAMED_ISBN = re.compile(r"^(?:urn:)?isbn(?:[\s-]*1[03])?\s*:?\s*((?:97[89][\s-]*)?(?:\d[\s-]*){9}[\dXx])"
                         r"\s*(?:\([^()]*\))?$", re.IGNORECASE)


def classify_identifier(text: str) -> tuple[str, str] | None:
    """(kind, value) of a dc:identifier: doi, handle, isbn, issn, uri, other; None to drop it."""
    if m := DOI_RE.match(text):
        return "doi", m.group(1)
    if m := HANDLE_RE.match(text):
        return "handle", m.group(1)
    if m := ISSN_RE.match(text):
        return "issn", m.group(1).upper()
    if (m := ISBN_RE.match(text)) and _isbn_shape(m.group(1)):
        return "isbn", _hyphenated(m.group(1))
    if text.lower().startswith(("http://", "https://")):
        return "uri", text
    if text.lower().startswith("oai:") or " " in text or len(text) > 100:
        return None  # the OAI identifier itself, or a citation
    return "other", text


def named_kind(text: str) -> tuple[str, str] | None:
    """(kind, value) of a value that names its kind ("ISBN 978-604-...", "doi:10.1234/x"), else None: a
    file's other identifiers are left as they are (a 10-digit local number is no ISBN)."""
    if not _NAMED.match(text):
        return None
    if (m := _NAMED_ISBN.match(text)) and _isbn_shape(m.group(1)):
        return "isbn", _hyphenated(m.group(1))
    found = classify_identifier(text)
    return found if found is not None and found[0] in ("doi", "handle", "isbn", "issn") else None


def _isbn_shape(isbn: str) -> bool:
    """Whether an ISBN (the patterns give 10 or 13 characters, the last a digit or X) has its X where one may
    stand: as an ISBN-10's check character only ("978-604-1-23456-X" is no ISBN-13)."""
    return len(re.sub(r"[^\dXx]", "", isbn)) == 10 or isbn[-1].isdigit()


def _hyphenated(isbn: str) -> str:
    """An ISBN with hyphens between its groups however they were set apart ("978 604 1 23456 7")."""
    return re.sub(r"[\s-]+", "-", isbn.strip()).strip("-").upper()
