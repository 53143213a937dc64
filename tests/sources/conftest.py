"""A scripted OAI-PMH server on 127.0.0.1 serving the captured responses of shared/conformance/."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import shared_path

Answer = tuple[int, dict[str, str], bytes]


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """The services' refusals, failures and reports compared in English (the site's default is
    Vietnamese); web pages still choose their language per request, the CLI runs in Vietnamese."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(client: Any, org: Any) -> Any:
    """A client logged in as the network's administrator."""
    from stinet.accounts.services import create_user, grant

    grant(create_user("hub", "a-long-pass-phrase-42"), "network_admin")
    client.login(username="hub", password="a-long-pass-phrase-42")
    return client


def capture(*parts: str) -> bytes:
    """The bytes of a captured response under shared/conformance/oai-pmh/."""
    return shared_path("conformance", "oai-pmh", *parts).read_bytes()


def xml(body: bytes, status: int = 200, **headers: str) -> Answer:
    """An XML answer."""
    return status, {"Content-Type": "text/xml; charset=utf-8", **headers}, body


@dataclass
class OAIServer:
    """Answers from `routes` (query predicate -> answer or a list of answers used in turn)."""

    url: str = ""
    received: list[str] = field(default_factory=list)  # raw query strings, in order
    routes: list[tuple[Callable[[dict[str, str]], bool], Any]] = field(default_factory=list)
    delay: list[float] = field(default_factory=list)  # seconds to stall the next requests (timeouts)

    def on(self, answer: Any, **match: str) -> None:
        """Answer requests whose arguments include `match` (verb=..., resumptionToken=...)."""
        self.routes.insert(0, (lambda args: all(args.get(k) == v for k, v in match.items()), answer))

    def answer(self, raw_query: str) -> Answer:
        """The scripted answer of one request."""
        args = {k: v[0] for k, v in parse_qs(raw_query, keep_blank_values=True).items()}
        for matches, answer in self.routes:
            if matches(args):
                if isinstance(answer, list):
                    return answer.pop(0) if len(answer) > 1 else answer[0]
                return answer
        return 404, {"Content-Type": "text/plain"}, b"no route"


@pytest.fixture
def oai_server() -> Iterator[OAIServer]:
    """A threaded HTTP server on a free port of 127.0.0.1 (reachable with allow_private only)."""
    state = OAIServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            raw = urlsplit(self.path).query
            state.received.append(raw)
            if state.delay:
                threading.Event().wait(state.delay.pop(0))
            status, headers, body = state.answer(raw)
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client timed out first

        def log_message(self, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/oai"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Back-off waits recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr("stinet.sources.client.pause", waited.append)
    return waited


def page(records: str, token: str | None = None, response_date: str = "2024-06-01T08:00:00Z",
         size: int | None = None) -> bytes:
    """A ListRecords response with these <record> elements and an optional resumption token."""
    from xml.sax.saxutils import escape

    resumption = ""
    if token is not None:
        resumption = f'<resumptionToken{f" completeListSize={chr(34)}{size}{chr(34)}" if size else ""}>' \
                     f"{escape(token)}</resumptionToken>"
    return (f'<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
            f"<responseDate>{response_date}</responseDate><request verb=\"ListRecords\">http://x/oai</request>"
            f"<ListRecords>{records}{resumption}</ListRecords></OAI-PMH>").encode()


def dc_record(oai_id: str, main_title: str, datestamp: str = "2024-05-01T00:00:00Z", deleted: bool = False,
              **dc: str) -> str:
    """One <record> in oai_dc (keyword values are dc element name -> text, '|' separating repeats)."""
    from xml.sax.saxutils import escape

    if deleted:
        return (f'<record><header status="deleted"><identifier>{oai_id}</identifier>'
                f"<datestamp>{datestamp}</datestamp></header></record>")
    elements = f"<dc:title>{escape(main_title)}</dc:title>" + "".join(
        f"<dc:{name}>{escape(value)}</dc:{name}>" for name, values in dc.items() for value in values.split("|"))
    return (f"<record><header><identifier>{oai_id}</identifier><datestamp>{datestamp}</datestamp></header>"
            f'<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/">{elements}</oai_dc:dc></metadata></record>')
