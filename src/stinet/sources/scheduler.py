"""The database-backed worker: runs due sources, survives restarts, needs no message broker.

Each source is locked by a row update (status "running" with a heartbeat refreshed after every
stored page); a worker that dies leaves a lock that goes stale and is taken over, and the
harvest resumes at the token its last stored page left.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import DatabaseError, close_old_connections
from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.sources.locks import STALE_AFTER, ended, free_locks, worker_id
from stinet.sources.models import Source, WorkerBeat
from stinet.sources.services import SourceBusy, run_source

log = logging.getLogger(__name__)
WORKER_GRACE = timedelta(minutes=2)  # a worker whose round is this late is taken for stopped
FORGET_BEATS = timedelta(days=30)


@dataclass(frozen=True)
class Outcome:
    """What happened to one due source in one round."""

    source_id: int
    label: str
    ok: bool
    message: str

    def line(self) -> str:
        """One line for the command line and the worker's output."""
        return _("source %(id)s (%(label)s): %(status)s: %(message)s") % {
            "id": self.source_id, "label": self.label, "status": _("ok") if self.ok else _("failed"),
            "message": self.message}


def due_sources(now: datetime) -> list[int]:
    """Ids of sources whose next run is due, oldest first; stale running ones included (and those whose
    run's process ended without letting go)."""
    return list(Source.objects.filter(free_locks(now), next_run_at__lte=now).order_by("next_run_at", "pk")
                .values_list("pk", flat=True))


def run_due_sources(now: datetime | None = None, worker: str | None = None,
                    run: Callable[..., object] = run_source) -> list[Outcome]:
    """Run every due source once; a failure is recorded on the source and the round goes on."""
    now = now or timezone.now()
    worker = worker or worker_id()
    outcomes = []
    for source_id in due_sources(now):
        source = Source.objects.select_related("organisation").filter(pk=source_id).first()
        if source is None:
            continue
        try:
            report = run(source, worker=worker)
        except SourceBusy:
            continue  # another worker took it between the query and the lock
        except Exception as exc:  # any failure: recorded on the source and its run, never fatal here
            log.info("source %s (%s) failed: %s", source.pk, source.label, exc)  # the round says it (echo)
            outcomes.append(Outcome(source.pk, source.label, False, str(exc).splitlines()[0] if str(exc) else
                                    type(exc).__name__))
            continue
        lines = report.lines() if hasattr(report, "lines") else []
        outcomes.append(Outcome(source.pk, source.label, True, lines[0] if lines else _("done")))
    return outcomes


def worker(poll_seconds: float = 60, once: bool = False, echo: Callable[[str], None] = print,
           sleep: Callable[[float], None] = time.sleep) -> None:
    """Loop: run the due sources, release full texts whose embargo ended, wait, again (once: a single round).
    Stopped (Ctrl-C, SIGTERM) while no source runs, it ends quietly: nothing was interrupted."""
    from stinet.catalog.files import release_embargoes

    name = worker_id()
    halfway: list[int] = []  # the source whose run a stop interrupted

    def run(source: Source, worker: str) -> object:
        try:
            return run_source(source, worker=worker)
        except KeyboardInterrupt:
            halfway.append(source.pk)
            raise

    try:
        while True:
            close_old_connections()
            _beat(name, poll_seconds)
            for outcome in run_due_sources(worker=name, run=run):
                echo(outcome.line())
            released = release_embargoes(actor=f"worker {name}")
            if released:
                echo(_("full texts whose embargo ended are now searchable in %(n)s works") % {"n": len(released)})
            _beat(name, poll_seconds)  # the next round is due poll_seconds after this one ended
            if once:
                return
            sleep(poll_seconds)
    except KeyboardInterrupt:
        if halfway:  # a run stopped halfway: said so (it resumes at the next round)
            raise
    finally:
        if not once:  # stopped: none runs now (a --once run shows when it last came)
            _noted(lambda: WorkerBeat.objects.filter(name=name).update(stopped=True, seen_at=timezone.now()))


def _beat(name: str, poll_seconds: float) -> None:
    """Note that this worker looked for due sources now (the sources page says when none runs)."""
    now = timezone.now()
    _noted(lambda: WorkerBeat.objects.update_or_create(
        name=name, defaults={"seen_at": now, "stopped": False, "poll_seconds": max(0, round(poll_seconds))}))
    _noted(lambda: WorkerBeat.objects.filter(seen_at__lt=now - FORGET_BEATS).delete())  # of workers killed long ago


def _noted(write: Callable[[], object]) -> None:
    """Write what the sources page reads of the worker, which is no reason to stop it: a database busy beyond its
    wait (a long import's batch on SQLite) is logged, and the worker goes on."""
    try:
        write()
    except DatabaseError as exc:
        log.warning("worker beat not written: %s", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


def worker_running(now: datetime | None = None) -> bool:
    """Whether a worker runs: one whose next round is due within its poll interval and WORKER_GRACE, or that
    is running a source (a long harvest); one whose process is known to have ended (on this machine) runs
    no more."""
    now = now or timezone.now()
    beats = WorkerBeat.objects.filter(stopped=False).values_list("name", "seen_at", "poll_seconds")
    if any(seen + timedelta(seconds=poll) + WORKER_GRACE >= now and not ended(name) for name, seen, poll in beats):
        return True
    busy = Source.objects.filter(status="running", heartbeat_at__gte=now - STALE_AFTER,
                                 locked_by__in=WorkerBeat.objects.filter(stopped=False).values("name")
                                 ).values_list("locked_by", flat=True)
    return any(not ended(name) for name in busy)


def worker_last_seen() -> datetime | None:
    """When a worker last looked for due sources, or stopped (None: never)."""
    return WorkerBeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
