"""Failed-login throttling: after MAX_FAILURES failures for one name from one address, wait."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _key(username: str, address: str) -> str:
    """Cache key of one user name tried from one address."""
    digest = hashlib.sha256(f"{username.strip().lower()}|{address}".encode()).hexdigest()[:32]
    return f"stinet:login-failures:{digest}"


def blocked(username: str, address: str) -> bool:
    """True when this name has failed too often from this address lately."""
    return int(cache.get(_key(username, address), 0)) >= MAX_FAILURES


def failed(username: str, address: str) -> None:
    """Count a failure (the window starts at the first one)."""
    key = _key(username, address)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)


def succeeded(username: str, address: str) -> None:
    """Forget the failures after a successful login."""
    cache.delete(_key(username, address))
