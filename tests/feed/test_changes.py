"""Changes since a date: windows, keyset paging under concurrent changes, deletions as tombstones."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.utils import timezone

from stinet.catalog.models import Organisation
from stinet.catalog.services import add_organisation
from stinet.directory.models import InfoService, OrganisationProfile
from stinet.feed import services
from stinet.feed.models import Tombstone
from stinet.feed.records import stamp
from stinet.people.models import Expert
from stinet.people.services import delete_expert, update_expert
from stinet.tasks.models import Task, TaskMember
from tests.feed.conftest import at, harvest, make_expert, make_task

pytestmark = pytest.mark.django_db


def ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in records]


def tick() -> None:
    """Let the clock move so that changes get distinct times."""
    time.sleep(0.002)


def test_since_until_window_is_exclusive_inclusive(api, org):
    tasks = [make_task(org) for _ in range(4)]
    times = ["2026-01-01T00:00:00", "2026-01-02T00:00:00", "2026-01-03T00:00:00", "2026-01-04T00:00:00"]
    for task, when in zip(tasks, times, strict=True):
        Task.objects.filter(pk=task.pk).update(updated_at=at(when))
    answer = api("tasks", since="2026-01-01T00:00:00Z", until="2026-01-03T00:00:00Z").json()
    assert ids(answer["records"]) == [f"task:{tasks[1].code}", f"task:{tasks[2].code}"]
    assert answer["since"] == "2026-01-01T00:00:00.000000Z" and answer["next_since"] == answer["until"]
    assert answer["until"] == "2026-01-03T00:00:00.000000Z" and answer["next_cursor"] is None
    # a date without an offset is in the site's time zone (UTC+7): 2026-01-02 00:00 +07 = 2026-01-01 17:00 UTC
    local = api("tasks", since="2026-01-02").json()
    assert ids(local["records"]) == [f"task:{t.code}" for t in tasks[1:]]
    offset = api("tasks", since="2026-01-03T06:00:00+07:00").json()  # '+' arrives as ' ' if not encoded
    assert ids(offset["records"]) == [f"task:{t.code}" for t in tasks[2:]]
    assert api("tasks").json()["count"] == 4


@pytest.mark.parametrize(("params", "message"), [
    ({"since": "yesterday"}, "since: 'yesterday' is not an ISO 8601"),
    ({"until": "2026-13-01"}, "until: '2026-13-01' is not an ISO 8601"),
    ({"cursor": "abc"}, "cursor: not a cursor"),
    ({"since": "2999-01-01"}, "since: 2998-12-31T17:00:00.000000Z is in the future"),
    ({"since": "2026-02-01", "until": "2026-01-01"}, "until: 2025-12-31T17:00:00.000000Z is before since"),
])
def test_bad_parameters_are_refused_in_one_line(api, params, message):
    answer = api("tasks", lang="en", **params)  # in Vietnamese without lang: tests/feed/test_refusals.py
    assert answer.status_code == 400 and answer.json()["detail"].startswith(message)


def test_until_is_capped_by_the_settling_time(api, settings, org):
    settings.FEED_SETTLE_SECONDS = 60
    make_task(org)
    answer = api("tasks", until="2999-01-01T00:00:00Z").json()
    assert answer["count"] == 0  # changed less than a minute ago: not yet in any window
    settings.FEED_SETTLE_SECONDS = 0
    assert api("tasks", since=answer["next_since"]).json()["count"] == 1


def test_paging_without_loss_or_duplicates_under_concurrent_changes(api, org):
    tasks = [make_task(org) for _ in range(10)]
    tick()
    seen_early = []

    def meanwhile(page: int) -> None:
        """While the client pages: change records seen and unseen, delete one, add one, hide a proposal."""
        if page != 0:
            return
        seen_early.extend(ids(first_page))
        tick()
        tasks[0].title = "Đổi tên sau khi đã gửi"
        tasks[0].save()  # already sent: must not come again in this harvest
        tasks[8].title = "Đổi tên trước khi gửi"
        tasks[8].save()  # not sent yet: moves past `until`, comes in the next harvest
        tasks[9].delete()
        make_task(org, title="Nhiệm vụ mới")
        make_task(org, listed=False, title="Đề xuất chưa duyệt")
        tick()

    first_page = api("tasks", limit=3).json()["records"]
    one = harvest(api, "tasks", limit=3, between=meanwhile)
    assert ids(one["records"])[:3] == seen_early
    assert len(ids(one["records"])) == len(set(ids(one["records"]))), "a record came twice in one harvest"
    two = harvest(api, "tasks", since=one["next_since"], limit=3)
    mirror: dict[str, dict[str, Any]] = {}
    for record in one["records"] + two["records"]:
        if record["deleted"]:
            mirror.pop(record["id"], None)
        else:
            mirror[record["id"]] = record
    truth = {f"task:{t.code}": t for t in Task.objects.public()}
    assert set(mirror) == set(truth)
    assert mirror[f"task:{tasks[0].code}"]["title"] == "Đổi tên sau khi đã gửi"
    assert mirror[f"task:{tasks[8].code}"]["title"] == "Đổi tên trước khi gửi"
    assert f"task:{tasks[9].code}" in ids([r for r in two["records"] if r["deleted"]])
    assert all(mirror[i]["updated_at"] == stamp(t.updated_at) for i, t in truth.items())


def test_same_time_ties_page_by_id(api, org):
    tasks = [make_task(org) for _ in range(7)]
    Task.objects.update(updated_at=at("2026-02-01T00:00:00"))
    Tombstone.objects.create(part="tasks", key="ĐT-OLD", object_pk=1, deleted_at=at("2026-02-01T00:00:00"))
    got = harvest(api, "tasks", limit=2)["records"]
    assert ids(got) == [f"task:{t.code}" for t in sorted(tasks, key=lambda t: t.pk)] + ["task:ĐT-OLD"]


def test_deletions_of_each_part_are_tombstones(api, org):
    other = add_organisation("VHH", "Viện Hải dương học", kind="institute")
    expert = make_expert(org)
    task = make_task(org)
    proposal = make_task(org, listed=False)
    expert_id = expert.pk
    tick()
    since = stamp(timezone.now())
    tick()
    other.delete()
    delete_expert(expert)
    task.delete()
    proposal.delete()  # never in the feed: no tombstone
    for part, expected in (("organisations", ["org:VHH"]), ("personnel", [f"expert:{expert_id}"]),
                           ("tasks", [f"task:{task.code}"])):
        records = api(part, since=since).json()["records"]
        assert [(r["id"], r["deleted"]) for r in records] == [(i, True) for i in expected]
        assert set(records[0]) == {"id", "deleted", "updated_at"}
    assert not Tombstone.objects.filter(key=proposal.code).exists()


def test_leaving_the_public_is_a_deletion_and_coming_back_revives(api, org):
    expert = make_expert(org)
    task = make_task(org)
    tick()
    since = stamp(timezone.now())
    tick()
    update_expert(expert, {"public": False})
    hidden = Task.objects.get(pk=task.pk)
    hidden.listed_at = None  # no service does this today; the feed must follow it anyway
    hidden.save()
    gone = api("personnel", since=since).json()["records"]
    assert [(r["id"], r["deleted"]) for r in gone] == [(f"expert:{expert.pk}", True)]
    assert [r["deleted"] for r in api("tasks", since=since).json()["records"]] == [True]
    tick()
    update_expert(expert, {"public": True})
    assert [(r["id"], r["deleted"]) for r in api("personnel", since=since).json()["records"]] == [
        (f"expert:{expert.pk}", False)]
    assert not Tombstone.objects.filter(part="personnel").exists()


def test_a_changed_code_retires_the_old_id(api, org):
    task = make_task(org, code="ĐT-2025-900")
    tick()
    since = stamp(timezone.now())
    tick()
    org.code = "DHHP"
    org.save()
    task.code = "ĐT-2025-901"
    task.save()
    orgs = api("organisations", since=since).json()["records"]
    assert [(r["id"], r["deleted"]) for r in orgs] == [("org:DHHP", False), ("org:HPU", True)]
    tasks = api("tasks", since=since).json()["records"]
    assert [(r["id"], r["deleted"]) for r in tasks] == [("task:ĐT-2025-901", False), ("task:ĐT-2025-900", True)]


def test_parts_of_a_record_touch_it(api, org, people):
    from stinet.catalog.models import Work

    expert = make_expert(org)
    task = make_task(org)
    work = Work.objects.create(title="Rạn san hô Cát Bà", title_sort="ran san ho", year=2024, type="article")
    tick()
    since = stamp(timezone.now())
    tick()
    OrganisationProfile.objects.create(organisation=org, address="171 Phan Đăng Lưu, Kiến An, Hải Phòng")
    TaskMember.objects.create(task=task, name="Lê Văn Cường", role="member")
    from stinet.people.services import decide_work

    decide_work(expert, work.pk, "confirmed")
    assert ids(api("organisations", since=since).json()["records"]) == ["org:HPU"]
    assert ids(api("tasks", since=since).json()["records"]) == [f"task:{task.code}"]
    person = api("personnel", since=since).json()["records"]
    assert ids(person) == [f"expert:{expert.pk}"] and person[0]["publications"][0]["id"] == work.pk
    tick()
    again = stamp(timezone.now())
    tick()
    InfoService.objects.create(organisation=org, name="Tra cứu tài liệu", kind="lookup")
    assert ids(api("organisations", since=again).json()["records"]) == ["org:HPU"]
    assert Organisation.objects.get(pk=org.pk).updated_at > at("2026-01-01T00:00:00")
    assert Expert.objects.count() == 1


def test_query_count_of_a_page_does_not_grow(api, org, django_assert_max_num_queries):
    for _ in range(3):
        task = make_task(org, field_code="1")
        TaskMember.objects.create(task=task, name="Phạm Thị Dung", role="secretary")
        make_expert(org, fields=["1"])
    with django_assert_max_num_queries(12) as small:
        api("tasks", limit=100)
    for _ in range(12):
        task = make_task(org, field_code="1")
        TaskMember.objects.create(task=task, name="Phạm Thị Dung", role="secretary")
        make_expert(org, fields=["1"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert api("tasks", limit=100).json()["count"] == 15
    with django_assert_max_num_queries(12):
        assert api("personnel", limit=100).json()["count"] == 15


def test_service_refuses_unknown_parts():
    with pytest.raises(services.FeedError, match="part 'works': one of organisations, personnel, tasks"):
        services.changes("works")


def test_records_naming_a_changed_record_are_sent_again(api, org, people):
    """A harvest of the changes keeps no link to a retired id: the tasks and experts naming an
    organisation whose code changed, and the tasks of a profile hidden, come again."""
    from stinet.catalog.services import add_organisation

    other = add_organisation("VMU", "Trường Đại học Hàng hải Việt Nam", kind="university", member=True)
    expert = make_expert(org, account=people.pi)
    led = make_task(org, investigator=people.pi)
    joined = make_task(other)
    TaskMember.objects.create(task=joined, name="Nguyễn Văn Pi", user=people.pi, role="member")
    unrelated = make_task(other)
    Task.objects.filter(pk__in=[led.pk, joined.pk, unrelated.pk]).update(updated_at=at("2026-01-01T00:00:00"))
    Expert.objects.filter(pk=expert.pk).update(updated_at=at("2026-01-01T00:00:00"))
    tick()
    since = stamp(timezone.now())
    tick()
    org.code = "DHHP"
    org.save()
    tasks = api("tasks", since=since).json()["records"]
    assert [(r["id"], r["host"]["id"]) for r in tasks] == [(f"task:{led.code}", "org:DHHP")]
    person = api("personnel", since=since).json()["records"]
    assert [(r["id"], r["organisation"]["id"]) for r in person] == [(f"expert:{expert.pk}", "org:DHHP")]
    tick()
    hidden_at = stamp(timezone.now())
    tick()
    update_expert(expert, {"public": False})
    tasks = api("tasks", since=hidden_at).json()["records"]
    assert sorted(r["id"] for r in tasks) == sorted([f"task:{led.code}", f"task:{joined.code}"])
    assert all(r["investigator"]["expert"] is None for r in tasks if r["id"] == f"task:{led.code}")
    tick()
    deleted_at = stamp(timezone.now())
    tick()
    Organisation.objects.get(pk=other.pk).delete()
    tasks = api("tasks", since=deleted_at).json()["records"]
    assert sorted((r["id"], r["host"]) for r in tasks) == [(f"task:{joined.code}", None),
                                                             (f"task:{unrelated.code}", None)]
