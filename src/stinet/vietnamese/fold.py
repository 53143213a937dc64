"""Accent folding and tokenising for search: 'Đa dạng sinh học' -> 'da dang sinh hoc'."""

import re
import unicodedata
from itertools import chain

from .spelling import canonical_spelling


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {cp: chr(cp).lower() for cp in range(0x41, 0x5B)}
    for cp in chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        decomposed = unicodedata.normalize("NFD", chr(cp))
        base = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
        if base != chr(cp):
            table[cp] = base
    table.update({cp: None for cp in range(0x300, 0x370)})  # stray combining marks
    table.update({ord("đ"): "d", ord("Đ"): "d", ord("Ð"): "d", ord("ð"): "d"})
    table.update(_INVISIBLE)
    return table


# Characters that show nothing inside a word (a soft hyphen or a zero-width space pasted from a PDF
# or a web page, a byte-order mark): left out, so that the word is one word.
_INVISIBLE: dict[int, str | None] = {cp: None for cp in (0x00, 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)}
_TABLE = _fold_table()
_TOKEN = re.compile(r"[^\W_]+")


def _fold_rest(s: str) -> str:
    """Folding beyond the table: compatibility forms too (full-width letters and digits, ligatures)."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def fold(s: str) -> str:
    """Remove tones and vowel marks, map đ to d and lower-case: the search form."""
    folded = s.translate(_TABLE)
    return folded if folded.isascii() else _fold_rest(folded)


def tokens(s: str) -> list[str]:
    """Folded word tokens of `s`: letters and digits, split on everything else."""
    return _TOKEN.findall(fold(s))


# The syllables writers spell with i or with y (kĩ/kỹ thuật, quản lí/lý, quí/quý, hi/hy vọng, tiến sĩ/sỹ,
# Mĩ/Mỹ, tỉ/tỷ lệ, vĩ/vỹ), folded to one form for search, so that either spelling finds the other with
# or without marks. Folded, tones are gone: "ly" stands for lí, lì, lị as it stood for lý, lỳ, lỵ (the
# looseness folding always has; a word typed with its marks still ranks its own spelling first).
# Search folding only: keys that tell records apart (matching, names) keep fold().
SEARCH_SPELLING = {"hi": "hy", "ki": "ky", "li": "ly", "mi": "my", "qui": "quy", "ti": "ty", "sy": "si", "vy": "vi"}
_SEARCH_SPELLED = re.compile(r"(?<![^\W_])(?:[hklmt]i|qui|[sv]y)(?![^\W_])")


def search_word(word: str) -> str:
    """A folded word in its search spelling ("li" -> "ly")."""
    return SEARCH_SPELLING.get(word, word)


def search_spelled(folded: str) -> str:
    """Folded text with each i/y syllable in its search spelling."""
    return _SEARCH_SPELLED.sub(_search_spelling, folded)


def _search_spelling(m: re.Match[str]) -> str:
    return SEARCH_SPELLING[m.group()]


def search_fold(s: str) -> str:
    """fold(s) with each i/y syllable in its search spelling: what the search engines index and look for."""
    return search_spelled(fold(s))


def search_tokens(s: str) -> list[str]:
    """The folded word tokens of `s` in their search spelling (as search_fold gives them)."""
    return [SEARCH_SPELLING.get(t, t) for t in _TOKEN.findall(fold(s))]


def word_text(s: str) -> str:
    """The words of a text (letters and digits, as tokens() and exact_tokens() split it) separated by
    single spaces, marks and case as they are: what another engine's parser then reads as the same
    words ("2016-2020" is two words, not "2016" and "-2020")."""
    return " ".join(_TOKEN.findall(s.translate(_INVISIBLE)))


def exact_tokens(s: str) -> list[str]:
    """Lower-cased NFC tokens keeping diacritics, with one canonical spelling."""
    return _TOKEN.findall(canonical_spelling(unicodedata.normalize("NFC", s.translate(_INVISIBLE)).lower()))
