"""Worker processes for parsing records: forked, fed a bounded number of tasks ahead, results in order.

concurrent.futures rather than multiprocessing.Pool: the Pool's worker-maintenance thread wakes
whenever a result is waiting in its queue and spent ~4% of an import's CPU spinning (the
executor's one manager thread waits on the pipes instead).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from django.utils.translation import gettext as _

T = TypeVar("T")
WORKER_NICENESS = 10  # added to the workers' nice value (lower priority)
PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h): the signal a process gets when its parent dies
GEN0_THRESHOLD = 20_000  # allocations between young-generation collections during bulk work (Python: 700)
_tuned = False  # inside fewer_collections()


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Garbage collection tuned for a long import or harvest, in this process and the workers it forks.

    Parsing and storing allocate millions of short-lived objects and few cycles: the default
    thresholds collect every 700 allocations and kept re-examining every object already alive
    (Django, the catalogue's caches). Those are frozen out of collection and the young generation
    is collected less often (measured: ~3% of a harvest's CPU, a third of unpickling results).
    Forked workers also share the frozen objects' memory pages instead of copying them.
    """
    global _tuned
    if _tuned:  # a file inside an import session or a harvest run: what grew since is frozen too,
        gc.freeze()  # the outer one restores
        yield
        return
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GEN0_THRESHOLD, 20, 20)
    _tuned = True
    try:
        yield
    finally:
        _tuned = False
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _start_worker(niceness: int, parent: int) -> None:
    """Ignore Ctrl-C and a stop signal (a worker killed mid-task would leave its result unset and the parent
    waiting: the parent stops the workers), give way to the parent when cores are short, and die
    with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a stop sent to every process of the service: the parent stops
    with contextlib.suppress(OSError):
        os.nice(niceness)
    _die_with(parent)
    close_index_locks()


def close_index_locks() -> None:
    """Close this forked worker's copies of the search index's lock files.

    A lock the parent's engine held at the fork (its meta lock, taken for an instant by a commit, a
    merge or a reload) is a lock of the open file, which the worker's copy keeps open: it stayed
    locked after the parent let it go, and the parent's next commit waited for it forever.
    """
    with contextlib.suppress(OSError):
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError, ValueError):
                name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
                if name.startswith(".tantivy-") and name.endswith(".lock"):
                    os.close(int(fd))


def _die_with(parent: int) -> None:
    """End this worker when the process that forked it ends, however it ends.

    A parent killed with SIGKILL (or the OOM killer) cannot stop its workers: they waited for tasks
    forever and, having inherited its open files, kept the search index's writer lock, so every
    later import failed with "the index is being written by another process". Linux sends them
    SIGKILL at the parent's death (prctl PR_SET_PDEATHSIG); a parent already gone is checked after.
    Linux ties the signal to the parent's *thread* that forked the worker: pools are created and
    fed from the thread that lives as long as they do (the CLI's, the scheduler's); a pool fed from
    a short-lived thread would lose its workers when that thread ends.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def worker_niceness() -> int:
    """What the workers add to their nice value (STINET_WORKER_NICENESS, 0-19; default WORKER_NICENESS)."""
    configured = os.environ.get("STINET_WORKER_NICENESS", "").strip()
    if not configured:
        return WORKER_NICENESS
    if not configured.isdigit() or int(configured) > 19:
        raise ValueError(_("STINET_WORKER_NICENESS: %(value)r is not a nice value from 0 to 19")
                         % {"value": configured})
    return int(configured)


def pool(workers: int) -> ProcessPoolExecutor:
    """`workers` forked processes (started at the first task) that ignore Ctrl-C and run at a
    lower priority than the parent.

    The parent, storing what they parse, is the bottleneck of an import: at normal priority
    the workers kept it waiting for a core ~17% of the time, while they parse ahead of it.
    """
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker, initargs=(worker_niceness(), os.getpid()))


def ordered(executor: ProcessPoolExecutor, fn: Callable[[Any], T], items: Iterable[Any],
            ahead: int) -> Iterator[T]:
    """fn(item) for every item, computed in the workers up to `ahead` items in advance, in order.

    Items are read only as far as needed (a file of 10^6 rows is not read into memory first);
    leaving early cancels what was not started.
    """
    pending: deque[Future[T]] = deque()
    try:
        for item in items:
            pending.append(executor.submit(fn, item))
            if len(pending) > ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
