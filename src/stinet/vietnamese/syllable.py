"""Vietnamese syllable shape check, used to tell legacy encodings from real text."""

import re
import unicodedata
from functools import lru_cache

from ._tables import (
    ACUTE,
    DOT,
    FINALS,
    INITIALS,
    NUCLEI,
    STOP_FINALS,
    TONES,
)

_NUCLEI = sorted(NUCLEI, key=len, reverse=True)  # longest first for the regex
_SYLLABLE = re.compile(
    "({})?({})({})?".format("|".join(INITIALS), "|".join(_NUCLEI), "|".join(FINALS))
)
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
    position, tone = tones[0]
    if match.group(3) in STOP_FINALS and tone not in (ACUTE, DOT):
        return False
    offset = position - match.start(2)
    return str(offset) in NUCLEI[match.group(2)]


def has_vietnamese_mark(word: str) -> bool:
    """True if `word` carries a Vietnamese tone, vowel mark or đ."""
    decomposed = unicodedata.normalize("NFD", word)
    return any(unicodedata.combining(ch) for ch in decomposed) or any(
        ch in "đĐ" for ch in word
    )
