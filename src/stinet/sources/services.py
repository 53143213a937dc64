"""Sources and harvests: add a source, harvest it page by page into the catalogue, resume, report."""

from __future__ import annotations

import contextlib
import re
import time
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stinet.accounts.permissions import edits_organisation, require
from stinet.catalog.models import Holding, ImportRun, Organisation
from stinet.catalog.services import audit, get_organisation, remove_holding, store_batch
from stinet.ingest.readers import no_such_file
from stinet.ingest.report import ImportReport
from stinet.ingest.workers import fewer_collections
from stinet.oai.protocol import METADATA_PREFIX, SET_SPEC
from stinet.search import indexing
from stinet.sources.client import HarvestError, Identity, OAIClient, OAIProtocolError, Page, TokenLoop
from stinet.sources.locks import claim, free_locks, release, worker_id
from stinet.sources.mapping import MappingError, mapper
from stinet.sources.models import DEFAULT_INTERVAL_DAYS, Source
from stinet.sources.pipeline import STORE_RECORDS, Group, Outcome, Pipeline, read_ahead
from stinet.sources.report import HarvestReport
from stinet.sources.safety import check_url

Progress = Callable[[int], None]
Convert = Callable[..., dict[str, str]]
RETRY_AFTER_FAILURE = timedelta(days=1)  # a failed source is tried again this soon (or its interval)
INDEX_COMMIT_STORES = 100  # the search index is committed every this many stores (~50,000 records, as imports)
DATESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?")


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


def check_datestamp(value: str, what: str | None = None) -> None:
    """ValueError unless the value is a real OAI-PMH date or UTC date-time (2024-02-30 is not);
    `what` names the value in the message (default: the from date)."""
    try:
        if not DATESTAMP.fullmatch(value):
            raise ValueError
        datetime.fromisoformat(value.replace("Z", "+00:00"))  # a real day and time: 2024-02-30 is not
    except ValueError:
        raise ValueError(_("%(what)s %(value)r: expected a date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ")
                         % {"what": what or _("from date"), "value": value}) from None


def add_source(org_code: str, base_url: str, *, label: str = "", prefix: str = "oai_dc", set_spec: str = "",
               interval: int = DEFAULT_INTERVAL_DAYS, allow_private: bool = False, kind: str = "oai",
               file_path: str = "", actor: str = "cli", user: Any = None) -> Source:
    """Add a source to an organisation, first harvested at the worker's next round.

    `user` is the acting web user (None: the command line, run by the server's operator); they
    must manage the organisation's sources.
    """
    org = get_organisation(org_code)
    _require_manager(user, org.pk, org.code)
    if kind == "oai":
        check_url(base_url, allow_private)
        _check_prefix(prefix)
        _check_set(set_spec)
        _check_unique(org, base_url.strip(), prefix, set_spec)
    elif kind == "file":
        if not Path(file_path).is_file():
            raise ValueError(no_such_file(file_path))
    else:
        raise ValueError(_("source kind %(kind)r: oai or file") % {"kind": kind})
    _check_interval(interval)
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
    same = (Source.objects.filter(organisation=org, kind="oai", base_url=base_url, metadata_prefix=prefix,
                                  set_spec=set_spec).exclude(pk=source_id).first())
    if same is not None:
        raise ValueError(_("%(org)s harvests this list already: source %(id)s (%(label)s)")
                         % {"org": org.code, "id": same.pk, "label": same.label})


def remove_source(source: Source, *, actor: str = "cli", user: Any = None) -> None:
    """Remove a source that is not running. What it harvested stays (the member's holdings, its run
    reports): a full harvest of a list removes what the list no longer gives, removing the source does not."""
    _require_manager(user, source.organisation_id, source.organisation.code)
    before = {"org": source.organisation.code, "url": source.base_url, "prefix": source.metadata_prefix,
              "set": source.set_spec, "label": source.label}
    with transaction.atomic():  # removed only if no run holds it at this moment (a worker may claim it meanwhile)
        removed, _kinds = Source.objects.filter(free_locks(timezone.now()), pk=source.pk).delete()
        if not removed:
            raise ValueError(_("source %(id)s is running: remove it when the run has ended") % {"id": source.pk})
        audit(actor, "delete", source, before=before, user=user)


