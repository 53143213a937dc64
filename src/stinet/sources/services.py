"""Sources of harvests: add, change and remove an OAI-PMH source (or a member's file kept on the server),
run one now under its lock, and the sources' health (the harvest itself: sources.harvesting)."""

from __future__ import annotations

import contextlib
import re
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.accounts.permissions import edits_organisation, is_admin, require
from stinet.catalog.models import ImportRun, Organisation
from stinet.catalog.processes import host_and_pid
from stinet.catalog.runs import recover_ended_runs
from stinet.catalog.services import audit, get_organisation
from stinet.ingest.readers import no_such_file
from stinet.ingest.report import ImportReport
from stinet.oai.protocol import METADATA_PREFIX, SET_SPEC
from stinet.sources.client import HarvestError, OAIClient
from stinet.sources.harvesting import (
    Progress,
    check_datestamp,
    failure_line,
    harvest,
    refresh_heartbeat,
    schedule_next,
)
from stinet.sources.locks import claim, free_locks, release, worker_id
from stinet.sources.mapping import MappingError, mapper
from stinet.sources.models import DEFAULT_INTERVAL_DAYS, Source
from stinet.sources.safety import check_url


class SourceBusy(HarvestError):
    """The source is being run by another worker or command right now."""


def _check_prefix(prefix: str) -> None:
    """ValueError for a metadata prefix that is not one, or that the harvester cannot read: refused
    when the source is saved, not by every later run."""
    if not METADATA_PREFIX.fullmatch(prefix):
        raise ValueError(_("metadata prefix %(prefix)r: not a valid OAI-PMH metadataPrefix") % {"prefix": prefix})
    try:
        mapper(prefix)
    except MappingError as exc:
        raise ValueError(str(exc)) from None


def add_source(org_code: str, base_url: str, *, label: str = "", prefix: str = "oai_dc", set_spec: str = "",
               interval: int = DEFAULT_INTERVAL_DAYS, allow_private: bool = False, kind: str = "oai",
               file_path: str = "", actor: str = "cli", user: Any = None) -> Source:
    """Add a source to an organisation, first harvested at the worker's next round.

    `user` is the acting web user (None: the command line, run by the server's operator); they
    must manage the organisation's sources.
    """
    org = get_organisation(org_code)
    require_manager(user, org.pk, org.code)
    if kind == "oai":
        check_url(base_url, allow_private, base=True)
        _check_prefix(prefix)
        _check_set(set_spec)
        _check_unique(org, base_url.strip(), prefix, set_spec)
    elif kind == "file":
        if not Path(file_path).is_file():
            raise ValueError(no_such_file(file_path))
    else:
        raise ValueError(_("source kind %(kind)r: oai or file") % {"kind": kind})
    _check_interval(interval)
    _check_label(label)
    default_label = (urlsplit(base_url).hostname or "") + (f" [{set_spec}]" if set_spec else "")
    source = Source.objects.create(
        organisation=org, label=(label or default_label or Path(file_path).name)[:200], kind=kind,
        base_url=base_url.strip(), metadata_prefix=prefix, set_spec=set_spec, file_path=file_path,
        interval=interval, allow_private=allow_private, next_run_at=timezone.now())
    audit(actor, "create", source, after={"org": org.code, "url": base_url, "prefix": prefix, "set": set_spec,
                                          "interval": interval, "allow_private": allow_private}, user=user)
    return source


def _check_unique(org: Organisation, base_url: str, prefix: str, set_spec: str, source_id: int | None = None) -> None:
    """ValueError when another source of the organisation harvests this list (URL, format, set): two
    sources of one list would harvest it twice and sweep each other's records."""
    same = _source_of_list(org, base_url, prefix, set_spec, source_id)
    if same is not None:
        raise ValueError(_("%(org)s harvests this list already: source %(id)s (%(label)s)")
                         % {"org": org.code, "id": same.pk, "label": same.label})


