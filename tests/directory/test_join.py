"""Requests to join: the public form (validation, trap, limit), approval and rejection, e-mails, audit, CLI."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from django.core import mail

from stinet.catalog.models import AuditEntry, Organisation
from stinet.cli import main
from stinet.directory.models import JoinRequest, OrganisationProfile
from stinet.directory.rules import DirectoryError
from stinet.directory.services import approve_join_request, reject_join_request, submit_join_request

pytestmark = pytest.mark.django_db

FORM = {"name_vi": "Viện Nghiên cứu Hải sản", "short_name": "RIMF", "kind": "institute", "province": "Hải Phòng",
        "contact_name": "Nguyễn Thị Hải", "contact_email": "hai@rimf.example.vn", "website": "https://rimf.example.vn",
        "message": "Xin tham gia."}


def test_form_sends_a_request(client, db):
    response = client.post("/directory/join/", FORM)
    assert response.status_code == 302 and response["Location"].endswith("/directory/join/thanks/")
    request = JoinRequest.objects.get()
    assert request.status == "pending" and request.name_vi == "Viện Nghiên cứu Hải sản"
    assert AuditEntry.objects.filter(object_type="joinrequest", action="create").count() == 1
    assert "Đã gửi đề nghị" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(("change", "message"), [
    ({"name_vi": ""}, "Trường này là bắt buộc."),
    ({"contact_email": "not-an-address"}, "Nhập một địa chỉ email hợp lệ."),
    ({"website": "ftp://x"}, "Nhập một URL hợp lệ."),
    ({"kind": "castle"}, "Hãy chọn một lựa chọn hợp lệ."),
    ({"kind": "enterprise"}, "Giấy chứng nhận doanh nghiệp KH&amp;CN cần có số, ngày cấp và cơ quan cấp."),
    ({"certificate_number": "12/DNKHCN"}, "Giấy chứng nhận doanh nghiệp KH&amp;CN cần có số, ngày cấp và cơ quan cấp."),
    ({"kind": "enterprise", "certificate_number": "1", "certificate_issuer": "Sở", "certificate_date": "2099-01-01"},
     "Ngày cấp giấy chứng nhận ở tương lai."),
])
def test_form_refuses_with_one_line(client, db, change, message):
    response = client.post("/directory/join/", {**FORM, **change})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page, page[page.find("<form"):][:2000]
    assert not JoinRequest.objects.exists()


def test_form_refuses_a_known_organisation_and_a_second_pending_request(client, org):
    response = client.post("/directory/join/", {**FORM, "name_vi": "TRƯỜNG ĐẠI HỌC HẢI PHÒNG"})
    assert "TRƯỜNG ĐẠI HỌC HẢI PHÒNG đã có trong danh bạ" in response.content.decode()  # the page's language
    client.post("/directory/join/", FORM)
    response = client.post("/directory/join/", {**FORM, "name_vi": "Vien nghien cuu hai san"})
    assert "đang chờ quyết định" in response.content.decode()
    english = client.post("/directory/join/?lang=en", {**FORM, "name_vi": "Vien nghien cuu hai san"})
    assert "is waiting for a decision already" in english.content.decode()
    assert JoinRequest.objects.count() == 1


def test_trap_field_keeps_nothing(client, db):
    response = client.post("/directory/join/", {**FORM, "homepage": "http://spam.example"})
    assert response.status_code == 302 and not JoinRequest.objects.exists()


def test_requests_from_one_address_are_limited(client, db):
    for i in range(5):
        assert client.post("/directory/join/", {**FORM, "name_vi": f"Tổ chức số {i}"}).status_code == 302
    response = client.post("/directory/join/", {**FORM, "name_vi": "Tổ chức thứ sáu"})
    assert response.status_code == 200 and "Có quá nhiều đề nghị" in response.content.decode()
    assert JoinRequest.objects.count() == 5


def test_behind_a_trusted_proxy_the_limit_is_per_client(client, db, settings):
    settings.TRUSTED_PROXIES = ("10.0.0.1/32",)
    for i in range(5):
        assert client.post("/directory/join/", {**FORM, "name_vi": f"Tổ chức số {i}"}, REMOTE_ADDR="10.0.0.1",
                           HTTP_X_FORWARDED_FOR="203.0.113.66").status_code == 302
    for forwarded in ("203.0.113.66", "198.51.100.1, 203.0.113.66"):  # the left part is the client's word
        refused = client.post("/directory/join/", {**FORM, "name_vi": "Tổ chức thứ sáu"}, REMOTE_ADDR="10.0.0.1",
                              HTTP_X_FORWARDED_FOR=forwarded)
        assert "Có quá nhiều đề nghị" in refused.content.decode()
    another = client.post("/directory/join/", {**FORM, "name_vi": "Tổ chức khác"}, REMOTE_ADDR="10.0.0.1",
                          HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert another.status_code == 302 and JoinRequest.objects.count() == 6


def test_a_forged_header_from_anyone_else_does_not_reset_the_limit(client, db, settings):
    settings.TRUSTED_PROXIES = ("10.0.0.1/32",)
    for i in range(6):
        response = client.post("/directory/join/", {**FORM, "name_vi": f"Tổ chức số {i}"},
                               REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    assert "Có quá nhiều đề nghị" in response.content.decode() and JoinRequest.objects.count() == 5


def test_an_ipv6_client_changing_its_address_within_its_block_stays_limited(client, db):
    for i in range(6):
        response = client.post("/directory/join/", {**FORM, "name_vi": f"Tổ chức số {i}"},
                               REMOTE_ADDR=f"2001:db8:5:5::{i + 1:x}")
    assert "Có quá nhiều đề nghị" in response.content.decode() and JoinRequest.objects.count() == 5


def test_enterprise_request_keeps_its_certificate(db):
    request = submit_join_request({**FORM, "kind": "enterprise", "certificate_number": "31/DNKHCN",
                                   "certificate_date": dt.date(2022, 2, 2), "certificate_issuer": "Sở KH&CN"})
    org = approve_join_request(None, request)
    assert org.kind == "enterprise" and org.profile.certificate_number == "31/DNKHCN"


def test_approval_creates_a_member_with_profile_audit_and_mail(users, django_capture_on_commit_callbacks):
    request = submit_join_request(FORM, language="vi")
    with django_capture_on_commit_callbacks(execute=True):
        org = approve_join_request(users["admin"], request)
    assert org.code == "RIMF" and org.is_member and org.kind == "institute" and org.province == "Hải Phòng"
    profile = OrganisationProfile.objects.get(organisation=org)
    assert profile.contact_email == "hai@rimf.example.vn" and not profile.publish_contact
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == users["admin"] and request.organisation == org
    assert AuditEntry.objects.filter(object_type="organisation", object_id=str(org.pk), action="create").exists()
    entry = AuditEntry.objects.get(object_type="joinrequest", action="approve")
    assert entry.actor == users["admin"] and entry.after["organisation"] == "RIMF"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["hai@rimf.example.vn"]
    assert "RIMF" in mail.outbox[0].body and "chấp thuận" in mail.outbox[0].body
    with pytest.raises(DirectoryError, match="is approved"):
        reject_join_request(users["admin"], request, "đổi ý")


def test_rejection_needs_a_reason_and_mails_it(users, django_capture_on_commit_callbacks):
    request = submit_join_request(FORM, language="en")
    with pytest.raises(DirectoryError, match="reason"):
        reject_join_request(users["admin"], request, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        reject_join_request(users["admin"], request, "Chưa có cơ sở dữ liệu KH&CN")
    request.refresh_from_db()
    assert request.status == "rejected" and request.reason == "Chưa có cơ sở dữ liệu KH&CN"
    assert not Organisation.objects.filter(code="RIMF").exists()
    assert AuditEntry.objects.filter(object_type="joinrequest", action="reject").count() == 1
    assert "has not been approved" in mail.outbox[0].body and "Chưa có cơ sở dữ liệu" in mail.outbox[0].body
    with pytest.raises(DirectoryError, match="is rejected"):
        approve_join_request(users["admin"], request)


def test_approval_with_a_code_in_use_is_refused_and_nothing_changes(users, org):
    request = submit_join_request(FORM)
    with pytest.raises(DirectoryError, match="exists already"):
        approve_join_request(users["admin"], request, "HPU")
    request.refresh_from_db()
    assert request.status == "pending"


def test_back_office_pages(client, users, django_capture_on_commit_callbacks):
    first = submit_join_request(FORM)
    second = submit_join_request({**FORM, "name_vi": "Công ty Spam", "short_name": "SPAM"})
    client.force_login(users["admin"])
    page = client.get("/directory/requests/").content.decode()
    assert "Viện Nghiên cứu Hải sản" in page and "Công ty Spam" in page
    assert "Đề nghị tham gia mạng lưới (2)" in client.get("/orgs/").content.decode()
    response = client.post(f"/directory/requests/{second.pk}/", {"reject": "1", "reason": ""})
    assert response.status_code == 200 and "Trường này là bắt buộc" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/directory/requests/{second.pk}/", {"reject": "1", "reason": "Không phải tổ chức KH&CN"})
        response = client.post(f"/directory/requests/{first.pk}/", {"approve": "1", "code": "HAISAN"})
    assert response.status_code == 302
    assert Organisation.objects.get(code="HAISAN").is_member
    assert JoinRequest.objects.get(pk=second.pk).status == "rejected"
    assert len(mail.outbox) == 2


def test_cli_lists_approves_and_rejects(db):
    first = submit_join_request(FORM)
    second = submit_join_request({**FORM, "name_vi": "Công ty Spam"})
    runner = CliRunner()
    out = runner.invoke(main, ["org", "requests", "--json"])
    assert out.exit_code == 0 and [r["id"] for r in json.loads(out.output)] == [first.pk, second.pk]
    out = runner.invoke(main, ["org", "approve", str(first.pk), "--code", "RIMF"])
    assert out.exit_code == 0 and "RIMF" in out.output
    out = runner.invoke(main, ["org", "reject", str(second.pk)])
    assert out.exit_code == 2  # --reason is required
    out = runner.invoke(main, ["org", "reject", str(second.pk), "--reason", "Không phù hợp"])
    assert out.exit_code == 0
    out = runner.invoke(main, ["org", "approve", str(second.pk)])
    assert out.exit_code == 1 and "is rejected" in out.output
    out = runner.invoke(main, ["org", "approve", "9999"])
    assert out.exit_code == 1 and "does not exist" in out.output
    out = runner.invoke(main, ["org", "requests", "--status", "all"])
    assert "approved" in out.output and "rejected" in out.output


def test_cli_requests_say_when_in_the_site_zone_and_json_keeps_the_offset(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    sent = submit_join_request(FORM)
    moment = dt.datetime(2026, 11, 22, 18, 10, tzinfo=dt.UTC)  # 01:10 on the 23rd in Vietnam
    JoinRequest.objects.filter(pk=sent.pk).update(created_at=moment)
    runner = CliRunner()
    out = runner.invoke(main, ["org", "requests"])
    assert out.exit_code == 0, out.output
    assert out.output.startswith(f"{sent.pk:>4} pending  2026-11-23 01:10 (+07) Viện "), out.output
    created = json.loads(runner.invoke(main, ["org", "requests", "--json"]).output)[0]["created_at"]
    assert dt.datetime.fromisoformat(created) == moment and created.endswith("+00:00")


def test_cli_services(org):
    runner = CliRunner()
    out = runner.invoke(main, ["org", "service", "add", "HPU", "Dịch thuật", "--kind", "translation",
                               "--fee", "Theo trang"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(main, ["org", "service", "list", "--json"])
    assert json.loads(out.output)[0]["free"] is False
    out = runner.invoke(main, ["org", "service", "add", "HPU", "X", "--kind", "magic"])
    assert out.exit_code == 1 and "service kind 'magic'" in out.output


def test_a_second_decision_on_a_decided_request_is_said_and_changes_nothing(client, users,
                                                                            django_capture_on_commit_callbacks):
    """A double submit, or a second administrator: it was swallowed without a word."""
    first = submit_join_request(FORM)
    client.force_login(users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/directory/requests/{first.pk}/", {"approve": "1", "code": "HAISAN"})
    again = client.post(f"/directory/requests/{first.pk}/", {"approve": "1", "code": "HAISAN2"}, follow=True)
    page = again.content.decode()
    assert "Yêu cầu này đã được quyết định (" in page and 'href="/orgs/HAISAN/"' in page
    assert not Organisation.objects.filter(code="HAISAN2").exists()
