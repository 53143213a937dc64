"""What each transition does besides moving the state (called by services.transition, inside its transaction)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from stinet.tasks import scoring
from stinet.tasks.models import Task
from stinet.tasks.services import TaskError, add_member, now, today


def apply_effects(task: Task, action: str, user: Any, values: dict[str, Any]) -> str:
    """Run the action's effects; returns the acceptance rating for "accept" ('' otherwise)."""
    handler = _EFFECTS.get(action)
    return (handler(task, user, values) or "") if handler else ""


def _approve(task: Task, user: Any, values: dict[str, Any]) -> None:
    """Into the year's list: from now on the task is public."""
    task.listed_at = task.listed_at or now()


def _assign(task: Task, user: Any, values: dict[str, Any]) -> None:
    """Direct assignment: the host and the PI named by the manager."""
    task.selection_mode = "direct"
    add_member(task, task.investigator_name, "investigator", task.investigator)


def _select(task: Task, user: Any, values: dict[str, Any]) -> None:
    """Selection: the chosen application (default: the best ranked) gives the host, the PI and a budget."""
    from stinet.tasks.councils import ranking

    ranked = [(a, r) for a, r in ranking(task) if r.mean is not None]
    wanted = values.get("application")
    chosen = next((a for a, _r in ranked if a.pk == wanted), None) if wanted else ranked[0][0]
    if chosen is None:
        raise TaskError(_("application %(id)s has no counted score: choose a scored application") % {"id": wanted})
    chosen.chosen = True
    chosen.save(update_fields=["chosen"])
    task.selection_mode = "selection"
    task.host = chosen.host
    task.investigator = chosen.applicant
    task.investigator_name = chosen.investigator_name
    if task.budget_state is None:
        task.budget_state = chosen.budget_requested
    add_member(task, chosen.investigator_name, "investigator", chosen.applicant)


def _sign_contract(task: Task, user: Any, values: dict[str, Any]) -> None:
    """The contract starts the work and schedules the progress reports."""
    from stinet.tasks.progress import schedule_reports

    if task.budget_state is not None and task.budget_state < 0 or (task.budget_other or 0) < 0:
        raise TaskError(_("a budget cannot be negative"))
    task.actual_start = task.planned_start
    schedule_reports(task)


def _submit_final(task: Task, user: Any, values: dict[str, Any]) -> None:
    """The work ends when its final report comes in: the progress reports due after it are not asked for any
    more (those due before stay, submitted or missed: the task's record)."""
    task.actual_end = today()
    if task.actual_start is None or task.actual_start > task.actual_end:  # done before its planned start: begun then
        task.actual_start = min(filter(None, (task.contract_date, task.actual_end)))
    task.progress_reports.filter(submitted_at__isnull=True, due_date__gt=task.actual_end).delete()


def _accept(task: Task, user: Any, values: dict[str, Any]) -> str:
    """The acceptance council's rating and mean score."""
    from stinet.tasks.councils import acceptance_marks

    _members, marks = acceptance_marks(task)
    task.rating = scoring.rating(marks) or "fail"
    task.acceptance_score = scoring.mean_score(marks)
    task.accepted_at = now()
    return task.rating


def _register(task: Task, user: Any, values: dict[str, Any]) -> None:
    """Registration archives the dossier: the final report and the acceptance minutes."""
    task.documents.filter(kind__in=("final_report", "summary_report", "acceptance_minutes", "registration")) \
        .update(archived=True)
    task.archived_at = now()


def _publish(task: Task, user: Any, values: dict[str, Any]) -> None:
    """The result becomes a research-result report in the union catalogue, held by the host."""
    from stinet.tasks.publication import publish_result

    task.result_work = publish_result(task, user)
    task.published_at = now()


_EFFECTS = {"approve": _approve, "assign": _assign, "select": _select, "sign_contract": _sign_contract,
            "submit_final": _submit_final, "accept": _accept, "register": _register, "publish": _publish}
