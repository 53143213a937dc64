"""Person names: titles, Family/Given order, casing, matching."""

import pytest

from stinet.vietnamese import (
    ACADEMIC_TITLES,
    clean_person_name,
    name_key,
    names_match,
    split_titles,
)


@pytest.mark.parametrize(
    ("text", "titles", "rest"),
    [
        ("GS. Nguyễn Văn An", ["GS."], "Nguyễn Văn An"),
        ("PGS.TS. Lê Thị Hoa", ["PGS.", "TS."], "Lê Thị Hoa"),
        ("PGS. TS. Lê Thị Hoa", ["PGS.", "TS."], "Lê Thị Hoa"),
        ("GS.TSKH Trần Bình", ["GS.", "TSKH."], "Trần Bình"),
        ("ThS. KS. Phạm Hùng", ["ThS.", "KS."], "Phạm Hùng"),
        ("TS Đỗ Minh", ["TS."], "Đỗ Minh"),
        ("NCS. Hồ Lan", ["NCS."], "Hồ Lan"),
        ("Assoc. Prof. John Smith", ["Assoc. Prof."], "John Smith"),
        ("Dr. Jane Roe, PhD", ["Dr.", "Ph.D."], "Jane Roe"),
        ("Tsang Wai", [], "Tsang Wai"),
        ("Cao Văn Sâm", [], "Cao Văn Sâm"),
    ],
)
def test_split_titles(text: str, titles: list[str], rest: str) -> None:
    assert split_titles(text) == (titles, rest)


def test_titles_list() -> None:
    for title in ("GS.", "PGS.", "TS.", "TSKH.", "ThS.", "KS.", "BS.", "CN.", "DS.", "NCS.",
                  "GS.TS.", "PGS.TS.", "PGS. TS.", "Prof.", "Dr.", "Assoc. Prof."):
        assert title in ACADEMIC_TITLES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Doãn, Văn Minh", "Doãn Văn Minh"),
        ("Nguyễn,  Văn An", "Nguyễn Văn An"),
        ("NGUYEN, VAN AN", "Nguyen Van An"),
        ("Smith, John", "John Smith"),
        ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
        ("TS.  ĐẶNG\u00a0THỊ   ÚT", "Đặng Thị Út"),
        ("Nguye\u0302\u0303n Văn An", "Nguyễn Văn An"),
        ("McDonald, Ronald", "Ronald McDonald"),
        ("Nguyễn V.A.", "Nguyễn V. A."),
    ],
)
def test_clean_person_name(text: str, expected: str) -> None:
    assert clean_person_name(text) == expected


def test_name_key() -> None:
    assert name_key("PGS.TS. Nguyễn, Văn  An") == "nguyen van an"
    assert name_key("Nguyễn V. An") == "nguyen v an"


@pytest.mark.parametrize(
    "other",
    ["NGUYEN VAN AN", "Nguyễn V. An", "TS. Nguyễn Văn An", "Nguyễn, Văn An", "nguyễn văn an",
     "Nguyen V.A.", "PGS. TS. NGUYỄN VĂN AN"],
)
def test_same_person(other: str) -> None:
    assert names_match("Nguyễn Văn An", other)
    assert names_match(other, "Nguyễn Văn An")


@pytest.mark.parametrize(
    "other", ["Nguyễn Văn Anh", "Nguyễn Thị An", "Trần Văn An", "Nguyễn An", "", "Văn An"]
)
def test_different_person(other: str) -> None:
    assert not names_match("Nguyễn Văn An", other)
