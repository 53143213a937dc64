"""Vietnamese alphabetical order as an ASCII sort key safe to store in a database."""

import re
import unicodedata
from functools import lru_cache

from ._tables import BREVE, CIRCUMFLEX, HORN, TONES

# Digits, then the Vietnamese alphabet with f j w z in their Latin places.
ALPHABET = (
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l",
    "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
)
_SHAPED = {("a", BREVE): "ă", ("a", CIRCUMFLEX): "â", ("e", CIRCUMFLEX): "ê",
           ("o", CIRCUMFLEX): "ô", ("o", HORN): "ơ", ("u", HORN): "ư"}
_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _code(n: int) -> str:
    return _DIGITS36[n // 36] + _DIGITS36[n % 36]


LEVEL_SEPARATOR = _code(0)  # ends a level: shorter strings sort first
WORD_SEPARATOR = _code(1)  # between words: "an" < "an toàn" < "ana"
_CODES = {letter: _code(i + 2) for i, letter in enumerate(ALPHABET)}
_OTHER = "zz"  # letters outside the alphabet (Greek, CJK, ...) sort last
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def _letter(ch: str) -> tuple[str, int]:
    """Primary code and tone number (0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng)."""
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base = decomposed[0]
    marks = decomposed[1:]
    tone = next((TONES.index(m) + 1 for m in marks if m in TONES), 0)
    shaped = next((_SHAPED[(base, m)] for m in marks if (base, m) in _SHAPED), base)
    return _CODES.get(shaped, _OTHER), tone


def _tables() -> tuple[dict[int, str], dict[int, str], dict[int, str], frozenset[str]]:
    """translate() tables (primary code, tone digit, case digit) for every letter we know."""
    from ._codecs import LETTERS

    known = set(ALPHABET) | set(LETTERS) | {ch.upper() for ch in LETTERS} | \
        {ch.upper() for ch in ALPHABET}
    primary, tone, case = {}, {}, {}
    for ch in known:
        code, mark = _letter(ch)
        primary[ord(ch)], tone[ord(ch)], case[ord(ch)] = code, str(mark), "1" if ch.isupper() else "0"
    return primary, tone, case, frozenset(known)


_PRIMARY, _TONE, _CASE, _KNOWN = _tables()


def _slow_word(word: str) -> tuple[str, str, str]:
    """Primary codes, tone and case digits of a word with letters outside the tables."""
    letters = [_letter(ch) for ch in word]
    return ("".join(code for code, _t in letters), str(next((t for _c, t in letters if t), 0)),
            "".join("1" if ch.isupper() else "0" for ch in word))


_WORD_KEYS: dict[str, tuple[str, str, str]] = {}  # word -> its codes, tone and case digits
WORD_KEYS_MEMORY = 200_000  # words remembered at most (Vietnamese has ~7,000 syllables; then forgotten)


def _word_key(word: str) -> tuple[str, str, str]:
    """Primary codes, tone digit (its first marked letter's) and case digits of one word."""
    if _KNOWN.issuperset(word):
        key = (word.translate(_PRIMARY), word.translate(_TONE).lstrip("0")[:1] or "0", word.translate(_CASE))
    else:
        key = _slow_word(word)
    if len(_WORD_KEYS) >= WORD_KEYS_MEMORY:
        _WORD_KEYS.clear()
    _WORD_KEYS[word] = key
    return key


def sort_key(s: str) -> str:
    """ASCII key: letters (đ, ă, ơ ... included) first, then tones per word, then case."""
    known = _WORD_KEYS
    keys = [known.get(word) or _word_key(word) for word in _WORD.findall(unicodedata.normalize("NFC", s))]
    return LEVEL_SEPARATOR.join((WORD_SEPARATOR.join([k[0] for k in keys]), "".join([k[1] for k in keys]),
                                 "".join([k[2] for k in keys])))
