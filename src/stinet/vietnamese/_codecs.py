"""Table-driven converters between Unicode and TCVN3, VNI and VIQR text."""

import re
import unicodedata

from ._tables import (
    CP1252_LETTERS,
    DOT,
    HOOK,
    HORN,
    SHAPE_BASES,
    SHAPES,
    TCVN3_80_9F,
    TCVN3_A1_FF,
    TCVN3_C0,
    TCVN3_COMBINING,
    TONES,
    VIQR_SHAPE,
    VIQR_TONE,
    VNI_SHAPE,
    VNI_SHAPE_TONE,
    VNI_SINGLE,
    VNI_TONE,
)


def vietnamese_letters() -> list[str]:
    """Every precomposed Vietnamese vowel letter plus đ, lower case then upper."""
    lower = ["đ"]
    for base in "aeiouy":
        shapes = [""] + [m for m in SHAPES if base in SHAPE_BASES[m]]
        for shape in shapes:
            for tone in ("", *TONES):
                lower.append(unicodedata.normalize("NFC", base + shape + tone))
    return lower + [ch.upper() for ch in lower]


def split_letter(ch: str) -> tuple[str, str, str]:
    """Split a letter into (base, shape mark, tone mark) via NFD."""
    decomposed = unicodedata.normalize("NFD", ch)
    shape = next((m for m in decomposed[1:] if m in SHAPES), "")
    tone = next((m for m in decomposed[1:] if m in TONES), "")
    return decomposed[0], shape, tone


LETTERS = vietnamese_letters()
_LETTER_SET = frozenset(LETTERS)

# --- TCVN3 -----------------------------------------------------------------


def _tcvn3_decode_table() -> dict[int, str]:
    table = {
        0xA1 + i: ch for i, ch in enumerate(TCVN3_A1_FF) if not unicodedata.combining(ch)
    }
    table.update({0x80 + i: ch for i, ch in enumerate(TCVN3_80_9F)})
    table.update({ord(ch): TCVN3_80_9F[code - 0x80] for ch, code in CP1252_LETTERS.items()})
    table.update(TCVN3_C0)
    return table


def _tcvn3_encode_table() -> dict[int, str]:
    lower = {ch: chr(0xA1 + i) for i, ch in enumerate(TCVN3_A1_FF) if ch.islower()}
    table = {ord(ch): code for ch, code in lower.items()}
    for i, ch in enumerate(TCVN3_A1_FF[:7]):  # Ă Â Ê Ô Ơ Ư Đ have their own codes
        table[ord(ch)] = chr(0xA1 + i)
    for ch in LETTERS:
        if ch.isupper() and ord(ch) not in table and ch.lower() in lower:
            table[ord(ch)] = lower[ch.lower()]  # toned capital: H-font convention
    return table


TCVN3_DECODE = _tcvn3_decode_table()
TCVN3_ENCODE = _tcvn3_encode_table()
TCVN3_DECODE_CHARS = frozenset(chr(c) for c in TCVN3_DECODE)
_TCVN3_MARKS = {ch: TONES[i] for i, ch in enumerate(TCVN3_COMBINING)}
_TCVN3_MARK_AFTER_VOWEL = re.compile("(?<=[aeiouyAEIOUYăâêôơưĂÂÊÔƠƯ])[°±²³´]")
_WORD = re.compile(r"(?:[^\s]|\x85)+")  # U+0085 is VN1 Ặ, not a space
_UNICODE_ONLY = re.compile("[\u0100-\u01b0\u1ea0-\u1ef9]")


def _tcvn3_plain(s: str) -> str:
    out = s.translate(TCVN3_DECODE)
    return _TCVN3_MARK_AFTER_VOWEL.sub(lambda m: _TCVN3_MARKS[m.group()], out)


def _looks_unicode_word(word: str) -> bool:
    """True for a word typed in Unicode: a non-latin-1 letter and no TCVN3 symbol."""
    if _UNICODE_ONLY.search(word) is None:
        return False
    return all(ch in _LETTER_SET for ch in word if ch in TCVN3_DECODE_CHARS)


