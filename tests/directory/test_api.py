"""/api/orgs and /api/directory: the old fields and the new, filters, published contacts, OpenAPI."""

import pytest

pytestmark = pytest.mark.django_db

OLD_FIELDS = {"code", "name_vi", "name_en", "kind", "province", "website", "member", "works"}
NEW_FIELDS = {"kind_label", "short_name", "address", "phone", "email", "description", "description_en", "fields",
              "certificate", "contact", "services", "page"}


def test_list_keeps_the_old_fields_and_adds_the_entry(client, catalogue, directory):
    rows = client.get("/api/orgs").json()
    assert all(set(r) == OLD_FIELDS | NEW_FIELDS for r in rows)
    by_code = {r["code"]: r for r in rows}
    assert by_code["HPU"]["works"] == 5 and by_code["TVHP"]["works"] == 1 and by_code["HPU"]["member"] is True
    assert by_code["HPU"]["short_name"] == "ĐHHP"
    assert by_code["HPU"]["fields"] == [{"code": "1", "label": "Khoa học tự nhiên"},
                                        {"code": "105", "label": by_code["HPU"]["fields"][1]["label"]}]
    assert by_code["HPU"]["services"][0]["kind"] == "translation"
    assert by_code["ECO"]["certificate"] == {"number": "07/DNKHCN", "date": "2020-05-04",
                                             "issuer": "Sở KH&CN Hải Phòng"}
    assert by_code["HPU"]["certificate"] is None
    assert [r["code"] for r in rows][:4] == ["BVHP", "ECO", "TVHP", "THU"]  # Vietnamese order: "Khoa" < "Tổng"


@pytest.mark.parametrize(("params", "expected"), [
    ({"member": "true", "q": "dai hoc"}, ["DN", "HPU"]),
    ({"member": "false", "kind": "university"}, ["ANGIANG"]),
    ({"kind": "enterprise"}, ["ECO"]),
    ({"province": "Đà Nẵng"}, ["DN"]),
    ({"q": "DA NANG"}, ["DN"]),
    ({"service": "document_delivery"}, ["THU"]),
    ({"field": "1"}, ["HPU"]),
])
def test_list_filters(client, directory, params, expected):
    assert [r["code"] for r in client.get("/api/orgs", params).json()] == expected


def test_contact_person_only_as_published_or_for_the_right_role(client, directory, users):
    def contact(code: str):
        return client.get(f"/api/orgs/{code}").json()["contact"]

    assert contact("ECO") == {"name": "Lê Văn Ơn", "email": "on@eco.example.vn", "phone": ""}  # published
    assert contact("HPU") is None  # not published
    for name, sees in (("scientist", False), ("other", False), ("editor", True), ("admin", True)):
        client.force_login(users[name])
        assert (contact("HPU") is not None) is sees, name
        listed = {r["code"]: r["contact"] for r in client.get("/api/orgs").json()}
        assert (listed["HPU"] is not None) is sees, name


def test_one_organisation(client, directory):
    data = client.get("/api/orgs/ECO", {"lang": "en"}).json()
    assert data["kind_label"] == "S&T enterprise" and data["services"][0]["kind_label"] == "Consulting"
    assert data["page"] == "/orgs/ECO/"
    assert client.get("/api/orgs/NOPE").status_code == 404


def test_services_endpoint(client, directory):
    rows = client.get("/api/directory/services", {"kind": "document_delivery"}).json()
    assert [(r["org"], r["free"], r["fee"]) for r in rows] == [("THU", False, "2.000 đồng/trang")]
    assert len(client.get("/api/directory/services").json()) == 3


def test_admin_decides_requests_through_the_api(client, users, django_capture_on_commit_callbacks):
    from stinet.directory.services import submit_join_request

    request = submit_join_request({"name_vi": "Viện Mới", "short_name": "VM", "contact_name": "An",
                                   "contact_email": "an@x.vn"})
    client.force_login(users["admin"])
    assert [r["id"] for r in client.get("/api/directory/requests").json()] == [request.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/directory/requests/{request.pk}/approve", data={"code": ""},
                               content_type="application/json")
    assert response.status_code == 200 and response.json()["code"] == "VM" and response.json()["member"] is True
    response = client.post(f"/api/directory/requests/{request.pk}/reject?lang=en", data={"reason": "x"},
                           content_type="application/json")
    assert response.status_code == 400 and "is approved" in response.json()["detail"]


