"""The registration sheet (Circular 14/2014, Mẫu 5): filled from the task, read back, for the entitled only."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from stinet.accounts.services import create_user, grant
from stinet.catalog.services import add_organisation
from stinet.cli import main
from stinet.directory.models import OrganisationProfile
from stinet.feed import sheet
from stinet.tasks.services import add_member
from tests.feed.conftest import drive
from tests.tasks.conftest import PASSWORD


def texts(data: bytes) -> tuple[str, list[str]]:
    """All text of a DOCX (paragraphs and table cells) and the runs marked yellow."""
    doc = Document(io.BytesIO(data))
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    yellow = [r.text for p in paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    return "\n".join(p.text for p in paragraphs), yellow


@pytest.fixture
def published(people):
    OrganisationProfile.objects.create(organisation=people.org, address="171 Phan Đăng Lưu, Kiến An, Hải Phòng",
                                       phone="0225 3876 338", email="dhhp@example.vn")
    task = drive(people, "published")
    add_member(task, "ThS. Lê Thị Cúc", "secretary")
    return task


def test_a_marker_inside_a_filled_line_is_yellow_too(published):
    """'Thời gian thực hiện thực tế: từ 01/03/2025 đến [cần điền]': every marker of the sheet is yellow."""
    task = published
    type(task).objects.filter(pk=task.pk).update(actual_end=None)
    task.refresh_from_db()
    text, yellow = texts(sheet.render(task))
    assert f"Thời gian thực hiện thực tế: từ {task.actual_start:%d/%m/%Y} đến {sheet.MANUAL}" in text
    assert len(yellow) == text.count(sheet.MANUAL) - 1  # all but the note that explains the marker
    assert set(yellow) == {sheet.MANUAL}


def test_sheet_is_filled_from_the_task(published):
    task = published
    text, yellow = texts(sheet.render(task))
    assert sheet.TITLE in text and "Mẫu 5" in text and "Thông tư số 14/2014/TT-BKHCN" in text
    for value in (task.title, task.code, "Trường Đại học Hải Phòng".upper(), "171 Phan Đăng Lưu, Kiến An, Hải Phòng",
                  "0225 3876 338 / dhhp@example.vn", task.investigator_name, "Lê Thị Cúc", "Thư ký khoa học",
                  "15/2026/HĐ-KHCN", "950 triệu đồng", "850 triệu đồng", "100 triệu đồng", "san hô; đa dạng sinh học",
                  "Bộ dữ liệu đa dạng sinh học và bản đồ phân bố san hô.", "Đánh giá hiện trạng rạn san hô",
                  "2026-30218-ĐKKQ", "☒ Tỉnh", "☐ Quốc gia", "Đề tài"):
        assert value in text, value
    rating = {"excellent": "Xuất sắc", "pass": "Đạt"}[task.rating]
    assert f"Kết quả đánh giá, nghiệm thu (xếp loại): {rating}" in text
    assert f"từ {task.planned_start:%d/%m/%Y} đến {task.planned_end:%d/%m/%Y}" in text
    # what the record cannot know is left to write by hand, in yellow
    assert yellow and set(yellow) == {sheet.MANUAL}
    for manual in ("Cơ quan chủ quản", "Thuộc chương trình KH&CN (nếu có)",
                   "Quyết định thành lập Hội đồng đánh giá, nghiệm thu (số, ngày)"):
        assert f"{manual}: {sheet.MANUAL}" in text
    assert "điểm" not in text.lower()  # no council scores on the sheet


@pytest.mark.parametrize(("amount", "text"), [
    (None, None), (0, "0 triệu đồng"), (850_000_000, "850 triệu đồng"), (1_234_500_000, "1.234,5 triệu đồng"),
    (12_345_678, "12,346 triệu đồng"),
])
def test_money(amount, text):
    assert sheet.money(amount) == text


def test_sheet_download_for_the_entitled_only(client, people, published):
    task = published
    url = f"/tasks/{task.pk}/registration-sheet.docx"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert "registration-sheet.docx" not in client.get(f"/tasks/{task.pk}/").content.decode()
    other = add_organisation("TVHP", "Thư viện Khoa học tổng hợp Hải Phòng", kind="library")
    outsider = create_user("t-outsider", PASSWORD)
    grant(outsider, "member_editor", other.code)
    for user in (people.nobody, people.c1, people.scientist, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 403, user.username
        assert "registration-sheet.docx" not in client.get(f"/tasks/{task.pk}/").content.decode()
    for user in (people.manager, people.admin, people.pi, people.editor):
        client.force_login(user)
        got = client.get(url)
        assert got.status_code == 200, user.username
        assert got["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
        assert "phieu-dang-ky-" in got["Content-Disposition"]
        assert task.title in texts(got.content)[0]
        assert f'href="{url}"' in client.get(f"/tasks/{task.pk}/").content.decode()


def test_proposals_stay_hidden(client, people):
    proposal = drive(people, "proposed")
    client.force_login(people.scientist)
    assert client.get(f"/tasks/{proposal.pk}/registration-sheet.docx").status_code == 404
    client.force_login(people.pi)  # the proposer
    assert client.get(f"/tasks/{proposal.pk}/registration-sheet.docx").status_code == 200


def test_cli_sheet(published, tmp_path):
    path = tmp_path / "phieu.docx"
    done = CliRunner().invoke(main, ["feed", "sheet", "dt-2026-001", "-o", str(path)])  # code without diacritics
    assert done.exit_code == 0, done.output
    assert published.title in texts(path.read_bytes())[0]
    missing = CliRunner().invoke(main, ["feed", "sheet", "XX-1", "-o", str(path)])
    assert missing.exit_code == 1 and missing.output.strip() == "stinet: error: no task XX-1"
