"""The public directory: filters, search with or without diacritics, Vietnamese order, entries, services."""

import re

import pytest

from stinet.directory.listing import DirectoryQuery, find_organisations, find_services

pytestmark = pytest.mark.django_db


def codes(query: DirectoryQuery, lang: str = "vi") -> list[str]:
    return [o.code for o in find_organisations(query, lang)]


def test_vietnamese_alphabetical_order(directory):
    # Bệnh < Công < Thư < Trường; the universities by the words after "Trường Đại học": An < Đà < Hải
    assert codes(DirectoryQuery()) == ["BVHP", "ECO", "THU", "ANGIANG", "DN", "HPU"]


def test_order_follows_the_vietnamese_alphabet_not_code_points(directory):
    names = [o.name_vi for o in find_organisations(DirectoryQuery())]
    assert names.index("Trường Đại học Đà Nẵng") > names.index("Trường Đại học An Giang")
    assert names.index("Trường Đại học Đà Nẵng") < names.index("Trường Đại học Hải Phòng")
    assert sorted(names) != names  # code-point order would put "Đ" after "T"


@pytest.mark.parametrize(("query", "expected"), [
    (DirectoryQuery(q="dai hoc da nang"), ["DN"]),
    (DirectoryQuery(q="Đại học Đà Nẵng"), ["DN"]),
    (DirectoryQuery(q="da nang"), ["DN"]),
    (DirectoryQuery(q="DHHP"), ["HPU"]),
    (DirectoryQuery(q="o zon"), ["ECO"]),
    (DirectoryQuery(member=True, q="dai hoc"), ["DN", "HPU"]),
    (DirectoryQuery(member=False, q="dai hoc"), ["ANGIANG"]),
    (DirectoryQuery(kind="enterprise"), ["ECO"]),
    (DirectoryQuery(kind="university", province="Hải Phòng"), ["HPU"]),
    (DirectoryQuery(service="document_delivery"), ["THU"]),
    (DirectoryQuery(service="translation", member=True), ["HPU"]),
    (DirectoryQuery(field="1"), ["HPU"]),
    (DirectoryQuery(field="105"), ["HPU"]),
    (DirectoryQuery(field="201"), ["ECO"]),
    (DirectoryQuery(q="khong co"), []),
])
def test_filters_and_search(directory, query, expected):
    assert codes(query) == expected


def test_holdings_are_counted(catalogue, directory):
    found = {o.code: o.n for o in find_organisations(DirectoryQuery())}
    assert found["HPU"] == 5 and found["TVHP"] == 1 and found["ECO"] == 0


def test_services_across_the_network(directory):
    assert [s.name for s in find_services("document_delivery")] == ["Cung cấp bản sao tài liệu"]
    assert {s.organisation.code for s in find_services()} == {"HPU", "THU", "ECO"}
    assert [s.organisation.code for s in find_services(q="dich tai lieu")] == ["HPU"]


def test_directory_page_filters(client, directory):
    page = client.get("/orgs/", {"q": "dai hoc", "member": "yes"}).content.decode()
    assert re.findall(r'data-code="([^"]+)"', page) == ["DN", "HPU"]
    assert 'id="dir-total">2<' in page
    page = client.get("/orgs/", {"kind": "enterprise"}).content.decode()
    assert "07/DNKHCN" in page and re.findall(r'data-code="([^"]+)"', page) == ["ECO"]
    page = client.get("/orgs/", {"service": "nonsense", "member": "maybe"}).content.decode()
    assert re.findall(r'data-code="([^"]+)"', page) == []


def test_directory_page_query_count_does_not_grow(client, directory, django_assert_max_num_queries):
    # organisations + services + filter choices (provinces, fields) + field names + the session
    with django_assert_max_num_queries(6):
        assert client.get("/orgs/").status_code == 200


