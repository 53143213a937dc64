"""CORS: the public read-only API answers any origin, without credentials; nothing else gets CORS."""

from __future__ import annotations

import pytest

from stinet.portal.cors import is_public

ORIGIN = "https://www.example-member.edu.vn"


@pytest.mark.parametrize(("path", "public"), [
    ("/api/search", True),
    ("/api/suggest", True),
    ("/api/works/12", True),
    ("/api/works/12/", True),
    ("/api/works/abc", False),
    ("/api/works/12/files", False),
    ("/api/orgs", False),
    ("/api/openapi.json", False),
    ("/api/docs", False),
    ("/api/tasks/", False),
    ("/api/tasks/search", False),
    ("/api/experts/", False),
    ("/api/directory/", False),
    ("/api/search/saved", False),
    ("/search/", False),
    ("/manage/", False),
    ("/accounts/login/", False),
    ("/widget/", False),
])
def test_which_paths_are_public(path, public):
    assert is_public(path) is public


@pytest.fixture
def work_id(catalogue):
    """The id of one catalogued work."""
    from stinet.catalog.models import Work

    return Work.objects.order_by("pk").first().pk


def _public_urls(work_id: int) -> list[str]:
    return ["/api/search?q=sinh+hoc", "/api/search", "/api/suggest?q=cang", f"/api/works/{work_id}"]


@pytest.mark.django_db
def test_public_endpoints_answer_any_origin_without_credentials(client, work_id):
    for url in _public_urls(work_id):
        response = client.get(url, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert "Access-Control-Allow-Credentials" not in response, url
    head = client.head("/api/search?q=x", HTTP_ORIGIN=ORIGIN)
    assert head["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
def test_logged_in_visitors_get_no_credentialed_cors(client, work_id):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bientap", password="stinet-demo-2026")
    client.force_login(user)
    for url in _public_urls(work_id):
        response = client.get(url, HTTP_ORIGIN=ORIGIN)
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert "Access-Control-Allow-Credentials" not in response, url
    response = client.get("/manage/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
def test_preflight_of_a_public_endpoint(client):
    response = client.options("/api/search", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                              HTTP_ACCESS_CONTROL_REQUEST_HEADERS="Accept-Language, Content-Type")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD"}
    assert "accept-language" in response["Access-Control-Allow-Headers"]
    assert int(response["Access-Control-Max-Age"]) > 0
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "headers"), [
    ("POST", ""),
    ("DELETE", ""),
    ("GET", "Authorization"),
    ("GET", "X-CSRFToken"),
])
def test_preflight_refuses_writes_and_credentials(client, method, headers):
    response = client.options("/api/suggest", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
                              HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers)
    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Methods" not in response


@pytest.mark.django_db
def test_writes_to_a_public_endpoint_get_no_cors(client):
    response = client.post("/api/search", {}, HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    "/api/orgs", "/api/openapi.json", "/api/tasks/", "/api/experts/", "/api/directory/",
    "/search/?q=x", "/manage/", "/accounts/login/", "/widget/", "/widget/snippet/",
])
def test_other_paths_get_no_cors(client, url):
    response = client.get(url, HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(url, HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert "Access-Control-Allow-Origin" not in preflight


@pytest.mark.django_db
def test_only_the_three_anonymous_read_operations_of_the_api_are_public(client):
    """Guard for endpoints added later (tasks, experts, directory, ...): none of them becomes CORS-public."""
    spec = client.get("/api/openapi.json").json()
    public = {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops
              if is_public(path.replace("{work_id}", "1"))}
    assert public == {("GET", "/api/search"), ("GET", "/api/suggest"), ("GET", "/api/works/{work_id}")}
