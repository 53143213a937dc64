"""The services apply the table: every state reachable, every forbidden action refused, everything audited."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from stinet.catalog.models import AuditEntry, Holding
from stinet.tasks import councils, progress, services
from stinet.tasks.deadlines import dashboard
from stinet.tasks.lifecycle import TRANSITIONS
from stinet.tasks.models import Adjustment, Task
from tests.tasks.conftest import PATHS, action_data, drive, upload

# a state from which each action is allowed (the task is driven there first)
FROM = {"approve": "proposed", "reject": "proposed", "withdraw": "proposed", "open_selection": "listed",
        "assign": "listed", "select": "awarded", "sign_contract": "awarded", "submit_final": "in_progress",
        "accept": "evaluating", "register": "accepted", "publish": "registered", "stop": "in_progress",
        "cancel": "listed", "reopen": "stopped"}
USERS = ("manager", "admin", "pi", "pi2", "scientist", "editor", "nobody", "c1")


def _allowed_users(action: str) -> set[str]:
    """Who may take an action on a task of the fixtures (pi proposed it and leads it)."""
    actors = TRANSITIONS[action].actors
    return ({"manager", "admin"} if "task_manager" in actors else set()) | \
        ({"pi"} if actors & {"investigator", "proposer"} else set())


@pytest.mark.parametrize("state", list(PATHS))
def test_every_state_is_reached_through_the_services(people, state):
    task = drive(people, state)
    task.refresh_from_db()
    assert task.status == state
    expected_step = {"proposed": 1, "rejected": 1, "listed": 1, "selecting": 2, "awarded": 2, "in_progress": 3,
                     "evaluating": 4, "accepted": 4, "failed": 4, "registered": 5, "published": 5, "stopped": 3,
                     "cancelled": 1}[state]
    assert task.step == expected_step
    assert AuditEntry.objects.filter(object_type="task", object_id=str(task.pk), action="task-propose").exists()


@pytest.mark.parametrize(("action", "user"), [(a, u) for a in TRANSITIONS for u in USERS if u not in _allowed_users(a)])
def test_every_forbidden_action_is_refused_by_the_service(people, action, user):
    state = {"select": "selecting"}.get(action, FROM[action])
    if action == "select":
        task = drive(people, "selecting")
        from tests.tasks.conftest import _helper

        _helper(task, people, "*apply_and_score")
    else:
        task = drive(people, state)
    audits = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied) as refused:
        services.transition(task, action, getattr(people, user), **action_data(people, action))
    assert str(refused.value) == str(TRANSITIONS[action].who)
    task.refresh_from_db()
    assert task.status == state
    assert AuditEntry.objects.count() == audits


def test_an_inactive_manager_may_do_nothing(people):
    task = drive(people, "proposed")
    people.manager.is_active = False
    people.manager.save()
    with pytest.raises(PermissionDenied):
        services.transition(task, "approve", people.manager)


@pytest.mark.parametrize(("action", "state"), [
    ("approve", "in_progress"), ("sign_contract", "listed"), ("publish", "accepted"), ("submit_final", "evaluating"),
    ("stop", "published"), ("cancel", "published"), ("reopen", "cancelled"), ("open_selection", "selecting"),
])
def test_an_action_from_the_wrong_state_is_refused_with_the_reason(people, action, state):
    task = drive(people, state)
    who = people.pi if action == "submit_final" else people.manager
    with pytest.raises(services.TaskError, match=r"^cannot .*: the task is .* \(allowed when: "):
        services.transition(task, action, who, **action_data(people, action))
    task.refresh_from_db()
    assert task.status == state


def test_a_contract_needs_its_budget_end_date_and_signed_document(people):
    task = drive(people, "awarded")
    with pytest.raises(services.TaskError) as refused:
        services.transition(task, "sign_contract", people.manager, contract_number="1/HĐ",
                            contract_date="2026-01-05", planned_start="2026-02-01", budget_state="")
    assert str(refused.value) == ("cannot sign the contract: it needs a budget, an end date, an end date after the "
                                  "start date, the signed contract (document)")
    task.refresh_from_db()
    assert task.status == "awarded" and task.contract_number == ""
    with pytest.raises(services.TaskError, match="2026-13-01.* is not a date"):
        services.transition(task, "sign_contract", people.manager, planned_end="2026-13-01")
    with pytest.raises(services.TaskError, match="does not take"):
        services.transition(task, "sign_contract", people.manager, status="published")


@pytest.mark.parametrize(("changes", "missing"), [
    ({"report_every_months": 0}, "a progress report every 1 to 24 months"),
    ({"report_every_months": 25}, "a progress report every 1 to 24 months"),
    ({"planned_start": dt.date(2025, 12, 31)}, "a start date not before the contract date"),
    ({"planned_start": dt.date(2026, 1, 5), "planned_end": dt.date(2036, 1, 6)},
     "an end date at most 10 years after the start date"),
    ({"planned_start": dt.date(1900, 1, 1), "contract_date": dt.date(1900, 1, 1), "planned_end": dt.date(2100, 1, 1),
      "report_every_months": 1},
     "a contract date no earlier than the year before the plan year, an end date at most 10 years after the "
     "start date"),
    ({"contract_date": dt.date(1900, 1, 1), "planned_start": dt.date(1900, 2, 1), "planned_end": dt.date(1901, 1, 1)},
     "a contract date no earlier than the year before the plan year"),  # signed (task of the 2026 list)
])
def test_the_contract_s_dates_and_report_period_are_checked_by_the_service(people, changes, missing):
    task = drive(people, "awarded")
    data = {**action_data(people, "sign_contract"), "contract_date": dt.date(2026, 1, 5),
            "planned_start": dt.date(2026, 2, 1), "planned_end": dt.date(2028, 2, 1), **changes}
    with pytest.raises(services.TaskError) as refused:
        services.transition(task, "sign_contract", people.manager, **data)
    assert str(refused.value) == f"cannot sign the contract: it needs {missing}"
    task.refresh_from_db()
    assert task.status == "awarded" and not task.progress_reports.exists() and not task.documents.exists()
    data.update(planned_start=dt.date(2026, 1, 5), planned_end=dt.date(2036, 1, 5), report_every_months=24,
                documents={"contract": upload("hd.pdf")})
    data.pop("contract_date")
    task = services.transition(task, "sign_contract", people.manager, contract_date=dt.date(2026, 1, 5), **data)
    assert task.status == "in_progress" and task.progress_reports.count() == 4  # the final report ends the 5th


def test_a_contract_is_not_dated_in_the_future(people):
    task = drive(people, "awarded")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = {**action_data(people, "sign_contract"), "contract_date": tomorrow, "planned_start": tomorrow,
            "planned_end": tomorrow + dt.timedelta(days=730)}
    with pytest.raises(services.TaskError) as refused:
        services.transition(task, "sign_contract", people.manager, **data)
    assert str(refused.value) == "cannot sign the contract: it needs a contract date not in the future"
    assert Task.objects.get(pk=task.pk).status == "awarded"


def test_a_registration_is_dated_between_the_acceptance_and_today(people):
    task = drive(people, "accepted")
    assert task.accepted_at is not None
    Task.objects.filter(pk=task.pk).update(accepted_at=dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for day, missing in ((dt.date(2020, 1, 1), "a registration date not before the acceptance (2026-03-01)"),
                         (tomorrow, "a registration date not in the future")):
        with pytest.raises(services.TaskError) as refused:
            services.transition(task, "register", people.manager, registration_number="2026-1/ĐKKQ",
                                registration_date=day)
        assert str(refused.value) == f"cannot register and archive the result: it needs {missing}"
    task = services.transition(task, "register", people.manager, registration_number="2026-1/ĐKKQ",
                               registration_date=dt.date(2026, 3, 1))
    assert (task.status, task.registration_date) == ("registered", dt.date(2026, 3, 1))


def test_a_registration_number_is_a_number_and_one_result_s_only(people):
    """QA 25: a second result was registered under the first's number, and "<script>alert(1)</script>" was taken
    for one (it becomes the published work's call number)."""
    first = drive(people, "registered")
    task = drive(people, "accepted", title="Đánh giá nguồn lợi thuỷ sản ven bờ Kiến Thuỵ")
    shape = "a registration number of letters, digits, spaces and the signs - / . ( ) only"
    Task.objects.filter(pk=first.pk).update(registration_number="2026-30218  ĐKKQ")  # stored before spaces collapsed
    for number, missing in (("<script>alert(1)</script>", shape), ("ĐT 2016_30218", shape),
                            ("  2026-30218 ĐKKQ ", "a registration number no other task's result has"),
                            ("2026-30218 đkkq", "a registration number no other task's result has")):
        with pytest.raises(services.TaskError) as refused:
            services.transition(task, "register", people.manager, registration_number=number,
                                registration_date=timezone.localdate())
        assert str(refused.value) == f"cannot register and archive the result: it needs {missing}"
    task = services.transition(task, "register", people.manager, registration_number=" ĐT-2016  30218-ĐT",
                               registration_date=timezone.localdate())
    assert (task.status, task.registration_number) == ("registered", "ĐT-2016 30218-ĐT")


def test_selection_ranks_without_the_conflicted_member_and_chooses_the_best(people):
    task = drive(people, "awarded")
    ranked = councils.ranking(task)
    assert [(a.investigator_name, r.mean, r.counted, r.excluded) for a, r in ranked] == [
        ("Nguyễn Văn Pi", 75.0, 2, 1), ("Nguyễn Văn Pi2", 71.67, 3, 0)]
    assert task.host.code == "HPU" and task.investigator == people.pi
    assert task.budget_state == 900_000_000 and task.selection_mode == "selection"
    assert task.members.get(role="investigator").user == people.pi


def test_council_rules(people):
    task = drive(people, "selecting")
    with pytest.raises(services.TaskError, match=r"not council members: Nguyễn Văn Pi2 \(t-pi2\)"):
        councils.form_council(task, people.manager, "selection", [people.c1, people.c2, people.pi2])
    with pytest.raises(services.TaskError, match="at least 3"):
        councils.form_council(task, people.manager, "selection", [people.c1, people.c2])
    with pytest.raises(PermissionDenied, match="only a task manager may form a council"):
        councils.form_council(task, people.pi, "selection", [people.c1, people.c2, people.c3])
    councils.form_council(task, people.manager, "selection", [people.c1, people.c2, people.c3])
    application = councils.apply(task, people.pi2, host="HPU", summary="Phương án")
    with pytest.raises(services.TaskError, match="applied for this task already"):
        councils.apply(task, people.pi2, host="HPU", summary="Lần hai")
    with pytest.raises(PermissionDenied, match="only an investigator or a scientist may apply"):
        councils.apply(task, people.editor, host="HPU", summary="x")
    for outsider in (people.c4, people.pi, people.manager):  # c4 is a council member, but not on this council
        with pytest.raises(PermissionDenied, match="selection council may score"):
            councils.score(task, outsider, "selection", application=application, value=80)
    with pytest.raises(PermissionDenied, match="acceptance council may score"):
        councils.score(task, people.c1, "acceptance", value=80)
    with pytest.raises(services.TaskError, match="between 0 and 100"):
        councils.score(task, people.c1, "selection", application=application, value=101)
    with pytest.raises(services.TaskError, match="conflict of interest"):
        councils.score(task, people.c1, "selection", application=application)
    councils.score(task, people.c1, "selection", application=application, value=70)
    with pytest.raises(services.TaskError, match=r"stay on the council: Nguyễn Văn C1 \(t-c1\)"):
        councils.form_council(task, people.manager, "selection", [people.c2, people.c3, people.c4])


def test_a_selection_closes_only_when_every_member_marked_every_application(people):
    task = drive(people, "selecting")
    councils.form_council(task, people.manager, "selection", [people.c1, people.c2, people.c3])
    first = councils.apply(task, people.pi, host="HPU", summary="Phương án một")
    second = councils.apply(task, people.pi2, host="HPU", summary="Phương án hai")
    councils.score(task, people.c1, "selection", application=first, value=90)
    with pytest.raises(services.TaskError) as refused:
        services.transition(task, "select", people.manager)
    assert str(refused.value) == (
        "cannot choose the best-ranked application: it needs a score or a declared conflict of interest from every "
        f"selection council member for every application (not yet scored by Nguyễn Văn C1 (t-c1) (applications "
        f"{second.pk}); Nguyễn Văn C2 (t-c2) (applications {first.pk}, {second.pk}); Nguyễn Văn C3 (t-c3) "
        f"(applications {first.pk}, {second.pk}))")
    councils.score(task, people.c1, "selection", application=second, value=60)
    for member in (people.c2, people.c3):
        councils.score(task, member, "selection", application=first, value=80)
        councils.score(task, member, "selection", application=second, conflict=True)
    task = services.transition(task, "select", people.manager)
    assert task.status == "awarded" and task.investigator == people.pi


def test_a_member_who_left_is_named_and_replaced_keeping_the_others_scores(people):
    from stinet.accounts.services import grant, revoke, set_active

    for person in (people.scientist, people.pi2):
        grant(person, "council_member")
    task = drive(people, "evaluating")
    councils.form_council(task, people.manager, "acceptance", [people.c1, people.c2, people.c3, people.c4])
    councils.score(task, people.c1, "acceptance", value=90)
    councils.score(task, people.c2, "acceptance", value=88)
    set_active(people.c3, False)
    revoke(people.c4, "council_member")
    minutes = {"acceptance_minutes": upload("bb.pdf")}
    gone = r"\(no longer a council member: replace them\)"
    with pytest.raises(services.TaskError,
                       match=rf"\(not yet scored by Nguyễn Văn C3 \(t-c3\) {gone}; Nguyễn Văn C4 \(t-c4\) {gone}\)$"):
        services.transition(task, "accept", people.manager, documents=minutes)
    with pytest.raises(services.TaskError, match=r"stay on the council: Nguyễn Văn C2 \(t-c2\)"):
        councils.form_council(task, people.manager, "acceptance", [people.c1, people.scientist, people.pi2])
    councils.form_council(task, people.manager, "acceptance", [people.c1, people.c2, people.scientist])
    with pytest.raises(services.TaskError, match=r"\(not yet scored by Nguyễn Văn Scientist \(t-scientist\)\)$"):
        services.transition(task, "accept", people.manager, documents={"acceptance_minutes": upload("bb.pdf")})
    councils.score(task, people.scientist, "acceptance", value=86)
    task = services.transition(task, "accept", people.manager, documents={"acceptance_minutes": upload("bb.pdf")})
    assert (task.status, task.rating, task.acceptance_score) == ("accepted", "excellent", 88.0)


def test_the_task_s_own_people_neither_sit_on_its_councils_nor_score(people):
    from stinet.accounts.services import grant

    for person in (people.pi, people.pi2, people.scientist):  # scientists sit on councils too
        grant(person, "council_member")
    task = drive(people, "selecting")  # proposed by pi
    with pytest.raises(services.TaskError) as refused:
        councils.form_council(task, people.manager, "selection", [people.c1, people.c2, people.pi])
    assert str(refused.value) == ("conflict of interest, cannot sit on the council: "
                                  "Nguyễn Văn Pi (t-pi) (the proposer of this task)")
    application = councils.apply(task, people.pi2, host="HPU", summary="Phương án")
    with pytest.raises(services.TaskError, match=r"Nguyễn Văn Pi2 \(t-pi2\) \(an applicant for this task\)"):
        councils.form_council(task, people.manager, "selection", [people.c1, people.c2, people.pi2])
    council = councils.form_council(task, people.manager, "selection", [people.c1, people.c2, people.scientist])
    with pytest.raises(services.TaskError, match="you sit on this task's selection council"):
        councils.apply(task, people.scientist, host="HPU", summary="Tự chấm")
    council.members.add(people.pi2)  # a council formed before the check
    with pytest.raises(PermissionDenied, match="you are an applicant for this task"):
        councils.score(task, people.pi2, "selection", application=application, value=100)
    evaluating = drive(people, "evaluating", title="Một nhiệm vụ khác")  # pi proposed it and leads it
    with pytest.raises(services.TaskError, match=r"Nguyễn Văn Pi \(t-pi\) \(the principal investigator of this task\)"):
        councils.form_council(evaluating, people.manager, "acceptance", [people.c1, people.c2, people.pi])
    council = councils.form_council(evaluating, people.manager, "acceptance", [people.c1, people.c2, people.pi2])
    council.members.add(people.pi)
    with pytest.raises(PermissionDenied, match="principal investigator of this task"):
        councils.score(evaluating, people.pi, "acceptance", value=100)
    assert not council.reviews.exists()


def test_acceptance_waits_for_every_member_then_rates(people):
    task = drive(people, "evaluating")
    councils.form_council(task, people.manager, "acceptance", [people.c1, people.c2, people.c3])
    councils.score(task, people.c1, "acceptance", value=90)
    councils.score(task, people.c2, "acceptance", conflict=True)
    minutes = {"acceptance_minutes": upload("bb.pdf")}
    with pytest.raises(services.TaskError, match="needs a score from every acceptance council member"):
        services.transition(task, "accept", people.manager, documents=minutes)
    councils.score(task, people.c3, "acceptance", value=88)
    task = services.transition(task, "accept", people.manager, documents={"acceptance_minutes": upload("bb.pdf")})
    assert (task.status, task.rating, task.acceptance_score, task.step) == ("accepted", "excellent", 89.0, 4)


def test_stop_and_reopen_return_to_the_same_place_and_step(people):
    task = drive(people, "stopped")
    assert (task.status_before, task.step, task.closed_reason) == ("in_progress", 3, "Chủ nhiệm đi công tác dài hạn")
    task = services.transition(task, "reopen", people.manager, reason="Đã có chủ nhiệm thay thế")
    assert (task.status, task.step, task.status_before) == ("in_progress", 3, "")
    task = services.transition(task, "cancel", people.manager, reason="Hết kinh phí")
    assert (task.status, task.step) == ("cancelled", 3)
    with pytest.raises(services.TaskError, match="cannot reopen"):
        services.transition(task, "reopen", people.manager, reason="x")


def test_a_stopped_task_cancelled_keeps_the_step_it_was_stopped_in(people):
    task = drive(people, "stopped")
    task = services.transition(task, "cancel", people.manager, reason="Chủ nhiệm chuyển công tác")
    task.refresh_from_db()
    assert (task.status, task.step, task.status_before) == ("cancelled", 3, "in_progress")


def test_a_rejected_proposal_is_not_public_and_can_be_reopened(people):
    task = drive(people, "rejected")
    assert not Task.objects.public().filter(pk=task.pk).exists()
    task = services.transition(task, "reopen", people.manager, reason="Bổ sung thuyết minh")
    assert task.status == "proposed"


def test_the_proposer_withdraws_but_nobody_else_does(people):
    task = drive(people, "proposed")
    with pytest.raises(PermissionDenied, match="only the proposer"):
        services.transition(task, "withdraw", people.pi2)
    assert services.transition(task, "withdraw", people.pi).status == "cancelled"


def test_proposals_need_a_proposer_role_and_valid_values(people):
    with pytest.raises(PermissionDenied):
        services.propose(people.nobody, title="X", objectives="Y", year=2026)
    with pytest.raises(services.TaskError, match="level 'city'"):
        services.propose(people.pi, title="X", objectives="Y", year=2026, level="city")
    with pytest.raises(services.TaskError, match="field of science '999'"):
        services.propose(people.pi, title="X", objectives="Y", year=2026, field_code="999")
    first = services.propose(people.editor, title="A", objectives="B", year=2026)
    with pytest.raises(services.TaskError, match="you have proposed this task already: ĐT-2026-001"):
        services.propose(people.editor, title="a", objectives="B", year=2026)  # the form sent twice
    second = services.propose(people.pi, title="C", objectives="D", year=2026, kind="pilot")
    assert (first.code, second.code) == ("ĐT-2026-001", "DASX-2026-001")
    assert services.find("dt-2026-001") == first and services.find(str(second.pk)) == second


@pytest.mark.parametrize("again", ["NGHIÊN CỨU NUÔI TRỒNG RONG BIỂN TẠI ĐỒ SƠN",
                                   "Nghiên cứu nuôi trồng  rong biển tại Đồ Sơn ",
                                   "Nghie\u0302n cu\u031b\u0301u nuôi trồng rong biển tại Đồ Sơn"])
def test_a_proposal_sent_again_in_other_case_or_spacing_is_the_same(people, again):
    first = services.propose(people.editor, title="Nghiên cứu nuôi trồng rong biển tại Đồ Sơn", objectives="B",
                             year=2027)
    with pytest.raises(services.TaskError, match=f"you have proposed this task already: {first.code}"):
        services.propose(people.editor, title=again, objectives="B", year=2027)
    assert services.propose(people.editor, title="Nghiên cứu nuôi trồng rong biển tại Cát Bà", objectives="B",
                            year=2027).title == "Nghiên cứu nuôi trồng rong biển tại Cát Bà"


def test_the_final_report_closes_the_progress_reports_due_after_it(people):
    task = drive(people, "in_progress")  # started 400 days ago: reports 1 and 2 are past due, 3 is to come
    task = services.transition(task, "submit_final", people.pi, **action_data(people, "submit_final"))
    assert task.status == "evaluating"
    left = list(task.progress_reports.order_by("number").values_list("number", flat=True))
    assert left == [1, 2]  # missed before the end: kept as the task's record


def test_a_final_report_ends_the_work_on_vietnam_s_date_after_its_start(people, monkeypatch):
    """QA 25: filed at 06:30 in Vietnam (23:30 UTC the day before), before the planned start, the work showed
    "actual 01/12/2026 - 24/11/2026": the end on UTC's date, the start the planned one, after the end."""
    import datetime as dt

    from stinet.tasks import effects

    task = drive(people, "awarded")
    start, signed = dt.date(2026, 12, 1), dt.date(2026, 11, 20)
    filed = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC)  # 25/11/2026 06:30 in Vietnam
    monkeypatch.setattr(services, "now", lambda: filed)
    monkeypatch.setattr(effects, "now", lambda: filed, raising=False)
    contract = {**action_data(people, "sign_contract"), "contract_date": signed, "planned_start": start,
                "planned_end": dt.date(2027, 12, 1)}
    task = services.transition(task, "sign_contract", people.manager, **contract)
    task = services.transition(task, "submit_final", people.pi, **action_data(people, "submit_final"))
    assert (task.actual_start, task.actual_end) == (signed, dt.date(2026, 11, 25))


