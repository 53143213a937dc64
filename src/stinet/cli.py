"""The `stinet` command: organisations, imports, search, serving and the demo network."""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from functools import wraps
from pathlib import Path
from typing import Any

import click
from django.core.exceptions import ImproperlyConfigured
from django.db.utils import OperationalError

from stinet.appcli import in_batches
from stinet.clihelp import Group, chosen_language, speak_clicks_words
from stinet.secretkey import keep_quietly

# ImproperlyConfigured: a setting of the environment refused (STINET_DATABASE_URL, STINET_SEARCH_BACKEND ...);
# OperationalError: the database could not do it (its disk full, locked too long); BrokenProcessPool: a parsing
# worker killed (the memory killer)
EXPECTED_ERRORS: tuple[type[BaseException], ...] = (ValueError, LookupError, OSError, ImproperlyConfigured,
                                                    OperationalError, BrokenProcessPool)

# What the commands print is in the command line's language (Django's gettext, set up when a command
# runs: STINET_LANGUAGE, else Vietnamese), and so is their help and Click's own words (stinet.clihelp).
# The "stinet: error:" and "stinet: interrupted" prefixes, --json, CSV and codes stay as they are.
speak_clicks_words()


def _setup() -> None:
    """Configure Django and bring the database schema up to date (embedded mode needs no step)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stinet.settings")
    import django
    from django.conf import settings

    django.setup()
    if os.environ.get("STINET_LANGUAGE"):  # else Django's default: the site's language (or a test's)
        from django.utils import translation

        translation.activate(chosen_language())
    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    settings.SECRET_KEY = keep_quietly(Path(settings.DATA_DIR), settings.SECRET_KEY)  # a new folder keeps it
    from stinet.catalog.setup import ensure_database

    ensure_database()


def command(func: Callable[..., Any]) -> Callable[..., Any]:
    """Set up Django first and turn expected failures into one line on stderr and exit 1."""
    batches = getattr(func, "stores_in_batches", False)

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            signal.signal(signal.SIGTERM, _stop)
            _setup()
            return func(*args, **kwargs)
        except click.ClickException:
            raise
        except KeyboardInterrupt as exc:
            click.echo("stinet: interrupted" + (f"; {_resume_hint()}" if batches else ""), err=True)
            if isinstance(exc, Stopped):  # end by the signal itself, as a service manager expects of a stop
                sys.stderr.flush()
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                os.kill(os.getpid(), signal.SIGTERM)
            sys.exit(130)  # as a shell reports SIGINT
        except BrokenPipeError:  # `stinet search x | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
            sys.exit(141)  # as a shell reports SIGPIPE
        except EXPECTED_ERRORS as exc:
            click.echo(f"stinet: error: {_reason(exc, batches)}", err=True)
            sys.exit(1)

    return wrapper


class Stopped(KeyboardInterrupt):
    """A stop signal (SIGTERM: systemd, docker stop, timeout): the command stops as on Ctrl-C, what it stored kept,
    the search index committed, its run marked interrupted; then it ends by the signal (a shell says 143)."""


def _stop(_signum: int, _frame: Any) -> None:
    """SIGTERM's handler: stop as Ctrl-C stops; a second SIGTERM does not cut that stop short (the worker beside
    the portal gets one from the kernel for each of the portal's threads that ends: PR_SET_PDEATHSIG)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Stopped


def _reason(exc: BaseException, batches: bool = False) -> str:
    """What failed, in the command line's language: a file the system refused as "FILE: reason" (the
    system's own words are English), anything else as the error says it; a database error of a command
    that stores in batches with what a new run does."""
    from django.apps import apps

    if isinstance(exc, (OperationalError, BrokenProcessPool)) and apps.ready:
        from django.utils.translation import gettext as _

        if isinstance(exc, BrokenProcessPool):
            return _("a parsing worker process ended abruptly (out of memory?); %(hint)s") % {"hint": _resume_hint()}
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        if not batches:
            return _("the database: %(reason)s") % {"reason": reason}
        return _("the database: %(reason)s; %(hint)s") % {"reason": reason, "hint": _resume_hint()}
    if not (isinstance(exc, OSError) and exc.filename and exc.errno in _SYSTEM_REASONS and apps.ready):
        return str(exc)
    from django.utils.translation import gettext as _

    return f"{exc.filename}: {_(_SYSTEM_REASONS[exc.errno])}"


