"""Creating users and granting roles; every change is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from stinet.accounts.models import ROLES, SCOPED_ROLES, Role
from stinet.catalog.services import audit, get_organisation


class AccountError(ValueError):
    """A refused account change, with a one-line reason."""


def create_user(username: str, password: str, *, email: str = "", full_name: str = "",
                actor: str = "cli") -> Any:
    """A new active user with a password that passes the validators."""
    users = get_user_model()
    username = username.strip()
    if not username:
        raise AccountError("user name: must not be empty")
    if users.objects.filter(username__iexact=username).exists():
        raise AccountError(f"user {username!r} exists already")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise AccountError("password: " + " ".join(exc.messages)) from None
    with transaction.atomic():
        user = users.objects.create_user(username=username, email=email, password=password,
                                         first_name=full_name[:150])
        audit(actor, "create", user, after={"username": username, "email": email})
    return user


def grant(user: Any, role: str, org_code: str | None = None, actor: str = "cli") -> Role:
    """Give a user a role (member editors: for one organisation)."""
    if role not in ROLES:
        raise AccountError(f"role {role!r}: one of {', '.join(ROLES)}")
    if (role in SCOPED_ROLES) != bool(org_code):
        raise AccountError(f"role {role!r} {'needs' if role in SCOPED_ROLES else 'takes no'} organisation")
    org = get_organisation(org_code) if org_code else None
    with transaction.atomic():
        granted, _created = Role.objects.get_or_create(user=user, role=role, organisation=org,
                                                       defaults={"granted_by": actor})
        audit(actor, "grant", user, after={"role": role, "organisation": org_code})
    return granted
