"""Failed-login throttling: after MAX_FAILURES failures for one name from one client address, wait.

The address is the client's (stinet.accounts.addresses: behind trusted proxies, from X-Forwarded-For);
the counts are kept where every process sees them (stinet.accounts.limits).
"""

from __future__ import annotations

import math

from django.utils import timezone

from stinet.accounts import limits
from stinet.accounts.addresses import limited_as

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _key(username: str, address: str) -> str:
    """Counter of one user name tried from one address."""
    return limits.key("login", username.strip().lower(), limited_as(address))


def blocked(username: str, address: str) -> bool:
    """True when this name has failed too often from this address lately."""
    return limits.current(_key(username, address)) >= MAX_FAILURES


def minutes_left(username: str, address: str) -> int:
    """Whole minutes until this name may be tried from this address again (the window started at the first
    failure: "15 minutes" was said however much of it had passed)."""
    until = limits.ends(_key(username, address))
    return max(1, math.ceil((until - timezone.now()).total_seconds() / 60)) if until else 1


def failed(username: str, address: str) -> None:
    """Count a failure (the window starts at the first one)."""
    limits.add(_key(username, address), WINDOW_SECONDS)


def succeeded(username: str, address: str) -> None:
    """Forget the failures after a successful login."""
    limits.forget(_key(username, address))