def _source_of_list(org: Organisation, base_url: str, prefix: str, set_spec: str,
                    other_than: int | None = None) -> Source | None:
    """The organisation's first source harvesting this list (url_key, format, set), but `other_than`."""
    key = url_key(base_url)
    return next((s for s in Source.objects.filter(organisation=org, kind="oai", metadata_prefix=prefix,
                                                  set_spec=set_spec).exclude(pk=other_than).order_by("pk")
                 if url_key(s.base_url) == key), None)


def remove_source(source: Source, *, actor: str = "cli", user: Any = None) -> None:
    """Remove a source that is not running. What it harvested stays (the member's holdings, its run
    reports): a full harvest of a list removes what the list no longer gives, removing the source does not."""
    require_manager(user, source.organisation_id, source.organisation.code)
    before = {"org": source.organisation.code, "url": source.base_url, "prefix": source.metadata_prefix,
              "set": source.set_spec, "label": source.label}
    with transaction.atomic():  # removed only if no run holds it at this moment (a worker may claim it meanwhile)
        removed, _kinds = Source.objects.filter(free_locks(timezone.now()), pk=source.pk).delete()
        if not removed:
            raise ValueError(_("source %(id)s is running: remove it when the run has ended") % {"id": source.pk})
        audit(actor, "delete", source, before=before, user=user)
    if source.kind == "file":
        from stinet.sources.uploads import forget_upload

        forget_upload(source.file_path)  # a file uploaded on the web goes with its source


def _check_set(set_spec: str) -> None:
    """ValueError for a set that is not an OAI-PMH setSpec ('' is the whole repository)."""
    if set_spec and not SET_SPEC.fullmatch(set_spec):
        raise ValueError(_("set %(set)r: not a valid OAI-PMH setSpec") % {"set": set_spec})


MAX_INTERVAL_DAYS = 3650  # ten years: as the web form takes (a longer one overflowed the next run's date)
MAX_LABEL = 200


def _check_interval(interval: int) -> None:
    """ValueError for an interval shorter than a day or longer than MAX_INTERVAL_DAYS."""
    if interval < 1:
        raise ValueError(_("interval %(n)s: at least 1 day") % {"n": interval})
    if interval > MAX_INTERVAL_DAYS:
        raise ValueError(_("interval %(n)s: at most %(max)s days") % {"n": interval, "max": MAX_INTERVAL_DAYS})


def _check_label(label: str) -> None:
    """ValueError for a label longer than a source's name holds, or of more than one line."""
    if len(label.strip()) > MAX_LABEL:
        raise ValueError(_("label: at most %(max)s characters (it has %(n)s)")
                         % {"max": MAX_LABEL, "n": len(label.strip())})
    if any(ch < " " or ch == "\x7f" for ch in label):
        raise ValueError(_("label: one line, without control characters"))


def url_key(url: str) -> str:
    """A base URL as harvesting compares it: scheme and host in lower case, the default port, doubled and
    trailing slashes dropped ("HTTP://Host:80//oai/" is "http://host/oai"): one list added twice under two
    spellings was harvested twice."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    try:
        port = parts.port if parts.port not in (None, {"http": 80, "https": 443}.get(scheme)) else None
    except ValueError:  # a port out of range or not a number: check_url says so, in the user's language
        return url.strip()
    netloc = f"[{host}]" if ":" in host else host
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    return f"{scheme}://{netloc}{f':{port}' if port else ''}{path}{f'?{parts.query}' if parts.query else ''}"


def not_a_manager(code: str) -> str:
    """The refusal of a user who does not manage an organisation's sources."""
    return _("you do not manage the sources of %(code)s") % {"code": code}


def require_manager(user: Any, organisation_id: int, code: str) -> None:
    """Refuse a web user who does not manage this organisation's sources (None: the command line)."""
    if user is not None:
        require(edits_organisation(user, organisation_id), not_a_manager(code))


def request_run(source: Source, *, user: Any = None, actor: str = "cli") -> None:
    """Have the worker harvest a source at its next round."""
    require_manager(user, source.organisation_id, source.organisation.code)
    Source.objects.filter(pk=source.pk).update(next_run_at=timezone.now())
    audit(actor, "run-requested", source, user=user)


