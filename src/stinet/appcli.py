"""What the `stinet` commands share: stinet.cli's `command`, looked up when a command runs, the mark of a
command that stores in batches, and how a time is printed.

stinet.cli imports the apps' cli modules to register their commands, so they cannot import it at
import time; this wrapper defers the lookup to the moment the command runs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any


def command(func: Callable[..., Any]) -> Callable[..., Any]:
    """stinet.cli's `command` (Django set-up; one line on stderr and exit 1 on expected errors)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        """Run the command through stinet.cli's handling."""
        from stinet.cli import command as base

        return base(func)(*args, **kwargs)

    return wrapper


def in_batches(func: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a command that stores its work in batches (an import, a harvest): stopped, or failing on the
    database, it says that what it stored is kept and a new run resumes. Put it under @command."""
    func.stores_in_batches = True
    return func


def local_time(moment: datetime | str | None) -> str:
    """An aware time (or an ISO 8601 string of one, as --json prints them) in the site's time zone
    (TIME_ZONE), to the minute, with the zone's offset: "2026-11-23 10:15 (+07)"; "-" for none.

    Every time the commands print, in one format: the date in ISO order, as the back office's tables
    show it (day and month never swapped), and the offset as `date` prints it in Vietnam, so that no
    reader takes it for UTC or UTC for it. --json keeps ISO 8601 with an offset.
    """
    from django.utils import timezone

    if not moment:
        return "-"
    local = timezone.localtime(datetime.fromisoformat(moment) if isinstance(moment, str) else moment)
    minutes = int((local.utcoffset() or timedelta(0)).total_seconds()) // 60
    sign, minutes = ("-" if minutes < 0 else "+"), abs(minutes)
    offset = f"{sign}{minutes // 60:02d}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
    return f"{local:%Y-%m-%d %H:%M} ({offset})"
