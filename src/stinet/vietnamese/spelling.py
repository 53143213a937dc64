"""Canonical Vietnamese spelling for comparison: tone placement and i/y variants."""

import re
import unicodedata
from functools import lru_cache

from ._tables import TONES
from .alternation import alternation

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


# Only text with a toned o before a/e, a toned u before y, or an i/y variant word can change:
# two searches over the whole text spare the per-word work for most strings.
_TONE_PLACE = re.compile("[òóỏõọÒÓỎÕỌ][aAeE]|(?<![qQ])[ùúủũụÙÚỦŨỤ][yY]")
_VARIANT = re.compile(rf"\b{alternation(I_Y_VARIANTS)}\b")


def canonical_spelling(s: str) -> str:
    """Normalise tone placement (hòa -> hoà, thủy -> thuỷ) and i/y variants (kĩ -> kỹ)."""
    text = unicodedata.normalize("NFC", s)
    if _TONE_PLACE.search(text) or _VARIANT.search(text.lower()):
        return _WORD.sub(_canonical_word, text)
    return text
