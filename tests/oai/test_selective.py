"""Selective harvesting: from/until at both granularities, sets, deleted records in both."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from stinet.catalog.models import Holding, Work
from stinet.catalog.services import add_organisation
from stinet.oai.protocol import OAIError, date_range
from stinet.oai.services import record_deletion

from .conftest import NS, error_code, harvest, identifiers

pytestmark = pytest.mark.django_db
DAY1 = datetime(2024, 5, 1, 23, 59, 59, 900000, tzinfo=UTC)  # shown as 2024-05-01T23:59:59Z
DAY2 = datetime(2024, 5, 2, 0, 0, 0, tzinfo=UTC)
DAY3 = datetime(2024, 5, 3, 12, 30, 0, 250000, tzinfo=UTC)


@pytest.fixture
def dated(make_works):
    """Two works on each of three datestamps."""
    return {stamp: make_works(2, stamp, prefix=f"D{i}") for i, stamp in enumerate((DAY1, DAY2, DAY3))}


def ids_between(oai, **bounds: str) -> set[int]:
    """Work ids of ListIdentifiers with the given bounds (empty on noRecordsMatch)."""
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **bounds)
    if error_code(root) == "noRecordsMatch":
        return set()
    assert error_code(root) is None
    return {int(i.rsplit("/", 1)[1]) for i in identifiers(root)}


@pytest.mark.parametrize(("bounds", "days"), [
    ({"from": "2024-05-01"}, (1, 2, 3)),
    ({"from": "2024-05-02"}, (2, 3)),
    ({"until": "2024-05-01"}, (1,)),
    ({"until": "2024-05-02"}, (1, 2)),
    ({"from": "2024-05-02", "until": "2024-05-02"}, (2,)),
    ({"from": "2024-05-01T23:59:59Z", "until": "2024-05-01T23:59:59Z"}, (1,)),  # until takes in the whole second
    ({"from": "2024-05-02T00:00:00Z", "until": "2024-05-03T12:30:00Z"}, (2, 3)),
    ({"from": "2024-05-02T00:00:01Z", "until": "2024-05-03T12:29:59Z"}, ()),
    ({"from": "2024-05-03T12:30:00Z"}, (3,)),
    ({"until": "9999-12-31"}, (1, 2, 3)),
])
def test_from_until(oai, dated, bounds, days):
    stamps = (DAY1, DAY2, DAY3)
    assert ids_between(oai, **bounds) == {i for d in days for i in dated[stamps[d - 1]]}


def test_date_range_rules():
    assert date_range("2024-05-01", "2024-05-01") == (datetime(2024, 5, 1, tzinfo=UTC),
                                                      datetime(2024, 5, 2, tzinfo=UTC))
    assert date_range(None, "2024-05-01T10:00:00Z")[1] == datetime(2024, 5, 1, 10, 0, 1, tzinfo=UTC)
    for since, until in (("2024-05-02", "2024-05-01"), ("2024-05-01", "2024-05-01T00:00:00Z"),
                         ("2024-02-30", None), (None, "24-05-01"), ("2024-05-01T25:00:00Z", None)):
        with pytest.raises(OAIError) as err:
            date_range(since, until)
        assert err.value.code == "badArgument"


def test_token_keeps_the_bounds_and_the_set(oai, make_works):
    inside = make_works(150, DAY2) + make_works(10, DAY3, prefix="I")
    make_works(40, DAY1, prefix="O")
    make_works(30, DAY2, type="book", prefix="B")
    seen = harvest(oai, metadataPrefix="oai_dc", set="type:thesis", **{"from": "2024-05-02"})
    assert sorted(seen) == sorted(f"oai:stinet.local:work/{i}" for i in inside)


@pytest.fixture
def two_orgs(make_works, org):
    """HPU holds theses; VMU holds a book and shares one of HPU's theses; a non-member holds one more."""
    vmu = add_organisation("VMU", "Trường Đại học Hàng hải Việt Nam", member=True)
    outsider = add_organisation("NXB", "Nhà xuất bản", member=False)
    theses = make_works(3, DAY1)
    books = make_works(1, DAY2, type="book", prefix="K")
    Holding.objects.filter(work_id__in=books).update(organisation=vmu)
    Holding.objects.create(work_id=theses[0], organisation=vmu, local_id="shared")
    other = make_works(1, DAY3, type="report", prefix="R")
    Holding.objects.filter(work_id__in=other).update(organisation=outsider)
    return {"theses": theses, "books": books, "other": other}


@pytest.mark.parametrize(("spec", "group"), [
    ("org:HPU", lambda g: g["theses"]),
    ("org:VMU", lambda g: g["books"] + g["theses"][:1]),
    ("org", lambda g: g["theses"] + g["books"]),
    ("type", lambda g: g["theses"] + g["books"] + g["other"]),
    ("type:thesis", lambda g: g["theses"]),
    ("type:book", lambda g: g["books"]),
    ("org:NXB", lambda g: []),  # not a member: no set
])
def test_sets(oai, two_orgs, spec, group):
    expected = {f"oai:stinet.local:work/{i}" for i in group(two_orgs)}
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
    assert set(identifiers(root)) == expected
    assert error_code(root) == (None if expected else "noRecordsMatch")


def test_set_specs_in_headers_and_list_sets(oai, two_orgs):
    shared = two_orgs["theses"][0]
    root = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:stinet.local:work/{shared}")
    assert [s.text for s in root.iterfind(".//o:setSpec", NS)] == ["org:HPU", "org:VMU", "type:thesis"]
    specs = [s.text for s in oai(verb="ListSets").iterfind(".//o:setSpec", NS)]
    assert specs == ["org", "type", "org:HPU", "org:VMU", "type:report", "type:thesis", "type:book"]


def test_deleted_records_keep_their_sets_and_dates(oai, two_orgs):
    shared = Work.objects.get(pk=two_orgs["theses"][0])
    tombstone = record_deletion(shared)
    shared.delete()
    assert tombstone.set_specs == ["org:HPU", "org:VMU", "type:thesis"]
    gone = f"oai:stinet.local:work/{tombstone.work_id}"
    for spec in ("org:VMU", "org", "type:thesis", "type"):
        root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
        assert gone in identifiers(root), spec
    assert gone not in identifiers(oai(verb="ListIdentifiers", metadataPrefix="oai_dc", set="type:book"))
    stamp = tombstone.datestamp
    since = (stamp - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = oai(verb="ListRecords", metadataPrefix="oai_dc", **{"from": since})
    assert identifiers(root) == [gone]
    assert root.find(".//o:header", NS).get("status") == "deleted"


def test_a_change_of_membership_or_name_is_a_change_of_the_works_records(oai, two_orgs):
    """Their sets and 852 change with the organisation: an incremental harvest from before gets them again
    (no datestamp changed: a harvester kept the old sets forever)."""
    from stinet.catalog.models import Organisation
    from stinet.directory.services import update_profile

    since = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    Work.objects.update(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    hpu = Organisation.objects.get(code="HPU")
    update_profile(None, hpu, {"province": "Hải Phòng"})  # not in the records: nothing changes
    assert error_code(oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": since})) == "noRecordsMatch"
    update_profile(None, hpu, {"is_member": False})
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": since})
    assert set(identifiers(root)) == {f"oai:stinet.local:work/{i}" for i in two_orgs["theses"]}
    shared = two_orgs["theses"][0]
    header = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:stinet.local:work/{shared}")
    assert [s.text for s in header.iterfind(".//o:setSpec", NS)] == ["org:VMU", "type:thesis"]
