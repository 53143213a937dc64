"""The widget on a page of ANOTHER origin (a member's site), in headless Chromium.

The host pages are served by a plain http.server on 127.0.0.1 (another host and port than the hub's
live server on localhost), with aggressive CSS of their own and a search form with the same ids and
class names as the widget's.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDGET = "[data-stinet-search]"

AGGRESSIVE_CSS = """
* { color: rgb(255, 0, 0); font-size: 40px; font-family: "Courier New", monospace; letter-spacing: 3px; }
form, input, button, ol, li, a, p, nav, ul { border: 4px solid rgb(0, 255, 0) !important; }
#q, input { background: rgb(255, 255, 0) !important; }
.results, .result, .title, .meta, .status, .held, .sw { color: rgb(255, 0, 0) !important; display: inline !important; }
mark { background: rgb(0, 0, 0); }
button { background: rgb(128, 0, 128); }
"""


def host_page(body: str, css: str = AGGRESSIVE_CSS) -> str:
    """A member's web page with its own styles and its own search form (same ids as the widget's)."""
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>Thư viện thành viên</title><style>{css}</style></head><body>
<h1 id="host-title">Thư viện thành viên</h1>
<form id="search" class="searchbox" action="#"><input id="q" name="q" class="q" value="host">
<button id="go" class="button">Tìm (host)</button></form>
<p class="status" id="host-status">Host text</p>
{body}
</body></html>"""


@pytest.fixture
def member_site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A second web server (another origin) serving the files of a folder: (folder, base URL)."""
    root = tmp_path / "member-site"
    root.mkdir()

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            """No request log on the test output."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Visit:
    """A tab on the member's site that records console errors and the hub's API answers."""

    def __init__(self, browser, hub: str, site: tuple[Path, str], **context: object) -> None:
        self.hub, (self.root, self.base) = hub, site
        assert urlparse(self.hub).netloc != urlparse(self.base).netloc  # two origins
        options = {"viewport": {"width": 1100, "height": 900}, **context}
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.errors: list[str] = []
        self.api: list[object] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: "/api/" in r.url and self.api.append(r))

    def open(self, name: str, body: str, css: str = AGGRESSIVE_CSS) -> object:
        """Write a host page with the hub's address filled in and open it."""
        (self.root / name).write_text(host_page(body.replace("HUB", self.hub), css), encoding="utf-8")
        self.page.goto(f"{self.base}/{name}")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, live_server, catalogue, member_site) -> Iterator[Visit]:
    """A visit to the member's site, with the hub (live server) holding the small catalogue."""
    v = Visit(browser, live_server.url, member_site)
    yield v
    v.close()


def style(locator, prop: str) -> str:
    """A computed style of the element."""
    return locator.evaluate("(el, p) => getComputedStyle(el).getPropertyValue(p)", prop)


def search(page, text: str, widget: str = WIDGET) -> None:
    """Type a query into the widget and submit it with the keyboard."""
    box = page.locator(f"{widget} input[type=search]")
    box.fill(text)
    box.press("Enter")
    status = page.locator(f"{widget} .status")
    status.filter(has_text="kết quả").or_(status.filter(has_text="result")).wait_for()


SNIPPET = '<div data-stinet-search></div><script src="HUB/static/stinet/widget.js" async></script>'


