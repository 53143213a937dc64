"""RIS (Research Information Systems) citation records."""

from __future__ import annotations

from stinet.catalog.models import Work

from . import citing

RIS_TYPES = {
    "report": "RPRT", "thesis": "THES", "dissertation": "THES", "article": "JOUR", "book": "BOOK",
    "conference": "CPAPER", "patent": "PAT", "standard": "STAND", "dataset": "DATA", "other": "GEN",
}
# Creator role -> tag. The RIS specification has AU (primary authors), A2 with its synonym ED
# (secondary authors: editors), A3 (tertiary authors: series editors, and thesis advisors as
# EndNote and its THES type have them) and A4 (subsidiary authors). Contributors are none of
# primary, secondary (A2 would make them editors: ED and A2 are one field) nor tertiary: the
# standard-conformant tag for them is A4. Editors go under ED, which every reader takes for
# editors whatever the type (Zotero reads A2 of a BOOK as series editors). Translators are
# subsidiary authors too (EndNote's translator of a book is its A4).
ROLE_TAGS = (("author", "AU"), ("editor", "ED"), ("translator", "A4"), ("advisor", "A3"), ("contributor", "A4"))


def _line(tag: str, value: object) -> str:
    """One 'TG  - value' line; line breaks inside the value become spaces."""
    return f"{tag}  - {' '.join(str(value).split())}"


def dumps(work: Work) -> str:
    """One work as a RIS record (CRLF line ends, as the format expects)."""
    lines = [_line("TY", RIS_TYPES.get(work.type, "GEN")), _line("TI", work.title)]
    if work.title_en:
        lines.append(_line("TT", work.title_en))
    for role, tag in ROLE_TAGS:  # names as "Family, Given", as the specification asks
        lines += [_line(tag, person.inverted) for person in citing.people(work, role)]
    if work.year:
        lines.append(_line("PY", work.year))
    if date := citing.full_date(work):
        lines.append(_line("DA", date.strftime("%Y/%m/%d")))
    if work.abstract:
        lines.append(_line("AB", work.abstract))
    lines += [_line("KW", s) for s in work.subjects]
    lines += _container(work)
    if publisher := citing.publisher(work):
        lines.append(_line("PB", publisher))
    if work.degree:
        lines.append(_line("M3", work.degree))
    if work.language:
        lines.append(_line("LA", work.language))
    for kind, tag in (("isbn", "SN"), ("issn", "SN"), ("doi", "DO"), ("uri", "UR")):
        lines += [_line(tag, v) for v in work.identifiers.get(kind, [])]
    lines.append(_line("ID", f"stinet-{work.pk}"))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def _container(work: Work) -> list[str]:
    """The journal (T2, and JF for readers of the older specification) or the proceedings (T2),
    with volume, issue and pages."""
    title = citing.container(work)
    if not title:
        return []
    lines = [_line("T2", title)] + ([_line("JF", title)] if work.type == "article" else [])
    first, last = citing.pages(work)
    for tag, value in (("VL", citing.volume(work)), ("IS", citing.issue(work)), ("SP", first), ("EP", last)):
        if value:
            lines.append(_line(tag, value))
    return lines
