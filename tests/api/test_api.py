"""The REST API: /api/search in the documented shape, works, organisations, OpenAPI."""

from __future__ import annotations

import pytest

from stinet.catalog.models import Work

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


def test_a_year_facet_value_filters_again(client, catalogue):
    """Every facet's values go back as filters, the year's too (the portal's facet links do)."""
    facet = client.get("/api/search").json()["facets"]["year"]
    some = [f for f in facet if f["count"]][:2]
    data = client.get("/api/search", {"year": [f["value"] for f in some]}).json()
    assert data["total"] == sum(f["count"] for f in some) and {r["year"] for r in data["results"]} == \
        {int(f["value"]) for f in some}
    said = client.get("/api/search", {"year": "20x0", "lang": "en"})
    assert said.status_code == 400 and said.json()["detail"].startswith("year: '20x0' is not a year")


@pytest.mark.parametrize(("params", "message"), [
    ({"sort": "nonsense"}, "sort"), ({"page_size": 0}, "page_size"), ({"page": -1}, "page"),
    ({"page": 100_000_000_000, "page_size": 100}, "page: a search pages through its first 10000 results only"),
    ({"page": 10 ** 20}, "page: a search pages through"), ({"page": 501}, "page: a search pages through"),
    ({"year_from": 10 ** 20}, "year_from: 100000000000000000000 is not a year"), ({"year_to": 0}, "year_to: 0"),
    ({"year_from": "abc"}, "year_from: 'abc' is not a whole number"), ({"page": "1.5"}, "page: '1.5' is not"),
    ({"year_to": "2.5"}, "year_to: '2.5' is not a whole number"),
    ({"q": "%"}, "no word to search for in '%' (letters or digits)"), ({"q": "author:"}, "in 'author:'"),
])
def test_search_bad_parameters_answer_400_with_one_line(client, catalogue, params, message):
    response = client.get("/api/search", {**params, "lang": "en"})
    assert response.status_code == 400 and message in response.json()["detail"]
    assert "\n" not in response.json()["detail"]


def test_search_refusals_are_in_vietnamese_unless_english_is_asked_for(client, catalogue):
    said = client.get("/api/search", {"q": "year:2020..2010"}).json()["detail"]
    assert said == "year: 2020..2010 có năm kết thúc trước năm bắt đầu"
    said = client.get("/api/search", {"page": 501}).json()["detail"]
    assert said.startswith("page: chỉ xem được 10000 kết quả đầu tiên"), said
    said = client.get("/api/search", {"year_from": "abc"}).json()["detail"]
    assert said == "year_from: 'abc' không phải là số nguyên"
    said = client.get("/api/search", {"type": "foo", "lang": "en"}).json()["detail"]
    assert said.startswith("type: 'foo' is not one of report, thesis"), said


def test_the_last_page_that_may_be_paged_to_answers(client, catalogue):
    assert client.get("/api/search", {"page": 500, "page_size": 20}).json()["results"] == []


def test_other_endpoints_refuse_wrong_types_with_400_too(client, catalogue):
    for url, params in (("/api/suggest", {"limit": "x"}), ("/api/orgs", {"member": "maybe"})):
        response = client.get(url, params)
        assert response.status_code == 400 and ": " in response.json()["detail"], url
    # an address that names no record (ids are digits, written one way: 01 or +1 is none)
    assert client.get("/api/works/abc").json()["detail"] == "/api/works/abc: không có endpoint hay bản ghi này"


def test_work_and_orgs(client, catalogue):
    work_id = client.get("/api/search", {"q": "cây chè"}).json()["results"][0]["id"]
    work = client.get(f"/api/works/{work_id}").json()
    assert work["title"] == "Kỹ thuật trồng cây chè Shan tuyết" and work["type"] == "thesis"
    assert work["url"].endswith(f"/works/{work_id}/")
    assert client.get("/api/works/999999").status_code == 404
    Work.objects.filter(pk=work_id).update(field_code="4", field_code_old="401")  # QA 26: a code, its name unsaid
    named = client.get(f"/api/works/{work_id}", {"lang": "en"}).json()
    assert (named["field_label"], named["field_old_label"]) == ("Agricultural sciences", "Crop science")
    assert client.get(f"/api/works/{work_id}").json()["field_label"] == "Khoa học nông nghiệp"
    orgs = {o["code"]: o for o in client.get("/api/orgs").json()}
    assert orgs["HPU"]["works"] == 5 and orgs["TVHP"]["works"] == 1