def _check_set(set_spec: str) -> None:
    """ValueError for a set that is not an OAI-PMH setSpec ('' is the whole repository)."""
    if set_spec and not SET_SPEC.fullmatch(set_spec):
        raise ValueError(_("set %(set)r: not a valid OAI-PMH setSpec") % {"set": set_spec})


def _check_interval(interval: int) -> None:
    """ValueError for an interval shorter than a day."""
    if interval < 1:
        raise ValueError(_("interval %(n)s: at least 1 day") % {"n": interval})


def not_a_manager(code: str) -> str:
    """The refusal of a user who does not manage an organisation's sources."""
    return _("you do not manage the sources of %(code)s") % {"code": code}


def _require_manager(user: Any, organisation_id: int, code: str) -> None:
    """Refuse a web user who does not manage this organisation's sources (None: the command line)."""
    if user is not None:
        require(edits_organisation(user, organisation_id), not_a_manager(code))


def request_run(source: Source, *, user: Any = None, actor: str = "cli") -> None:
    """Have the worker harvest a source at its next round."""
    _require_manager(user, source.organisation_id, source.organisation.code)
    Source.objects.filter(pk=source.pk).update(next_run_at=timezone.now())
    audit(actor, "run-requested", source, user=user)


def change_source(source: Source, *, label: str | None = None, prefix: str | None = None,
                  set_spec: str | None = None, interval: int | None = None, actor: str = "cli",
                  user: Any = None) -> Source:
    """Change a source; a new format or set starts its list afresh, a new interval reschedules it."""
    _require_manager(user, source.organisation_id, source.organisation.code)
    before = {"label": source.label, "prefix": source.metadata_prefix, "set": source.set_spec,
              "interval": source.interval}
    if prefix is not None:
        _check_prefix(prefix)
    _check_set(set_spec or "")
    if source.kind == "oai":
        _check_unique(source.organisation, source.base_url, prefix if prefix is not None else source.metadata_prefix,
                      set_spec if set_spec is not None else source.set_spec, source.pk)
    if interval is not None:
        _check_interval(interval)
    if interval is not None and interval != source.interval:  # due that long after the last success
        source.next_run_at = (source.last_success_at or timezone.now()) + timedelta(days=interval)
    new_prefix = prefix is not None and prefix != source.metadata_prefix
    fields = ["label", "metadata_prefix", "set_spec", "interval", "next_run_at", "updated_at"]
    if new_prefix or (set_spec is not None and set_spec != source.set_spec):
        if not Source.objects.filter(free_locks(timezone.now()), pk=source.pk).exists():  # its end would undo it
            raise ValueError(_("source %(id)s is running: change its format or set when the run has ended")
                             % {"id": source.pk})
        source.last_datestamp, source.resume_token = "", ""  # another list: harvest it whole, now
        source.next_run_at = timezone.now()
        fields += ["last_datestamp", "resume_token"]
    source.label = label.strip()[:200] if label else source.label
    source.metadata_prefix = prefix if prefix is not None else source.metadata_prefix
    source.set_spec = set_spec if set_spec is not None else source.set_spec
    source.interval = interval if interval is not None else source.interval
    source.save(update_fields=fields)  # never the lock, heartbeat or resume point a run writes meanwhile
    audit(actor, "update", source, before=before, after={"label": source.label, "prefix": source.metadata_prefix,
                                                          "set": source.set_spec, "interval": source.interval},
          user=user)
    return source


