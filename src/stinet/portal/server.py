"""Serving the portal with waitress (a production WSGI server that needs no build step).

Behind a reverse proxy the site, not waitress, decides what the proxy's headers are believed for
(STINET_TRUSTED_PROXIES, STINET_PROXY_HTTPS, STINET_PROXY_HOST: settings.py, stinet.accounts.addresses),
so that `stinet serve` and any other WSGI server behave alike. Waitress drops every X-Forwarded-* and
Forwarded header by default: with one of those settings it passes them on; with trusted proxies named,
only the requests of those proxies keep them (others' are dropped, as waitress would).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import click
from django.utils import translation
from django.utils.translation import gettext as _

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def uses_proxy_headers() -> bool:
    """True when a setting asks for X-Forwarded-For, X-Forwarded-Proto or X-Forwarded-Host."""
    from django.conf import settings

    return bool(settings.TRUSTED_PROXIES or settings.SECURE_PROXY_SSL_HEADER or settings.USE_X_FORWARDED_HOST)


def only_from_trusted_proxies(app: WSGIApp) -> WSGIApp:
    """The app, with the proxy headers of a request not made by a trusted proxy removed."""
    from stinet.accounts.addresses import is_trusted_proxy

    def filtered(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not is_trusted_proxy(environ.get("REMOTE_ADDR", "")):
            for name in [n for n in environ if n.startswith("HTTP_X_FORWARDED_") or n == "HTTP_FORWARDED"]:
                del environ[name]
        return app(environ, start_response)

    return filtered


def waitress_options() -> dict[str, Any]:
    """Options of waitress: its own proxy handling stays off (no trusted_proxy); the headers reach the
    site only when a setting asks for them."""
    options: dict[str, Any] = {"threads": 8, "ident": "STINet"}
    if uses_proxy_headers():
        options["clear_untrusted_proxy_headers"] = False
    return options


def make_server(host: str, port: int, application: WSGIApp | None = None) -> Any:
    """A waitress server of the portal (or of another app, for tests) on host:port (0: any free port)."""
    from django.conf import settings
    from waitress import create_server

    if application is None:
        from stinet.wsgi import application as portal

        application = portal
    if settings.TRUSTED_PROXIES:
        application = only_from_trusted_proxies(application)
    return create_server(application, host=host, port=port, **waitress_options())


def run_server(host: str, port: int, worker_poll: int | None = None) -> None:
    """Collect nothing, compile nothing: serve the WSGI app until interrupted (Ctrl+C ends it quietly); with
    `worker_poll`, a `stinet worker` polling every that many seconds runs beside it and stops with it."""
    server = make_server(host, port)
    click.echo(_("STINet is at %(url)s (Ctrl+C to stop)") % {"url": f"http://{host}:{port}/"})
    try:
        with worker_beside(worker_poll) if worker_poll else contextlib.nullcontext():
            server.run()  # returns on Ctrl+C and on a stop signal alike (waitress ends its loop on either): exit 0
    except KeyboardInterrupt as exc:  # one before the loop ran
        if type(exc) is not KeyboardInterrupt:  # a stop signal: as the command line ends on one
            raise
    finally:
        server.close()


@contextlib.contextmanager
def worker_beside(poll: int) -> Iterator[WorkerBeside]:
    """A `stinet worker` process (its own, as in production: a harvest does not slow the pages' process)
    for the time of the block, started again when it ends on its own; stopped as a service manager stops
    one (SIGTERM: what it stored is kept), and by the kernel should this process end without stopping it."""
    beside = WorkerBeside(poll)
    try:
        yield beside
    finally:
        beside.stop()


class WorkerBeside:
    """The worker process and the thread that waits for it (so that its end is seen at once, no zombie
    left counting as a running worker) and starts it again, waiting longer each time it ends soon."""

    def __init__(self, poll: int) -> None:
        self.command = [sys.executable, "-m", "stinet.cli", "worker", "--poll", str(poll),
                        "--stop-with-parent", str(os.getpid())]
        self.language = translation.get_language()  # the watcher's thread speaks the command line's language
        self.stopping = threading.Event()
        self.starting = threading.Lock()  # no new process once stop() has begun
        self.process: subprocess.Popen | None = self._start()
        self.watcher = threading.Thread(target=self._watch, name="worker-watcher", daemon=True)
        self.watcher.start()

    def _start(self) -> subprocess.Popen:
        # its own session: Ctrl+C reaches the portal, which stops it (a worker stopped between rounds says nothing)
        return subprocess.Popen(self.command, start_new_session=True)

    def _watch(self) -> None:
        with translation.override(self.language):
            wait = RESTART_WAIT
            while True:
                started = time.monotonic()
                code = self.process.wait() if self.process is not None else None
                if self.stopping.wait(0) or self._portal_stopping():
                    return
                if time.monotonic() - started > RESTART_MAX:  # it had run long: an accident, not one that cannot run
                    wait = RESTART_WAIT
                if code is not None:
                    click.echo(_("the worker ended (exit status %(code)s); started again in %(n)s s")
                               % {"code": code, "n": wait}, err=True)
                if self.stopping.wait(wait):
                    return
                wait = min(wait * 2, RESTART_MAX)
                with self.starting:
                    if self.stopping.is_set() or self._portal_stopping():
                        return
                    try:
                        self.process = self._start()
                    except OSError as exc:  # no memory or processes left for it: tried again later
                        self.process = None
                        click.echo(_("the worker could not be started (%(reason)s); tried again in %(n)s s")
                                   % {"reason": exc.strerror or exc, "n": wait}, err=True)

    @staticmethod
    def _portal_stopping() -> bool:
        """Whether the portal is stopping on a SIGTERM (the command line then ignores another): a worker
        started now would ignore one too, until it set its own handler."""
        return signal.getsignal(signal.SIGTERM) is signal.SIG_IGN

    def stop(self) -> None:
        """Stop the worker and wait for it (WORKER_STOP_WAIT at most, then kill it and its parsing processes)."""
        with self.starting:
            self.stopping.set()
            process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=WORKER_STOP_WAIT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)  # its session's group: the worker and its parsers
                process.wait()
        self.watcher.join(timeout=5)


WORKER_STOP_WAIT = 60  # seconds a stopping worker has to commit what it stored
RESTART_WAIT, RESTART_MAX = 10, 600  # seconds before a worker that ended is started again (doubled, up to the max)
