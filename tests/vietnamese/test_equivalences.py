"""Abbreviation equivalences for search."""

import pytest

from stinet.vietnamese import EQUIVALENCE_GROUPS, equivalence_tokens, fold, rewrite_query


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bộ KH&CN", ["khcn"]),
        ("KH & CN", ["khcn"]),
        ("KH-CN", ["khcn"]),
        ("KHCN", ["khcn"]),
        ("khoa học và công nghệ", ["khcn"]),
        ("Khoa học công nghệ", ["khcn"]),
        ("khoa học kỹ thuật; KH&KT", ["khkt"]),
        ("Viện CNTT", ["cntt"]),
        ("công nghệ thông tin", ["cntt"]),
        ("ĐHQG Hà Nội", ["dhqg"]),
        ("Đại học Quốc gia", ["dhqg"]),
        ("đề tài NCKH", ["nckh"]),
        ("Sở GD&ĐT", ["gddt"]),
        ("Giáo dục và Đào tạo", ["gddt"]),
        ("UBND tỉnh", ["ubnd"]),
        ("Uỷ ban nhân dân", ["ubnd"]),
        ("Ủy ban Nhân dân", ["ubnd"]),
        ("TP.HCM", ["tphcm"]),
        ("TP. Hồ Chí Minh", ["tphcm"]),
        ("Thành phố Hồ Chí Minh", ["tphcm"]),
        ("TP. Đà Nẵng", ["tp"]),
        ("phát triển KT-XH", ["ktxh"]),
        ("kinh tế - xã hội", ["ktxh"]),
        ("kinh tế xã hội", ["ktxh"]),
        ("Chi cục BVTV", ["bvtv"]),
        ("Bộ NN&PTNT", ["nnptnt"]),
        ("nông nghiệp và phát triển nông thôn", ["nnptnt"]),
        ("CSDL", ["csdl"]),
        ("cơ sở dữ liệu khoa học và công nghệ", ["csdl", "khcn"]),
        ("Đại học Bách khoa", []),
        ("khoa học", []),
        ("machine learning", []),
    ],
)
def test_equivalence_tokens(text: str, expected: list[str]) -> None:
    assert equivalence_tokens(text) == expected


def test_groups_are_folded_data() -> None:
    canonical = [group[0] for group in EQUIVALENCE_GROUPS]
    assert len(canonical) == len(set(canonical)) >= 20
    for group in EQUIVALENCE_GROUPS:
        assert group[0].isascii() and group[0].isalnum()
        assert all(form == fold(form) for form in group)


@pytest.mark.parametrize(
    ("query", "rest", "found"),
    [
        ("Bộ KH&CN", "bo", ["khcn"]),
        ("đề tài khoa học và công nghệ cấp nhà nước", "de tai cap nha nuoc", ["khcn"]),
        ("UBND TP.HCM", "", ["ubnd", "tphcm"]),
        ("đa dạng sinh học", "da dang sinh hoc", []),
    ],
)
def test_rewrite_query(query: str, rest: str, found: list[str]) -> None:
    assert rewrite_query(query) == (rest, found)
