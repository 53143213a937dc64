"""Who may change the directory: every forbidden edit is tried through the views, the services and the API."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from stinet.catalog.models import AuditEntry
from stinet.catalog.services import add_organisation
from stinet.directory import services
from stinet.directory.models import InfoService, JoinRequest, OrganisationProfile

pytestmark = pytest.mark.django_db

REFUSED = ["anonymous", "scientist", "other"]  # "other" edits another organisation


@pytest.fixture
def service(users, org):
    """An information service of HPU."""
    return services.add_service(None, org, {"kind": "lookup", "name": "Tra cứu"})


@pytest.fixture
def pending(db):
    """A pending request to join."""
    return services.submit_join_request({"name_vi": "Viện Mới", "contact_name": "An", "contact_email": "an@x.vn"})


def who(users, name):
    return None if name == "anonymous" else users[name]


def unchanged(org, service) -> None:
    """Nothing of HPU's entry changed and no change was audited."""
    org.refresh_from_db()
    service.refresh_from_db()
    assert org.website == "" and org.name_en == "Hai Phong University" and org.is_member
    assert service.name == "Tra cứu" and InfoService.objects.count() == 1
    assert not OrganisationProfile.objects.filter(organisation=org).exists()
    assert not AuditEntry.objects.filter(action__in=["update", "delete"]).exists()


@pytest.mark.parametrize("name", REFUSED)
def test_views_refuse(login, users, org, service, pending, name):
    client = login(who(users, name))
    expected = 302 if name == "anonymous" else 403  # anonymous: to the login page
    for method, url, data in [
        ("get", "/directory/orgs/HPU/edit/", None),
        ("post", "/directory/orgs/HPU/edit/", {"name_en": "Hacked", "address": "x"}),
        ("get", "/directory/orgs/HPU/services/new/", None),
        ("post", "/directory/orgs/HPU/services/new/", {"kind": "lookup", "name": "Giả"}),
        ("get", f"/directory/services/{service.pk}/edit/", None),
        ("post", f"/directory/services/{service.pk}/edit/", {"kind": "lookup", "name": "Giả"}),
        ("post", f"/directory/services/{service.pk}/delete/", {}),
        ("get", "/directory/requests/", None),
        ("post", f"/directory/requests/{pending.pk}/", {"approve": "1", "code": "MOI"}),
        ("post", f"/directory/requests/{pending.pk}/", {"reject": "1", "reason": "không"}),
    ]:
        response = getattr(client, method)(url, data or {})
        assert response.status_code == expected, (name, method, url, response.status_code)
        if name == "anonymous":
            assert "/accounts/login/" in response["Location"]
    unchanged(org, service)
    assert InfoService.objects.count() == 1 and JoinRequest.objects.get().status == "pending"
    assert "Sửa thông tin trong danh bạ" not in client.get("/orgs/HPU/").content.decode()


@pytest.mark.parametrize("name", REFUSED)
def test_services_refuse(users, org, service, pending, name):
    user = who(users, name)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    for call in (lambda: services.update_profile(user, org, {"address": "x"}),
                 lambda: services.add_service(user, org, {"name": "Giả"}),
                 lambda: services.change_service(user, service, {"name": "Giả"}),
                 lambda: services.remove_service(user, service),
                 lambda: services.approve_join_request(user, pending),
                 lambda: services.reject_join_request(user, pending, "không")):
        with pytest.raises(PermissionDenied):
            call()
    unchanged(org, service)


def test_editors_may_not_decide_requests(users, pending):
    with pytest.raises(PermissionDenied):
        services.approve_join_request(users["editor"], pending)


@pytest.mark.parametrize("name", REFUSED)
def test_api_refuses(login, users, org, service, pending, name):
    client = login(who(users, name))
    expected = 401 if name == "anonymous" else 403
    for method, url, body in [
        ("patch", "/api/directory/orgs/HPU", {"address": "x"}),
        ("post", "/api/directory/orgs/HPU/services", {"name": "Giả"}),
        ("put", f"/api/directory/services/{service.pk}", {"name": "Giả"}),
        ("delete", f"/api/directory/services/{service.pk}", None),
        ("get", "/api/directory/requests", None),
        ("post", f"/api/directory/requests/{pending.pk}/approve", {}),
        ("post", f"/api/directory/requests/{pending.pk}/reject", {"reason": "không"}),
    ]:
        kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
        response = getattr(client, method)(url, **kwargs)
        assert response.status_code == expected, (name, method, url, response.status_code, response.content)
        assert "detail" in response.json()
    unchanged(org, service)
    assert JoinRequest.objects.get().status == "pending"