def test_widget_searches_from_another_origin_without_touching_the_host_page(visit):
    page = visit.open("index.html", SNIPPET)
    sheets = page.evaluate("document.styleSheets.length")
    page.locator(f"{WIDGET} input[type=search]").wait_for()
    search(page, "da dang sinh hoc")
    first = page.locator(f"{WIDGET} li.result").first
    assert "đa dạng sinh học" in first.inner_text()
    assert first.locator("mark").first.inner_text().lower() in ("đa", "dạng", "sinh", "học")
    assert first.locator("a.title").get_attribute("href").startswith(visit.hub + "/works/")
    assert "Nơi lưu giữ: Trường Đại học Hải Phòng" in first.inner_text()
    assert "Nguyễn Văn An; Trần Thị Bình" in first.inner_text()
    page.wait_for_timeout(500)  # a late autocomplete answer must not reopen the list over the results
    assert page.locator(f"{WIDGET} ul.suggest").is_hidden()
    # the calls went cross-origin, answered with CORS
    calls = [r for r in visit.api if "/api/search" in r.url]
    assert calls and all(r.headers["access-control-allow-origin"] == "*" for r in calls)
    assert page.evaluate("location.origin") == visit.base
    # the host page is untouched: its styles, its form, its elements, no style sheet of ours
    assert style(page.locator("#host-title"), "color") == "rgb(255, 0, 0)"
    assert style(page.locator("#host-title"), "font-size") == "40px"
    assert style(page.locator("#q"), "background-color") == "rgb(255, 255, 0)"
    assert style(page.locator("#go"), "background-color") == "rgb(128, 0, 128)"
    assert style(page.locator("#host-status"), "display") == "inline"
    assert page.locator("#q").input_value() == "host"
    assert page.evaluate("document.styleSheets.length") == sheets
    assert page.evaluate("document.querySelectorAll('.result, .sw, ol').length") == 0  # ours live in the shadow root
    assert page.evaluate("Object.keys(window).filter(k => k.toLowerCase().includes('stinet'))") == ["STINetWidget"]
    # and the host's CSS does not reach the widget
    title = first.locator("a.title")
    assert style(title, "color") != "rgb(255, 0, 0)" and style(title, "font-size") != "40px"
    assert style(title, "letter-spacing") == "normal"
    assert "Courier" not in style(title, "font-family")
    assert style(page.locator(f"{WIDGET} input[type=search]"), "background-color") == "rgb(255, 255, 255)"
    assert style(page.locator(f"{WIDGET} li.result").first, "display") == "list-item"
    assert style(page.locator(f"{WIDGET} .sw"), "font-size") == "16px"
    assert visit.errors == []
    shot(page, "widget-host-page")


def test_widget_limited_to_one_member_in_english(visit):
    snippet = SNIPPET.replace("data-stinet-search>", 'data-stinet-search data-org="TVHP" data-lang="en">')
    page = visit.open("en.html", snippet)
    box = page.locator(f"{WIDGET} input[type=search]")
    assert box.get_attribute("placeholder").startswith("Title, author, subject")
    assert page.locator(f"{WIDGET} button[type=submit]").inner_text() == "Search"
    assert page.locator(f"{WIDGET} label").inner_text() == "Search S&T documents"
    search(page, "sinh hoc")
    results = page.locator(f"{WIDGET} li.result")
    assert results.count() == 1
    assert page.locator(f"{WIDGET} .status").inner_text() == "1 result"
    assert page.locator(f"{WIDGET} .scope").inner_text() == "In the holdings of: Thư viện Khoa học tổng hợp Hải Phòng"
    text = results.first.inner_text()
    assert "Sinh học biển đại cương" in text and "Book · 2010" in text and "Held by: Thư viện Khoa học" in text
    assert results.first.locator("a.title").get_attribute("href").endswith("?lang=en")
    assert all("org=TVHP" in r.url and "lang=en" in r.url for r in visit.api if "/api/search" in r.url)
    assert page.locator(f"{WIDGET} [lang=en]").count() == 1
    assert page.locator(f"{WIDGET} [role=combobox]").count() == 0  # no network-wide suggestions for one member
    assert visit.errors == []
    shot(page, "widget-member-en")
    # the same query on the whole network finds more
    page = visit.open("all.html", SNIPPET)
    search(page, "sinh hoc")
    assert page.locator(f"{WIDGET} li.result").count() == 2
    assert page.locator(f"{WIDGET} .status").inner_text() == "2 kết quả"
    search(page, "biodiversity")  # an English work on the Vietnamese widget: its title read in English
    title = page.locator(f"{WIDGET} li.result a.title[lang=en]").inner_text()
    assert title.startswith("Marine biodiversity of Cat Ba archipelago")
    assert page.locator(f"{WIDGET} li.result p.snippet[lang=en]").count() == 1


def test_autocomplete_with_the_keyboard(visit):
    page = visit.open("suggest.html", SNIPPET)
    box = page.locator(f"{WIDGET} input[type=search]")
    box.press_sequentially("cang bi", delay=30)
    option = page.locator(f"{WIDGET} [role=option]").first
    option.wait_for()
    assert option.inner_text() == "Ứng dụng KH&CN trong quản lý cảng biển Hải Phòng"
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.locator(f"{WIDGET} .status", has_text="kết quả").wait_for()
    assert box.input_value() == "Ứng dụng KH&CN trong quản lý cảng biển Hải Phòng"
    assert box.get_attribute("aria-expanded") == "false"
    assert "cảng biển" in page.locator(f"{WIDGET} li.result").first.inner_text()
    assert visit.errors == []