def test_a_work_gives_the_columns_it_has_no_field_for_named_in_the_asked_language(client, org, write_csv):
    """Journal, volume, pages, rights ...: what the work page shows, in the API and the JSON export too."""
    from stinet.ingest.services import import_file
    from tests.conftest import row

    import_file(write_csv([row("Rạn san hô Cát Bà", id="x1", dc_relation_ispartof="Tạp chí Khoa học Biển",
                               dc_citation_volume="12", dc_rights="CC BY 4.0")], "extra.csv"), "HPU")
    work_id = client.get("/api/search", {"q": "rạn"}).json()["results"][0]["id"]
    extra = {e["key"]: e for e in client.get(f"/api/works/{work_id}", {"lang": "en"}).json()["extra"]}
    assert extra["dc.relation.ispartof"]["value"] == "Tạp chí Khoa học Biển"
    assert extra["dc.citation.volume"]["value"] == "12" and extra["dc.rights"]["value"] == "CC BY 4.0"
    assert extra["dc.relation.ispartof"]["label"] != "dc.relation.ispartof"  # named, as on the work page
    assert client.get(f"/api/works/{work_id}").json()["tasks"] == []


def test_catalogue_answers_are_what_the_openapi_description_says(client, catalogue):
    from tests.api.openapi import assert_conforms

    found = assert_conforms(client, "/api/search", "/api/search?q=sinh+hoc")
    assert found["results"]
    assert_conforms(client, "/api/search", "/api/search?page=9", 200)
    assert_conforms(client, "/api/search", "/api/search?page=0", 400)
    for hit in found["results"]:
        assert_conforms(client, "/api/works/{work_id}", f"/api/works/{hit['id']}")
    assert_conforms(client, "/api/works/{work_id}", "/api/works/abc", 404)
    assert_conforms(client, "/api/orgs", "/api/orgs")
    assert_conforms(client, "/api/suggest", "/api/suggest?q=sinh")