_SYSTEM_REASONS = {  # the errno of a file the system refused -> its reason (translated in _reason; a test checks each)
    errno.ENOENT: "no such file or folder", errno.EACCES: "permission denied", errno.EPERM: "permission denied",
    errno.EISDIR: "is a folder", errno.ENOTDIR: "a part of the path is not a folder", errno.EEXIST: "exists already",
    errno.ENOSPC: "no space left on the disk", errno.EROFS: "the disk is read-only",
}


def _records_or_rows(file: Path, fmt: str | None) -> str | None:
    """What an import's progress bar counts: records (MARC, MARCXML, Dublin Core), else rows (None)."""
    from django.utils.translation import gettext as _

    from stinet.ingest.readers import guess_format

    try:
        kind = fmt or guess_format(file)
    except ValueError:  # said by the import itself
        return None
    return _("records") if kind in ("marc", "marcxml", "oai_dc") else None


def _resume_hint() -> str:
    """What follows "stinet: interrupted; " (in English when the interruption came before Django was ready)."""
    from django.apps import apps

    if not apps.ready:
        return "stored batches are kept, run again to resume"
    from django.utils.translation import gettext as _

    return _("stored batches are kept, run again to resume")


def _bar(total: int | None, desc: str, unit: str | None = None) -> Any:
    """A progress bar on the terminal counting `unit` (default: rows; silent when stderr is not a terminal)."""
    from django.utils.translation import gettext as _
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=" " + (unit or _("rows")), disable=None, file=sys.stderr, leave=False)


class _FileBar:
    """A file's progress bar, started once the importer has checked the file and counted its
    rows (the file is read once, not once more for the count)."""

    def __init__(self, name: str, unit: str | None = None) -> None:
        self.name, self.unit, self.bar = name, unit, None

    def start(self, total: int | None) -> None:
        self.bar = _bar(total, self.name, self.unit)

    def update(self, done: int) -> None:
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="stinet", help="Show the version and exit.")  # English: translated when shown
def main() -> None:
    """STINet: the S&T information network platform (data in STINET_DATA_DIR, default ./data)."""


@main.group()
def org() -> None:
    """Manage organisations (network members and other S&T organisations)."""


@org.command("add")
@click.argument("code")
@click.argument("name")
@click.option("--member", is_flag=True, help="The organisation is a member of the network.")
@click.option("--name-en", default="", help="English name.")
@click.option("--kind", default="other", help="university, institute, library, hospital, ...")
@click.option("--province", default="", help="Province or city.")
@click.option("--website", default="", help="Website address.")
@command
def org_add(code: str, name: str, member: bool, name_en: str, kind: str, province: str,
            website: str) -> None:
    """Add an organisation with a short CODE and its Vietnamese NAME."""
    from django.utils.translation import gettext as _

    from stinet.catalog.services import add_organisation

    added = add_organisation(code, name, name_en=name_en, kind=kind, province=province,
                             website=website, member=member)
    said = _("added %(code)s: %(name)s (member)") if member else _("added %(code)s: %(name)s")
    click.echo(said % {"code": added.code, "name": added.name_vi})


@org.command("hub")
@click.argument("code")
@command
def org_hub(code: str) -> None:
    """Make the member CODE the network's hub: it signs the statistical reports and forms."""
    from django.utils.translation import gettext as _

    from stinet.catalog.services import set_hub

    hub = set_hub(code)
    click.echo(_("%(code)s is the network's hub: %(name)s") % {"code": hub.code, "name": hub.name_vi})


