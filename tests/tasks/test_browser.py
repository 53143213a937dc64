"""One task from proposal to publication in headless Chromium, each person logging in to do their part.

The investigator proposes, the manager approves and opens the selection with a council, the
investigator applies, the council members score (one declares a conflict of interest), the
manager closes the selection and signs the contract, the investigator reports progress and
submits the final report, the acceptance council scores, the manager records the rating,
registers and publishes; the result is then found by the catalogue search and over OAI-PMH.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from tests.browser import shot
from tests.tasks.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Nghiên cứu giải pháp phục hồi rừng ngập mặn ven biển Tiên Lãng"


@pytest.fixture
def page(browser, live_server, people):
    """A page on the live server; people (users and roles) exist."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.base = live_server.url
    yield tab
    context.close()


def login(page, username: str, goto: str) -> None:
    """Sign in as someone else (fresh cookies), then open a page."""
    page.context.clear_cookies()
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    page.goto(page.base + goto)


def act(page, action: str, fields: dict[str, str] | None = None, files: dict[str, str] | None = None,
        has_text: str | None = None) -> None:
    """Open an action of the panel, fill it in and submit it."""
    box = page.locator(f'details[data-action="{action}"]', has_text=has_text).first
    box.evaluate("e => e.open = true")
    for name, value in (fields or {}).items():
        field = box.locator(f'[name="{name}"]')
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        elif field.get_attribute("type") == "checkbox":
            field.check() if value else field.uncheck()
        else:
            field.fill(value)
    for name, filename in (files or {}).items():
        box.locator(f'input[name="{name}"]').set_input_files(
            {"name": filename, "mimeType": "application/pdf", "buffer": b"%PDF-1.4 " + filename.encode()})
    with page.expect_navigation():
        box.locator("button[type=submit]").first.click()


def status(page) -> str:
    """The status badge of the task page."""
    return page.locator("#task-status").inner_text()


