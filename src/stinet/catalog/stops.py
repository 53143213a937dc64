"""A stop (Ctrl-C, SIGTERM) held back while a batch is stored and handed to the search index: a stop between
the batch's commit and its indexing left it stored but not searchable (and its run's resume point a batch
behind), and no later run looked at it again."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

HELD = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def stops_held() -> Iterator[None]:
    """Run the block to its end before a stop that arrives meanwhile takes effect (raised as it comes, by the
    handler it had, once the block is done). In other threads than the main one (whose handlers Python runs)
    nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(signum: int, _frame: FrameType | None) -> None:
        caught.append(signum)

    before = {signum: handler for signum in HELD  # (one ignored stays ignored)
              if (handler := signal.getsignal(signum)) is not None and handler != signal.SIG_IGN}
    for signum in before:
        signal.signal(signum, hold)
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
        if caught:
            signal.raise_signal(caught[0])  # its own handler now: KeyboardInterrupt, the command line's stop