@org.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@command
def org_list(as_json: bool) -> None:
    """List organisations with their number of holdings."""
    from django.utils.translation import pgettext

    from stinet.catalog.models import Organisation
    from stinet.directory.listing import with_holding_counts

    rows = with_holding_counts(Organisation.objects.order_by("code"))
    if as_json:
        click.echo(json.dumps([{"code": o.code, "name": o.name_vi, "member": o.is_member,
                                "holdings": o.n} for o in rows], ensure_ascii=False, indent=2))
        return
    member = pgettext("organisation list", "member")
    for o in rows:
        click.echo(f"{o.code:<12} {member if o.is_member else ' ' * len(member)} {o.n:>8}  {o.name_vi}")


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))  # refused below, in one line
@click.option("--org", "org_code", required=True, help="Code of the organisation the files are from.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "xls", "marc", "marcxml", "oai_dc"]),
              help="File format of every file (default: MARC, MARCXML or Dublin Core when a file's content shows it, "
                   "else from its extension; marc = MARC 21 ISO 2709; oai_dc = an OAI-PMH answer or oai_dc "
                   "records).")
@click.option("--rejects", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write each file's rejected rows to (FILE.rejected.csv: its columns after the line "
                   "and the reason), to fix and import again.")
@command
@in_batches
def import_cmd(files: tuple[Path, ...], org_code: str, fmt: str | None, rejects: Path | None) -> None:
    """Import a member's DSpace-style CSV, Excel, MARC, MARCXML or Dublin Core (oai_dc) files (re-importing
    updates in place).

    Several files are imported one after the other, each with its own report; a broken file
    stops the command, and the files before it stay imported.
    """
    from stinet.catalog.services import get_organisation
    from stinet.ingest.readers import ImportFileError, no_such_file
    from stinet.ingest.rejects import rejects_paths, settle
    from stinet.ingest.services import import_file, import_session

    for file in files:  # a mistyped name is found before any file is imported
        if not file.is_file():
            raise ImportFileError(no_such_file(file))
    get_organisation(org_code)
    targets = rejects_paths(rejects, files) if rejects is not None else []  # checked before any is imported
    refused: list[str] = []  # files of which every record was rejected
    with import_session():
        for number, file in enumerate(files):
            if number:
                click.echo()
            if len(files) > 1:
                click.echo(f"== {file}")
            bar = _FileBar(file.name, _records_or_rows(file, fmt))
            try:
                report = import_file(file, org_code, fmt, started=bar.start, progress=bar.update,
                                     keep_rejected=rejects is not None)
            finally:
                bar.close()
            for line in report.lines():
                click.echo(line)
            if targets and (said := settle(file, report.format, report.rejected_at or {}, targets[number])):
                click.echo(said)
            if report.rejected and not report.new + report.updated + report.unchanged:
                refused.append(file.name)
    if refused:  # exit 1 for scripts and scheduled jobs: nothing of it is in the catalogue
        from django.utils.translation import gettext as _

        raise ImportFileError(_("every record of %(files)s was rejected: nothing imported")
                              % {"files": ", ".join(refused)})


@main.command(context_settings={"ignore_unknown_options": True})  # `stinet search -rạn san hô`: an exclusion
@click.argument("words", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON shape.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100), help="Results per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1), help="Page number.")
@click.option("--type", "types", multiple=True, help="Work type code (repeatable).")
@click.option("--org", "orgs", multiple=True, help="Holding organisation code (repeatable).")
@click.option("--year-from", type=int, help="First year.")
@click.option("--year-to", type=int, help="Last year.")
@click.option("--sort", default="relevance", show_default=True,
              type=click.Choice(["relevance", "title", "year", "-year"]))
@click.option("--lang", type=click.Choice(["vi", "en"]), help="Label language (default: the command line's).")
@command
def search(words: tuple[str, ...], as_json: bool, limit: int, page: int, types: tuple[str, ...],
           orgs: tuple[str, ...], year_from: int | None, year_to: int | None, sort: str,
           lang: str) -> None:
    """Search the union catalogue (Vietnamese, with or without diacritics): the query in one argument
    or several words; a word that starts with '-' excludes (after '--' too)."""
    if long := [w for w in words if w.startswith("--")]:  # a mistyped option is no query word
        raise click.NoSuchOption(long[0].split("=", 1)[0])
    query = " ".join(words)
    from django.utils.translation import gettext as _

    from stinet.catalog.vocab import interface_lang
    from stinet.search.base import SearchRequest
    from stinet.search.service import search_json

    if year_from is not None and year_to is not None and year_from > year_to:
        raise click.BadParameter(_("%(first)s is after --year-to %(last)s") % {"first": year_from, "last": year_to},
                                 param_hint="--year-from")
    filters = {k: list(v) for k, v in (("type", types), ("org", orgs)) if v}
    request = SearchRequest(q=query, filters=filters, year_from=year_from, year_to=year_to,
                            sort=sort, page=page, page_size=limit)
    lang = lang or interface_lang()
    data = search_json(request, lang)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from django.utils import translation

    with translation.override(lang):  # as `stinet stats --lang`: the labels and the lines around them
        _print_results(data, query)


