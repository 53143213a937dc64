"""Source URLs: http(s) only; loopback, private and link-local addresses refused unless allowed."""

from __future__ import annotations

import pytest

from stinet.sources.client import OAIClient
from stinet.sources.safety import UnsafeURLError, check_url


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/oai", "http://localhost/oai", "http://10.1.2.3/oai", "http://192.168.1.10/oai",
    "http://172.16.0.5/oai", "http://169.254.169.254/latest/meta-data", "http://[::1]/oai",
    "http://[::ffff:127.0.0.1]/oai", "http://[fe80::1]/oai", "http://0.0.0.0/oai", "http://100.64.0.1/oai",
])
def test_internal_addresses_are_refused_without_permission(url):
    with pytest.raises(UnsafeURLError, match="internal address"):
        check_url(url)
    check_url(url, allow_private=True)  # an administrator's explicit choice


@pytest.mark.parametrize(("url", "reason"), [
    ("file:///etc/passwd", "only http and https"), ("ftp://example.org/oai", "only http and https"),
    ("gopher://127.0.0.1/", "only http and https"), ("http:///oai", "no host"),
    ("http://user:pw@example.org/oai", "passwords"),
    # QA 20: Python's "Invalid IPv6 URL" in English; a verb in the base URL asked it twice (badVerb)
    ("http://[bad", r"^http://\[bad: not a valid URL"),
    ("http://example.org:99999/oai", "the port is not a number from 1 to 65535"),
    ("http://127.0.0.1:8103/oai?verb=Identify", r"has no '\?' or '#' part"), ("https://a.vn/oai#x", "'#' part"),
])
def test_other_schemes_and_credentials_are_refused_even_when_private_is_allowed(url, reason):
    with pytest.raises(UnsafeURLError, match=reason):
        check_url(url, allow_private=True, base=True)
    if "part" in reason:  # a redirect's address has its query
        check_url(url, allow_private=True)


def test_a_public_address_passes():
    check_url("http://8.8.8.8/oai")


def test_the_client_refuses_a_loopback_source():
    with pytest.raises(UnsafeURLError, match="127.0.0.1"):
        OAIClient("http://127.0.0.1:9/oai")


@pytest.fixture
def rebinding(monkeypatch):
    """A name that answers a public address to the checks and 127.0.0.1 to the connection (DNS rebinding)."""
    import socket

    real = socket.getaddrinfo
    answers = {"n": 0, "public": 2}  # lookups answered with a public address before the internal one

    def lookup(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        answers["n"] += 1
        return real("93.184.216.34" if answers["n"] <= answers["public"] else "127.0.0.1", port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return answers


def test_the_address_connected_to_is_checked_too(oai_server, rebinding):
    """The harvester checked the name, then connected wherever a second lookup said: loopback."""
    from tests.sources.conftest import capture, xml

    oai_server.on(xml(capture("sickle", "Identify.xml")), verb="Identify")
    port = oai_server.url.split(":")[2].split("/")[0]
    client = OAIClient(f"http://rebind.example:{port}/oai", attempts=1)
    with pytest.raises(UnsafeURLError, match="connected to the internal address 127.0.0.1"):
        client.identify()
    assert oai_server.received == [] and rebinding["n"] >= 3


def test_the_full_text_fetcher_checks_the_address_connected_to(oai_server, rebinding):
    from stinet.catalog.filefetch import download

    rebinding["public"] = 1  # the fetcher checks each address once before it connects
    port = oai_server.url.split(":")[2].split("/")[0]
    with pytest.raises(UnsafeURLError, match="internal address 127.0.0.1"):
        download(f"http://rebind.example:{port}/bitstream/a.pdf")
