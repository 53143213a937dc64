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
