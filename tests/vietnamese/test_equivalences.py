"""Abbreviation equivalences for search."""

import pytest

from stinet.vietnamese import (
    EQUIVALENCE_GROUPS,
    equivalence_tokens,
    fold,
    rewrite_query,
    search_spelled,
    tokens_of_words,
)


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


def test_the_fast_normal_form_agrees_with_the_pattern() -> None:
    import random

    from stinet.vietnamese.equivalences import _OTHER_CHARS, _SPACED_JOINER, _normalise
    from stinet.vietnamese.text import _SPACES, clean_spaces

    r = random.Random(7)
    alphabet = "ab dz09&-.,;:/()\t\n\u00a0\u200b\ufeff\u3000KH&CN đê"
    for _ in range(3000):
        text = "".join(r.choice(alphabet) for _ in range(r.randint(0, 30)))
        folded = fold(text)
        slow = _SPACED_JOINER.sub(r"\1", _OTHER_CHARS.sub(" ", folded)).strip()
        assert _normalise(folded, folded=True) == slow, text
        assert clean_spaces(text) == _SPACES.sub(" ", text).strip(), text


def test_the_factored_pattern_finds_what_the_flat_alternation_finds() -> None:
    import random
    import re

    from stinet.vietnamese.equivalences import _CANONICAL, _PATTERN

    forms = sorted(_CANONICAL, key=len, reverse=True)
    flat = re.compile(rf"(?<![a-z0-9&\-])(?:{'|'.join(re.escape(f) for f in forms)})(?![a-z0-9&\-])")
    pieces = [*forms, *(w for f in forms for w in re.split(r"[ &\-,.]", f)), "x", "1", " ", " ", "&", "-", ",", "."]
    r = random.Random(11)
    for _ in range(3000):
        text = "".join(r.choice(pieces) for _ in range(r.randint(1, 12)))
        assert [m.group() for m in _PATTERN.finditer(text)] == [m.group() for m in flat.finditer(text)], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở Khoa học và Công nghệ Hải Phòng", ["khcn"]),
        ("Khoa học và công nghệ - Môi trường", ["khcn"]),  # a form before a hyphen: no written form of its own
        ("KH&CN-MT", ["khcn"]),
        ("khoa học, công nghệ và đổi mới sáng tạo", ["khcn"]),  # the words in a row, a comma between
        ("Phòng thí nghiệm trọng điểm", ["ptn", "ptntd"]),  # one form the start of another: both
        ("khoa học và công nghệ thông tin", ["khcn", "cntt"]),  # overlapping forms: both
        ("TP. Hồ Chí Minh", ["tphcm", "tp"]),
        ("khoa học kỹ thuật", ["khkt"]),  # the search spelling (ki thuat) as the text has it
        ("khoa học zzvgapzz công nghệ", []),  # two values with the gap word between them
        ("khoa học ứng dụng và công nghệ", []),
        ("khcnmt", []),
        ("", []),
        ("KH&CN—ĐMST", ["khcn"]),  # a dash beyond ASCII between words
        ("khcnµ và khoa học công nghệµ", []),  # a letter beyond ASCII ends no word
        ("Sinh học (khoa học và công nghệ_)", ["khcn"]),
    ],
)
def test_tokens_of_words_find_forms_as_a_phrase_query_would(text, expected):
    """The groups whose form's words follow one another, whatever punctuation is between them."""
    assert tokens_of_words(search_spelled(fold(text))) == expected