def change_source(source: Source, *, label: str | None = None, prefix: str | None = None,
                  set_spec: str | None = None, interval: int | None = None, base_url: str | None = None,
                  actor: str = "cli", user: Any = None) -> Source:
    """Change a source; a new format, set or address (the repository moved) starts its list afresh, its
    records staying its own (a full harvest removes those the new list lacks); a new interval reschedules it."""
    require_manager(user, source.organisation_id, source.organisation.code)
    before = {"label": source.label, "prefix": source.metadata_prefix, "set": source.set_spec,
              "interval": source.interval, "url": source.base_url}
    if prefix is not None:
        _check_prefix(prefix)
    _check_set(set_spec or "")
    new_url = base_url is not None and base_url.strip() != source.base_url
    if new_url and source.kind != "oai":
        raise ValueError(_("source %(id)s is a file: it has no address") % {"id": source.pk})
    # a loopback or private address only from the hub or the server's operator: a private mirror the hub set
    # up is no way for a member's editor to reach the server's own network
    private = source.allow_private and (user is None or is_admin(user))
    if new_url:
        check_url(base_url, private, base=True)
    another_list = new_url or (prefix is not None and prefix != source.metadata_prefix) or (
        set_spec is not None and set_spec != source.set_spec)
    if source.kind == "oai" and another_list:  # (two sources saved before url_key stay editable)
        _check_unique(source.organisation, base_url.strip() if new_url else source.base_url,
                      prefix if prefix is not None else source.metadata_prefix,
                      set_spec if set_spec is not None else source.set_spec, source.pk)
    if interval is not None:
        _check_interval(interval)
    if label is not None:
        _check_label(label)
    from stinet.sources.uploads import is_upload

    once = source.kind == "file" and is_upload(source.file_path)  # imported once: no interval or format reschedules
    if interval is not None and interval != source.interval and not once:  # due that long after the last success
        source.next_run_at = (source.last_success_at or timezone.now()) + timedelta(days=interval)
    new_prefix = prefix is not None and prefix != source.metadata_prefix
    fields = ["label", "metadata_prefix", "set_spec", "interval", "next_run_at", "updated_at", "base_url",
              "allow_private"]
    if source.kind == "oai" and (new_prefix or new_url or (set_spec is not None and set_spec != source.set_spec)):
        if not Source.objects.filter(free_locks(timezone.now()), pk=source.pk).exists():  # its end would undo it
            raise ValueError(_("source %(id)s is running: change its format, set or address when the run has ended")
                             % {"id": source.pk})
        source.last_datestamp, source.resume_token = "", ""  # another list: harvest it whole, now
        source.next_run_at = timezone.now()
        fields += ["last_datestamp", "resume_token"]
    source.label = label.strip()[:200] if label else source.label
    source.metadata_prefix = prefix if prefix is not None else source.metadata_prefix
    source.set_spec = set_spec if set_spec is not None else source.set_spec
    source.interval = interval if interval is not None else source.interval
    source.base_url = base_url.strip() if new_url else source.base_url
    source.allow_private = private if new_url else source.allow_private
    source.save(update_fields=fields)  # never the lock, heartbeat or resume point a run writes meanwhile
    audit(actor, "update", source, before=before, after={"label": source.label, "prefix": source.metadata_prefix,
                                                          "set": source.set_spec, "interval": source.interval,
                                                          "url": source.base_url}, user=user)
    return source


def run_source(source: Source, *, full: bool = False, from_date: str = "", progress: Progress | None = None,
               worker: str = "", client: OAIClient | None = None, parsers: int | None = None) -> ImportReport:
    """Run one source now under its lock (harvest, or re-import of its file); the run's report. `parsers`:
    the processes that parse a file (None: as ingest decides; 1 in a web request)."""
    worker = worker or worker_id()
    recover_ended_runs()  # before a lock is taken over: the run it names may have stored pages not yet indexed
    if not claim(source.pk, worker):
        named = host_and_pid(Source.objects.filter(pk=source.pk).values_list("locked_by", flat=True).first() or "")
        who = (_("another run (process %(pid)s on %(host)s)") % {"host": named[0], "pid": named[1]} if named
               else _("another run"))  # the holder as people read it, not the lock's inner name
        raise SourceBusy(_("source %(id)s (%(label)s) is being harvested by %(who)s; try again later")
                         % {"id": source.pk, "label": source.label, "who": who})
    try:
        source.refresh_from_db()
        if source.kind == "file":
            return _run_file(source, progress, parsers)
        return harvest(source, full=full, from_date=from_date, progress=progress, client=client)
    finally:
        release(source.pk, worker)


