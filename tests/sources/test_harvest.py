"""Harvests into the catalogue: pages stored, deletions, failures that keep what was stored, resumes."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta

import pytest
from django.utils import timezone

from stinet.catalog.models import Holding, ImportRun, Work
from stinet.sources.client import MalformedResponse, OAIProtocolError
from stinet.sources.models import Source
from stinet.sources.scheduler import run_due_sources
from stinet.sources.services import add_source, claim, run_source
from tests.sources.conftest import capture, dc_record, page, xml

pytestmark = pytest.mark.django_db



def identify() -> tuple[int, dict[str, str], bytes]:
    """A real Identify answer (granularity YYYY-MM-DD, deletedRecord persistent)."""
    return xml(capture("sickle", "Identify.xml"))


@pytest.fixture
def source(org, oai_server):
    """An OAI source of HPU at the test server."""
    oai_server.on(identify(), verb="Identify")
    return add_source("HPU", oai_server.url, label="HPU DSpace", allow_private=True)


def held(org) -> dict[str, str]:
    """HPU's holdings: local id -> work title."""
    return dict(Holding.objects.filter(organisation=org).values_list("local_id", "work__title"))


def test_a_two_page_harvest_with_a_deletion(org, source, oai_server, sleeps):
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Luận văn một", type="Luận văn thạc sĩ", creator="Nguyễn Văn An")
                           + dc_record("oai:hpu:2", "Bài báo hai", type="Bài báo"), "T1",
                           response_date="2024-06-01T08:00:00Z")), verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(page(dc_record("oai:hpu:3", "Báo cáo ba", type="Báo cáo kết quả nghiên cứu")
                           + dc_record("oai:hpu:9", "", deleted=True) + dc_record("oai:hpu:4", ""))),
                  resumptionToken="T1")
    report = run_source(source)
    assert (report.new, report.deleted, report.deleted_absent, report.rejected, report.pages) == (3, 0, 1, 1, 2)
    # the line is the record's place in the list
    assert report.rejections == [{"line": 5, "identifier": "oai:hpu:4", "reason": "dc.title: missing title"}]
    assert held(org) == {"oai:hpu:1": "Luận văn một", "oai:hpu:2": "Bài báo hai", "oai:hpu:3": "Báo cáo ba"}
    assert set(Work.objects.values_list("type", flat=True)) == {"thesis", "article", "report"}
    source.refresh_from_db()
    assert (source.last_datestamp, source.resume_token, source.last_error, source.status) == ("2024-06-01", "", "",
                                                                                          "idle")
    assert source.next_run_at > timezone.now() + timedelta(days=181)
    run = ImportRun.objects.get(pk=source.last_run_id)
    assert run.status == "done" and run.format == "oai_dc" and run.source_name == "HPU DSpace"
    assert run.counts["deleted"] == 0 and run.report["pages"] == 2 and run.report["rejections"][0]["identifier"]
    assert any("oai:hpu:4: dc.title: missing title" in line for line in report.lines())

    # the next run is incremental (from the stored upper bound); a deleted record removes the holding
    oai_server.on(xml(page(dc_record("oai:hpu:2", "", deleted=True)
                           + dc_record("oai:hpu:1", "Luận văn một (sửa)", type="Luận văn thạc sĩ"),
                           response_date="2024-07-01T09:00:00Z")), verb="ListRecords", metadataPrefix="oai_dc",
                  **{"from": "2024-06-01"})
    report = run_source(source)
    assert (report.new, report.updated, report.deleted) == (0, 1, 1)
    assert held(org) == {"oai:hpu:1": "Luận văn một (sửa)", "oai:hpu:3": "Báo cáo ba"}
    assert not Work.objects.filter(title="Bài báo hai").exists()
    source.refresh_from_db()
    assert source.last_datestamp == "2024-07-01"


def test_a_malformed_page_stops_keeps_what_was_stored_and_resumes_next_time(org, source, oai_server, sleeps):
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một"), "T1", response_date="2024-06-01T08:00:00Z")),
                  verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(capture("sickle", "ListRecordsBroken.xml")), resumptionToken="T1")
    with pytest.raises(MalformedResponse, match="not an OAI-PMH response"):
        run_source(source)
    source.refresh_from_db()
    assert held(org) == {"oai:hpu:1": "Một"}
    assert (source.resume_token, source.resume_started, source.last_datestamp) == ("T1", "2024-06-01", "")
    assert "not an OAI-PMH response" in source.last_error and source.status == "idle"
    assert timezone.now() < source.next_run_at <= timezone.now() + timedelta(days=1)
    run = ImportRun.objects.get(pk=source.last_run_id)
    assert run.status == "failed" and run.report["stopped_token"] == "T1" and run.counts["new"] == 1

    oai_server.received.clear()
    oai_server.on(xml(page(dc_record("oai:hpu:2", "Hai"), response_date="2024-06-09T00:00:00Z")),
                  resumptionToken="T1")
    report = run_source(source)
    assert oai_server.received == ["verb=Identify", "verb=ListRecords&resumptionToken=T1"]
    assert report.resumed_token == "T1" and report.new == 1
    source.refresh_from_db()
    assert held(org) == {"oai:hpu:1": "Một", "oai:hpu:2": "Hai"}
    assert (source.resume_token, source.last_datestamp, source.last_error) == ("", "2024-06-01", "")


