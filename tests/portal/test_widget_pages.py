"""The widget's pages: the framable /widget/ page, the /widget/snippet/ page, the static files."""

from __future__ import annotations

import html

import pytest

pytestmark = pytest.mark.django_db


def test_widget_page_is_framable_and_the_rest_of_the_site_is_not(client, catalogue):
    assert "X-Frame-Options" not in client.get("/widget/")
    assert "X-Frame-Options" not in client.get("/widget/?q=sinh+hoc&org=TVHP&lang=en")
    for url in ("/", "/search/?q=x", "/widget/snippet/", "/orgs/", "/accounts/login/"):
        assert client.get(url)["X-Frame-Options"] == "DENY", url


def test_widget_page_searches_the_whole_network(client, catalogue):
    page = client.get("/widget/", {"q": "sinh hoc"}).content.decode()
    assert "Nghiên cứu đa dạng <mark>sinh</mark> <mark>học</mark>" in page
    assert "Sinh học biển đại cương" in page or "<mark>Sinh</mark> <mark>học</mark> biển đại cương" in page
    assert "2 kết quả" in page
    assert 'target="_blank"' in page
    assert "<header" not in page  # no site chrome
    assert 'data-suggest="/api/suggest"' in page
    assert '<main class="sw" lang="vi">' in page and '<h1 class="vh">Tra cứu tài liệu KH&CN</h1>' in page


def test_widget_page_before_a_search_shows_only_the_box(client, catalogue):
    page = client.get("/widget/", {"org": "HPU"}).content.decode()
    assert 'name="q"' in page and 'name="org" value="HPU"' in page
    assert "result" not in page.split("<form")[1].split("</form>")[1].split('class="foot"')[0]


def test_widget_page_limited_to_one_member_in_english(client, catalogue):
    page = client.get("/widget/", {"q": "sinh hoc", "org": "TVHP", "lang": "en"}).content.decode()
    assert '<html lang="en">' in page
    assert "1 result" in page and "Held by" in page and "Book" in page
    assert "rạn san hô" not in page  # HPU's work is not in TVHP's holdings
    assert "In the holdings of: Thư viện Khoa học tổng hợp Hải Phòng" in page
    assert 'name="org" value="TVHP"' in page and 'name="lang" value="en"' in page
    assert "data-suggest" not in page  # suggestions come from the whole network


def test_widget_page_shows_the_members_call_number(client, catalogue):
    from stinet.catalog.models import Holding

    Holding.objects.filter(organisation__code="TVHP").update(call_number="VV 123/2010")
    page = client.get("/widget/", {"q": "sinh hoc bien", "org": "TVHP"}).content.decode()
    assert "Ký hiệu xếp giá: VV 123/2010" in page


def test_widget_page_pages_through_results(client, catalogue, write_csv):
    from stinet.catalog.services import add_organisation
    from stinet.ingest.services import import_file
    from tests.conftest import row

    add_organisation("BIG", "Thư viện lớn", member=True)
    rows = [row(f"Tài liệu số {i}", id=f"B{i}", dc_type="Sách", dc_date_issued=str(2000 + i)) for i in range(12)]
    import_file(write_csv(rows, "big.csv"), "BIG")
    first = client.get("/widget/", {"q": "", "org": "BIG"}).content.decode()
    assert "12 kết quả" in first and "Trang 1 / 2" in first
    assert "Tài liệu số 11" in first and "Tài liệu số 0<" not in first  # browsing: newest first
    nxt = html.unescape(first.split('rel="next" href="')[1].split('"')[0])
    assert "org=BIG" in nxt and "page=2" in nxt
    second = client.get(nxt).content.decode()
    assert '<ol class="results" start="11"' in second and "Trang 2 / 2" in second
    assert "Tài liệu số 0<" in second and "Tài liệu số 11" not in second
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_widget_page_takes_several_members_as_the_script_does(client, catalogue):
    from stinet.catalog.models import Holding

    Holding.objects.filter(organisation__code="TVHP").update(call_number="VV 123/2010")
    for org in ("HPU,TVHP", "hpu, tvhp,HPU", ["HPU", "TVHP"]):
        page = client.get("/widget/", {"q": "sinh hoc", "org": org}).content.decode()
        assert "2 kết quả" in page and "Ký hiệu xếp giá: VV 123/2010" in page, org
        assert "Trong tài liệu của: Trường Đại học Hải Phòng, Thư viện Khoa học tổng hợp Hải Phòng" in page
        assert 'name="org" value="HPU,TVHP"' in page
        assert "/search/?q=sinh+hoc&amp;org=HPU&amp;org=TVHP" in page  # "see all" on the portal


def test_widget_page_refuses_an_unknown_member_and_a_bad_colour(client, catalogue):
    answer = client.get("/widget/", {"org": "HPU,NOPE"})
    assert answer.status_code == 400 and answer["Content-Type"].startswith("text/html")
    said = answer.content.decode()  # a page of its own (language, title), said as an alert, escaped
    assert '<html lang="vi">' in said and '<p role="alert">org: không có tổ chức nào mang mã NOPE</p>' in said
    assert "&lt;b&gt;" in client.get("/widget/", {"org": "<b>"}).content.decode()
    page = client.get("/widget/", {"accent": "red;}</style><script>alert(1)</script>"}).content.decode()
    assert "alert(1)" not in page and "--accent" not in page
    assert '--accent: #8a1538' in client.get("/widget/", {"accent": "#8a1538"}).content.decode()
    assert '--accent: #8c7500' in client.get("/widget/", {"accent": "#ffd400"}).content.decode()  # 1.43:1 on white


