"""An expert's tasks, looked up by user account or by name (the task contract's fields only)."""

import pytest

pytestmark = pytest.mark.django_db


def make_task(code, title, objectives="", investigator=None, investigator_name="", members=(), year=2022):
    """A task made with the contract's fields, then made public as the tasks app defines it."""
    from django.utils import timezone

    from stinet.tasks.models import Task, TaskMember

    task = Task.objects.create(code=code, title=title, objectives=objectives, investigator=investigator,
                               investigator_name=investigator_name, year=year, status="ongoing", step=3)
    for user, name, role in members:
        TaskMember.objects.create(task=task, user=user, name=name, role=role)
    if not Task.objects.public().filter(pk=task.pk).exists() and hasattr(task, "listed_at"):
        task.listed_at = timezone.now()  # how the tasks app marks a task the public may see
        task.save()
    assert Task.objects.public().filter(pk=task.pk).exists()
    return task


def test_tasks_of_an_expert_by_account_investigator_name_and_member_name(an, scientist, other_scientist):
    from stinet.people.tasks_link import tasks_of

    led = make_task("ĐT-01", "Phục hồi rạn san hô Cát Bà", investigator=scientist, investigator_name="Ai đó")
    by_name = make_task("ĐT-02", "Bản đồ san hô", investigator_name="PGS.TS. NGUYỄN VĂN AN", year=2023)
    member = make_task("ĐT-03", "Cảng biển xanh", investigator_name="Trần Thị Bình",
                       members=[(None, "Nguyen Van An", "secretary")], year=2021)
    make_task("ĐT-04", "Rừng ngập mặn", investigator_name="Nguyễn Văn Anh",
              members=[(other_scientist, "Trần Thị Bình", "member")])
    found = {t["code"]: t for t in tasks_of(an)}
    assert set(found) == {"ĐT-01", "ĐT-02", "ĐT-03"}
    assert found["ĐT-01"]["role"] == "investigator" and found["ĐT-02"]["role"] == "investigator"
    assert found["ĐT-03"]["role"] == "secretary"
    assert [t["code"] for t in tasks_of(an)] == ["ĐT-02", "ĐT-01", "ĐT-03"]  # newest first
    assert {led.pk, by_name.pk, member.pk} == {t["id"] for t in found.values()}


def test_hidden_tasks_are_not_linked(an, scientist):
    from stinet.people.tasks_link import tasks_of
    from stinet.tasks.models import Task

    task = make_task("ĐT-09", "Đề xuất chưa duyệt", investigator=scientist)
    Task.objects.filter(pk=task.pk).update(**({"listed_at": None} if hasattr(task, "listed_at") else {}))
    if Task.objects.public().filter(pk=task.pk).exists():
        pytest.skip("the tasks app shows every task")
    assert tasks_of(an) == []


def test_relevant_tasks_rank_experts_in_the_finder(an, other_scientist, people_catalogue):
    from stinet.people.finder import find_experts
    from stinet.people.models import Expert
    from stinet.people.services import decide_works

    binh = Expert.objects.get(user=other_scientist)
    decide_works(an, [people_catalogue["P1"], people_catalogue["P2"]], "confirmed")
    decide_works(binh, [people_catalogue["P5"]], "confirmed")
    make_task("ĐT-11", "Phục hồi hệ sinh thái", objectives="Trồng lại san hô ở vịnh Hạ Long",
              members=[(other_scientist, "Trần Thị Bình", "member")])
    make_task("ĐT-12", "Giám sát san hô", investigator_name="TS. Trần Thị Bình")
    make_task("ĐT-13", "Nuôi cá lồng", investigator_name="Trần Thị Bình")  # not about coral
    make_task("ĐT-14", "Sản xuất giống cho hộ nghèo", investigator_name="Trần Thị Bình")  # "san ... ho" only
    hits = {h.expert.pk: h for h in find_experts("san ho")}
    assert len(hits[binh.pk].task_ids) == 2 and len(hits[an.pk].task_ids) == 0
    assert list(hits) == [binh.pk, an.pk]  # a work and two tasks beat two works
    from django.utils import translation

    with translation.override("en"):
        assert hits[binh.pk].explanation("san ho") == "1 work, 2 tasks about “san ho”"
    assert {t["code"] for t in hits[binh.pk].tasks} == {"ĐT-11", "ĐT-12"}
    excluding = {h.expert.pk: h for h in find_experts("san hô -vịnh")}  # the query language holds for tasks
    assert [t["code"] for t in excluding[binh.pk].tasks] == ["ĐT-12"]


def test_relevant_tasks_hold_the_query_as_the_search_reads_it():
    """The i/y spellings find each other (kĩ = kỹ), OR is either word, an abbreviation in a quoted phrase any
    of its forms (the task text is spelled as the query: "Kĩ thuật" is found by "kĩ thuật" too)."""
    from stinet.people.tasks_link import relevant_tasks

    make_task("ĐT-21", "Kĩ thuật nuôi tôm", objectives="Quản lí ao nuôi")
    make_task("ĐT-22", "Ứng dụng khoa học và công nghệ trong nông nghiệp")
    make_task("ĐT-23", "Cây chè Shan tuyết")

    def codes(q):
        return sorted(t["code"] for t in relevant_tasks(q))

    assert codes("kĩ thuật") == codes("kỹ thuật") == codes("quan ly ao") == ["ĐT-21"]
    assert codes("tôm OR chè") == ["ĐT-21", "ĐT-23"]
    assert codes('"ứng dụng KH&CN"') == ["ĐT-22"]