def test_a_harvest_from_a_date_after_an_interrupted_first_one_leaves_no_gap(org, source, oai_server, sleeps):
    """The first list stopped after its first page; a --from run lists only recent changes: the records of
    the unfinished list's other pages (older) must still come with the next run, not be skipped for good."""
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một"), "T1", response_date="2024-06-01T08:00:00Z")),
                  verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(capture("sickle", "ListRecordsBroken.xml")), resumptionToken="T1")
    with pytest.raises(MalformedResponse):
        run_source(source)
    oai_server.on(xml(page(dc_record("oai:hpu:5", "Năm"), response_date="2024-06-09T00:00:00Z")),
                  verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2024-06-05"})
    assert run_source(source, from_date="2024-06-05").new == 1
    source.refresh_from_db()
    assert source.last_datestamp == ""  # no complete list yet: the next run lists everything
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một") + dc_record("oai:hpu:2", "Hai")
                           + dc_record("oai:hpu:5", "Năm"), response_date="2024-06-10T00:00:00Z")),
                  verb="ListRecords", metadataPrefix="oai_dc")
    run_source(source)
    assert set(held(org)) == {"oai:hpu:1", "oai:hpu:2", "oai:hpu:5"}


def test_a_stop_right_after_a_group_is_stored_waits_until_it_is_indexed(org, source, oai_server, sleeps, monkeypatch):
    """QA 25: a stop between a group's commit (with its resume point) and its indexing left it stored, never
    searchable: the next run resumes after it."""
    import os
    import signal

    from stinet.search.base import SearchRequest
    from stinet.search.service import search_json
    from stinet.sources import harvesting

    real = harvesting.indexing.records_created

    def stopped_before(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as the group (and its resume point) has just committed
        return real(*args, **kwargs)

    monkeypatch.setattr(harvesting.indexing, "records_created", stopped_before)
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Công trình 1"), "T1")), verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(page(dc_record("oai:hpu:2", "Công trình 2"))), resumptionToken="T1")
    with pytest.raises(KeyboardInterrupt):
        run_source(source)
    assert held(org) and search_json(SearchRequest(q="công trình"))["total"] == len(held(org))


def test_a_stop_while_waiting_for_a_page_keeps_the_pages_received(org, source, oai_server, sleeps, monkeypatch):
    """QA 26: stopped while a slow source sent its second page, the first page's records (a group still filling)
    were thrown away, and the run said the stored pages were kept."""
    from stinet.sources import harvesting

    def stopped(pages, idle=None):
        raise KeyboardInterrupt  # Ctrl-C, or a stop signal, while the next page is awaited
        yield

    monkeypatch.setattr(harvesting, "read_ahead", stopped)
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một") + dc_record("oai:hpu:2", "Hai"), "T1")),
                  verb="ListRecords", metadataPrefix="oai_dc")
    with pytest.raises(KeyboardInterrupt):
        run_source(source)
    assert sorted(held(org)) == ["oai:hpu:1", "oai:hpu:2"]
    source.refresh_from_db()
    assert source.resume_token == "T1"  # the next run asks for the page that did not come