def test_paging_and_browsing(visit):
    page = visit.open("pages.html", SNIPPET.replace("data-stinet-search>", 'data-stinet-search data-page-size="2">'))
    search(page, "")  # an empty query browses everything, newest first
    assert page.locator(f"{WIDGET} .status").inner_text() == "6 kết quả"
    assert page.locator(f"{WIDGET} .pager span").inner_text() == "Trang 1 / 3"
    assert page.locator(f"{WIDGET} li.result").first.inner_text().startswith("Ứng dụng KH&CN")  # 2021
    assert page.locator(f"{WIDGET} .pager .prev").is_disabled()
    page.locator(f"{WIDGET} .pager .next").click()
    page.locator(f"{WIDGET} .pager span", has_text="Trang 2 / 3").wait_for()
    assert page.locator(f"{WIDGET} ol.results").get_attribute("start") == "3"
    assert page.locator(f"{WIDGET} li.result").count() == 2
    focused = page.evaluate("document.querySelector('[data-stinet-search]').shadowRoot.activeElement.className")
    assert focused == "status"  # keyboard and screen-reader users start at the top of the new page
    page.locator(f"{WIDGET} .pager .next").click()
    page.locator(f"{WIDGET} .pager span", has_text="Trang 3 / 3").wait_for()
    assert page.locator(f"{WIDGET} .pager .next").is_disabled()
    assert visit.errors == []


def test_single_script_form_theming_and_two_widgets(visit):
    body = ('<div id="themed" data-stinet-search style="--stinet-accent: rgb(0, 128, 0)"></div>'
            '<script src="HUB/static/stinet/widget.js" data-org="HPU" data-accent="#8a1538" async></script>')
    page = visit.open("script.html", body)
    page.locator("div.stinet-search input[type=search]").wait_for()  # placed right after the script
    assert page.evaluate("document.querySelector('script[data-org]').nextElementSibling.className") == "stinet-search"
    assert style(page.locator("div.stinet-search button[type=submit]"), "background-color") == "rgb(138, 21, 56)"
    assert style(page.locator("#themed button[type=submit]"), "background-color") == "rgb(0, 128, 0)"
    search(page, "che", widget="div.stinet-search")
    assert all("Trường Đại học Hải Phòng" in t for t in page.locator("div.stinet-search li.result").all_inner_texts())
    assert page.locator("#themed li.result").count() == 0  # each widget has its own state
    assert visit.errors == []
    shot(page, "widget-script-and-theme")



def rgb(text: str) -> tuple[int, ...]:
    """(r, g, b) of a computed "rgb(r, g, b)"."""
    return tuple(int(v) for v in text[text.index("(") + 1:text.index(")")].split(",")[:3])


