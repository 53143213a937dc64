"""The administrator's user pages (grant, revoke, deactivate) and the audit log: logins, failed and blocked
logins, logouts and role changes are recorded; the audit page filters and pages them."""

from __future__ import annotations

import pytest
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from stinet.accounts import throttle
from stinet.accounts.permissions import roles_of
from stinet.accounts.services import AccountError, create_user, grant, revoke, set_active
from stinet.catalog.models import AuditEntry
from stinet.catalog.services import audit
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_logins_failures_blocks_and_logouts_are_audited(client, people):
    client.post("/accounts/login/", {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.0.0.7")
    client.post("/accounts/login/", {"username": "ghost", "password": "wrong"}, REMOTE_ADDR="10.0.0.7")
    failed = AuditEntry.objects.filter(action="login-failed").order_by("pk")
    assert [(e.actor_label, e.object_id, e.after["address"]) for e in failed] == [
        ("editor", str(people["editor"].pk), "10.0.0.7"), ("ghost", "", "10.0.0.7")]
    client.post("/accounts/login/", {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    login = AuditEntry.objects.get(action="login")
    assert login.actor == people["editor"] and login.object_id == str(people["editor"].pk)
    client.post("/accounts/logout/")
    assert AuditEntry.objects.filter(action="logout", actor=people["editor"]).count() == 1
    for _ in range(throttle.MAX_FAILURES):
        client.post("/accounts/login/", {"username": "hub", "password": "wrong"})
    client.post("/accounts/login/", {"username": "hub", "password": PASSWORD})
    assert AuditEntry.objects.filter(action="login-blocked", actor_label="hub").count() == 1
    assert not AuditEntry.objects.filter(action="login", actor=people["hub"]).exists()


def test_the_administrator_grants_revokes_and_deactivates(client, people):
    client.force_login(people["hub"])
    scientist = people["scientist"]
    page = client.get("/manage/users/").content.decode()
    assert "libeditor" in page and "Biên tập viên thành viên (LIB)" in page
    form = client.get(f"/manage/users/{scientist.pk}/").content.decode()  # QA 26: administrator chosen at first
    assert '<option value="" selected>—</option>' in form
    assert client.post(f"/manage/users/{scientist.pk}/", {"role": ""}).context["form"].errors["role"]
    missing = client.post(f"/manage/users/{scientist.pk}/", {"role": "member_editor"})
    assert missing.status_code == 200 and missing.context["form"].errors["organisation"]
    assert client.post(f"/manage/users/{scientist.pk}/", {"role": "member_editor", "organisation": "LIB"}
                       ).status_code == 302
    again = client.post(f"/manage/users/{scientist.pk}/", {"role": "member_editor", "organisation": "LIB"},
                        follow=True).content.decode()
    assert "Người dùng đã có vai trò này." in again and again.count("Đã cấp vai trò.") == 1  # the first's only (QA 26)
    assert roles_of(type(scientist).objects.get(pk=scientist.pk)) == {("scientist", None),
                                                                     ("member_editor", people["lib"].pk)}
    role = scientist.roles.get(role="member_editor")
    client.post(f"/manage/users/{scientist.pk}/roles/{role.pk}/revoke/")
    assert not scientist.roles.filter(role="member_editor").exists()
    client.post(f"/manage/users/{scientist.pk}/active/", {"active": "0"})
    scientist.refresh_from_db()
    assert not scientist.is_active and not client.login(username="scientist", password=PASSWORD)
    entries = AuditEntry.objects.filter(object_type="user", object_id=str(scientist.pk), actor=people["hub"])
    assert {(e.action, bool(e.before), bool(e.after)) for e in entries} == {
        ("grant", False, True), ("revoke", True, False), ("deactivate", True, True)}


def test_a_deactivated_users_session_ends(client, people):
    client.force_login(people["editor"])
    assert client.get("/manage/").status_code == 200
    set_active(people["editor"], False, by=people["hub"])
    assert client.get("/manage/").status_code == 302


def test_the_network_keeps_one_administrator(client, people):
    with translation.override("en"):
        with pytest.raises(AccountError, match="at least one active network administrator"):
            revoke(people["hub"], "network_admin", by=people["hub"])
        with pytest.raises(AccountError, match="cannot deactivate yourself"):
            set_active(people["hub"], False, by=people["hub"])
        with pytest.raises(AccountError, match="at least one active network administrator"):
            set_active(people["hub"], False)
    client.force_login(people["hub"])
    client.post(f"/manage/users/{people['hub'].pk}/active/", {"active": "0"})
    people["hub"].refresh_from_db()
    assert people["hub"].is_active
    grant(create_user("hub2", PASSWORD), "network_admin")
    revoke(people["hub"], "network_admin")
    assert not people["hub"].roles.exists()


@translation.override("en")  # the refusals compared in English
def test_revoking_a_role_the_user_lacks_is_refused(people):
    with pytest.raises(AccountError, match="does not hold the role 'member_editor' for LIB"):
        revoke(people["editor"], "member_editor", "LIB")


def test_the_audit_log_filters_and_pages(client, people, django_assert_max_num_queries):
    for i in range(60):
        audit("importer", "import", people["hpu"], after={"n": i})
    audit("hub", "merge", people["lib"], before={"works": 2}, after={"works": 1})
    client.force_login(people["hub"])
    first = client.get("/manage/audit/")
    assert first.context["page"].paginator.count == AuditEntry.objects.count()
    assert len(first.context["rows"]) == 50 and first.context["page"].has_next()
    merged = client.get("/manage/audit/", {"who": "hu", "action": "merge"})
    assert [e.action for e, _b, _a in merged.context["rows"]] == ["merge"]
    assert "&quot;works&quot;: 2" in merged.content.decode()  # before and after shown
    by_object = client.get("/manage/audit/", {"object_type": "organisation", "object_id": str(people["hpu"].pk)})
    assert by_object.context["page"].paginator.count == 61  # 60 imports and the organisation's creation
    assert "page=2" in client.get("/manage/audit/", {"action": "import"}).content.decode()
    second = client.get("/manage/audit/", {"action": "import", "page": 2})
    assert len(second.context["rows"]) == 10
    assert client.get("/manage/audit/", {"since": "2999-01-01"}).context["page"].paginator.count == 0
    with django_assert_max_num_queries(8):
        client.get("/manage/audit/")


def test_a_wrong_date_filter_is_said_on_the_page(client, people):
    client.force_login(people["hub"])
    page = client.get("/manage/audit/", {"since": "2026-13-01", "action": "create"})
    line = "Từ ngày: '2026-13-01' không hợp lệ, danh sách hiển thị không có bộ lọc này"
    assert f'<p class="error">{escape(line)}</p>' in page.content.decode()
    assert page.context["page"].paginator.count == AuditEntry.objects.filter(action="create").count() > 0
    assert 'class="error"' not in client.get("/manage/audit/", {"since": "2026-01-01"}).content.decode()


def test_the_user_list_costs_a_fixed_number_of_queries(client, people):
    client.force_login(people["hub"])
    from django.db import connection

    with CaptureQueriesContext(connection) as few:
        client.get("/manage/users/")
    for i in range(10):
        grant(create_user(f"more{i}", PASSWORD), "member_editor", "LIB")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/manage/users/")
    assert len(many) == len(few) and "more9" in page.content.decode()
