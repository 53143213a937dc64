"""BibTeX citation entries (UTF-8; modern BibLaTeX/biber read Vietnamese as is)."""

from __future__ import annotations

import re

from stinet.catalog.models import Work
from stinet.vietnamese import fold

from . import citing

BIB_TYPES = {
    "report": "techreport", "thesis": "mastersthesis", "dissertation": "phdthesis",
    "article": "article", "book": "book", "conference": "inproceedings", "patent": "misc",
    "standard": "misc", "dataset": "misc", "other": "misc",
}
# the field an entry type must have for its journal or proceedings (BibTeX's standard styles
# refuse an @article without journal, an @inproceedings without booktitle)
CONTAINER_FIELDS = {"article": "journal", "inproceedings": "booktitle"}
_SPECIAL = str.maketrans({"{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%", "$": r"\$",
                          "#": r"\#", "_": r"\_", "\\": r"\textbackslash{}", "~": r"\~{}",
                          "^": r"\^{}"})
_AND = re.compile(r"(?<!\S)and(?!\S)", re.IGNORECASE)  # would split the name list
# url and doi are verbatim fields (biblatex; the styles hand them to \url and \doi): not escaped,
# only what would end the braced value or the field percent-encoded
VERBATIM = frozenset({"url", "doi"})
_UNSAFE = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", "\n": "%0A", "\t": "%09"})


def escape(text: str) -> str:
    """Text safe inside a braced BibTeX value."""
    return " ".join(text.split()).translate(_SPECIAL)


def _part(text: str) -> str:
    """A part of a name, escaped, with a standalone 'and' braced so that it splits nothing."""
    return _AND.sub(lambda m: "{" + m.group() + "}", escape(text))


def name(person: citing.Name) -> str:
    """One name of an author or editor list: 'Family, Given', an organisation braced whole."""
    if person.organisation:
        return "{" + escape(person.text) + "}"
    if not person.given:
        return _part(person.family)
    return f"{_part(person.family)}, {_part(person.given)}"


def names(people: list[citing.Name]) -> str:
    """An author or editor list, already escaped."""
    return " and ".join(name(p) for p in people)


def key(work: Work) -> str:
    """Citation key: first author's (else editor's) family name, folded, year, work id."""
    first = (citing.people(work, "author") or citing.people(work, "editor") or [None])[0]
    family = ""
    if first is not None:
        family = first.text.split()[0] if first.organisation else first.family
    family = re.sub(r"[^a-z0-9]", "", fold(family))
    return f"{family or 'stinet'}{work.year or ''}_{work.pk}"


def dumps(work: Work) -> str:
    """One work as a BibTeX entry."""
    entry = BIB_TYPES.get(work.type, "misc")
    journal = citing.container(work)
    if entry in CONTAINER_FIELDS and not journal:
        entry = "misc"  # an @article without its journal is no valid entry; @misc is
    # (name, escaped value); the title braced again: styles lower-case titles ("Cát Bà" -> "cát bà"),
    # and Vietnamese titles are written in sentence case with their proper names already
    fields: list[tuple[str, str]] = [("title", "{" + escape(work.title) + "}")]
    # translators (a field of biblatex only), contributors and advisors: no field
    for role, field in (("author", "author"), ("editor", "editor")):
        if people := citing.people(work, role):
            fields.append((field, names(people)))
    if journal and entry in CONTAINER_FIELDS:
        fields.append((CONTAINER_FIELDS[entry], escape(journal)))
    fields += _numbering(work)
    if work.year:
        fields.append(("year", str(work.year)))
    if institution := citing.publisher(work):
        name_ = "school" if work.type in ("thesis", "dissertation") else (
            "institution" if work.type == "report" else "publisher")
        fields.append((name_, escape(institution)))
    fields += [(n, v.strip().translate(_UNSAFE) if n in VERBATIM else escape(v)) for n, v in _description(work)]
    body = ",\n".join(f"  {field} = {{{value}}}" for field, value in fields)
    return f"@{entry}{{{key(work)},\n{body}\n}}\n"


def _numbering(work: Work) -> list[tuple[str, str]]:
    """Volume, number and pages (first--last) of a paper, escaped."""
    first, last = citing.pages(work)
    found = [("volume", citing.volume(work)), ("number", citing.issue(work)),
             ("pages", f"{first}--{last}" if first and last else first)]
    return [(n, escape(v)) for n, v in found if v]


def _description(work: Work) -> list[tuple[str, str]]:
    """Abstract, keywords, language and identifiers (not escaped yet)."""
    fields: list[tuple[str, str]] = []
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
    return fields
