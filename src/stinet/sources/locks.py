"""The lock each run holds on its source: a row update naming the process, kept alive by a heartbeat.

A lock is taken over when its heartbeat is older than STALE_AFTER (a worker on another machine that
died), or at once when the process it names ran on this machine and has ended (a run killed outright
never lets go). A process is named by host, process id, its start time and a digest of this
machine's boot and process namespace, so that containers sharing a host name, or a process id used
again after a restart, are never taken for the process of the lock.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import socket
from datetime import datetime, timedelta
from pathlib import Path

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.catalog.models import ImportRun
from stinet.sources.models import Source

STALE_AFTER = timedelta(minutes=30)  # a lock without a heartbeat for this long is taken over


@functools.cache
def _machine() -> str:
    """This machine's boot and this process's namespace of process ids, as a short digest ('' unknown)."""
    parts = []
    with contextlib.suppress(OSError):
        parts.append(Path("/proc/sys/kernel/random/boot_id").read_text().strip())
    with contextlib.suppress(OSError):
        parts.append(os.readlink("/proc/self/ns/pid"))
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:10] if parts else ""


def _started(pid: int) -> str:
    """When a process started, in clock ticks since boot (/proc/PID/stat, field 22); '' when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    fields = stat.rsplit(")", 1)[-1].split()  # after the command's name, which may hold spaces: field 3 on
    return fields[19] if len(fields) > 19 else ""


def worker_id() -> str:
    """This process's name in locks: host, process id, start time and machine."""
    pid = os.getpid()
    return f"{socket.gethostname()[:50]}:{pid}:{_started(pid)}:{_machine()}"[:100]


def _alive(pid: int) -> bool:
    """Whether a process of this id runs here (one we may not signal runs too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def ended(holder: str) -> bool:
    """Whether the process named in a lock is known to have ended: one of this machine (and namespace)
    that no longer runs, or whose id another process has now. Anything else is known by its heartbeat."""
    parts = holder.split(":")
    if len(parts) != 4 or parts[0] != socket.gethostname()[:50] or not parts[1].isdigit():
        return False
    _host, pid, started, machine = parts
    if machine != _machine():
        return False
    return not _alive(int(pid)) or bool(started and _started(int(pid)) != started)


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