def _run_file(source: Source, progress: Progress | None, parsers: int | None = None) -> ImportReport:
    """Re-import a file source (an upload kept on the server) and schedule its next run."""
    from stinet.ingest.services import import_file

    try:
        report = import_file(source.file_path, source.organisation.code, progress=_beating(source.pk, progress),
                             workers=parsers)
    except BaseException as exc:
        schedule_next(source, ok=False, error=failure_line(exc), interrupted=isinstance(exc, KeyboardInterrupt))
        raise
    finally:
        run = ImportRun.objects.filter(organisation=source.organisation,
                                       source_name=Path(source.file_path).name).first()
        Source.objects.filter(pk=source.pk).update(last_run=run)
    schedule_next(source, ok=True)
    return report


def _beating(source_id: int, progress: Progress | None) -> Progress:
    """The progress of a file's import, refreshing its source's lock as a harvest's pages do (BEAT_EVERY at
    most): an import of more than STALE_AFTER was taken over by another worker, which imported it again."""
    beaten = timezone.now()  # (claimed just now)

    def told(done: int) -> None:
        nonlocal beaten
        beaten = refresh_heartbeat(source_id, beaten)
        if progress is not None:
            progress(done)

    return told


def harvest_url(url: str, org_code: str, prefix: str = "oai_dc", set_spec: str = "", from_date: str = "", *,
                full: bool = False, allow_private: bool = False, progress: Progress | None = None) -> ImportReport:
    """One harvest of a URL for an organisation, through its saved source (created on first use)."""
    if from_date and full:
        raise ValueError(_("--from and --full: one or the other (--full harvests everything, --from what "
                           "changed since a date)"))
    if from_date:
        check_datestamp(from_date)  # an operator's typo is refused before a source is saved
    org = get_organisation(org_code)
    source = _source_of_list(org, url, prefix, set_spec)  # its saved source, however the address is spelt
    created = source is None
    if source is None:
        source = add_source(org.code, url, prefix=prefix, set_spec=set_spec, allow_private=allow_private)
    elif allow_private and not source.allow_private:
        Source.objects.filter(pk=source.pk).update(allow_private=True)
        source.allow_private = True
    try:
        return run_source(source, full=full, from_date=from_date, progress=progress)
    except Exception as exc:
        if created and _nothing_harvested(source, exc):  # a mistyped address, no OAI-PMH there: no source left
            with contextlib.suppress(ValueError):  # to be retried every day (the failed run's report stays);
                remove_source(source)  # a worker running it meanwhile keeps it
        raise


def _nothing_harvested(source: Source, exc: Exception) -> bool:
    """Whether a failed run stored nothing and left nothing to resume."""
    report = getattr(exc, "report", None)
    counted = report is not None and any(report.counts().values())  # a harvest's counts hold its deletions
    return not counted and not Source.objects.filter(pk=source.pk).exclude(resume_token="").exists()


def source_health() -> list[dict[str, object]]:
    """Every source with its last run, counts, status, error and next run (the hub's health view)."""
    rows = []
    for s in Source.objects.select_related("organisation", "last_run").order_by("organisation__code", "label"):
        run = s.last_run
        rows.append({
            "id": s.pk, "org": s.organisation.code, "label": s.label, "kind": s.kind, "url": s.base_url,
            "prefix": s.metadata_prefix, "set": s.set_spec, "interval_days": s.interval, "health": s.health,
            "last_run": run.pk if run else None, "last_run_status": run.status if run else "",
            "last_run_at": run.started_at.isoformat() if run else None, "counts": run.counts if run else {},
            "last_error": s.last_error, "last_datestamp": s.last_datestamp, "resume_token": s.resume_token,
            "next_run_at": s.next_run_at.isoformat() if s.next_run_at else None,
        })
    return rows
