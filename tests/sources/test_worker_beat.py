"""Whether a worker runs: the sources page says so when none does (a run asked for, a large upload, would
wait for ever), and `stinet demo` runs one beside the portal."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from stinet.catalog.processes import worker_id
from stinet.sources.models import Source, WorkerBeat
from stinet.sources.scheduler import WORKER_GRACE, worker, worker_last_seen, worker_running

pytestmark = pytest.mark.django_db


def test_a_worker_runs_until_a_round_is_late_or_it_stops(db, monkeypatch):
    from stinet.sources import scheduler

    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)  # keep the test's transaction
    assert not worker_running() and worker_last_seen() is None
    worker(poll_seconds=60, once=True, echo=lambda line: None)
    seen = worker_last_seen()
    assert worker_running() and seen is not None
    assert worker_running(seen + timedelta(seconds=60) + WORKER_GRACE - timedelta(seconds=1))
    assert not worker_running(seen + timedelta(seconds=60) + WORKER_GRACE + timedelta(seconds=1))

    def stop(_seconds: float) -> None:
        raise KeyboardInterrupt  # Ctrl-C, or SIGTERM (stinet.cli stops on it as on Ctrl-C) while it waits

    WorkerBeat.objects.all().delete()
    worker(poll_seconds=60, echo=lambda line: None, sleep=stop)  # stopped between rounds: no "interrupted"
    beat = WorkerBeat.objects.get()
    assert not worker_running() and beat.stopped and worker_last_seen() == beat.seen_at
    killed = WorkerBeat.objects.create(name="another-host:1:2:3", seen_at=beat.seen_at - timedelta(hours=1),
                                       poll_seconds=60)
    assert worker_last_seen() == beat.seen_at  # QA 24: the notice named a worker killed before, not the last
    worker(poll_seconds=60, once=True, echo=lambda line: None)
    assert worker_running() and not WorkerBeat.objects.get(pk=beat.pk).stopped
    assert WorkerBeat.objects.filter(pk=killed.pk).exists()  # forgotten after FORGET_BEATS only


def test_a_worker_stopped_while_no_source_runs_ends_quietly(org, monkeypatch):
    """Review 24: a stop signal during the round's other work (its beat, the embargoes) said "interrupted"; a stop
    during a source's run still says so (the run resumes at the next round)."""
    from stinet.catalog import files
    from stinet.sources import scheduler

    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)

    def stopped(**_kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "release_embargoes", stopped)
    scheduler.worker(poll_seconds=60, echo=lambda line: None)  # no exception
    assert WorkerBeat.objects.get().stopped
    Source.objects.create(organisation=org, label="DSpace", base_url="http://example.org/oai",
                          next_run_at=timezone.now())
    monkeypatch.setattr(scheduler, "run_source", lambda source, worker: stopped())
    with pytest.raises(KeyboardInterrupt):
        scheduler.worker(poll_seconds=60, echo=lambda line: None)
    assert WorkerBeat.objects.get().stopped


def test_a_beat_the_database_refuses_does_not_stop_the_worker(db, monkeypatch, caplog):
    from django.db import OperationalError

    from stinet.sources import scheduler

    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)

    def locked(*_args, **_kw):
        raise OperationalError("database is locked")

    monkeypatch.setattr(WorkerBeat.objects, "update_or_create", locked)
    scheduler.worker(poll_seconds=60, once=True, echo=lambda line: None)
    assert "worker beat not written: database is locked" in caplog.text


def test_a_worker_busy_with_a_long_harvest_still_runs(org):
    name = worker_id()
    old = timezone.now() - timedelta(hours=3)
    WorkerBeat.objects.create(name=name, seen_at=old, poll_seconds=60)
    assert not worker_running()
    Source.objects.create(organisation=org, label="DSpace", base_url="http://example.org/oai", status="running",
                          locked_by=name, heartbeat_at=timezone.now())
    assert worker_running()
    Source.objects.update(locked_by="another-host:1:2:3")  # a source run by something else than a worker
    assert not worker_running()


def test_a_worker_whose_process_ended_runs_no_more(db):
    ended = subprocess.run([sys.executable, "-c", "from stinet.catalog.processes import worker_id; print(worker_id())"],
                           capture_output=True, text=True, check=True).stdout.strip()
    WorkerBeat.objects.create(name=ended, seen_at=timezone.now(), poll_seconds=60)
    assert not worker_running()  # killed outright (kill -9): its beat is fresh, its process gone
    WorkerBeat.objects.create(name=worker_id(), seen_at=timezone.now(), poll_seconds=60)
    assert worker_running()


def test_the_sources_page_says_when_no_worker_runs(admin_client, org):
    source = Source.objects.create(organisation=org, label="DSpace", base_url="http://example.org/oai")
    page = admin_client.get("/sources/?lang=en").content.decode()
    assert 'id="no-worker"' in page and "No worker is running." in page
    asked = admin_client.post(f"/sources/{source.pk}/run/?lang=en", follow=True).content.decode()
    assert "at its next round. No worker is running now: it waits until &#x27;stinet worker&#x27; runs." in asked
    beat = WorkerBeat.objects.create(name=worker_id(), seen_at=timezone.now() - timedelta(hours=1), poll_seconds=60)
    assert "last looked for due sources at" in admin_client.get("/sources/?lang=en").content.decode()
    WorkerBeat.objects.filter(pk=beat.pk).update(seen_at=timezone.now())  # a worker of poll 60 s, just seen
    page = admin_client.get("/sources/").content.decode()
    assert 'id="no-worker"' not in page
    asked = admin_client.post(f"/sources/{source.pk}/run/?lang=en", follow=True).content.decode()
    assert "at its next round." in asked and "No worker is running" not in asked


