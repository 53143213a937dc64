"""Canonical Vietnamese spelling for comparison: tone placement and i/y variants."""

import re
import unicodedata
from functools import lru_cache

from ._tables import TONES

# Old-style tone placement in oa, oe, uy (hòa, khỏe, thủy) becomes the new style
# (hoà, khoẻ, thuỷ); syllables with a final consonant (hoàng) agree in both styles.
_OLD_STYLE = re.compile("([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])|"
                        "(?<![qQ])([uU])([\u0300\u0301\u0303\u0309\u0323])([yY])")
# i/y spellings that vary between writers (kĩ/kỹ, lí/lý, qui/quy): one fixed form.
I_Y_VARIANTS = {
    "kĩ": "kỹ", "kì": "kỳ", "kí": "ký", "kỉ": "kỷ", "lí": "lý", "mĩ": "mỹ",
    "qui": "quy", "quí": "quý", "quì": "quỳ", "quỉ": "quỷ", "quĩ": "quỹ", "quị": "quỵ",
    "tỉ": "tỷ", "hi": "hy", "sỹ": "sĩ", "vỹ": "vĩ",
}
_WORD = re.compile(r"[^\W\d_]+")
_TONE_SET = frozenset(TONES)


def _move_tone(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group(1) + m.group(3) + m.group(2)
    return m.group(4) + m.group(6) + m.group(5)


def _recase(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _canonical_word(m: re.Match[str]) -> str:
    return _canonical(m.group())


@lru_cache(maxsize=65536)  # Vietnamese has some 7,000 distinct syllables: the cache stays small
def _canonical(word: str) -> str:
    lower = word.lower()
    if lower in I_Y_VARIANTS:
        return _recase(word, I_Y_VARIANTS[lower])
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    if not any(ch in _TONE_SET for ch in decomposed):
        return word
    return unicodedata.normalize("NFC", _OLD_STYLE.sub(_move_tone, decomposed))


_SPELLED: dict[str, str] = {}  # a piece of text between spaces -> its canonical spelling
SPELLED_MEMORY = 200_000  # pieces remembered at most (then forgotten)
SPELLED_LONGEST = 64  # longer pieces are not remembered


def _spelled(piece: str) -> str:
    """The canonical spelling of a piece of text without spaces (remembered: pieces recur)."""
    spelled = _WORD.sub(_canonical_word, piece)
    if len(piece) <= SPELLED_LONGEST:
        if len(_SPELLED) >= SPELLED_MEMORY:
            _SPELLED.clear()
        _SPELLED[piece] = spelled
    return spelled


def canonical_spelling(s: str) -> str:
    """Normalise tone placement (hòa -> hoà, thủy -> thuỷ) and i/y variants (kĩ -> kỹ)."""
    known = _SPELLED  # piece by piece: a text repeats the same few thousand words
    return " ".join([known.get(piece) or _spelled(piece) for piece in unicodedata.normalize("NFC", s).split(" ")])
