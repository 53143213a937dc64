"""Who may do what: one place that the services, the web views and the API all ask."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied


def roles_of(user: Any) -> set[tuple[str, int | None]]:
    """(role, organisation id) pairs of an active user (none for anonymous or inactive users)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_stinet_roles", None)
    if cached is None:
        cached = set(user.roles.values_list("role", "organisation_id"))
        user._stinet_roles = cached
    return cached


def is_admin(user: Any) -> bool:
    """Network administrators (and Django superusers) may do everything in the back office."""
    return bool(getattr(user, "is_superuser", False) and user.is_active) or \
        any(role == "network_admin" for role, _org in roles_of(user))


def edits_organisation(user: Any, organisation_id: int) -> bool:
    """May change this organisation's holdings and sources (its editors, and administrators)."""
    return is_admin(user) or ("member_editor", organisation_id) in roles_of(user)


def editable_organisations(user: Any) -> set[int] | None:
    """Ids of the organisations a user edits; None means every organisation (administrators)."""
    if is_admin(user):
        return None
    return {org for role, org in roles_of(user) if role == "member_editor" and org is not None}


def require(allowed: bool, message: str) -> None:
    """Refuse with a one-line reason unless allowed."""
    if not allowed:
        raise PermissionDenied(message)


def manages_accounts(user: Any) -> bool:
    """Invite people, grant and revoke roles, deactivate users, read the audit log: administrators only."""
    return is_admin(user)


def edits_news(user: Any) -> bool:
    """Write the network's news and events: the hub's administrators and the Department's task managers."""
    return is_admin(user) or any(role == "task_manager" for role, _org in roles_of(user))


def forget_roles(user: Any) -> None:
    """Drop the roles cached on a user object after they changed."""
    user.__dict__.pop("_stinet_roles", None)
