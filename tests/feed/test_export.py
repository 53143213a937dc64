"""`stinet feed export`: a whole part or its changes, JSON Lines or one JSON document, read back."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from django.utils import timezone

from stinet.cli import main
from stinet.feed import services
from stinet.feed.models import Tombstone
from tests.feed.conftest import make_expert, make_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(org):
    tasks = [make_task(org, keywords=["san hô"]) for _ in range(7)]
    for _ in range(3):
        make_expert(org)
    Tombstone.objects.create(part="tasks", key="ĐT-2019-004", object_pk=1234, deleted_at=timezone.now())
    return tasks


def test_jsonl_round_trip_equals_the_api(api, network, tmp_path, monkeypatch, settings):
    monkeypatch.setattr(services, "EXPORT_BATCH", 3)  # several pages, as with 10^5 records
    sizes = []
    real_page = services.page
    monkeypatch.setattr(services, "page", lambda window, limit, base: sizes.append(limit) or
                        real_page(window, limit, base))
    settings.SITE_URL = "http://testserver"  # the CLI's page addresses, the API's come from the request
    path = tmp_path / "tasks.jsonl"
    done = CliRunner().invoke(main, ["feed", "export", "tasks", "-o", str(path)])
    assert done.exit_code == 0, done.output
    assert "tasks: 7 records, 1 deletions" in done.output
    with path.open(encoding="utf-8") as fh:
        header, records = services.read_export(fh)
        records = list(records)
    assert header["schema_version"] == "1.0" and header["part"] == "tasks" and header["since"] is None
    assert header["counts"] == {"records": 7, "deleted": 1} and header["generated_at"].endswith("Z")
    assert sizes == [3, 3, 3]  # 8 records (7 and a deletion) in three pages
    everything = api("tasks", limit=1000).json()["records"]
    assert records == everything  # same records, same order, same values as the API
    assert "san hô" in path.read_text(encoding="utf-8")  # Vietnamese kept as text, not \\u escapes


def test_json_document_and_since(api, network, tmp_path):
    first = tmp_path / "all.json"
    assert CliRunner().invoke(main, ["feed", "export", "personnel", "-o", str(first)]).exit_code == 0
    document = json.loads(first.read_text(encoding="utf-8"))
    assert document["counts"] == {"records": 3, "deleted": 0} and len(document["records"]) == 3
    network[0].title = "Tên mới"
    network[0].save()
    later = tmp_path / "changes.json"
    result = CliRunner().invoke(main, ["feed", "export", "tasks", "--since", document["until"], "-o", str(later)])
    assert result.exit_code == 0, result.output
    changes = json.loads(later.read_text(encoding="utf-8"))
    assert [r["id"] for r in changes["records"]] == [f"task:{network[0].code}"]
    assert changes["records"][0]["title"] == "Tên mới" and changes["since"] == document["until"]


def test_empty_export_is_valid(tmp_path, db):
    out = io.StringIO()
    services.export("organisations", out, fmt="json")
    assert json.loads(out.getvalue())["records"] == []
    out = io.StringIO()
    services.export("organisations", out, fmt="jsonl")
    assert len(out.getvalue().splitlines()) == 1


def test_export_errors_are_one_line(tmp_path):
    runner = CliRunner()
    bad = runner.invoke(main, ["feed", "export", "tasks", "--since", "hôm qua", "-o", str(tmp_path / "x.jsonl")])
    assert bad.exit_code == 1 and bad.output.strip().splitlines() == [
        "stinet: error: since: 'hôm qua' is not an ISO 8601 date or date-time (2026-01-31T08:00:00Z)"]
    assert runner.invoke(main, ["feed", "export", "works", "-o", "x"]).exit_code == 2
    missing = runner.invoke(main, ["feed", "export", "tasks", "-o", str(tmp_path / "nowhere" / "x.jsonl")])
    assert missing.exit_code == 1 and len(missing.output.strip().splitlines()) == 1  # QA 25: it named ".x.jsonl.*.part"
    assert f"{tmp_path / 'nowhere' / 'x.jsonl'}:" in missing.output and ".part" not in missing.output


def test_export_to_standard_output(network):
    result = CliRunner().invoke(main, ["feed", "export", "tasks", "-o", "-"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert json.loads(lines[0])["header"]["counts"] == {"records": 7, "deleted": 1}
    assert len(lines) == 9 and all(json.loads(line)["id"].startswith("task:") for line in lines[1:])


@pytest.mark.parametrize("window", [["--since", "2026-31-01"], ["--until", "hôm qua"], ["--since", "2999-01-01"],
                                    ["--since", "2026-02-01", "--until", "2026-01-01"]])
def test_a_refused_export_leaves_the_previous_one_as_it_was(network, tmp_path, window):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    path = tmp_path / "tasks-prev.jsonl"
    assert CliRunner().invoke(main, ["feed", "export", "tasks", "-o", str(path)]).exit_code == 0
    before = path.read_bytes()
    refused = CliRunner().invoke(main, ["feed", "export", "tasks", *window, "-o", str(path)])
    assert refused.exit_code == 1 and refused.output.startswith("stinet: error: ")
    assert path.read_bytes() == before and len(before) > 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks-prev.jsonl"]
    new = tmp_path / "new.jsonl"
    assert CliRunner().invoke(main, ["feed", "export", "tasks", *window, "-o", str(new)]).exit_code == 1
    assert not new.exists()  # a refusal leaves no empty file either


def test_an_export_failing_midway_leaves_the_previous_one_and_no_temporary_file(network, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    path = tmp_path / "tasks.json"
    assert CliRunner().invoke(main, ["feed", "export", "tasks", "-o", str(path)]).exit_code == 0
    before = path.read_bytes()
    pages = services.pages

    def failing(window, base_url):
        """The first page of three records, then a full disk."""
        for n, current in enumerate(pages(window, base_url, batch=3)):
            if n == 1:
                raise OSError(28, "No space left on device")
            yield current

    monkeypatch.setattr(services, "pages", failing)
    failed = CliRunner().invoke(main, ["feed", "export", "tasks", "-o", str(path)])
    assert failed.exit_code == 1 and "No space left on device" in failed.output
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.json"]


def test_an_export_replaces_the_file_keeping_its_mode_and_links(network, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    path = tmp_path / "tasks.jsonl"
    path.write_text("an older export\n", encoding="utf-8")
    path.chmod(0o640)
    link = tmp_path / "latest.jsonl"
    link.symlink_to(path)
    done = CliRunner().invoke(main, ["feed", "export", "tasks", "-o", str(link)])
    assert done.exit_code == 0, done.output
    assert link.is_symlink() and link.resolve() == path
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["header"]["counts"]["records"] == 7
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.jsonl", "tasks.jsonl"]
    assert CliRunner().invoke(main, ["feed", "export", "tasks", "-o", "/dev/null"]).exit_code == 0


def test_an_export_keeps_the_owner_of_the_file_it_replaces_and_writes_in_place_where_it_must(
        network, tmp_path, monkeypatch):
    import os
    from pathlib import Path

    path = tmp_path / "tasks.jsonl"
    path.write_text("an older export\n", encoding="utf-8")
    if os.geteuid() == 0:  # the tests run as root on CI: give the file another owner
        os.chown(path, 4242, 4243)
        assert CliRunner().invoke(main, ["feed", "export", "tasks", "-o", str(path)]).exit_code == 0
        assert (path.stat().st_uid, path.stat().st_gid) == (4242, 4243)
    real_open = Path.open

    def no_new_files(self, mode="r", *args, **kwargs):  # a folder the process may not write in
        if "x" in mode:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", no_new_files)
    path.write_text("an older export\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["feed", "export", "tasks", "-o", str(path)])
    assert done.exit_code == 0, done.output
    assert path.read_text(encoding="utf-8").startswith('{"header"')
