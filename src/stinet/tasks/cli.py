"""`stinet task list` and `stinet task show`: S&T tasks on the command line (added by `register(main)`)."""

from __future__ import annotations

from typing import Any

import click

from stinet.appcli import command, local_time
from stinet.clihelp import Group

# What the commands print, and their help, is in the command line's language (stinet.clihelp). Codes (task codes,
# states as --status takes them) stay as they are; the history's actions are named as the audit log
# page names them.


@click.group("task", cls=Group)
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
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from stinet.tasks.deadlines import overdue_reports
    from stinet.tasks.lifecycle import STATES
    from stinet.tasks.models import Task

    if status and status not in STATES:
        raise click.BadParameter(_("%(value)r: one of %(all)s") % {"value": status, "all": ", ".join(STATES)},
                                 param_hint="--status")
    rows = Task.objects.select_related("host").order_by("-year", "code")
    if status:
        rows = rows.filter(status=status)
    notes: dict[int, list[str]] = {}
    if overdue:
        today = timezone.localdate()
        for report in overdue_reports(today):
            notes.setdefault(report.task_id, []).append(_("report #%(n)s due %(date)s")
                                                        % {"n": report.number, "date": report.due_date})
        for t in Task.objects.filter(status="in_progress", planned_end__lt=today):
            notes.setdefault(t.pk, []).append(_("contract ended %(date)s") % {"date": t.planned_end})
        rows = rows.filter(pk__in=notes)
    count = 0
    for t in rows:
        count += 1
        late = "  " + _("OVERDUE: %(what)s") % {"what": "; ".join(notes[t.pk])} if t.pk in notes else ""
        click.echo(f"{t.code:<14} {t.step} {t.status:<11} {t.year}  {t.title[:70]}{late}")
    click.echo(ngettext("%(n)s task", "%(n)s tasks", count) % {"n": count})


@task.command("show")
@click.argument("code")
@command
def task_show(code: str) -> None:
    """Show one task (CODE with or without diacritics, or its number): facts, deadlines, councils, history."""
    from stinet.tasks.services import find

    click.echo("\n".join(_task_lines(find(code))))


def _task_lines(t: Any) -> list[str]:
    """A task's facts, deadlines, councils and history, one line each, in the interface language."""
    from django.utils import timezone
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    from stinet.accounts.audit_labels import action_label
    from stinet.catalog.models import AuditEntry
    from stinet.catalog.vocab import interface_lang, label
    from stinet.tasks.deadlines import is_overdue
    from stinet.tasks.models import COUNCIL_KINDS, KINDS, LEVELS
    from stinet.tasks.scoring import RATINGS

    today, lang = timezone.localdate(), interface_lang()
    lines = [
        f"{t.code}  {t.title}",
        _("step %(step)s, %(status)s (%(label)s)") % {"step": t.step, "status": t.status, "label": t.status_label()},
        _("level %(level)s, kind %(kind)s, field %(field)s, year %(year)s")
        % {"level": label(LEVELS, t.level, lang), "kind": label(KINDS, t.kind, lang), "field": t.field_code or "-",
           "year": t.year},
        _("host: %(host)s") % {"host": t.host.code + " " + t.host.name(lang) if t.host_id else "-"},
        _("principal investigator: %(name)s") % {"name": t.investigator_name or "-"},
        _("budget (VND): state %(state)s, other %(other)s") % {"state": t.budget_state or "-",
                                                                "other": t.budget_other or "-"},
        _("planned: %(start)s .. %(end)s; contract %(contract)s")
        % {"start": t.planned_start or "-", "end": t.planned_end or "-", "contract": t.contract_number or "-"},
    ]
    if t.rating:
        lines.append(_("acceptance: %(rating)s (mean score %(score)s)")
                     % {"rating": label(RATINGS, t.rating, lang), "score": t.acceptance_score})
    if t.registration_number:
        lines.append(_("registration: %(number)s of %(date)s")
                     % {"number": t.registration_number, "date": t.registration_date})
    if t.result_work_id:
        lines.append(_("published as work %(id)s") % {"id": t.result_work_id})
    for r in t.progress_reports.all():
        late = t.status == "in_progress" and is_overdue(r.due_date, False, today)
        state = (pgettext("progress report", "submitted") if r.submitted_at
                 else pgettext("progress report", "OVERDUE") if late else pgettext("progress report", "due"))
        lines.append(_("progress report #%(n)s %(date)s: %(state)s") % {"n": r.number, "date": r.due_date,
                                                                         "state": state})
    for council in t.councils.prefetch_related("members"):
        lines.append(f"{label(COUNCIL_KINDS, council.kind, lang)}: "
                     f"{', '.join(m.username for m in council.members.all())}")
    for entry in AuditEntry.objects.filter(object_type="task", object_id=str(t.pk)).order_by("at", "id"):
        lines.append(f"  {local_time(entry.at)} {entry.actor_label} {action_label(entry.action)}")
    return lines


def register(main: Any) -> None:
    """Add `stinet task` to the `stinet` group."""
    main.add_command(task)