def test_the_demo_serves_beside_a_worker_that_stops_with_it(tmp_path):
    """`stinet demo` ran no worker: a harvest asked for on the sources page, or a large upload, waited for ever."""
    done = _portal_script(tmp_path, """
        from stinet.sources.models import WorkerBeat
        with server.worker_beside(1) as beside:
            print("running", until(worker_running))
        print("stopped", beside.process.returncode is not None, WorkerBeat.objects.filter(stopped=False).count())
    """)
    assert done.stdout.split("\n")[:2] == ["running True", "stopped True 0"], done.stderr
    assert "interrupted" not in done.stderr  # a worker stopped between rounds says nothing


def _portal_script(tmp_path, body: str, language: str = "") -> subprocess.CompletedProcess[str]:
    """Run a script that serves nothing but runs the portal's worker beside it, on a data folder of its own."""
    if "STINET_DATABASE_URL" in os.environ:
        pytest.skip("a process of its own on the embedded default")
    script = textwrap.dedent("""
        import os, signal, sys, time
        from stinet.cli import _setup
        _setup()
        from stinet.portal import server
        from stinet.sources.scheduler import worker_running
        server.RESTART_WAIT = 0.2

        def until(condition):
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not condition():
                time.sleep(0.1)
            return condition()
    """) + textwrap.dedent(body)
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINET_") and k != "DJANGO_SETTINGS_MODULE"}
    env["STINET_DATA_DIR"] = str(tmp_path / "data")
    if language:
        env["STINET_LANGUAGE"] = language
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=180)


def test_the_portal_s_worker_is_started_again_when_it_ends(tmp_path):
    done = _portal_script(tmp_path, """
        with server.worker_beside(1) as beside:
            first = beside.process.pid
            until(worker_running)
            os.kill(first, signal.SIGKILL)  # the memory killer
            print("restarted", until(lambda: beside.process.pid != first and worker_running()))
            second = beside.process.pid
            os.kill(second, signal.SIGKILL)
            print("again", until(lambda: beside.process.pid != second and worker_running()))
    """)
    assert done.stdout.split("\n")[:2] == ["restarted True", "again True"], done.stderr
    assert done.stderr.splitlines() == ["tiến trình nền (worker) đã dừng (mã thoát -9); sẽ chạy lại sau 0.2 giây",
                                        "tiến trình nền (worker) đã dừng (mã thoát -9); sẽ chạy lại sau 0.4 giây"]


def test_the_portal_s_worker_restarts_are_said_in_the_command_line_s_language(tmp_path):
    """Review 24: the watcher's thread spoke the site's language (Vietnamese) whatever STINET_LANGUAGE said."""
    done = _portal_script(tmp_path, """
        with server.worker_beside(1) as beside:
            first = beside.process.pid
            until(worker_running)
            os.kill(first, signal.SIGKILL)
            print("restarted", until(lambda: beside.process.pid != first and worker_running()))
    """, language="en")
    assert done.stdout.startswith("restarted True"), done.stderr
    assert done.stderr.splitlines() == ["the worker ended (exit status -9); started again in 0.2 s"]


def test_a_worker_that_cannot_be_started_is_tried_again(monkeypatch, capsys):
    """Review 24: the watcher's thread died on a fork refused (no memory right after the memory killer took the
    worker): the portal then served with no worker for good."""
    import errno
    import threading

    from django.utils import translation

    from stinet.portal import server

    class Process:
        def __init__(self, code: int | None) -> None:
            self.code, self.ended = code, threading.Event()
            self.pid, self.returncode = 0, None
            if code is not None:
                self.ended.set()

        def wait(self, timeout: float | None = None) -> int | None:
            self.ended.wait()
            return self.code

        def poll(self) -> int | None:
            return self.code if self.ended.is_set() else None

        def terminate(self) -> None:
            self.code = -15
            self.ended.set()

    started = []

    class Beside(server.WorkerBeside):
        def _start(self):
            started.append(len(started))
            if len(started) == 2:
                raise OSError(errno.EAGAIN, "Resource temporarily unavailable")
            return Process(-9 if len(started) == 1 else None)

    monkeypatch.setattr(server, "RESTART_WAIT", 0.01)
    with translation.override("en"):
        beside = Beside(1)
        deadline = time.monotonic() + 10
        while len(started) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        beside.stop()
    assert len(started) == 3 and not beside.watcher.is_alive()
    assert capsys.readouterr().err.splitlines() == [
        "the worker ended (exit status -9); started again in 0.01 s",
        "the worker could not be started (Resource temporarily unavailable); tried again in 0.02 s"]


def test_the_portal_s_worker_ends_with_the_portal_however_it_ends(tmp_path):
    """QA 24: the demo's worker outlived a portal whose terminal was closed (SIGHUP) or that was killed."""
    from stinet.catalog.processes import alive

    done = _portal_script(tmp_path, """
        beside = server.WorkerBeside(1)
        until(worker_running)
        print(beside.process.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no finally, no atexit
    """)
    worker_pid = int(done.stdout.split()[0])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and alive(worker_pid):
        time.sleep(0.1)
    assert not alive(worker_pid)


def test_a_second_stop_signal_does_not_cut_the_first_stop_short():
    """QA 24: the worker beside a portal killed outright got SIGTERM once per thread of the portal (the kernel's
    parent-death signal); the second one broke off its stop (its beat left running, "Aborted!" printed)."""
    import signal

    from stinet import cli

    before = signal.getsignal(signal.SIGTERM)
    try:
        with pytest.raises(cli.Stopped):
            cli._stop(signal.SIGTERM, None)
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGTERM, before)
