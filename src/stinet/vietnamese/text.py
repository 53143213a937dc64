"""Basic Unicode hygiene for Vietnamese text: NFC and whitespace."""

import re
import unicodedata

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 controls and DEL, but tab, line feed, return


def nfc(s: str) -> str:
    """Return `s` in Unicode NFC (the form STINet stores)."""
    return unicodedata.normalize("NFC", s)


def without_controls(s: str) -> str:
    """`s` without control characters (tab, line feed and carriage return kept): a NUL in a value
    is refused by PostgreSQL and means nothing to a reader."""
    return CONTROLS.sub("", s)


def clean_spaces(s: str) -> str:
    """Strip `s` and collapse every run of whitespace (NBSP included) to one space."""
    if "\u200b" in s or "\ufeff" in s:  # the two that str.split() does not take for spaces
        return _SPACES.sub(" ", s).strip()
    return " ".join(s.split())  # the same whitespace as the pattern's \s, several times faster
