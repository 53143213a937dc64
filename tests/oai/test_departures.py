"""A work that leaves a set (a member's holding removed or split off, its type changed, its organisation no
longer a member) is deleted in that set for its harvesters, and live again when it comes back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from stinet.catalog.models import Holding, Organisation, Work
from stinet.catalog.services import add_organisation, remove_holding
from stinet.ingest.services import import_file
from stinet.oai.models import Departure
from tests.conftest import row

from .conftest import NS, error_code, harvest

pytestmark = pytest.mark.django_db
BEFORE = "2020-01-01"


def listed(oai, spec: str, **bounds: str) -> dict[int, str | None]:
    """Work id -> header status ("deleted" or None) of a set's whole ListIdentifiers."""
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec, **bounds)
    if error_code(root) == "noRecordsMatch":
        return {}
    return {int(h.findtext("o:identifier", namespaces=NS).rsplit("/", 1)[1]): h.get("status")
            for h in root.iterfind(".//o:header", NS)}


@pytest.fixture
def shared(make_works, org):
    """A thesis HPU and VMU both hold, and one HPU alone holds."""
    vmu = add_organisation("VMU", "Trường Đại học Hàng hải Việt Nam", member=True)
    both, alone = make_works(2, datetime(2021, 1, 1, tzinfo=UTC))
    Holding.objects.create(work_id=both, organisation=vmu, local_id="V1")
    return {"both": both, "alone": alone, "vmu": vmu}