def _print_results(data: dict[str, Any], query: str) -> None:
    """A search's results as text: how many, then one line a work."""
    from django.utils.translation import ngettext, pgettext

    n = data["total"]
    if data["corrected"]:
        click.echo(ngettext("%(n)s result for: %(corrected)s (nothing matched %(query)r)",
                            "%(n)s results for: %(corrected)s (nothing matched %(query)r)", n)
                   % {"n": n, "corrected": data["corrected"], "query": query})
    elif data["approximate"]:
        click.echo(ngettext("%(n)s result (approximate matches)", "%(n)s results (approximate matches)", n)
                   % {"n": n})
    else:
        click.echo(ngettext("%(n)s result", "%(n)s results", n) % {"n": n})
    undated = pgettext("no year", "s.d.")
    for item in data["results"]:
        people = "; ".join(c["name"] for c in item["creators"] if c["role"] != "advisor")
        orgs_held = ", ".join(h["org"] for h in item["holdings"])
        click.echo(f"[{item['id']}] {item['title']} — {people} ({item['year'] or undated}) "
                   f"{item['type']} @ {orgs_held}")


@main.command()
@click.option("--format", "fmt", required=True,
              type=click.Choice(["csv", "xlsx", "ris", "bibtex", "marcxml", "json"]), help="Export format.")
@click.option("--query", "q", default=None, help="Export only what this search finds (same language as search).")
@click.option("--org", "org_code", default=None,
              help="Only this member's holdings, with its own ids, call numbers and access levels "
                   "(CSV/XLSX: edit and import again with --org to update them in place).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write ('-' or none: standard output).")
