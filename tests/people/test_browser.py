"""Experts in headless Chromium: a scientist confirms a suggested work; the public finds experts (also on a phone)."""

from __future__ import annotations

import pytest

from tests.browser import shot
from tests.people.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def experts(an, other_scientist, people_catalogue):
    """An (contact hidden) with two confirmed coral works and two suggestions; Bình with one coral work."""
    from stinet.people.models import Expert
    from stinet.people.services import decide_works

    decide_works(an, [people_catalogue["P1"], people_catalogue["P2"]], "confirmed")
    decide_works(Expert.objects.get(user=other_scientist), [people_catalogue["P5"]], "confirmed")
    return {"an": an}


def _tab(browser, live_server, **options):  # noqa: F811 - the fixture imported above
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", **options)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    return context, tab


def test_scientist_confirms_a_suggested_work(browser, live_server, experts, people_catalogue):
    context, tab = _tab(browser, live_server)
    tab.goto(live_server.url + "/accounts/login/?next=/experts/me/")
    tab.fill("#id_username", "nkh_an")
    tab.fill("#id_password", PASSWORD)
    tab.click("form.form button[type=submit]")
    tab.wait_for_url("**/experts/me/")
    suggested = tab.locator("section.suggested li[data-work]")
    assert suggested.count() == 2
    shot(tab, "experts-me-before")
    row = tab.locator(f'section.suggested li[data-work="{people_catalogue["P3"]}"]')
    assert "Nguyễn V. An" in row.inner_text()
    row.locator("button.confirm").click()
    tab.wait_for_url("**/experts/me/")
    assert "Đã cập nhật 1 công trình." in tab.locator("ul.messages").inner_text()
    assert tab.locator("section.suggested li[data-work]").count() == 1
    confirmed = tab.locator("section:not(.suggested) ol.works li[data-work]")
    assert confirmed.count() == 3
    assert "Tẩy trắng san hô do nhiệt độ nước biển" in confirmed.all_inner_texts()[0] + " ".join(
        confirmed.all_inner_texts())
    shot(tab, "experts-me-after")
    tab.locator(f'section.suggested li[data-work="{people_catalogue["P4"]}"] button.reject').click()
    tab.wait_for_url("**/experts/me/")
    assert "Không còn gợi ý nào" in tab.locator("section.suggested").inner_text()
    context.close()


def test_public_finder_and_profile(browser, live_server, experts):
    context, tab = _tab(browser, live_server)
    tab.goto(live_server.url + "/")
    tab.click("header nav a[href='/experts/']")
    tab.wait_for_url("**/experts/")
    shot(tab, "experts-directory")
    tab.fill("form.finder input[name=q]", "san ho")
    tab.press("form.finder input[name=q]", "Enter")
    tab.wait_for_url("**/experts/?q=san+ho**")
    hits = tab.locator("li.expert")
    assert hits.count() == 2
    assert "PGS.TS. Nguyễn Văn An" in hits.nth(0).inner_text()
    assert "2 công trình về “san ho”" in hits.nth(0).locator(".why").inner_text()
    assert "Trần Thị Bình" in hits.nth(1).inner_text()
    shot(tab, "experts-finder")
    hits.nth(0).locator("a.name").click()
    tab.wait_for_selector("article.profile h1")
    assert tab.locator("article.profile h1").inner_text() == "PGS.TS. Nguyễn Văn An"
    assert "an@example.edu.vn" not in tab.content()
    tab.locator("ol.works a").first.click()
    tab.wait_for_selector("article.work h1")
    context.close()


def test_phone_screen_has_no_horizontal_scrolling(browser, live_server, experts, scientist):
    context, tab = _tab(browser, live_server, is_mobile=True)
    tab.set_viewport_size({"width": 375, "height": 740})
    an = experts["an"]
    for path in ("/experts/", "/experts/?q=san+h%C3%B4", f"/experts/{an.pk}/"):
        tab.goto(live_server.url + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    shot(tab, "experts-phone-finder")
    context.close()
