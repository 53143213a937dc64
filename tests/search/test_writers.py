"""The embedded engine has one writer at a time, whichever process it is in: an edit made while
another process writes (an import, a harvest) is queued and indexed by that process or by the next
writer; an import waits for the other writer, then gives up before storing anything."""

from __future__ import annotations

from typing import Any

import pytest
import tantivy
from click.testing import CliRunner

from stinet.catalog.models import Work
from stinet.search import indexing
from stinet.search.base import IndexBusy, SearchRequest
from stinet.search.models import PendingIndex
from stinet.search.service import search_json
from tests.conftest import row

pytestmark = pytest.mark.django_db
TEA = "Kỹ thuật trồng cây chè Shan tuyết"


class OtherProcess:
    """Another process's writer: Tantivy's lock is a file in the index folder, so a second writer
    opened here is refused exactly as one in another process would be."""

    def __init__(self, path: str) -> None:
        self.writer: Any = tantivy.Index.open(path).writer(heap_size=15_000_000, num_threads=1)

    def finish(self) -> None:
        """Commit and let go of the index."""
        self.writer.commit()
        self.writer.wait_merging_threads()
        self.writer = None


@pytest.fixture
def other(catalogue: Any, settings: Any, monkeypatch: pytest.MonkeyPatch) -> OtherProcess:
    if settings.SEARCH_BACKEND != "tantivy":
        pytest.skip("the embedded engine only (PostgreSQL writes in its own transactions)")
    monkeypatch.setattr(indexing, "EDIT_WAIT", 0.1)
    monkeypatch.setattr(indexing, "WRITER_WAIT", 0.2)
    return OtherProcess(str(settings.SEARCH_INDEX_DIR))


def _retitle(title: str, new: str) -> int:
    """Change a work's title in the catalogue (as an edit does), returning its id."""
    work = Work.objects.get(title=title)
    Work.objects.filter(pk=work.pk).update(title=new)
    return work.pk


def _total(q: str) -> int:
    return search_json(SearchRequest(q=q))["total"]


def test_an_edit_while_another_process_writes_is_queued_and_indexed_by_the_next_writer(other):
    tea = _retitle(TEA, "Kỹ thuật trồng chè vùng Tây Bắc")
    indexing.works_changed([tea])  # no error: another process holds the writer
    assert list(PendingIndex.objects.values_list("work_id", flat=True)) == [tea]
    assert _total("tây bắc") == 0 and _total("shan tuyết") == 1  # not yet
    other.finish()
    book = _retitle("Sinh học biển đại cương", "Sinh học biển nhiệt đới")
    indexing.works_changed([book])  # the next writer takes the queued work too
    assert _total("tây bắc") == 1 and _total("shan tuyết") == 0 and _total("nhiệt đới") == 1
    assert not PendingIndex.objects.exists()


def test_the_process_that_writes_indexes_what_others_queued_at_its_next_commit(other):
    other.finish()
    with indexing.bulk():  # this process imports now
        tea = _retitle(TEA, "Kỹ thuật trồng chè vùng Tây Bắc")
        PendingIndex.objects.create(work_id=tea)  # queued by a process that could not write
        indexing.commit()  # an import's periodic commit
        assert _total("tây bắc") == 1
        assert not PendingIndex.objects.exists()
        gone = Work.objects.get(title="Thi truong che xuat khau")
        PendingIndex.objects.create(work_id=gone.pk)
        gone.delete()
    assert _total("xuat khau") == 0 and not PendingIndex.objects.exists()  # at the end too, deletions as well


def test_an_import_while_another_process_writes_stops_with_one_line_and_stores_nothing(other, write_csv):
    from stinet.cli import main

    path = write_csv([row("Quản lý tổng hợp vùng bờ Hải Phòng", id="9", dc_date_issued="2020")], "more.csv")
    works = Work.objects.count()
    with pytest.raises(IndexBusy, match="being written by another process"):
        with indexing.bulk():
            pass
    out = CliRunner().invoke(main, ["import", str(path), "--org", "HPU"])
    assert out.exit_code == 1
    assert out.output.strip().splitlines()[-1] == ("stinet: error: the search index is being written by another "
                                                   "process (an import, a harvest or a rebuild): try again when "
                                                   "it has finished")
    assert Work.objects.count() == works
    from django.utils import translation

    with translation.override("vi"):  # said in the interface language
        said = CliRunner().invoke(main, ["import", str(path), "--org", "HPU"]).output.strip().splitlines()[-1]
    assert said.startswith("stinet: error: chỉ mục tra cứu đang được một tiến trình khác ghi")
    other.finish()
    out = CliRunner().invoke(main, ["import", str(path), "--org", "HPU"])
    assert out.exit_code == 0, out.output
    assert _total("vùng bờ") == 1


def test_a_shared_session_never_waits_for_another_writer_and_queues_its_works(other, monkeypatch):
    """A harvest's session: another process writes, so its works are queued, at once, and indexed
    when the writer is free (here at the session's end)."""
    engine, waits = indexing.backend(), []
    acquire = engine.acquire
    monkeypatch.setattr(engine, "acquire", lambda wait: (waits.append(wait), acquire(wait))[1])
    with indexing.shared():
        tea = _retitle(TEA, "Kỹ thuật trồng chè vùng Tây Bắc")
        indexing.works_changed([tea])
        assert list(PendingIndex.objects.values_list("work_id", flat=True)) == [tea]
        other.finish()
    assert waits and set(waits) == {0}  # waited for nobody (asked for the writer without waiting)
    assert _total("tây bắc") == 1 and not PendingIndex.objects.exists()


