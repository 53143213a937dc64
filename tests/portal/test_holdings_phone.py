"""On a phone the holdings of a work stack into labelled lines and keep the call number."""

from __future__ import annotations

import pytest

from stinet.catalog.models import Holding, Work
from tests.browser import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALL = "VV.2016/0123-HST"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_phone_shows_the_call_number_of_each_holding(browser, live_server, catalogue, lang):
    work = Work.objects.get(title__startswith="Nghiên cứu đa dạng")
    Holding.objects.filter(work=work).update(call_number=CALL, url="https://hpu.example.vn/handle/1/1")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{live_server.url}/works/{work.pk}/?lang={lang}")
    cell = tab.locator("table.holdings td.call").first
    assert cell.is_visible() and cell.inner_text().strip().endswith(CALL)
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == ('"Ký hiệu xếp giá"' if lang == "vi" else '"Call number"')
    org_cell = tab.locator("table.holdings td").first.bounding_box()
    box = cell.bounding_box()
    assert box["y"] >= org_cell["y"] + org_cell["height"] - 1  # stacked under the organisation, not beside it
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    if lang == "en":  # QA 26: "Organisatio/n", its label cut in two at 375 px (beside a name that fits a line)
        tab.set_viewport_size({"width": 375, "height": 844})
        first = tab.locator("table.holdings td").first
        line = first.evaluate("td => parseFloat(getComputedStyle(td).lineHeight)")
        assert first.inner_text().endswith("Hai Phong University") and first.bounding_box()["height"] < 1.9 * line
    shot(tab, f"phone-work-holdings-{lang}")
    context.close()


def test_a_wide_screen_keeps_the_table(browser, live_server, catalogue):
    work = Work.objects.get(title__startswith="Nghiên cứu đa dạng")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{live_server.url}/works/{work.pk}/")
    assert tab.locator("table.holdings thead").is_visible()
    assert tab.locator("table.holdings td.call").first.evaluate("td => getComputedStyle(td).display") == "table-cell"
    context.close()