def run_source(source: Source, *, full: bool = False, from_date: str = "", progress: Progress | None = None,
               worker: str = "", client: OAIClient | None = None) -> ImportReport:
    """Run one source now under its lock (harvest, or re-import of its file); the run's report."""
    worker = worker or worker_id()
    if not claim(source.pk, worker):
        raise SourceBusy(_("source %(id)s (%(label)s) is being harvested by %(who)s; try again later")
                         % {"id": source.pk, "label": source.label, "who": source.locked_by or _("another run")})
    try:
        source.refresh_from_db()
        if source.kind == "file":
            return _run_file(source, progress)
        return harvest(source, full=full, from_date=from_date, progress=progress, client=client)
    finally:
        release(source.pk, worker)


def failure_line(exc: BaseException) -> str:
    """What a failed run says of its failure: the error's first line (its kind when it has none); an
    interruption (Ctrl-C, a stop signal) in words."""
    if isinstance(exc, KeyboardInterrupt):
        return _("interrupted (Ctrl-C or a stop signal): the stored pages are kept, the next run resumes")
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _run_file(source: Source, progress: Progress | None) -> ImportReport:
    """Re-import a file source (an upload kept on the server) and schedule its next run."""
    from stinet.ingest.services import import_file

    try:
        report = import_file(source.file_path, source.organisation.code, progress=progress)
    except BaseException as exc:
        _schedule(source, ok=False, error=failure_line(exc))
        raise
    finally:
        run = ImportRun.objects.filter(organisation=source.organisation,
                                       source_name=Path(source.file_path).name).first()
        Source.objects.filter(pk=source.pk).update(last_run=run)
    _schedule(source, ok=True)
    return report


def harvest_url(url: str, org_code: str, prefix: str = "oai_dc", set_spec: str = "", from_date: str = "", *,
                full: bool = False, allow_private: bool = False, progress: Progress | None = None) -> ImportReport:
    """One harvest of a URL for an organisation, through its saved source (created on first use)."""
    if from_date:
        check_datestamp(from_date)  # an operator's typo is refused before a source is saved
    org = get_organisation(org_code)
    source = Source.objects.filter(organisation=org, kind="oai", base_url=url.strip(), metadata_prefix=prefix,
                                   set_spec=set_spec).first()
    if source is None:
        source = add_source(org.code, url, prefix=prefix, set_spec=set_spec, allow_private=allow_private)
    elif allow_private and not source.allow_private:
        Source.objects.filter(pk=source.pk).update(allow_private=True)
        source.allow_private = True
    return run_source(source, full=full, from_date=from_date, progress=progress)


@dataclass
class _Harvest:
    """One harvest in progress: where it writes and what it has counted."""

    source: Source
    org: Organisation
    run: ImportRun
    report: HarvestReport
    convert: Convert
    progress: Progress | None
    actor: str
    stores: int = 0
    seen: set[str] | None = None  # identifiers listed, in a full harvest (what was not listed has gone)
    beaten_at: datetime | None = None  # when the lock's heartbeat was last refreshed by this run
    handled: array = field(default_factory=lambda: array("q"))  # hashes of the identifiers the list's groups stored
    repeats: frozenset[int] = frozenset()  # those of the list before it was restarted (not counted again)

    def repeated(self, identifier: str) -> bool:
        """Whether the list before its restart gave this identifier already (its outcome was counted)."""
        return bool(self.repeats) and hash(identifier) in self.repeats


