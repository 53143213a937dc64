"""Turn the bytes of an uploaded file into text: UTF-8, UTF-16, Windows-1258 or cp1252."""

import codecs
import re

from .legacy import to_unicode
from .syllable import has_vietnamese_mark, is_syllable
from .text import nfc

# cp1252 with its five undefined bytes kept as C1 controls (TCVN3 uses them).
_CP1252 = str.maketrans({
    chr(b): bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b))
    for b in range(0x80, 0xA0)
})
_CONTROL = re.compile(b"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_WORD = re.compile(r"[^\W\d_]+")


class EncodingError(UnicodeDecodeError):
    """The bytes are not text in any encoding STINet reads (binary data)."""

    def __init__(self, reason: str, data: bytes = b"\0", position: int = 0) -> None:
        super().__init__("text", data or b"\0", position, position + 1, reason)

    def __str__(self) -> str:
        return f"{self.reason} (at byte {self.start})"


def _utf16_without_bom(data: bytes) -> str | None:
    even, odd = data[0::2], data[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if len(data) % 2 == 0 and zeros.count(0) >= 0.6 * len(zeros):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _check_not_binary(data: bytes) -> None:
    nul = data.find(b"\0")
    if nul >= 0:
        raise EncodingError("binary data: NUL byte in what should be text", data, nul)
    controls = _CONTROL.findall(data[:65536])
    if len(controls) > 0.05 * min(len(data), 65536):
        position = _CONTROL.search(data)
        start = position.start() if position else 0
        raise EncodingError("binary data: too many control bytes for text", data, start)


def _vietnamese_score(text: str) -> int:
    return sum(1 for w in _WORD.findall(text) if has_vietnamese_mark(w) and is_syllable(w))


def detect_encoding_of_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes; return (text, 'utf-8' | 'utf-16' | 'cp1258' | 'cp1252')."""
    if data.startswith(codecs.BOM_UTF8):
        return nfc(data[3:].decode("utf-8", errors="replace")), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return nfc(data.decode("utf-16", errors="replace")), "utf-16"
    if b"\0" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return nfc(text), "utf-16"
    _check_not_binary(data)
    try:
        return nfc(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    western = data.decode("latin-1").translate(_CP1252)
    try:
        vietnamese = nfc(data.decode("cp1258"))
    except UnicodeDecodeError:
        return western, "cp1252"
    legacy_score = _vietnamese_score(to_unicode(western).text)
    if _vietnamese_score(vietnamese) > legacy_score:
        return vietnamese, "cp1258"
    return western, "cp1252"
