"""Experts' names: cleaning, titles, Vietnamese list order, and matching catalogue creators (pure logic).

Built on `stinet.vietnamese.names`: "Nguyễn Văn An", "NGUYEN VAN AN", "Nguyễn V. An" and
"Nguyễn, Văn An" are one person; academic titles ("PGS.TS.") are not part of the name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stinet.vietnamese import clean_person_name, name_key, names_match, nfc, sort_key, split_titles

EXACT = 1.0  # the creator's name is the expert's, letter for letter once folded
VARIANT = 0.8  # the same person written another way (initials, other spelling)
ADVISOR = 0.9  # factor for works the expert advised rather than wrote


@dataclass(frozen=True)
class ParsedName:
    """A name as typed, split into the clean name and the academic title and degree it carried."""

    full_name: str
    academic_title: str  # "GS", "PGS" or ""
    degree: str  # "TSKH", "TS", "ThS", ... or ""


_TITLE_CODES = {"GS.": "GS", "PGS.": "PGS", "Prof.": "GS", "Assoc. Prof.": "PGS"}
_DEGREE_CODES = {"TSKH.": "TSKH", "TS.": "TS", "ThS.": "ThS", "BS.": "BS", "DS.": "DS", "KS.": "KS",
                 "CN.": "CN", "Dr.": "TS", "PhD.": "TS", "Ph.D.": "TS"}


def parse_name(text: str) -> ParsedName:
    """'PGS.TS. Nguyễn Văn An' -> ('Nguyễn Văn An', 'PGS', 'TS'); the highest degree wins."""
    titles, _rest = split_titles(nfc(text))
    title = next((_TITLE_CODES[t] for t in titles if t in _TITLE_CODES), "")
    degrees = [_DEGREE_CODES[t] for t in titles if t in _DEGREE_CODES]
    order = list(dict.fromkeys(_DEGREE_CODES.values()))
    degree = min(degrees, key=order.index) if degrees else ""
    return ParsedName(clean_person_name(text), title, degree)


def list_order_key(full_name: str) -> str:
    """Vietnamese list order: by the given name (last syllable), then family and middle names."""
    words = clean_person_name(full_name).split()
    if not words:
        return ""
    return sort_key(" ".join([words[-1], *words[:-1]]))[:255]


def match_score(expert_names: Iterable[str], creator: str, role: str = "author") -> float:
    """How surely a catalogue creator is this expert: EXACT, VARIANT (times ADVISOR) or 0."""
    creator_key = name_key(creator)
    if not creator_key:
        return 0.0
    best = 0.0
    for name in expert_names:
        if name_key(name) == creator_key:
            best = EXACT
            break
        if names_match(name, creator):
            best = max(best, VARIANT)
    return round(best * (ADVISOR if role == "advisor" else 1.0), 4)


def best_creator(expert_names: list[str], creators: list[dict]) -> tuple[float, str, str]:
    """(score, name, role) of the creator of a work that best matches the expert; score 0 when none."""
    best = (0.0, "", "")
    for creator in creators:
        role = creator.get("role", "author")
        score = match_score(expert_names, creator.get("name", ""), role)
        if score > best[0]:
            best = (score, creator.get("name", ""), role)
    return best


def search_words(name: str) -> list[str]:
    """Folded words every spelling of the name contains: the family name and the given name.

    Middle names are left out because publications often shorten them to initials
    ("Nguyễn V. An"); initials themselves are never required.
    """
    parts = name_key(name).split()
    if not parts:
        return []
    chosen = [parts[0], parts[-1]] if len(parts) > 1 else parts
    return list(dict.fromkeys(p for p in chosen if len(p) > 1))
