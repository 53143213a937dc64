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
    assert "added expert 1: PGS.TS. Nguyễn Văn An" in added.stdout
    assert "4 works suggested" in added.stdout
    listed = run("expert", "suggest", "1")
    assert "0 new works suggested" in listed.stdout and "Nguyễn V. An (author)" in listed.stdout
    confirmed = run("expert", "confirm", "1", "--all")
    assert "4 works confirmed" in confirmed.stdout, confirmed.stderr
    assert run("expert", "add", "Trần Thị Bình", "--no-suggest").returncode == 0
    found = run("expert", "find", "san ho", "--json")
    assert found.returncode == 0, found.stderr
    payload = json.loads(found.stdout)
    assert [r["name"] for r in payload["results"]] == ["Nguyễn Văn An"]
    assert payload["results"][0]["works_matched"] == 3 and payload["results"][0]["orcid"] == "0000-0002-1694-233X"
    assert "email" not in found.stdout
    text = run("expert", "find", "san hô")
    assert "PGS.TS. Nguyễn Văn An (HPU): 3 công trình về “san hô”" in text.stdout
    assert "Trần Thị Bình" in run("expert", "list").stdout


@pytest.mark.parametrize(("args", "message"), [
    (("expert", "add", "Lê Văn Cường", "--orcid", "0000-0002-1825-0098"), "sai chữ số kiểm tra"),
    (("expert", "add", "Lê Văn Cường", "--degree", "PhD"), "học vị 'PhD'"),  # in the site's language
    (("expert", "add", "Lê Văn Cường", "--org", "NOPE"), "tổ chức 'NOPE' không tồn tại"),
    (("expert", "add", "Lê Văn Cường", "--user", "nobody"), "không có người dùng 'nobody'"),
    (("expert", "suggest", "42"), "expert 42 does not exist"),
])
def test_errors_are_one_line(run, args, message):
    result = run(*args)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"stinet: error: {result.stderr.strip()[15:]}"]
    assert message in result.stderr
