"""A long URL or word in imported text breaks inside its box: the page never scrolls sideways."""

from __future__ import annotations

import pytest

from stinet.catalog.models import Work
from stinet.ingest.services import import_file
from tests.browser import shot
from tests.conftest import row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URL = ("https://repository.vnu.edu.vn/bitstream/VNU_123/12345/1/"
       "LuanVanThacSi_NguyenVanAn_KhoaHocMoiTruong_2023_FullText.pdf?sequence=1&isAllowed=y")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_long_url_in_an_abstract_and_a_long_word_in_a_title_wrap(browser, live_server, org, write_csv, width):
    """QA 16b: a DSpace file link quoted in an abstract made the work page 1,044 px wide on a phone and the
    results page 1,388 px at 1,280 (every other result cut off on the right)."""
    import_file(write_csv([
        row("Chất lượng nước " + "Khônggiancáchnàocả" * 8, id="w1", dc_date_issued="2023",
            dc_contributor_author="Lê Văn Tám", dc_description_abstract=f"Chất lượng nước, xem {URL}"),
        row("Chất lượng nước sông Cấm", id="w2", dc_date_issued="2022", dc_contributor_author="Lê Văn Tám"),
    ]), "HPU")
    work = Work.objects.get(holdings__local_id="w1")
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    tab = context.new_page()
    for path in (f"/works/{work.pk}/", "/search/?q=ch%E1%BA%A5t+l%C6%B0%E1%BB%A3ng+n%C6%B0%E1%BB%9Bc+repository"):
        tab.goto(live_server.url + path)
        assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
    assert tab.locator("ol.results .result").count() >= 1
    shot(tab, f"long-url-search-{width}")
    context.close()


def test_a_count_beside_a_long_label_stays_whole(browser, live_server, org, write_csv):
    """The type facet's "Báo cáo kết quả nghiên cứu 446" showed "44" over "6": the label wraps, not the count."""
    import_file(write_csv([row(f"Báo cáo số {i}", id=f"r{i}", dc_type="Báo cáo kết quả nghiên cứu")
                           for i in range(1234)]), "HPU")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.goto(live_server.url + "/search/?q=b%C3%A1o+c%C3%A1o")
    count = tab.locator('.facet[data-facet="type"] li span').first
    assert count.inner_text() == "1.234"
    lines = "el => { const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length; }"
    assert tab.locator('.facet[data-facet="type"] li a').first.evaluate(lines) == 2  # the label wraps
    assert count.evaluate(lines) == 1  # the count beside it does not
    context.close()
