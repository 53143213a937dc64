"""Corrected variants of OCR-damaged words (seed document 004 shows such text)."""

import pytest

from stinet.vietnamese import ocr_variant, ocr_variants


@pytest.mark.parametrize(("word", "fixed"), [
    ("chirc", "chuc"), ("tir", "tu"), ("ciing", "cung"), ("qudc", "quoc"), ("trudng", "truong"),
    ("nudc", "nuoc"), ("t6", "to"), ("s6", "so"), ("du6i", "duoi"), ("ho1", "hoi"), ("1an", "lan"),
    ("t01", "toi"), ("d3", "da"), ("phuwong", "phuong"),
])
def test_damaged_words_get_their_reading(word, fixed):
    assert ocr_variant(word) == fixed


@pytest.mark.parametrize("word", ["chuc", "nghien", "cuu", "quoc", "truong", "2015", "11", "phuong",
                                  "khcn", "nguyen", "tien", "biodiversity"])
def test_sound_words_are_left_alone(word):
    assert ocr_variant(word) is None


def test_variants_of_a_text_are_folded_and_unique():
    assert ocr_variants("Hội nghị các t6 chirc, t6 chirc KH&CN") == ["to", "chuc"]


def test_the_whole_text_test_misses_no_damaged_word():
    """ocr_variants skips texts without suspects at once: it must find what a word-by-word look finds."""
    import random

    from stinet.vietnamese import tokens

    pieces = ["i", "r", "u", "d", "n", "c", "w", "a", "t", "h", "0", "1", "3", "6", "2", " ", ".", "-", "_", "đ"]
    r = random.Random(3)
    for _ in range(20000):
        text = "".join(r.choice(pieces) for _ in range(r.randint(1, 16)))
        every_word = list(dict.fromkeys(v for w in tokens(text) if (v := ocr_variant(w)) is not None))
        assert ocr_variants(text) == every_word, text
