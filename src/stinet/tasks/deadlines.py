"""Deadlines: when progress reports fall due, and what the manager's dashboard lists as due or overdue."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from stinet.tasks.models import Adjustment, ProgressReport, Task

SOON_DAYS = 30  # reports due within this many days are "due soon"
ENDING_DAYS = 60  # contracts ending within this many days are listed


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_dates(start: dt.date, end: dt.date, every_months: int) -> list[dt.date]:
    """Progress reports every `every_months` after the start, strictly before the end (the final report)."""
    if every_months < 1 or end <= start:
        return []
    dates, k = [], 1
    while (day := add_months(start, k * every_months)) < end:
        dates.append(day)
        k += 1
    return dates


def is_overdue(due: dt.date, submitted: bool, today: dt.date) -> bool:
    """Past its date and not submitted."""
    return not submitted and due < today


@dataclass
class Dashboard:
    """What a task manager must look at today."""

    today: dt.date
    proposals: QuerySet
    overdue_reports: QuerySet
    reports_due_soon: QuerySet
    contracts_ending: QuerySet
    contracts_overdue: QuerySet
    adjustments: QuerySet
    selections: QuerySet
    evaluations: QuerySet


def overdue_reports(today: dt.date) -> QuerySet:
    """Progress reports of tasks in progress that are past due and not submitted, oldest first."""
    return ProgressReport.objects.filter(task__status="in_progress", submitted_at__isnull=True,
                                         due_date__lt=today).select_related("task").order_by("due_date")


def dashboard(today: dt.date) -> Dashboard:
    """Proposals to review, reports overdue or due soon, contracts ending, pending requests, councils at work."""
    soon = today + dt.timedelta(days=SOON_DAYS)
    ending = today + dt.timedelta(days=ENDING_DAYS)
    running = Task.objects.filter(status="in_progress").select_related("host")
    return Dashboard(
        today=today,
        proposals=Task.objects.filter(status="proposed").order_by("proposed_at"),
        overdue_reports=overdue_reports(today),
        reports_due_soon=ProgressReport.objects.filter(task__status="in_progress", submitted_at__isnull=True,
                                                       due_date__gte=today, due_date__lte=soon)
        .select_related("task").order_by("due_date"),
        contracts_ending=running.filter(planned_end__gte=today, planned_end__lte=ending).order_by("planned_end"),
        contracts_overdue=running.filter(planned_end__lt=today).order_by("planned_end"),
        adjustments=Adjustment.objects.filter(status="pending").select_related("task").order_by("requested_at"),
        selections=Task.objects.filter(status="selecting").annotate(n_applications=Count("applications"))
        .order_by("code"),
        evaluations=Task.objects.filter(status="evaluating").annotate(
            n_scores=Count("councils__reviews", filter=Q(councils__kind="acceptance"))).order_by("code"),
    )