def test_a_hub_harvesting_its_own_feed_adds_holdings_not_works(org, oai_server, sleeps, client, write_csv, settings):
    """QA 25: a record of our own feed that matched its work only as a doubtful pair (no author, no year) became a
    new work, which the feed then offered again: one more work at every harvest. A record naming one of our works
    (our OAI identifier, our page's address) joins it; one of another hub's work of the same number does not."""
    from stinet.catalog.services import add_organisation
    from stinet.ingest.services import import_file
    from tests.conftest import row

    settings.SITE_URL = "http://testserver"
    import_file(write_csv([row("Báo cáo tổng kết năm", id="w1"),  # little to match on: a doubtful pair only
                           row("Nghiên cứu đa dạng sinh học rạn san hô", id="w2", dc_contributor_author="Nguyễn Văn An",
                               dc_date_issued="2016")]), "HPU")
    add_organisation("H4", "Bản sao của cổng", member=True)
    oai_server.on(identify(), verb="Identify")
    oai_server.on(xml(client.get("/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content),
                  verb="ListRecords", metadataPrefix="oai_dc")
    source = add_source("H4", oai_server.url, label="Cổng của mạng lưới", allow_private=True)
    for _run in range(2):
        assert run_source(source, full=True).rejected == 0
        assert Work.objects.count() == 2
        assert sorted(Holding.objects.values_list("work__title", "organisation__code")) == [
            ("Báo cáo tổng kết năm", "H4"), ("Báo cáo tổng kết năm", "HPU"),
            ("Nghiên cứu đa dạng sinh học rạn san hô", "H4"), ("Nghiên cứu đa dạng sinh học rạn san hô", "HPU")]
    # another hub's feed (the same default repository identifier) naming our work 1 for a work of its own
    add_organisation("HUB2", "Mạng lưới khác", member=True)
    other = Work.objects.get(title="Báo cáo tổng kết năm").pk
    oai_server.on(xml(page(dc_record(f"oai:stinet.local:work/{other}", "Quy hoạch nuôi trồng thuỷ sản ven biển"))),
                  verb="ListRecords", metadataPrefix="oai_dc")
    assert run_source(add_source("HUB2", oai_server.url, label="Hub 2", allow_private=True)).new == 1
    assert Work.objects.count() == 3
    # a record that gives our page's address (another hub harvested ours, and its feed passed it on)
    import_file(write_csv([row("Báo cáo tổng kết năm", id="u1", dc_identifier_uri=f"http://testserver/works/{other}/")],
                          "hub2.csv"), "HUB2")
    assert Work.objects.count() == 3 and Holding.objects.filter(work_id=other, organisation__code="HUB2").exists()


def test_a_run_killed_outright_shows_the_pages_it_stored(org, source, oai_server, sleeps, monkeypatch):
    """QA 23: a harvest killed with kill -9 showed "0 pages in 0 s" beside the 501 records it had stored (its end,
    which writes them, never came)."""
    from stinet.catalog.models import ImportRun
    from stinet.sources import harvesting

    monkeypatch.setattr(harvesting, "_finish", lambda *args, **kwargs: None)  # the process dies: no end written
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một"), "T1")), verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(capture("sickle", "ListRecordsBroken.xml")), resumptionToken="T1")
    with pytest.raises(MalformedResponse):
        run_source(source)
    run = ImportRun.objects.get()
    assert run.status == "running" and run.counts["new"] == 1
    assert run.report["pages"] == 1 and run.report["seconds"] >= 0 and run.report["source_id"] == source.pk


def test_an_expired_token_restarts_the_list_from_the_last_datestamp(org, source, oai_server):
    Source.objects.filter(pk=source.pk).update(resume_token="OLD", resume_started="2024-05-01",
                                               last_datestamp="2024-01-01")
    source.refresh_from_db()
    oai_server.on(xml(capture("zenodo", "zenodo_ListRecords_list_records-10_error-badResumptionToken_http422.xml"),
                      422), resumptionToken="OLD")
    oai_server.on(xml(page(dc_record("oai:hpu:5", "Năm"), response_date="2024-06-02T00:00:00Z")),
                  verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2024-01-01"})
    report = run_source(source)
    assert report.new == 1 and any("restarted from 2024-01-01" in line for line in report.lines())
    source.refresh_from_db()
    assert source.last_datestamp == "2024-06-02" and source.resume_token == ""


def test_a_list_restarted_after_its_token_expired_counts_each_record_once(org, source, oai_server, monkeypatch):
    """The records the list gave before its token was refused come again after the restart: they were
    counted then (new, rejected, deleted) and are not counted a second time (as unchanged, rejected...)."""
    from stinet.sources import pipeline

    monkeypatch.setattr(pipeline, "STORE_RECORDS", 1)  # each page stored as it comes
    refused = xml(capture("zenodo", "zenodo_ListRecords_list_records-10_error-badResumptionToken_http422.xml"), 422)
    decomposed = unicodedata.normalize("NFD", "Một")  # converted (and counted) once, however often it comes
    first = page(dc_record("oai:hpu:1", decomposed, type="Loại lạ") + dc_record("oai:hpu:2", "")
                 + dc_record("oai:hpu:3", "", deleted=True) + dc_record("oai:hpu:4", "Bốn"), "T1")
    oai_server.on([xml(first), xml(page(dc_record("oai:hpu:1", decomposed, type="Loại lạ") + dc_record("oai:hpu:2", "")
                                        + dc_record("oai:hpu:3", "", deleted=True)
                                        + dc_record("oai:hpu:4", "Bốn (sửa)"), "T2"))],
                  verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(refused, resumptionToken="T1")
    oai_server.on(xml(page(dc_record("oai:hpu:5", "Năm"))), resumptionToken="T2")
    report = run_source(source)
    assert (report.new, report.updated, report.unchanged, report.rejected, report.deleted_absent) == (3, 1, 0, 1, 1)
    assert [r["identifier"] for r in report.rejections] == ["oai:hpu:2"]
    assert held(org) == {"oai:hpu:1": "Một", "oai:hpu:4": "Bốn (sửa)", "oai:hpu:5": "Năm"}
    assert any("the list was restarted" in line for line in report.lines())
    assert report.conversions == {"nfd": 1} and report.unmapped_types == {"Loại lạ": 1}


def test_a_version_rejected_then_deleted_or_sent_again_is_not_counted_rejected(org, source, oai_server):
    bare = ("<record><header><identifier>oai:hpu:4</identifier><datestamp>2024-05-01T00:00:00Z</datestamp>"
            "</header></record>")  # no metadata
    oai_server.on(xml(page(dc_record("oai:hpu:1", "") + dc_record("oai:hpu:2", "") + dc_record("oai:hpu:3", "")
                           + bare + dc_record("oai:hpu:1", "", deleted=True) + dc_record("oai:hpu:2", "Hai")
                           + dc_record("oai:hpu:3", "") + dc_record("oai:hpu:4", "Bốn"))),
                  verb="ListRecords", metadataPrefix="oai_dc")
    report = run_source(source)
    assert (report.new, report.rejected, report.deleted_absent) == (2, 1, 1)
    assert [(r["identifier"], r["line"]) for r in report.rejections] == [("oai:hpu:3", 7)]  # its last version
    assert held(org) == {"oai:hpu:2": "Hai", "oai:hpu:4": "Bốn"}


def test_a_token_refused_after_the_restart_is_not_where_the_next_run_resumes(org, source, oai_server):
    refused = xml(capture("zenodo", "zenodo_ListRecords_list_records-10_error-badResumptionToken_http422.xml"), 422)
    Source.objects.filter(pk=source.pk).update(resume_token="OLD", resume_started="2024-05-01",
                                               last_datestamp="2024-01-01")
    source.refresh_from_db()
    oai_server.on(refused, resumptionToken="OLD")
    oai_server.on(refused, resumptionToken="T1")
    oai_server.on(xml(page(dc_record("oai:hpu:5", "Năm"), "T1")), verb="ListRecords", metadataPrefix="oai_dc")
    with pytest.raises(OAIProtocolError, match="badResumptionToken") as info:
        run_source(source)
    source.refresh_from_db()
    assert source.resume_token == "" and Holding.objects.count() == 1  # what came is kept; the list starts again
    assert not any("resumes at token" in line for line in info.value.report.lines())


def test_an_oai_error_fails_the_run_with_its_code_and_never_disables_the_source(org, source, oai_server):
    oai_server.on(xml(capture("sickle", "cannotDisseminateFormat.xml")), verb="ListRecords")
    with pytest.raises(OAIProtocolError, match="cannotDisseminateFormat"):
        run_source(source)
    source.refresh_from_db()
    assert "OAI-PMH error cannotDisseminateFormat" in source.last_error and source.next_run_at is not None
    assert source.health == "failing"


def test_no_records_match_is_a_successful_empty_harvest(org, source, oai_server):
    oai_server.on(xml(capture("zenodo", "zenodo_ListRecords_list_records-02_error-noRecordsMatch_http422.xml"), 422),
                  verb="ListRecords")
    report = run_source(source)
    source.refresh_from_db()
    assert report.new == 0 and report.status == "done" and source.last_datestamp == "2026-08-13"


def test_the_erasmus_dspace_capture_with_deleted_records(org, source, oai_server):
    oai_server.on(xml(capture("pyoai-erasmus-dspace", "fake2_00002.xml")), verb="ListRecords")
    first = run_source(source, full=True)
    assert first.new + first.rejected == 79 and first.deleted_absent == 2
    assert Holding.objects.filter(organisation=org).count() == first.new


def test_the_scheduler_runs_due_sources_and_records_failures(org, source, oai_server, sleeps):
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một"))), verb="ListRecords")
    broken = add_source("HPU", "http://127.0.0.1:9/oai", label="down", allow_private=True)  # nothing listens
    later = add_source("HPU", oai_server.url, label="later", set_spec="s", allow_private=True)
    Source.objects.filter(pk=later.pk).update(next_run_at=timezone.now() + timedelta(days=3))
    outcomes = {o.label: o for o in run_due_sources()}
    assert set(outcomes) == {"HPU DSpace", "down"}
    assert outcomes["HPU DSpace"].ok and not outcomes["down"].ok
    broken.refresh_from_db()
    assert broken.last_error and broken.next_run_at > timezone.now() and broken.status == "idle"
    assert run_due_sources() == []  # nothing due until their next run


def test_a_stale_lock_is_taken_over_after_a_restart(org, source):
    now = timezone.now()
    assert claim(source.pk, "worker-a", now)
    assert not claim(source.pk, "worker-b", now + timedelta(minutes=5))
    run = ImportRun.objects.create(organisation=org, source_name="x", format="oai_dc")
    Source.objects.filter(pk=source.pk).update(last_run=run)
    assert claim(source.pk, "worker-b", now + timedelta(hours=1))
    source.refresh_from_db()
    run.refresh_from_db()
    assert source.locked_by == "worker-b" and run.status == "failed" and "interrupted" in run.error


def test_a_running_source_is_not_started_twice(org, source):
    assert claim(source.pk, "someone-else")
    with pytest.raises(ValueError, match="being harvested"):
        run_source(source)


def test_a_lock_whose_process_ended_is_taken_over_at_once(org, source, oai_server):
    """A run killed outright (kill -9, a power cut of the worker) never released its lock: when the process
    named in it ran on this host and no longer runs, the source is free at once, not after STALE_AFTER."""
    import socket
    import subprocess
    import sys

    from stinet.catalog.processes import _machine, _started
    from stinet.sources.scheduler import due_sources
    from stinet.sources.services import remove_source

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    host, dead = socket.gethostname(), int(ended.stdout)
    gone = f"{host}:{dead}:12345:{_machine()}"
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    started = _started(alive.pid)
    try:
        for holder, free in ((f"{host}:{alive.pid}:{started}:{_machine()}", False),  # a live process
                             (f"other-host:{dead}:12345:{_machine()}", False),  # another machine: its heartbeat
                             (f"{host}:{dead}:12345:0123456789", False),  # a container of the same host name
                             (f"{host}:{dead}", False), ("cli", False),  # names of older versions
                             (f"{host}:{alive.pid}:{int(started) + 1}:{_machine()}", True),  # its id taken again
                             (gone, True)):
            Source.objects.filter(pk=source.pk).update(status="running", locked_by=holder, heartbeat_at=timezone.now(),
                                                       next_run_at=timezone.now())
            assert (source.pk in due_sources(timezone.now())) is free, holder
            if not free:
                with pytest.raises(ValueError, match="being harvested"):
                    run_source(source)
                with pytest.raises(ValueError, match="is running"):
                    remove_source(source)
    finally:
        alive.kill()
        alive.wait()
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một"))), verb="ListRecords")
    assert run_source(source).new == 1  # the lock of the ended process taken over
    source.refresh_from_db()
    assert source.status == "idle" and source.locked_by == ""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_large_lists_convert_in_worker_processes_with_the_same_result(org, source, oai_server, sleeps, monkeypatch,
                                                                      workers):
    """Records re-sent or deleted in a later page: the last version wins, with or without workers."""
    from stinet.sources import pipeline

    monkeypatch.setenv("STINET_IMPORT_WORKERS", workers)
    monkeypatch.setattr(pipeline, "STORE_RECORDS", 3)  # several groups, stored while the next converts
    pools: list[bool] = []
    start = pipeline.Pipeline.__init__

    def spy(self, *args, **kwargs):
        start(self, *args, **kwargs)
        pools.append(self.pool is not None)

    monkeypatch.setattr(pipeline.Pipeline, "__init__", spy)
    pages = [
        [dc_record("oai:hpu:1", "Bản cũ", type="Bài báo"), dc_record("oai:hpu:2", "Sẽ bị xoá", type="Bài báo")],
        [dc_record("oai:hpu:3", "Ba", type="Bài báo"), dc_record("oai:hpu:1", "Bản mới", type="Bài báo")],
        [dc_record("oai:hpu:2", "", deleted=True), dc_record("oai:hpu:5", "")],
        [dc_record(f"oai:hpu:{n}", f"Bài số {n}", type="Bài báo") for n in range(10, 14)],
        [dc_record("oai:hpu:99", "Cuối cùng", type="Bài báo")],
    ]
    for number, records in enumerate(pages):
        token = f"T{number + 1}" if number + 1 < len(pages) else None
        body = xml(page("".join(records), token, size=11))
        if number == 0:
            oai_server.on(body, verb="ListRecords", metadataPrefix="oai_dc")
        else:
            oai_server.on(body, resumptionToken=f"T{number}")
    report = run_source(source)
    assert held(org) == {"oai:hpu:1": "Bản mới", "oai:hpu:3": "Ba", "oai:hpu:99": "Cuối cùng",
                         **{f"oai:hpu:{n}": f"Bài số {n}" for n in range(10, 14)}}
    assert (report.records_seen, report.rejected, report.pages) == (11, 1, 5)
    assert report.rejections == [{"line": 6, "identifier": "oai:hpu:5", "reason": "dc.title: missing title"}]
    assert Source.objects.get(pk=source.pk).resume_token == ""
    assert pools == [workers == "2"]  # worker processes only when asked for (or for large lists)


def test_a_later_rejected_version_drops_the_earlier_one_and_text_after_metadata_is_harmless(org, source, oai_server,
                                                                                            sleeps):
    from stinet.sources import pipeline

    odd = dc_record("oai:hpu:7", "Có chữ sau siêu dữ liệu", type="Bài báo").replace("</metadata>", " rác </metadata>")
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Bản đầu", type="Bài báo") + odd, "T1")),
                  verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(page(dc_record("oai:hpu:1", ""))), resumptionToken="T1")
    assert pipeline.STORE_RECORDS > 3  # both pages in one group
    report = run_source(source)
    assert held(org) == {"oai:hpu:7": "Có chữ sau siêu dữ liệu"}
    assert report.rejected == 1


def test_a_group_that_fails_to_store_is_not_skipped_by_the_next_one(org, source, oai_server, sleeps, monkeypatch):
    from stinet.sources import harvesting, pipeline

    monkeypatch.setenv("STINET_IMPORT_WORKERS", "2")
    monkeypatch.setattr(pipeline, "STORE_RECORDS", 2)
    for number in range(4):
        records = "".join(dc_record(f"oai:hpu:{number}{k}", f"Bài {number}{k}", type="Bài báo") for k in range(2))
        body = xml(page(records, f"T{number + 1}" if number < 3 else None, size=8))
        if number == 0:
            oai_server.on(body, verb="ListRecords", metadataPrefix="oai_dc")
        else:
            oai_server.on(body, resumptionToken=f"T{number}")
    real = harvesting._store_group
    calls: list[str | None] = []

    def failing(state, outcome, group, upper):
        calls.append(group.token)
        if len(calls) == 2:
            raise RuntimeError("the database refused the batch")
        real(state, outcome, group, upper)

    monkeypatch.setattr(harvesting, "_store_group", failing)
    with pytest.raises(RuntimeError, match="refused"):
        run_source(source)
    assert Source.objects.get(pk=source.pk).resume_token == "T1"  # after the stored group, not past the failed one
    assert sorted(held(org)) == ["oai:hpu:00", "oai:hpu:01"]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"prefix": "foo"}, "metadata prefix 'foo': the harvester reads oai_dc and marcxml"),
    ({"prefix": "oai_openaire"}, "metadata prefix 'oai_openaire': the harvester reads oai_dc and marcxml"),
    ({"prefix": "a b"}, "metadata prefix 'a b': not a valid OAI-PMH metadataPrefix"),
])
def test_a_source_the_harvester_cannot_read_is_refused_when_saved(org, oai_server, kwargs, message):
    from stinet.sources.models import Source
    from stinet.sources.services import change_source, harvest_url

    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        add_source("HPU", oai_server.url, allow_private=True, **kwargs)
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        harvest_url(oai_server.url, "HPU", allow_private=True, **kwargs)
    source = add_source("HPU", oai_server.url, allow_private=True)
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        change_source(source, **kwargs)
    assert Source.objects.count() == 1