def test_the_refusals_an_operation_can_give_are_declared(client, catalogue):
    """What generated clients rely on: /api/orgs?member=abc answered 400, /api/directory/requests 401,
    and the description said 200 only."""
    from tests.api.openapi import assert_conforms

    spec = client.get("/api/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if operation.get("parameters") or operation.get("requestBody"):
                assert "400" in operation["responses"], (method, path)
            if operation.get("security"):
                assert "401" in operation["responses"], (method, path)
    assert_conforms(client, "/api/orgs", "/api/orgs?member=abc", 400)
    assert_conforms(client, "/api/tasks/{task_id}", "/api/tasks/abc", 404)
    # a filter's unknown value is refused, named, as /api/search refuses one (QA 22: an empty list)
    for url, said in (("/api/orgs?kind=bogus", "kind: 'bogus' is not one of university, "),
                      ("/api/orgs?service=bogus", "service: 'bogus' is not one of lookup, "),
                      ("/api/orgs?field=zz", "field: 'zz' is not a field of science code"),
                      ("/api/directory/services?kind=bogus", "kind: 'bogus' is not one of lookup, ")):
        refused = client.get(url + "&lang=en")
        assert refused.status_code == 400 and refused.json()["detail"].startswith(said), (url, refused.content)
    assert_conforms(client, "/api/orgs", "/api/orgs?kind=bogus", 400)
    assert client.get("/api/orgs?kind=university&field=5&service=lookup").status_code == 200
    assert client.get("/api/directory/requests").status_code == 401


def test_openapi_describes_every_endpoint(client, db):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/search", "/api/works/{work_id}", "/api/orgs", "/api/suggest"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "type", "year", "year_from", "year_to", "org", "sort", "page", "page_size"} <= params


@pytest.mark.parametrize(("path", "name", "limits"), [
    ("/api/search", "sort", {"enum": ["relevance", "title", "year", "-year"]}),
    ("/api/search", "page", {"minimum": 1}), ("/api/search", "page_size", {"minimum": 1, "maximum": 100}),
    ("/api/search", "lang", {"enum": ["vi", "en"]}), ("/api/tasks", "page_size", {"minimum": 1, "maximum": 100}),
    ("/api/experts", "page", {"minimum": 1}),
])
def test_openapi_states_the_limits_the_endpoints_refuse_beyond(client, db, path, name, limits):
    """A generated client reads what it may send (a page_size of 200 answers 400)."""
    spec = client.get("/api/openapi.json").json()
    schema = next(p["schema"] for p in spec["paths"][path]["get"]["parameters"] if p["name"] == name)
    assert limits.items() <= schema.items()
    beyond = {"sort": "-title", "page": 0, "page_size": 101}.get(name)
    if beyond is not None:
        assert client.get(path, {name: beyond}).status_code == 400


def test_suggest(client, catalogue):
    data = client.get("/api/suggest", {"q": "cang bi"}).json()
    assert data["titles"] == ["Ứng dụng KH&CN trong quản lý cảng biển Hải Phòng"]


def test_every_schema_of_the_api_has_its_own_name():
    """The OpenAPI components are keyed by class name: two classes of one name describe one of them wrongly."""
    from collections import defaultdict

    from pydantic import BaseModel

    import stinet.urls  # noqa: F401 - every router and schema is imported

    def subclasses(cls: type) -> list[type]:
        return [c for s in cls.__subclasses__() for c in (s, *subclasses(s))]

    names: dict[str, set[str]] = defaultdict(set)
    for cls in subclasses(BaseModel):
        if cls.__module__.startswith("stinet."):
            names[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: where for name, where in names.items() if len(where) > 1} == {}


def test_an_endpoint_for_signed_in_users_answers_401_in_the_interface_language(client):
    said = client.get("/api/directory/requests")
    assert said.status_code == 401 and said.json() == {"detail": "cần đăng nhập trước"}
    english = client.get("/api/directory/requests", {"lang": "en"})
    assert english.status_code == 401 and english.json() == {"detail": "sign in first"}


@pytest.mark.parametrize(("url", "vi", "en"), [
    ("/api/works/999999", "/api/works/999999: không có bản ghi này", "/api/works/999999: no such record"),
    ("/api/experts/999999", "/api/experts/999999: không có bản ghi này", "/api/experts/999999: no such record"),
    ("/api/tasks/999999", "/api/tasks/999999: không có bản ghi này", "/api/tasks/999999: no such record"),
    ("/api/nope", "/api/nope: không có endpoint hay bản ghi này", "/api/nope: no such endpoint or record"),
    ("/api/works/1/nope", "/api/works/1/nope: không có endpoint hay bản ghi này",
     "/api/works/1/nope: no such endpoint or record"),
])
def test_not_found_is_said_in_the_interface_language(client, url, vi, en):
    said = client.get(url)
    assert said.status_code == 404 and said["Content-Type"].startswith("application/json")
    assert said.json() == {"detail": vi}
    english = client.get(url, {"lang": "en"})
    assert english.status_code == 404 and english.json() == {"detail": en}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/works/9223372036854775808/files/1/", "/works/99999999999999999999/",
                                  "/api/works/99999999999999999999", "/experts/99999999999999999999/",
                                  "/manage/users/99999999999999999999/"])
def test_an_id_no_row_can_have_is_no_page(client, path):
    """Django's int takes any digits: SQLite could not hold the number (OverflowError, a 500)."""
    assert client.get(path).status_code in (404, 302)  # 302: the back office asks to log in first


def test_a_work_task_or_expert_has_one_address(client, catalogue):
    """/api/works/01, /api/works/+1 and /api/works/1.0 answered as /api/works/1 (so did /works/01/): one
    resource under many addresses, which caches and harvesting clients count as many."""
    from django.utils import timezone

    from stinet.catalog.models import Work
    from stinet.people.models import Expert
    from stinet.tasks.models import Task

    work = Work.objects.order_by("pk").first().pk
    expert = Expert.objects.create(full_name="Nguyễn Văn An", name_key="nguyen van an", sort_name="an nguyen van").pk
    task = Task.objects.create(code="ĐT-2024-001", title="Rong sụn", year=2024, listed_at=timezone.now()).pk
    for path in (f"/api/works/{work}", f"/works/{work}/", f"/api/experts/{expert}", f"/api/tasks/{task}"):
        assert client.get(path).status_code == 200, path
    for path in (f"/api/works/0{work}", f"/api/works/+{work}", f"/api/works/{work}.0", f"/api/experts/0{expert}",
                 f"/api/experts/{expert}.0", f"/api/tasks/+{task}", f"/api/tasks/0{task}", f"/works/0{work}/",
                 f"/api/directory/services/0{work}"):
        said = client.get(path)
        assert said.status_code == 404, path
        assert said["Content-Type"].startswith("application/json") == path.startswith("/api/"), path


