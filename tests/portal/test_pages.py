"""Public pages rendered server-side: Vietnamese by default, English on request, always escaped."""

from __future__ import annotations

import io
import json
import re

import pytest

from stinet.catalog.models import Work

pytestmark = pytest.mark.django_db


def test_home_shows_search_box_and_counts_in_vietnamese(client, catalogue):
    page = client.get("/").content.decode()
    assert '<html lang="vi">' in page and 'name="q"' in page
    assert "Luận văn thạc sĩ" in page and "Thư viện Khoa học tổng hợp Hải Phòng" in page
    assert "Tra cứu" in page


def test_english_on_request(client, catalogue):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page and "Master&#x27;s thesis" in page


def test_results_page_with_facets_highlights_and_paging(client, catalogue):
    page = client.get("/search/", {"q": "sinh hoc"}).content.decode()
    assert "<mark>sinh</mark>" in page and 'data-facet="type"' in page
    assert "q=sinh+hoc&amp;type=book" in page
    narrowed = client.get("/search/", {"q": "sinh hoc", "type": "book"}).content.decode()
    assert "biển đại cương" in narrowed and "rạn san hô" not in narrowed


def test_a_result_found_by_its_subjects_or_names_shows_them_marked(client, catalogue):
    """QA 25: a result found by a subject alone showed nothing marked."""
    import re

    page = client.get("/search/", {"q": "nông nghiệp"}).content.decode()
    assert re.search(r'<div class="matched">Chủ đề: <mark>nông</mark> <mark>nghiệp</mark></div>', page)
    page = client.get("/search/", {"q": "author:Trần Thị Bình", "lang": "en"}).content.decode()
    assert "· Nguyễn Văn An; <mark>Trần</mark> <mark>Thị</mark> <mark>Bình</mark></div>" in page
    assert 'class="matched"' not in page  # no subject holds the name


@pytest.mark.parametrize("page", ["2", "9999", "100000000000", str(10 ** 20)])
def test_a_page_that_does_not_exist_leads_to_one_that_does(client, catalogue, page):
    response = client.get("/search/", {"q": "sinh hoc", "sort": "year", "page": page})
    assert response.status_code == 302 and response["Location"] == "/search/?q=sinh+hoc&sort=year&page=1"
    assert client.get(response["Location"]).status_code == 200


def test_a_query_the_search_refuses_is_said_on_the_page_with_the_box_to_mend_it(client, catalogue):
    response = client.get("/search/", {"q": "biển year:2020..2010"})
    page = response.content.decode()
    assert response.status_code == 400 and 'role="alert"' in page
    assert "year: 2020..2010 có năm kết thúc trước năm bắt đầu" in page
    assert 'value="biển year:2020..2010"' in page and '<ol class="results' not in page
    page = client.get("/search/", {"q": "year:abc", "lang": "en"}).content.decode()
    assert "year: &#x27;abc&#x27; is not a year or a range such as year:2015..2020" in page


@pytest.mark.parametrize("q", ["%", "(((", '"', "-", "AND", "author:"])
def test_a_query_of_signs_alone_is_refused_not_taken_for_everything(client, catalogue, q):
    """QA 22: q=% listed the whole catalogue as if it were found everywhere; an empty query and * still do."""
    response = client.get("/search/", {"q": q})
    assert response.status_code == 400 and "không có từ nào để tra cứu" in response.content.decode()
    assert '<ol class="results' not in response.content.decode()
    everything = client.get("/api/search").json()["total"]
    assert everything and client.get("/api/search", {"q": "*"}).json()["total"] == everything


def test_work_page_has_metadata_holdings_jsonld_and_citation_tags(client, catalogue):
    work = Work.objects.get(title__startswith="Nghiên cứu đa dạng")
    page = client.get(f"/works/{work.pk}/").content.decode()
    assert '<meta name="citation_title" content="Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long">' in page
    assert '<meta name="citation_author" content="Nguyễn, Văn An">' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Report" and data["name"] == work.title
    assert data["description"] == data["abstract"] == "Khảo sát đa dạng sinh học rạn san hô."  # QA 25
    assert "Trường Đại học Hải Phòng" in page and "Công khai" in page
    assert client.get(f"/works/{work.pk}/cite.ris").content.decode().startswith("TY  - RPRT")
    assert b"@techreport{" in client.get(f"/works/{work.pk}/cite.bib").content
    refused = client.get(f"/works/{work.pk}/cite.xyz")
    assert refused.status_code == 400 and refused["Content-Type"].startswith("text/plain")
    assert refused.content.decode() == "định dạng trích dẫn 'xyz': chỉ có ris, bib"


