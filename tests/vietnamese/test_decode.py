"""Decoding the bytes of uploaded files."""

import codecs
import unicodedata

import pytest

from stinet.vietnamese import EncodingError, detect_encoding_of_bytes, encode, to_unicode

TEXT = "Tên đề tài,Chủ nhiệm\nNghiên cứu đa dạng sinh học,Nguyễn Văn An\n"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 bytes: precomposed vowel shapes, tones as combining marks."""
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in decomposed if m in TONES)
        bare = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONES))
        out.append(bare + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    ("data", "source"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16"),
        (cp1258(TEXT), "cp1258"),
    ],
)
def test_unicode_and_cp1258(data: bytes, source: str) -> None:
    assert detect_encoding_of_bytes(data) == (TEXT, source)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_font_text_comes_back_as_cp1252(encoding: str) -> None:
    data = encode(TEXT, encoding).encode("cp1252")
    text, source = detect_encoding_of_bytes(data)
    assert source == "cp1252"
    assert [to_unicode(line).text for line in text.split("\n")] == TEXT.split("\n")


def test_plain_western_text_is_cp1252() -> None:
    assert detect_encoding_of_bytes("Café à Paris".encode("cp1252")) == ("Café à Paris", "cp1252")


@pytest.mark.parametrize(("data", "kind"), [(b"PK\x03\x04\x14\x00\x00\x00binary\x00zip", EncodingError.NUL),
                                          (bytes(range(32)) * 8, EncodingError.NUL),
                                          (bytes(range(1, 32)) * 8, EncodingError.CONTROLS)])
def test_binary_is_rejected(data: bytes, kind: str) -> None:
    with pytest.raises(EncodingError) as caught:
        detect_encoding_of_bytes(data)
    assert isinstance(caught.value, ValueError)
    assert "binary" in str(caught.value)
    assert caught.value.kind == kind  # what the importer words in the interface language