@command
def export(fmt: str, q: str | None, org_code: str | None, output: Path | None) -> None:
    """Export the whole catalogue, or a search, as CSV, XLSX, RIS, BibTeX, MARCXML or JSON."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from stinet.catalog.services import get_organisation
    from stinet.formats.export import search_ids, write
    from stinet.search.base import SearchRequest

    if output is not None and not output.name:  # --output "": Path("") is the current folder
        raise ValueError(_("--output: no file name given"))
    org = get_organisation(org_code) if org_code is not None else None
    ids = search_ids(SearchRequest(q=q)) if q is not None else None

    def url(work: Any) -> str:  # the work's page on the portal (STINET_SITE_URL), as the API gives it
        return settings.SITE_URL + reverse("portal:work", args=[work.pk])

    if output is None or str(output) == "-":  # "-o -" as other tools take it (a file named "-" was written)
        count = write(fmt, sys.stdout.buffer, ids, url=url, org=org)
    else:  # written beside it, then renamed: a failed export leaves no half-written file, nor an old one cut
        part = output.with_name(f".{output.name}.{os.getpid()}.part")
        _clear_left_parts(output)
        try:
            try:
                out = part.open("wb")
            except OSError as exc:  # said of the file asked for: the folder is missing, not writable...
                raise OSError(exc.errno, exc.strerror, str(output)) from None
            try:
                with out:
                    count = write(fmt, out, ids, url=url, org=org)
            except OSError as exc:  # the disk full: said of the file asked for
                _drop_quietly(exc)
                raise OSError(exc.errno, exc.strerror, str(output)) from None
            part.replace(output)
        finally:
            part.unlink(missing_ok=True)
    click.echo(ngettext("exported %(n)s work as %(format)s", "exported %(n)s works as %(format)s", count)
               % {"n": count, "format": fmt}, err=True)


def _clear_left_parts(output: Path) -> None:
    """Remove what exports to the same file killed outright (kill -9, a power cut) left beside it: a part whose
    process no longer runs here, unwritten for PART_LEFT_AFTER (one of another machine's live export is written to)."""
    from stinet.catalog.processes import alive

    for part in output.parent.glob(f".{glob.escape(output.name)}.*.part"):
        pid = part.name[len(output.name) + 2:-len(".part")]
        with contextlib.suppress(OSError):
            if pid.isdigit() and not alive(int(pid)) and time.time() - part.stat().st_mtime > PART_LEFT_AFTER:
                part.unlink()


PART_LEFT_AFTER = 600  # seconds


def _drop_quietly(exc: BaseException) -> None:
    """Let go of what a failed write left (openpyxl's zip writer, held by the error's frames, open on the closed
    file): its destructor's complaint ("Exception ignored in: ZipFile.__del__ ... seek of closed file") says
    nothing the error did not."""
    import gc

    hook, sys.unraisablehook = sys.unraisablehook, lambda _unraisable: None
    try:
        exc.__traceback__ = None
        gc.collect()
    finally:
        sys.unraisablehook = hook


@main.group()
def fields() -> None:
    """Fields of science (Circular 24/2025/TT-BKHCN; Decision 12/2008/QĐ-BKHCN)."""


@fields.command("load")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--scheme", required=True, type=click.Choice(["2025", "2008"]), help="Which classification.")
@command
def fields_load(file: Path, scheme: str) -> None:
    """Replace a scheme's codes with a full table (CSV: code,level,parent,name_vi,name_en)."""
    from django.utils.translation import ngettext

    from stinet.catalog.services import load_fields

    n = load_fields(str(file), scheme)
    click.echo(ngettext("loaded %(n)s code of the %(scheme)s classification",
                        "loaded %(n)s codes of the %(scheme)s classification", n) % {"n": n, "scheme": scheme})


@main.command()
@command
def reindex() -> None:
    """Rebuild the search index from the catalogue."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext, pgettext

    from stinet.catalog.models import Work
    from stinet.search.indexing import rebuild

    with _bar(Work.objects.count(), _("indexing"), unit=pgettext("progress", "works")) as bar:
        n = rebuild(progress=lambda done: bar.update(done - bar.n))
    click.echo(ngettext("indexed %(n)s work", "indexed %(n)s works", n) % {"n": n})


@main.command()
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--with-worker", is_flag=True, help="Also run 'stinet worker' beside the portal, stopped with it.")
@command
def serve(port: int, host: str, with_worker: bool) -> None:
    """Serve the portal and the API."""
    from stinet.portal.server import run_server

    run_server(host, port, worker_poll=WORKER_POLL if with_worker else None)


WORKER_POLL = 10  # seconds between the rounds of the worker run beside the portal (a run asked for starts soon)


@main.command()
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--works", "n", default=5200, show_default=True, help="Number of demo works.")
@click.option("--no-serve", is_flag=True, help="Build the demo network and exit.")
@click.option("--no-worker", is_flag=True, help="Serve without 'stinet worker' beside the portal.")
@command
@in_batches
def demo(port: int, host: str, n: int, no_serve: bool, no_worker: bool) -> None:
    """Build the demo network (9 members, ~5,200 works) if the catalogue is empty, then serve it and its worker."""
    from stinet.demo.load import load_demo

    for line in load_demo(n, progress_bar=_bar):
        click.echo(line)
    if not no_serve:
        from stinet.portal.server import run_server

        run_server(host, port, worker_poll=None if no_worker else WORKER_POLL)


def _register_apps() -> None:
    """Add the sub-commands that live in the apps (harvest, source, worker, tasks, experts, ...)."""
    from importlib import import_module

    for module in ("stinet.sources.cli", "stinet.directory.cli", "stinet.people.cli", "stinet.tasks.cli",
                   "stinet.catalog.files_cli", "stinet.catalog.dedup_cli", "stinet.accounts.cli", "stinet.feed.cli",
                   "stinet.stats.cli"):
        import_module(module).register(main)


_register_apps()

if __name__ == "__main__":
    main()
