"""Corrected variants of OCR-damaged words, for matching scanned text without diacritics.

OCR of Vietnamese print often reads ứ as "ir", ũ as "ii", ơ as "d" and ô/ơ as the digit 6:
"t6 chirc" for "tổ chức", "qudc" for "quốc", "Ho1" for "Hội". Such letter sequences never
occur in (folded) Vietnamese, so a word containing one gets a corrected variant indexed
beside it; real Vietnamese words are never touched.
"""

from __future__ import annotations

import re

from .fold import fold, tokens

# (pattern in a folded word, replacement): only sequences impossible in Vietnamese spelling.
RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ii"), "u"),  # ũ, ư read as "ii": ciing -> cung
    (re.compile(r"ir"), "u"),  # ứ read as "ir": chirc -> chuc
    (re.compile(r"ud(?=[nc])"), "uo"),  # ươ/uố read as "ud": qudc -> quoc, trudng -> truong
    (re.compile(r"(?<=[a-z])w"), ""),  # a stray w: phuwong -> phuong
    (re.compile(r"(?<=[a-z])6|6(?=[a-z])"), "o"),  # ô/ơ read as 6: t6 -> to, du6i -> duoi
    (re.compile(r"(?<=[a-z])0|0(?=[a-z])"), "o"),
    (re.compile(r"^1(?=[a-z])"), "l"),  # 1an -> lan
    (re.compile(r"(?<=[a-z])1"), "i"),  # ho1 -> hoi
    (re.compile(r"(?<=[a-z])3"), "a"),  # d3 -> da
)
_SUSPECT = re.compile(r"ii|ir|ud[nc]|[a-z]w|[a-z][0136]|[06][a-z]|^1[a-z]")
# The suspects of a whole text (what _SUSPECT finds in its words), tested piece by piece: plain
# substring tests first; a pattern that starts with the digit lets the regex engine skip to the
# digits (an abstract with years has some), where the same pattern as one alternation tried
# every position of the text.
_UD = re.compile(r"ud[nc]")
_LETTER_W = re.compile(r"[a-z]w")
_DIGIT = re.compile(r"[0136](?:(?<=[a-z][0136])|(?<=[06])(?=[a-z])|(?<=1)(?<![a-z0-9]1)(?=[a-z]))")


def ocr_variant(word: str) -> str | None:
    """The corrected form of one folded word, or None when it shows no OCR damage."""
    if not _SUSPECT.search(word) or word.isdigit():
        return None
    fixed = word
    for pattern, replacement in RULES:
        fixed = pattern.sub(replacement, fixed)
    return fixed if fixed != word else None


def _suspect(text: str) -> bool:
    """Whether a folded text holds a sequence that OCR damage leaves (in one of its words)."""
    return ("ii" in text or "ir" in text or ("ud" in text and _UD.search(text) is not None)
            or ("w" in text and _LETTER_W.search(text) is not None) or _DIGIT.search(text) is not None)


def ocr_variants(text: str, folded: bool = False) -> list[str]:
    """Corrected forms of the OCR-damaged words of a text (folded, each once)."""
    text = text if folded else fold(text)
    if not _suspect(text):  # almost every text: nothing to look at word by word
        return []
    found: dict[str, None] = {}
    for word in tokens(text):
        variant = ocr_variant(word)
        if variant is not None:
            found[variant] = None
    return list(found)
