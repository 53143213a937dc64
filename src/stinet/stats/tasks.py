"""Statistics of S&T tasks: by level, status, field, host and year; budgets per year; deadlines (staff).

Counts are over the public task database (`Task.objects.public()`, what /api/tasks lists), within
the period (plan year) and the host organisation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from stinet.search.documents import top_field
from stinet.stats.tables import Chart, Column, Filters, Table
from stinet.tasks.lifecycle import STATES, state_label
from stinet.tasks.models import LEVELS, Task


def vocab_label(table: dict[str, tuple[str, str]], code: str, lang: str) -> str:
    """A vocabulary label in `lang`, the code itself when unknown."""
    pair = table.get(code)
    return (pair[1] if lang == "en" else pair[0]) if pair else code


# Tasks with a signed contract (a task awarded but not yet signed has only the budget it asked for)
CONTRACTED = frozenset({"in_progress", "evaluating", "accepted", "failed", "registered", "published", "stopped"})


def counted_tasks(filters: Filters, rows: QuerySet | None = None) -> QuerySet:
    """The public tasks within the period (plan year) and of the host organisation."""
    rows = Task.objects.public() if rows is None else rows
    if filters.year_from:
        rows = rows.filter(year__gte=filters.year_from)
    if filters.year_to:
        rows = rows.filter(year__lte=filters.year_to)
    if filters.org:
        rows = rows.filter(host__code=filters.org)
    return rows


def _columns(first: str) -> list[Column]:
    """A label column and a count column of tasks."""
    return [Column("label", first, "text"), Column("count", _("Tasks"))]


def _table(key: str, title: str, first: str, rows: list[dict[str, Any]], chart: Chart) -> Table:
    """A count table with its total row."""
    return Table(key, title, _columns(first), rows, {"label": _("Total"), "count": sum(r["count"] for r in rows)},
                 chart)


def by_vocabulary(tasks: QuerySet, column: str, table: dict[str, Any], label: Any) -> list[dict[str, Any]]:
    """Counts per value of a column in the vocabulary's order (values outside it last)."""
    counts = dict(tasks.order_by().values_list(column).annotate(n=Count("id")))
    order = [c for c in table if counts.get(c)] + sorted(c for c in counts if c not in table)
    return [{"code": c, "label": label(c), "count": counts[c]} for c in order]


def field_rows(codes: list[str], names: dict[str, str]) -> list[dict[str, Any]]:
    """Counts per top-level field of science of field codes ('' when not classified)."""
    counts = Counter(top_field(code or "") for code in codes)
    rows = [{"code": c, "label": names.get(c, c), "count": counts[c]} for c in sorted(k for k in counts if k)]
    if counts.get(""):
        rows.append({"code": "", "label": _("Not classified"), "count": counts[""]})
    return rows


def host_rows(tasks: QuerySet, lang: str) -> list[dict[str, Any]]:
    """Counts per host organisation, most tasks first."""
    found = (tasks.order_by().values("host__code", "host__name_vi", "host__name_en")
             .annotate(n=Count("id")).order_by("-n", "host__code"))
    rows = []
    for r in found:
        name = (r["host__name_en"] if lang == "en" and r["host__name_en"] else r["host__name_vi"])
        rows.append({"code": r["host__code"] or "", "label": name or _("No host yet"), "count": r["n"]})
    return rows


def task_tables(filters: Filters, lang: str, fields: dict[str, str]) -> list[Table]:
    """Tasks by level, status, field of science, host organisation and plan year."""
    tasks = counted_tasks(filters)
    years = dict(tasks.order_by().values_list("year").annotate(n=Count("id")))
    return [
        _table("tasks_by_level", _("Tasks by level"), _("Level"),
               by_vocabulary(tasks, "level", LEVELS, lambda c: vocab_label(LEVELS, c, lang)), Chart("doughnut")),
        _table("tasks_by_status", _("Tasks by status"), _("Status"),
               by_vocabulary(tasks, "status", STATES, lambda c: state_label(c, lang)), Chart("bar", horizontal=True)),
        _table("tasks_by_field", _("Tasks by field of science"), _("Field of science"),
               field_rows(list(tasks.values_list("field_code", flat=True)), fields), Chart("bar", horizontal=True)),
        _table("tasks_by_host", _("Tasks by host organisation"), _("Host organisation"), host_rows(tasks, lang),
               Chart("bar", horizontal=True)),
        _table("tasks_by_year", _("Tasks by plan year"), _("Year"),
               [{"code": str(y), "label": str(y), "count": years[y]} for y in sorted(years)], Chart("bar")),
    ]


def budget_table(filters: Filters) -> Table:
    """Contracted budgets (VND) per plan year: state budget, other sources, total, tasks with a budget (under
    contract: as form 04/KHCN-NV counts them)."""
    found = (counted_tasks(filters).filter(Q(budget_state__isnull=False) | Q(budget_other__isnull=False),
                                           status__in=CONTRACTED)
             .order_by().values("year").annotate(n=Count("id"), state=Sum("budget_state"), other=Sum("budget_other"))
             .order_by("year"))
    rows = [{"code": str(r["year"]), "label": str(r["year"]), "tasks": r["n"], "state": r["state"] or 0,
             "other": r["other"] or 0, "total": (r["state"] or 0) + (r["other"] or 0)} for r in found]
    columns = [Column("label", _("Year"), "text"), Column("tasks", _("Tasks with a budget")),
               Column("state", _("State budget (VND)"), "money"), Column("other", _("Other sources (VND)"), "money"),
               Column("total", _("Total (VND)"), "money")]
    total = {"label": _("Total"), **{k: sum(r[k] for r in rows) for k in ("tasks", "state", "other", "total")}}
    return Table("tasks_budget_by_year", _("Task budgets per plan year"), columns, rows, total,
                 Chart("bar", ("state", "other"), stacked=True),
                 _("Budgets of the contracts (state budget and other sources), by the plan year of the task."))


def alert_rows(filters: Filters, today: dt.date) -> list[dict[str, Any]]:
    """What is late or waiting, within the filters: overdue tasks and reports, proposals, requests."""
    from stinet.tasks.deadlines import dashboard

    board = dashboard(today)
    tasks = counted_tasks(filters, Task.objects.all())
    ids = tasks.values("id")
    late_reports = board.overdue_reports.filter(task_id__in=ids)
    rows = [
        ("overdue_contracts", _("Tasks past their contract end date"),
         board.contracts_overdue.filter(id__in=ids).count()),
        ("overdue_report_tasks", _("Tasks with an overdue progress report"),
         late_reports.order_by().values("task_id").distinct().count()),
        ("overdue_reports", _("Overdue progress reports"), late_reports.count()),
        ("reports_due_soon", _("Progress reports due within 30 days"),
         board.reports_due_soon.filter(task_id__in=ids).count()),
        ("proposals", _("Proposals awaiting review"), board.proposals.filter(id__in=ids).count()),
        ("adjustments", _("Adjustment requests awaiting a decision"),
         board.adjustments.filter(task_id__in=ids).count()),
    ]
    return [{"code": code, "label": label, "count": n} for code, label, n in rows]


def alerts_table(filters: Filters, today: dt.date) -> Table:
    """The managers' table of what is overdue or waiting (all tasks, proposals included)."""
    return Table("task_alerts", _("Deadlines and pending decisions"), _columns(_("Item")),
                 alert_rows(filters, today), None, Chart("bar", horizontal=True),
                 _("As of %(day)s; all tasks of the period and host, proposals included.")
                 % {"day": today.strftime("%d/%m/%Y")})
