"""`stinet files ...`: attach, fetch, OCR, list, change, delete and release full texts of works.

Registered in the main command by `register(main)`; commands run through stinet.cli's
`command` wrapper (Django set-up, one-line errors, exit 1).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from stinet.appcli import command, in_batches
from stinet.clihelp import Group

ACCESS = click.Choice(["public", "members", "metadata"])


def _line(f: Any) -> str:
    """One file as a line: id, organisation, access, embargo, status, size, name."""
    from django.utils.translation import gettext as _

    embargo = " " + _("embargo until %(date)s") % {"date": f.embargo_until.isoformat()} if f.embargo_until else ""
    pages = " " + _("%(n)s p.") % {"n": f.pages} if f.pages else ""
    note = f" ({f.text_note})" if f.text_note else ""
    return (f"[{f.pk}] {f.organisation.code} {f.access}{embargo} {f.text_status}{pages} "
            + _("%(size)s bytes") % {"size": f.size} + f" {f.served_name}{note}")


@click.group("files", cls=Group)
def files() -> None:
    """Full texts of works (PDF, DOCX, DOC, TXT): access levels, embargoes, text extraction, OCR."""


@files.command("attach")
@click.argument("work_id", type=int)
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--org", "org_code", default=None, help="Holding organisation (needed when several hold the work).")
@click.option("--access", default="public", show_default=True, type=ACCESS,
              help="public, members (network members only) or metadata (not downloadable).")
@click.option("--embargo", default=None, help="Closed to all but the holder's editors until this date (YYYY-MM-DD).")
@command
def attach(work_id: int, file: Path, org_code: str | None, access: str, embargo: str | None) -> None:
    """Attach FILE to work WORK_ID and extract its text for search."""
    from django.utils.translation import gettext as _

    from stinet.catalog.files import attach_file, renamed

    added = attach_file(work_id, file.read_bytes(), file.name, org_code=org_code, access=access, embargo=embargo)
    click.echo(_("attached %(file)s") % {"file": _line(added)})
    if note := renamed(file.name, added):
        click.echo(note)


@files.command("list")
@click.argument("work_id", type=int)
@command
def list_files(work_id: int) -> None:
    """List the files of work WORK_ID."""
    from django.utils.translation import gettext as _

    from stinet.catalog.models import Work, WorkFile
    from stinet.oai.services import merged_work

    if not Work.objects.filter(pk=work_id).exists():
        merged = merged_work(work_id)
        if merged:
            raise LookupError(_("work %(work)s does not exist (merged into work %(merged)s)")
                              % {"work": work_id, "merged": merged})
        raise LookupError(_("work %(work)s does not exist") % {"work": work_id})
    for f in WorkFile.objects.filter(work_id=work_id).select_related("organisation").defer("text"):
        click.echo(_line(f))


@files.command("fetch")
@click.option("--org", "org_code", required=True, help="Organisation whose holdings' links are fetched.")
@click.option("--access", default=None, type=ACCESS, help="Access of the files (default: each holding's access).")
@click.option("--limit", default=None, type=int, help="Fetch at most this many links.")
@click.option("--allow-private", is_flag=True,
              help="Allow a loopback or private address (administrators: tests and local mirrors).")
@command
@in_batches
def fetch(org_code: str, access: str | None, limit: int | None, allow_private: bool) -> None:
    """Download the PDFs that an organisation's holdings link to (those not fetched yet)."""
    from tqdm import tqdm

    from stinet.catalog.filefetch import fetch_organisation

    with tqdm(total=None, desc=org_code, unit=" links", disable=None, file=sys.stderr, leave=False) as bar:
        report = fetch_organisation(org_code, access=access, allow_private=allow_private, limit=limit,
                                    progress=lambda n: bar.update(n - bar.n))
    for line in report.lines():
        click.echo(line)


@files.command("ocr")
@click.argument("file_ids", nargs=-1, type=int)
@click.option("--all", "everything", is_flag=True, help="Read every PDF again, not only those found scanned.")
@command
@in_batches
def ocr(file_ids: tuple[int, ...], everything: bool) -> None:
    """Read scanned PDFs with Tesseract's Vietnamese model (Debian package tesseract-ocr-vie)."""
    from django.utils.translation import gettext as _

    from stinet.catalog import fulltext
    from stinet.catalog.files import FileRefused, ocr_file, scanned_files

    if not fulltext.ocr_available():
        raise click.ClickException(_("OCR needs tesseract with its Vietnamese model (Debian package "
                                     "tesseract-ocr-vie)"))
    ids = list(file_ids) or [f.pk for f in scanned_files(include_done=everything)]
    failed = 0
    for file_id in ids:
        try:
            done = ocr_file(file_id)
            click.echo(f"[{file_id}] " + _("%(status)s: %(n)s characters") % {"status": done.text_status,
                                                                            "n": len(done.text)})
        except FileRefused as exc:
            failed += 1
            click.echo(f"[{file_id}] " + _("failed: %(reason)s") % {"reason": exc}, err=True)
    click.echo(_("read %(done)s of %(n)s files") % {"done": len(ids) - failed, "n": len(ids)})


@files.command("set")
@click.argument("file_id", type=int)
@click.option("--access", default=None, type=ACCESS, help="New access level.")
@click.option("--embargo", default=None, help="New embargo date (YYYY-MM-DD).")
@click.option("--no-embargo", is_flag=True, help="Lift the embargo.")
@command
def set_file(file_id: int, access: str | None, embargo: str | None, no_embargo: bool) -> None:
    """Change the access level or embargo of file FILE_ID."""
    from django.utils.translation import gettext as _

    from stinet.catalog.files import change_file

    changed = change_file(file_id, access=access, embargo=None if no_embargo else (embargo or ""))
    click.echo(_("changed %(file)s") % {"file": _line(changed)})


@files.command("delete")
@click.argument("file_id", type=int)
@command
def delete(file_id: int) -> None:
    """Remove file FILE_ID from its work."""
    from django.utils.translation import gettext as _

    from stinet.catalog.files import delete_file

    delete_file(file_id)
    click.echo(_("deleted file %(file)s") % {"file": file_id})


@files.command("release")
@command
def release() -> None:
    """Index the texts of files whose embargo has ended (run daily, e.g. from cron)."""
    from django.utils.translation import gettext as _

    from stinet.catalog.files import release_embargoes

    works = release_embargoes()
    click.echo(_("released the files of %(n)s works") % {"n": len(works)})


def register(main: click.Group) -> None:
    """Add `stinet files` to the main command."""
    main.add_command(files)
