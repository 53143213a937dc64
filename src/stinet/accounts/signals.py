"""Logins, failed logins and logouts land in the audit log (with the client's address)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from stinet.accounts.addresses import client_address
from stinet.catalog.models import AuditEntry
from stinet.catalog.services import audit


def address_of(request: Any) -> str:
    """The client's address ('' outside a request): behind trusted proxies, the one they name."""
    return client_address(request) if request is not None else ""


@receiver(user_logged_in, dispatch_uid="stinet-audit-login")
def logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """A successful login."""
    audit(user.get_username(), "login", user, after={"address": address_of(request)}, user=user)


@receiver(user_logged_out, dispatch_uid="stinet-audit-logout")
def logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """A logout (user is None when the session had already ended)."""
    if user is not None:
        audit(user.get_username(), "logout", user, after={"address": address_of(request)}, user=user)


def failed_login(username: str, request: Any, action: str = "login-failed") -> AuditEntry:
    """A refused login, for a known user name or not (the attempted name is kept)."""
    from stinet.accounts.services import user_named

    username = (username or "")[:150]
    known = user_named(username) if username else None
    return AuditEntry.objects.create(actor=None, actor_label=username or "?", action=action, object_type="user",
                                     object_id=str(known.pk) if known else "",
                                     after={"username": username, "address": address_of(request)})


@receiver(user_login_failed, dispatch_uid="stinet-audit-login-failed")
def login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    """A wrong user name or password."""
    failed_login(str(credentials.get("username", "")), request)
