"""Experts' names: titles, list order, and which catalogue creators are the expert (tables)."""

import pytest

from stinet.people.naming import (
    ADVISOR,
    EXACT,
    VARIANT,
    best_creator,
    list_order_key,
    match_score,
    parse_name,
    search_words,
)
from stinet.vietnamese import sort_key


@pytest.mark.parametrize(("typed", "name", "title", "degree"), [
    ("PGS.TS. Nguyễn Văn An", "Nguyễn Văn An", "PGS", "TS"),
    ("GS.TSKH. Đặng Hữu Phúc", "Đặng Hữu Phúc", "GS", "TSKH"),
    ("PGS. TS. Trần Thị Bình", "Trần Thị Bình", "PGS", "TS"),
    ("ThS. Lê Văn Cường", "Lê Văn Cường", "", "ThS"),
    ("NGUYEN VAN AN", "Nguyen Van An", "", ""),
    ("Nguyễn, Văn An", "Nguyễn Văn An", "", ""),
    ("Hoàng Minh Đức", "Hoàng Minh Đức", "", ""),
    ("Nguyễn Thị Thu Hà, ThS.", "Nguyễn Thị Thu Hà", "", "ThS"),  # titles after the name count too
    ("Trịnh Quốc Khánh, PGS.TS", "Trịnh Quốc Khánh", "PGS", "TS"),
    ("Lê Văn Sơn (GS.TSKH)", "Lê Văn Sơn", "GS", "TSKH"),
    ("PGS-TS Lê Văn Sơn", "Lê Văn Sơn", "PGS", "TS"),
    ("Th.S Phạm Thu", "Phạm Thu", "", "ThS"),
    ("BS.CKI Trịnh Quốc Khánh", "Trịnh Quốc Khánh", "", "BS"),  # a specialist doctor is a doctor
    ("DSCKII Lê Văn Sơn", "Lê Văn Sơn", "", "DS"),
    ("Dr. Jane Roe, PhD", "Jane Roe", "", "TS"),
])
def test_parse_name_splits_titles_off(typed, name, title, degree):
    parsed = parse_name(typed)
    assert (parsed.full_name, parsed.academic_title, parsed.degree) == (name, title, degree)


@pytest.mark.parametrize(("creator", "role", "score"), [
    ("Nguyễn Văn An", "author", EXACT),
    ("NGUYEN VAN AN", "author", EXACT),
    ("Nguyễn, Văn An", "author", EXACT),
    ("PGS.TS. Nguyễn Văn An", "author", EXACT),
    ("nguyễn văn an", "author", EXACT),
    ("Nguyễn V. An", "author", VARIANT),
    ("Nguyễn V.A.", "author", VARIANT),
    ("Nguyễn Văn An", "advisor", EXACT * ADVISOR),
    ("Nguyễn Văn Anh", "author", 0.0),
    ("Nguyễn Thị An", "author", 0.0),
    ("Trần Văn An", "author", 0.0),
    ("Nguyễn An", "author", 0.0),
    ("", "author", 0.0),
])
def test_match_score(creator, role, score):
    assert match_score(["Nguyễn Văn An"], creator, role) == pytest.approx(score)


def test_other_spellings_of_the_expert_count():
    assert match_score(["Nguyễn Văn An", "An Van Nguyen"], "An Van Nguyen") == EXACT
    assert match_score(["Nguyễn Văn An"], "An Van Nguyen") == 0.0


def test_best_creator_picks_the_matching_creator_and_its_role():
    creators = [{"name": "Phạm Thu Trang", "role": "author"}, {"name": "TS. Nguyễn Văn An", "role": "advisor"}]
    assert best_creator(["Nguyễn Văn An"], creators) == (EXACT * ADVISOR, "TS. Nguyễn Văn An", "advisor")
    assert best_creator(["Nguyễn Văn An"], creators[:1])[0] == 0.0


@pytest.mark.parametrize(("name", "words"), [
    ("Nguyễn Văn An", ["nguyen", "an"]),
    ("PGS.TS. Đặng Thị Thu Hà", ["dang", "ha"]),
    ("Nguyễn V. An", ["nguyen", "an"]),
    ("Lê A.", ["le"]),
    ("", []),
])
def test_search_words_are_family_and_given_names(name, words):
    assert search_words(name) == words


def test_list_order_is_by_given_name_then_family_name():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Ánh", "Đặng Văn An", "Nguyễn Thị Ân", "Phạm Minh Đức",
             "Hoàng Văn Dũng"]
    ordered = sorted(names, key=list_order_key)
    assert ordered == ["Đặng Văn An", "Trần Thị An", "Lê Văn Ánh", "Nguyễn Thị Ân", "Nguyễn Văn Bình",
                       "Hoàng Văn Dũng", "Phạm Minh Đức"]
    assert list_order_key("Trần Thị An") == sort_key("An Trần Thị")