@pytest.mark.parametrize("day", ["2024-02-30", "2024-13-01", "2024-01-01T25:00:00Z"])
def test_an_impossible_from_date_is_refused_before_anything_is_asked(org, oai_server, day):
    from stinet.sources.models import Source
    from stinet.sources.services import harvest_url

    with pytest.raises(ValueError, match=f"from date '{day}': expected a date"):
        harvest_url(oai_server.url, "HPU", from_date=day, allow_private=True)
    assert oai_server.received == [] and not Source.objects.exists()


def test_a_full_harvest_removes_what_the_source_no_longer_lists(org, source, oai_server, write_csv):
    """A source that keeps no deleted records tells of them only by no longer listing them."""
    from stinet.ingest.services import import_file
    from tests.conftest import row

    records = [dc_record("oai:hpu:1", "Một"), dc_record("oai:hpu:2", "Hai"), dc_record("oai:hpu:3", "Ba")]
    oai_server.on(xml(page("".join(records))), verb="ListRecords")
    assert run_source(source).new == 3
    import_file(write_csv([row("Nhập từ bảng tính", id="csv-1")], "own.csv"), "HPU")  # not from this source
    oai_server.on(xml(page(records[0])), verb="ListRecords")
    assert run_source(source).deleted == 0  # an incremental harvest cannot tell
    oai_server.on(xml(page(records[0] + records[2])), verb="ListRecords")
    report = run_source(source, full=True)
    assert report.deleted == 1 and "1 record this source gave before and no longer lists was removed" in \
        "\n".join(report.lines())
    assert sorted(Holding.objects.values_list("local_id", flat=True)) == ["csv-1", "oai:hpu:1", "oai:hpu:3"]
    oai_server.on(xml(page(records[0])), verb="ListRecords")
    assert run_source(source, full=True, from_date="2024-06-01").deleted == 0  # a part of the list tells nothing
    assert Holding.objects.count() == 3
    oai_server.on(xml(capture("zenodo", "zenodo_ListRecords_list_records-02_error-noRecordsMatch_http422.xml"), 422),
                  verb="ListRecords")
    empty = run_source(source, full=True)
    assert empty.deleted == 0 and "the source listed no records: nothing was removed" in empty.notes
    assert Holding.objects.count() == 3


