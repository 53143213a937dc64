"""Vietnamese alphabetical order through an ASCII sort key."""

import pytest

from stinet.vietnamese import sort_key

from .conftest import remembered_alike


def test_letters_then_tones() -> None:
    words = ["đá", "da", "dă", "Ba", "an", "ăn", "ân", "dạ", "dà"]
    assert sorted(words, key=sort_key) == ["an", "ăn", "ân", "Ba", "da", "dà", "dạ", "dă", "đá"]


def test_d_with_stroke_after_every_d() -> None:
    words = ["Đào", "Dương", "đa", "Dung", "dữ", "Đinh", "Doãn"]
    ordered = sorted(words, key=sort_key)
    assert [w[0] in "Dd" for w in ordered] == [True] * 4 + [False] * 3


@pytest.mark.parametrize(
    ("smaller", "larger"),
    [
        ("a", "à"), ("à", "ả"), ("ả", "ã"), ("ã", "á"), ("á", "ạ"),  # tone order
        ("ma", "mà"), ("mạ", "mă"), ("o", "ô"), ("ô", "ơ"), ("u", "ư"), ("ư", "v"),
        ("e", "ê"), ("ê", "f"), ("i", "j"), ("y", "z"), ("9", "a"), ("10", "2"),
        ("an", "an toàn"), ("an toàn", "ana"), ("ba", "Ba"), ("Học", "hoc sinh"),
        ("cá ngừ", "ca nhac"),  # base letters of the whole string first
    ],
)
def test_pairs(smaller: str, larger: str) -> None:
    assert sort_key(smaller) < sort_key(larger)


def test_key_is_ascii_alphanumeric_and_stable() -> None:
    key = sort_key("Nguyễn Văn Đức, Đà Nẵng!")
    assert key.isascii() and key.isalnum()
    assert sort_key("NGUYỄN") != sort_key("nguyễn")
    assert sort_key("Nguyễn") == sort_key("Nguye\u0302\u0303n")


def test_remembered_words_give_the_same_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys of words are remembered (and forgotten when the memory fills): a key computed
    again, or read from memory, is the same."""
    from stinet.vietnamese import collation

    titles = ["Đa dạng sinh học", "đa DẠNG", "Ωmega và α", "An toàn 2024", "Đa dạng sinh học"]
    remembered_alike(monkeypatch, collation, "_WORD_KEYS", "WORD_KEYS_MEMORY", 3, sort_key, titles)
