"""RIS (Research Information Systems) citation records."""

from __future__ import annotations

from stinet.catalog.models import Work

RIS_TYPES = {
    "report": "RPRT", "thesis": "THES", "dissertation": "THES", "article": "JOUR", "book": "BOOK",
    "conference": "CPAPER", "patent": "PAT", "standard": "STAND", "dataset": "DATA", "other": "GEN",
}


def _line(tag: str, value: object) -> str:
    """One 'TG  - value' line; line breaks inside the value become spaces."""
    return f"{tag}  - {' '.join(str(value).split())}"


def dumps(work: Work) -> str:
    """One work as a RIS record (CRLF line ends, as the format expects)."""
    lines = [_line("TY", RIS_TYPES.get(work.type, "GEN")), _line("TI", work.title)]
    if work.title_en:
        lines.append(_line("TT", work.title_en))
    lines += [_line("AU", name) for name in work.authors]
    lines += [_line("A3", name) for name in work.advisors]
    if work.year:
        lines.append(_line("PY", work.year))
    if work.date and len(work.date) == 10:
        lines.append(_line("DA", work.date.replace("-", "/")))
    if work.abstract:
        lines.append(_line("AB", work.abstract))
    lines += [_line("KW", s) for s in work.subjects]
    publisher = work.grantor or work.publisher
    if publisher:
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
