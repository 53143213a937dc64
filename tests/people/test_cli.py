"""`stinet expert ...` as a user runs it (real processes, a fresh data folder)."""

from __future__ import annotations

import json

import pytest

from tests.people.conftest import PEOPLE_ROWS


def test_add_suggest_confirm_find(run, write_csv):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    assert run("import", str(write_csv(PEOPLE_ROWS, "people.csv")), "--org", "HPU").returncode == 0
    added = run("expert", "add", "PGS.TS. Nguyễn Văn An", "--org", "HPU", "--field", "1",
                "--orcid", "https://orcid.org/0000-0002-1694-233X", "--email", "an@example.vn")
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines() == [
        "đã thêm chuyên gia 1: PGS.TS. Nguyễn Văn An",
        "đã gợi ý 4 công trình (xác nhận tại /experts/me/ hoặc bằng 'stinet expert confirm')"]
    listed = run("expert", "suggest", "1")
    assert "đã gợi ý 0 công trình mới cho PGS.TS. Nguyễn Văn An" in listed.stdout
    assert "Nguyễn V. An (author)" in listed.stdout
    confirmed = run("expert", "confirm", "1", "--all")
    assert confirmed.stdout == "đã xác nhận 4 công trình của PGS.TS. Nguyễn Văn An\n", confirmed.stderr
    assert run("expert", "confirm", "1").stderr.endswith("hãy cho WORK_IDS hoặc --all\n")
    assert run("expert", "add", "Trần Thị Bình", "--no-suggest", "--hidden").returncode == 0
    found = run("expert", "find", "san ho", "--json")
    assert found.returncode == 0, found.stderr
    payload = json.loads(found.stdout)
    assert [r["name"] for r in payload["results"]] == ["Nguyễn Văn An"]
    assert payload["results"][0]["works_matched"] == 3 and payload["results"][0]["orcid"] == "0000-0002-1694-233X"
    assert "email" not in found.stdout
    text = run("expert", "find", "san hô")
    assert "PGS.TS. Nguyễn Văn An (HPU): 3 công trình về “san hô” (điểm " in text.stdout
    assert run("expert", "find", "thiên văn").stdout == (
        "chưa có chuyên gia nào có công trình đã xác nhận hoặc nhiệm vụ về 'thiên văn'\n")
    assert [line.split() for line in run("expert", "list").stdout.splitlines()] == [
        ["1", "HPU", "4", "công", "trình", "PGS.TS.", "Nguyễn", "Văn", "An"],
        ["2", "-", "0", "công", "trình", "Trần", "Thị", "Bình", "(ẩn)"]]


@pytest.mark.parametrize(("args", "message"), [
    (("expert", "add", "Lê Văn Cường", "--orcid", "0000-0002-1825-0098"), "sai chữ số kiểm tra"),
    (("expert", "add", "Lê Văn Cường", "--degree", "PhD"), "học vị 'PhD'"),  # in the site's language
    (("expert", "add", "Lê Văn Cường", "--org", "NOPE"), "tổ chức 'NOPE' không tồn tại"),
    (("expert", "add", "Lê Văn Cường", "--user", "nobody"), "không có người dùng 'nobody'"),
    (("expert", "suggest", "42"), "không có chuyên gia 42 (xem 'stinet expert list')"),
])
def test_errors_are_one_line(run, args, message):
    result = run(*args)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"stinet: error: {result.stderr.strip()[15:]}"]
    assert message in result.stderr