def test_a_shared_session_takes_the_writer_only_to_write_and_lets_go_when_another_waits(other, settings):
    import os

    from stinet.search.tantivy_backend import WANTED

    other.finish()
    with indexing.shared():
        OtherProcess(str(settings.SEARCH_INDEX_DIR)).finish()  # nothing written yet: nothing held
        tea = _retitle(TEA, "Kỹ thuật trồng chè vùng Tây Bắc")
        indexing.works_changed([tea])
        with pytest.raises(ValueError, match="LockBusy"):  # held from the first write on
            OtherProcess(str(settings.SEARCH_INDEX_DIR))
        indexing.offer()  # nobody waits: kept
        assert indexing.backend().holds_writer()
        wish = settings.SEARCH_INDEX_DIR / f"{WANTED}{os.getpid() + 1}"
        wish.touch()  # another process waits for the writer
        try:
            indexing.offer()
            assert not indexing.backend().holds_writer()
            assert _total("tây bắc") == 1  # committed before letting go
            book = _retitle("Sinh học biển đại cương", "Sinh học biển nhiệt đới")
            indexing.works_changed([book])  # not taken back before the waiting process took it: queued
            assert not indexing.backend().holds_writer()
        finally:
            wish.unlink()
        importer = OtherProcess(str(settings.SEARCH_INDEX_DIR))  # the waiting process gets it
        ship = _retitle("Thi truong che xuat khau", "Thị trường chè xuất khẩu sang Nga")
        indexing.works_changed([ship])  # queued for the importer
        assert list(PendingIndex.objects.values_list("work_id", flat=True)) == [book, ship]
        importer.finish()
        indexing.pause()  # harmless when nothing is held
    assert _total("nhiệt đới") == 1 and _total("sang nga") == 1 and not PendingIndex.objects.exists()


def test_a_process_waiting_for_the_writer_says_so_until_it_gives_up(other, settings, monkeypatch):
    import time

    from stinet.search.tantivy_backend import WANTED

    wishes: list[list[str]] = []
    engine, real_sleep = indexing.backend(), time.sleep

    def look(seconds: float) -> None:
        wishes.append([p.name for p in settings.SEARCH_INDEX_DIR.glob(f"{WANTED}*")])
        assert not engine.writer_wanted()  # its own wish never counts for itself
        real_sleep(seconds)

    monkeypatch.setattr("stinet.search.tantivy_backend.time.sleep", look)  # between its attempts
    with pytest.raises(IndexBusy):
        engine.acquire(0.2)
    assert wishes and all(len(names) == 1 for names in wishes)
    assert not list(settings.SEARCH_INDEX_DIR.glob(f"{WANTED}*"))  # withdrawn when it gave up
    assert not engine.writer_wanted()  # its own wish never counts for itself


def test_an_edit_queued_during_a_shared_session_is_indexed_at_its_next_batch_after_a_while(other):
    from datetime import timedelta

    from django.utils import timezone

    other.finish()
    with indexing.shared():
        indexing.works_changed([_retitle("Sinh học biển đại cương", "Sinh học biển nhiệt đới")])  # holds it now
        tea = _retitle(TEA, "Kỹ thuật trồng chè vùng Tây Bắc")
        PendingIndex.objects.create(work_id=tea)  # an edit another process queued
        indexing.offer()
        assert _total("tây bắc") == 0  # just queued: the harvest's batches are not committed for it at once
        PendingIndex.objects.update(queued_at=timezone.now() - indexing.QUEUE_WAIT - timedelta(seconds=1))
        indexing.offer()
        assert _total("tây bắc") == 1 and not PendingIndex.objects.exists()
        assert indexing.backend().holds_writer()  # committed, kept


@pytest.mark.parametrize("session", ["bulk", "shared"])
def test_a_session_whose_last_commit_fails_still_lets_go_of_the_writer(other, monkeypatch, settings, session):
    other.finish()
    with pytest.raises(RuntimeError, match="database gone"):
        with getattr(indexing, session)():
            indexing.works_changed([_retitle(TEA, "Kỹ thuật trồng chè vùng Tây Bắc")])

            def broken(engine):
                raise RuntimeError("database gone")

            monkeypatch.setattr(indexing, "_queued", broken)
    assert not indexing.backend().holds_writer()
    OtherProcess(str(settings.SEARCH_INDEX_DIR)).finish()  # another process can write
    assert _total("tây bắc") == 1  # what was written was committed


def test_a_rebuild_that_fails_leaves_the_index_as_it_was(other, monkeypatch):
    other.finish()
    before = indexing.backend().count()
    assert before > 2
    monkeypatch.setattr(indexing, "REINDEX_BATCH", 1)
    calls = []

    def failing(ids):
        calls.append(ids)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(ids)

    real = indexing._documents
    monkeypatch.setattr(indexing, "_documents", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        indexing.rebuild()
    assert indexing.backend().count() == before and not indexing.backend().holds_writer()


@pytest.mark.django_db(transaction=True)
def test_edits_indexed_by_several_threads_of_one_process_at_once_are_all_indexed(catalogue, settings):
    """QA 22: two administrators' merges or splits at the same moment (the server's threads share the
    process's writer) failed with a 500, 'RuntimeError: Already borrowed', the work left out of the index."""
    import threading

    from django.db import connection

    ids = list(Work.objects.values_list("pk", flat=True))
    Work.objects.update(title="Bảo tồn rùa biển")
    failures: list[BaseException] = []
    start = threading.Barrier(4)

    def edit(work_id: int) -> None:
        try:
            start.wait()
            for _round in range(15):
                indexing.works_changed([work_id, *ids])
        except BaseException as exc:  # noqa: BLE001 - what the thread met is the test's result
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(work_id,)) for work_id in ids[:4]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures, failures[0]
    assert _total("rùa biển") == len(ids)
    assert settings.SEARCH_BACKEND != "tantivy" or not indexing.backend().holds_writer()  # let go of at the end