def harvest(source: Source, *, full: bool = False, from_date: str = "", progress: Progress | None = None,
            client: OAIClient | None = None) -> HarvestReport:
    """Harvest an OAI-PMH source into its organisation's holdings; raise HarvestError on failure.

    Incremental from the last complete harvest unless `full` or `from_date`; an interrupted list
    resumes at its stored token. Every page is stored atomically with its resume point, so a
    failure keeps what was stored. The source is never disabled: it keeps its schedule and error.
    """
    if from_date:
        check_datestamp(from_date)
    org = source.organisation
    report = HarvestReport(source=source.label, format=source.metadata_prefix, base_url=source.base_url)
    run = ImportRun.objects.create(organisation=org, source_name=source.label[:500], format=source.metadata_prefix,
                                   report={"kind": "harvest", "source_id": source.pk,
                                           "language": translation.get_language() or settings.LANGUAGE_CODE})
    previous = source.last_run_id
    Source.objects.filter(pk=source.pk).update(last_run=run)
    state = _Harvest(source, org, run, report, _noop, progress, f"harvest {org.code} {source.label}"[:200],
                     seen=set() if full and not from_date else None)  # the whole list: what it lacks has gone
    started = time.monotonic()
    try:
        state.convert = mapper(source.metadata_prefix)
        client = client or OAIClient(source.base_url, allow_private=source.allow_private)
        identity = client.identify()
        _note_identity(report, identity)
        if source.resume_token and not (full or from_date) and previous:  # its last pages may not be indexed
            indexing.works_changed(Holding.objects.filter(source__run_id=previous).values_list("work_id", flat=True))
        with indexing.shared(), fewer_collections():  # the index's writer only while storing
            upper = _harvest_list(state, client, identity, full, from_date)
            if state.seen is not None:
                _sweep(state)
    except BaseException as exc:
        if isinstance(exc, TokenLoop):  # the next run starts the list again, not at the looping token
            _checkpoint(state, None, "")
        _finish(state, started, client, error=failure_line(exc))
        with contextlib.suppress(AttributeError):
            setattr(exc, "report", report)  # noqa: B010 (the CLI prints what was done before the failure)
        raise
    _finish(state, started, client, upper=upper, advance=_advances(source, full, from_date))
    return report


def _noop(identifier: str, metadata: object) -> dict[str, str]:
    """Placeholder converter until the prefix's mapping is known."""
    raise MappingError(_("no mapping"))


def _note_identity(report: HarvestReport, identity: Identity) -> None:
    """Keep what Identify said that matters to the harvest."""
    report.notes.append(_("Identify: %(name)s; granularity %(granularity)s; deleted records: %(deleted)s")
                        % {"name": identity.repository_name or "?", "granularity": identity.granularity,
                           "deleted": identity.deleted_record})
    if identity.deleted_record == "no":
        report.notes.append(_("the source does not keep deleted records: deletions are seen only by a full "
                              "harvest"))


def at_granularity(stamp: str, granularity: str) -> str:
    """A datestamp cut to the server's granularity (day-granular servers take YYYY-MM-DD only)."""
    return stamp[:10] if stamp and granularity.upper() == "YYYY-MM-DD" else stamp


def _advances(source: Source, full: bool, from_date: str) -> bool:
    """Whether this harvest may move last_datestamp: it must not leave a gap after the last one. A
    list from a date with no complete harvest before it (a first list interrupted) leaves out what
    came before that date: the next run then still lists everything."""
    return full or not from_date or (bool(source.last_datestamp) and from_date <= source.last_datestamp)


def _harvest_list(state: _Harvest, client: OAIClient, identity: Identity, full: bool, from_date: str) -> str:
    """Store every page of the list; returns the upper bound (first response date) of the list."""
    source, report = state.source, state.report
    token = None if (full or from_date) else (source.resume_token or None)
    since = at_granularity(from_date or ("" if full else source.last_datestamp), identity.granularity)
    upper = source.resume_started if token else ""
    report.harvest_from, report.resumed_token = since, token or ""
    restarted = False
    while True:
        listing = client.list_records(source.metadata_prefix, source.set_spec, since, token=token)
        try:
            first = next(listing, None)  # fetched before any thread or process starts
            if first is None:
                return upper
            upper = upper or at_granularity(first.response_date, identity.granularity)
            _run_pipeline(state, first, listing, upper)
            return upper
        except OAIProtocolError as err:
            if err.code == "badResumptionToken" and restarted:
                _checkpoint(state, None, "")  # the next run starts the list again, not at a refused token
            if err.code != "badResumptionToken" or restarted:
                raise
            restarted, token, upper = True, None, ""
            indexing.pause()  # the restarted list's first page may keep it waiting (retries, Retry-After)
            state.repeats = frozenset(state.handled)  # what the list gives again is not counted twice
            report.notes.append(_restarted(err.oai_message, since))
            _checkpoint(state, None, "")
        finally:
            with contextlib.suppress(ValueError):  # still running in the fetch thread: left to finish there
                listing.close()