def test_progress_reports_deadlines_overdue_and_adjustments(people):
    task = drive(people, "in_progress")  # started 400 days ago, two years, a report every 6 months
    reports = list(task.progress_reports.order_by("number"))
    assert len(reports) == 3
    today = timezone.localdate()
    board = dashboard(today)
    assert [r.pk for r in board.overdue_reports] == [reports[0].pk, reports[1].pk]
    with pytest.raises(PermissionDenied, match="only the principal investigator may report progress"):
        progress.submit_progress(task, people.manager, summary="x")
    done = progress.submit_progress(task, people.pi, summary="Khảo sát xong", percent_done=40,
                                    document=upload("ky1.docx"))
    assert done.number == 1 and done.late and done.document.kind == "progress_report"
    assert [r.number for r in dashboard(today).overdue_reports] == [2]
    with pytest.raises(services.TaskError, match="new end date after the current one"):
        progress.request_adjustment(task, people.pi, kind="time", reason="Mưa bão", new_end=task.planned_end)
    adjustment = progress.request_adjustment(task, people.pi, kind="time", reason="Mưa bão",
                                             new_end=task.planned_end + dt.timedelta(days=365))
    assert list(dashboard(today).adjustments) == [adjustment]
    with pytest.raises(PermissionDenied, match="only a task manager may decide"):
        progress.decide_adjustment(adjustment, people.pi, approve=True)
    progress.decide_adjustment(adjustment, people.manager, approve=True, note="Đồng ý")
    task.refresh_from_db()
    assert task.planned_end == adjustment.new_end
    assert task.progress_reports.count() == 5  # re-planned to the new end; the submitted one kept
    with pytest.raises(services.TaskError, match="decided already"):
        progress.decide_adjustment(adjustment, people.manager, approve=False)
    assert AuditEntry.objects.filter(object_id=str(task.pk), action="task-adjustment-approved").exists()


