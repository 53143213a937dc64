"""The expert finder: ranking by confirmed relevant works (and tasks), explanations, what it leaves out."""

import pytest

from stinet.people.finder import TASK_WEIGHT, find_experts, score_experts, work_weight
from stinet.people.services import create_expert, decide_works, update_expert

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("ranks", "total"), [([0], 1), ([99], 100), ([0, 1], 2), ([499], 500)])
def test_work_weight_stays_between_one_half_and_one(ranks, total):
    assert all(0.5 < work_weight(r, total) <= 1.0 for r in ranks)


@pytest.mark.parametrize(("works", "tasks", "order"), [
    ({1: [9, 8, 7], 2: [0]}, {}, [1, 2]),  # three weak works beat one top work
    ({1: [0], 2: [1]}, {}, [1, 2]),  # equal counts: the search's ranking decides
    ({1: [0]}, {2: [5, 6]}, [2, 1]),  # two tasks beat one work
    ({1: [0, 1]}, {2: [5]}, [1, 2]),
    ({}, {}, []),
])
def test_score_experts_table(works, tasks, order):
    assert [e for e, _s in score_experts(works, 10, tasks)] == order


def test_score_counts_tasks_by_their_weight():
    assert score_experts({}, 10, {3: [1]}) == [(3, TASK_WEIGHT)]


@pytest.fixture
def ranked(an, other_scientist, people_catalogue):
    """An with 3 confirmed works about coral, Bình with 1, a hidden expert with coral works."""
    from stinet.people.models import Expert

    decide_works(an, [people_catalogue[k] for k in ("P1", "P2", "P3", "P4")], "confirmed")
    binh = Expert.objects.get(user=other_scientist)
    decide_works(binh, [people_catalogue["P5"], people_catalogue["P8"]], "confirmed")
    hidden = create_expert("Lê Thị Hoa", public=False)
    decide_works(hidden, [people_catalogue["P1"]], "confirmed")
    return {"an": an, "binh": binh, "hidden": hidden}


def test_three_relevant_works_outrank_one(ranked):
    hits = find_experts("san hô")
    assert [h.expert.pk for h in hits] == [ranked["an"].pk, ranked["binh"].pk]
    assert len(hits[0].work_ids) == 3 and len(hits[1].work_ids) == 1
    assert hits[0].score > hits[1].score
    assert {w["title"] for w in hits[0].works} == {"Đa dạng sinh học rạn san hô Cát Bà",
                                                   "Phục hồi rạn san hô vịnh Hạ Long",
                                                   "Tẩy trắng san hô do nhiệt độ nước biển"}


def test_the_finder_folds_diacritics_and_explains(ranked):
    from django.utils import translation

    hits = find_experts("san ho")
    assert [h.expert.pk for h in hits][:2] == [ranked["an"].pk, ranked["binh"].pk]
    with translation.override("en"):
        assert hits[0].explanation("san ho") == "3 works about “san ho”"
    with translation.override("vi"):
        assert hits[1].explanation("san ho") == "1 công trình về “san ho”"


def test_only_confirmed_works_of_public_experts_count(ranked, people_catalogue):
    decide_works(ranked["an"], [people_catalogue[k] for k in ("P1", "P2", "P3")], "rejected")
    hits = find_experts("san hô")
    assert [h.expert.pk for h in hits] == [ranked["binh"].pk]
    update_expert(ranked["binh"], {"public": False})
    assert find_experts("san hô") == []
    assert find_experts("") == []


def test_other_topics_find_other_experts(ranked):
    assert [h.expert.pk for h in find_experts("cảng cá")] == [ranked["an"].pk]  # advised that thesis
    assert find_experts("rừng ngập mặn") == []  # Nguyễn Văn Anh's work, who has no profile


@pytest.mark.parametrize(("query", "phrase"), [
    ("san hô", '"san hô"'),
    ("đa dạng sinh học", '"đa dạng sinh học"'),
    ("biển", None),  # one word
    ('"san hô"', None),  # a phrase already
    ("title:san hô", None),  # fielded
    ("San Hô", '"san hô"'),
    ("san hô -vịnh", '"san hô" -"vịnh"'),
    ('san hô -"hạ long" -title:vịnh', '"san hô" -"hạ long" -title:"vịnh"'),
    ("KH&CN biển", None),  # equivalences
    ("san hô year:2015..2020", None),
    ("biển OR đảo", None),  # either word: no phrase of both
])
def test_phrase_form_table(query, phrase):
    from stinet.people.finder import phrase_form

    assert phrase_form(query) == phrase


def test_words_side_by_side_first_then_every_word(ranked, people_catalogue):
    hits = {h.expert.pk: h for h in find_experts("san ho")}
    assert people_catalogue["P8"] not in hits[ranked["binh"].pk].work_ids  # "sản xuất ... hộ" is not coral
    fallback = find_experts("san xuat ho")  # no work has these side by side: every work with all the words
    assert [h.expert.pk for h in fallback] == [ranked["binh"].pk]
    assert fallback[0].work_ids == [people_catalogue["P8"]]
