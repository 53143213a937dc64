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
])
def test_other_schemes_and_credentials_are_refused_even_when_private_is_allowed(url, reason):
    with pytest.raises(UnsafeURLError, match=reason):
        check_url(url, allow_private=True)


def test_a_public_address_passes():
    check_url("http://8.8.8.8/oai")


def test_the_client_refuses_a_loopback_source():
    with pytest.raises(UnsafeURLError, match="127.0.0.1"):
        OAIClient("http://127.0.0.1:9/oai")
