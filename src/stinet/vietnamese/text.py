"""Basic Unicode hygiene for Vietnamese text: NFC and whitespace."""

import re
import unicodedata

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 controls and DEL, but tab, line feed, return


# A tone typed before the circumflex or breve of its vowel ("e" + acute + circumflex): Unicode orders
# neither before the other, so NFC composes "é" and leaves the circumflex apart ("é̂" for "ế")
_TONE_BEFORE_SHAPE = re.compile("([\u0300\u0301\u0303\u0309])([\u0302\u0306])")


def nfc(s: str) -> str:
    """Return `s` in Unicode NFC (the form STINet stores), a Vietnamese vowel's marks composed whatever
    order they were typed in ("ế" for e, acute, circumflex)."""
    text = unicodedata.normalize("NFC", s)
    if "\u0302" in text or "\u0306" in text:  # a circumflex or breve NFC could not compose
        text = unicodedata.normalize("NFC", _TONE_BEFORE_SHAPE.sub(r"\2\1", unicodedata.normalize("NFD", text)))
    return text


def without_controls(s: str) -> str:
    """`s` without control characters (tab, line feed and carriage return kept): a NUL in a value
    is refused by PostgreSQL and means nothing to a reader. A vertical tab (Word's Shift+Enter) or a
    form feed (a PDF's page break) is a line break: it becomes one, the words on either side apart."""
    return CONTROLS.sub("", s.replace("\x0b", "\n").replace("\x0c", "\n"))


def clean_spaces(s: str) -> str:
    """Strip `s` and collapse every run of whitespace (NBSP included) to one space."""
    if "\u200b" in s or "\ufeff" in s:  # the two that str.split() does not take for spaces
        return _SPACES.sub(" ", s).strip()
    return " ".join(s.split())  # the same whitespace as the pattern's \s, several times faster