def test_a_key_the_api_does_not_take_is_refused_by_name(client, users, org):
    import json

    client.force_login(users["admin"])
    response = client.patch("/api/directory/orgs/HPU", data=json.dumps({"phon": "0225 123", "address": "1 Lê Lợi"}),
                            content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"] == "phon: không có trường này"
    response = client.patch("/api/directory/orgs/HPU?lang=en", data=json.dumps({"phon": "0225 123"}),
                            content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"] == "phon: unknown field"
    response = client.post("/api/directory/orgs/HPU/services?lang=en", content_type="application/json",
                           data=json.dumps({"name": "Dịch", "colour": "red"}))
    assert response.status_code == 400 and response.json()["detail"] == "colour: unknown field"
    org.refresh_from_db()
    assert getattr(org, "profile", None) is None and not org.info_services.exists()  # nothing changed


NOT_AN_OBJECT = {"vi": 'phần thân (body) của yêu cầu phải là một đối tượng JSON ({"khóa": giá trị, ...})',
                 "en": 'the request body must be a JSON object ({"key": value, ...})'}


def _json_endpoints(directory):
    """{name: (method, address)} of every endpoint of the directory API that takes a JSON body."""
    from stinet.directory.services import submit_join_request

    service = directory["HPU"].info_services.get()
    join = submit_join_request({"name_vi": "Viện Mới", "short_name": "VM", "contact_name": "An",
                                "contact_email": "an@x.vn"})
    return {"profile": ("patch", "/api/directory/orgs/HPU"), "add": ("post", "/api/directory/orgs/HPU/services"),
            "change": ("put", f"/api/directory/services/{service.pk}"),
            "approve": ("post", f"/api/directory/requests/{join.pk}/approve"),
            "reject": ("post", f"/api/directory/requests/{join.pk}/reject")}


def _unchanged(directory):
    """The HPU entry, its services and the pending requests as the fixture left them."""
    from stinet.directory.models import JoinRequest

    org = directory["HPU"]
    org.refresh_from_db()
    assert org.profile.short_name == "ĐHHP" and org.is_member
    assert [s.name for s in org.info_services.all()] == ["Dịch tài liệu khoa học"]
    assert not JoinRequest.objects.exclude(status="pending").exists()


@pytest.mark.parametrize("body", ["[]", '[{"phone": "0225"}]', '"0225"', "3", "true", "null", ""])
def test_a_body_that_is_not_a_json_object_is_refused_in_one_line(client, users, directory, body):
    client.force_login(users["admin"])
    for method, url in _json_endpoints(directory).values():
        for lang in ("vi", "en"):
            response = getattr(client, method)(f"{url}?lang={lang}", data=body, content_type="application/json")
            assert response.status_code == 400, (method, url, response.content)
            assert response.json()["detail"] == NOT_AN_OBJECT[lang], (method, url)
    _unchanged(directory)


@pytest.mark.parametrize(("body", "vi", "en"), [
    ("{", "phần thân (body) của yêu cầu không phải là JSON (dòng 1, cột 2)",
     "the request body is not JSON (line 1, column 2)"),
    ("{'phone': '0225'}", "phần thân (body) của yêu cầu không phải là JSON (dòng 1, cột 2)",
     "the request body is not JSON (line 1, column 2)"),
    ('{\n  "phone": "0225",\n}', "phần thân (body) của yêu cầu không phải là JSON (dòng 3, cột 1)",
     "the request body is not JSON (line 3, column 1)"),
    ("phone=0225", "phần thân (body) của yêu cầu không phải là JSON (dòng 1, cột 1)",
     "the request body is not JSON (line 1, column 1)"),
    (b'{"phone": "\xff"}', "phần thân (body) của yêu cầu không phải là JSON: không phải là văn bản UTF-8",
     "the request body is not JSON: it is not text in UTF-8"),
])
def test_a_body_that_is_not_json_is_refused_in_one_line(client, users, directory, body, vi, en):
    client.force_login(users["admin"])
    for method, url in _json_endpoints(directory).values():
        response = getattr(client, method)(url, data=body, content_type="application/json")
        assert response.status_code == 400 and response.json()["detail"] == vi, (method, url, response.content)
        response = getattr(client, method)(f"{url}?lang=en", data=body, content_type="application/json")
        assert response.status_code == 400 and response.json()["detail"] == en, (method, url, response.content)
    _unchanged(directory)


@pytest.mark.parametrize(("endpoint", "body", "vi", "en"), [
    ("profile", {"certificate_date": "abc"}, "certificate_date: 'abc' không phải là ngày (YYYY-MM-DD)",
     "certificate_date: 'abc' is not a date (YYYY-MM-DD)"),
    ("profile", {"certificate_date": "2026-02-30"}, "certificate_date: '2026-02-30' không phải là ngày (YYYY-MM-DD)",
     "certificate_date: '2026-02-30' is not a date (YYYY-MM-DD)"),
    ("profile", {"certificate_date": 20200504}, "certificate_date: 20200504 không phải là ngày (YYYY-MM-DD)",
     "certificate_date: 20200504 is not a date (YYYY-MM-DD)"),
    ("profile", {"certificate_date": [2020, 5, 4]}, "certificate_date: [2020, 5, 4] không phải là ngày (YYYY-MM-DD)",
     "certificate_date: [2020, 5, 4] is not a date (YYYY-MM-DD)"),
    ("profile", {"address": "1 Lê Lợi", "phone": 2253123}, "phone: 2253123 không phải là văn bản",
     "phone: 2253123 is not text"),
    ("profile", {"fields": "1"}, "fields: '1' không phải là danh sách", "fields: '1' is not a list"),
    ("profile", {"fields": ["1", 105]}, "fields.1: 105 không phải là văn bản", "fields.1: 105 is not text"),
    ("profile", {"publish_contact": "maybe"}, "publish_contact: 'maybe' không phải là true hay false",
     "publish_contact: 'maybe' is neither true nor false"),
    ("profile", {"is_member": [True]}, "is_member: [True] không phải là true hay false",
     "is_member: [True] is neither true nor false"),
    ("add", {"kind": "translation"}, "name: bắt buộc phải có", "name: required"),
    ("add", {"name": ["Dịch"]}, "name: ['Dịch'] không phải là văn bản", "name: ['Dịch'] is not text"),
    ("add", {"name": None}, "name: không được là null", "name: must not be null"),
    ("change", {"name": "Dịch", "free": "x"}, "free: 'x' không phải là true hay false",
     "free: 'x' is neither true nor false"),
    ("approve", {"code": 7}, "code: 7 không phải là văn bản", "code: 7 is not text"),
    ("reject", {}, "reason: bắt buộc phải có", "reason: required"),
    ("reject", {"reason": {"vi": "Trùng"}}, "reason: {'vi': 'Trùng'} không phải là văn bản",
     "reason: {'vi': 'Trùng'} is not text"),
])
def test_a_value_of_the_wrong_type_is_refused_in_the_interface_language(client, users, directory, endpoint, body,
                                                                      vi, en):
    import json

    client.force_login(users["admin"])
    method, url = _json_endpoints(directory)[endpoint]
    for lang, said in (("vi", vi), ("en", en)):
        response = getattr(client, method)(f"{url}?lang={lang}", data=json.dumps(body),
                                           content_type="application/json")
        assert response.status_code == 400 and response.json()["detail"] == said, response.content
    _unchanged(directory)


PROFILE_KEYS = ["name_vi", "name_en", "kind", "is_member", "province", "website", "short_name", "address", "phone",
                "email", "description", "description_en", "fields", "contact_name", "contact_email", "contact_phone",
                "publish_contact", "certificate_number", "certificate_issuer"]


@pytest.mark.parametrize("key", PROFILE_KEYS)
def test_null_for_a_key_of_the_entry_is_refused_not_a_server_error(client, users, directory, key):
    import json

    client.force_login(users["admin"])
    for code in ("HPU", "ECO"):  # with a profile and services; an S&T enterprise with its certificate
        for lang, said in (("vi", f"{key}: không được là null"), ("en", f"{key}: must not be null")):
            response = client.patch(f"/api/directory/orgs/{code}?lang={lang}", data=json.dumps({key: None}),
                                    content_type="application/json")
            assert response.status_code == 400 and response.json()["detail"] == said
    _unchanged(directory)


def test_null_empties_the_certificate_date_which_has_no_other_empty_value(client, users, directory):
    import json

    from stinet.directory.models import OrganisationProfile

    client.force_login(users["admin"])
    response = client.patch("/api/directory/orgs/ECO?lang=en", data=json.dumps({"certificate_date": None}),
                            content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"] == "S&T enterprise certificate: give its date too"
    response = client.patch("/api/directory/orgs/ECO", content_type="application/json",
                            data=json.dumps({"kind": "other", "certificate_number": "", "certificate_date": None,
                                             "certificate_issuer": ""}))
    assert response.status_code == 200 and response.json()["certificate"] is None
    assert OrganisationProfile.objects.get(organisation__code="ECO").certificate_date is None


def test_only_the_administrator_changes_membership_through_the_api(client, users, org):
    import json

    from stinet.catalog.models import AuditEntry

    client.force_login(users["editor"])
    response = client.patch("/api/directory/orgs/HPU?lang=en", data=json.dumps({"is_member": False}),
                            content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "only the network administrator may change the membership"
    org.refresh_from_db()
    assert org.is_member
    client.force_login(users["admin"])
    response = client.patch("/api/directory/orgs/HPU", data=json.dumps({"is_member": False}),
                            content_type="application/json")
    assert response.status_code == 200 and response.json()["member"] is False
    org.refresh_from_db()
    assert not org.is_member
    entry = AuditEntry.objects.get(object_type="organisationprofile", action="update")
    assert entry.before == {"is_member": True} and entry.after == {"is_member": False}


def test_openapi_describes_the_directory(client, db):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/orgs", "/api/orgs/{code}", "/api/directory/services", "/api/directory/orgs/{code}",
                 "/api/directory/orgs/{code}/services", "/api/directory/services/{service_id}",
                 "/api/directory/requests", "/api/directory/requests/{request_id}/approve"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/orgs"]["get"]["parameters"]}
    assert {"member", "kind", "province", "q", "field", "service"} <= params
    assert spec["paths"]["/api/orgs"]["get"]["summary"] and spec["paths"]["/api/orgs"]["get"]["description"]
    profile = spec["components"]["schemas"]["ProfileIn"]
    assert "is_member" in profile["properties"] and profile["additionalProperties"] is False  # others refused


def test_list_queries_do_not_grow_with_the_number_of_organisations(client, directory, django_assert_max_num_queries):
    # organisations with profiles and holdings counts + their services + field names
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/orgs").json()) == 6


def test_a_value_longer_than_its_column_is_refused_and_control_characters_left_out(client, users, org):
    """PostgreSQL refused both with a 500; SQLite stored a 5,000-digit phone and the NUL."""
    import json

    from stinet.directory.models import OrganisationProfile

    client.force_login(users["admin"])
    response = client.patch("/api/directory/orgs/HPU", data=json.dumps({"phone": "0" * 5000}),
                            content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"] == "phone: 5000 ký tự, tối đa 50"
    response = client.patch("/api/directory/orgs/HPU", data=json.dumps({"description": "x" * 2_000_000}),
                            content_type="application/json")  # a 2 MB description was stored
    assert response.status_code == 400 and response.json()["detail"] == "description: 2000000 ký tự, tối đa 20000"
    response = client.patch("/api/directory/orgs/HPU", data=json.dumps({"address": "1 Lê\u0000 Lợi"}),
                            content_type="application/json")
    assert response.status_code == 200
    assert OrganisationProfile.objects.get(organisation=org).address == "1 Lê Lợi"


def test_a_true_or_false_must_be_one(client, users, org):
    """README: a value of the wrong type is refused with 400; "yes", "false" and 0 were read as booleans."""
    import json

    client.force_login(users["admin"])
    for wrong in ("yes", "false", 0):
        response = client.patch("/api/directory/orgs/HPU", data=json.dumps({"is_member": wrong}),
                                content_type="application/json")
        assert response.status_code == 400, wrong
    org.refresh_from_db()
    assert org.is_member
    response = client.patch("/api/directory/orgs/HPU", data=json.dumps({"is_member": False}),
                            content_type="application/json")
    assert response.status_code == 200


def test_a_change_without_a_session_or_its_csrf_token_is_refused_in_the_interface_language(users, org):
    """Anonymous: 401 "sign in first" as documented (it was django-ninja's English 403 "CSRF check Failed");
    signed in without the CSRF token: 403 saying what is missing."""
    import json

    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    body = {"data": json.dumps({"address": "1 Lê Lợi"}), "content_type": "application/json"}
    anonymous = client.patch("/api/directory/orgs/HPU", **body)
    assert anonymous.status_code == 401 and anonymous.json()["detail"] == "cần đăng nhập trước"
    client.force_login(users["admin"])
    no_token = client.patch("/api/directory/orgs/HPU", **body)
    assert no_token.status_code == 403 and no_token.json()["detail"].startswith("yêu cầu thiếu mã CSRF")