def test_own_editor_edits_own_entry_but_not_name_kind_or_membership(login, users, org, service):
    client = login(users["editor"])
    assert "Sửa thông tin trong danh bạ" in client.get("/orgs/HPU/").content.decode()
    page = client.get("/directory/orgs/HPU/edit/").content.decode()
    assert 'name="address"' in page and 'name="name_vi"' not in page and 'name="is_member"' not in page
    response = client.post("/directory/orgs/HPU/edit/", {"address": "171 Phan Đăng Lưu", "fos": ["1"],
                                                         "website": "https://hpu.example.vn"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.profile.address == "171 Phan Đăng Lưu" and org.profile.fields == ["1"] and org.website
    entry = AuditEntry.objects.get(object_type="organisationprofile", action="update")
    assert entry.actor == users["editor"] and entry.after["address"] == "171 Phan Đăng Lưu"
    for change in ({"kind": "library"}, {"is_member": False}, {"name_vi": "Tên khác"}):
        with translation.override("en"), pytest.raises(ValueError, match="only the network administrator"):
            services.update_profile(users["editor"], org, change)
    response = client.patch("/api/directory/orgs/HPU", data=json.dumps({"kind": "library"}),
                            content_type="application/json")
    assert response.status_code == 400 and "chỉ quản trị mạng lưới" in response.json()["detail"]  # Vietnamese first
    response = client.patch("/api/directory/orgs/HPU?lang=en", data=json.dumps({"kind": "library"}),
                            content_type="application/json")
    assert response.status_code == 400 and "only the network administrator" in response.json()["detail"]
    response = client.post("/api/directory/orgs/HPU/services", data=json.dumps({"name": "Dịch", "kind": "translation"}),
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["org"] == "HPU"
    response = client.put(f"/api/directory/services/{service.pk}", data=json.dumps({"name": "Tra cứu nhanh"}),
                          content_type="application/json")
    assert response.status_code == 200 and response.json()["name"] == "Tra cứu nhanh"
    assert client.delete(f"/api/directory/services/{service.pk}").status_code == 204
    assert list(InfoService.objects.values_list("name", flat=True)) == ["Dịch"]


def test_admin_edits_any_entry(login, users, org):
    client = login(users["admin"])
    response = client.post("/directory/orgs/OTHER/edit/", {"name_vi": "Viện Nghiên cứu Mới", "kind": "institute",
                                                           "is_member": "on", "short_name": "VNCM"})
    assert response.status_code == 302
    response = client.post("/directory/orgs/OTHER/services/new/", {"kind": "training", "name": "Tập huấn",
                                                                   "free": "on"})
    assert response.status_code == 302
    page = client.get("/orgs/OTHER/").content.decode()
    assert "Viện Nghiên cứu Mới" in page and "Tập huấn" in page


def test_invalid_values_are_refused_with_one_line(users, org):
    for change, message in (({"email": "x@"}, "not a valid e-mail"), ({"website": "javascript:alert(1)"},
                                                                         "not a valid web address"),
                            ({"fields": ["999"]}, "field of science '999'"), ({"colour": "red"}, "unknown field")):
        with pytest.raises(ValueError, match=message):
            services.update_profile(users["admin"], org, change)
    with pytest.raises(ValueError, match="service kind"):
        services.add_service(users["admin"], org, {"name": "X", "kind": "magic"})
    with pytest.raises(ValueError, match="service name"):
        services.add_service(users["admin"], org, {"name": " "})


@pytest.mark.parametrize(("call", "en", "vi"), [
    (lambda org: services.update_profile(None, org, {"short_name": "ĐHHP", "phon": "0225"}),
     "directory entry: unknown field 'phon'", "thông tin danh bạ không có trường 'phon'"),
    (lambda org: services.add_service(None, org, {"name": "Dịch", "colour": "red"}),
     "information service: unknown field 'colour'", "dịch vụ thông tin không có trường 'colour'"),
    (lambda org: services.submit_join_request({"name_vi": "Viện Mới", "emial": "an@x.vn"}),
     "request to join: unknown field 'emial'", "đề nghị tham gia không có trường 'emial'"),
])
def test_a_key_the_services_do_not_take_is_refused_in_the_interface_language(org, call, en, vi):
    from django.utils import translation

    from stinet.directory.models import JoinRequest

    for lang, said in (("en", en), ("vi", vi)):
        with translation.override(lang), pytest.raises(ValueError) as refused:
            call(org)
        assert str(refused.value) == said
    assert getattr(org, "profile", None) is None and not org.info_services.exists()
    assert not JoinRequest.objects.exists()


def test_enterprise_entry_keeps_its_certificate(login, users, directory):
    client = login(users["admin"])
    response = client.post("/directory/orgs/ECO/edit/", {"name_vi": "Công ty Ô-zôn", "kind": "enterprise",
                                                         "certificate_number": "07/DNKHCN"})
    assert response.status_code == 200
    assert "cần có số, ngày cấp và cơ quan cấp" in response.content.decode()
    directory["ECO"].refresh_from_db()
    assert directory["ECO"].name_vi == "Công ty Cổ phần Ứng dụng Ô-zôn"


def test_refusals_are_in_the_page_s_language(login, users, org, pending):
    add_organisation("VMU", "Trường Đại học Hàng hải Việt Nam", member=True)
    client = login(users["editor"])
    page = client.get("/directory/orgs/VMU/edit/")
    assert page.status_code == 403 and "bạn không được sửa thông tin danh bạ của VMU" in page.content.decode()
    patched = client.patch("/api/directory/orgs/VMU", data=json.dumps({"address": "x"}),
                           content_type="application/json")
    assert patched.status_code == 403 and patched.json()["detail"] == "bạn không được sửa thông tin danh bạ của VMU"
    renamed = client.patch("/api/directory/orgs/HPU", data=json.dumps({"name_vi": "Tên khác"}),
                           content_type="application/json")
    assert renamed.json()["detail"] == "chỉ quản trị mạng lưới mới được thay đổi tên tiếng Việt"  # the field in words
    renamed = client.patch("/api/directory/orgs/HPU?lang=en", data=json.dumps({"name_vi": "Tên khác"}),
                           content_type="application/json")
    assert renamed.json()["detail"] == "only the network administrator may change the Vietnamese name"
    requests = client.get("/directory/requests/")
    assert "chỉ quản trị mạng lưới mới quyết định các đề nghị tham gia" in requests.content.decode()
    assert client.get("/api/directory/requests").json()["detail"] == (
        "chỉ quản trị mạng lưới mới quyết định các đề nghị tham gia")
