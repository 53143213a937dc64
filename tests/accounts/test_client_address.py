"""The client's address behind trusted reverse proxies (STINET_TRUSTED_PROXIES), and the login throttle's
counters: per client, never spoofable by X-Forwarded-For, shared by every process, windows not stretched."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from stinet.accounts import limits, throttle
from stinet.accounts.addresses import client_address, is_trusted_proxy, parse_address
from stinet.accounts.models import LimitCounter
from stinet.catalog.models import AuditEntry
from stinet.settings import _trusted_proxies
from tests.accounts.conftest import PASSWORD

PROXY = "10.0.0.1"


@pytest.fixture
def behind_proxy(settings):
    """The site behind one reverse proxy (10.0.0.1) and a load balancer network (172.16.0.0/12)."""
    settings.TRUSTED_PROXIES = ("10.0.0.1/32", "172.16.0.0/12")


def _address(rf, remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(rf.get("/", **extra))


def test_without_trusted_proxies_the_connection_is_the_client_whatever_the_header_says(rf, settings):
    settings.TRUSTED_PROXIES = ()
    assert _address(rf, PROXY, "203.0.113.66") == PROXY
    assert _address(rf, "198.51.100.7") == "198.51.100.7"
    assert client_address(None) == ""


@pytest.mark.usefixtures("behind_proxy")
@pytest.mark.parametrize(("remote", "forwarded", "client"), [
    (PROXY, "203.0.113.66", "203.0.113.66"),  # one proxy
    (PROXY, "1.2.3.4, 203.0.113.66", "203.0.113.66"),  # what the client wrote on the left is not believed
    (PROXY, "203.0.113.66, 172.16.5.4", "203.0.113.66"),  # a load balancer of the trusted network between
    ("172.20.0.9", "9.9.9.9,203.0.113.66 ,172.16.0.2", "203.0.113.66"),
    (PROXY, "[2001:db8::7]:5123", "2001:db8::7"),  # written with a port
    (PROXY, '"203.0.113.66:443"', "203.0.113.66"),
    (PROXY, "::ffff:203.0.113.66", "203.0.113.66"),
    ("::ffff:10.0.0.1", "203.0.113.66", "203.0.113.66"),  # the proxy seen through an IPv6 socket
    (PROXY, "", PROXY),  # the proxy's own request (a health check)
    (PROXY, None, PROXY),
    (PROXY, "unknown, 172.16.0.3", "172.16.0.3"),  # not an address: the nearest hop known
    ("203.0.113.9", "1.2.3.4", "203.0.113.9"),  # not a trusted proxy: the header is anyone's
])
def test_behind_trusted_proxies_the_client_is_the_right_most_untrusted_address(rf, remote, forwarded, client):
    assert _address(rf, remote, forwarded) == client


def test_trusted_proxies_setting_is_addresses_or_networks():
    assert _trusted_proxies(" 10.0.0.1, 172.16.0.0/12 ,,fd00::/8") == ("10.0.0.1/32", "172.16.0.0/12", "fd00::/8")
    assert _trusted_proxies("") == ()
    assert _trusted_proxies("10.1.2.3/8") == ("10.0.0.0/8",)  # host bits allowed
    with pytest.raises(ImproperlyConfigured, match="'proxy.local' is not an address"):
        _trusted_proxies("10.0.0.1,proxy.local")


def test_addresses_as_proxies_write_them(settings):
    assert str(parse_address(" [2001:db8::1] ")) == "2001:db8::1"
    assert parse_address("_hidden") is None and parse_address("") is None
    settings.TRUSTED_PROXIES = ("10.0.0.0/8",)
    assert is_trusted_proxy("10.9.8.7") and not is_trusted_proxy("11.0.0.1") and not is_trusted_proxy("")
    settings.TRUSTED_PROXIES = ()
    assert not is_trusted_proxy("10.9.8.7")


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_proxy")
def test_behind_the_proxy_an_attacker_locks_out_only_himself(client, people):
    for n in range(throttle.MAX_FAILURES):
        client.post("/accounts/login/", {"username": "hub", "password": f"wrong{n}"},
                    REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    blocked = client.post("/accounts/login/", {"username": "hub", "password": PASSWORD},
                          REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert "Đăng nhập sai quá nhiều lần" in blocked.content.decode()
    # rotating the part of the header the proxy did not write changes nothing
    spoofed = client.post("/accounts/login/", {"username": "hub", "password": PASSWORD},
                          REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.66")
    assert "Đăng nhập sai quá nhiều lần" in spoofed.content.decode()
    admin = client.post("/accounts/login/", {"username": "hub", "password": PASSWORD},
                        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert admin.status_code == 302 and admin.wsgi_request.user.username == "hub"
    failed = AuditEntry.objects.filter(action="login-failed", actor_label="hub")
    assert {e.after["address"] for e in failed} == {"203.0.113.66"}
    assert AuditEntry.objects.get(action="login").after["address"] == "198.51.100.7"


@pytest.mark.parametrize(("address", "counted_as"), [
    ("203.0.113.7", "203.0.113.7"), ("2001:db8:1:2:a:b:c:d", "2001:db8:1:2::/64"),
    ("[2001:db8:1:2::ffff]:443", "2001:db8:1:2::/64"), ("::ffff:10.0.0.1", "10.0.0.1"), ("", ""),
])
def test_a_limit_counts_an_ipv6_client_by_its_64_block(address, counted_as):
    from stinet.accounts.addresses import limited_as

    assert limited_as(address) == counted_as


@pytest.mark.django_db
def test_an_ipv6_client_does_not_escape_the_block_by_changing_its_address(client, people):
    def login(password: str, address: str):
        return client.post("/accounts/login/", {"username": "hub", "password": password}, REMOTE_ADDR=address)

    for n in range(throttle.MAX_FAILURES):  # a new address of its own /64 for every try
        login("wrong", f"2001:db8:7:7::{n + 1:x}")
    assert "Đăng nhập sai quá nhiều lần" in login(PASSWORD, "2001:db8:7:7::99").content.decode()
    neighbour = login(PASSWORD, "2001:db8:7:8::1")
    assert neighbour.status_code == 302  # another subscriber's block


@pytest.mark.django_db
def test_without_trusted_proxies_a_forged_header_does_not_escape_the_block(client, people):
    for n in range(throttle.MAX_FAILURES):
        client.post("/accounts/login/", {"username": "hub", "password": "wrong"},
                    REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    forged = client.post("/accounts/login/", {"username": "hub", "password": PASSWORD},
                         REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert "Đăng nhập sai quá nhiều lần" in forged.content.decode()


@pytest.mark.django_db
def test_a_window_starts_at_the_first_count_and_is_not_stretched():
    counter = limits.key("test", "203.0.113.66")
    limits.add(counter, 900)
    first = LimitCounter.objects.get(key=counter).until
    assert dt.timedelta(seconds=899) < first - timezone.now() <= dt.timedelta(seconds=900)
    limits.add(counter, 900)
    limits.add(counter, 900)
    assert limits.current(counter) == 3 and LimitCounter.objects.get(key=counter).until == first
    LimitCounter.objects.filter(key=counter).update(until=timezone.now() - dt.timedelta(seconds=1))
    assert limits.current(counter) == 0  # over
    other = limits.key("test", "198.51.100.7")
    limits.add(other, 900)  # a new counter: the expired ones are deleted
    assert list(LimitCounter.objects.values_list("key", flat=True)) == [other]
    limits.add(counter, 900)
    assert limits.current(counter) == 1
    limits.forget(counter)
    assert limits.current(counter) == 0 and limits.current(other) == 1
    assert "203.0.113.66" not in counter  # the address is not stored


def test_failures_counted_by_two_processes_add_up(tmp_path):
    """Each worker process of a WSGI server counts in the same place: 3 + 2 failures block the name."""
    if "STINET_DATABASE_URL" in os.environ:
        pytest.skip("two processes on one SQLite file; PostgreSQL is shared by construction")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINET_")}
    env.update(STINET_DATA_DIR=str(tmp_path / "data"), DJANGO_SETTINGS_MODULE="stinet.settings")
    script = textwrap.dedent("""
        import sys
        from stinet.cli import _setup
        _setup()
        from stinet.accounts import throttle
        for _ in range(int(sys.argv[1])):
            throttle.failed("quantri", "203.0.113.66")
        print(throttle.blocked("quantri", "203.0.113.66"))
    """)
    outputs = [subprocess.run([sys.executable, "-c", script, str(n)], env=env, capture_output=True, text=True,
                              timeout=120) for n in (3, 2)]
    assert [o.stdout.strip() for o in outputs] == ["False", "True"], outputs[-1].stderr[-2000:]
