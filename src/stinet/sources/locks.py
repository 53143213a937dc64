"""The lock each run holds on its source: a row update naming the process, kept alive by a heartbeat.

A lock is taken over when its heartbeat is older than STALE_AFTER (a worker on another machine that
died), or at once when the process it names ran on this machine and has ended (a run killed outright
never lets go). Processes are named as stinet.catalog.processes names them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.catalog.models import ImportRun
from stinet.catalog.processes import ended, worker_id
from stinet.sources.models import Source

__all__ = ["STALE_AFTER", "claim", "ended", "free_locks", "release", "worker_id"]

STALE_AFTER = timedelta(minutes=30)  # a lock without a heartbeat for this long is taken over


def free_locks(now: datetime) -> Q:
    """Sources that may be locked now: idle, stale (no heartbeat for STALE_AFTER), or held by a process
    that has ended."""
    free = Q(status="idle") | Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=now - STALE_AFTER)
    holders = Source.objects.filter(status="running").exclude(locked_by="").values_list("locked_by", flat=True)
    gone = [holder for holder in set(holders) if ended(holder)]
    return free | Q(locked_by__in=gone) if gone else free


def claim(source_id: int, worker: str, now: datetime | None = None) -> bool:
    """Lock a source for one run (a row update); a lock whose heartbeat went stale, or whose process
    ended without releasing it, is taken over (its run is marked interrupted)."""
    now = now or timezone.now()
    if not Source.objects.filter(free_locks(now), pk=source_id).update(status="running", heartbeat_at=now,
                                                                      locked_by=worker):
        return False
    orphan = ImportRun.objects.filter(pk__in=Source.objects.filter(pk=source_id).values("last_run"), status="running")
    orphan.update(status="failed", finished_at=now,
                  error=_("interrupted: the harvest stopped without finishing (worker restarted); resumed later"))
    return True


def release(source_id: int, worker: str) -> None:
    """Unlock a source after its run."""
    Source.objects.filter(pk=source_id, locked_by=worker).update(status="idle", locked_by="")