def test_a_repository_that_moved_is_harvested_afresh_at_its_new_address_its_records_kept_its_own(
        org, source, oai_server):
    """QA 23: the address could not be changed, and a source removed and added again at the new one never
    removed the records the old list gave and the new one lacks."""
    from stinet.sources.models import Source
    from stinet.sources.services import change_source

    records = [dc_record("oai:hpu:1", "Một"), dc_record("oai:hpu:2", "Hai"), dc_record("oai:hpu:3", "Ba")]
    oai_server.on(xml(page("".join(records))), verb="ListRecords")
    assert run_source(source).new == 3
    moved = change_source(source, base_url=oai_server.url + "/moved")
    assert moved.base_url.endswith("/moved") and moved.last_datestamp == "" and moved.resume_token == ""
    oai_server.on(xml(page(records[0] + records[2])), verb="ListRecords")
    report = run_source(Source.objects.get(pk=source.pk), full=True)
    assert (report.new, report.deleted) == (0, 1)
    assert sorted(Holding.objects.values_list("local_id", flat=True)) == ["oai:hpu:1", "oai:hpu:3"]
    with pytest.raises(ValueError, match="only http and https"):
        change_source(source, base_url="ftp://example.org/oai")


def test_a_full_harvest_of_one_set_keeps_what_another_set_of_the_repository_may_list(org, source, oai_server):
    """A record in two sets that the second set's source stored last is not removed when it leaves that set:
    the first set may still list it (the record would have been deleted from the member's holdings)."""
    other = add_source("HPU", oai_server.url, label="HPU, set b", set_spec="b", allow_private=True)
    records = [dc_record("oai:hpu:1", "Một"), dc_record("oai:hpu:2", "Hai")]
    oai_server.on(xml(page("".join(records))), verb="ListRecords")
    run_source(source)
    changed = [dc_record("oai:hpu:1", "Một (sửa)"), dc_record("oai:hpu:2", "Hai (sửa)")]
    oai_server.on(xml(page("".join(changed))), verb="ListRecords")
    assert run_source(other).updated == 2  # the last to give both records
    oai_server.on(xml(page(changed[0])), verb="ListRecords")
    report = run_source(other, full=True)
    assert report.deleted == 0 and "another source of HPU harvests the same repository" in "\n".join(report.lines())
    assert sorted(Holding.objects.values_list("local_id", flat=True)) == ["oai:hpu:1", "oai:hpu:2"]


