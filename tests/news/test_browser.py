"""News in headless Chromium: the home page's latest items, the list with upcoming events first, an item,
and a task manager writing an item; on a desktop and a phone screen."""

from __future__ import annotations

import pytest

from stinet.accounts.services import create_user, grant
from stinet.news import demo
from stinet.news.models import NewsItem
from tests.browser import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-pass-phrase-42"


def test_news_on_the_home_page_the_list_and_an_item(browser, live_server, catalogue):
    list(demo.load())
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/")
    latest = page.locator("section.news-latest")
    assert latest.locator("li.news-card").count() == 3 and "bản nháp" not in latest.inner_text()
    shot(page, "news-home")
    page.click("header nav a[href='/news/']")
    page.wait_for_url("**/news/")
    upcoming = page.locator("section.upcoming li.news-card")
    assert upcoming.count() == 2 and "OAI-PMH" in upcoming.first.inner_text()  # the course comes first
    shot(page, "news-list")
    upcoming.first.locator("a.title").click()
    page.wait_for_selector("article.news-item h1")
    assert page.locator("article.news-item .body p").count() == 3
    assert page.locator("article.news-item a[href='https://stinet.local/news/']").count() == 1
    shot(page, "news-item")
    context.close()


def test_a_task_manager_writes_an_item_on_a_phone(browser, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    grant(create_user("quanly", PASSWORD), "task_manager")
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "quanly")
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/manage/")
    page.click("a[href='/news/manage/']")
    page.click("a[href='/news/new/']")
    page.fill("#id_title", "Khoá đào tạo: biên mục MARC21")
    page.select_option("#id_kind", "training")
    page.fill("#id_summary", "Ba buổi thực hành cho cán bộ thư viện.")
    page.fill("#id_body", "Buổi 1: trường điều khiển.\n\nBuổi 2: trường dữ liệu <b>không phải HTML</b>.")
    page.fill("#id_starts_at", "2031-05-04T08:00")
    page.fill("#id_place", "Thư viện Khoa học tổng hợp Hải Phòng")
    page.check("#id_published")
    shot(page, "news-phone-edit")
    page.click("form.news-form button[type=submit]")
    page.wait_for_selector("article.news-item h1")
    assert page.locator("article.news-item h1").inner_text() == "Khoá đào tạo: biên mục MARC21"
    assert "<b>không phải HTML</b>" in page.locator("article.news-item .body").inner_text()
    assert "04/05/2031 08:00" in page.locator("article.news-item").inner_text()
    for path in ("/news/", page.url.replace(live_server.url, ""), "/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    shot(page, "news-phone-home")
    assert NewsItem.objects.get().author.username == "quanly"
    context.close()
