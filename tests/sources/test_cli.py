"""`stinet harvest`, `stinet source ...` and `stinet worker` as a user runs them (real processes):
the command line speaks the site's language, Vietnamese."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from click.testing import CliRunner

from stinet.cli import main
from tests.sources.conftest import capture, dc_record, page, xml


def test_harvest_then_list_run_and_worker(run, oai_server):
    oai_server.on(xml(capture("sickle", "Identify.xml")), verb="Identify")
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Nghiên cứu đa dạng sinh học", type="Luận văn thạc sĩ")
                           + dc_record("oai:hpu:2", "", deleted=True))), verb="ListRecords")
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    refused = run("harvest", oai_server.url, "--org", "HPU")
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    assert "địa chỉ nội bộ 127.0.0.1" in refused.stderr and "internal address" not in refused.stderr
    done = run("harvest", oai_server.url, "--org", "HPU", "--allow-private")
    assert done.returncode == 0, done.stderr
    assert "127.0.0.1: 1 mới, 0 cập nhật, 0 không đổi, 0 đã xoá, 0 bị từ chối; 1 trang trong " in done.stdout
    assert "(thu thập toàn bộ, oai_dc)" in done.stdout and "Identify: " in done.stdout
    listed = json.loads(run("source", "list", "--json").stdout)
    assert len(listed) == 1 and listed[0]["health"] == "ok" and listed[0]["counts"]["new"] == 1
    assert listed[0]["last_datestamp"] == "2024-06-01"
    again = run("source", "run", str(listed[0]["id"]))
    assert again.returncode == 0 and "(từ 2024-06-01, oai_dc)" in again.stdout and "1 không đổi" in again.stdout
    assert "verb=ListRecords&metadataPrefix=oai_dc&from=2024-06-01" in oai_server.received
    assert run("worker", "--once").returncode == 0  # nothing due: the source runs again in 182 days
    listed_text = run("source", "list").stdout
    assert "Bình thường" in listed_text and "lần chạy gần nhất" in listed_text and "(0 mới, 0 cập nhật" in listed_text
    # times in the site's time zone (Vietnam), as the web pages show them, not UTC
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    last = datetime.fromisoformat(listed[0]["last_run_at"])
    shown = {f"{(last + timedelta(minutes=m)).astimezone(ZoneInfo('Asia/Ho_Chi_Minh')):%Y-%m-%d %H:%M} (+07)"
             for m in (0, 1)}
    assert any(f"lần chạy gần nhất {when} " in listed_text for when in shown), listed_text


def test_a_first_harvest_of_an_address_that_answers_nothing_leaves_no_source(run, oai_server):
    """QA 20: a mistyped address (HTTP 404, no OAI-PMH there) became a source retried every day, and the
    command said three lines; one line now, and no source. A source that harvested once stays when it fails."""
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    failed = run("harvest", oai_server.url + "/nonexistent", "--org", "HPU", "--allow-private")
    assert failed.returncode == 1 and failed.stdout == "" and len(failed.stderr.strip().splitlines()) == 1
    assert "404" in failed.stderr, failed.stderr
    assert json.loads(run("source", "list", "--json").stdout) == []
    oai_server.on(xml(capture("sickle", "Identify.xml")), verb="Identify")
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Nghiên cứu đa dạng sinh học"))), verb="ListRecords")
    assert run("harvest", oai_server.url, "--org", "HPU", "--allow-private").returncode == 0
    oai_server.routes.clear()  # the repository gone: the saved source stays, failing
    assert run("harvest", oai_server.url, "--org", "HPU", "--allow-private").returncode == 1
    assert [s["health"] for s in json.loads(run("source", "list", "--json").stdout)] == ["failing"]


def test_source_add_and_a_failing_run(run, oai_server):
    oai_server.on(xml(capture("sickle", "Identify.xml")), verb="Identify")
    oai_server.on(xml(capture("sickle", "cannotDisseminateFormat.xml")), verb="ListRecords")
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng").returncode == 0
    added = run("source", "add", "HPU", oai_server.url, "--label", "DSpace", "--set", "com_1",
                "--every", "30", "--allow-private")
    assert added.returncode == 0 and added.stdout.startswith("đã thêm nguồn thu thập 1: HPU DSpace (")
    assert "oai_dc, tập hợp com_1, mỗi 30 ngày)" in added.stdout, added.stderr
    due = run("source", "run", "--due")
    assert due.returncode == 1 and "nguồn thu thập 1 (DSpace): thất bại: " in due.stdout
    assert "lỗi OAI-PMH cannotDisseminateFormat" in due.stdout  # the protocol's error code is not translated
    text = run("source", "list").stdout
    assert "Đang lỗi" in text and "lỗi: " in text and "cannotDisseminateFormat" in text
    missing = run("source", "run", "99")
    assert missing.returncode == 1 and missing.stderr.strip() == (
        "stinet: error: không có nguồn thu thập 99 (xem 'stinet source list')")
    bad = run("source", "add", "HPU", "ftp://example.org/oai")
    assert bad.returncode == 1 and bad.stderr.strip() == (
        "stinet: error: ftp://example.org/oai: chỉ thu thập từ URL http và https")


def test_every_command_has_help(run):
    for args in (("harvest", "--help"), ("source", "add", "--help"), ("source", "list", "--help"),
                 ("source", "run", "--help"), ("worker", "--help")):
        result = run(*args)
        assert result.returncode == 0 and result.stdout.startswith("Cách dùng: "), args  # Vietnamese by default


def test_source_set_changes_the_schedule(run):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    assert run("source", "add", "HPU", "http://127.0.0.1:9/oai", "--allow-private").returncode == 0
    changed = run("source", "set", "1", "--every", "30", "--label", "DSpace HPU")
    assert changed.returncode == 0 and "nguồn thu thập 1: DSpace HPU, oai_dc, mỗi 30 ngày, lần chạy tới " in \
        changed.stdout
    assert run("source", "set", "1", "--every", "0").stderr.strip() == "stinet: error: chu kỳ 0: ít nhất 1 ngày"
    assert run("source", "set", "99", "--every", "3").stderr.startswith("stinet: error: không có nguồn thu thập 99")


def test_refusals_are_one_line_in_vietnamese(run):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    url = "http://127.0.0.1:9/oai"
    for args, message in [
        (("harvest", "ftp://example.org/oai", "--org", "HPU"),
         "ftp://example.org/oai: chỉ thu thập từ URL http và https"),
        (("harvest", url, "--org", "HPU", "--prefix", "mods", "--allow-private"),
         "tiền tố siêu dữ liệu 'mods': trình thu thập chỉ đọc được oai_dc và marcxml"),
        (("harvest", url, "--org", "HPU", "--set", "a b", "--allow-private"),
         "tập hợp 'a b': không phải setSpec OAI-PMH hợp lệ"),
        (("harvest", url, "--org", "HPU", "--from", "2024-02-30"),
         "ngày bắt đầu '2024-02-30': cần một ngày dạng YYYY-MM-DD hoặc YYYY-MM-DDThh:mm:ssZ"),
        (("source", "add", "HPU", "http://user:secret@example.org/oai"),
         "http://user:secret@example.org/oai: không chấp nhận tên người dùng và mật khẩu trong URL"),
        # QA 23: a traceback (OverflowError), or a source whose every run then failed to schedule the next
        (("source", "add", "HPU", url, "--allow-private", "--every", "99999999999999999999"),
         "chu kỳ 99999999999999999999: nhiều nhất 3650 ngày"),
        (("source", "add", "HPU", url, "--allow-private", "--every", "10000000"),
         "chu kỳ 10000000: nhiều nhất 3650 ngày"),
        (("source", "add", "HPU", url, "--allow-private", "--label", "x" * 201),
         "tên: tối đa 200 kí tự (tên này có 201)"),
        (("source", "add", "HPU", url, "--allow-private", "--label", "dòng 1\ndòng 2"),
         "tên: một dòng, không có kí tự điều khiển"),
        (("harvest", "http://example.org:99999/oai", "--org", "HPU"),  # review 23: Python's English words
         "http://example.org:99999/oai: cổng không phải là một số từ 1 đến 65535"),
        (("harvest", url, "--org", "HPU", "--from", "2024-01-05", "--full", "--allow-private"),
         "--from và --full: chỉ dùng một trong hai (--full thu thập toàn bộ, --from những gì thay đổi từ một ngày)"),
    ]:
        refused = run(*args)
        assert (refused.returncode, refused.stderr) == (1, f"stinet: error: {message}\n"), args
    assert run("source", "add", "HPU", url, "--allow-private").returncode == 0
    for spelt in ("HTTP://127.0.0.1:9/oai/", "http://127.0.0.1:9//oai"):  # QA 23: one list added thrice
        again = run("source", "add", "HPU", spelt, "--allow-private")
        assert again.returncode == 1 and "HPU đã thu thập danh sách này: nguồn 1" in again.stderr, again.stderr
    run("source", "remove", "1")
    neither = run("source", "run")
    assert neither.returncode == 2 and "hãy cho SOURCE_ID hoặc --due (chỉ một trong hai)" in neither.stderr
    assert json.loads(run("source", "list", "--json").stdout) == []


NEXT = datetime(2026, 11, 22, 20, 5, tzinfo=UTC)  # 03:05 on the 23rd in Vietnam


def _source_due_at(when: datetime) -> int:
    """A saved source whose next run is at `when`; its id."""
    from stinet.sources.models import Source
    from stinet.sources.services import add_source

    added = add_source("HPU", "http://127.0.0.1:9/oai", allow_private=True)
    Source.objects.filter(pk=added.pk).update(next_run_at=when)
    return added.pk


def test_list_and_set_say_the_next_run_in_the_site_zone_with_its_offset(settings, org):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    source_id = _source_due_at(NEXT)
    listed = CliRunner().invoke(main, ["source", "list"])
    assert listed.exit_code == 0 and listed.output.rstrip().endswith("; next 2026-11-23 03:05 (+07)"), listed.output
    changed = CliRunner().invoke(main, ["source", "set", str(source_id), "--label", "DSpace"])
    assert changed.exit_code == 0 and changed.output.endswith(", next run 2026-11-23 03:05 (+07)\n"), changed.output


def test_list_json_keeps_iso_8601_with_an_offset(settings, org):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    _source_due_at(NEXT)
    row = json.loads(CliRunner().invoke(main, ["source", "list", "--json"]).output)[0]
    assert datetime.fromisoformat(row["next_run_at"]) == NEXT and row["next_run_at"].endswith("+00:00")
    assert row["last_run_at"] is None
