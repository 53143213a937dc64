"""Who may see and change an expert's profile: one place for the services, views, API and CLI."""

from __future__ import annotations

from typing import Any

from stinet.accounts.permissions import is_admin, roles_of

PROFILE_ROLES = frozenset({"scientist", "investigator"})  # may create their own profile


def is_owner(user: Any, expert: Any) -> bool:
    """The user is the scientist linked to this profile."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and expert.user_id
                and expert.user_id == user.pk)


def can_edit(user: Any, expert: Any) -> bool:
    """The scientist themself and administrators edit a profile and decide on its works."""
    return is_owner(user, expert) or is_admin(user)


def can_view(user: Any, expert: Any) -> bool:
    """Public profiles are seen by everyone; hidden ones by their scientist and administrators."""
    return expert.public or can_edit(user, expert)


def sees_contact(user: Any, expert: Any) -> bool:
    """Contact details are shown only where the scientist allows it (and to themself and administrators)."""
    return expert.show_contact or can_edit(user, expert)


def may_create_own(user: Any) -> bool:
    """Scientists and principal investigators may make a profile for themselves."""
    return is_admin(user) or any(role in PROFILE_ROLES for role, _org in roles_of(user))