def test_a_second_time_adjustment_is_checked_again_when_decided(people):
    task = drive(people, "in_progress")
    end = task.planned_end
    longer = progress.request_adjustment(task, people.pi, kind="time", reason="Mưa bão",
                                         new_end=end + dt.timedelta(days=365))
    shorter = progress.request_adjustment(task, people.pi, kind="time", reason="Dịch bệnh",
                                          new_end=end + dt.timedelta(days=60))
    progress.decide_adjustment(longer, people.manager, approve=True)
    with pytest.raises(services.TaskError) as refused:
        progress.decide_adjustment(shorter, people.manager, approve=True)
    assert str(refused.value) == (f"the contract now ends on {longer.new_end.isoformat()}: a new end on "
                                  f"{shorter.new_end.isoformat()} would not extend it; refuse this request")
    task.refresh_from_db()
    shorter.refresh_from_db()
    assert task.planned_end == longer.new_end and shorter.status == "pending"
    assert progress.decide_adjustment(shorter, people.manager, approve=False).status == "refused"


def test_an_adjustment_keeps_to_what_a_contract_allows(people):
    """A 54-year extension went through (the contract form refuses more than 10 years), and a 30-digit
    budget was a 500."""
    task = drive(people, "in_progress")
    latest = task.planned_start.replace(year=task.planned_start.year + 10)
    with pytest.raises(services.TaskError) as refused:
        progress.request_adjustment(task, people.pi, kind="time", reason="Kéo dài", new_end=dt.date(2080, 12, 31))
    assert str(refused.value) == (f"a new end on 2080-12-31 is more than 10 years after the start "
                                  f"({task.planned_start.isoformat()}): {latest.isoformat()} at the latest")
    with pytest.raises(services.TaskError, match="new_budget_state: between 0 and 1000000000000000"):
        progress.request_adjustment(task, people.pi, kind="budget", reason="Tăng", new_budget_state=10**30)
    with pytest.raises(services.TaskError, match="reason: 5,001 characters, at most 5,000"):
        progress.request_adjustment(task, people.pi, kind="budget", reason="x" * 5001, new_budget_state=10)
    asked = progress.request_adjustment(task, people.pi, kind="time", reason="Kéo dài", new_end=latest)
    Task.objects.filter(pk=task.pk).update(planned_start=task.planned_start + dt.timedelta(days=-1))
    with pytest.raises(services.TaskError, match="more than 10 years after the start"):  # checked again when decided
        progress.decide_adjustment(asked, people.manager, approve=True)
    assert Adjustment.objects.count() == 1