def test_a_list_going_round_in_a_circle_is_not_resumed_at_its_token(org, source, oai_server):
    from stinet.sources.client import TokenLoop

    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một"), "SAME")), verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(page(dc_record("oai:hpu:2", "Hai"), "SAME")), resumptionToken="SAME")
    with pytest.raises(TokenLoop):
        run_source(source)
    source.refresh_from_db()
    assert source.resume_token == "" and Holding.objects.count() == 2 and source.health == "failing"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_report_and_the_reasons_are_in_the_language_of_the_harvest(org, source, oai_server, sleeps, monkeypatch,
                                                                      workers):
    """The fetch thread and the conversion processes write in the language the harvest runs in."""
    from django.utils import translation

    monkeypatch.setenv("STINET_IMPORT_WORKERS", workers)
    foreign = dc_record("oai:hpu:2", "Hai").replace(
        '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"', '<foo xmlns="urn:x"').replace(
        "</oai_dc:dc>", "</foo>")
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một") + foreign, "T1")), verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(page(dc_record("oai:hpu:3", "Ba"), "T1")), resumptionToken="T1")
    with translation.override("vi"):
        with pytest.raises(ValueError) as vi:
            run_source(source)
        lines = vi.value.report.lines()
    assert lines[0].startswith("HPU DSpace: 2 mới, 0 cập nhật, 0 không đổi, 0 đã xoá, 1 bị từ chối; 2 trang trong ")
    assert ("bị từ chối: oai:hpu:2: siêu dữ liệu là <foo> thuộc không gian tên urn:x, không phải oai_dc"
            in lines)
    assert "máy chủ trả lại mã thông báo tiếp tục (resumption token) 'T1' đã gửi trước đó" in str(vi.value)
    assert lines[-1].startswith("đã dừng: ") and "danh sách lặp vòng" in Source.objects.get().last_error
    with pytest.raises(ValueError, match="the list goes round in a circle") as en:
        run_source(source, full=True)
    assert "rejected: oai:hpu:2: the metadata is <foo> in namespace urn:x, not oai_dc" in en.value.report.lines()


