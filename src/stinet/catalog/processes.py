"""Processes named in the database (a source's lock, a run's owner): host, process id, its start time and a
digest of this machine's boot and process namespace, so that containers sharing a host name, or a process id
used again after a restart, are never taken for the process named. Whether such a process has ended is known
on its own machine only."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import socket
from pathlib import Path


@functools.cache
def _machine() -> str:
    """This machine's boot and this process's namespace of process ids, as a short digest ('' unknown)."""
    parts = []
    with contextlib.suppress(OSError):
        parts.append(Path("/proc/sys/kernel/random/boot_id").read_text().strip())
    with contextlib.suppress(OSError):
        parts.append(os.readlink("/proc/self/ns/pid"))
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:10] if parts else ""


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat from the third on (the state first), [] when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return []
    return stat.rsplit(")", 1)[-1].split()  # after the command's name, which may hold spaces


def _started(pid: int) -> str:
    """When a process started, in clock ticks since boot (/proc/PID/stat, field 22); '' when unknown."""
    fields = _stat(pid)
    return fields[19] if len(fields) > 19 else ""


def worker_id() -> str:
    """This process's name in locks: host, process id, start time and machine."""
    pid = os.getpid()
    return f"{socket.gethostname()[:50]}:{pid}:{_started(pid)}:{_machine()}"[:100]


def alive(pid: int) -> bool:
    """Whether a process of this id runs here (one we may not signal runs too; one that ended and that its
    parent has not yet waited for, a zombie, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return _stat(pid)[:1] != ["Z"]


def host_and_pid(holder: str) -> tuple[str, int] | None:
    """The host and process id a lock's holder (worker_id) names, or None when it names none."""
    parts = holder.split(":")
    return (parts[0], int(parts[1])) if len(parts) == 4 and parts[1].isdigit() else None


def ended(holder: str) -> bool:
    """Whether the process named in a lock is known to have ended: one of this machine (and namespace)
    that no longer runs, or whose id another process has now. Anything else is known by its heartbeat."""
    named = host_and_pid(holder)
    if named is None or named[0] != socket.gethostname()[:50]:
        return False
    pid, (started, machine) = named[1], holder.split(":")[2:]
    if machine != _machine():
        return False
    now = _started(pid)  # '' when /proc hides it (hidepid=2: another user's process): not known to have ended
    return not alive(pid) or bool(started and now and now != started)
