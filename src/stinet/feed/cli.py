"""`stinet feed ...`: keys of the national feed, whole exports of its parts, a task's registration sheet."""

from __future__ import annotations

import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

import click

from stinet.appcli import command, local_time
from stinet.clihelp import Group

PARTS = ("organisations", "personnel", "tasks")

# What the commands print, and their help, is in the command line's language (stinet.clihelp);
# the parts' names and the keys stay as they are.


@click.group("feed", cls=Group)
def feed() -> None:
    """The national feed: organisations, personnel and tasks for the National S&T Database."""


@feed.group("key")
def key() -> None:
    """API keys of the systems that read the feed (the national STI information system)."""


@key.command("add")
@click.argument("name")
@command
def key_add(name: str) -> None:
    """Give the client NAME a key; the key is printed once (only its hash is kept)."""
    from django.utils.translation import gettext as _

    from stinet.feed.services import add_client

    client, secret = add_client(name)
    click.echo(_("added feed client %(name)s; its key (shown only now):") % {"name": client.name})
    click.echo(secret)


@key.command("list")
@command
def key_list() -> None:
    """List the clients with their key prefix, when last used and whether revoked."""
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    from stinet.feed.models import FeedClient

    rows = [(c, _("revoked %(when)s") % {"when": local_time(c.revoked_at)} if c.revoked_at
             else pgettext("feed key", "active")) for c in FeedClient.objects.all()]
    width = max((len(state) for _client, state in rows), default=0)
    for c, state in rows:
        used = local_time(c.last_used_at) if c.last_used_at else _("never used")
        click.echo(f"{c.name:<30} {c.key_prefix}…  {state:<{width}} {used}")


@key.command("revoke")
@click.argument("name")
@command
def key_revoke(name: str) -> None:
    """Revoke the key of client NAME (its requests get 403 from now on)."""
    from django.utils.translation import gettext as _

    from stinet.appcli import local_time
    from stinet.feed.services import revoke_client

    client, now = revoke_client(name)
    if now:
        click.echo(_("revoked the key of %(name)s") % {"name": client.name})
    else:  # revoked already: said so, not "revoked" again (QA 26)
        click.echo(_("the key of %(name)s was revoked already, %(when)s")
                   % {"name": client.name, "when": local_time(client.revoked_at)})


@contextmanager
def _replacing(path: Path) -> Iterator[IO[str]]:
    """A text file that takes the place of path once it is complete: a failure or an interruption
    leaves path as it was (an operator's previous export stays whole) and no temporary file behind.
    A symbolic link keeps pointing to the file it names; a device or pipe (/dev/null) is written as it
    is, and so is a file in a folder the process may not write in (no temporary file can go there)."""
    asked, path = path, Path(os.path.realpath(path))
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        out = None if path.exists() and not path.is_file() else temp.open("x", encoding="utf-8")
    except PermissionError:
        out = None
    except OSError as exc:  # said of the file asked for (a folder missing), not of the temporary one
        raise OSError(exc.errno, exc.strerror, str(asked)) from None
    if out is None:
        with path.open("w", encoding="utf-8") as direct:
            yield direct
        return
    try:
        with out:
            yield out
        if path.exists():  # the previous export's permissions, and its owner when we may give it
            shutil.copymode(path, temp)
            with suppress(PermissionError):
                os.chown(temp, path.stat().st_uid, path.stat().st_gid)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@feed.command("export")
@click.argument("part", type=click.Choice(PARTS), metavar="PART")
@click.option("--since", default=None, help="Only changes after this ISO date or date-time (deletions included).")
@click.option("--until", default=None, help="Changes up to this time (default: now minus the settling time).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default=None,
              help="JSON Lines (header line, then one record a line) or one JSON document (default: from -o).")
@click.option("-o", "--output", required=True, help="File to write ('-' for standard output).")
@command
def export_cmd(part: str, since: str | None, until: str | None, fmt: str | None, output: str) -> None:
    """Write PART (organisations, personnel or tasks) for a first load, or its changes since a date."""
    from django.utils.translation import gettext as _

    from stinet.cli import _bar
    from stinet.feed.services import export, export_window

    fmt = fmt or ("json" if output.endswith(".json") else "jsonl")
    window = export_window(part, since, until, fmt)  # refused before any file is touched
    with _bar(None, part, unit=_("records")) as bar:
        if output == "-":
            done = export(part, sys.stdout, window=window, fmt=fmt, progress=bar.update)
        else:
            with _replacing(Path(output)) as out:
                done = export(part, out, window=window, fmt=fmt, progress=bar.update)
    click.echo(_("%(part)s: %(records)s records, %(deleted)s deletions up to %(until)s (next --since)")
               % {"part": part, "records": done.counts["records"], "deleted": done.counts["deleted"],
                  "until": done.header()["until"]}, err=output == "-")


@feed.command("sheet")
@click.argument("task_code")
@click.option("-o", "--output", default=None, help="File to write (default: phieu-dang-ky-<code>.docx).")
@command
def sheet_cmd(task_code: str, output: str | None) -> None:
    """Write the registration sheet (Circular 14/2014, Form 5) of task TASK_CODE as a Word file."""
    from django.utils.translation import gettext as _

    from stinet.feed import sheet
    from stinet.tasks.services import find

    task = find(task_code)
    path = Path(output or sheet.filename(task))
    path.write_bytes(sheet.render(task))
    click.echo(_("wrote %(path)s (%(code)s)") % {"path": path, "code": task.code})


def register(main: click.Group) -> None:
    """Add `stinet feed` to the main command."""
    main.add_command(feed)