def test_texts_longer_than_their_columns_are_refused_with_the_field(people):
    """SQLite stored a 5,000-character proposer name; PostgreSQL answered 500."""
    with pytest.raises(services.TaskError, match="proposer_name: 301 characters, at most 300"):
        services.propose(people.pi, title="X", objectives="Y", year=2026, proposer_name="n" * 301)
    with pytest.raises(services.TaskError, match="title: 1,001 characters, at most 1,000"):
        services.propose(people.pi, title="t" * 1001, objectives="Y", year=2026)
    with pytest.raises(services.TaskError, match="keywords: 2,001 characters, at most 2,000"):
        services.propose(people.pi, title="X", objectives="Y", year=2026, keywords=["k" * 1001, "k" * 1000])
    assert not Task.objects.exists()
    task = drive(people, "selecting")
    with pytest.raises(services.TaskError, match="investigator_name: 201 characters, at most 200"):
        councils.apply(task, people.scientist, host="HPU", summary="Cách làm", investigator_name="n" * 201)
    with pytest.raises(services.TaskError, match="budget_requested: between 0 and 1000000000000000"):
        councils.apply(task, people.scientist, host="HPU", summary="Cách làm", budget_requested=10**30)
    with pytest.raises(services.TaskError, match="reason: 5,001 characters, at most 5,000"):
        services.transition(task, "stop", people.manager, reason="r" * 5001)


