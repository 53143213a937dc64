"""Serving the portal with waitress (a production WSGI server that needs no build step)."""

from __future__ import annotations

import click


def run_server(host: str, port: int) -> None:
    """Collect nothing, compile nothing: serve the WSGI app until interrupted."""
    from waitress import serve

    from stinet.wsgi import application

    click.echo(f"STINet is at http://{host}:{port}/ (Ctrl+C to stop)")
    serve(application, host=host, port=port, threads=8, ident="STINet")