def _restarted(refusal: str, since: str) -> str:
    """The note of a list restarted after the source refused its resumption token."""
    values = {"reason": refusal or _("expired"), "since": since}
    if since:
        return _("the source refused the resumption token (%(reason)s); the list was restarted from %(since)s") % values
    return _("the source refused the resumption token (%(reason)s); the list was restarted from the beginning") % values


def _run_pipeline(state: _Harvest, first: Page, rest: Iterator[Page], upper: str) -> None:
    """Convert and store the pages of one list in order; what arrived before a failure is stored."""
    from stinet.ingest.services import _workers

    total = first.complete_list_size if first.token else len(first.records)
    holder = (state.org.code, state.org.name_vi, state.org.name_en)
    pipeline = Pipeline(state.source.metadata_prefix, holder, state.report,
                        lambda outcome, group: _store_group(state, outcome, group, upper), _workers(total), state.seen,
                        state.repeated)
    try:
        pipeline.add(first)
        if first.token:
            pages = read_ahead(rest, idle=indexing.pause)  # a slow source: let other writers in meanwhile
            try:
                while True:
                    try:
                        page = next(pages)
                    except StopIteration:
                        break
                    except Exception as failure:  # fetching failed: keep what arrived before, then say why
                        with contextlib.suppress(Exception):
                            pipeline.flush()
                        raise failure from None
                    pipeline.add(page)
                    _beat(state)
                    indexing.offer()  # a page of a group still filling: a waiting import gets the writer now
            finally:
                pages.close()
        pipeline.flush()
    finally:
        pipeline.close()


BEAT_EVERY = timedelta(minutes=1)  # the lock's heartbeat is refreshed at most this often, on every page received


def _beat(state: _Harvest) -> None:
    """Refresh the lock's heartbeat after a page arrived (a slow source with small pages can take longer
    than STALE_AFTER to store a group, and another worker would take the lock over meanwhile)."""
    now = timezone.now()
    if state.beaten_at is None or now - state.beaten_at >= BEAT_EVERY:
        Source.objects.filter(pk=state.source.pk).update(heartbeat_at=now)
        state.beaten_at = now


def _store_group(state: _Harvest, outcome: Outcome, group: Group, upper: str) -> None:
    """Store a group of pages atomically with the resume point after its last page, then index it."""
    for part in outcome.parts:
        state.report.merge(part)
    for identifier, reason in outcome.failures:
        state.report.reject_record(identifier, reason)
    changed: list[int] = []
    again = [item for item in outcome.items if state.repeated(item.local_id)]  # sent before the list's restart
    with transaction.atomic():
        counts, created, updated = store_batch(state.org, [i for i in outcome.items if not state.repeated(i.local_id)],
                                               state.actor, state.run)
        if again:  # the same version again is not counted a second time (as unchanged)
            counted, created_again, updated_again = store_batch(state.org, again, state.actor, state.run)
            counts = {key: value + (counted[key] if key != "unchanged" else 0) for key, value in counts.items()}
            created, updated = created + created_again, updated + updated_again
        for identifier in outcome.deletions:
            result, work_id = remove_holding(state.org, identifier, state.actor)
            state.report.deleted += result != "absent"
            state.report.deleted_absent += result == "absent" and not state.repeated(identifier)
            changed += [work_id] if work_id is not None else []
        state.report.add_counts(counts)
        state.report.pages += group.pages
        _checkpoint(state, group.token, upper)
    indexing.records_created(state.org.code, created)
    indexing.works_changed(updated + changed)
    state.handled.extend(hash(identifier) for identifier in
                         [item.local_id for item in outcome.items] + outcome.deletions + outcome.rejected)
    state.stores += 1
    if state.stores % INDEX_COMMIT_STORES == 0:
        indexing.commit()
    indexing.offer()  # an import or a rebuild waiting for the writer gets it now
    if state.progress:
        state.progress(state.report.records_seen)


