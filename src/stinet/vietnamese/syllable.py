"""Vietnamese syllable shape check, used to tell legacy encodings from real text."""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ._tables import (
    ACUTE,
    DOT,
    FINALS,
    FINALS_OF,
    INITIALS,
    NEEDS_FINAL,
    NO_FINAL,
    NUCLEI,
    STOP_FINALS,
    TONES,
)


def _either(items: Iterable[str]) -> str:
    """A regex alternation, longest first."""
    return "|".join(sorted(items, key=len, reverse=True))


# initial, then one of: a nucleus with or without a final; one that needs a final; one that ends the
# syllable; one with its own finals. The nucleus is group 2, 4, 6 or 8 (the first that matched), its final the next.
_OPEN = set(NUCLEI) - NEEDS_FINAL - NO_FINAL - set(FINALS_OF)
_SYLLABLE = re.compile("({})?(?:({})({})?|({})({})|({})()|{})".format(
    _either(INITIALS), _either(_OPEN), _either(FINALS), _either(NEEDS_FINAL), _either(FINALS), _either(NO_FINAL),
    "|".join(f"({nucleus})({_either(finals)})" for nucleus, finals in FINALS_OF.items()),
))
_TONE_SET = frozenset(TONES)


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True if `word` (any case, NFC or NFD) is a well-formed Vietnamese syllable."""
    letters = [unicodedata.normalize("NFD", ch) for ch in word.lower()]
    tones = [(i, d[-1]) for i, d in enumerate(letters) if d[-1] in _TONE_SET]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize(
        "NFC", "".join(ch for d in letters for ch in d if ch not in _TONE_SET)
    )
    match = _SYLLABLE.fullmatch(bare)
    if match is None or len(bare) != len(letters):
        return False
    if not tones:
        return True
    group = next(g for g in range(2, match.re.groups, 2) if match.group(g) is not None)
    position, tone = tones[0]
    if match.group(group + 1) in STOP_FINALS and tone not in (ACUTE, DOT):
        return False
    offset = position - match.start(group)
    return str(offset) in NUCLEI[match.group(group)]


def has_vietnamese_mark(word: str) -> bool:
    """True if `word` carries a Vietnamese tone, vowel mark or đ."""
    decomposed = unicodedata.normalize("NFD", word)
    return any(unicodedata.combining(ch) for ch in decomposed) or any(
        ch in "đĐ" for ch in word
    )