def test_snippet_page_gives_a_member_its_code(client, catalogue):
    page = client.get("/widget/snippet/", {"org": "HPU", "widget_lang": "en", "accent": "#8a1538"}).content.decode()
    code = html.unescape(page.split('id="code-script" readonly rows="3">')[1].split("</textarea>")[0])
    assert code == ('<div data-stinet-search data-org="HPU" data-lang="en" data-accent="#8a1538"></div>\n'
                    '<script src="http://testserver/static/stinet/widget.js" async></script>')
    frame = html.unescape(page.split('id="code-iframe" readonly rows="3">')[1].split("</textarea>")[0])
    assert 'src="http://testserver/widget/?org=HPU&amp;lang=en&amp;accent=%238a1538"' in frame  # escaped: valid HTML
    resize = html.unescape(page.split('id="code-resize" readonly rows="3">')[1].split("</textarea>")[0])
    assert resize.startswith("<script>") and 'e.origin!=="http://testserver"' in resize
    assert frame + resize in page  # the frame's preview has the line too
    assert code in page  # the live preview is the snippet itself
    assert '<option value="HPU" selected>' in page and '<option value="TVHP">' in page
    assert '<html lang="vi">' in page  # the page speaks Vietnamese; only the widget is in English
    assert "quá nhạt" not in page


def test_snippet_page_says_a_light_accent_is_darkened(client, catalogue):
    page = client.get("/widget/snippet/", {"org": "HPU", "accent": "#ffd400"}).content.decode()
    assert 'data-accent="#8c7500"' in html.unescape(page) and 'value="#8c7500"' in page
    assert "Màu #ffd400 quá nhạt, khó đọc trên nền trắng (độ tương phản dưới 4,5:1): mã dùng màu #8c7500" in page


def test_snippet_page_for_the_whole_network(client, catalogue):
    page = client.get("/widget/snippet/").content.decode()
    assert "&lt;div data-stinet-search&gt;&lt;/div&gt;" in page
    page = client.get("/widget/snippet/", {"widget_lang": "en", "accent": "#8a1538"}).content.decode()
    code = html.unescape(page.split('id="code-script" readonly rows="3">')[1].split("</textarea>")[0])
    assert code.startswith('<div data-stinet-search data-lang="en" data-accent="#8a1538"></div>')  # escaped once


def test_snippet_page_for_an_unknown_code_says_which_and_offers_the_members(client, catalogue):
    answer = client.get("/widget/snippet/", {"org": "HPU,NOPE", "widget_lang": "en"})
    page = answer.content.decode()
    assert answer.status_code == 404 and '<html lang="vi">' in page  # the site's page, in its language
    assert '<p class="error" role="alert">org: không có tổ chức nào mang mã NOPE</p>' in page
    assert '<option value="HPU">' in page and '<option value="TVHP">' in page  # to choose the right one
    assert 'id="code-script"' not in page and 'id="preview-iframe"' not in page  # no code to copy
    english = client.get("/widget/snippet/", {"org": "NOPE", "lang": "en"})
    assert english.status_code == 404 and "org: no organisation has the code NOPE" in english.content.decode()
    assert ">HPU — Hai Phong University</option>" in english.content.decode()  # QA 26: its Vietnamese name


def test_frame_snippet_listens_to_the_origin_a_browser_names(rf, settings):
    from stinet.portal.widget import _origin

    settings.ALLOWED_HOSTS = ["hub.example.vn"]

    assert _origin(rf.get("/", HTTP_HOST="hub.example.vn:443", secure=True)) == "https://hub.example.vn"
    assert _origin(rf.get("/", HTTP_HOST="hub.example.vn:80")) == "http://hub.example.vn"
    assert _origin(rf.get("/", HTTP_HOST="hub.example.vn:8000")) == "http://hub.example.vn:8000"


def test_the_frame_offers_no_page_past_the_ones_a_search_pages_to(client, catalogue, monkeypatch):
    from stinet.portal import widget
    from stinet.search import base

    monkeypatch.setattr(widget, "PAGE_SIZE", 5)  # 6 works: two pages
    assert 'rel="next"' in client.get("/widget/", {"q": ""}).content.decode()
    monkeypatch.setattr(base, "MAX_RESULTS", 5)  # the search pages through 5 only
    assert 'rel="next"' not in client.get("/widget/", {"q": ""}).content.decode()


def test_a_page_past_the_end_of_the_frame_is_its_last(client, catalogue):
    answer = client.get("/widget/", {"q": "sinh hoc", "org": "TVHP", "page": 999})
    assert answer.status_code == 302 and "page=1" in answer["Location"] and "org=TVHP" in answer["Location"]


def test_frame_tells_its_height_to_the_page_around_it(client, catalogue):
    page = client.get("/widget/", {"q": "sinh hoc"}).content.decode()
    assert '<script src="/static/stinet/frame.js" defer></script>' in page
    js = b"".join(client.get("/static/stinet/frame.js").streaming_content)
    assert b'stinet: "frame-height"' in js


def test_widget_static_files_are_served(client):
    js = b"".join(client.get("/static/stinet/widget.js").streaming_content)
    assert b"attachShadow" in js and b"credentials: \"omit\"" in js
    css = b"".join(client.get("/static/stinet/widget.css").streaming_content)
    assert b"all: initial" in css


def test_a_query_the_search_refuses_is_said_in_the_frame_with_the_box_to_mend_it(client, catalogue):
    """A visitor's typo (year:abc) is not the webmaster's unknown org=: the frame stays a search box."""
    answer = client.get("/widget/", {"org": "HPU", "q": "biển year:abc"})
    page = answer.content.decode()
    assert answer.status_code == 400 and answer["Content-Type"].startswith("text/html")
    assert 'role="alert"' in page and "year: &#x27;abc&#x27; không phải là năm" in page
    assert 'value="biển year:abc"' in page and 'name="org" value="HPU"' in page
