"""Refusals of the national feed: one line in the interface language (Vietnamese; English with lang=en).

The other feed tests compare refusals in English; these check the Vietnamese explicitly.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.utils import translation

from stinet.cli import main
from stinet.feed import services
from tests.feed.conftest import make_expert

pytestmark = pytest.mark.django_db

PARTS = "organisations, personnel, tasks"


@pytest.mark.parametrize(("params", "vi", "en"), [
    ({"since": "abc"}, "since: 'abc' không phải là ngày hay ngày giờ theo ISO 8601 (2026-01-31T08:00:00Z)",
     "since: 'abc' is not an ISO 8601 date or date-time (2026-01-31T08:00:00Z)"),
    ({"until": "2026-13-01"}, "until: '2026-13-01' không phải là ngày hay ngày giờ theo ISO 8601",
     "until: '2026-13-01' is not an ISO 8601 date or date-time"),
    ({"since": "2999-01-01"}, "since: 2998-12-31T17:00:00.000000Z là thời điểm trong tương lai (giờ hiện tại",
     "since: 2998-12-31T17:00:00.000000Z is in the future (the feed's time is"),
    ({"since": "2026-02-01", "until": "2026-01-01"},
     "until: 2025-12-31T17:00:00.000000Z ở trước since (2026-01-31T17:00:00.000000Z)",
     "until: 2025-12-31T17:00:00.000000Z is before since (2026-01-31T17:00:00.000000Z)"),
    ({"cursor": "xyz"}, "cursor: không phải là con trỏ trang của dữ liệu này (hãy bắt đầu lại, không kèm cursor)",
     "cursor: not a cursor of this feed (start again without one)"),
])
def test_bad_parameters_are_refused_in_the_interface_language(api, params, vi, en):
    said = api("tasks", **params)
    assert said.status_code == 400 and said.json()["detail"].startswith(vi), said.json()
    assert "\n" not in said.json()["detail"]
    english = api("tasks", lang="en", **params)
    assert english.status_code == 400 and english.json()["detail"].startswith(en), english.json()


def test_a_cursor_of_another_part_in_the_interface_language(api, org):
    make_expert(org)
    make_expert(org)
    cursor = api("personnel", limit=1).json()["next_cursor"]
    assert api("tasks", cursor=cursor).json() == {
        "detail": "cursor: con trỏ trang này dành cho personnel, không phải tasks"}
    assert api("tasks", cursor=cursor, lang="en").json() == {"detail": "cursor: it is for personnel, not tasks"}


def test_an_unknown_part_of_the_schemas_in_the_interface_language(client):
    said = client.get("/api/national/v1/schemas/bogus")
    assert said.status_code == 404 and said.json() == {"detail": f"phần 'bogus': phải là một trong {PARTS}"}
    english = client.get("/api/national/v1/schemas/bogus", {"lang": "en"})
    assert english.status_code == 404 and english.json() == {"detail": f"part 'bogus': one of {PARTS}"}


def test_missing_and_revoked_keys_in_the_interface_language(client, key):
    url = "/api/national/v1/tasks"
    for headers in ({}, {"HTTP_X_API_KEY": "stinet_not-a-key"}):
        missing = client.get(url, **headers)
        assert missing.status_code == 401 and missing["WWW-Authenticate"] == 'Bearer realm="STINet national feed"'
        assert missing.json() == {
            "detail": "cần một khoá truy cập hợp lệ: Authorization: Bearer <khoá> hoặc X-API-Key: <khoá>"}
        english = client.get(url, {"lang": "en"}, **headers)
        assert english.status_code == 401 and english.json() == {
            "detail": "a valid key is needed: Authorization: Bearer <key> or X-API-Key: <key>"}
    services.revoke_client("NASATI")
    revoked = client.get(url, HTTP_X_API_KEY=key)
    assert revoked.status_code == 403 and revoked.json() == {"detail": "khoá truy cập của NASATI đã bị thu hồi"}
    english = client.get(url, {"lang": "en"}, HTTP_X_API_KEY=key)
    assert english.status_code == 403 and english.json() == {"detail": "the key of NASATI was revoked"}


def test_key_management_refusals_in_the_interface_language(key):
    with translation.override("vi"):
        with pytest.raises(services.FeedError) as exists:
            services.add_client("nasati")
        assert str(exists.value) == ("hệ thống nhận dữ liệu quốc gia 'nasati' đã có "
                                     "(hãy thu hồi khoá của hệ thống đó hoặc chọn tên khác)")
        with pytest.raises(services.FeedError) as nobody:
            services.revoke_client("nobody")
        assert str(nobody.value) == "không có hệ thống nhận dữ liệu quốc gia 'nobody'"
        with pytest.raises(services.FeedError) as empty:
            services.add_client("  ")
        assert str(empty.value) == "tên hệ thống nhận dữ liệu: không được để trống"
    with translation.override("en"), pytest.raises(services.FeedError, match="^no feed client 'nobody'$"):
        services.revoke_client("nobody")


@translation.override("vi")  # the site's language, which `stinet` speaks
def test_cli_export_refusals_in_the_interface_language(tmp_path):
    runner = CliRunner()
    bad = runner.invoke(main, ["feed", "export", "tasks", "--since", "bogus", "-o", str(tmp_path / "x.jsonl")])
    assert bad.exit_code == 1 and bad.output.strip().splitlines() == [
        "stinet: error: since: 'bogus' không phải là ngày hay ngày giờ theo ISO 8601 (2026-01-31T08:00:00Z)"]
    future = runner.invoke(main, ["feed", "export", "tasks", "--since", "2999-01-01", "-o", str(tmp_path / "y")])
    assert future.exit_code == 1 and "là thời điểm trong tương lai" in future.output
    again = runner.invoke(main, ["feed", "key", "revoke", "nobody"])
    assert again.exit_code == 1 and again.output.strip() == (
        "stinet: error: không có hệ thống nhận dữ liệu quốc gia 'nobody'")


@pytest.mark.parametrize("path", ["/api/national/v2/tasks", "/api/national/v2", "/api/national",
                                  "/api/national/", "/api/national/V1/tasks", "/api/national/tasks"])
def test_a_version_not_served_is_named_with_those_served(client, key, path):
    said = client.get(path, HTTP_X_API_KEY=key)
    assert said.status_code == 404 and said.json() == {
        "detail": f"{path}: dữ liệu quốc gia không có phiên bản này; các phiên bản đang cung cấp: /api/national/v1"}
    english = client.get(path, {"lang": "en"}, HTTP_X_API_KEY=key)
    assert english.status_code == 404 and english.json() == {
        "detail": f"{path}: no such version of the national feed; versions served: /api/national/v1"}


@pytest.mark.parametrize("path", ["/api/national/v1/bogus", "/api/nationalx"])
def test_other_unknown_addresses_get_the_api_s_own_404(client, path):
    said = client.get(path, {"lang": "en"})
    assert said.status_code == 404 and said.json() == {"detail": f"{path}: no such endpoint or record"}


@pytest.mark.parametrize("limit", [0, -5, 1001, 5000])
def test_a_limit_outside_1_to_1000_is_refused_not_clamped(api, org, limit):
    said = api("tasks", limit=limit)
    assert said.status_code == 400 and said.json() == {
        "detail": f"limit: {limit} không nằm trong khoảng từ 1 đến 1000"}
    english = api("tasks", limit=limit, lang="en")
    assert english.status_code == 400 and english.json() == {"detail": f"limit: {limit} is not between 1 and 1000"}
    with translation.override("en"), pytest.raises(services.FeedError, match="^limit: .* is not between 1 and 1000$"):
        services.changes("tasks", limit=limit)


def test_limits_inside_the_range_and_their_documentation(api, client, org):
    from tests.feed.conftest import make_task

    for _ in range(3):
        make_task(org)
    assert api("tasks", limit=1).json()["count"] == 1
    assert api("tasks", limit=1000).json()["count"] == 3
    assert api("tasks", limit="abc").json() == {"detail": "limit: 'abc' không phải là số nguyên"}
    spec = client.get("/api/openapi.json").json()
    for part in ("organisations", "personnel", "tasks"):
        operation = spec["paths"][f"/api/national/v1/{part}"]["get"]
        (limit,) = [p for p in operation["parameters"] if p["name"] == "limit"]
        assert (limit["schema"]["minimum"], limit["schema"]["maximum"], limit["schema"]["default"]) == (1, 1000, 100)
        assert "`limit`: 1-1000 records per page" in operation["description"]
        assert "refused, 400" in operation["description"]
