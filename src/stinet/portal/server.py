"""Serving the portal with waitress (a production WSGI server that needs no build step).

Behind a reverse proxy the site, not waitress, decides what the proxy's headers are believed for
(STINET_TRUSTED_PROXIES, STINET_PROXY_HTTPS, STINET_PROXY_HOST: settings.py, stinet.accounts.addresses),
so that `stinet serve` and any other WSGI server behave alike. Waitress drops every X-Forwarded-* and
Forwarded header by default: with one of those settings it passes them on; with trusted proxies named,
only the requests of those proxies keep them (others' are dropped, as waitress would).
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import click
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
    """Collect nothing, compile nothing: serve the WSGI app until interrupted; with `worker_poll`, a
    `stinet worker` polling every that many seconds runs beside it and stops with it."""
    server = make_server(host, port)
    click.echo(_("STINet is at %(url)s (Ctrl+C to stop)") % {"url": f"http://{host}:{port}/"})
    try:
        with worker_beside(worker_poll) if worker_poll else contextlib.nullcontext():
            server.run()
    finally:
        server.close()


@contextlib.contextmanager
def worker_beside(poll: int) -> Iterator[subprocess.Popen]:
    """A `stinet worker` process (its own, as in production: a harvest does not slow the pages' process)
    for the time of the block; stopped as a service manager stops one (SIGTERM: what it stored is kept)."""
    worker = subprocess.Popen([sys.executable, "-m", "stinet.cli", "worker", "--poll", str(poll)],
                              start_new_session=True)  # Ctrl+C reaches the portal, which stops it
    try:
        yield worker
    finally:
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=WORKER_STOP_WAIT)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()


WORKER_STOP_WAIT = 60  # seconds a stopping worker has to commit what it stored
