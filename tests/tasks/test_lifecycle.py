"""The life-cycle table, council arithmetic and deadlines as tables of cases (pure, no database)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import translation

from stinet.tasks import lifecycle, scoring
from stinet.tasks.deadlines import add_months, due_dates, is_overdue
from stinet.tasks.lifecycle import STATES, TRANSITIONS, refusal, step_of, target_of

ACTORS = ("task_manager", "investigator", "proposer", "council_member", "applicant", "nobody")
# Written out by hand from the five steps (DESIGN section 3): (action, from, actor) -> to.
ALLOWED = {
    ("approve", "proposed", "task_manager"): "listed",
    ("reject", "proposed", "task_manager"): "rejected",
    ("withdraw", "proposed", "proposer"): "cancelled",
    ("open_selection", "listed", "task_manager"): "selecting",
    ("assign", "listed", "task_manager"): "awarded",
    ("select", "selecting", "task_manager"): "awarded",
    ("sign_contract", "awarded", "task_manager"): "in_progress",
    ("submit_final", "in_progress", "investigator"): "evaluating",
    ("accept", "evaluating", "task_manager"): "accepted",
    ("register", "accepted", "task_manager"): "registered",
    ("publish", "registered", "task_manager"): "published",
    **{("stop", s, "task_manager"): "stopped" for s in ("selecting", "awarded", "in_progress", "evaluating")},
    **{("cancel", s, "task_manager"): "cancelled"
       for s in ("proposed", "listed", "selecting", "awarded", "in_progress", "evaluating", "stopped")},
    ("reopen", "stopped", "task_manager"): "in_progress",  # where it was stopped (here: in progress)
    ("reopen", "rejected", "task_manager"): "proposed",
}


def _all_present(rule: lifecycle.Transition) -> dict[str, bool]:
    """Every requirement of a transition met."""
    return {**dict.fromkeys(rule.requires, True), **{f"doc:{d}": True for d in rule.documents}}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(("action", "state", "actor"), list(itertools.product(TRANSITIONS, STATES, ACTORS)))
def test_the_table_allows_exactly_the_written_transitions(action, state, actor):
    rule = TRANSITIONS[action]
    reason = refusal(rule, state, {actor}, _all_present(rule))
    expected = ALLOWED.get((action, state, actor))
    if expected is None:
        assert reason, f"{actor} may not {action} from {state}"
    else:
        assert reason is None, reason
        assert target_of(rule, state, "in_progress", rating="pass") == expected


@pytest.mark.parametrize(("action", "actor", "message"), [
    ("approve", "investigator", "only a task manager may approve a proposal"),
    ("approve", "nobody", "only a task manager may approve a proposal"),
    ("withdraw", "task_manager", "only the proposer may withdraw a proposal"),
    ("submit_final", "task_manager", "only the principal investigator may submit the final report"),
    ("publish", "council_member", "only a task manager may publish a result"),
    ("sign_contract", "investigator", "only a task manager may sign a contract"),
])
def test_the_wrong_person_is_told_who_may(action, actor, message):
    rule = TRANSITIONS[action]
    state = next(iter(rule.sources))
    assert refusal(rule, state, {actor}, _all_present(rule)) == message


def test_the_wrong_state_is_named_with_the_states_that_would_do():
    reason = refusal(TRANSITIONS["approve"], "in_progress", {"task_manager"}, _all_present(TRANSITIONS["approve"]))
    assert reason == "cannot approve the proposal into the year's task list: the task is in progress " \
                     "(allowed when: proposed, awaiting review)"


@pytest.mark.parametrize(("missing", "said"), [
    (["budget_state", "planned_end"], "a budget, an end date"),
    (["doc:contract"], "the signed contract (document)"),
    (["end_after_start"], "an end date after the start date"),
])
def test_missing_fields_and_documents_are_named(missing, said):
    rule = TRANSITIONS["sign_contract"]
    present = {**_all_present(rule), **dict.fromkeys(missing, False)}
    assert refusal(rule, "awarded", {"task_manager"}, present) == f"cannot sign the contract: it needs {said}"


def test_every_requirement_and_document_of_the_table_has_a_name():
    for rule in TRANSITIONS.values():
        for name in (*rule.requires, *(f"doc:{d}" for d in rule.documents)):
            assert name in lifecycle.REQUIREMENTS, (rule.action, name)


@pytest.mark.parametrize(("state", "previous", "step"), [
    ("proposed", "", 1), ("rejected", "", 1), ("listed", "", 1), ("selecting", "", 2), ("awarded", "", 2),
    ("in_progress", "", 3), ("evaluating", "", 4), ("accepted", "", 4), ("failed", "", 4), ("registered", "", 5),
    ("published", "", 5), ("stopped", "in_progress", 3), ("stopped", "evaluating", 4), ("cancelled", "listed", 1),
    ("cancelled", "awarded", 2), ("cancelled", "", 1),
])
def test_step_of_each_state(state, previous, step):
    assert step_of(state, previous) == step


@pytest.mark.parametrize(("rating", "target"), [("excellent", "accepted"), ("pass", "accepted"), ("fail", "failed")])
def test_acceptance_leads_by_rating(rating, target):
    assert target_of(TRANSITIONS["accept"], "evaluating", "", rating) == target


def test_reopen_returns_where_the_task_was():
    assert target_of(TRANSITIONS["reopen"], "stopped", "evaluating") == "evaluating"
    assert target_of(TRANSITIONS["reopen"], "rejected", "") == "proposed"


M = scoring.Mark


@pytest.mark.parametrize(("marks", "order", "means"), [
    ([M(1, 10, 80), M(2, 10, 70), M(3, 10, None, True), M(1, 11, 60), M(2, 11, 65), M(3, 11, 90)],
     [10, 11], [75.0, 71.67]),
    # the conflicted member's high score is not counted
    ([M(1, 10, 60), M(2, 10, 100, True), M(1, 11, 70)], [11, 10], [70.0, 60.0]),
    # no counted score: last, in order of application
    ([M(1, 11, 50)], [11, 10], [50.0, None]),
    ([M(1, 10, 70), M(1, 11, 70)], [10, 11], [70.0, 70.0]),  # a tie goes to the earlier application
])
def test_ranking_by_mean_of_counted_scores(marks, order, means):
    ranked = scoring.rank([10, 11], marks)
    assert [r.subject for r in ranked] == order
    assert [r.mean for r in ranked] == means


@pytest.mark.parametrize(("scores", "rating"), [
    ((90, 88, 86, 95), "excellent"), ((90, 88, 86, 70), "excellent"), ((90, 88, 70, 70), "pass"),
    ((60, 55, 50, 40), "pass"), ((60, 55, 40, 40), "fail"), ((), None), ((49.9,), "fail"), ((85,), "excellent"),
])
def test_acceptance_rating(scores, rating):
    assert scoring.rating([M(i, None, s) for i, s in enumerate(scores)]) == rating


def test_a_conflict_is_left_out_of_the_rating():
    marks = [M(1, None, 90), M(2, None, 90), M(3, None, 90), M(4, None, 10, True)]
    assert scoring.rating(marks) == "excellent"
    assert scoring.mean_score(marks) == 90.0


@pytest.mark.parametrize(("members", "marks", "done"), [
    ([1, 2], [M(1, None, 80), M(2, None, None, True)], True),
    ([1, 2], [M(1, None, 80)], False),
    ([1], [M(1, None, None, True)], False),  # nobody counted
    ([], [], False),
])
def test_a_council_is_complete_when_every_member_scored_or_declared(members, marks, done):
    assert scoring.complete(members, marks) is done


@pytest.mark.parametrize(("start", "end", "every", "dates"), [
    (dt.date(2025, 1, 31), dt.date(2026, 1, 31), 6, [dt.date(2025, 7, 31)]),
    (dt.date(2025, 1, 1), dt.date(2026, 12, 31), 6, [dt.date(2025, 7, 1), dt.date(2026, 1, 1), dt.date(2026, 7, 1)]),
    (dt.date(2025, 8, 31), dt.date(2025, 11, 30), 1, [dt.date(2025, 9, 30), dt.date(2025, 10, 31)]),
    (dt.date(2025, 1, 1), dt.date(2025, 3, 1), 6, []),
    (dt.date(2025, 1, 1), dt.date(2024, 1, 1), 6, []),
])
def test_progress_reports_fall_due_every_period_before_the_end(start, end, every, dates):
    assert due_dates(start, end, every) == dates


def test_months_and_overdue():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 15), 3) == dt.date(2025, 2, 15)
    today = dt.date(2026, 5, 1)
    assert is_overdue(dt.date(2026, 4, 30), False, today)
    assert not is_overdue(dt.date(2026, 4, 30), True, today)
    assert not is_overdue(dt.date(2026, 5, 1), False, today)
