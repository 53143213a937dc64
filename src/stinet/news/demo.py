"""Demo data of the news app, loaded by `stinet demo` after the catalogue."""

from __future__ import annotations

from collections.abc import Iterator


def load() -> Iterator[str]:
    """Create this app's demo data; yields report lines (none yet)."""
    yield from ()
