"""`stinet dedup ...`: review and decide the merges of records that several members hold.

Registered in the main command by `register(main)`; commands run through stinet.cli's
`command` wrapper (Django set-up, one-line errors, exit 1).
"""

from __future__ import annotations

import click

from stinet.appcli import command
from stinet.clihelp import Group


@click.group("dedup", cls=Group)
def dedup() -> None:
    """Review and decide merges of records that several members hold."""


@dedup.command("list")
@click.option("--status", default="review", show_default=True,
              type=click.Choice(["review", "merged", "confirmed", "kept-apart", "split", "manual", "all"]))
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1), help="At most this many.")
@command
def dedup_list(status: str, limit: int) -> None:
    """Merges and doubtful pairs, with their scores and reasons."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    from stinet.catalog.models import Match

    matches = Match.objects.select_related("organisation", "work", "other_work")
    if status != "all":
        matches = matches.filter(status=status)
    for m in matches[:limit]:
        work = _("work %(id)s: %(title)s") % {"id": m.work_id, "title": m.work.title[:60]}
        other = (" / " + _("work %(id)s: %(title)s") % {"id": m.other_work_id, "title": m.other_work.title[:60]}
                 if m.other_work else "")
        score = number_format(round(m.score, 2), 2)  # as the page rounds it (number_format cuts digits off)
        click.echo(f"[{m.pk}] {m.status:<10} {score} {m.organisation.code}:{m.local_id} -> "
                   f"{work}{other} ({m.reasons_said})")


def _reindex(*work_ids: int) -> None:
    """Bring the search index up to date after a decision."""
    from stinet.search.indexing import works_changed

    works_changed(work_ids)


@dedup.command("settle")
@click.argument("match_id", type=int)
@click.option("--merge", is_flag=True, help="Merge the pair.")
@click.option("--keep-apart", is_flag=True, help="Keep the pair apart for good.")
@command
def dedup_settle(match_id: int, merge: bool, keep_apart: bool) -> None:
    """Decide a doubtful pair (--merge or --keep-apart); later imports respect the decision."""
    from django.utils.translation import gettext as _

    from stinet.catalog.dedup import settle

    if merge == keep_apart:
        raise click.UsageError(_("say --merge or --keep-apart, one of them"))

    _reindex(*settle(match_id, merge, actor="cli"))
    click.echo((_("pair %(id)s: merged") if merge else _("pair %(id)s: kept apart")) % {"id": match_id})


@dedup.command("split")
@click.argument("org_code")
@click.argument("local_id")
@command
def dedup_split(org_code: str, local_id: str) -> None:
    """Take an organisation's record out of the work it was merged into."""
    from django.utils.translation import gettext as _

    from stinet.catalog.dedup import split
    from stinet.catalog.services import get_organisation

    old, new = split(get_organisation(org_code), local_id, actor="cli")
    _reindex(old, new)
    click.echo(_("%(record)s is now work %(new)s (left work %(old)s)")
               % {"record": f"{org_code}:{local_id}", "new": new, "old": old})


@dedup.command("merge")
@click.argument("org_code")
@click.argument("local_id")
@click.argument("work_id", type=int)
@command
def dedup_merge(org_code: str, local_id: str, work_id: int) -> None:
    """Put an organisation's record into another work, by hand."""
    from django.utils.translation import gettext as _

    from stinet.catalog.dedup import merge_by_hand
    from stinet.catalog.services import get_organisation

    old, new = merge_by_hand(get_organisation(org_code), local_id, work_id, actor="cli")
    _reindex(old, new)
    click.echo(_("%(record)s is now in work %(new)s") % {"record": f"{org_code}:{local_id}", "new": new})


def register(main: click.Group) -> None:
    """Add `stinet dedup` to the main command."""
    main.add_command(dedup)
