"""Counters of limits per client (failed logins, requests to join), kept in the database.

Every process and every server of the site counts in the same table (a per-process cache would let
N worker processes allow N times the limit). A count is added with one UPDATE ... SET count = count
+ 1, atomic on SQLite and PostgreSQL, so that requests arriving together are all counted. A
counter's window starts at its first count and is not stretched by the later ones; a count after the
window starts a new one. Expired counters are deleted when a new one is started.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from stinet.accounts.models import LimitCounter


def key(kind: str, *parts: str) -> str:
    """The key of one counter ('login', name, address): the kind and a digest (no address is stored)."""
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f"{kind}:{digest}"


def current(counter: str) -> int:
    """The count of this window (0 when none is running)."""
    found = LimitCounter.objects.filter(key=counter, until__gt=timezone.now()).values_list("count", flat=True)
    return found.first() or 0


def ends(counter: str) -> dt.datetime | None:
    """When this counter's window ends (None when none is running)."""
    return LimitCounter.objects.filter(key=counter, until__gt=timezone.now()).values_list("until", flat=True).first()


def add(counter: str, window_seconds: int) -> None:
    """Count one; the window starts at the first count."""
    now = timezone.now()
    if LimitCounter.objects.filter(key=counter, until__gt=now).update(count=F("count") + 1):
        return
    LimitCounter.objects.filter(until__lte=now).delete()  # this key's old window, and others'
    try:
        with transaction.atomic():
            LimitCounter.objects.create(key=counter, count=1, until=now + dt.timedelta(seconds=window_seconds))
    except IntegrityError:  # another request started the window meanwhile
        LimitCounter.objects.filter(key=counter).update(count=F("count") + 1)


def forget(counter: str) -> None:
    """Drop the counter (a successful login forgets the failures)."""
    LimitCounter.objects.filter(key=counter).delete()
