"""Access to the feed: keys as Bearer or X-API-Key; missing or wrong 401, revoked 403; key management."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from django.core.exceptions import PermissionDenied
from django.utils import translation

from stinet.catalog.models import AuditEntry
from stinet.cli import main
from stinet.feed import services
from stinet.feed.models import FeedClient

PARTS = ("organisations", "personnel", "tasks")


@pytest.mark.django_db
@pytest.mark.parametrize("part", PARTS)
def test_missing_wrong_and_revoked_keys(client, key, part):
    url = f"/api/national/v1/{part}"
    missing = client.get(url)
    assert missing.status_code == 401 and missing["WWW-Authenticate"] == 'Bearer realm="STINet national feed"'
    assert client.get(url, HTTP_AUTHORIZATION="Bearer stinet_not-a-key").status_code == 401
    assert client.get(url, HTTP_X_API_KEY="stinet_not-a-key").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION=f"Basic {key}").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert client.get(url, HTTP_X_API_KEY=key).status_code == 200
    services.revoke_client("nasati")
    refused = client.get(url, {"lang": "en"}, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert refused.status_code == 403 and "revoked" in refused.json()["detail"]
    assert client.get(url, HTTP_X_API_KEY=key).status_code == 403


@pytest.mark.django_db
def test_keys_are_hashed_audited_and_listed(key):
    stored = FeedClient.objects.get(name="NASATI")
    assert key not in (stored.key_hash, stored.key_prefix) and stored.key_hash == services.hash_key(key)
    assert key.startswith(stored.key_prefix) and len(key) > 40
    assert services.authenticate(key) == stored
    assert FeedClient.objects.get(pk=stored.pk).last_used_at is not None
    assert AuditEntry.objects.filter(action="feed-key-add", object_type="feedclient").count() == 1
    with pytest.raises(services.FeedError, match="exists already"):
        services.add_client("nasati")
    with pytest.raises(services.FeedError, match="no feed client"):
        services.revoke_client("nobody")


def test_only_administrators_manage_keys(people):
    for who in (people.manager, people.editor, people.pi, people.nobody):
        with pytest.raises(PermissionDenied):
            services.add_client("X", user=who)
    services.add_client("Cục Thông tin KH&CN quốc gia", user=people.admin)
    with pytest.raises(PermissionDenied):
        services.revoke_client("Cục Thông tin KH&CN quốc gia", user=people.manager)
    services.revoke_client("Cục Thông tin KH&CN quốc gia", user=people.admin)
    assert AuditEntry.objects.filter(action="feed-key-revoke", actor=people.admin).exists()


@pytest.mark.django_db
@translation.override("vi")  # the site's language, as a request leaves it active in this thread
def test_cli_key_add_list_revoke(client):
    runner = CliRunner()
    added = runner.invoke(main, ["feed", "key", "add", "NASATI"])
    assert added.exit_code == 0, added.output
    assert added.output.startswith("đã thêm hệ thống nhận dữ liệu quốc gia NASATI; khoá truy cập")
    key = added.output.strip().splitlines()[-1]
    assert client.get("/api/national/v1/tasks", HTTP_X_API_KEY=key).status_code == 200
    listed = runner.invoke(main, ["feed", "key", "list"])
    assert "NASATI" in listed.output and "còn hiệu lực" in listed.output and key not in listed.output
    revoked = runner.invoke(main, ["feed", "key", "revoke", "NASATI"])
    assert revoked.exit_code == 0 and revoked.output == "đã thu hồi khoá truy cập của NASATI\n"
    assert "đã thu hồi lúc " in runner.invoke(main, ["feed", "key", "list"]).output
    twice = runner.invoke(main, ["feed", "key", "revoke", "NASATI"])  # QA 26: "revoked" said again
    assert twice.exit_code == 0 and twice.output.startswith("khoá truy cập của NASATI đã bị thu hồi từ trước, lúc ")
    assert client.get("/api/national/v1/tasks", HTTP_X_API_KEY=key).status_code == 403
    again = runner.invoke(main, ["feed", "key", "add", "nasati"])
    assert again.exit_code == 1 and again.output.strip().startswith(
        "stinet: error: hệ thống nhận dữ liệu quốc gia 'nasati' đã có")


@pytest.mark.django_db
@translation.override("vi")
def test_cli_key_list_says_its_times_in_the_site_zone_with_the_offset(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    services.add_client("NASATI")
    services.add_client("VISTA")
    FeedClient.objects.filter(name="NASATI").update(last_used_at=dt.datetime(2026, 11, 22, 17, 30, tzinfo=dt.UTC))
    FeedClient.objects.filter(name="VISTA").update(revoked_at=dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC))
    listed = CliRunner().invoke(main, ["feed", "key", "list"])
    assert listed.exit_code == 0, listed.output
    nasati, vista = listed.output.splitlines()
    assert nasati.startswith("NASATI ") and "…  còn hiệu lực " in nasati and nasati.endswith(" 2026-11-23 00:30 (+07)")
    assert vista.startswith("VISTA ") and vista.endswith("…  đã thu hồi lúc 2026-11-23 03:00 (+07) chưa dùng lần nào")
    assert nasati.index("2026-11-23 00:30") == vista.index("chưa dùng")  # the last use in one column


@pytest.mark.django_db
def test_index_and_schemas_are_public_and_documented(client):
    index = client.get("/api/national/v1").json()
    assert index["schema_version"] == "1.0" and [p["name"] for p in index["parts"]] == list(PARTS)
    schema = client.get("/api/national/v1/schemas/tasks").json()
    assert schema["x-schema-version"] == "1.0" and "TaskRecord" in schema["$defs"]
    assert client.get("/api/national/v1/schemas/works").status_code == 404
    spec = client.get("/api/openapi.json").json()
    for part in PARTS:
        operation = spec["paths"][f"/api/national/v1/{part}"]["get"]
        assert operation["summary"] and "next_cursor" in operation["description"]
        assert {p["name"] for p in operation["parameters"]} >= {"since", "until", "cursor", "limit"}
        assert operation["security"]
    assert {"BearerKey", "HeaderKey"} <= set(spec["components"]["securitySchemes"])
    assert "x-vi" in str(spec["components"]["schemas"]["TaskRecord"])
