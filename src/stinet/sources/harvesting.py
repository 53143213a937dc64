"""A harvest: an OAI-PMH source's list read page by page into the catalogue, stored group by group with
its resume point, counted, indexed, and the source scheduled again (sources.services runs it under the
source's lock)."""

from __future__ import annotations

import contextlib
import re
import time
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stinet.catalog.models import Holding, ImportRun, Organisation
from stinet.catalog.runs import owned
from stinet.catalog.services import remove_holding, store_batch
from stinet.catalog.stops import stops_held
from stinet.ingest.workers import fewer_collections
from stinet.search import indexing
from stinet.sources.client import Identity, OAIClient, OAIProtocolError, Page, TokenLoop
from stinet.sources.mapping import MappingError, mapper
from stinet.sources.models import Source
from stinet.sources.pipeline import STORE_RECORDS, Group, Outcome, Pipeline, read_ahead
from stinet.sources.report import HarvestReport

Progress = Callable[[int], None]
Convert = Callable[..., dict[str, str]]
RETRY_AFTER_FAILURE = timedelta(days=1)  # a failed source is tried again this soon (or its interval)
INDEX_COMMIT_STORES = 100  # the search index is committed every this many stores (~50,000 records, as imports)
DATESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?")


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


def failure_line(exc: BaseException) -> str:
    """What a failed run says of its failure: the error's first line (its kind when it has none); an
    interruption (Ctrl-C, a stop signal) in words."""
    if isinstance(exc, KeyboardInterrupt):
        return _("interrupted (Ctrl-C or a stop signal): the stored pages are kept, the next run resumes")
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


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
                                   report=owned({"kind": "harvest", "source_id": source.pk,
                                                 "language": translation.get_language() or settings.LANGUAGE_CODE}))
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
        _finish(state, started, client, error=failure_line(exc), interrupted=isinstance(exc, KeyboardInterrupt))
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
                    except BaseException as failure:  # fetching failed or was stopped (Ctrl-C, a stop signal
                        with contextlib.suppress(Exception):  # while waiting for a slow page): keep what arrived
                            pipeline.flush()  # before, as the run says it does (QA 26: a first page of 700 was lost)
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
    state.beaten_at = refresh_heartbeat(state.source.pk, state.beaten_at)


def refresh_heartbeat(source_id: int, beaten_at: datetime | None) -> datetime:
    """Refresh a run's lock on its source unless it was refreshed less than BEAT_EVERY ago (`beaten_at`); when
    it was last refreshed."""
    now = timezone.now()
    if beaten_at is not None and now - beaten_at < BEAT_EVERY:
        return beaten_at
    Source.objects.filter(pk=source_id).update(heartbeat_at=now)
    return now


def _store_group(state: _Harvest, outcome: Outcome, group: Group, upper: str) -> None:
    """Store a group of pages atomically with the resume point after its last page, then index it."""
    for part in outcome.parts:
        state.report.merge(part)
    for identifier, reason in outcome.failures:
        state.report.reject_record(identifier, reason)
    changed: list[int] = []
    again = [item for item in outcome.items if state.repeated(item.local_id)]  # sent before the list's restart
    first = [item for item in outcome.items if not state.repeated(item.local_id)]
    with stops_held():  # stored with its resume point and indexed, or neither (a stop waits for both)
        with transaction.atomic():
            counts, created, updated = store_batch(state.org, first, state.actor, state.run)
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
        with stops_held():  # removed and indexed, or neither
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
    # the pages and time so far: a run killed outright (kill -9) shows them, not 0 (its end writes them last)
    seconds = round((timezone.now() - state.run.started_at).total_seconds(), 2) if state.run.started_at else 0
    state.run.report = {**(state.run.report or {}), "pages": state.report.pages, "seconds": seconds}
    state.run.save(update_fields=["rows_done", "counts", "report"])


def _finish(state: _Harvest, started: float, client: OAIClient | None, *, upper: str = "", advance: bool = False,
            error: str = "", interrupted: bool = False) -> None:
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
    schedule_next(source, ok=not error, error=error, interrupted=interrupted)


def schedule_next(source: Source, *, ok: bool, error: str = "", interrupted: bool = False) -> None:
    """Set the next run: the interval after a success, sooner (at most a day) after a failure, at once after
    an interruption (Ctrl-C, a stop signal: a worker stopped with the portal resumes it when it starts again)."""
    from stinet.sources.uploads import is_upload

    now = timezone.now()
    interval = timedelta(days=min(source.interval, 3650))  # a source saved with a longer one before it was refused
    wait = interval if ok else timedelta(0) if interrupted else min(interval, RETRY_AFTER_FAILURE)
    # an uploaded file, imported, is not imported again: it would undo what was corrected since (QA 26); a file
    # elsewhere on the server (a folder a member's export is written to) is read again at its interval
    once = ok and source.kind == "file" and is_upload(source.file_path)
    fields: dict[str, object] = {"last_error": error[:2000], "next_run_at": None if once else now + wait}
    if ok:
        fields.update(last_success_at=now, last_datestamp=source.last_datestamp, resume_token="", resume_started="")
    Source.objects.filter(pk=source.pk).update(**fields)
    for key, value in fields.items():
        setattr(source, key, value)