def test_entry_shows_profile_services_certificate_and_works(client, catalogue, directory):
    page = client.get("/orgs/ECO/").content.decode()
    assert "07/DNKHCN" in page and "04/05/2020" in page and "Sở KH&amp;CN Hải Phòng" in page
    assert "Tư vấn xử lý nước" in page
    assert "on@eco.example.vn" in page  # published contact
    page = client.get("/orgs/HPU/").content.decode()
    assert "Dịch tài liệu khoa học" in page and "Luận văn thạc sĩ" in page
    assert "/search/?org=HPU" in page
    assert "lien@hpu.example.vn" not in page  # HPU did not publish its contact person
    assert "Khoa học tự nhiên" in page  # field of science by name
    assert client.get("/orgs/NOPE/").status_code == 404


def test_services_page(client, directory):
    page = client.get("/directory/services/", {"kind": "consulting"}).content.decode()
    assert "Tư vấn xử lý nước" in page and "Dịch tài liệu khoa học" not in page
    page = client.get("/directory/services/").content.decode()
    assert "2.000 đồng/trang" in page and "Miễn phí" in page
    assert "<h3" not in page and page.count('<h2>') == 3  # h1, then a heading per service: no level skipped
    assert '<h3>Dịch tài liệu khoa học' in client.get("/orgs/HPU/").content.decode()  # under the entry's h2


def test_english_names_sort_in_english(directory):
    directory["DN"].name_en = "Da Nang University"
    directory["DN"].save()
    assert codes(DirectoryQuery(kind="university"), "en")[0] == "DN"  # "Da Nang ..." before "Trường ..."


def test_pages_in_english(client, directory):
    client.post("/i18n/setlang/", {"language": "en", "next": "/orgs/"})
    page = client.get("/orgs/").content.decode()
    assert "Organisations directory" in page and "S&amp;T enterprise" in page
    page = client.get("/directory/services/").content.decode()
    assert "Document delivery" in page


def test_a_member_page_offers_the_search_box_for_its_website(client, directory):
    from stinet.catalog.models import Organisation

    member = Organisation.objects.filter(is_member=True).first()
    page = client.get(f"/orgs/{member.code}/").content.decode()
    assert f"/widget/snippet/?org={member.code}" in page and "Hộp tra cứu cho website của đơn vị" in page


def test_each_province_is_offered_once(directory):
    from stinet.directory.listing import provinces

    assert provinces() == ["An Giang", "Đà Nẵng", "Hải Phòng"]  # four organisations are in Hải Phòng


def test_an_organisation_code_in_any_case(client, directory):
    """Codes are one whatever their case (org add vmu is refused when VMU exists; org=vmu searches)."""
    response = client.get("/orgs/hpu/")
    assert response.status_code == 301 and response["Location"] == "/orgs/HPU/"
    assert client.get("/api/orgs/hpu").json()["code"] == "HPU"


def test_two_codes_that_differ_only_in_case_are_no_error(client, directory):
    """Adding an organisation refuses a code in another case, but older data may hold both."""
    from stinet.catalog.models import Organisation

    Organisation.objects.create(code="hpu", name_vi="Tổ chức cũ", kind="other")
    assert client.get("/orgs/hpu/").status_code == 200 and client.get("/orgs/HPU/").status_code == 200
    assert client.get("/orgs/Hpu/").status_code == 301
    assert client.get("/api/orgs/hpu").json()["code"] == "hpu"
    assert client.get("/api/orgs/nope").status_code == 404


def test_counts_are_grouped_as_the_page_language_writes_them(client, directory):
    """QA 16b: "1446" in the directory, "1.446" on the home page."""
    from stinet.catalog.models import Holding, Organisation, Work

    hpu = Organisation.objects.get(code="HPU")
    works = Work.objects.bulk_create(Work(type="report", title=f"Đề tài {i}", year=2020) for i in range(1_001))
    Holding.objects.bulk_create(Holding(work=w, organisation=hpu, local_id=str(w.pk)) for w in works)
    assert "Số tài liệu: 1.001" in client.get("/orgs/").content.decode()
    assert "Works held: 1,001" in client.get("/orgs/?lang=en").content.decode()
