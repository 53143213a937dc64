"""`stinet harvest`, `stinet source ...` and `stinet worker`: sources and harvests on the command line.

Registered in the main command by `register(main)`; stinet.cli's error handling comes through
`stinet.appcli.command`, looked up when a command runs.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable
from typing import Any

import click

from stinet.appcli import command, in_batches, local_time
from stinet.clihelp import Command, Group

# What the commands print, and their help, is in the command line's language (stinet.clihelp).


def _bar(desc: str) -> Any:
    """A progress bar counting records (silent when stderr is not a terminal)."""
    from django.utils.translation import gettext as _
    from tqdm import tqdm

    return tqdm(total=None, desc=desc, unit=" " + _("records"), disable=None, file=sys.stderr, leave=False)


def _details(source: Any) -> str:
    """A source's format, set and interval, as the commands print them."""
    from django.utils.translation import gettext as _

    parts = [source.metadata_prefix, *([_("set %(set)s") % {"set": source.set_spec}] if source.set_spec else []),
             _("every %(n)s days") % {"n": source.interval}]
    return ", ".join(parts)


def _run_and_print(run: Callable[[Callable[[int], None]], Any], desc: str) -> None:
    """Run with a progress bar, print the report; on failure print the report, then fail with one line."""
    with _bar(desc) as bar:
        try:
            report = run(lambda n: bar.update(n - bar.n))
        except Exception as exc:
            partial = getattr(exc, "report", None)
            if partial is not None and any(partial.counts().values()):  # deletions are among a harvest's counts
                for line in partial.lines():  # what was stored before it stopped (a run that stored nothing:
                    click.echo(line)  # the one line of its failure only)
            raise
    for line in report.lines():
        click.echo(line)


@click.command("harvest", cls=Command)
@click.argument("url")
@click.option("--org", "org_code", required=True, help="Code of the organisation the records belong to.")
@click.option("--prefix", default="oai_dc", show_default=True, help="Metadata prefix: oai_dc or marcxml.")
@click.option("--set", "set_spec", default="", help="Harvest only this set (setSpec).")
@click.option("--from", "from_date", default="", help="Only records changed since this date (YYYY-MM-DD).")
@click.option("--full", is_flag=True, help="Harvest everything, ignoring the last harvest's date.")
@click.option("--allow-private", is_flag=True,
              help="Allow a loopback or private address (administrators: tests and local mirrors).")
@command
@in_batches
def harvest_cmd(url: str, org_code: str, prefix: str, set_spec: str, from_date: str, full: bool,
                allow_private: bool) -> None:
    """Harvest an OAI-PMH repository at URL (incremental after the first run of the same source)."""
    from stinet.sources.services import harvest_url

    _run_and_print(lambda progress: harvest_url(url, org_code, prefix, set_spec, from_date, full=full,
                                                allow_private=allow_private, progress=progress), url)


@click.group("source", cls=Group)
def source() -> None:
    """Manage harvest sources (OAI-PMH endpoints of member organisations) and their schedules."""


@source.command("add")
@click.argument("code")
@click.argument("url")
@click.option("--label", default="", help="A name for the source (default: the host name).")
@click.option("--prefix", default="oai_dc", show_default=True, help="Metadata prefix: oai_dc or marcxml.")
@click.option("--set", "set_spec", default="", help="Harvest only this set (setSpec).")
@click.option("--every", "interval", default=182, show_default=True, type=int, help="Days between harvests.")
@click.option("--allow-private", is_flag=True,
              help="Allow a loopback or private address (administrators: tests and local mirrors).")
@command
def source_add(code: str, url: str, label: str, prefix: str, set_spec: str, interval: int,
               allow_private: bool) -> None:
    """Add an OAI-PMH source at URL for the organisation CODE (first harvest at the worker's next round)."""
    from django.utils.translation import gettext as _

    from stinet.sources.services import add_source

    added = add_source(code, url, label=label, prefix=prefix, set_spec=set_spec, interval=interval,
                       allow_private=allow_private)
    click.echo(_("added source %(id)s: %(org)s %(label)s (%(url)s, %(details)s)")
               % {"id": added.pk, "org": added.organisation.code, "label": added.label, "url": added.base_url,
                  "details": _details(added)})


@source.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@command
def source_list(as_json: bool) -> None:
    """List sources with their health: last run, status, counts, last error, next run."""
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    from stinet.sources.services import source_health

    rows = source_health()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    health = {"ok": _("OK"), "failing": _("Failing"), "running": _("Running"), "never": _("Never run")}
    status = {"done": _("done"), "failed": _("failed"), "running": _("running")}
    names = {"new": pgettext("harvest count", "new"), "updated": pgettext("harvest count", "updated"),
             "deleted": pgettext("harvest count", "deleted"), "rejected": pgettext("harvest count", "rejected")}
    for r in rows:
        counts = r["counts"] or {}
        summary = ", ".join(f"{counts.get(k, 0)} {name}" for k, name in names.items())
        last = (_("last run %(when)s %(status)s") % {"when": local_time(r["last_run_at"]),
                                                      "status": status.get(r["last_run_status"], r["last_run_status"])}
                if r["last_run_at"] else _("never run"))
        state = health.get(r["health"], r["health"])
        click.echo(f"{r['id']:>4} {r['org']:<10} {state:<11} {r['label']} <{r['url']}> {last}"
                   f"{' (' + summary + ')' if counts else ''}; "
                   + _("next %(when)s") % {"when": local_time(r["next_run_at"])})
        if r["last_error"]:
            click.echo("     " + _("error: %(error)s") % {"error": r["last_error"]})


