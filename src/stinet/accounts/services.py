"""Creating users, granting and revoking roles, deactivating users; every change is audited.

Each service takes the acting user as `by`: when given, the permission is checked here (the web
views pass `request.user`); `by=None` means a trusted caller (the CLI, the demo) named by `actor`.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext

from stinet.accounts.models import ROLES, SCOPED_ROLES, Role
from stinet.accounts.permissions import forget_roles, manages_accounts, require
from stinet.catalog.models import Organisation
from stinet.catalog.services import audit, get_organisation
from stinet.vietnamese import clean_spaces, nfc

USERNAME_LENGTH = 150  # the user model's column


class AccountError(ValueError):
    """A refused account change, with a one-line reason."""


def acting(by: Any, actor: str) -> tuple[str, Any]:
    """The audit label and user of whoever acts (a user, or a trusted caller's label)."""
    return (by.get_username(), by) if by is not None else (actor, None)


def require_account_manager(by: Any) -> None:
    """Refuse unless a trusted caller or an administrator acts."""
    if by is not None:
        require(manages_accounts(by), gettext("Only the network administrator manages accounts."))


def check_role(role: str, org_code: str | None) -> Organisation | None:
    """The organisation a role is held for (None for unscoped roles); refuse unknown roles and bad scopes."""
    if role not in ROLES:
        raise AccountError(gettext("role %(role)r: one of %(all)s") % {"role": role, "all": ", ".join(ROLES)})
    if (role in SCOPED_ROLES) != bool(org_code):
        message = gettext("role %(role)r needs organisation") if role in SCOPED_ROLES else \
            gettext("role %(role)r takes no organisation")
        raise AccountError(message % {"role": role})
    return get_organisation(org_code) if org_code else None


def check_password(password: str, user: Any = None) -> None:
    """Refuse a password the validators reject, with their reasons on one line."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError(gettext("password: %(reasons)s") % {"reasons": " ".join(exc.messages)}) from None


def check_username(username: str) -> str:
    """The user name without surrounding spaces, composed (NFC: typed decomposed, "thử" was refused), refused unless
    Django's validator accepts it."""
    username = unicodedata.normalize("NFC", username.strip())
    if not username:
        raise AccountError(gettext("user name: must not be empty"))
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise AccountError(gettext("user name %(name)r: only letters, digits and @ . + - _ (no spaces)")
                           % {"name": username}) from None
    if len(username) > USERNAME_LENGTH:
        raise AccountError(gettext("user name: at most %(n)d characters") % {"n": USERNAME_LENGTH})
    if foreign := [ch for ch in username if not _latin(ch)]:
        raise AccountError(gettext("user name %(name)r: letters of the Latin alphabet only, Vietnamese with or "
                                   "without marks (not %(letter)r: a letter of another script may look like one)")
                           % {"name": username, "letter": foreign[0]})
    return username


def _latin(ch: str) -> bool:
    """An ASCII character, đ/Đ, or an ASCII letter with marks written in one code point (Vietnamese 'ễ',
    French 'é'); not a letter of another script (Cyrillic 'а'), a full-width 'ａ', a letter and a combining
    mark, or a Latin letter of its own that looks like an ASCII one ('ı', 'ɑ', 'ɡ', 'ꞵ'): each would pose as
    another account's name."""
    if ch.isascii() or ch in "đĐ":
        return True
    base = unicodedata.normalize("NFD", ch)[0]
    return base != ch and base.isascii() and base.isalpha() and unicodedata.normalize("NFC", ch) == ch


def account_with(email: str) -> Any:
    """The account (active or not) that already has this e-mail address, if any: one address, one account,
    or a password reset for it would mail a link for each."""
    return get_user_model().objects.filter(email__iexact=email.strip()).order_by("pk").first()


def check_email(email: str) -> None:
    """Refuse an address that is not one, or longer than the account's field keeps (a 305-character one was
    invited and stored on SQLite; PostgreSQL refuses the write)."""
    try:
        validate_email(email)
    except ValidationError:
        raise AccountError(gettext("e-mail address %(email)r is not valid") % {"email": email}) from None
    most = get_user_model()._meta.get_field("email").max_length
    if len(email) > most:
        raise AccountError(gettext("e-mail address: at most %(n)d characters (this one has %(has)d)")
                           % {"n": most, "has": len(email)})


def user_named(username: str) -> Any:
    """The user with this name in any case ("ĐỖ" is "đỗ": SQLite's `iexact` folds ASCII letters only) and typed
    decomposed or not (names are stored composed), or None."""
    name = unicodedata.normalize("NFC", username.strip())
    users = get_user_model().objects
    found = users.filter(username__iexact=name).first()
    if found is not None or name.isascii():
        return found
    key = name.casefold()
    return next((u for u in users.exclude(username__regex=r"^[ -~]*$").iterator()
                 if u.get_username().casefold() == key), None)


def create_user(username: str, password: str, *, email: str = "", full_name: str = "",
                actor: str = "cli", by: Any = None, accepting: Any = None) -> Any:
    """A new active user with a valid name, a password that passes the validators and, if any, an
    e-mail address no other account has, nor an invitation waiting (but the one it is `accepting`)."""
    require_account_manager(by)
    users = get_user_model()
    username = check_username(username)
    if user_named(username) is not None:
        raise AccountError(gettext("user %(name)r exists already") % {"name": username})
    email = email.strip()
    if email:
        check_email(email)
        if (holder := account_with(email)) is not None:
            raise AccountError(gettext("e-mail %(email)s: already the address of user %(name)r (one address, "
                                       "one account)") % {"email": email, "name": holder.get_username()})
        from stinet.accounts.invitations import pending
        from stinet.appcli import local_time

        waiting = pending().filter(email__iexact=email).exclude(pk=getattr(accepting, "pk", None)).first()
        if waiting is not None:  # its link would be refused once this account has the address
            raise AccountError(gettext("%(email)s has an invitation waiting until %(date)s: let the invitee accept "
                                       "it, or revoke it first") % {"email": email,
                                                                     "date": local_time(waiting.expires_at)})
    full_name = clean_spaces(nfc(full_name))  # stored NFC, as every text (typed decomposed, it was kept so)
    check_password(password, users(username=username, email=email, first_name=full_name[:150]))
    label, who = acting(by, actor)
    with transaction.atomic():
        user = users.objects.create_user(username=username, email=email, password=password,
                                         first_name=full_name[:150])
        audit(label, "create", user, after={"username": username, "email": email}, user=who)
    return user


def get_user(username: str) -> Any:
    """The user with this name (case-insensitive), or AccountError."""
    user = user_named(username)
    if user is None:
        raise AccountError(gettext("user %(name)r does not exist") % {"name": username})
    return user


def grant(user: Any, role: str, org_code: str | None = None, actor: str = "cli", by: Any = None) -> Role:
    """Give a user a role (member editors: for one organisation)."""
    return give_role(user, role, org_code, actor, by)[0]


def give_role(user: Any, role: str, org_code: str | None = None, actor: str = "cli",
              by: Any = None) -> tuple[Role, bool]:
    """Give a user a role, and whether it is new (False: the user held it already, which the page and the
    command line say rather than "granted" again)."""
    require_account_manager(by)
    org = check_role(role, org_code)
    label, who = acting(by, actor)
    with transaction.atomic():
        granted, created = Role.objects.get_or_create(user=user, role=role, organisation=org,
                                                      defaults={"granted_by": label})
        if created:
            audit(label, "grant", user, after={"role": role, "organisation": org.code if org else None}, user=who)
    forget_roles(user)
    return granted, created


def _active_admins() -> Any:
    """Active users who hold the network administrator role."""
    return get_user_model().objects.filter(is_active=True, roles__role="network_admin").distinct()


def _keeps_an_admin(user: Any) -> None:
    """Refuse a change that would leave the network without an active administrator."""
    if not _active_admins().exclude(pk=user.pk).exists() and _active_admins().filter(pk=user.pk).exists():
        raise AccountError(gettext("the network must keep at least one active network administrator"))


def revoke(user: Any, role: str, org_code: str | None = None, actor: str = "cli", by: Any = None) -> None:
    """Take a role away from a user."""
    require_account_manager(by)
    org = check_role(role, org_code)
    label, who = acting(by, actor)
    with transaction.atomic():
        held = Role.objects.select_for_update().filter(user=user, role=role, organisation=org)
        if not held.exists():
            names = {"name": user.get_username(), "role": role, "org": org.code if org else ""}
            raise AccountError((gettext("user %(name)r does not hold the role %(role)r for %(org)s") if org else
                                gettext("user %(name)r does not hold the role %(role)r")) % names)
        if role == "network_admin":
            _keeps_an_admin(user)
        held.delete()
        audit(label, "revoke", user, before={"role": role, "organisation": org.code if org else None}, user=who)
    forget_roles(user)


def set_active(user: Any, active: bool, actor: str = "cli", by: Any = None) -> None:
    """Deactivate a user (who can no longer log in; their sessions end) or activate them again."""
    require_account_manager(by)
    if user.is_active == active:
        return
    if not active and by is not None and by.pk == user.pk:
        raise AccountError(gettext("you cannot deactivate yourself"))
    label, who = acting(by, actor)
    with transaction.atomic():
        if not active:
            _keeps_an_admin(user)
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit(label, "activate" if active else "deactivate", user, before={"active": not active},
              after={"active": active}, user=who)
    forget_roles(user)
