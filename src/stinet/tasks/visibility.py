"""Who may see which parts of a task: the confidential parts are scores, council minutes,
applications, progress details and (if STINET_TASK_BUDGETS_PUBLIC is off) budgets.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from stinet.accounts.permissions import is_admin, roles_of

CONFIDENTIAL_DOCUMENTS = frozenset({"application", "selection_minutes", "acceptance_minutes", "adjustment"})


def is_manager(user: Any) -> bool:
    """Task managers (and network administrators) run the life cycle."""
    return is_admin(user) or any(role == "task_manager" for role, _org in roles_of(user))


def on_council(user: Any, task: Any, kind: str | None = None) -> bool:
    """A member of one of the task's councils (or of the council of this kind)."""
    if not getattr(user, "is_authenticated", False):
        return False
    councils = task.councils.filter(members=user)
    return councils.filter(kind=kind).exists() if kind else councils.exists()


def is_party(user: Any, task: Any) -> bool:
    """The task's principal investigator or proposer."""
    uid = getattr(user, "pk", None)
    return uid is not None and getattr(user, "is_authenticated", False) and uid in (
        task.investigator_id, task.proposer_id)


def may_see(user: Any, task: Any) -> bool:
    """The task page: public tasks to everyone; proposals to their proposer, PI and the managers."""
    return task.listed_at is not None or is_manager(user) or is_party(user, task) or on_council(user, task)


def may_see_budget(user: Any, task: Any) -> bool:
    """Budgets: public unless STINET_TASK_BUDGETS_PUBLIC is off; then managers, the PI and councils."""
    return bool(settings.TASK_BUDGETS_PUBLIC) or is_manager(user) or is_party(user, task) or on_council(user, task)


def may_see_scores(user: Any, task: Any, kind: str) -> bool:
    """Each member's scores and the council minutes: the managers and that council's members."""
    return is_manager(user) or on_council(user, task, kind)


def may_see_internals(user: Any, task: Any) -> bool:
    """Applications, progress-report contents, adjustment requests: managers, the PI and councils."""
    return is_manager(user) or is_party(user, task) or on_council(user, task)


def may_see_applications(user: Any, task: Any) -> bool:
    """Every application with its rank and mean score: the managers and the selection council. Another applicant,
    the chosen one too, sees their own only (a rival's dossier, host and score are not theirs: QA 26)."""
    return is_manager(user) or on_council(user, task, "selection")


def may_see_document(user: Any, task: Any, document: Any) -> bool:
    """Final and summary reports are public once the result is published; the rest is internal; an application's
    dossier is its applicant's and the selection's."""
    if document.kind == "application":
        uid = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
        return may_see_applications(user, task) or (uid is not None and document.uploaded_by_id == uid)
    if document.kind in CONFIDENTIAL_DOCUMENTS:
        kind = "acceptance" if document.kind == "acceptance_minutes" else "selection"
        if document.kind in ("selection_minutes", "acceptance_minutes"):
            return may_see_scores(user, task, kind)
        return may_see_internals(user, task)
    if task.status == "published" and document.kind in ("final_report", "summary_report", "registration"):
        return True
    return may_see_internals(user, task)
