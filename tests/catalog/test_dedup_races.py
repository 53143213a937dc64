"""Review decisions sent at the same moment (two administrators, two tabs), on PostgreSQL, whose row locks
are what keeps them apart (SQLite runs one writer at a time)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from stinet.catalog import dedup
from stinet.catalog.models import Holding, Match
from stinet.catalog.services import add_organisation
from stinet.ingest.services import import_file
from tests.catalog.test_dedup import THESIS, _pair_waiting
from tests.conftest import row

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lib(org):
    return add_organisation("LIB", "Thư viện Khoa học tổng hợp", kind="library", member=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's row locks only")


def _at_once(*calls) -> dict[str, str]:
    """Run the calls in threads of their own; what each raised, by thread name."""
    errors: dict[str, str] = {}

    def run(name, call):
        try:
            call()
        except Exception as exc:  # noqa: BLE001 - reported to the test
            errors[name] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f"T{n}", call), name=f"T{n}") for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_a_pair_decided_while_its_record_is_merged_by_hand_does_not_deadlock(org, lib, write_csv, monkeypatch):
    """Review 22: settle claimed the pair, then locked the record's holding; a merge by hand sent meanwhile
    locked the holding, then closed the pair: each waited for the other, and PostgreSQL broke the deadlock
    with an error (a 500). Now the decision takes the holding first, and the merge waits for it."""
    pair = _pair_waiting(lib, write_csv)
    import_file(write_csv([row("Một đề tài khác hẳn", id="u9", **THESIS)], "u9.csv"), "HPU")
    other = Holding.objects.get(local_id="u9").work_id
    deciding, real = threading.Event(), dedup._holding

    def slow_holding(org, local_id):  # the decision, past its first steps, takes a while
        if threading.current_thread().name == "T0":
            deciding.set()
            time.sleep(1.0)
        return real(org, local_id)

    monkeypatch.setattr(dedup, "_holding", slow_holding)

    def merge_meanwhile():
        deciding.wait(10)
        time.sleep(0.2)
        dedup.merge_by_hand(lib, "L2", other, actor="b")

    errors = _at_once(lambda: dedup.settle(pair.pk, merge=True, actor="a"), merge_meanwhile)
    assert errors == {}  # the merge waited for the decision, then moved the record on
    assert Match.objects.get(pk=pair.pk).status == "confirmed"
    assert Holding.objects.get(local_id="L2").work_id == other


def test_two_records_of_one_source_merged_into_one_work_at_once_stay_apart(org, lib, write_csv, monkeypatch):
    """Review 22: each merge saw the work without a record of LIB, and both went in."""
    import_file(write_csv([row("Một đề tài khác hẳn", id="u9", **THESIS)], "u9.csv"), "HPU")
    import_file(write_csv([row("Rùa biển Cát Bà", id="L2", **THESIS),
                           row("Chim biển Bạch Long Vĩ", id="L3", **THESIS)], "l.csv"), "LIB")
    target = Holding.objects.get(local_id="u9").work_id
    real = dedup._close_reviews

    def slow_close(*args, **kwargs):
        time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(dedup, "_close_reviews", slow_close)
    errors = _at_once(lambda: dedup.merge_by_hand(lib, "L2", target, actor="a"),
                      lambda: dedup.merge_by_hand(lib, "L3", target, actor="b"))
    assert len(errors) == 1 and "đã lưu giữ tài liệu" in next(iter(errors.values())), errors  # already holds
    assert Holding.objects.filter(work_id=target, organisation=lib).count() == 1


def test_a_record_updated_by_an_import_while_it_is_merged_by_hand_does_not_deadlock(org, lib, write_csv,
                                                                                    monkeypatch):
    """An import updating LIB:L2 saved its work, then its holding; a merge by hand of L2 locked the holding,
    then the works: each waited for the other. The import now locks the holdings it updates first."""
    from stinet.catalog import services
    from tests.catalog.test_dedup import DOUBTFUL

    pair = _pair_waiting(lib, write_csv)
    changed = write_csv([row(DOUBTFUL + " (bản sửa)", id="L2", **THESIS)], "l2b.csv")
    saved, real = threading.Event(), services.dedup.save_keys

    def slow_keys(*args, **kwargs):  # the import, its work saved, takes a while before the holding
        if threading.current_thread().name == "T0":
            saved.set()
            time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(services.dedup, "save_keys", slow_keys)

    def merge_meanwhile():
        saved.wait(10)
        time.sleep(0.2)
        dedup.merge_by_hand(lib, "L2", pair.work_id, actor="admin")

    errors = _at_once(lambda: import_file(changed, "LIB"), merge_meanwhile)
    assert errors == {}
    holding = Holding.objects.get(local_id="L2")
    assert holding.work_id == pair.work_id and holding.source.payload["dc.title"].endswith("(bản sửa)")