def test_a_manager_does_not_decide_on_a_task_they_proposed(people):
    """Kept off its councils, a proposer who is also a task manager approved their own proposal."""
    from stinet.accounts.services import grant

    grant(people.pi, "task_manager")
    task = drive(people, "proposed")  # proposed by pi
    with pytest.raises(PermissionDenied, match="you proposed or lead this task: another task manager decides"):
        services.transition(task, "approve", people.pi)
    assert services.transition(task, "approve", people.manager).status == "listed"
    assert services.transition(task, "open_selection", people.pi).status == "selecting"  # not a decision on it


def test_a_score_is_either_a_mark_or_a_conflict_and_names_what_it_scores(people):
    task = drive(people, "selecting")
    councils.form_council(task, people.manager, "selection", [people.c1, people.c2, people.c3])
    application = councils.apply(task, people.pi2, host="HPU", summary="Phương án")
    with pytest.raises(services.TaskError, match="either a score or a declared conflict of interest, not both"):
        councils.score(task, people.c1, "selection", application=application, value=80, conflict=True)
    with pytest.raises(services.TaskError) as refused:  # "no application None for this task"
        councils.score(task, people.c1, "selection", value=80)
    assert str(refused.value) == "choose the application to score"
    assert councils.score(task, people.c1, "selection", application=application, value=None, conflict=True).conflict


