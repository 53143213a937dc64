"""`stinet user ...`: accounts of the back office and their roles.

Registered in the main command by `register(main)`; commands run through stinet.cli's
`command` wrapper (Django set-up, one-line errors, exit 1).
"""

from __future__ import annotations

import click

from stinet.appcli import command, local_time
from stinet.clihelp import Group


@click.group("user", cls=Group)
def user() -> None:
    """Accounts of the back office and their roles."""


@user.command("add")
@click.argument("username")
@click.option("--password", prompt="Password", hide_input=True, confirmation_prompt=True,
              help="Password (asked if absent).")
@click.option("--email", default="", help="E-mail address.")
@click.option("--name", "full_name", default="", help="Full name.")
@click.option("--role", "roles", multiple=True, help="network_admin, member_editor, task_manager, ... (repeatable).")
@click.option("--org", "org_code", default=None, help="Organisation of a member_editor role.")
@command
def user_add(username: str, password: str, email: str, full_name: str, roles: tuple[str, ...],
             org_code: str | None) -> None:
    """Create a user with roles (a member editor edits one organisation's data)."""
    from django.db import transaction
    from django.utils.translation import gettext as _

    from stinet.accounts.models import SCOPED_ROLES
    from stinet.accounts.services import create_user, grant

    for role in roles:  # check every role before creating anything
        if role in SCOPED_ROLES and not org_code:
            raise click.BadParameter(_("role %(role)r needs --org") % {"role": role}, param_hint="--role")
    with transaction.atomic():  # a role refused leaves no user behind (it was created, roleless)
        created = create_user(username, password, email=email, full_name=full_name)
        for role in roles:
            grant(created, role, org_code if role in SCOPED_ROLES else None)
    said = _("added user %(name)s (%(roles)s)") if roles else _("added user %(name)s")
    click.echo(said % {"name": created.username, "roles": ", ".join(roles)})


@user.command("invite")
@click.argument("email")
@click.option("--role", "roles", multiple=True, required=True, help="Role(s) the invitee gets (repeatable).")
@click.option("--org", "org_code", default=None, help="Organisation of a member_editor role.")
@click.option("--days", default=7, show_default=True, help="Days the link stays valid.")
@click.option("--site", default=None, help="Address of the portal in the link (default: STINET_SITE_URL).")
@command
def user_invite(email: str, roles: tuple[str, ...], org_code: str | None, days: int, site: str | None) -> None:
    """Mail an invitation with a single-use link; the invitee chooses a user name and password."""
    from django.utils.translation import gettext as _

    from stinet.accounts.invitations import invite
    from stinet.accounts.models import SCOPED_ROLES

    pairs = [(role, org_code if role in SCOPED_ROLES else None) for role in roles]
    invitation, link = invite(email, pairs, days=days, site=site)
    click.echo(_("invited %(email)s (%(roles)s) until %(until)s: %(link)s")
               % {"email": invitation.email, "roles": ", ".join(invitation.role_labels()),
                  "until": local_time(invitation.expires_at), "link": link})


@user.command("grant")
@click.argument("username")
@click.argument("role")
@click.option("--org", "org_code", default=None, help="Organisation of a member_editor role.")
@command
def user_grant(username: str, role: str, org_code: str | None) -> None:
    """Give a user a role."""
    from django.utils.translation import gettext as _

    from stinet.accounts.services import get_user, give_role

    _granted, new = give_role(get_user(username), role, org_code)
    if new:
        said = _("%(name)s: granted %(role)s for %(org)s") if org_code else _("%(name)s: granted %(role)s")
    else:  # said as it is, not "granted" again (QA 26)
        said = _("%(name)s has %(role)s for %(org)s already") if org_code else _("%(name)s has %(role)s already")
    click.echo(said % {"name": username, "role": role, "org": org_code})


@user.command("revoke")
@click.argument("username")
@click.argument("role")
@click.option("--org", "org_code", default=None, help="Organisation of a member_editor role.")
@command
def user_revoke(username: str, role: str, org_code: str | None) -> None:
    """Take a role away from a user."""
    from django.utils.translation import gettext as _

    from stinet.accounts.services import get_user, revoke

    revoke(get_user(username), role, org_code)
    said = _("%(name)s: revoked %(role)s for %(org)s") if org_code else _("%(name)s: revoked %(role)s")
    click.echo(said % {"name": username, "role": role, "org": org_code})


@user.command("list")
@command
def user_list() -> None:
    """Users with their roles."""
    from django.contrib.auth import get_user_model
    from django.utils.translation import pgettext

    states = {True: pgettext("user", "active"), False: pgettext("user", "inactive")}
    width = max(len(s) for s in states.values())
    for shown in get_user_model().objects.order_by("username").prefetch_related("roles__organisation"):
        held = ", ".join(r.role + (f" ({r.organisation.code})" if r.organisation else "") for r in shown.roles.all())
        click.echo(f"{shown.username:<20} {states[shown.is_active]:<{width}} {held or '-'}")


def register(main: click.Group) -> None:
    """Add `stinet user` to the main command."""
    main.add_command(user)
