"""Small, fast text helpers for the demo generator: folding and weighted tables."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_VIETNAMESE_LETTERS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"


def _fold_table() -> dict[int, str]:
    """Build a str.translate table that removes Vietnamese marks and maps đ to d."""
    table: dict[int, str] = {}
    for ch in _VIETNAMESE_LETTERS + _VIETNAMESE_LETTERS.upper():
        if ch in "đĐ":
            base = "d" if ch == "đ" else "D"
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        table[ord(ch)] = base
    return table


FOLD_TABLE = _fold_table()


def fold(text: str) -> str:
    """Remove Vietnamese tone and vowel marks and map đ/Đ to d/D, keeping case."""
    if text.isascii():
        return text
    # Fast path in C: decompose and drop the marks; valid when every non-ASCII character was a
    # Vietnamese letter (then the length is kept), else fall back to the per-character table.
    quick = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    quick = quick.encode("ascii", "ignore").decode("ascii")
    return quick if len(quick) == len(text) else text.translate(FOLD_TABLE)


def expand(weighted: Sequence[tuple[T, float]], size: int = 1000) -> tuple[T, ...]:
    """Expand (value, weight) pairs into a lookup table for O(1) weighted picks."""
    total = sum(w for _, w in weighted)
    table: list[T] = []
    acc = 0.0
    for value, weight in weighted:
        acc += weight
        while len(table) < round(acc / total * size):
            table.append(value)
    return tuple(table)


def lower_first(text: str) -> str:
    """Lower-case the first letter (to embed a title in a sentence)."""
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """Upper-case the first letter."""
    return text[:1].upper() + text[1:]


def isbn13_check(first12: str) -> str:
    """Return the ISBN-13 check digit for 12 digits."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def issn_check(first7: str) -> str:
    """Return the ISSN check character for 7 digits."""
    total = sum(int(d) * (8 - i) for i, d in enumerate(first7))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def make_issn(seven: str) -> str:
    """Format 7 digits as a valid ISSN "1859-316X"."""
    return f"{seven[:4]}-{seven[4:]}{issn_check(seven)}"
