"""The REST API: /api/search in the documented shape, works, organisations, OpenAPI."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

FACET_NAMES = {"type", "year", "org", "field", "language", "access"}


def test_search_shape(client, catalogue):
    data = client.get("/api/search", {"q": "da dang sinh hoc"}).json()
    assert data["total"] == 1
    (result,) = data["results"]
    assert {"id", "title", "type", "year", "creators", "holdings", "highlight"} <= set(result)
    assert result["holdings"][0]["org"] == "HPU"
    assert set(data["facets"]) == FACET_NAMES
    for values in data["facets"].values():
        for value in values:
            assert set(value) == {"value", "label", "count"}


def test_search_filters_sort_and_paging(client, catalogue):
    data = client.get("/api/search", {"type": ["thesis", "dissertation"], "sort": "-year"}).json()
    assert [r["year"] for r in data["results"]] == [2021, 2018]
    data = client.get("/api/search", {"year_from": 2016, "year_to": 2019, "page_size": 2, "page": 2}).json()
    assert data["total"] == 3 and len(data["results"]) == 1
    assert client.get("/api/search", {"org": "TVHP"}).json()["total"] == 1


@pytest.mark.parametrize(("params", "message"), [
    ({"sort": "nonsense"}, "sort"), ({"page_size": 0}, "page_size"), ({"page": -1}, "page"),
])
def test_search_bad_parameters_answer_400_with_one_line(client, catalogue, params, message):
    response = client.get("/api/search", params)
    assert response.status_code == 400 and message in response.json()["detail"]


def test_search_non_numeric_year_is_422(client, catalogue):
    assert client.get("/api/search", {"year_from": "abc"}).status_code == 422


def test_work_and_orgs(client, catalogue):
    work_id = client.get("/api/search", {"q": "cây chè"}).json()["results"][0]["id"]
    work = client.get(f"/api/works/{work_id}").json()
    assert work["title"] == "Kỹ thuật trồng cây chè Shan tuyết" and work["type"] == "thesis"
    assert work["url"].endswith(f"/works/{work_id}/")
    assert client.get("/api/works/999999").status_code == 404
    orgs = {o["code"]: o for o in client.get("/api/orgs").json()}
    assert orgs["HPU"]["works"] == 5 and orgs["TVHP"]["works"] == 1


def test_openapi_describes_every_endpoint(client, db):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/search", "/api/works/{work_id}", "/api/orgs", "/api/suggest"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "type", "year_from", "year_to", "org", "sort", "page", "page_size"} <= params


def test_suggest(client, catalogue):
    data = client.get("/api/suggest", {"q": "cang bi"}).json()
    assert data["titles"] == ["Ứng dụng KH&CN trong quản lý cảng biển Hải Phòng"]
