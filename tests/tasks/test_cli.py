"""`stinet task list` and `stinet task show` (in-process, on the test database)."""

from __future__ import annotations

from datetime import UTC, datetime

from click.testing import CliRunner

from stinet.cli import main
from stinet.tasks import services
from tests.tasks.conftest import drive


def test_list_filter_overdue_and_show(people):
    running = drive(people, "in_progress")
    published = drive(people, "published", title="Đánh giá chất lượng nước vịnh Hạ Long")
    drive(people, "proposed", title="Một đề xuất")
    runner = CliRunner()
    everything = runner.invoke(main, ["task", "list"])
    assert everything.exit_code == 0 and everything.output.strip().endswith("3 tasks")
    only = runner.invoke(main, ["task", "list", "--status", "published"])
    assert published.code in only.output and running.code not in only.output
    overdue = runner.invoke(main, ["task", "list", "--overdue"])
    assert overdue.exit_code == 0
    assert running.code in overdue.output and "OVERDUE: report #1" in overdue.output
    assert published.code not in overdue.output
    shown = runner.invoke(main, ["task", "show", "dt-2026-002"])  # typed without diacritics
    assert shown.exit_code == 0 and published.code in shown.output
    assert "registration: 2026-30218-ĐKKQ" in shown.output and "t-manager result published" in shown.output
    assert "progress report #1" in runner.invoke(main, ["task", "show", running.code]).output


def test_show_takes_the_code_as_written_before_the_code_without_diacritics(people):
    for kind, title in (("project", "Dự án ứng dụng"), ("scheme", "Đề án phát triển")):
        services.propose(people.pi, title=title, objectives="x", year=2026, kind=kind)
    runner = CliRunner()
    for typed, code in (("da-2026-001", "DA-2026-001"), ("đa-2026-001", "ĐA-2026-001"),
                        ("Đa-2026-001", "ĐA-2026-001"), ("DA-2026-001", "DA-2026-001")):
        shown = runner.invoke(main, ["task", "show", typed])
        assert shown.exit_code == 0 and shown.output.startswith(f"{code}  "), (typed, shown.output)
    both = runner.invoke(main, ["task", "show", "đá-2026-001"])
    assert both.exit_code == 1 and both.output.strip().splitlines() == [
        "stinet: error: đá-2026-001 matches several tasks (DA-2026-001, ĐA-2026-001): type the code with its "
        "diacritics"]


def test_errors_are_one_line(people):
    runner = CliRunner()
    missing = runner.invoke(main, ["task", "show", "XX-1"])
    assert missing.exit_code == 1 and missing.output.strip().splitlines() == ["stinet: error: no task XX-1"]
    bad = runner.invoke(main, ["task", "list", "--status", "done"])
    assert bad.exit_code == 2 and "--status" in bad.output


def test_the_lines_are_said_in_the_site_language(people):
    """The command line speaks Vietnamese by default; codes, states as --status takes them and dates stay."""
    from django.utils import translation

    running = drive(people, "in_progress")
    published = drive(people, "published", title="Đánh giá chất lượng nước vịnh Hạ Long")
    runner = CliRunner()
    with translation.override("vi"):
        overdue = runner.invoke(main, ["task", "list", "--overdue"]).output
        shown = runner.invoke(main, ["task", "show", published.code]).output.splitlines()
        bad = runner.invoke(main, ["task", "list", "--status", "done"]).output
    assert overdue.endswith("\n1 nhiệm vụ\n") and f"{running.code} " in overdue
    assert "  QUÁ HẠN: báo cáo định kỳ số 1 hạn " in overdue
    assert shown[1] == "bước 5, published (Đã công bố kết quả)"
    assert shown[2].startswith("Cấp tỉnh, Đề tài, lĩnh vực ") and "năm kế hoạch 2026" in shown[2]
    assert "đăng ký kết quả: số 2026-30218-ĐKKQ ngày " in "\n".join(shown)
    assert any(line.startswith("Hội đồng nghiệm thu: ") for line in shown)
    history = [line for line in shown if line.startswith("  20")]
    assert history and not any(line.endswith(" task-publish") for line in history)  # its history in words
    assert any(line.endswith(" công bố kết quả") for line in history), history
    assert "'done': một trong proposed, rejected" in bad


def test_show_says_the_history_in_the_site_zone_with_its_offset(people, settings):
    from stinet.catalog.models import AuditEntry

    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    proposed = drive(people, "proposed", title="Một đề xuất")
    history = AuditEntry.objects.filter(object_type="task", object_id=str(proposed.pk))
    history.update(at=datetime(2026, 11, 22, 19, 45, tzinfo=UTC))
    shown = CliRunner().invoke(main, ["task", "show", proposed.code])
    assert shown.exit_code == 0, shown.output
    lines = [line for line in shown.output.splitlines() if line.startswith("  ")]
    assert lines and all(line.startswith("  2026-11-23 02:45 (+07) ") for line in lines), lines
