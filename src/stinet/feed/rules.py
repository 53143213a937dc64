"""Who may download a task's registration sheet: the task's managers, its principal investigator or
proposer, and the editors of its host organisation (who prepare the registration dossier).
"""

from __future__ import annotations

from typing import Any

from stinet.accounts.permissions import edits_organisation
from stinet.tasks import visibility


def may_get_sheet(user: Any, task: Any) -> bool:
    """True for those entitled to the sheet (it carries the budget and the team)."""
    if not getattr(user, "is_authenticated", False) or not visibility.may_see(user, task):
        return False
    return (visibility.is_manager(user) or visibility.is_party(user, task)
            or (task.host_id is not None and edits_organisation(user, task.host_id)))