def test_harvested_text_is_escaped_everywhere(client, org, write_csv):
    from stinet.ingest.services import import_file
    from tests.conftest import row

    evil = '<script>alert("x")</script> Nghiên cứu'
    import_file(write_csv([row(evil, id="e1", dc_subject="</script><b>x</b>",
                               dc_description_abstract="<img src=x onerror=alert(1)>")]), "HPU")
    work = Work.objects.get()
    for url in ("/", "/search/?q=nghien+cuu", f"/works/{work.pk}/", "/orgs/HPU/", "/search/?q=script"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>x" not in page, url
        assert "</script><b>" not in page, url
    assert "&lt;/<mark>script</mark>&gt;&lt;b&gt;x&lt;/b&gt;" in page  # the subject it was found by, marked


def test_org_pages(client, catalogue):
    assert "Trường Đại học Hải Phòng" in client.get("/orgs/").content.decode()
    page = client.get("/orgs/HPU/").content.decode()
    assert "Trường Đại học Hải Phòng" in page and "Luận văn thạc sĩ" in page
    assert client.get("/orgs/NOPE/").status_code == 404


def test_bad_search_parameters_do_not_crash(client, catalogue):
    assert client.get("/search/", {"page": "abc"}).status_code == 200  # the first page
    refused = client.get("/search/", {"page": "abc", "year_from": "x", "sort": "zzz"})  # said, not ignored (QA 26)
    assert refused.status_code == 400 and "year_from: &#x27;x&#x27;" in refused.content.decode()
    assert client.get("/works/999999/").status_code == 404


def test_vietnamese_is_the_default_whatever_the_browser_asks(client, catalogue):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page
    assert '<html lang="en">' in client.get("/?lang=en").content.decode()


def test_a_language_asked_for_in_the_address_stays_and_the_button_switches_back(client, catalogue):
    page = client.get("/search/", {"q": "san hô", "lang": "en"}).content.decode()
    assert '<html lang="en">' in page  # the menu, the search box and the results do not carry ?lang=
    assert '<html lang="en">' in client.get("/orgs/").content.decode()
    assert 'name="next" value="/search/?q=san+h%C3%B4"' in page  # the button's return address: no lang=en
    client.post("/i18n/setlang/", {"language": "vi", "next": "/search/?q=san+h%C3%B4"})
    assert '<html lang="vi">' in client.get("/search/", {"q": "san hô"}).content.decode()
    assert '<html lang="vi">' in client.get("/orgs/").content.decode()
    from stinet.catalog.models import Work

    client.get("/api/search", {"lang": "en"})  # an answer of the API, a download: the choice is not theirs
    client.get(f"/works/{Work.objects.first().pk}/cite.ris", {"lang": "en"})
    assert '<html lang="vi">' in client.get("/orgs/").content.decode()
    page = client.get("/search/", {"q": "a?b", "lang": "en"}).content.decode()
    assert 'name="next" value="/search/?q=a%3Fb"' in page


@pytest.mark.parametrize(("referer", "back"), [
    ("http://testserver/tasks/14/?tab=scores&lang=en", "/tasks/14/?tab=scores"),
    ("https://evil.example/phish", "/"), ("", "/"),
])
def test_the_language_button_of_a_posted_forms_answer_returns_to_the_form_page(client, db, referer, back):
    """QA 21: a form's error is shown at its action's address (a council's score at /tasks/14/score/selection/),
    which answers no GET: the button returned there and the browser showed "HTTP ERROR 405"."""
    headers = {"HTTP_REFERER": referer} if referer else {}
    page = client.post("/accounts/password/reset/", {"email": "not-an-address"}, **headers).content.decode()
    assert f'name="next" value="{back}"' in page


def test_work_page_names_the_field_of_science(client, org, write_csv):
    from stinet.ingest.services import import_file
    from tests.conftest import row

    import_file(write_csv([row("Đại số tuyến tính", id="m1", dc_subject_fos="1.01")]), "HPU")
    page = client.get(f"/works/{Work.objects.get().pk}/").content.decode()
    assert "101 Toán học và thống kê" in page
    facets = client.get("/api/search?q=").json()["facets"]["field"]
    assert facets == [{"value": "1", "label": "Khoa học tự nhiên", "count": 1}]


def test_work_page_names_the_common_dspace_extra_data_in_its_language(client, org, tmp_path):
    """A DSpace export's columns without a field of their own are kept (dc.rights, dc.format.extent too) and
    named in the page's language, a language tag after the name; a column nobody knows keeps its own."""
    from stinet.ingest.services import import_file

    path = tmp_path / "dspace.csv"
    path.write_text("id,dc.title,dc.title[en],dc.title.alternative[en],dc.description.abstract[vi],"
                    "dc.description.abstract[en],dc.rights,dc.format.extent[],dc.custom.thing,dc.date.issued\n"
                    "RL-7,Nhãn thô,Raw labels,Alt RL,Tóm tắt,English abstract,Open Access,120 tr.,lạ,2020\n",
                    encoding="utf-8")
    report = import_file(path, "HPU")
    assert report.unknown_columns == ["dc.custom.thing"]  # the others are named: kept, not unknown
    assert report.extra_columns == ["dc.rights", "dc.format.extent[]"]
    work = Work.objects.get()
    assert work.extra == {"dc.title.alternative[en]": "Alt RL", "dc.description.abstract[en]": "English abstract",
                          "dc.rights": "Open Access", "dc.format.extent[]": "120 tr.", "dc.custom.thing": "lạ"}
    labels = {"vi": ["Nhan đề khác (tiếng Anh)", "Tóm tắt (tiếng Anh)", "Quyền", "Số trang, dung lượng",
                     "dc.custom.thing"],
              "en": ["Alternative title (English)", "Abstract (English)", "Rights", "Extent", "dc.custom.thing"]}
    for lang, expected in labels.items():
        page = client.get(f"/works/{work.pk}/", {"lang": lang}).content.decode()
        terms = re.findall(r"<dt>([^<]*)</dt>", page)
        assert sorted(terms[-5:]) == sorted(expected), lang
        assert "Open Access" in page and "120 tr." in page


def test_counts_are_grouped_as_the_language_writes_them(client, settings):
    from django.utils import translation

    from stinet.portal.templatetags.numbers import grouped

    with translation.override("vi"):
        assert (grouped(5205), grouped(1000694), grouped(12), grouped(None)) == ("5.205", "1.000.694", "12", "")
    with translation.override("en"):
        assert grouped(5205) == "5,205"


def test_several_years_of_the_year_facet_are_any_of_them(client, catalogue):
    """As the other facets' values: year=2016&year=2018 is the works of either (it was 2016 alone)."""
    page = client.get("/search/", {"year": ["2016", "2018"]}).content.decode()
    assert "Nghiên cứu đa dạng sinh học rạn san hô" in page and "Kỹ thuật trồng cây chè" in page
    assert "Thi truong che xuat khau" not in page
    refused = client.get("/search/", {"year": "abc"})  # it showed everything, saying nothing
    assert refused.status_code == 400 and "year: &#x27;abc&#x27; không phải là năm" in refused.content.decode()
    assert client.get("/search/", {"year": "二"}).status_code == 400  # a number to isnumeric(), not to int()
    assert client.get("/search/", {"year": "²"}).status_code == 200  # a 2, as the words fold it (int() refused it)


def test_an_expired_form_and_a_server_error_are_said_in_the_site_language(db, rf):
    """Django's own pages were English and bare: "Forbidden (403) CSRF verification failed", "Server Error (500)"."""
    from django.test import Client
    from django.views.defaults import server_error

    refused = Client(enforce_csrf_checks=True, HTTP_HOST="localhost").post("/accounts/login/", {"username": "x"})
    assert refused.status_code == 403 and "Biểu mẫu đã hết hạn" in refused.content.decode()
    assert "<footer>" in refused.content.decode()  # the site's page, with its menu
    failed = server_error(rf.get("/"))
    assert failed.status_code == 500 and "Đã xảy ra lỗi" in failed.content.decode()


def test_the_search_page_can_be_read_and_used_without_seeing_it(client, catalogue):
    """A skip link to the content, a heading, named landmarks, and the chosen facet and sort said."""
    page = client.get("/search/", {"q": "san hô", "lang": "vi"}).content.decode()
    assert '<h1 class="visually-hidden">Kết quả tra cứu cho “san hô”</h1>' in page
    page = client.get("/search/", {"type": "thesis", "sort": "year", "lang": "vi"}).content.decode()
    assert '<a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>' in page and '<main id="main"' in page
    assert '<nav aria-label="Điều hướng chính">' in page and 'aria-label="Thu hẹp kết quả"' in page
    assert page.count('aria-current="true"') == 2  # the type chosen and the sort
    assert 'id="lang-switch" lang="en">English</button>' in page


def test_the_work_page_marks_the_language_of_its_texts(client, catalogue):
    """A screen reader reads a Vietnamese title with Vietnamese sounds on the English interface too."""
    from stinet.catalog.models import Work

    work = Work.objects.filter(language="vi").exclude(abstract="").first()
    page = client.get(f"/works/{work.pk}/", {"lang": "en"}).content.decode()
    assert '<html lang="en">' in page and '<h1 lang="vi">' in page and '<p class="abstract" lang="vi">' in page


def test_a_result_marks_the_language_of_its_title_and_abstract(client, catalogue):
    """On the results page, the widget's and in the API: an English work's title on the Vietnamese page is
    read with English sounds."""
    from stinet.catalog.models import Work

    english = Work.objects.get(title="Marine biodiversity of Cat Ba archipelago")
    page = client.get("/search/", {"q": "biodiversity"}).content.decode()
    assert f'<a class="title" href="/works/{english.pk}/" lang="en">' in page
    assert '<p class="snippet" lang="en">' in page
    widget = client.get("/widget/", {"q": "biodiversity"}).content.decode()
    assert 'rel="noopener" lang="en">' in widget
    assert client.get("/api/search", {"q": "biodiversity"}).json()["results"][0]["language"] == "en"


def test_the_results_are_downloaded_in_a_reference_managers_or_a_spreadsheets_format(client, catalogue):
    """Each link of the results page downloads the works the search found, in its order, with its filters."""
    page = client.get("/search/", {"q": "sinh học", "type": "book"}).content.decode()
    links = dict(re.findall(r'<a href="(/search/export\.[a-z]+\?[^"]*)" download>([A-Za-z]+)</a>', page))
    assert sorted(links.values()) == ["BibTeX", "CSV", "Excel", "JSON", "MARCXML", "RIS"] and "Tải về" in page
    ris = client.get(next(u for u, name in links.items() if name == "RIS").replace("&amp;", "&"))
    assert ris["Content-Disposition"] == 'attachment; filename="stinet-search.ris"'
    assert ris.content.decode().count("TY  - ") == 1 and "Sinh học biển đại cương" in ris.content.decode()
    found = client.get("/search/export.csv", {"q": "sinh học"}).content.decode("utf-8-sig").splitlines()
    assert found[0].startswith("id,dc.title,") and len(found) == 1 + client.get(
        "/api/search", {"q": "sinh học"}).json()["total"]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(client.get("/search/export.xlsx", {"q": "chè"}).content)).active
    assert "Kỹ thuật trồng cây chè Shan tuyết" in {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert client.get("/search/export.pdf", {"q": "x"}).status_code == 400
    assert client.get("/search/export.ris", {"q": "year:20x"}).status_code == 400
    for wrong in ({"year_from": "abc"}, {"year_to": "2020x"}, {"sort": "bogus"}):  # QA 26: all the works, unsaid
        refused = client.get("/search/export.ris", {"q": "sinh học", **wrong, "lang": "en"})
        assert refused.status_code == 400 and refused.content.decode().startswith(next(iter(wrong))), wrong
        page = client.get("/search/", {"q": "sinh học", **wrong, "lang": "en"})
        assert page.status_code == 400 and 'value="sinh học"' in page.content.decode(), wrong
    assert "year_from: &#x27;abc&#x27; is not a year between" in client.get(
        "/search/", {"year_from": "abc", "lang": "en"}).content.decode()
    assert "/search/export." not in client.get("/search/", {"q": "zzzzqqq"}).content.decode()


def test_a_download_of_results_holds_the_first_ones_and_says_so(client, catalogue, monkeypatch):
    from stinet.portal import results_export, views
    from stinet.search import base

    for module in (results_export, views):
        monkeypatch.setattr(module, "EXPORT_MAX", 3)
    monkeypatch.setattr(results_export, "MAX_PAGE_SIZE", 2)  # pages of two: the second one cut
    total = client.get("/api/search", {"sort": "title"}).json()["total"]
    assert total > 3 and base.MAX_PAGE_SIZE == 100
    assert "Tải về (3 kết quả đầu):" in client.get("/search/", {"sort": "title"}).content.decode()
    bib = client.get("/search/export.bibtex", {"sort": "title"}).content.decode()
    titles = [t["title"] for t in client.get("/api/search", {"sort": "title", "page_size": 3}).json()["results"]]
    assert bib.count("@") == 3 and all(t in bib for t in titles)


def _pager(page: str) -> str:
    return page.split('<nav class="pager"', 1)[1].split("</nav>", 1)[0]


def _numbers(pager: str) -> list[str]:
    """The pager's entries as a reader hears them, without the previous and next links."""
    return re.findall(r'<li>(?:<a href="[^"]*">|<span aria-current="page">)?(?:<span class="visually-hidden">Trang '
                      r'</span>)?(\d+|<span aria-hidden="true">…)', pager)


def test_a_page_of_results_is_reached_by_its_number(client, org, write_csv):
    """Any page a click away: the first, the last and two on each side of the current one, the rest elided."""
    from stinet.ingest.services import import_file
    from tests.conftest import row

    import_file(write_csv([row(f"Quy hoạch cảng biển số {i}", id=str(i), dc_date_issued=str(2000 + i % 20))
                           for i in range(1, 216)]), "HPU")  # 215 works: 11 pages of 20
    page = client.get("/search/", {"q": "cang bien", "sort": "year", "page": "6"}).content.decode()
    pager = _pager(page)
    assert '<nav class="pager" aria-label="Các trang kết quả">' in page
    assert [n.replace('<span aria-hidden="true">', "") for n in _numbers(pager)] == [
        "1", "…", "4", "5", "6", "7", "8", "…", "11"]
    assert '<span aria-current="page"><span class="visually-hidden">Trang </span>6</span>' in pager
    assert 'href="?q=cang+bien&amp;sort=year&amp;page=4"' in pager  # the query and its order kept
    assert 'rel="prev" href="?q=cang+bien&amp;sort=year&amp;page=5"' in pager
    assert 'rel="next" href="?q=cang+bien&amp;sort=year&amp;page=7"' in pager
    last = client.get("/search/?q=cang+bien&sort=year&page=11").content.decode()
    assert '<ol class="results digits-3" start="201">' in last and 'rel="next"' not in _pager(last)
    assert [n for n in _numbers(_pager(last)) if n.isdigit()] == ["1", "9", "10", "11"]
    one = client.get("/search/", {"q": '"cảng biển số 7"'}).content.decode()
    assert ">1 kết quả<" in one and '<nav class="pager"' not in one  # one page: no pager


def test_the_lists_of_the_site_share_the_numbered_pager(client, db):
    from stinet.catalog.services import add_organisation

    for i in range(65):
        add_organisation(f"U{i:02d}", f"Trường Đại học số {i}", kind="university")
    add_organisation("LIB", "Thư viện tỉnh", kind="library")
    page = client.get("/orgs/", {"kind": "university", "page": "2"}).content.decode()
    pager = _pager(page)
    assert [n for n in _numbers(pager) if n.isdigit()] == ["1", "2", "3"]
    assert 'href="?kind=university&amp;page=3"' in pager and 'aria-label="Các trang của danh sách"' in page


def test_the_site_has_an_icon_and_its_styles_in_the_head(client, catalogue):
    """QA 21: /favicon.ico was a 404 on every page; the home page linked news.css from inside <body>."""
    import lxml.html
    from django.contrib.staticfiles import finders

    page = lxml.html.fromstring(client.get("/").content.decode())
    icon = page.xpath("//head/link[@rel='icon']/@href")[0]
    assert icon == "/static/stinet/icon.svg" and finders.find("stinet/icon.svg")
    assert client.get("/favicon.ico").url == icon
    assert not page.xpath("//body//link[@rel='stylesheet']") and page.xpath("//head/link[contains(@href, 'news')]")