def test_a_document_must_be_what_its_extension_says(people):
    task = drive(people, "in_progress")
    with pytest.raises(services.TaskError, match="bao cao.pdf: the file's content is not a .pdf document"):
        services.attach_document(task, people.pi, "other", upload("bao cao.pdf", b"MZ\x90\x00binary"))
    with pytest.raises(services.TaskError, match="not a .docx document"):
        services.attach_document(task, people.pi, "other", upload("a.docx", b"%PDF-1.4"))
    with pytest.raises(services.TaskError, match="not a .txt document"):
        services.attach_document(task, people.pi, "other", upload("a.txt", b"MZ\x00\x00"))
    assert services.attach_document(task, people.pi, "other", upload("b.rtf", b"{\\rtf1 x}")).kind == "other"
    assert services.attach_document(task, people.pi, "other", upload("c.csv", "Mã;Tên\n1;Một".encode())).kind


def test_a_progress_report_is_filed_only_once_its_period_is_ending(people):
    task = drive(people, "in_progress")  # started 400 days ago: reports 1 and 2 overdue, 3 due in about 147 days
    for number in (1, 2):
        assert progress.submit_progress(task, people.pi, summary=f"Kỳ {number}").number == number
    third = task.progress_reports.get(number=3)
    opens = third.due_date - dt.timedelta(days=30)
    with pytest.raises(services.TaskError) as refused:
        progress.submit_progress(task, people.pi, summary="Kỳ 3 nộp sớm")
    assert str(refused.value) == (f"progress report 3 (due {third.due_date.isoformat()}) can be filed from "
                                  f"{opens.isoformat()}")
    third.refresh_from_db()
    assert third.submitted_at is None
    later = timezone.make_aware(dt.datetime.combine(opens, dt.time(9)))
    with mock.patch("stinet.tasks.progress.now", return_value=later), \
            mock.patch("stinet.tasks.services.now", return_value=later):  # (its today(): Vietnam's date)
        assert progress.submit_progress(task, people.pi, summary="Kỳ 3").number == 3


