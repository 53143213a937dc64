"""BibTeX citation entries (UTF-8; modern BibLaTeX/biber read Vietnamese as is)."""

from __future__ import annotations

import re

from stinet.catalog.models import Work
from stinet.vietnamese import fold

BIB_TYPES = {
    "report": "techreport", "thesis": "mastersthesis", "dissertation": "phdthesis",
    "article": "article", "book": "book", "conference": "inproceedings", "patent": "misc",
    "standard": "misc", "dataset": "misc", "other": "misc",
}
_SPECIAL = str.maketrans({"{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                          "#": r"\#", "_": r"\_", "\\": r"\textbackslash{}", "~": r"\~{}",
                          "^": r"\^{}"})


def escape(text: str) -> str:
    """Text safe inside a braced BibTeX value."""
    return " ".join(text.split()).translate(_SPECIAL)


def key(work: Work) -> str:
    """Citation key: first author's family name (folded), year, work id."""
    authors = work.authors
    family = re.sub(r"[^a-z0-9]", "", fold(authors[0].split()[0])) if authors else "stinet"
    return f"{family or 'stinet'}{work.year or ''}_{work.pk}"


def dumps(work: Work) -> str:
    """One work as a BibTeX entry."""
    fields: list[tuple[str, str]] = [("title", work.title)]
    if work.authors:
        fields.append(("author", " and ".join(work.authors)))
    if work.year:
        fields.append(("year", str(work.year)))
    institution = work.grantor or work.publisher
    if institution:
        name = "school" if work.type in ("thesis", "dissertation") else (
            "institution" if work.type == "report" else "publisher")
        fields.append((name, institution))
    if work.abstract:
        fields.append(("abstract", work.abstract))
    if work.subjects:
        fields.append(("keywords", ", ".join(work.subjects)))
    if work.language:
        fields.append(("language", work.language))
    for kind in ("isbn", "issn", "doi"):
        if work.identifiers.get(kind):
            fields.append((kind, work.identifiers[kind][0]))
    if work.identifiers.get("uri"):
        fields.append(("url", work.identifiers["uri"][0]))
    body = ",\n".join(f"  {name} = {{{escape(value)}}}" for name, value in fields)
    return f"@{BIB_TYPES.get(work.type, 'misc')}{{{key(work)},\n{body}\n}}\n"
