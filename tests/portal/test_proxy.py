"""Behind a reverse proxy ending TLS: STINET_PROXY_HTTPS and STINET_PROXY_HOST make the links the site
builds (the widget snippet, mailed links) say https and the public host; `stinet serve` (waitress) lets
the proxy's headers reach the site only when asked, and with trusted proxies named only from them."""

from __future__ import annotations

import html
import re
import runpy
from pathlib import Path

import pytest
from django.core import mail

import stinet.settings
from stinet.accounts.services import create_user, grant
from stinet.portal import server

PASSWORD = "a-long-pass-phrase-42"
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture
def tls_proxy(settings):
    """A browser reaching the site (hub.example.vn) through a proxy ending TLS (STINET_PROXY_HTTPS=1);
    the proxy passes the Host header on, and adds X-Forwarded-Proto."""
    from django.test import Client

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["hub.example.vn", "127.0.0.1"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return Client(HTTP_HOST="hub.example.vn")


def _settings(monkeypatch, tmp_path, **env):
    """The settings module run afresh with these environment variables."""
    for name in ("STINET_PROXY_HTTPS", "STINET_PROXY_HOST", "STINET_TRUSTED_PROXIES", "STINET_HSTS_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STINET_DATA_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(stinet.settings.__file__)), run_name="settings_probe")


def test_environment_settings_of_the_proxy(monkeypatch, tmp_path):
    plain = _settings(monkeypatch, tmp_path)
    assert (plain["SECURE_PROXY_SSL_HEADER"], plain["USE_X_FORWARDED_HOST"], plain["TRUSTED_PROXIES"]) == (
        None, False, ())
    proxied = _settings(monkeypatch, tmp_path, STINET_PROXY_HTTPS="1", STINET_PROXY_HOST="1",
                        STINET_TRUSTED_PROXIES="10.0.0.1, 172.16.0.0/12")
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxied["USE_X_FORWARDED_HOST"] is True
    assert proxied["TRUSTED_PROXIES"] == ("10.0.0.1/32", "172.16.0.0/12")
    # QA 21: the session and CSRF cookies had no Secure flag behind the TLS proxy
    assert (plain["SESSION_COOKIE_SECURE"], plain["CSRF_COOKIE_SECURE"], plain["SECURE_HSTS_SECONDS"]) == (
        False, False, 0)
    assert proxied["SESSION_COOKIE_SECURE"] is proxied["CSRF_COOKIE_SECURE"] is True
    assert _settings(monkeypatch, tmp_path, STINET_PROXY_HTTPS="1", STINET_HSTS_SECONDS="31536000")[
        "SECURE_HSTS_SECONDS"] == 31536000
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="STINET_HSTS_SECONDS: 'a year' is not a number of seconds"):
        _settings(monkeypatch, tmp_path, STINET_HSTS_SECONDS="a year")


def _snippet(client, **headers) -> str:
    page = client.get("/widget/snippet/", **headers).content.decode()
    code = html.unescape(page.split('id="code-script" readonly rows="3">')[1].split("</textarea>")[0])
    frame = html.unescape(page.split('id="code-iframe" readonly rows="3">')[1].split("</textarea>")[0])
    resize = html.unescape(page.split('id="code-resize" readonly rows="3">')[1].split("</textarea>")[0])
    return code + frame + resize


@pytest.mark.django_db
def test_snippet_says_https_behind_the_tls_proxy(tls_proxy, settings):
    snippet = _snippet(tls_proxy, **HTTPS)
    assert '<script src="https://hub.example.vn/static/stinet/widget.js" async></script>' in snippet
    assert 'src="https://hub.example.vn/widget/' in snippet and 'e.origin!=="https://hub.example.vn"' in snippet
    assert "http://" not in snippet
    assert 'src="http://hub.example.vn/static/stinet/widget.js"' in _snippet(tls_proxy)  # the proxy said nothing
    settings.USE_X_FORWARDED_HOST = True  # STINET_PROXY_HOST=1: the proxy asks 127.0.0.1:8000, names the host
    public = _snippet(tls_proxy, HTTP_HOST="127.0.0.1:8000", HTTP_X_FORWARDED_HOST="hub.example.vn", **HTTPS)
    assert 'src="https://hub.example.vn/static/stinet/widget.js"' in public
    assert 'e.origin!=="https://hub.example.vn"' in public


@pytest.mark.django_db
def test_snippet_ignores_the_forwarded_host_and_proto_unless_asked(client, settings):
    settings.ALLOWED_HOSTS = ["hub.example.vn", "evil.example"]
    snippet = _snippet(client, HTTP_HOST="hub.example.vn", HTTP_X_FORWARDED_HOST="evil.example", **HTTPS)
    assert "evil.example" not in snippet and 'src="http://hub.example.vn/static/stinet/widget.js"' in snippet


@pytest.mark.django_db
def test_mailed_links_say_https_behind_the_tls_proxy(tls_proxy, org, django_capture_on_commit_callbacks):
    client = tls_proxy
    create_user("scientist", PASSWORD, email="scientist@example.org")
    client.post("/accounts/password/reset/", {"email": "scientist@example.org"}, **HTTPS)
    assert re.findall(r"https?://[^/]*/accounts/password/reset/", mail.outbox[0].body) == [
        "https://hub.example.vn/accounts/password/reset/"]
    client.force_login(grant(create_user("hub", PASSWORD, email="hub@example.org"), "network_admin").user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/manage/invitations/", {"email": "new@example.org", "roles": ["scientist"], "days": 7}, **HTTPS)
    assert set(re.findall(r"https?://[^/]*/accounts/invitation/", mail.outbox[-1].body)) == {
        "https://hub.example.vn/accounts/invitation/"}


@pytest.mark.django_db
def test_a_form_posted_through_the_tls_proxy_passes_the_origin_check(tls_proxy, settings):
    from django.test import Client

    create_user("scientist", PASSWORD)
    browser = Client(enforce_csrf_checks=True, HTTP_HOST="hub.example.vn")
    browser.get("/accounts/login/", **HTTPS)
    login = {"username": "scientist", "password": PASSWORD, "csrfmiddlewaretoken": browser.cookies["csrftoken"].value}
    answer = browser.post("/accounts/login/", login, HTTP_ORIGIN="https://hub.example.vn", **HTTPS)
    assert answer.status_code == 302
    settings.SECURE_PROXY_SSL_HEADER = None  # before: the https page's own origin was refused
    browser.logout()
    browser.get("/accounts/login/")
    login["csrfmiddlewaretoken"] = browser.cookies["csrftoken"].value
    assert browser.post("/accounts/login/", login, HTTP_ORIGIN="https://hub.example.vn", **HTTPS).status_code == 403


def _echo(environ, start_response):
    """What the site would see of a request."""
    seen = [f"{k}={environ[k]}" for k in sorted(environ) if k.startswith(("HTTP_X_FORWARDED", "REMOTE_ADDR"))]
    start_response("200 OK", [("Content-Type", "text/plain")])
    return ["\n".join(seen).encode()]


def _through_waitress(headers: dict[str, str]) -> set[str]:
    """What the site sees of a request from 127.0.0.1 to the app `stinet serve` builds (waitress's own
    handling of proxy headers included)."""
    served = server.make_server("127.0.0.1", 0, _echo)
    try:
        environ = {"REMOTE_ADDR": "127.0.0.1", "REQUEST_METHOD": "GET", "PATH_INFO": "/", "wsgi.url_scheme": "http",
                   "HTTP_HOST": "localhost", **{"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()}}
        return set(b"".join(served.application(environ, lambda status, headers: None)).decode().splitlines())
    finally:
        served.close()


FORWARDED = {"X-Forwarded-For": "203.0.113.66", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "hub.example"}
PASSED = {"HTTP_X_FORWARDED_FOR=203.0.113.66", "HTTP_X_FORWARDED_PROTO=https", "HTTP_X_FORWARDED_HOST=hub.example"}


def test_waitress_drops_the_proxy_headers_unless_a_setting_asks(settings):
    settings.TRUSTED_PROXIES, settings.SECURE_PROXY_SSL_HEADER, settings.USE_X_FORWARDED_HOST = (), None, False
    assert _through_waitress(FORWARDED) == {"REMOTE_ADDR=127.0.0.1"}
    assert "trusted_proxy" not in server.waitress_options()


def test_waitress_passes_the_proxy_headers_from_trusted_proxies_only(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ("127.0.0.1/32",)
    assert _through_waitress(FORWARDED) == {"REMOTE_ADDR=127.0.0.1", *PASSED}  # the site reads them itself
    settings.TRUSTED_PROXIES = ("10.0.0.1/32",)  # the request comes from elsewhere
    assert _through_waitress(FORWARDED) == {"REMOTE_ADDR=127.0.0.1"}
    settings.TRUSTED_PROXIES = ()  # STINET_PROXY_HTTPS alone: as behind any WSGI server
    assert _through_waitress(FORWARDED) == {"REMOTE_ADDR=127.0.0.1", *PASSED}
