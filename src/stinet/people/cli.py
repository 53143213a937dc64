"""`stinet expert ...`: experts' profiles, the works suggested to them, and the expert finder."""

from __future__ import annotations

import json
from typing import Any

import click

from stinet.appcli import command
from stinet.clihelp import Group

# What the commands print, and their help, is in the command line's language (stinet.clihelp).


@click.group("expert", cls=Group)
def expert() -> None:
    """Experts and scientists: profiles, their works, and "who works on X"."""


@expert.command("add", short_help="Add an expert NAME.")
@click.argument("name")
@click.option("--user", "account", default=None, help="User name of the scientist's account.")
@click.option("--org", "org_code", default=None, help="Code of the scientist's organisation.")
@click.option("--title", "academic_title", default=None, help="Academic title: GS or PGS.")
@click.option("--degree", default=None, help="Degree: TSKH, TS, ThS, BS, DS, KS or CN.")
@click.option("--field", "fields", multiple=True, help="Field-of-science code (repeat for several).")
@click.option("--interests", default="", help="Research interests.")
@click.option("--orcid", default="", help="ORCID iD (checked).")
@click.option("--email", default="", help="E-mail address.")
@click.option("--show-contact", is_flag=True, help="Show the contact details to everyone.")
@click.option("--hidden", is_flag=True, help="Keep the profile out of the public directory.")
@click.option("--no-suggest", is_flag=True, help="Do not look for the expert's works in the catalogue.")
@command
def expert_add(name: str, account: str | None, org_code: str | None, academic_title: str | None,
               degree: str | None, fields: tuple[str, ...], interests: str, orcid: str, email: str,
               show_contact: bool, hidden: bool, no_suggest: bool) -> None:
    """Add an expert NAME ("PGS.TS. Nguyễn Văn An": the titles fill --title and --degree)."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from stinet.people.services import create_expert, suggest_works

    values: dict[str, Any] = {"organisation": org_code, "fields": list(fields), "interests": interests,
                              "orcid": orcid, "email": email, "show_contact": show_contact, "public": not hidden}
    if academic_title is not None:
        values["academic_title"] = academic_title
    if degree is not None:
        values["degree"] = degree
    added = create_expert(name, account=account, **values)
    click.echo(_("added expert %(id)s: %(name)s") % {"id": added.pk, "name": added.display_name})
    if not no_suggest:
        n = suggest_works(added)
        click.echo(ngettext("%(n)s work suggested (confirm it on /experts/me/ or with 'stinet expert confirm')",
                            "%(n)s works suggested (confirm them on /experts/me/ or with 'stinet expert confirm')",
                            n) % {"n": n})


@expert.command("suggest")
@click.argument("expert_id", type=int)
@command
def expert_suggest(expert_id: int) -> None:
    """Look in the catalogue for works by the names of expert EXPERT_ID and list what is waiting."""
    from django.utils.translation import ngettext

    from stinet.people.models import ExpertWork
    from stinet.people.services import suggest_works

    found = _get(expert_id)
    n = suggest_works(found)
    click.echo(ngettext("%(n)s new work suggested to %(name)s", "%(n)s new works suggested to %(name)s", n)
               % {"n": n, "name": found.display_name})
    waiting = ExpertWork.objects.filter(expert=found, status="suggested").select_related("work")
    for link in waiting:
        click.echo(f"{link.work_id:>8}  {link.score:.2f}  {link.matched_name} ({link.role}): {link.work.title[:90]}")


@expert.command("confirm")
@click.argument("expert_id", type=int)
@click.argument("work_ids", type=int, nargs=-1)
@click.option("--all", "every", is_flag=True, help="Confirm every suggested work.")
@click.option("--reject", is_flag=True, help="Reject the works instead (never suggested again).")
@command
def expert_confirm(expert_id: int, work_ids: tuple[int, ...], every: bool, reject: bool) -> None:
    """Confirm (or --reject) WORK_IDS, or --all suggested works, as works of expert EXPERT_ID."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from stinet.people.services import decide_works

    found = _get(expert_id)
    ids = list(work_ids)
    if every:
        ids += list(found.work_links.filter(status="suggested").values_list("work_id", flat=True))
    if not ids:
        raise click.UsageError(_("give WORK_IDS or --all"))
    n = decide_works(found, ids, "rejected" if reject else "confirmed")
    said = (ngettext("%(n)s work rejected for %(name)s", "%(n)s works rejected for %(name)s", n) if reject
            else ngettext("%(n)s work confirmed for %(name)s", "%(n)s works confirmed for %(name)s", n))
    click.echo(said % {"n": n, "name": found.display_name})


@expert.command("find")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the shape of /api/experts?q=).")
@click.option("--limit", default=10, show_default=True, type=int, help="How many experts.")
@command
def expert_find(query: str, as_json: bool, limit: int) -> None:
    """Who works on QUERY: public experts ranked by their confirmed works and tasks about it."""
    from django.utils.translation import gettext as _

    from stinet.people.directory import field_names, summary
    from stinet.people.finder import find_experts

    hits = find_experts(query)[:max(limit, 1)]
    if as_json:
        names = field_names({c for h in hits for c in h.expert.fields})
        rows = [{**summary(h.expert, "vi", names), "score": h.score, "works_matched": len(h.work_ids),
                 "tasks_matched": len(h.task_ids), "explanation": h.explanation(query),
                 "relevant_works": h.works, "relevant_tasks": h.tasks} for h in hits]
        click.echo(json.dumps({"query": query, "total": len(rows), "results": rows}, ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo(_("no expert has confirmed works or tasks about %(query)r") % {"query": query})
    for i, hit in enumerate(hits, 1):
        org = f" ({hit.expert.organisation.code})" if hit.expert.organisation_id else ""
        score = _("score %(score)s") % {"score": f"{hit.score:.2f}"}
        click.echo(f"{i:>3}. [{hit.expert.pk}] {hit.expert.display_name}{org}: {hit.explanation(query)} ({score})")


@expert.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@command
def expert_list(as_json: bool) -> None:
    """Every expert, in Vietnamese list order (by given name), with their confirmed works."""
    from django.utils.translation import pgettext

    from stinet.people.directory import Filters, directory, summary

    rows = directory(Filters(), everyone=True)
    if as_json:
        click.echo(json.dumps([summary(e) for e in rows], ensure_ascii=False, indent=2))
        return
    works, hidden = pgettext("expert list", "works"), pgettext("expert list", "(hidden)")
    for e in rows:
        org = e.organisation.code if e.organisation_id else "-"
        click.echo(f"{e.pk:>5}  {org:<8} {e.n_works:>4} {works}  {e.display_name}{'' if e.public else '  ' + hidden}")


def _get(expert_id: int) -> Any:
    """The expert with this id, or LookupError."""
    from django.utils.translation import gettext as _

    from stinet.people.models import Expert

    found = Expert.objects.filter(pk=expert_id).first()
    if found is None:
        raise LookupError(_("expert %(id)s does not exist (see 'stinet expert list')") % {"id": expert_id})
    return found


def register(main: click.Group) -> None:
    """Add `expert` to the main `stinet` command."""
    main.add_command(expert)