def test_one_task_from_proposal_to_publication(page, people):
    from stinet.tasks import councils
    from stinet.tasks.models import Task

    # 1. the investigator proposes
    login(page, "t-pi", "/tasks/propose/")
    page.fill("#id_title", TITLE)
    page.fill("#id_objectives", "Đánh giá hiện trạng và đề xuất giải pháp phục hồi rừng ngập mặn.")
    page.select_option("#id_level", "provincial")
    page.fill("#id_year", "2026")
    page.fill("#id_keywords", "rừng ngập mặn; phục hồi sinh thái")
    shot(page, "1-propose")
    with page.expect_navigation():
        page.click("#proposal button[type=submit]")
    assert status(page) == "Đề xuất chờ xét duyệt"
    task_url = re.sub(r"^https?://[^/]+", "", page.url)
    task = Task.objects.get(title=TITLE)

    # 2. the manager approves it into the year's list, opens the selection and forms its council
    login(page, "t-manager", "/tasks/manage/")
    assert TITLE[:40] in page.locator("#proposals").inner_text()
    page.goto(page.base + task_url)
    act(page, "approve")
    assert status(page) == "Trong danh mục nhiệm vụ năm"
    act(page, "open_selection")
    box = page.locator('details[data-action="form_selection_council"]')
    box.evaluate("e => e.open = true")
    for member in ("t-c1", "t-c2", "t-c3"):
        box.locator(f'input[value="{member}"]').check()
    with page.expect_navigation():
        box.locator("button[type=submit]").click()
    assert status(page) == "Đang tuyển chọn"
    shot(page, "2-selection-open")

    # 3. the investigator applies (a second applicant applied through the services)
    login(page, "t-pi", task_url)
    act(page, "apply", {"host": "HPU", "summary": "Khảo sát 12 ô tiêu chuẩn, trồng thử 3 ha.",
                        "budget_requested": "760000000", "months": "24"}, {"document": "ho-so.pdf"})
    councils.apply(task, people.pi2, host="HPU", summary="Phương án thứ hai", budget_requested=650_000_000)

    # 4. each council member scores each application; c3 declares a conflict for the first one
    marks = {"t-c1": (86, 70), "t-c2": (80, 75), "t-c3": (None, 95)}
    for member, (first, second) in marks.items():
        login(page, member, task_url)
        if first is None:
            act(page, "score_selection", {"conflict": "on"}, has_text="Nguyễn Văn Pi (")
        else:
            act(page, "score_selection", {"score": str(first)}, has_text="Nguyễn Văn Pi (")
        act(page, "score_selection", {"score": str(second)}, has_text="Nguyễn Văn Pi2")
    shot(page, "4-council-scores")
    assert "xung đột lợi ích (không tính)" in page.locator("table.scores").inner_text()

    # 5. the manager closes the selection (best ranked: 83.0 against 80.0) and signs the contract
    login(page, "t-manager", task_url)
    ranking = page.locator("table.applications tbody tr").first.inner_text()
    assert "Nguyễn Văn Pi\t" in ranking and "83" in ranking
    act(page, "select")
    assert status(page) == "Đã chọn tổ chức, chủ nhiệm"
    act(page, "sign_contract", {"contract_number": "21/2026/HĐ-KHCN", "contract_date": "2026-01-15",
                                "budget_state": "760000000", "budget_other": "120000000",
                                "planned_start": "2026-02-01", "planned_end": "2027-07-31",
                                "report_every_months": "6"}, {"contract": "hop-dong.pdf"})
    assert status(page) == "Đang thực hiện"
    assert "880.000.000 đ" in page.locator("dd.budget").inner_text()

    # 6. the investigator reports progress and submits the final report
    login(page, "t-pi", task_url)
    act(page, "report_progress", {"summary": "Đã khảo sát xong 12 ô tiêu chuẩn.", "percent_done": "40"},
        {"document": "bao-cao-ky-1.pdf"})
    act(page, "submit_final", {"results": "Bản đồ hiện trạng, quy trình phục hồi rừng ngập mặn, 3 ha trồng thử."},
        {"final_report": "bao-cao-tong-hop.pdf"})
    assert status(page) == "Đang đánh giá, nghiệm thu"
    shot(page, "6-final-report")

    # 7. the manager forms the acceptance council; 8. its members score
    login(page, "t-manager", task_url)
    box = page.locator('details[data-action="form_acceptance_council"]')
    box.evaluate("e => e.open = true")
    for member in ("t-c1", "t-c2", "t-c4"):
        box.locator(f'input[value="{member}"]').check()
    with page.expect_navigation():
        box.locator("button[type=submit]").click()
    for member, score in (("t-c1", "90"), ("t-c2", "88"), ("t-c4", "86")):
        login(page, member, task_url)
        act(page, "score_acceptance", {"score": score, "comment": "Đạt yêu cầu."})

    # 9. the manager records the rating, registers and publishes
    login(page, "t-manager", task_url)
    act(page, "accept", files={"acceptance_minutes": "bien-ban.pdf"})
    assert status(page) == "Đã nghiệm thu"
    assert page.locator("dd.rating").inner_text() == "Xuất sắc"
    today = timezone.localdate().isoformat()  # not before the acceptance (today), not in the future
    act(page, "register", {"registration_number": "2026-31555/ĐKKQ", "registration_date": today})
    assert status(page) == "Đã đăng ký, lưu giữ kết quả"
    act(page, "publish")
    assert status(page) == "Đã công bố kết quả"
    shot(page, "9-published")
    history = page.locator("ol.history").inner_text()
    assert "công bố kết quả trên hệ thống tra cứu chung" in history

    # 10. anyone finds the result in the catalogue (typed without diacritics) and over OAI-PMH
    page.context.clear_cookies()
    page.goto(page.base + "/search/?q=phuc+hoi+rung+ngap+man+tien+lang")
    first = page.locator("li.result").first
    assert TITLE in first.inner_text()
    shot(page, "10-search")
    first.locator("a.title").click()
    page.wait_for_selector("article.work h1")
    assert page.locator("article.work h1").inner_text() == TITLE
    page.locator("p.task-link a").click()
    page.wait_for_load_state()
    assert page.url.endswith(task_url)
    task.refresh_from_db()
    page.goto(page.base + f"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:stinet.local:work/"
              f"{task.result_work_id}")
    record = page.content()
    assert TITLE in record and "Nguyễn Văn Pi" in record and "idDoesNotExist" not in record


def test_a_long_unbroken_word_wraps_on_a_phone(browser, live_server, people):
    """330 letters without a space made the list 3,751 px and the task page 5,176 px wide on a 390 px phone."""
    from tests.tasks.conftest import drive

    word = "ĐaDạngSinhHọcRạnSanHô" * 15
    task = drive(people, "listed", title=f"Nghiên cứu {word} tại Hải Phòng")
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    tab = context.new_page()
    try:
        for path in ("/tasks/", f"/tasks/{task.pk}/"):
            tab.goto(live_server.url + path)
            assert tab.locator("text=Hải Phòng").first.is_visible()
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, overflow)
        shot(tab, "task-long-word-phone")
    finally:
        context.close()
