"""In headless Chromium: a member editor of HPU logs in, sees and changes HPU's source, and is refused
LIB's source, LIB's run report and the administrator's pages; the administrator's pages on a phone."""

from __future__ import annotations

import pytest

from stinet.sources.models import Source
from tests.accounts.conftest import PASSWORD
from tests.browser import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(browser, live_server, people):
    """A fresh page (own cookies) on the live server with the two members and their users."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = live_server.url
    yield page
    context.close()


def log_in(page, username: str) -> None:
    """Through the login form, as a person does."""
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/manage/")


def test_an_editor_reaches_only_their_organisations_records(tab, people):
    hpu, lib = people["hpu_source"], people["lib_source"]
    log_in(tab, "editor")
    assert "HPU" in tab.locator("main").inner_text() and "LIB —" not in tab.locator("main").inner_text()
    shot(tab, "accounts-editor-manage")
    tab.goto(tab.base + "/sources/")
    table = tab.locator("table.sources").inner_text()
    assert "HPU DSpace" in table and "LIB DSpace" not in table
    tab.click(f'a[href="/sources/{hpu.pk}/edit/"]')
    tab.fill("#id_label", "HPU DSpace (kho luận văn)")
    tab.click("form.form button[type=submit]")
    tab.wait_for_url("**/sources/")
    assert "HPU DSpace (kho luận văn)" in tab.locator("table.sources").inner_text()
    assert Source.objects.get(pk=hpu.pk).label == "HPU DSpace (kho luận văn)"
    shot(tab, "accounts-editor-sources")
    for path in (f"/sources/{lib.pk}/edit/", f"/sources/runs/{people['lib_run'].pk}/", "/manage/duplicates/",
                 "/manage/users/", "/manage/audit/", "/manage/invitations/"):
        response = tab.goto(tab.base + path)
        assert response.status == 403, path
        assert "LIB DSpace" not in tab.content()
        if path.endswith("/edit/"):
            assert "LIB" in tab.locator("main").inner_text()  # the refusal names what is not theirs
            shot(tab, "accounts-editor-refused")
        elif path == "/manage/users/":
            assert "Chỉ quản trị mạng lưới" in tab.locator("main").inner_text()
            shot(tab, "accounts-editor-refused-users")
    assert Source.objects.get(pk=lib.pk).label == "LIB DSpace"


def test_the_administrator_invites_and_reads_the_audit_log_on_a_phone(browser, live_server, people):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, locale="vi-VN")
    page = context.new_page()
    page.base = live_server.url
    log_in(page, "hub")
    page.goto(page.base + "/manage/invitations/")
    page.fill("#id_email", "thuvien@lib.example")
    page.check("input[name=roles][value=member_editor]")
    page.select_option("#id_organisation", "LIB")
    page.click("form.invite button[type=submit]")
    page.wait_for_selector("ul.messages")
    assert "thuvien@lib.example" in page.locator("table").inner_text()
    shot(page, "accounts-phone-invitations")
    from stinet.catalog.services import add_organisation

    add_organisation("VNCSDL", "Viện Nghiên cứu Chiến lược, Chính sách Tài nguyên và Môi trường biển đảo Việt Nam",
                     member=True)  # a long name in the organisations' list of the sources page
    for path in ("/manage/", "/manage/users/", "/manage/audit/", f"/manage/users/{people['editor'].pk}/", "/sources/"):
        page.goto(page.base + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    page.goto(page.base + "/manage/audit/")
    assert "gửi lời mời" in page.locator("table.audit").inner_text()  # the action "invite", in words
    shot(page, "accounts-phone-audit")
    context.close()


def test_removing_a_source_asks_first(tab, people):
    """The question before a removal is asked by the site's own script (an inline onclick, which the
    Content-Security-Policy forbids, would have let the form go without asking)."""
    hpu = people["hpu_source"]
    log_in(tab, "editor")
    tab.goto(tab.base + f"/sources/{hpu.pk}/edit/")
    asked: list[str] = []

    def answer(dialog, accept: bool) -> None:
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    tab.once("dialog", lambda d: answer(d, False))
    tab.click("form.delete button[type=submit]")
    tab.wait_for_timeout(300)
    assert asked == ["Gỡ bỏ nguồn này?"] and Source.objects.filter(pk=hpu.pk).exists()
    tab.once("dialog", lambda d: answer(d, True))
    tab.click("form.delete button[type=submit]")
    tab.wait_for_url("**/sources/")
    assert not Source.objects.filter(pk=hpu.pk).exists()