@source.command("set")
@click.argument("source_id", type=int)
@click.option("--label", default=None, help="New label.")
@click.option("--prefix", default=None, help="New metadata prefix (the list is harvested afresh).")
@click.option("--set", "set_spec", default=None, help="New set ('' for the whole repository; harvested afresh).")
@click.option("--every", "interval", type=int, default=None, help="New interval in days.")
@click.option("--url", "base_url", default=None,
              help="New address of the repository (it moved; harvested afresh, its records kept as its own).")
@command
def source_set(source_id: int, label: str | None, prefix: str | None, set_spec: str | None,
               interval: int | None, base_url: str | None) -> None:
    """Change a saved source's label, format, set, schedule or address."""
    from django.utils.translation import gettext as _

    from stinet.sources.models import Source
    from stinet.sources.services import change_source

    found = Source.objects.filter(pk=source_id).first()
    if found is None:
        raise LookupError(_("source %(id)s does not exist (see 'stinet source list')") % {"id": source_id})
    changed = change_source(found, label=label, prefix=prefix, set_spec=set_spec, interval=interval,
                            base_url=base_url)
    click.echo(_("source %(id)s: %(label)s, %(details)s, next run %(when)s")
               % {"id": changed.pk, "label": changed.label, "details": _details(changed),
                  "when": local_time(changed.next_run_at)})


@source.command("remove")
@click.argument("source_id", type=int)
@command
def source_remove(source_id: int) -> None:
    """Remove a saved source (what it harvested stays in the catalogue)."""
    from django.utils.translation import gettext as _

    from stinet.sources.models import Source
    from stinet.sources.services import remove_source

    found = Source.objects.select_related("organisation").filter(pk=source_id).first()
    if found is None:
        raise LookupError(_("source %(id)s does not exist (see 'stinet source list')") % {"id": source_id})
    remove_source(found)
    click.echo(_("removed source %(id)s: %(org)s %(label)s (what it harvested stays)")
               % {"id": source_id, "org": found.organisation.code, "label": found.label})


@source.command("run")
@click.argument("source_id", required=False, type=int)
@click.option("--due", is_flag=True, help="Run every source whose next run is due.")
@click.option("--full", is_flag=True, help="Harvest everything, ignoring the last harvest's date.")
@command
@in_batches
def source_run(source_id: int | None, due: bool, full: bool) -> None:
    """Run the source SOURCE_ID now, or every due source with --due."""
    from django.utils.translation import gettext as _

    from stinet.sources.models import Source
    from stinet.sources.scheduler import run_due_sources
    from stinet.sources.services import run_source

    if due == (source_id is not None):
        raise click.UsageError(_("give a SOURCE_ID or --due (one of them)"))
    if due:
        outcomes = run_due_sources()
        for o in outcomes:
            click.echo(o.line())
        if any(not o.ok for o in outcomes):
            sys.exit(1)
        return
    found = Source.objects.select_related("organisation").filter(pk=source_id).first()
    if found is None:
        raise LookupError(_("source %(id)s does not exist (see 'stinet source list')") % {"id": source_id})
    _run_and_print(lambda progress: run_source(found, full=full, progress=progress), found.label)


@click.command("worker", cls=Command)
@click.option("--once", is_flag=True, help="Run the due sources once and exit.")
@click.option("--poll", default=60, show_default=True, type=int, help="Seconds between rounds.")
@click.option("--stop-with-parent", "parent", type=int, hidden=True)  # the portal's own worker (serve --with-worker)
@command
@in_batches
def worker_cmd(once: bool, poll: int, parent: int | None) -> None:
    """Run due harvests in the background, forever (a database-backed queue: no broker needed)."""
    from stinet.sources.scheduler import worker

    if parent is not None:
        stop_with_parent(parent)
    worker(poll_seconds=poll, once=once, echo=click.echo)


def stop_with_parent(parent: int) -> None:
    """Have the kernel send this process SIGTERM when its parent ends, however it ends (killed outright, its
    terminal closed): the worker of `stinet demo` never outlives the portal (Linux; elsewhere the portal
    stops it when it can)."""
    import ctypes
    import os
    import signal

    with contextlib.suppress(OSError, AttributeError):  # not Linux: no prctl
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent ended before it was asked
        raise SystemExit(0)


PR_SET_PDEATHSIG = 1


def register(main: click.Group) -> None:
    """Add `harvest`, `source` and `worker` to the main `stinet` command."""
    for cmd in (harvest_cmd, source, worker_cmd):
        main.add_command(cmd)
