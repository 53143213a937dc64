"""`stinet task list` and `stinet task show`: S&T tasks on the command line (added by `register(main)`)."""

from __future__ import annotations

from typing import Any

import click

from stinet.appcli import command


@click.group("task")
def task() -> None:
    """S&T tasks through their five-step life cycle."""


@task.command("list")
@click.option("--status", default="", help="Only tasks in this state (proposed, listed, selecting, awarded, "
                                           "in_progress, evaluating, accepted, failed, registered, published, "
                                           "stopped, cancelled, rejected).")
@click.option("--overdue", is_flag=True, help="Only tasks in progress with a progress report overdue or a "
                                              "contract past its end date.")
@command
def task_list(status: str, overdue: bool) -> None:
    """List tasks: code, step, status, year, title (and what is overdue)."""
    from django.utils import timezone

    from stinet.tasks.deadlines import overdue_reports
    from stinet.tasks.lifecycle import STATES
    from stinet.tasks.models import Task

    if status and status not in STATES:
        raise click.BadParameter(f"{status!r}: one of {', '.join(STATES)}", param_hint="--status")
    rows = Task.objects.select_related("host").order_by("-year", "code")
    if status:
        rows = rows.filter(status=status)
    notes: dict[int, list[str]] = {}
    if overdue:
        today = timezone.localdate()
        for report in overdue_reports(today):
            notes.setdefault(report.task_id, []).append(f"report #{report.number} due {report.due_date}")
        for t in Task.objects.filter(status="in_progress", planned_end__lt=today):
            notes.setdefault(t.pk, []).append(f"contract ended {t.planned_end}")
        rows = rows.filter(pk__in=notes)
    count = 0
    for t in rows:
        count += 1
        late = f"  OVERDUE: {'; '.join(notes[t.pk])}" if t.pk in notes else ""
        click.echo(f"{t.code:<14} {t.step} {t.status:<11} {t.year}  {t.title[:70]}{late}")
    click.echo(f"{count} tasks")


@task.command("show")
@click.argument("code")
@command
def task_show(code: str) -> None:
    """Show one task (CODE with or without diacritics, or its number): facts, deadlines, councils, history."""
    from django.utils import timezone

    from stinet.catalog.models import AuditEntry
    from stinet.tasks.deadlines import is_overdue
    from stinet.tasks.services import find

    t = find(code)
    today = timezone.localdate()
    lines = [
        f"{t.code}  {t.title}", f"step {t.step}, {t.status} ({t.status_label('en')})",
        f"level {t.level}, kind {t.kind}, field {t.field_code or '-'}, year {t.year}",
        f"host: {t.host.code + ' ' + t.host.name_vi if t.host_id else '-'}",
        f"principal investigator: {t.investigator_name or '-'}",
        f"budget (VND): state {t.budget_state or '-'}, other {t.budget_other or '-'}",
        f"planned: {t.planned_start or '-'} .. {t.planned_end or '-'}; contract {t.contract_number or '-'}",
    ]
    if t.rating:
        lines.append(f"acceptance: {t.rating} (mean score {t.acceptance_score})")
    if t.registration_number:
        lines.append(f"registration: {t.registration_number} of {t.registration_date}")
    if t.result_work_id:
        lines.append(f"published as work {t.result_work_id}")
    for r in t.progress_reports.all():
        late = t.status == "in_progress" and is_overdue(r.due_date, False, today)
        state = "submitted" if r.submitted_at else ("OVERDUE" if late else "due")
        lines.append(f"progress report #{r.number} {r.due_date}: {state}")
    for council in t.councils.prefetch_related("members"):
        lines.append(f"{council.kind} council: {', '.join(m.username for m in council.members.all())}")
    for entry in AuditEntry.objects.filter(object_type="task", object_id=str(t.pk)).order_by("at", "id"):
        lines.append(f"  {entry.at:%Y-%m-%d %H:%M} {entry.actor_label} {entry.action}")
    click.echo("\n".join(lines))


def register(main: Any) -> None:
    """Add `stinet task` to the `stinet` group."""
    main.add_command(task)
