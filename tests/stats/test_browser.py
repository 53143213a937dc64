"""The dashboard in headless Chromium: charts drawn beside their tables, staff part, phone screen."""

from __future__ import annotations

import pytest

from tests.browser import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _drawn(tab, key: str) -> bool:
    """The chart of a table has been drawn (its canvas has coloured pixels)."""
    return tab.evaluate("""key => {
        const c = document.querySelector('#' + key + ' canvas');
        if (!c || !c.width) return false;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) return true; }
        return false; }""", key)


def test_dashboard_draws_charts_beside_tables(browser, live_server, network):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", reduced_motion="reduce")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(live_server.url + "/stats/")
    tab.wait_for_function("window.Chart !== undefined")
    assert not errors
    for key in ("works_by_type", "works_by_org", "growth", "tasks_by_level", "experts_by_degree"):
        assert _drawn(tab, key), key
    table = tab.locator("#works_by_type table")
    assert "Luận văn thạc sĩ" in table.inner_text() and table.locator("tfoot td").inner_text() == "6"
    title = tab.locator("#" + table.get_attribute("aria-labelledby"))  # the table named by its heading
    assert title.evaluate("h => h.tagName") == "H3"
    assert title.inner_text() == tab.locator("#works_by_type h3").inner_text()
    canvas = "document.querySelector('#works_by_type canvas')"
    assert tab.evaluate(f"Chart.getChart({canvas}).options.locale") == "vi"  # 1.000 on the axes, as in the tables
    chart_box, table_box = tab.locator("#works_by_type figure").bounding_box(), table.bounding_box()
    assert chart_box["x"] + chart_box["width"] <= table_box["x"]  # side by side on a wide screen
    assert tab.locator("#harvest_health").count() == 0
    tab.select_option("select[name=org]", "TVHP")
    tab.fill("input[name=from]", "2005")
    tab.click(".stats-filters button")
    tab.wait_for_url("**org=TVHP**")
    assert tab.locator("#works_by_type tfoot td").inner_text() == "1"
    shot(tab, "stats-dashboard")
    context.close()


def test_staff_part_and_phone_screen(browser, live_server, network, manager):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="vi-VN", reduced_motion="reduce")
    tab = context.new_page()
    tab.goto(live_server.url + "/accounts/login/")
    tab.fill("input[name=username]", "quanly")
    tab.fill("input[name=password]", "mat-khau-dai-2026")
    tab.click("form button[type=submit]")
    tab.goto(live_server.url + "/stats/#section-management")
    tab.wait_for_function("window.Chart !== undefined")
    assert "DSpace HPU" in tab.locator("#harvest_health").inner_text()
    assert _drawn(tab, "harvest_summary")
    assert tab.locator("a[href*='/stats/forms/04-KHCN-NV.xlsx']").count() == 1
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    # a table that scrolls inside its box is in the tab order (reached and scrolled with the keyboard),
    # and leaves it when it fits again
    order = tab.evaluate("""() => {
        const box = document.querySelector('#works_by_type .stat-table'), before = box.tabIndex;
        box.style.maxHeight = '40px'; window.dispatchEvent(new Event('resize'));
        const scrolling = box.tabIndex;
        box.style.maxHeight = 'none'; window.dispatchEvent(new Event('resize'));
        return [before, scrolling, box.tabIndex]; }""")
    assert order == [-1, 0, -1]
    chart_box = tab.locator("#works_by_type figure").bounding_box()
    table_box = tab.locator("#works_by_type table").bounding_box()
    assert table_box["y"] >= chart_box["y"] + chart_box["height"]  # stacked on a phone
    shot(tab, "stats-phone-staff")
    tab.set_viewport_size({"width": 320, "height": 800})  # the smallest phones (WCAG 1.4.10: 320 CSS pixels)
    tab.goto(live_server.url + "/stats/")
    tab.wait_for_function("window.Chart !== undefined")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
