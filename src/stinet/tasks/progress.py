"""Step 3 work: periodic progress reports against their deadlines, adjustment requests and decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from stinet.catalog.services import audit
from stinet.tasks.councils import check_activity
from stinet.tasks.deadlines import add_months, due_dates
from stinet.tasks.lifecycle import MAX_CONTRACT_YEARS
from stinet.tasks.models import ADJUSTMENT_KINDS, Adjustment, ProgressReport, Task
from stinet.tasks.services import (
    INT_FIELDS,
    TaskError,
    _store_document,
    check_range,
    check_text,
    label_of,
    now,
    save_task,
    snapshot,
    today,
)
from stinet.vietnamese import nfc

FILE_FROM_DAYS = 30  # a progress report can be filed from this many days before its due date


def schedule_reports(task: Task) -> list[ProgressReport]:
    """Progress reports due every `report_every_months` of the contract (unsubmitted future ones re-planned)."""
    if not (task.planned_start and task.planned_end):
        return []
    kept = task.progress_reports.filter(submitted_at__isnull=False)
    done = {r.number for r in kept}
    task.progress_reports.filter(submitted_at__isnull=True).delete()
    created = []
    for number, due in enumerate(due_dates(task.planned_start, task.planned_end, task.report_every_months), 1):
        if number not in done:
            created.append(ProgressReport.objects.create(task=task, number=number, due_date=due))
    return created


def submit_progress(task: Task, user: Any, *, summary: str, percent_done: int | None = None,
                    number: int | None = None, document: Any = None) -> ProgressReport:
    """The PI's progress report for a period (default: the earliest one not yet submitted)."""
    check_activity(task, "report_progress", user)
    if not nfc(summary).strip():
        raise TaskError(_("a progress report needs a summary of the work done"))
    if percent_done is not None and not 0 <= percent_done <= 100:
        raise TaskError(_("percent done: between 0 and 100"))
    check_text(ProgressReport, summary=nfc(summary).strip())
    with transaction.atomic():
        open_reports = task.progress_reports.filter(submitted_at__isnull=True).order_by("number")
        report = open_reports.filter(number=number).first() if number else open_reports.first()
        if report is None:
            raise TaskError(_("no progress report is waiting for this task"))
        opens = report.due_date - dt.timedelta(days=FILE_FROM_DAYS)
        if today() < opens:
            raise TaskError(_("progress report %(n)d (due %(due)s) can be filed from %(opens)s") % {
                "n": report.number, "due": report.due_date.isoformat(), "opens": opens.isoformat()})
        if document is not None:
            report.document = _store_document(task, user, "progress_report", document)
        report.summary, report.percent_done = nfc(summary).strip(), percent_done
        report.submitted_at, report.submitted_by = now(), user
        report.save()
        audit(label_of(user), "task-progress", task, after={"report": report.number, "late": report.late,
                                                             "percent_done": percent_done}, user=user)
    return report


def request_adjustment(task: Task, user: Any, *, kind: str, reason: str, new_end: dt.date | None = None,
                       new_budget_state: int | None = None, new_objectives: str = "",
                       document: Any = None) -> Adjustment:
    """The PI asks to change the content, the time or the budget of a task in progress."""
    check_activity(task, "request_adjustment", user)
    if kind not in ADJUSTMENT_KINDS:
        raise TaskError(_("adjustment %(kind)r: content, time or budget") % {"kind": kind})
    if not nfc(reason).strip():
        raise TaskError(_("an adjustment request needs a reason"))
    if kind == "time" and (new_end is None or (task.planned_end and new_end <= task.planned_end)):
        raise TaskError(_("a time adjustment needs a new end date after the current one"))
    if kind == "budget" and (new_budget_state is None or new_budget_state < 0):
        raise TaskError(_("a budget adjustment needs the new budget"))
    if kind == "content" and not nfc(new_objectives).strip():
        raise TaskError(_("a content adjustment needs the new objectives"))
    check_text(Adjustment, reason=nfc(reason).strip(), new_objectives=nfc(new_objectives).strip())
    _check_change(task, kind, new_end, new_budget_state)
    with transaction.atomic():
        adjustment = Adjustment.objects.create(task=task, kind=kind, reason=nfc(reason).strip(), new_end=new_end,
                                               new_budget_state=new_budget_state,
                                               new_objectives=nfc(new_objectives).strip(), requested_by=user)
        if document is not None:
            _store_document(task, user, "adjustment", document)
        audit(label_of(user), "task-adjustment-request", task, after={"adjustment": adjustment.pk, "kind": kind},
              user=user)
    return adjustment


def _check_change(task: Task, kind: str, new_end: dt.date | None, new_budget_state: int | None) -> None:
    """What a contract allows, an adjustment allows: an end at most MAX_CONTRACT_YEARS after the start,
    a budget the contract form would take."""
    if kind == "time" and new_end and task.planned_start:
        latest = add_months(task.planned_start, 12 * MAX_CONTRACT_YEARS)
        if new_end > latest:
            raise TaskError(_("a new end on %(new)s is more than %(years)d years after the start (%(start)s): "
                              "%(latest)s at the latest") % {"new": new_end.isoformat(), "years": MAX_CONTRACT_YEARS,
                                                             "start": task.planned_start.isoformat(),
                                                             "latest": latest.isoformat()})
    if kind == "budget" and new_budget_state is not None:
        check_range("new_budget_state", new_budget_state, *INT_FIELDS["budget_state"])


def _recheck(task: Task, adjustment: Adjustment) -> None:
    """Refuse to approve an adjustment that no longer makes sense (a time "extension" ending before the current end)."""
    if adjustment.kind == "time" and task.planned_end and (adjustment.new_end is None or
                                                           adjustment.new_end <= task.planned_end):
        raise TaskError(_("the contract now ends on %(end)s: a new end on %(new)s would not extend it; refuse this "
                          "request") % {"end": task.planned_end.isoformat(),
                                        "new": adjustment.new_end.isoformat() if adjustment.new_end else "-"})
    if adjustment.kind == "budget" and (adjustment.new_budget_state is None or adjustment.new_budget_state < 0):
        raise TaskError(_("a budget adjustment needs the new budget"))
    if adjustment.kind == "content" and not adjustment.new_objectives.strip():
        raise TaskError(_("a content adjustment needs the new objectives"))
    _check_change(task, adjustment.kind, adjustment.new_end, adjustment.new_budget_state)


def decide_adjustment(adjustment: Adjustment, user: Any, *, approve: bool, note: str = "") -> Adjustment:
    """The manager approves (the change is applied, reports re-planned) or refuses an adjustment."""
    task = adjustment.task
    check_activity(task, "decide_adjustment", user)
    if adjustment.status != "pending":
        raise TaskError(_("this adjustment has been decided already"))
    check_text(Adjustment, decision_note=nfc(note).strip())
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)  # as it is now: another decision may have changed it
        if approve:
            _recheck(task, adjustment)
        before = snapshot(task)
        if approve:
            if adjustment.kind == "time":
                task.planned_end = adjustment.new_end
            elif adjustment.kind == "budget":
                task.budget_state = adjustment.new_budget_state
            else:
                task.objectives = adjustment.new_objectives
            save_task(task)
            if adjustment.kind == "time":
                schedule_reports(task)
        adjustment.status = "approved" if approve else "refused"
        adjustment.decided_by, adjustment.decided_at = label_of(user), now()
        adjustment.decision_note = nfc(note).strip()
        adjustment.save()
        audit(label_of(user), f"task-adjustment-{adjustment.status}", task, before=before,
              after={**snapshot(task), "adjustment": adjustment.pk}, user=user)
    return adjustment
