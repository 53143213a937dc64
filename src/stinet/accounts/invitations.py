"""Invitations: an administrator invites an e-mail address with roles; the invitee follows a
signed, single-use, expiring link, chooses a user name and password, and gets the roles."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stinet.accounts.models import Invitation
from stinet.accounts.services import (
    AccountError,
    account_with,
    acting,
    check_email,
    check_role,
    create_user,
    grant,
    require_account_manager,
)
from stinet.appcli import local_time
from stinet.catalog.services import audit

SALT = "stinet.accounts.invitation"
DEFAULT_DAYS = 7
MAX_DAYS = 60


class InvitationError(AccountError):
    """An invitation link that cannot be used, with the reason."""


def token_for(invitation: Invitation) -> str:
    """The signed token of an invitation's link."""
    return signing.dumps({"i": invitation.pk, "k": invitation.key}, salt=SALT)


def link_for(invitation: Invitation, site: str | None = None) -> str:
    """The absolute address the invitee opens."""
    return (site or settings.SITE_URL).rstrip("/") + reverse("accounts:accept", args=[token_for(invitation)])


def _mail(invitation: Invitation, link: str) -> None:
    """Send the invitation in Vietnamese and English."""
    parts = []
    for lang in ("vi", "en"):
        with translation.override(lang):
            parts.append(render_to_string("accounts/mail/invitation.txt", {"invitation": invitation, "link": link}))
    with translation.override("vi"):
        subject = render_to_string("accounts/mail/invitation_subject.txt").strip()
    send_mail(subject, "\n-----\n\n".join(parts), None, [invitation.email])


def invite(email: str, roles: list[tuple[str, str | None]], *, days: int = DEFAULT_DAYS, site: str | None = None,
           actor: str = "cli", by: Any = None) -> tuple[Invitation, str]:
    """Invite an e-mail address with roles; the mail goes out after commit. Returns the invitation and its link."""
    require_account_manager(by)
    email = email.strip()
    check_email(email)
    holder = account_with(email)
    if holder is not None:
        raise AccountError(_("%(email)s is already the address of user %(name)r: grant the roles on their page")
                           % {"email": email, "name": holder.get_username()})
    waiting = pending().filter(email__iexact=email).first()
    if waiting is not None:
        raise AccountError(_("%(email)s has an invitation waiting until %(date)s: revoke it before inviting again")
                           % {"email": email, "date": local_time(waiting.expires_at)})
    if not roles:
        raise AccountError(_("an invitation needs at least one role"))
    if not 1 <= days <= MAX_DAYS:
        raise AccountError(_("days: between 1 and %(n)d") % {"n": MAX_DAYS})
    checked = [[role, org.code if org else None] for role, org in ((r, check_role(r, o)) for r, o in roles)]
    label, who = acting(by, actor)
    with transaction.atomic():
        invitation = Invitation.objects.create(email=email, roles=checked, key=secrets.token_urlsafe(24),
                                               invited_by=label, expires_at=timezone.now() + timedelta(days=days))
        audit(label, "invite", invitation, after={"email": email, "roles": checked, "days": days}, user=who)
        link = link_for(invitation, site)
        transaction.on_commit(lambda: _mail(invitation, link))
    return invitation, link


def open_invitation(token: str, *, lock: bool = False) -> Invitation:
    """The pending, unexpired invitation a link names, or InvitationError saying why not."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=MAX_DAYS))
    except signing.SignatureExpired:
        raise InvitationError(_("invitation link: expired")) from None
    except signing.BadSignature:
        raise InvitationError(_("invitation link: not valid")) from None
    found = Invitation.objects.select_for_update() if lock else Invitation.objects
    invitation = found.filter(pk=data.get("i"), key=data.get("k")).first()
    if invitation is None:
        raise InvitationError(_("invitation link: not valid"))
    if invitation.status == "accepted":
        raise InvitationError(_("invitation link: used already"))
    if invitation.status == "revoked":
        raise InvitationError(_("invitation: revoked by the administrator"))
    if invitation.expires_at <= timezone.now():
        raise InvitationError(_("invitation link: expired"))
    if account_with(invitation.email) is not None:  # given to an account since the invitation was sent
        raise InvitationError(_("%(email)s has an account already: log in with it, or reset its password")
                              % {"email": invitation.email})
    return invitation


def accept_invitation(token: str, username: str, password: str, full_name: str = "") -> Any:
    """Create the invitee's account with the invited roles; the link cannot be used again."""
    with transaction.atomic():
        invitation = open_invitation(token, lock=True)
        label = f"invitation {invitation.pk}"
        user = create_user(username, password, email=invitation.email, full_name=full_name, actor=label,
                           accepting=invitation)
        for role, org in invitation.roles:
            grant(user, role, org, actor=label)
        invitation.status, invitation.accepted_user, invitation.closed_at = "accepted", user, timezone.now()
        invitation.save(update_fields=["status", "accepted_user", "closed_at"])
        audit(username, "accept", invitation, after={"user": user.get_username()}, user=user)
    return user


def revoke_invitation(invitation: Invitation, actor: str = "cli", by: Any = None) -> None:
    """Withdraw a pending invitation; its link stops working."""
    require_account_manager(by)
    label, who = acting(by, actor)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != "pending":
            done = _("invitation of %(email)s: accepted already") if invitation.status == "accepted" else \
                _("invitation of %(email)s: revoked already")
            raise AccountError(done % {"email": invitation.email})
        invitation.status, invitation.closed_at = "revoked", timezone.now()
        invitation.save(update_fields=["status", "closed_at"])
        audit(label, "revoke", invitation, before={"status": "pending"}, after={"status": "revoked"}, user=who)


def pending() -> Any:
    """Invitations not yet accepted, revoked or expired, newest first."""
    return Invitation.objects.filter(status="pending", expires_at__gt=timezone.now())
