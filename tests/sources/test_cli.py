"""`stinet harvest`, `stinet source ...` and `stinet worker` as a user runs them (real processes)."""

from __future__ import annotations

import json

from tests.sources.conftest import capture, dc_record, page, xml


def test_harvest_then_list_run_and_worker(run, oai_server):
    oai_server.on(xml(capture("sickle", "Identify.xml")), verb="Identify")
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Nghiên cứu đa dạng sinh học", type="Luận văn thạc sĩ")
                           + dc_record("oai:hpu:2", "", deleted=True))), verb="ListRecords")
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    refused = run("harvest", oai_server.url, "--org", "HPU")
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    assert "internal address 127.0.0.1" in refused.stderr
    done = run("harvest", oai_server.url, "--org", "HPU", "--allow-private")
    assert done.returncode == 0, done.stderr
    assert "127.0.0.1: 1 new, 0 updated, 0 unchanged, 0 deleted, 0 rejected; 1 pages" in done.stdout
    listed = json.loads(run("source", "list", "--json").stdout)
    assert len(listed) == 1 and listed[0]["health"] == "ok" and listed[0]["counts"]["new"] == 1
    assert listed[0]["last_datestamp"] == "2024-06-01"
    again = run("source", "run", str(listed[0]["id"]))
    assert again.returncode == 0 and "from 2024-06-01" in again.stdout and "1 unchanged" in again.stdout
    assert "verb=ListRecords&metadataPrefix=oai_dc&from=2024-06-01" in oai_server.received
    assert run("worker", "--once").returncode == 0  # nothing due: the source runs again in 182 days
    assert "ok" in run("source", "list").stdout


def test_source_add_and_a_failing_run(run, oai_server):
    oai_server.on(xml(capture("sickle", "Identify.xml")), verb="Identify")
    oai_server.on(xml(capture("sickle", "cannotDisseminateFormat.xml")), verb="ListRecords")
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng").returncode == 0
    added = run("source", "add", "HPU", oai_server.url, "--label", "DSpace", "--set", "com_1",
                "--every", "30", "--allow-private")
    assert added.returncode == 0 and "every 30 days" in added.stdout, added.stderr
    due = run("source", "run", "--due")
    assert due.returncode == 1 and "failed: " in due.stdout and "cannotDisseminateFormat" in due.stdout
    text = run("source", "list").stdout
    assert "failing" in text and "error: " in text and "cannotDisseminateFormat" in text
    missing = run("source", "run", "99")
    assert missing.returncode == 1 and missing.stderr.strip() == (
        "stinet: error: source 99 does not exist (see 'stinet source list')")
    bad = run("source", "add", "HPU", "ftp://example.org/oai")
    assert bad.returncode == 1 and "only http and https" in bad.stderr


def test_every_command_has_help(run):
    for args in (("harvest", "--help"), ("source", "add", "--help"), ("source", "list", "--help"),
                 ("source", "run", "--help"), ("worker", "--help")):
        result = run(*args)
        assert result.returncode == 0 and "Usage:" in result.stdout, args


def test_source_set_changes_the_schedule(run):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    assert run("source", "add", "HPU", "http://127.0.0.1:9/oai", "--allow-private").returncode == 0
    changed = run("source", "set", "1", "--every", "30", "--label", "DSpace HPU")
    assert changed.returncode == 0 and "DSpace HPU, oai_dc, every 30 days" in changed.stdout
    assert run("source", "set", "1", "--every", "0").stderr.startswith("stinet: error: interval 0")
    assert run("source", "set", "99", "--every", "3").stderr.startswith("stinet: error: source 99 does not exist")