def _sweep(state: _Harvest) -> None:
    """After a complete full harvest, the records this source gave before that its list no longer
    has are deleted, as deletions it reported would be: a source that keeps no deleted records
    (deletedRecord no or transient) tells of them no other way. An empty list removes nothing."""
    seen, report = state.seen or set(), state.report
    if not seen:
        report.notes.append(_("the source listed no records: nothing was removed"))
        return
    runs = ImportRun.objects.filter(organisation=state.org, report__source_id=state.source.pk).values("pk")
    held = Holding.objects.filter(organisation=state.org, source__run__in=runs).values_list("local_id", flat=True)
    gone = sorted(set(held) - seen)
    siblings = Source.objects.filter(organisation=state.org, base_url=state.source.base_url).exclude(pk=state.source.pk)
    if gone and siblings.exists():  # another set of the same repository may still list them (a record in two sets)
        report.notes.append(ngettext(
            "%(n)s record this source gave before and no longer lists was kept: another source of %(org)s harvests "
            "the same repository and may list it",
            "%(n)s records this source gave before and no longer lists were kept: another source of %(org)s "
            "harvests the same repository and may list them", len(gone)) % {"n": len(gone), "org": state.org.code})
        return
    for start in range(0, len(gone), STORE_RECORDS):
        changed: list[int] = []
        with transaction.atomic():
            for identifier in gone[start:start + STORE_RECORDS]:
                result, work_id = remove_holding(state.org, identifier, state.actor)
                report.deleted += result != "absent"
                changed += [work_id] if work_id is not None else []
        indexing.works_changed(changed)
    if gone:
        report.notes.append(ngettext("%(n)s record this source gave before and no longer lists was removed (full "
                                     "harvest)",
                                     "%(n)s records this source gave before and no longer lists were removed (full "
                                     "harvest)", len(gone)) % {"n": len(gone)})


def _checkpoint(state: _Harvest, next_token: str | None, upper: str) -> None:
    """Remember where the list continues (and the heartbeat), and the counts so far."""
    source = state.source
    source.resume_token, source.resume_started = next_token or "", upper if next_token else ""
    Source.objects.filter(pk=source.pk).update(resume_token=source.resume_token, heartbeat_at=timezone.now(),
                                               resume_started=source.resume_started)
    state.run.rows_done = state.report.records_seen
    state.run.counts = state.report.counts()
    state.run.save(update_fields=["rows_done", "counts"])


def _finish(state: _Harvest, started: float, client: OAIClient | None, *, upper: str = "", advance: bool = False,
            error: str = "") -> None:
    """Close the run and the source: success moves the datestamp on, failure keeps the resume point."""
    report, run, source = state.report, state.run, state.source
    report.seconds = time.monotonic() - started
    report.requests = client.requests_made if client is not None else 0
    report.status, report.error = ("failed", error) if error else ("done", "")
    if error:
        source.refresh_from_db(fields=["resume_token"])
        report.stopped_token = source.resume_token
    elif advance and upper:
        source.last_datestamp = upper
    report.harvest_until = upper
    run.status, run.finished_at, run.error = report.status, timezone.now(), error
    run.counts, run.rows_done = report.counts(), report.records_seen
    run.report = {**run.report, **report.as_dict()}
    run.save()
    _schedule(source, ok=not error, error=error)


def _schedule(source: Source, *, ok: bool, error: str = "") -> None:
    """Set the next run: the interval after a success, sooner (at most a day) after a failure."""
    now = timezone.now()
    interval = timedelta(days=source.interval)
    fields: dict[str, object] = {"last_error": error[:2000],
                                 "next_run_at": now + (interval if ok else min(interval, RETRY_AFTER_FAILURE))}
    if ok:
        fields.update(last_success_at=now, last_datestamp=source.last_datestamp, resume_token="", resume_started="")
    Source.objects.filter(pk=source.pk).update(**fields)
    for key, value in fields.items():
        setattr(source, key, value)


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