def ratio(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The WCAG contrast ratio of two colours."""
    from stinet.portal.contrast import contrast, hex_colour

    return contrast(hex_colour(a), hex_colour(b))  # type: ignore[arg-type]


def test_an_accent_too_light_to_read_is_darkened_and_focus_is_a_solid_ring(visit):
    body = ('<div id="yellow" data-stinet-search data-accent="#ffd400"></div>'
            '<div id="sky" data-stinet-search style="--stinet-accent: #7fdbff"></div>'
            '<div id="night" data-stinet-search style="--stinet-bg: #1d2733; --stinet-text: #fff"></div>'
            '<script src="HUB/static/stinet/widget.js" async></script>')
    page = visit.open("accent.html", body)
    for host in ("#yellow", "#sky", "#night"):
        page.locator(f"{host} .sw").wait_for()
    button = page.locator("#yellow button[type=submit]")
    assert style(button, "background-color") == "rgb(140, 117, 0)"  # #8c7500, as the frame's server makes it
    for host in ("#yellow", "#sky"):  # white text on the button, accent links on white: 4.5:1
        button = page.locator(f"{host} button[type=submit]")
        back, text = rgb(style(button, "background-color")), rgb(style(button, "color"))
        assert text == (255, 255, 255) and ratio(back, text) >= 4.5, (host, back)
    night = page.locator("#night button[type=submit]")  # our blue on a dark background: lightened, dark text
    back, text = rgb(style(night, "background-color")), rgb(style(night, "color"))
    assert text == (29, 39, 51) and ratio(back, text) >= 4.5 and back != (11, 92, 138)
    box = page.locator("#yellow input[type=search]")
    box.focus()
    page.keyboard.press("Tab")  # to the button: the ring shows for the keyboard
    button = page.locator("#yellow button[type=submit]")
    assert style(button, "outline-style") == "solid" and style(button, "outline-width") == "2px"
    ring = rgb(style(button, "outline-color"))
    assert ratio(ring, (255, 255, 255)) >= 3  # 1.4.11 (it was a 45 % mix, 2.2:1)
    assert visit.errors == []
    shot(page, "widget-accent")


def test_the_search_box_has_an_edge_that_shows(visit):
    page = visit.open("edge.html", SNIPPET, css="body { margin: 8px; }")
    box = page.locator(f"{WIDGET} input[type=search]")
    box.wait_for()
    assert ratio(rgb(style(box, "border-top-color")), (255, 255, 255)) >= 3  # #d5dce4 was 1.38:1

def test_phone_width(browser, live_server, catalogue, member_site):
    v = Visit(browser, live_server.url, member_site, viewport={"width": 375, "height": 740}, is_mobile=True)
    try:
        page = v.open("phone.html", SNIPPET, css="body { font-family: Georgia, serif; margin: 8px; }")
        search(page, "sinh hoc")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        box = page.locator(f"{WIDGET} li.result").first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        # QA 26: "Title, author, subject… (dia" - the placeholder fits the box, the whole hint is its title
        fits = page.locator(f"{WIDGET} input[type=search]").evaluate(
            """box => { const css = getComputedStyle(box), pen = document.createElement("canvas").getContext("2d");
                        pen.font = css.font;
                        const room = box.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight);
                        return [pen.measureText(box.placeholder).width, room, box.title]; }""")
        assert fits[0] <= fits[1] and fits[2].endswith("(gõ không dấu cũng được)"), fits
        assert v.errors == []
        shot(page, "widget-phone")
    finally:
        v.close()


def test_iframe_is_framable_from_another_origin_and_the_site_is_not(visit):
    body = ('<iframe id="w" src="HUB/widget/?org=TVHP&amp;lang=en" title="STINet" '
            'style="width:100%;height:520px"></iframe>'
            '<iframe id="s" src="HUB/search/" title="portal" style="width:100%;height:100px"></iframe>')
    page = visit.open("frame.html", body, css="body { font-family: Georgia, serif; }")
    frame = page.frame_locator("#w")
    frame.locator("input[name=q]").fill("sinh hoc")
    frame.locator("input[name=q]").press("Enter")
    frame.locator(".status", has_text="1 result").wait_for()
    assert "Sinh học biển đại cương" in frame.locator("li.result").first.inner_text()
    assert frame.locator("li.result a.title").first.get_attribute("target") == "_blank"
    portal = page.locator("#s").element_handle().content_frame()
    assert portal.locator("header.top").count() == 0  # the rest of the site refuses to be framed
    assert any("X-Frame-Options" in e for e in visit.errors)
    assert not any("/widget/" in e for e in visit.errors)
    shot(page, "widget-iframe")


def frame_codes(hub: str) -> tuple[str, str]:
    """The frame and its height line as the snippet page gives them to a member."""
    import html
    from urllib.request import urlopen

    page = urlopen(f"{hub}/widget/snippet/?org=TVHP").read().decode()
    return tuple(html.unescape(page.split(f'id="code-{kind}" readonly rows="3">')[1].split("</textarea>")[0])
                 for kind in ("iframe", "resize"))


def frame_fits(page, selector: str) -> bool:
    """The frame is as tall as its document (within a pixel), so nothing scrolls inside it."""
    frame = page.locator(selector)
    inner = frame.element_handle().content_frame().evaluate("document.documentElement.scrollHeight")
    return abs(frame.evaluate("f => f.clientHeight") - inner) <= 1


def test_frame_takes_the_height_of_its_content_with_the_snippet_line(visit):
    frame_code, resize = frame_codes(visit.hub)
    impostor = ('<iframe id="impostor" style="height:50px" srcdoc="<script>parent.postMessage('
                '{stinet: &quot;frame-height&quot;, height: 900}, &quot;*&quot;)</script>"></iframe>')
    page = visit.open("fitted.html", frame_code.replace("<iframe ", '<iframe id="w" ') + resize + impostor,
                      css="body { font-family: Georgia, serif; }")
    page.wait_for_function("document.querySelector('#w').style.height !== '640px'")
    empty = page.locator("#w").evaluate("f => f.clientHeight")
    assert 120 <= empty < 640 and frame_fits(page, "#w")
    frame = page.frame_locator("#w")
    frame.locator("input[name=q]").fill("")
    frame.locator("input[name=q]").press("Enter")  # browse all of TVHP's holdings
    frame.locator("li.result").first.wait_for()
    page.wait_for_function(f"document.querySelector('#w').clientHeight > {empty + 100}")
    page.wait_for_timeout(200)  # the last resize of the layout
    assert frame_fits(page, "#w")
    assert page.locator("#impostor").evaluate("f => f.clientHeight") == 50  # another origin is not listened to
    assert visit.errors == []
    shot(page, "widget-iframe-fitted")
    # without the line (a site that allows no script), the frame keeps the height it was given
    page = visit.open("fixed.html", frame_code.replace("<iframe ", '<iframe id="w" '))
    page.frame_locator("#w").locator("input[name=q]").wait_for()
    page.wait_for_timeout(300)
    assert page.locator("#w").evaluate("f => f.clientHeight") == 640


def test_snippet_page_preview(browser, live_server, catalogue):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and "Failed to load" not in m.text and errors.append(m.text))
    page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico") and errors.append(r.url))
    page.goto(live_server.url + "/widget/snippet/?org=HPU")
    code = page.locator("#code-script").input_value()
    assert 'data-org="HPU"' in code and code.endswith('/static/stinet/widget.js" async></script>')
    search(page, "che", widget=f"#preview-script {WIDGET}")
    assert page.locator(f"#preview-script {WIDGET} li.result").count() == 2
    page.frame_locator("#preview-iframe iframe").locator("input[name=q]").wait_for()
    assert errors == []
    shot(page, "widget-snippet-page")
    context.close()


def test_hostile_answers_are_text_and_failures_are_said(visit):
    """Only <mark> survives from the API's highlight HTML; a failing hub gives a message, not a broken page."""
    import json

    hostile = {"query": "x", "total": 1, "page": 1, "page_size": 10, "sort": "relevance", "approximate": False,
               "facets": {}, "results": [{
                   "id": 1, "title": "t", "title_en": "", "type": "book", "type_label": "<b>Sách</b>", "year": 2020,
                   "creators": [{"name": "<img src=x onerror=alert(1)>", "role": "author"}], "subjects": [],
                   "holdings": [{"org": "X", "org_name": "<script>alert(2)</script>", "local_id": "", "call_number": "",
                                 "url": "", "access": "public"}],
                   "highlight": {"title": 'A <mark>đa</mark> <img src=x onerror="window.pwned=1"> <a href="#">z</a>',
                                 "abstract": ""}}]}
    answers = iter([{"status": 200, "content_type": "application/json", "body": json.dumps(hostile),
                     "headers": {"Access-Control-Allow-Origin": "*"}},
                    {"status": 500, "body": "boom", "headers": {"Access-Control-Allow-Origin": "*"}}])
    visit.page.route("**/api/search?*", lambda route: route.fulfill(**next(answers)))
    page = visit.open("hostile.html", SNIPPET)
    search(page, "x")
    title = page.locator(f"{WIDGET} a.title")
    assert title.inner_text().startswith("A đa")
    assert title.locator("mark").count() == 1
    found = "document.querySelector('[data-stinet-search]').shadowRoot.querySelectorAll('img, script, b, a a').length"
    assert page.evaluate(found) == 0
    assert "<img src=x onerror=alert(1)>" in page.locator(f"{WIDGET} .meta").inner_text()
    assert page.evaluate("window.pwned") is None
    page.locator(f"{WIDGET} input[type=search]").fill("y")
    page.locator(f"{WIDGET} input[type=search]").press("Enter")
    page.locator(f"{WIDGET} .status.error").wait_for()
    assert page.locator(f"{WIDGET} .status").inner_text() == "Không kết nối được dịch vụ tra cứu. Hãy thử lại sau."
    assert page.locator(f"{WIDGET} li.result").count() == 0
    assert [e for e in visit.errors if "500" not in e] == []


def test_a_refused_search_says_why_instead_of_blaming_the_network(visit):
    """A typo in data-org: the hub answers 400 with the reason, which the widget shows as text."""
    snippet = SNIPPET.replace("data-stinet-search>", 'data-stinet-search data-org="NOPE<b>x</b>">')
    page = visit.open("typo.html", snippet)
    page.locator(f"{WIDGET} input[type=search]").fill("san ho")
    page.locator(f"{WIDGET} input[type=search]").press("Enter")
    page.locator(f"{WIDGET} .status.error").wait_for()
    said = page.locator(f"{WIDGET} .status").inner_text()
    assert said.startswith("Không tra cứu được: org: 'NOPE<b>x</b>' không phải là một trong "), said
    assert page.evaluate("document.querySelector('[data-stinet-search]').shadowRoot.querySelectorAll('b').length") == 0
