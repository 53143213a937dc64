"""NFC, whitespace, folding, tokens and canonical spelling."""

import unicodedata

import pytest

from stinet.vietnamese import (
    canonical_spelling,
    clean_spaces,
    exact_tokens,
    fold,
    nfc,
    search_fold,
    search_tokens,
    tokens,
    word_text,
)


def test_nfc_only_normalises() -> None:
    assert nfc(unicodedata.normalize("NFD", "Việt  Nam")) == "Việt  Nam"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  a\u00a0\u00a0b \t\n c  ", "a b c"), ("", ""), ("\u3000x\u2009y\ufeff", "x y")],
)
def test_clean_spaces(text: str, expected: str) -> None:
    assert clean_spaces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đa dạng sinh học", "da dang sinh hoc"),
        ("NGUYỄN VĂN ĐỨC", "nguyen van duc"),
        (unicodedata.normalize("NFD", "Trường Đại học"), "truong dai hoc"),
        ("Hòa hoà Thủy thuỷ khỏe khoẻ", "hoa hoa thuy thuy khoe khoe"),
        ("Größe Ærø Ωmega", "grosse ærø ωmega"),
        ("plain ascii 123", "plain ascii 123"),
        ("c\u200bây ch\u00adè\u2060\ufeff", "cay che"),  # invisible inside a word: left out
        ("ＣＡＹ ｃｈè ２０２４ ﬁ", "cay che 2024 fi"),  # full-width forms and ligatures: their letters
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_tokens_and_exact_tokens() -> None:
    assert tokens("KH&CN: Đa-dạng, năm 2024!") == ["kh", "cn", "da", "dang", "nam", "2024"]
    assert exact_tokens("Hòa bình, THỦY lợi; Khỏe") == ["hoà", "bình", "thuỷ", "lợi", "khoẻ"]
    assert exact_tokens("Kĩ thuật") == exact_tokens("kỹ thuật") == ["kỹ", "thuật"]
    assert exact_tokens("c\u200bây ch\u00adè") == ["cây", "chè"]
    assert word_text("giai đoạn 2016-2020; ISO/IEC\u200b 3.9") == "giai đoạn 2016 2020 ISO IEC 3 9"


def test_search_folding_spells_the_i_and_y_syllables_one_way() -> None:
    """Both spellings of kĩ/kỹ, lí/lý, qui/quy, hi/hy, mĩ/mỹ, tỉ/tỷ, sĩ/sỹ, vĩ/vỹ fold to one; whole words
    only ("linh", "kim", "vien", "li2" and the pieces of "hi_li" as tokens split them are kept apart)."""
    pairs = [("kĩ thuật", "kỹ thuật"), ("quản lí", "quan ly"), ("qui hoạch", "quy hoach"), ("hi vọng", "hy vọng"),
             ("Mĩ", "Mỹ"), ("tỉ lệ", "tỷ lệ"), ("tiến sĩ", "tiến sỹ"), ("vĩ đại", "vỹ đại")]
    for a, b in pairs:
        assert search_tokens(a) == search_tokens(b) and search_fold(a) == search_fold(b), (a, b)
    assert search_fold("Quản lí, KĨ thuật; QUI hoạch tiến sỹ Vy") == "quan ly, ky thuat; quy hoach tien si vi"
    assert search_fold("linh kim viên li2 hi_li") == "linh kim vien li2 hy_ly"
    assert search_tokens("linh kim viên li2 hi_li") == ["linh", "kim", "vien", "li2", "hy", "ly"]
    assert fold("quản lí") == "quan li" and tokens("kĩ") == ["ki"]  # record keys are folded as before


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hòa", "hoà"), ("Hòa", "Hoà"), ("HÒA", "HOÀ"), ("thủy", "thuỷ"), ("ủy ban", "uỷ ban"),
        ("khỏe", "khoẻ"), ("tòa án", "toà án"), ("quý", "quý"), ("hoàng", "hoàng"),
        ("qui định", "quy định"), ("lí luận", "lý luận"), ("Kĩ", "Kỹ"), ("huỳnh", "huỳnh"),
    ],
)
def test_canonical_spelling(old: str, new: str) -> None:
    assert canonical_spelling(old) == new
    assert canonical_spelling(new) == new


def test_canonical_spelling_piece_by_piece_is_the_word_by_word_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text is spelled piece by piece between spaces (pieces remembered): the same as
    correcting every word of the whole text, whatever the spacing and case, even when the
    memory of pieces fills up and is forgotten."""
    import random

    from stinet.vietnamese import spelling

    monkeypatch.setattr(spelling, "SPELLED_MEMORY", 5)
    monkeypatch.setattr(spelling, "_SPELLED", {})
    r = random.Random(3)
    words = ["hòa", "HÒA", "Thủy", "quý", "qui", "Kĩ", "hi", "HI", "lí", "2lí", "hoàng", "khỏe,", "(tòa)",
             unicodedata.normalize("NFD", "hòa"), "a", "", " ", "\t", "\n", "x" * 70 + "hòa"]
    for _ in range(2000):
        text = "".join(r.choice(words) + r.choice(["", " ", "  ", "-", "\n"]) for _ in range(r.randint(0, 12)))
        whole = spelling._WORD.sub(spelling._canonical_word, unicodedata.normalize("NFC", text))
        assert canonical_spelling(text) == whole, text
        assert len(spelling._SPELLED) <= 5
