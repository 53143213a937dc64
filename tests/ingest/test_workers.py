"""Worker processes for parsing: results in order, inputs read only as far as needed, failures raised."""

from __future__ import annotations

import os
import time

import pytest

from stinet.ingest.workers import ordered, pool


def slow_square(n: int) -> tuple[int, int]:
    time.sleep(0.01 * (n % 3))  # later items often finish first
    return n * n, os.getpid()


def fail_on_five(n: int) -> int:
    if n == 5:
        raise ValueError("row 5: broken")
    return n


def test_results_come_in_order_from_other_processes():
    with pool(2) as executor:
        results = list(ordered(executor, slow_square, range(20), ahead=4))
    assert [square for square, _pid in results] == [n * n for n in range(20)]
    assert os.getpid() not in {pid for _square, pid in results}


def test_items_are_read_only_a_bounded_way_ahead():
    taken: list[int] = []

    def items():
        for n in range(1000):
            taken.append(n)
            yield n

    with pool(2) as executor:
        results = ordered(executor, slow_square, items(), ahead=3)
        assert next(results)[0] == 0
        assert len(taken) <= 5  # the first item and at most `ahead` more
        results.close()  # leaving early: nothing more is read or submitted
    assert len(taken) <= 5


def test_a_failure_in_a_worker_is_raised_where_its_result_was_due():
    seen: list[int] = []
    with pool(2) as executor, pytest.raises(ValueError, match="row 5: broken"):
        for value in ordered(executor, fail_on_five, range(10), ahead=2):
            seen.append(value)
    assert seen == [0, 1, 2, 3, 4]


def test_collections_are_tuned_for_bulk_work_and_restored_afterwards():
    import gc

    from stinet.ingest.workers import GEN0_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == GEN0_THRESHOLD and gc.get_freeze_count() > 0
        frozen = gc.get_freeze_count()
        grown = [[n] for n in range(1000)]  # what the first files of an import session left (caches)
        with fewer_collections():  # nested (a file inside a session or a run): the outer one restores
            assert gc.get_freeze_count() >= frozen + len(grown)  # frozen too, out of collections
        assert gc.get_threshold()[0] == GEN0_THRESHOLD and gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("the import failed")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def die_on_three(n: int) -> int:
    if n == 3:
        os._exit(1)  # a worker killed mid-task (out of memory, a crash in a C library)
    return n


def test_a_worker_that_dies_fails_the_run_instead_of_hanging():
    from concurrent.futures.process import BrokenProcessPool

    with pool(2) as executor, pytest.raises(BrokenProcessPool):
        list(ordered(executor, die_on_three, range(10), ahead=2))


def niceness(_item: object) -> int:
    return os.nice(0)


def test_workers_give_way_to_the_storing_process(monkeypatch):
    from stinet.ingest.workers import WORKER_NICENESS

    monkeypatch.delenv("STINET_WORKER_NICENESS", raising=False)
    parent = os.nice(0)
    with pool(2) as executor:
        assert set(ordered(executor, niceness, range(4), ahead=2)) == {min(parent + WORKER_NICENESS, 19)}
    monkeypatch.setenv("STINET_WORKER_NICENESS", "0")
    with pool(1) as executor:
        assert list(ordered(executor, niceness, range(2), ahead=1)) == [parent, parent]
    monkeypatch.setenv("STINET_WORKER_NICENESS", "low")
    with pytest.raises(ValueError, match="STINET_WORKER_NICENESS: 'low' is not a nice value from 0 to 19"):
        pool(1)


KILLED_PARENT = """
import os, signal
from stinet.ingest.workers import ordered, pool
executor = pool(2)
from tests.ingest.test_workers import worker_pid
pids = set(ordered(executor, worker_pid, range(6), ahead=3))
print(" ".join(map(str, sorted(pids))), flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # as kill -9 or the OOM killer would
"""


def worker_pid(_item: object) -> int:
    time.sleep(0.05)
    return os.getpid()


def test_workers_end_when_their_parent_is_killed():
    """A parent killed with SIGKILL cannot stop its workers: they must not live on (they held the index lock)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{root / 'src'}"}
    done = subprocess.run([sys.executable, "-c", KILLED_PARENT], capture_output=True, text=True, env=env, timeout=30)
    pids = [int(p) for p in done.stdout.split()]
    assert done.returncode == -9 and len(pids) == 2
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.05)
    assert not any(_alive(p) for p in pids)


def _alive(pid: int) -> bool:
    """True while the process runs (a zombie waiting for init to reap it counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _open_locks(_item: object) -> list[str]:
    """The search index's lock files this process has open."""
    names = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            names.append(os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        except OSError:
            continue
    return sorted(n for n in names if n.startswith(".tantivy-"))


def test_workers_do_not_keep_the_search_index_locks_open(tmp_path):
    """A lock of the index the parent held at the fork stayed locked while a worker kept its copy of the
    file open: the parent's next commit waited for it forever (a rare hang of an import)."""
    import fcntl

    meta = (tmp_path / ".tantivy-meta.lock").open("w")
    fcntl.flock(meta, fcntl.LOCK_EX)  # held at the fork
    try:
        assert _open_locks(None) == [".tantivy-meta.lock"]
        with pool(1) as executor:
            assert list(ordered(executor, _open_locks, [1], ahead=1)) == [[]]
            fcntl.flock(meta, fcntl.LOCK_UN)
            meta.close()
            again = (tmp_path / ".tantivy-meta.lock").open("w")
            fcntl.flock(again, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free once the parent let it go
            again.close()
    finally:
        meta.close()
