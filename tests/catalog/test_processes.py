"""Whether the process a lock names has ended: known on its own machine only, and only when /proc says so."""

from __future__ import annotations

import os
import subprocess
import time

from stinet.catalog import processes
from stinet.catalog.processes import ended, worker_id


def test_a_process_that_runs_has_not_ended_and_one_that_ran_has():
    assert not ended(worker_id())
    gone = subprocess.Popen(["true"])
    gone.wait()
    assert ended(worker_id().replace(f":{os.getpid()}:", f":{gone.pid}:", 1))


def test_a_process_id_used_again_is_another_process():
    holder = worker_id().split(":")
    holder[2] = "1"  # this process id, started at another time: the one the lock named has ended
    assert ended(":".join(holder))


def test_a_running_process_that_proc_hides_has_not_ended(monkeypatch):
    """/proc mounted with hidepid=2 hides another user's processes: their start time is unknown, not another."""
    holder = worker_id().split(":")
    holder[2] = "1"
    monkeypatch.setattr(processes, "_started", lambda pid: "")
    assert not ended(":".join(holder))


def test_a_process_of_another_machine_is_known_by_its_heartbeat_alone():
    host, pid, started, machine = worker_id().split(":")
    assert not ended(f"another-host:{pid}:{started}:{machine}") and not ended(f"{host}:{pid}:{started}:0123456789")


def test_a_process_that_ended_unwaited_for_has_ended():
    """QA 24: the demo's worker killed outright stayed a zombie (the portal did not wait for it) and counted as
    running."""
    zombie = subprocess.Popen(["true"])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and processes._stat(zombie.pid)[:1] != ["Z"]:
        time.sleep(0.05)
    try:
        assert not processes.alive(zombie.pid)
        assert ended(worker_id().replace(f":{os.getpid()}:", f":{zombie.pid}:", 1))
    finally:
        zombie.wait()