def test_documents_are_checked(people):
    task = drive(people, "in_progress")
    with pytest.raises(services.TaskError, match="attach a"):
        services.attach_document(task, people.pi, "other", upload("virus.exe"))
    with pytest.raises(services.TaskError, match="the file is empty"):
        services.attach_document(task, people.pi, "other", upload("trong.pdf", b""))
    with pytest.raises(PermissionDenied):
        services.attach_document(task, people.pi2, "other", upload("a.pdf"))
    document = services.attach_document(task, people.pi, "other", upload("Phụ lục số 1.pdf"))
    assert document.file.name.startswith(f"tasks/{task.pk}/") and document.file.read().startswith(b"%PDF")


@pytest.mark.parametrize("kind", ["acceptance_minutes", "selection_minutes", "contract", "registration"])
def test_minutes_contracts_and_registrations_come_only_from_task_managers(people, kind):
    task = drive(people, "evaluating")  # pi proposed it and leads it
    with pytest.raises(PermissionDenied) as refused:
        services.attach_document(task, people.pi, kind, upload("bien-ban.pdf"))
    assert str(refused.value) == ("only a task manager may attach council minutes, the contract or the "
                                  "registration certificate")
    assert not task.documents.filter(kind=kind, uploaded_by=people.pi).exists()
    assert services.attach_document(task, people.manager, kind, upload("bien-ban.pdf")).kind == kind


