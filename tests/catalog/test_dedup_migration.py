"""Migration 0014 on a catalogue that has doubtful pairs which could never be merged, and merges
split before splits were recorded on the merge."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from stinet.catalog.dedup import held_reason
from stinet.catalog.models import Holding, Match, Work
from stinet.catalog.services import add_organisation

pytestmark = pytest.mark.django_db
migration = import_module("stinet.catalog.migrations.0014_close_held_reviews")


def _work(title: str, *holders: tuple[object, str]) -> Work:
    work = Work.objects.create(title=title, type="thesis", year=2016)
    for org, local_id in holders:
        Holding.objects.create(work=work, organisation=org, local_id=local_id)
    return work


def test_pairs_with_a_work_their_organisation_holds_are_closed(org):
    lib = add_organisation("LIB", "Thư viện", member=True)
    shared = _work("Nghiên cứu rạn san hô", (org, "u1"), (lib, "L1"))
    other = _work("Rạn san hô Hạ Long", (lib, "L2"))
    stale = Match.objects.create(work=shared, other_work=other, organisation=lib, local_id="L2", score=0.8,
                                 reasons=["title 0.75"], status="review")
    vmu = add_organisation("VMU", "Trường Đại học Hàng hải", member=True)
    fine = Match.objects.create(work=shared, other_work=_work("San hô", (vmu, "v1")), organisation=vmu,
                                local_id="v1", score=0.8, status="review")
    migration.forwards(apps, None)
    stale.refresh_from_db()
    fine.refresh_from_db()
    assert stale.status == "kept-apart" and stale.reasons == ["title 0.75", held_reason("LIB", "L1")]
    assert fine.status == "review"
    assert held_reason("LIB", "L1") == ("closed: LIB holds this work already (LIB:L1): two records of one source "
                                        "stay apart") == migration.held_reason("LIB", "L1")


def test_a_split_recorded_apart_goes_into_the_merge_it_undid(org):
    lib = add_organisation("LIB", "Thư viện", member=True)
    old = _work("Nghiên cứu rạn san hô", (org, "u1"))
    new = _work("Nghiên cứu rạn san hô", (lib, "L1"))
    merge = Match.objects.create(work=old, organisation=lib, local_id="L1", score=1.0, reasons=["title 1.00"],
                                 status="merged")
    Match.objects.create(work=old, other_work=new, organisation=lib, local_id="L1", score=0.0,
                         reasons=["split by an administrator"], status="split", decided_by="quantri")
    migration.forwards(apps, None)
    merge.refresh_from_db()
    assert (merge.status, merge.other_work_id, merge.decided_by) == ("split", new.pk, "quantri")
    assert merge.reasons == ["title 1.00", "split by an administrator"] and Match.objects.count() == 1


def test_pairs_closed_as_merges_by_hand_are_kept_apart_and_a_merge_recorded_twice_once():
    """Migration 0016: pairs a decision by hand closed said 'manual' (listed among the merges); a settled pair
    was recorded twice, confirmed and merged by hand."""
    from stinet.catalog.models import Organisation

    closing = import_module("stinet.catalog.migrations.0016_closed_reviews_kept_apart")
    hpu, lib = (Organisation.objects.create(code=c, name_vi=c, is_member=True) for c in ("HPU", "LIB"))
    a, b = _work("Rạn san hô", (hpu, "u1"), (lib, "L1")), _work("San hô Hạ Long", (hpu, "u2"))
    split_into = _work("Rùa biển", (lib, "L3"))
    closed = Match.objects.create(work=b, other_work=a, organisation=lib, local_id="L1", score=0.8,
                                  reasons=["title 0.80"], status="manual", decided_by="admin")
    closed_by_split = Match.objects.create(work=b, organisation=lib, local_id="L3", score=0.8,
                                           reasons=["title 0.79"], status="manual")
    Match.objects.create(work=a, other_work=split_into, organisation=lib, local_id="L3", score=0.0,
                         reasons=["split by an administrator"], status="split")
    by_hand = Match.objects.create(work=b, organisation=hpu, local_id="u9", score=1.0,
                                   reasons=["merged by an administrator"], status="manual")
    confirmed = Match.objects.create(work=a, organisation=lib, local_id="L1", score=0.85, reasons=["title 0.85"],
                                     status="confirmed")
    twice = Match.objects.create(work=a, organisation=lib, local_id="L1", score=1.0,
                                 reasons=["merged by an administrator"], status="manual")
    closing.forwards(apps, None)
    closed.refresh_from_db()
    closed_by_split.refresh_from_db()
    assert (closed.status, closed.reasons[-1]) == ("kept-apart", f"closed: the record was merged by hand into work "
                                                                 f"{a.pk}")
    assert closed_by_split.reasons[-1] == f"closed: the record was split off into work {split_into.pk}"
    assert Match.objects.filter(pk__in=[by_hand.pk, confirmed.pk]).count() == 2
    assert not Match.objects.filter(pk=twice.pk).exists()


def test_author_keys_get_the_middle_names_as_initials():
    from stinet.catalog.models import WorkKey

    initialling = import_module("stinet.catalog.migrations.0017_author_keys_initialled")
    work = _work("Bảo tồn rùa biển")
    for kind, value in (("author", "do van hung|2022"), ("author", "nguyen an|2020"), ("author", "do v hung|2022"),
                        ("t", "bao ton rua bien")):
        WorkKey.objects.create(work=work, kind=kind, value=value)
    initialling.forwards(apps, type("Editor", (), {"connection": __import__("django.db").db.connection})())
    assert sorted(WorkKey.objects.values_list("kind", "value")) == [
        ("author", "do v hung|2022"), ("author", "do v hung|2022"), ("author", "nguyen an|2020"),
        ("t", "bao ton rua bien")]