def test_a_failure_is_said_in_one_line_an_interruption_in_words():
    from django.utils import translation

    from stinet.sources.services import failure_line

    with translation.override("en"):
        assert failure_line(KeyboardInterrupt()).startswith("interrupted (Ctrl-C or a stop signal)")
    assert failure_line(ValueError("first line\nsecond")) == "first line"
    assert failure_line(TimeoutError()) == "TimeoutError"


def test_an_interrupted_harvest_is_resumed_at_the_next_round_a_failed_one_the_next_day(org, source, oai_server):
    """QA 24: a demo stopped (Ctrl-C) while its worker harvested left the source for a day, as a failure."""
    from stinet.sources.services import run_source

    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một"), "T1")), verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(page(dc_record("oai:hpu:2", "Hai"))), resumptionToken="T1")

    def stop(_done: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_source(source, progress=stop)
    source.refresh_from_db()
    assert source.last_error.startswith("interrupted") and source.next_run_at <= timezone.now()
    oai_server.on(xml(b"<html>no</html>"), resumptionToken="T1")  # no OAI-PMH: a failure, not retried
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the failure, it waits
        run_source(source)
    source.refresh_from_db()
    assert source.next_run_at > timezone.now() + timedelta(hours=23)


def test_the_locks_heartbeat_is_refreshed_as_pages_arrive(org, source, oai_server, monkeypatch):
    """Pages of a few records each on a slow server: no group of STORE_RECORDS is stored for a long time,
    and without a beat per page another worker would take the lock over (STALE_AFTER)."""
    from datetime import timedelta

    from stinet.sources import harvesting

    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một"), "T1")), verb="ListRecords", metadataPrefix="oai_dc")
    oai_server.on(xml(page(dc_record("oai:hpu:2", "Hai"), "T2")), resumptionToken="T1")
    oai_server.on(xml(page(dc_record("oai:hpu:3", "Ba"))), resumptionToken="T2")
    monkeypatch.setattr(harvesting, "BEAT_EVERY", timedelta(0))
    beats, real = [], harvesting._beat

    def beat(state):
        real(state)
        beats.append(Source.objects.get(pk=state.source.pk).heartbeat_at)

    monkeypatch.setattr(harvesting, "_beat", beat)
    assert run_source(source).new == 3
    assert len(beats) == 2 and beats[0] < beats[1]  # pages 2 and 3, before any group was stored


def test_a_list_is_harvested_by_one_source_of_an_organisation(org, source, oai_server):
    """A second source of the same list would harvest it twice and its full harvests sweep the other's."""
    with pytest.raises(ValueError, match=f"HPU harvests this list already: source {source.pk} \\(HPU DSpace\\)"):
        add_source("HPU", oai_server.url + " ", allow_private=True)
    assert add_source("HPU", oai_server.url, set_spec="b", allow_private=True).pk != source.pk  # another set
    assert Source.objects.count() == 2


def test_a_source_is_removed_but_not_what_it_harvested(org, source, oai_server):
    from click.testing import CliRunner
    from django.utils import translation

    from stinet.catalog.models import AuditEntry
    from stinet.cli import main
    from stinet.sources.services import change_source, remove_source

    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một"))), verb="ListRecords")
    run_source(source)
    other = add_source("HPU", oai_server.url, set_spec="b", allow_private=True)
    with pytest.raises(ValueError, match="harvests this list already"):  # changed into the first one's list
        change_source(other, set_spec="")
    Source.objects.filter(pk=source.pk).update(status="running")
    with pytest.raises(ValueError, match="is running"):
        remove_source(source)
    Source.objects.filter(pk=source.pk).update(status="idle")
    with translation.override("vi"):
        said = CliRunner().invoke(main, ["source", "remove", str(source.pk)]).output
    assert said == f"đã gỡ bỏ nguồn {source.pk}: HPU HPU DSpace (những gì đã thu thập vẫn được giữ)\n"
    assert not Source.objects.filter(pk=source.pk).exists() and set(held(org)) == {"oai:hpu:1"}
    assert AuditEntry.objects.filter(action="delete", object_type="source", object_id=str(source.pk)).exists()


def test_a_slow_source_lets_other_writers_into_the_search_index_while_it_waits(org, source, oai_server, settings,
                                                                               monkeypatch):
    """The harvest holds the index's writer only while it stores: waiting for its source's next page it lets
    go, so that an import (here a writer opened in a thread, as another process would) gets in; what the
    harvest stores while the other writes is queued for the next writer, and no run waits or fails."""
    import threading
    import time

    import tantivy

    from stinet.search import indexing
    from stinet.search.base import SearchRequest
    from stinet.search.models import PendingIndex
    from stinet.search.service import search_json
    from stinet.sources import harvesting, pipeline

    if settings.SEARCH_BACKEND != "tantivy":
        pytest.skip("the embedded engine only (PostgreSQL writes in its own transactions)")
    monkeypatch.setattr(pipeline, "IDLE_AFTER", 0.2)
    monkeypatch.setattr(pipeline, "STORE_RECORDS", 1)  # each page stored as it comes
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Kỹ thuật nuôi hàu Thái Bình Dương"), "T1")), verb="ListRecords",
                  metadataPrefix="oai_dc")
    oai_server.on(xml(page(dc_record("oai:hpu:2", "Bảo tồn rùa biển Cát Bà"))), resumptionToken="T1")
    oai_server.delay[:] = [0, 0, 3.0]  # Identify, page 1, then page 2 after 3 s
    stored, real_store = [], harvesting._store_group

    def store(state, *args):
        real_store(state, *args)
        stored.append((time.monotonic(), indexing.backend().holds_writer()))
        if len(stored) == 1:  # the other process starts wanting to write once the harvest holds the writer
            thread.start()

    monkeypatch.setattr(harvesting, "_store_group", store)
    got: list[float] = []
    path = str(indexing.backend().path)

    def other_writer() -> None:
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and not got:
            try:
                writer = tantivy.Index.open(path).writer(heap_size=15_000_000, num_threads=1)
            except ValueError:
                time.sleep(0.05)
                continue
            got.append(time.monotonic())
            time.sleep(3.5)  # still writing when the harvest stores page 2
            writer.commit()
            writer.wait_merging_threads()

    thread = threading.Thread(target=other_writer)
    try:
        report = run_source(source)
    finally:
        if thread.is_alive():
            thread.join()
    assert report.new == 2 and report.status == "done"
    assert [held for _at, held in stored] == [True, False]  # page 1 written, page 2 queued
    assert stored[0][0] < got[0] < stored[1][0]  # the other writer got in while the harvest waited
    assert search_json(SearchRequest(q="nuôi hàu"))["total"] == 1
    assert search_json(SearchRequest(q="rùa biển"))["total"] == 0  # queued: the other writer holds the index
    assert list(PendingIndex.objects.values_list("work_id", flat=True)) == list(
        Holding.objects.filter(local_id="oai:hpu:2").values_list("work_id", flat=True))
    indexing.commit()  # whichever process writes next takes the queue
    assert search_json(SearchRequest(q="rùa biển"))["total"] == 1 and not PendingIndex.objects.exists()


