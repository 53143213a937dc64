"""What the apps' `stinet` sub-commands share: stinet.cli's `command`, looked up when a command runs.

stinet.cli imports the apps' cli modules to register their commands, so they cannot import it at
import time; this wrapper defers the lookup to the moment the command runs.
"""

from __future__ import annotations

from collections.abc import Callable
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
