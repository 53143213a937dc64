"""The reasons of a match (Match.reasons) said in the interface language.

A match's reasons are stored as the short English phrases that matching.compare and dedup write
("title 0.83", "same first author", "split by an administrator"): that stored form is the same
in every database since the first release, so nothing is migrated. Each phrase is one of the
msgids below with its values filled in; `said` reads the values back out of it and says the
phrase in the active language, the score with the locale's decimal separator and a work type
by its label. A phrase not known here is shown as stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from django.utils import formats
from django.utils.translation import gettext, gettext_noop

from stinet.catalog.vocab import WORK_TYPES, interface_lang, label

# The stored phrases, as written by matching.py and dedup.py (and migration 0014).
PHRASES = (
    gettext_noop("title %(score)s"),
    gettext_noop("same first author"),
    gettext_noop("same year"),
    gettext_noop("same identifier"),
    gettext_noop("years differ (%(year_a)s / %(year_b)s)"),
    gettext_noop("types differ (%(type_a)s / %(type_b)s)"),
    gettext_noop("degrees differ"),
    gettext_noop("authors differ"),
    gettext_noop("numbers in the titles differ (volume, part or period)"),
    gettext_noop("other words in the titles (%(words_a)s / %(words_b)s)"),
    gettext_noop("identifiers differ"),
    gettext_noop("an administrator merged this record by hand"),
    gettext_noop("merged by an administrator"),
    gettext_noop("split by an administrator"),
    gettext_noop("closed: %(org)s holds this work already (%(org)s:%(id)s): two records of one source stay apart"),
    gettext_noop("closed: the record was merged by hand into work %(work)s"),
    gettext_noop("closed: the record was split off into work %(work)s"),
    gettext_noop("the record names this catalogue's own work (its OAI identifier or page)"),
)
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _score(text: str) -> str:
    """A title similarity with two decimals and the locale's separator."""
    return formats.number_format(float(text), decimal_pos=2)


def _work_type(code: str) -> str:
    """A work type's label in the active language (the code when unknown)."""
    return label(WORK_TYPES, code, interface_lang())


_VALUES: dict[str, tuple[str, Callable[[str], str]]] = {  # a value's pattern and how it is said
    "score": (r"[0-9]+(?:\.[0-9]+)?", _score), "work": (r"[0-9]+", str),
    "year_a": (r"[0-9]+", str), "year_b": (r"[0-9]+", str),
    "type_a": (r"[\w-]+", _work_type), "type_b": (r"[\w-]+", _work_type),
}


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each phrase as a pattern whose groups take its values (a value named twice is the same)."""
    patterns = []
    for msgid in PHRASES:
        parts, seen = [], set()
        for i, piece in enumerate(_PLACEHOLDER.split(msgid)):
            if i % 2 == 0:
                parts.append(re.escape(piece))
            elif piece in seen:
                parts.append(f"(?P={piece})")
            else:
                seen.add(piece)
                parts.append(f"(?P<{piece}>{_VALUES.get(piece, (r'.+?', str))[0]})")
        patterns.append((re.compile("".join(parts)), msgid))
    return tuple(patterns)


def say(reason: str) -> str:
    """One stored reason in the active language."""
    for pattern, msgid in _patterns():
        found = pattern.fullmatch(reason)
        if found:
            return gettext(msgid) % {name: _VALUES.get(name, ("", str))[1](value)
                                     for name, value in found.groupdict().items()}
    return reason


def said(reasons: Iterable[str]) -> str:
    """A match's reasons in the active language, on one line."""
    return "; ".join(say(str(reason)) for reason in reasons)
