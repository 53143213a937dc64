"""Turn the bytes of an uploaded file into text: UTF-8, UTF-16, Windows-1258 or cp1252."""

import bisect
import codecs
import re
from dataclasses import dataclass

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
_MARK = re.compile("[\udc00-\udcff]+")  # undecodable bytes, one lone surrogate each (see _mark)
_DECODED = re.compile("[^\x00-\x7f\udc00-\udcff]+")  # non-ASCII characters that decoded
_BREAK = re.compile(r"\r\n|\r|\n")  # line ends as csv and io.StringIO(newline="") count them
UTF8_EVIDENCE = 3  # valid non-ASCII characters per damaged spot for a file to be read as UTF-8 still


def _mark(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: each undecodable byte becomes U+DC00 + byte, which no valid text holds."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(chr(0xDC00 + b) for b in exc.object[exc.start:exc.end]), exc.end


codecs.register_error("stinet.mark", _mark)


@dataclass(frozen=True)
class DecodedText:
    """A file's text (NFC), the encoding it was read in, and where bytes could not be decoded.

    `damaged` lists (line number, the bytes in hex such as "FF" or "E1 BB") for every spot of a
    UTF-8 or UTF-16 file that is not valid in its encoding; each became U+FFFD in `text`.
    """

    text: str
    encoding: str
    damaged: tuple[tuple[int, str], ...] = ()


class EncodingError(UnicodeDecodeError):
    """The bytes are not text in any encoding STINet reads (binary data).

    `kind` says why (NUL, CONTROLS) for callers that word the reason themselves: this package
    has no translations (no Django), its `reason` is English.
    """

    NUL, CONTROLS = "nul", "controls"

    def __init__(self, reason: str, data: bytes = b"\0", position: int = 0, kind: str = "") -> None:
        super().__init__("text", data or b"\0", position, position + 1, reason)
        self.kind = kind

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


NUL_SHARE = 1 / 10_000  # NUL bytes a text file may hold (a stray one from an old system: its row is refused)


def _check_not_binary(data: bytes) -> None:
    nul = data.find(b"\0")
    controls = _CONTROL.findall(data[:65536])
    too_many = len(controls) > 0.05 * min(len(data), 65536)
    if nul >= 0 and (too_many or data.count(b"\0") > max(1.0, NUL_SHARE * len(data))):
        raise EncodingError("binary data: NUL byte in what should be text", data, nul, EncodingError.NUL)
    if too_many:
        position = _CONTROL.search(data)
        start = position.start() if position else 0
        raise EncodingError("binary data: too many control bytes for text", data, start, EncodingError.CONTROLS)


def _vietnamese_score(text: str) -> int:
    return sum(1 for w in _WORD.findall(text) if has_vietnamese_mark(w) and is_syllable(w))


def _damaged(marked: str, encoding: str) -> DecodedText:
    """Text decoded with _mark: each run of undecodable bytes noted with its line, then U+FFFD."""
    runs = list(_MARK.finditer(marked))
    if not runs:
        return DecodedText(nfc(marked), encoding)
    ends = [m.end() for m in _BREAK.finditer(marked)]
    damaged = tuple((bisect.bisect_right(ends, m.start()) + 1,
                     " ".join(f"{ord(c) - 0xDC00:02X}" for c in m.group())) for m in runs)
    return DecodedText(nfc(_MARK.sub("\ufffd", marked)), encoding, damaged)


def _mostly_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few damaged bytes (a stray byte in a good file), or None when it is not UTF-8.

    Text in Windows-1258, cp1252, TCVN3 or VNI almost never holds a valid UTF-8 sequence (none in
    the seed documents encoded so), so valid sequences outnumbering the damaged spots mean UTF-8.
    """
    marked = data.decode("utf-8", errors="stinet.mark")
    spots = sum(1 for _ in _MARK.finditer(marked))
    valid = sum(len(run) for run in _DECODED.findall(marked))
    return _damaged(marked, "utf-8") if valid >= UTF8_EVIDENCE * spots else None


def decode_text(data: bytes) -> DecodedText:
    """Decode file bytes as UTF-8 (with or without BOM), UTF-16, Windows-1258 or cp1252.

    A file that declares UTF-8 or UTF-16 (BOM), or is overwhelmingly valid UTF-8, is read so even
    with a few damaged bytes: they are listed with their lines, never silently replaced.
    Raises EncodingError for binary data.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _damaged(data[3:].decode("utf-8", errors="stinet.mark"), "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _damaged(data.decode("utf-16", errors="stinet.mark"), "utf-16")
    if b"\0" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return DecodedText(nfc(text), "utf-16")
    _check_not_binary(data)
    try:
        return DecodedText(nfc(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    if (utf8 := _mostly_utf8(data)) is not None:
        return utf8
    western = data.decode("latin-1").translate(_CP1252)
    try:
        vietnamese = nfc(data.decode("cp1258"))
    except UnicodeDecodeError:
        return DecodedText(western, "cp1252")
    legacy_score = _vietnamese_score(to_unicode(western).text)
    if _vietnamese_score(vietnamese) > legacy_score:
        return DecodedText(vietnamese, "cp1258")
    return DecodedText(western, "cp1252")


def detect_encoding_of_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes; return (text, 'utf-8' | 'utf-16' | 'cp1258' | 'cp1252').

    Damaged bytes of a UTF-8/UTF-16 file become U+FFFD; decode_text also says where they were.
    """
    decoded = decode_text(data)
    return decoded.text, decoded.encoding
