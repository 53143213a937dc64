"""Every letter of the oracle round-trips through TCVN3, VNI and VIQR."""

import re
import unicodedata
from pathlib import Path

import pytest

from stinet.vietnamese import encode, to_unicode
from stinet.vietnamese._tables import TCVN3_80_9F, TCVN3_A1_FF, TCVN3_C0

from .conftest import DATA, ORACLE, VNI_FIXES, legacy_text, needs_data, oracle_rows

ROWS = oracle_rows()
IDS = [row["char"] for row in ROWS]
pytestmark = needs_data(ORACLE)


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_tcvn3_abc_letter(row: dict[str, str]) -> None:
    letter, code = row["char"], row["TCVN3_ABC_font"]
    legacy = legacy_text(code)
    # A toned capital is the lower-case code in a capital font: the text says lower.
    expected = letter.lower() if "H-font" in code else letter
    assert to_unicode(legacy, "tcvn3").text == expected
    assert encode(letter, "tcvn3") == legacy


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_tcvn5712_vn1_capitals_latin1_and_cp1252(row: dict[str, str]) -> None:
    raw = bytes(int(b, 16) for b in row["TCVN5712-1_VN1"].split())
    assert to_unicode(raw.decode("latin-1"), "tcvn3").text == row["char"]
    as_cp1252 = raw.decode("cp1252", errors="ignore")
    if len(raw) == 1 and len(as_cp1252) == 1 and (as_cp1252.isalpha() or raw[0] > 0xA0):
        assert to_unicode(as_cp1252, "tcvn3").text == row["char"]


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_vni_letter(row: dict[str, str]) -> None:
    letter = row["char"]
    legacy = legacy_text(VNI_FIXES.get(letter, row["VNI_Windows"]))
    assert to_unicode(legacy, "vni").text == letter
    assert encode(letter, "vni") == legacy


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_viqr_letter(row: dict[str, str]) -> None:
    letter, viqr = row["char"], row["VIQR"]
    assert to_unicode(viqr, "viqr").text == letter
    assert encode(letter, "viqr") == viqr


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [("i\u00f8", "ì"), ("i\u00f9", "í"), ("y\u00ef", "ỵ"), ("I\u00d9", "Í"), ("Y\u00cf", "Ỵ")],
)
def test_vni_base_plus_mark_spellings_of_i_and_y(spelling: str, expected: str) -> None:
    assert to_unicode(spelling, "vni").text == expected


def test_tcvn3_table_matches_glibc_charmap() -> None:
    charmap = Path(DATA / "glibc-charmaps" / "TCVN5712-1.charmap").read_text()
    table = {
        int(byte, 16): chr(int(code, 16))
        for code, byte in re.findall(r"^<U([0-9A-F]{4})>\s+/x([0-9a-f]{2})\s", charmap, re.M)
    }
    assert "".join(table[b] for b in range(0xA1, 0x100)) == TCVN3_A1_FF
    assert "".join(table[b] for b in range(0x80, 0xA0)) == TCVN3_80_9F
    assert all(table[b] == ch for b, ch in TCVN3_C0.items())


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viqr"])
@pytest.mark.parametrize(
    "text",
    [
        "Nghiên cứu khoa học và công nghệ",
        "Trường Đại học Quốc gia Hà Nội.",
        "Thủy lợi, khỏe mạnh, quyết định số 15/2003/QĐ-BKHCN",
        "Ước tính được 1.500 tấn; giữa năm",
    ],
)
def test_sentences_round_trip(encoding: str, text: str) -> None:
    legacy = encode(text, encoding)
    assert legacy != text
    assert to_unicode(legacy, encoding).text == unicodedata.normalize("NFC", text)
    assert to_unicode(legacy) == (text, encoding)
