"""Which URLs a harvester may fetch: http(s) only, and no internal addresses unless allowed."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import requests
import urllib3
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5


class UnsafeURLError(ValueError):
    """A source URL the harvester refuses to fetch, with a one-line reason."""


class TooManyRedirects(Exception):
    """More than MAX_REDIRECTS redirects (the caller says so in its own words)."""


class TooLarge(Exception):
    """A body over the size cap: `declared` is the Content-Length that said so, or "" when reading found it."""

    def __init__(self, declared: str = "") -> None:
        super().__init__(declared)
        self.declared = declared


def _blocked(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for loopback, private, link-local, reserved, multicast and unspecified addresses."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (address.is_loopback or address.is_private or address.is_link_local or address.is_reserved
            or address.is_multicast or address.is_unspecified or not address.is_global)


def check_url(url: str, allow_private: bool = False, base: bool = False) -> None:
    """Refuse a URL that is not http(s), has no host, or resolves to an internal address; a `base` URL (an
    OAI-PMH repository's, the requests' arguments added to it) with a query or a fragment too.

    `allow_private` is an administrator's explicit choice for tests and local mirrors.
    """
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "http://[bad"
        raise UnsafeURLError(_("%(url)s: not a valid URL (%(error)s)") % {"url": url[:200], "error": exc}) from None
    try:
        host, _port = parts.hostname, parts.port
    except ValueError:  # Python's own words are English ("Port out of range 0-65535")
        raise UnsafeURLError(_("%(url)s: the port is not a number from 1 to 65535") % {"url": url[:200]}) from None
    if parts.scheme not in ("http", "https"):
        raise UnsafeURLError(_("%(url)s: only http and https URLs are harvested") % {"url": url[:200]})
    if base and (parts.query or parts.fragment):  # the harvester adds "?verb=...": "?verb=Identify" asked twice
        raise UnsafeURLError(_("%(url)s: an OAI-PMH base URL has no '?' or '#' part: give it without")
                             % {"url": url[:200]})
    if not host:
        raise UnsafeURLError(_("%(url)s: no host name") % {"url": url[:200]})
    if parts.username or parts.password:
        raise UnsafeURLError(_("%(url)s: user names and passwords in URLs are not accepted") % {"url": url[:200]})
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise UnsafeURLError(_("%(url)s: cannot resolve host %(host)r (%(error)s)")
                             % {"url": url[:200], "host": host, "error": exc}) from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if _blocked(address):
            raise UnsafeURLError(
                _("%(url)s: host %(host)r resolves to the internal address %(address)s; refused (an "
                  "administrator may allow private addresses for this source)")
                % {"url": url[:200], "host": host, "address": address})


# --- the address actually connected to ----------------------------------------------------------
# check_url resolves the host once; the connection resolves it again. A name that answers a public
# address to the check and an internal one to the connection (DNS rebinding) would pass, so the
# sessions the harvester and the full-text fetcher use check the peer of every new connection too.

def check_peer(sock: socket.socket, host: str) -> None:
    """Close a connection whose peer is an internal address and refuse it (UnsafeURLError)."""
    try:
        address = ipaddress.ip_address(str(sock.getpeername()[0]).split("%", 1)[0])
    except (OSError, ValueError):
        return  # not an IP socket: nothing to check
    if _blocked(address):
        sock.close()
        raise UnsafeURLError(_("%(host)s: connected to the internal address %(address)s; refused (an administrator "
                               "may allow private addresses for this source)") % {"host": host, "address": address})


def safe_session(allow_private: bool = False) -> requests.Session:
    """A requests session whose every new connection's peer passes check_peer (unless allowed)."""
    session = requests.Session()
    if not allow_private:
        adapter = _CheckedAdapter()
        session.mount("http://", adapter)
        session.mount("https://", adapter)
    return session


class _CheckedHTTPConnection(urllib3.connection.HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        check_peer(sock, self.host)
        return sock


class _CheckedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        check_peer(sock, self.host)
        return sock


class _CheckedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class _CheckedAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter with connection pools that check each connection's peer."""

    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _CheckedHTTPPool, "https": _CheckedHTTPSPool}


# --- fetching: the harvester's and the full-text fetcher's one way to GET ----------------------------


@contextlib.contextmanager
def checked_get(session: requests.Session, url: str, *, allow_private: bool, timeout: float,
                params: dict[str, str] | None = None, headers: dict[str, str] | None = None,
                before: Callable[[], None] | None = None) -> Iterator[tuple[requests.Response, str]]:
    """GET a URL following redirects one hop at a time, each hop's address checked (check_url) before it
    is asked; yields the final response (streamed, closed afterwards) and its address. The query
    `params` go to the first address only (a redirect's Location is complete). `before` is called
    before each request (counting them). requests' exceptions pass through; TooManyRedirects."""
    query = params
    for _hop in range(MAX_REDIRECTS + 1):
        check_url(url, allow_private)
        if before is not None:
            before()
        response = session.get(url, params=query, headers=headers, timeout=timeout, stream=True,
                               allow_redirects=False)
        with response:
            if response.is_redirect and response.headers.get("Location"):
                url, query = requests.compat.urljoin(response.url, response.headers["Location"]), None
                continue
            yield response, url
            return
    raise TooManyRedirects(url)


def read_capped(response: requests.Response, limit: int) -> bytes:
    """A streamed response's body read in chunks, never all at once: TooLarge past `limit` bytes (at once
    when its Content-Length says so). requests' exceptions while reading pass through."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(declared)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(65536):
        size += len(chunk)
        if size > limit:
            raise TooLarge()
        chunks.append(chunk)
    return b"".join(chunks)