def test_a_harvest_lets_a_waiting_import_in_at_its_next_page(org, source, oai_server, settings, monkeypatch):
    """Pages that keep coming (never 5 s apart) of a group still filling: an import waiting for the writer
    (here a second engine in a thread, as another process's) gets it when the next page arrives, not when
    the group is stored, and the harvest queues what it stores meanwhile."""
    import threading
    import time

    from stinet.search import indexing
    from stinet.search.base import SearchRequest
    from stinet.search.service import search_json
    from stinet.search.tantivy_backend import TantivyBackend
    from stinet.sources import harvesting, pipeline

    if settings.SEARCH_BACKEND != "tantivy":
        pytest.skip("the embedded engine only (PostgreSQL writes in its own transactions)")
    monkeypatch.setattr(pipeline, "STORE_RECORDS", 3)  # groups of three one-record pages
    for n in range(1, 7):
        answer = xml(page(dc_record(f"oai:hpu:{n}", f"Báo cáo số {n} về cảng"), f"T{n}" if n < 6 else None))
        oai_server.on(answer, **({"verb": "ListRecords", "metadataPrefix": "oai_dc"} if n == 1 else
                                 {"resumptionToken": f"T{n - 1}"}))
    oai_server.delay[:] = [0, 0] + [0.6] * 5  # Identify and page 1 at once, then a page every 0.6 s
    stored, got, real_store = [], [], harvesting._store_group

    def importer() -> None:
        other = TantivyBackend(indexing.backend().path)
        other.acquire(10)
        got.append(time.monotonic())
        time.sleep(0.3)
        other.commit(final=True)

    thread = threading.Thread(target=importer)

    def store(state, *args):
        real_store(state, *args)
        stored.append(time.monotonic())
        if len(stored) == 1:  # the harvest holds the writer: the import starts waiting for it
            thread.start()

    monkeypatch.setattr(harvesting, "_store_group", store)
    try:
        assert run_source(source).new == 6
    finally:
        if thread.is_alive():
            thread.join()
    assert len(stored) == 2 and stored[0] < got[0] < stored[1] - 0.5  # at page 4 or 5, not at the second group
    indexing.commit()
    assert search_json(SearchRequest(q="báo cáo cảng"))["total"] == 6


def test_a_change_during_a_run_keeps_the_runs_lock_and_another_list_waits_for_its_end(org, source):
    from stinet.sources.services import change_source

    assert claim(source.pk, "elsewhere:1:2:3")
    Source.objects.filter(pk=source.pk).update(resume_token="T9")  # the run's checkpoint, after the page was read
    change_source(source, label="Kho mới", interval=30)  # the page's form, loaded before the run began
    source.refresh_from_db()
    assert (source.label, source.interval, source.status, source.locked_by, source.resume_token) == (
        "Kho mới", 30, "running", "elsewhere:1:2:3", "T9")
    with pytest.raises(ValueError, match="is running: change its format, set or address when the run has ended"):
        change_source(source, set_spec="col:a")
