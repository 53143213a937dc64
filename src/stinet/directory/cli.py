"""`stinet org requests|approve|reject|service ...`: the directory on the command line.

Registered by `register(main)` into the main command's existing `org` group (stinet.cli imports
this module, so the shared error handling of stinet.cli is looked up when a command runs).
"""

from __future__ import annotations

import json
from typing import Any

import click
from django.utils.translation import gettext as _

from stinet.appcli import command, local_time
from stinet.clihelp import Command, Group


def _join_request(request_id: int) -> Any:
    """The join request with this id, or LookupError."""
    from stinet.directory.models import JoinRequest

    found = JoinRequest.objects.filter(pk=request_id).first()
    if found is None:
        raise LookupError(_("join request %(id)s does not exist (see 'stinet org requests')") % {"id": request_id})
    return found


@click.command("requests", cls=Command)
@click.option("--status", default="pending", show_default=True,
              type=click.Choice(["pending", "approved", "rejected", "all"]), help="Which requests.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@command
def requests_cmd(status: str, as_json: bool) -> None:
    """List requests to join the network (pending ones by default)."""
    from stinet.directory.models import JoinRequest

    rows = JoinRequest.objects.select_related("organisation").order_by("created_at")
    if status != "all":
        rows = rows.filter(status=status)
    if as_json:
        click.echo(json.dumps([{"id": r.pk, "name": r.name_vi, "kind": r.kind, "status": r.status,
                                "contact": r.contact_name, "email": r.contact_email,
                                "created_at": r.created_at.isoformat(), "reason": r.reason,
                                "org": r.organisation.code if r.organisation else None} for r in rows],
                              ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r.pk:>4} {r.status:<8} {local_time(r.created_at)} {r.name_vi} ({r.kind}) — "
                   f"{r.contact_name} <{r.contact_email}>{' → ' + r.organisation.code if r.organisation else ''}")


@click.command("approve", cls=Command)
@click.argument("request_id", type=int)
@click.option("--code", default="", help="Code of the new member (default: from its abbreviation or initials).")
@command
def approve_cmd(request_id: int, code: str) -> None:
    """Approve the join request REQUEST_ID: the organisation becomes a member; the applicant is mailed."""
    from stinet.directory.services import approve_join_request

    org = approve_join_request(None, _join_request(request_id), code)
    click.echo(_("approved: %(code)s %(name)s is a member") % {"code": org.code, "name": org.name_vi})


@click.command("reject", cls=Command)
@click.argument("request_id", type=int)
@click.option("--reason", required=True, help="Why (mailed to the applicant).")
@command
def reject_cmd(request_id: int, reason: str) -> None:
    """Reject the join request REQUEST_ID with a reason; the applicant is mailed."""
    from stinet.directory.services import reject_join_request

    found = reject_join_request(None, _join_request(request_id), reason)
    click.echo(_("rejected: %(name)s") % {"name": found.name_vi})


@click.group("service", cls=Group)
def service() -> None:
    """The S&T information services organisations offer."""


@service.command("add")
@click.argument("code")
@click.argument("name")
@click.option("--kind", default="other", show_default=True,
              help="lookup, document_delivery, translation, consulting, training, digitisation, analysis, other.")
@click.option("--description", default="", help="What is offered.")
@click.option("--audience", default="", help="For whom.")
@click.option("--how", "how_to_ask", default="", help="How to ask for it.")
@click.option("--url", default="", help="Web address of the service.")
@click.option("--fee", default="", help="The fee (the service is free when no fee is given).")
@command
def service_add(code: str, name: str, kind: str, description: str, audience: str, how_to_ask: str, url: str,
                fee: str) -> None:
    """Add the information service NAME to the organisation CODE."""
    from stinet.catalog.services import get_organisation
    from stinet.catalog.vocab import interface_lang, label
    from stinet.directory.services import add_service
    from stinet.directory.vocab import SERVICE_KINDS

    added = add_service(None, get_organisation(code), {
        "name": name, "kind": kind, "description": description, "audience": audience, "how_to_ask": how_to_ask,
        "url": url, "free": not fee, "fee": fee})
    click.echo(_("added service %(id)s: %(code)s %(name)s (%(kind)s)") % {
        "id": added.pk, "code": added.organisation.code, "name": added.name,
        "kind": label(SERVICE_KINDS, added.kind, interface_lang())})


@service.command("list")
@click.option("--kind", default="", help="Only services of this kind.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@command
def service_list(kind: str, as_json: bool) -> None:
    """List the information services of the network."""
    from stinet.directory.listing import find_services

    rows = find_services(kind)
    if as_json:
        click.echo(json.dumps([{"id": s.pk, "org": s.organisation.code, "kind": s.kind, "name": s.name,
                                "audience": s.audience, "free": s.free, "fee": s.fee, "url": s.url} for s in rows],
                              ensure_ascii=False, indent=2))
        return
    for s in rows:
        click.echo(f"{s.pk:>4} {s.organisation.code:<10} {s.kind:<18} {s.name}{'' if s.free else ' (' + s.fee + ')'}")


def register(main: click.Group) -> None:
    """Add `requests`, `approve`, `reject` and `service` to the main command's `org` group."""
    org = main.commands["org"]
    assert isinstance(org, click.Group)
    for cmd in (requests_cmd, approve_cmd, reject_cmd, service):
        org.add_command(cmd)