@pytest.mark.django_db
def test_a_page_of_experts_past_the_end_is_empty_however_far(client):
    for page in (9223372036854775807, 10 ** 23):
        body = client.get("/api/experts", {"page": page}).json()
        assert body["results"] == [] and body["page"] == page


@pytest.mark.django_db
def test_the_api_documentation_needs_no_internet(client):
    """Swagger UI came from cdn.jsdelivr.net: a hub on an intranet had a blank page (and told the CDN of each visit)."""
    import re

    page = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in page and "cdn." not in page and "django-ninja.dev" not in page
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page):
        assert client.get(asset).status_code == 200, asset


@pytest.mark.django_db
def test_a_method_an_endpoint_does_not_take_is_refused_in_json_in_the_interface_language(client):
    """QA 16b: django-ninja answered 405 with English HTML ("Method not allowed")."""
    said = client.post("/api/search")
    assert said.status_code == 405 and said["Content-Type"].startswith("application/json")
    assert said.json() == {"detail": "/api/search không nhận POST: dùng GET"} and said["Allow"] == "GET"
    english = client.put("/api/search?lang=en")
    assert english.status_code == 405 and english.json() == {"detail": "PUT is not allowed at /api/search: use GET"}


def test_a_query_typed_decomposed_is_said_back_composed(client, catalogue):
    """QA 22: "đa dạng" typed in NFD (a Mac's keyboard, a copied PDF) came back as "da\\u0323ng" in "query"."""
    import unicodedata

    typed = unicodedata.normalize("NFD", "đa dạng sinh học")
    found = client.get("/api/search", {"q": typed}).json()
    assert found["query"] == "đa dạng sinh học" and found["total"]
    assert "đa dạng sinh học" in client.get("/search/", {"q": typed}).content.decode()  # the search box too


@pytest.mark.parametrize(("url", "said"), [
    ("/api/search?q=biển&typ=thesis", "typ: no such parameter; type: perhaps (this endpoint takes: access, field,"),
    ("/api/search?qq=biển", "qq: no such parameter; q: perhaps"),
    ("/api/works/{work}?format=xml", "format: no such parameter (this endpoint takes: lang)"),
    ("/api/tasks?stauts=proposed", "stauts: no such parameter; status: perhaps"),
    ("/api/orgs?sort=name", "sort: no such parameter (this endpoint takes: field, kind, lang,"),
    ("/api/stats?form=2016", "form: no such parameter"),
])
def test_a_parameter_an_endpoint_does_not_take_is_refused_naming_it(client, catalogue, url, said):
    """QA 22: a misspelt filter (typ=thesis) was ignored, and every work listed as if it were the answer."""
    work = Work.objects.order_by("pk").first()
    response = client.get(url.format(work=work.pk) + "&lang=en")
    assert response.status_code == 400 and response.json()["detail"].startswith(said), response.content
    vi = client.get(url.format(work=work.pk)).json()["detail"]
    assert "không có tham số này" in vi


def test_the_language_and_a_cache_buster_are_taken_everywhere(client, catalogue):
    work = Work.objects.order_by("pk").first()
    for url in ("/api/search?q=bi&", f"/api/works/{work.pk}?", "/api/orgs?", "/api/suggest?q=bi&", "/api/stats?"):
        assert client.get(url + "lang=en&_=1700000000").status_code == 200, url


def test_an_empty_parameter_is_as_if_not_given(client, catalogue):
    """QA 25: page=, year_from= or sort= (a form's empty fields) answered 400 while type= or q= were ignored."""
    everything = client.get("/api/search").json()
    for query in ("page=&year_from=&year_to=&sort=&lang=&type=&q=", "page_size=&org=&access="):
        found = client.get(f"/api/search?{query}")
        assert found.status_code == 200 and found.json()["total"] == everything["total"], query
    assert client.get("/api/experts?page=&q=").status_code == 200
    assert client.get("/api/search?page=x").status_code == 400  # a value still has to be one
    theses = client.get("/api/search?type=thesis").json()["total"]
    for query in ("page=1&page=", "page=&page=1", "type=thesis&type=", "type=&type=thesis"):  # review 25
        found = client.get(f"/api/search?{query}")
        assert found.status_code == 200, query
        assert found.json()["total"] == (theses if "thesis" in query else everything["total"]), query
