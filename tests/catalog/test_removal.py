"""Removing a member's holding when the record is deleted at its source."""

import pytest

from stinet.catalog.models import AuditEntry, Holding, SourceRecord, Work
from stinet.catalog.services import add_organisation, remove_holding
from stinet.ingest.services import import_file
from stinet.oai.models import Tombstone
from tests.conftest import row

pytestmark = pytest.mark.django_db


def test_last_holding_removes_the_work_and_leaves_a_tombstone(org, write_csv):
    import_file(write_csv([row("Sẽ bị xóa", id="d1"), row("Ở lại", id="d2")]), "HPU")
    work_id = Work.objects.get(title="Sẽ bị xóa").pk
    assert remove_holding(org, "d1", "test") == ("work-deleted", work_id)
    assert not Work.objects.filter(pk=work_id).exists()
    assert not SourceRecord.objects.filter(local_id="d1").exists()
    assert Tombstone.objects.get(work_id=work_id).set_specs
    assert AuditEntry.objects.filter(action="work-deleted", object_id=str(work_id)).exists()
    assert remove_holding(org, "d1", "test") == ("absent", None)
    assert Work.objects.count() == 1


def test_a_work_held_elsewhere_keeps_living(org):
    other = add_organisation("LIB", "Thư viện", member=True)
    work = Work.objects.create(title="Chung", title_sort="chung")
    Holding.objects.create(work=work, organisation=org, local_id="a")
    Holding.objects.create(work=work, organisation=other, local_id="b")
    stamp = work.updated_at
    assert remove_holding(org, "a", "test") == ("holding-deleted", work.pk)
    work.refresh_from_db()
    assert list(work.holdings.values_list("organisation__code", flat=True)) == ["LIB"]
    assert work.updated_at > stamp and not Tombstone.objects.exists()
