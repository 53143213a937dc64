"""The registration sheet from the task page in headless Chromium, on a phone screen."""

from __future__ import annotations

import pytest
from docx import Document

from tests.browser import shot
from tests.feed.conftest import drive
from tests.tasks.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_downloads_the_sheet_on_a_phone(browser, live_server, people, tmp_path):
    task = drive(people, "published")
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/tasks/{task.pk}/")
    assert page.locator(".sheet-link").count() == 0  # not for the public
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", people.manager.username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/tasks/{task.pk}/")
    link = page.locator(".sheet-link a")
    assert "Phiếu đăng ký kết quả thực hiện nhiệm vụ" in link.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    link.scroll_into_view_if_needed()
    shot(page, "feed-sheet-link-phone")
    with page.expect_download() as download:
        link.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("phieu-dang-ky-") and path.suffix == ".docx"
    assert any(task.title in p.text for p in Document(str(path)).paragraphs)
    context.close()
