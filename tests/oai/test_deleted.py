"""Deleted records (persistent): tombstones through the service, merged with live records in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from stinet.catalog.models import Work
from stinet.ingest.services import import_file
from stinet.oai.models import Tombstone
from stinet.oai.services import record_deletion
from tests.conftest import row

from .conftest import NS, harvest, identifiers

pytestmark = pytest.mark.django_db
T0 = datetime(2023, 1, 1, tzinfo=UTC)


def delete(work: Work) -> Tombstone:
    """Delete a work the way the catalogue will: tombstone first, in one transaction."""
    tombstone = record_deletion(work)
    work.delete()
    return tombstone


def test_record_deletion(catalogue):
    work = Work.objects.get(title__startswith="Kỹ thuật trồng")
    work_id = work.pk
    first = record_deletion(work)
    again = record_deletion(work)  # called twice (a retried delete): one tombstone, later datestamp
    work.delete()
    assert Tombstone.objects.count() == 1 and again.datestamp >= first.datestamp
    assert again.work_id == work_id and again.identifier == f"oai:stinet.local:work/{work_id}"
    assert again.set_specs == ["org:HPU", "type:thesis"] and again.set_key == "|org:HPU|type:thesis|"


@pytest.mark.parametrize("prefix", ["oai_dc", "marcxml"])
def test_get_deleted_record(oai, catalogue, prefix):
    tombstone = delete(Work.objects.first())
    root = oai(verb="GetRecord", identifier=tombstone.identifier, metadataPrefix=prefix)
    record = root.find(".//o:record", NS)
    assert record.find("o:header", NS).get("status") == "deleted"
    assert record.find("o:metadata", NS) is None
    assert [s.text for s in record.iterfind(".//o:setSpec", NS)] == tombstone.set_specs


def test_deleted_and_live_records_page_together_in_datestamp_order(oai, make_works):
    ids = make_works(120, T0) + make_works(120, T0 + timedelta(hours=2), prefix="L")
    doomed = ids[::7]
    for i, work_id in enumerate(doomed):
        delete(Work.objects.get(pk=work_id))
        # put the deletion between the two groups, or inside the first one's second (by id)
        stamp = T0 + timedelta(hours=1) if i % 2 else T0
        Tombstone.objects.filter(work_id=work_id).update(datestamp=stamp)
    expected = sorted(((T0 + timedelta(hours=1)) if doomed.index(i) % 2 else T0, i) if i in doomed
                      else (T0 if i < ids[120] else T0 + timedelta(hours=2), i) for i in ids)
    for verb in ("ListIdentifiers", "ListRecords"):
        seen = harvest(oai, verb=verb, metadataPrefix="oai_dc")
        assert seen == [f"oai:stinet.local:work/{i}" for _stamp, i in expected]


def test_deleted_records_flagged_in_list_records(oai, make_works):
    ids = make_works(5, T0)
    delete(Work.objects.get(pk=ids[2]))
    root = oai(verb="ListRecords", metadataPrefix="marcxml")
    flags = {r.findtext("o:header/o:identifier", namespaces=NS): r.find("o:header", NS).get("status")
             for r in root.iterfind(".//o:record", NS)}
    assert flags[f"oai:stinet.local:work/{ids[2]}"] == "deleted"
    assert sum(1 for v in flags.values() if v is None) == 4
    assert len(root.findall(".//o:metadata", NS)) == 4


def test_earliest_datestamp_counts_tombstones(oai, make_works):
    ids = make_works(2, T0)
    delete(Work.objects.get(pk=ids[0]))
    Tombstone.objects.update(datestamp=T0 - timedelta(days=30))
    assert oai(verb="Identify").findtext(".//o:earliestDatestamp", namespaces=NS) == "2022-12-02T00:00:00Z"


def test_imported_text_with_control_characters_is_served_valid(oai, org, write_csv):
    rows = [row("Báo cáo\x0b tổng kết\x01", id="1", dc_type="Báo cáo kết quả nghiên cứu",
                dc_description_abstract="Dòng 1\x0cDòng 2", dc_contributor_author="Nguyễn\x02 Văn An")]
    import_file(write_csv(rows), "HPU")
    for prefix in ("oai_dc", "marcxml"):
        root = oai(verb="ListRecords", metadataPrefix=prefix)
        assert len(identifiers(root)) == 1
