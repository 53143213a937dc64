"""`stinet` sub-commands of the people app, added to the main command by `register(main)`."""

from __future__ import annotations

from typing import Any


def register(main: Any) -> None:
    """Add this app's commands to the `stinet` group (none yet)."""