def test_the_investigator_attaches_their_reports_but_not_the_acceptance_minutes(people):
    task = drive(people, "in_progress")
    for kind in ("progress_report", "summary_report", "final_report", "other"):
        assert services.attach_document(task, people.pi, kind, upload(f"{kind}.pdf")).kind == kind
    with pytest.raises(PermissionDenied, match="only a task manager may attach council minutes"):
        services.transition(task, "submit_final", people.pi, results="Kết quả",
                            documents={"acceptance_minutes": upload("bb.pdf")})
    task = services.transition(task, "submit_final", people.pi, results="Kết quả")
    councils.form_council(task, people.manager, "acceptance", [people.c1, people.c2, people.c3])
    for member in (people.c1, people.c2, people.c3):
        councils.score(task, member, "acceptance", value=90)
    with pytest.raises(services.TaskError, match="it needs the acceptance council minutes"):
        services.transition(task, "accept", people.manager)


def test_every_transition_is_audited_with_before_and_after(people):
    task = drive(people, "published")
    entries = AuditEntry.objects.filter(object_type="task", object_id=str(task.pk), action__in=[
        f"task-{a}" for a in TRANSITIONS]).order_by("at", "id")
    assert [e.action for e in entries] == [f"task-{a}" for a in PATHS["published"] if not a.startswith("*")]
    publish = entries.last()
    assert (publish.before["status"], publish.after["status"]) == ("registered", "published")
    assert publish.after["result_work_id"] == task.result_work_id
    assert publish.actor_label == "t-manager"
    signed, submitted = (entries.get(action=f"task-{a}") for a in ("sign_contract", "submit_final"))
    assert signed.after["actual_start"] == task.actual_start.isoformat()  # review 25: the effects' dates too
    assert (submitted.before["actual_end"], submitted.after["actual_end"]) == (None, task.actual_end.isoformat())


def test_publication_creates_a_catalogue_report_held_by_the_host(people, client):
    from stinet.search.base import SearchRequest
    from stinet.search.service import search_json

    task = drive(people, "published")
    work = task.result_work
    assert work.type == "report" and work.title == task.title
    assert work.identifiers == {"task": [task.code]}
    assert work.creators[0] == {"name": "Nguyễn Văn Pi", "role": "author"}
    holding = Holding.objects.get(work=work)
    assert (holding.organisation.code, holding.local_id, holding.call_number) == ("HPU", task.code, "2026-30218-ĐKKQ")
    assert task.documents.get(kind="final_report").archived
    found = search_json(SearchRequest(q="da dang sinh hoc ran san ho cat ba", filters={"type": ["report"]}), "vi")
    assert [r["id"] for r in found["results"]] == [work.pk]
    record = client.get("/oai", {"verb": "GetRecord", "metadataPrefix": "oai_dc",
                                 "identifier": f"oai:stinet.local:work/{work.pk}"}).content.decode()
    assert task.title in record and "<error" not in record
    page = client.get(f"/works/{work.pk}/").content.decode()
    assert f'href="/tasks/{task.pk}/"' in page


def test_a_result_already_held_by_a_member_is_merged_not_duplicated(people, write_csv):
    from stinet.ingest.services import import_file

    title = "Nghiên cứu đa dạng sinh học rạn san hô Cát Bà"
    import_file(write_csv([{"dc.title": title, "id": "L1", "dc.type": "Báo cáo kết quả nghiên cứu",
                            "dc.date.issued": str(timezone.localdate().year),
                            "dc.contributor.author": "Nguyễn Văn Pi"}], "lib.csv"), "HPU")
    from stinet.catalog.services import add_organisation

    held = Holding.objects.get(local_id="L1").work
    task = drive(people, "registered", title=title)
    task.host = add_organisation("IMER", "Viện Tài nguyên và Môi trường biển", kind="institute", member=True)
    task.save()
    task = services.transition(task, "publish", people.manager)
    assert task.result_work == held
    assert sorted(h.organisation.code for h in held.holdings.all()) == ["HPU", "IMER"]
