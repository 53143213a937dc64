"""The directory and the join form in headless Chromium on a phone-size screen."""

from __future__ import annotations

import re

import pytest

from tests.browser import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser, live_server, directory):
    """A phone-size page on the live server with the small directory loaded."""
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 740}, is_mobile=True, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.base = live_server.url
    yield tab
    context.close()


PHONE_WIDTH = 375
RIGHTMOST = "Math.max(...Array.from(document.querySelectorAll('main *'), e => e.getBoundingClientRect().right))"


def no_sideways_scrolling(page) -> None:
    """Nothing in the page's content reaches past the phone's screen (a mobile browser would zoom out)."""
    rightmost = page.evaluate(RIGHTMOST)
    assert rightmost <= PHONE_WIDTH, (page.url, rightmost)


def test_directory_on_a_phone(phone):
    phone.goto(phone.base + "/orgs/")
    no_sideways_scrolling(phone)
    names = phone.locator(".org-card h2 a").all_inner_texts()
    assert names[:2] == ["Bệnh viện Hữu nghị Việt Tiệp", "Công ty Cổ phần Ứng dụng Ô-zôn"]
    shot(phone, "directory-phone")
    phone.fill("input[name=q]", "dai hoc da nang")
    phone.click(".dir-filters button[type=submit]")
    phone.wait_for_url("**q=dai+hoc+da+nang**")
    assert phone.locator(".org-card h2 a").all_inner_texts() == ["Trường Đại học Đà Nẵng"]
    phone.goto(phone.base + "/orgs/")
    phone.select_option("select[name=kind]", "enterprise")
    phone.click(".dir-filters button[type=submit]")
    phone.wait_for_url("**kind=enterprise**")
    phone.locator(".org-card h2 a").first.click()
    phone.wait_for_selector("section.certificate")
    assert "07/DNKHCN" in phone.locator("section.certificate").inner_text()
    no_sideways_scrolling(phone)
    shot(phone, "directory-enterprise-phone")
    phone.goto(phone.base + "/directory/services/")
    no_sideways_scrolling(phone)
    assert phone.locator("li.service").count() == 3


def test_join_form_on_a_phone(phone):
    from stinet.directory.models import JoinRequest

    phone.goto(phone.base + "/directory/join/")
    no_sideways_scrolling(phone)
    assert not phone.locator("input[name=homepage]").is_visible() or \
        phone.locator("input[name=homepage]").bounding_box()["x"] < 0  # the trap is out of sight
    phone.fill("input[name=name_vi]", "Viện Nghiên cứu Hải sản")
    phone.fill("input[name=contact_name]", "Nguyễn Thị Hải")
    phone.fill("input[name=contact_email]", "khong-phai-email")
    phone.click("form.dir-form button[type=submit]")
    phone.wait_for_selector(".field.invalid .errorlist")
    assert "Nhập một địa chỉ email hợp lệ" in phone.locator(".field.invalid .errorlist").first.inner_text()
    summary = phone.locator(".error-summary")  # the page opens on what to mend
    assert phone.evaluate("document.activeElement.className") == "error-summary" and summary.is_visible()
    summary.get_by_role("link", name="Thư điện tử liên hệ: Nhập một địa chỉ email hợp lệ.").click()
    assert phone.evaluate("document.activeElement.name") == "contact_email"  # the link leads into the field
    no_sideways_scrolling(phone)
    shot(phone, "join-error-phone")
    phone.fill("input[name=contact_email]", "hai@rimf.example.vn")
    phone.select_option("select[name=kind]", "institute")
    phone.click("form.dir-form button[type=submit]")
    phone.wait_for_url(re.compile(r"/directory/join/thanks/(#id_contact_email)?$"))  # the summary's link kept
    assert "Đã gửi đề nghị" in phone.locator("h1").inner_text()
    shot(phone, "join-sent-phone")
    assert JoinRequest.objects.get().contact_email == "hai@rimf.example.vn"