def _capital_font_word(word: str) -> bool | None:
    """True: typed in a capital font ('CHøC'); False: has lower-case ASCII; else None."""
    letters = [ch for ch in word if ch.isalpha() or ch in TCVN3_DECODE_CHARS]
    if any(ch.isascii() and ch.islower() for ch in letters):
        return False
    if any(ch.isascii() and ch.isupper() for ch in letters[1:]) and any(
        not ch.isascii() for ch in letters
    ):
        return True
    return None


def tcvn3_decode(s: str) -> str:
    """Convert TCVN3 (ABC, .VnTime) text, as read via cp1252 or latin-1, to NFC."""
    mixed = _UNICODE_ONLY.search(s) is not None
    verdicts = [_capital_font_word(w) for w in s.split()]
    all_caps = True in verdicts and False not in verdicts

    def word(m: re.Match[str]) -> str:
        original = m.group()
        if mixed and _looks_unicode_word(original):
            return original  # a Unicode word inside a partly converted cell
        converted = _tcvn3_plain(original)
        caps = _capital_font_word(original)
        return converted.upper() if caps or (all_caps and caps is None) else converted

    return unicodedata.normalize("NFC", _WORD.sub(word, s))


def tcvn3_encode(s: str) -> str:
    """Convert Unicode text to TCVN3 (ABC) as a cp1252/latin-1 reader would show it."""
    return unicodedata.normalize("NFC", s).translate(TCVN3_ENCODE)


# --- VNI -------------------------------------------------------------------

_VNI_MODS = {**VNI_TONE, **VNI_SHAPE, **VNI_SHAPE_TONE}
_VNI_MODS.update({k.upper(): v for k, v in list(_VNI_MODS.items())})
_VNI_SINGLE = {**VNI_SINGLE, **{k.upper(): v.upper() for k, v in VNI_SINGLE.items()}}
_VNI_RE = re.compile(
    "([aeiouyAEIOUYôöÔÖ])([{}]{{1,2}})".format("".join(_VNI_MODS))
)
_VNI_SINGLE_TABLE = str.maketrans(_VNI_SINGLE)


def _vni_marks(base: str, mods: str) -> str | None:
    marks = "".join(_VNI_MODS[ch] for ch in mods)
    shapes = [m for m in marks if m in SHAPES]
    tones = [m for m in marks if m in TONES]
    if len(shapes) > 1 or len(tones) > 1 or len(marks) != len(shapes) + len(tones):
        return None
    if shapes and base.lower() not in SHAPE_BASES[shapes[0]]:
        return None
    return "".join(shapes + tones)


def _vni_sub(m: re.Match[str]) -> str:
    base, mods = m.group(1), m.group(2)
    if base in _VNI_SINGLE:
        base = _VNI_SINGLE[base]
        if any(_VNI_MODS[ch] not in TONES for ch in mods):
            return m.group()
    marks = _vni_marks(base.replace("ơ", "o").replace("ư", "u"), mods)
    if marks is None or (base in "ơưƠƯ" and marks and marks[0] in SHAPES):
        return m.group()
    return base + marks


def vni_decode(s: str) -> str:
    """Convert VNI-Windows (VNI-Times) text, read as cp1252/latin-1, to NFC."""
    out = _VNI_RE.sub(_vni_sub, s).translate(_VNI_SINGLE_TABLE)
    return unicodedata.normalize("NFC", out)


def _vni_letter(ch: str) -> str:
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    base, shape, tone = split_letter(ch)
    lower = base.lower()
    inverse_tone = {v: k for k, v in VNI_TONE.items()}
    if shape == HORN:
        out = ("ô" if lower == "o" else "ö") + inverse_tone.get(tone, "")
    elif lower == "i" and tone:
        out = {v: k for k, v in VNI_SINGLE.items() if k in "ìíæóò"}[
            unicodedata.normalize("NFC", "i" + tone)]
    elif lower == "y" and tone == DOT:
        out = "î"
    else:
        mods = {v: k for k, v in {**VNI_SHAPE, **VNI_SHAPE_TONE}.items()}
        out = lower + (mods.get(shape + tone) or inverse_tone.get(tone, ""))
    return out.upper() if base.isupper() else out


VNI_ENCODE = {ord(ch): _vni_letter(ch) for ch in LETTERS if ch not in "aeiouyAEIOUY"}