def test_a_removed_holding_takes_the_work_out_of_its_members_set(oai, shared):
    both, vmu = shared["both"], shared["vmu"]
    assert listed(oai, "org:VMU") == {both: None}
    assert remove_holding(vmu, "V1", "test") == ("holding-deleted", both)
    assert listed(oai, "org:VMU", **{"from": BEFORE}) == {both: "deleted"}  # its harvester drops it
    assert listed(oai, "org:HPU")[both] is None and listed(oai, "org")[both] is None  # still HPU's
    everything = harvest(oai, metadataPrefix="oai_dc")
    assert everything.count(f"oai:stinet.local:work/{both}") == 1  # no set: the live record only
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="org:VMU")
    assert [s.text for s in root.iterfind(".//o:setSpec", NS)] == ["org:VMU"]
    # back in the set: live there again, not deleted as well, and dated now for an incremental harvest
    since = (datetime.now(UTC) - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    Work.objects.filter(pk=both).update(updated_at=datetime(2021, 1, 1, tzinfo=UTC))
    Holding.objects.create(work_id=both, organisation=vmu, local_id="V2")
    assert listed(oai, "org:VMU") == {both: None} == listed(oai, "org:VMU", **{"from": since})


def test_a_work_that_left_a_set_and_is_then_deleted_is_deleted_in_that_set_too(oai, shared):
    """Its harvesters may not have listed the set between the two: the tombstone keeps the set it left."""
    both, vmu = shared["both"], shared["vmu"]
    remove_holding(vmu, "V1", "test")
    hpu = Organisation.objects.get(code="HPU")
    remove_holding(hpu, Holding.objects.get(work_id=both).local_id, "test")
    assert listed(oai, "org:VMU", **{"from": BEFORE}) == {both: "deleted"}
    assert listed(oai, "org:HPU")[both] == "deleted"
    root = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:stinet.local:work/{both}")
    assert [s.text for s in root.iterfind(".//o:setSpec", NS)] == ["org:HPU", "type:thesis", "org:VMU"]


def test_a_work_no_member_holds_leaves_the_members_set(oai, shared):
    alone = shared["alone"]
    hpu = Organisation.objects.get(code="HPU")
    outsider = add_organisation("NXB", "Nhà xuất bản", member=False)
    Holding.objects.create(work_id=alone, organisation=outsider, local_id="N1")
    remove_holding(hpu, Holding.objects.get(work_id=alone, organisation=hpu).local_id, "test")
    assert listed(oai, "org")[alone] == "deleted" and listed(oai, "org:HPU")[alone] == "deleted"
    assert listed(oai, "type:thesis")[alone] is None


def test_a_work_deleted_is_one_tombstone_in_each_of_its_sets(oai, shared):
    hpu = Organisation.objects.get(code="HPU")
    alone = shared["alone"]
    remove_holding(hpu, Holding.objects.get(work_id=alone).local_id, "test")
    assert not Work.objects.filter(pk=alone).exists() and not Departure.objects.filter(work_id=alone).exists()
    assert listed(oai, "org:HPU")[alone] == "deleted"
    assert harvest(oai, metadataPrefix="oai_dc", set="org:HPU").count(f"oai:stinet.local:work/{alone}") == 1
    for spec in ("org:hpu", "Org:HPU", "TYPE:THESIS"):  # QA 26: set specs are case-sensitive, deleted records too
        assert alone not in listed(oai, spec), spec


def test_a_changed_type_leaves_the_old_types_set(oai, org, write_csv):
    import_file(write_csv([row("Đánh giá chất lượng nước", id="t1", dc_type="Luận văn thạc sĩ")], "a.csv"), "HPU")
    work = Work.objects.get()
    assert listed(oai, "type:thesis") == {work.pk: None}
    import_file(write_csv([row("Đánh giá chất lượng nước", id="t1", dc_type="Bài báo")], "b.csv"), "HPU")
    assert listed(oai, "type:thesis") == {work.pk: "deleted"}
    assert listed(oai, "type:article") == {work.pk: None} and listed(oai, "type")[work.pk] is None
    import_file(write_csv([row("Đánh giá chất lượng nước", id="t1", dc_type="Luận văn thạc sĩ")], "c.csv"), "HPU")
    assert listed(oai, "type:thesis") == {work.pk: None} and listed(oai, "type:article") == {work.pk: "deleted"}


def test_a_member_no_longer_one_takes_its_works_out_of_its_set(oai, shared):
    from stinet.directory.services import update_profile

    both, alone = shared["both"], shared["alone"]
    update_profile(None, Organisation.objects.get(code="HPU"), {"is_member": False})
    assert listed(oai, "org:HPU") == {both: "deleted", alone: "deleted"}
    assert listed(oai, "org") == {both: None, alone: "deleted"}  # VMU still holds one


def test_a_split_record_takes_its_member_out_of_the_old_works_set(oai, shared):
    from stinet.catalog.dedup import split

    both, vmu = shared["both"], shared["vmu"]
    old, new = split(vmu, "V1", "test")
    assert old == both
    assert listed(oai, "org:VMU") == {both: "deleted", new: None}
    assert listed(oai, "org:HPU") == {both: None, shared["alone"]: None}


def test_departures_page_with_the_live_records_and_count_in_the_list_size(oai, make_works, org):
    """Paged by resumption tokens in datestamp order with the live records; completeListSize counts them."""
    vmu = add_organisation("VMU", "Trường Đại học Hàng hải Việt Nam", member=True)
    ids = make_works(150, datetime(2021, 1, 1, tzinfo=UTC))
    Holding.objects.bulk_create([Holding(work_id=i, organisation=vmu, local_id=f"V{i}") for i in ids])
    for i in ids[::3]:
        remove_holding(vmu, f"V{i}", "test")
    seen = harvest(oai, metadataPrefix="oai_dc", set="org:VMU")
    assert sorted(seen) == sorted(f"oai:stinet.local:work/{i}" for i in ids) and len(seen) == 150
    first = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="org:VMU")
    assert first.find(".//o:resumptionToken", NS).get("completeListSize") == "150"
    assert list(listed(oai, "org:VMU", **{"from": BEFORE}).values()).count("deleted") == 0  # first page: live


def test_a_member_whose_code_changes_leaves_its_old_set(oai, shared):
    hpu = Organisation.objects.get(code="HPU")
    hpu.code = "DHHP"
    hpu.save()
    assert listed(oai, "org:HPU") == {shared["both"]: "deleted", shared["alone"]: "deleted"}
    assert listed(oai, "org:DHHP") == {shared["both"]: None, shared["alone"]: None}
