"""Text of Word 97-2003 (.doc) files: the piece table of the WordDocument stream ([MS-DOC] 2.8.35).

olefile opens the compound file; the main document's characters are read piece by piece,
8-bit pieces as Windows-1252 (the way TCVN3/VNI-era documents hold their legacy letters,
converted afterwards by stinet.catalog.fulltext) and the others as UTF-16.
Field codes are dropped and their results kept; paragraph and cell marks become line breaks
and tabs.
"""

from __future__ import annotations

import io
import re
import struct

WORD_IDENT = 0xA5EC
FLAG_ENCRYPTED = 0x0100
FLAG_TABLE_1 = 0x0200
OFFSET_CCP_TEXT = 0x4C
OFFSET_FC_CLX = 0x1A2
COMPRESSED = 0x40000000
# Windows-1252 in the 0x80-0x9F range (bytes it leaves undefined stay as they are)
_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_8BIT = str.maketrans({chr(b): ch for b, ch in _CP1252.items()})
_FIELD_CODE = re.compile(r"\x13[^\x13\x14\x15]*\x14")  # a field's instructions (its result follows)
_SPECIAL = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x07": "\t", "\x1e": "-", "\x1f": None,
                          "\x01": None, "\x02": None, "\x05": None, "\x08": None, "\x15": None,
                          "\x13": None, "\x14": None})


class WordDocError(ValueError):
    """A .doc file whose text cannot be read, with a one-line reason."""


def _pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[tuple[int, int, int]]:
    """(first character, last character, file offset with the compressed flag) of each piece."""
    clx = table[fc_clx:fc_clx + lcb_clx]
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        pos += 3 + struct.unpack_from("<H", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        raise WordDocError("no piece table in the Word document")
    size = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5:pos + 5 + size]
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    out = []
    for i in range(count):
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)[0]
        out.append((cps[i], cps[i + 1], fc))
    return out


def _piece_text(stream: bytes, start: int, end: int, fc: int) -> str:
    """The characters of one piece."""
    length = end - start
    if fc & COMPRESSED:
        offset = (fc & ~COMPRESSED) // 2
        return stream[offset:offset + length].decode("latin-1").translate(_8BIT)
    offset = fc & ~COMPRESSED
    return stream[offset:offset + 2 * length].decode("utf-16-le", errors="replace")


def word_problem(data: bytes) -> str:
    """Why an OLE (Office 97-2003) file cannot be taken as a Word document: '' when it can,
    'damaged' (it does not open), 'not-word' (no WordDocument stream: Excel, PowerPoint, ...)
    or 'encrypted' (opening it needs a password)."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptedPackage"):  # a password-protected .docx wrapped in an OLE file
                return "encrypted"
            if not ole.exists("WordDocument"):
                return "not-word"
            head = ole.openstream("WordDocument").read(0x0C)
    except Exception:  # noqa: BLE001 - olefile says "damaged" in many ways
        return "damaged"
    if len(head) < 0x0C:
        return "damaged"
    ident, flags = struct.unpack_from("<H", head, 0)[0], struct.unpack_from("<H", head, 0x0A)[0]
    return "encrypted" if ident == WORD_IDENT and flags & FLAG_ENCRYPTED else ""


def doc_text(data: bytes) -> str:
    """The main text of a .doc file (paragraphs as lines, table cells separated by tabs)."""
    import olefile

    if not olefile.isOleFile(io.BytesIO(data)):
        raise WordDocError("not a Word 97-2003 document")
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if not ole.exists("WordDocument"):
            raise WordDocError("an OLE file without a WordDocument stream (not a Word document)")
        stream = ole.openstream("WordDocument").read()
        ident, flags = struct.unpack_from("<H", stream, 0)[0], struct.unpack_from("<H", stream, 0x0A)[0]
        if ident != WORD_IDENT:
            raise WordDocError("not a Word 97-2003 document (an older Word format)")
        if flags & FLAG_ENCRYPTED:
            raise WordDocError("the Word document is encrypted with a password")
        name = "1Table" if flags & FLAG_TABLE_1 else "0Table"
        if not ole.exists(name):
            raise WordDocError(f"the Word document has no {name} stream")
        table = ole.openstream(name).read()
    ccp_text = struct.unpack_from("<i", stream, OFFSET_CCP_TEXT)[0]
    fc_clx, lcb_clx = struct.unpack_from("<II", stream, OFFSET_FC_CLX)
    chars: list[str] = []
    for start, end, fc in _pieces(table, fc_clx, lcb_clx):
        if start >= ccp_text:
            break
        chars.append(_piece_text(stream, start, min(end, ccp_text), fc))
    text = "".join(chars)
    while True:  # nested fields: drop the innermost instructions first
        stripped = _FIELD_CODE.sub("", text)
        if stripped == text:
            break
        text = stripped
    text = re.sub(r"\x13[^\x14\x15]*\x15", "", text)  # fields without a result
    return text.translate(_SPECIAL)