def vni_encode(s: str) -> str:
    """Convert Unicode text to VNI-Windows as a cp1252/latin-1 reader would show it."""
    return unicodedata.normalize("NFC", s).translate(VNI_ENCODE)


# --- VIQR ------------------------------------------------------------------

_VIQR_RE = re.compile(
    r"\\(?P<esc>[\\`'?~.^(+])"
    r"|(?P<base>[aeiouyAEIOUY])(?:(?P<shape>[(^+])(?P<tone1>[`'?~.]?)|(?P<tone2>[`'?~.]))"
    r"|(?<![A-Za-z])(?P<d>[Dd])[Dd]|(?<=[A-Z])(?P<dd>D)D"
)
_HAS_TONE = re.compile(r"[aeiouyAEIOUY][(^+]?[`'?~.]")


def _reads_as_punctuation(prefix: str, next_char: str) -> bool:
    """Whether a '.' or '?' after a vowel is punctuation rather than a tone mark.

    It is punctuation before more punctuation ('a...'), or at the end of a word that
    already carries a tone ('No^.i.'); anywhere else it is a tone (RFC 1456 wants
    '\\.' for a literal one).
    """
    if next_char and next_char in ".?!":
        return True
    if next_char and (next_char.isalnum() or next_char in "\\"):
        return False
    words = prefix.split()
    return bool(words) and _HAS_TONE.search(words[-1]) is not None


def _viqr_sub(m: re.Match[str]) -> str:
    if m.group("esc"):
        return m.group("esc")
    if m.group("d") or m.group("dd"):
        return "đ" if m.group("d") == "d" else "Đ"
    base, shape = m.group("base"), m.group("shape") or ""
    tone = m.group("tone1") or m.group("tone2") or ""
    if shape and base.lower() not in SHAPE_BASES[VIQR_SHAPE[shape]]:
        return m.group()
    suffix = ""
    text, end = m.string, m.end()
    if tone in ("?", ".") and _reads_as_punctuation(text[: end - 1], text[end : end + 1]):
        tone, suffix = "", tone
    marks = (VIQR_SHAPE[shape] if shape else "") + (VIQR_TONE[tone] if tone else "")
    return base + marks + suffix


def viqr_decode(s: str) -> str:
    """Convert VIQR (RFC 1456) text to NFC; a backslash escapes a literal mark."""
    return unicodedata.normalize("NFC", _VIQR_RE.sub(_viqr_sub, s))


_VIQR_SHAPE_OF = {v: k for k, v in VIQR_SHAPE.items()}
_VIQR_TONE_OF = {v: k for k, v in VIQR_TONE.items()}


def _viqr_letter(ch: str) -> str:
    if ch in "đĐ":
        return "dd" if ch == "đ" else "DD"
    base, shape, tone = split_letter(ch)
    return base + _VIQR_SHAPE_OF.get(shape, "") + _VIQR_TONE_OF.get(tone, "")


VIQR_ENCODE = {ord(ch): _viqr_letter(ch) for ch in LETTERS}
_VOWEL_TONE = {ch: split_letter(ch)[2] for ch in LETTERS if ch not in "đĐ"}


def _needs_escape(ch: str, prev_tone: str | None, prefix: str, next_char: str) -> bool:
    if prev_tone is None:  # previous character is not a vowel
        return False
    if ch in "(^+`'~\\":
        return True
    if ch not in "?.":
        return False
    if prev_tone:  # 'ạ.' must not read as 'a' + '..'
        return prev_tone in (DOT, HOOK)
    return not _reads_as_punctuation(prefix, next_char)


def viqr_encode(s: str) -> str:
    """Convert Unicode text to VIQR, escaping literal marks that follow a vowel."""
    s = unicodedata.normalize("NFC", s)
    out: list[str] = []
    prev_tone: str | None = None  # tone of the previous char if it was a vowel
    for i, ch in enumerate(s):
        if _needs_escape(ch, prev_tone, "".join(out[-40:]), s[i + 1 : i + 2]):
            out.append("\\" + ch)
        else:
            out.append(VIQR_ENCODE.get(ord(ch), ch))
        prev_tone = _VOWEL_TONE.get(ch)
    return "".join(out)
