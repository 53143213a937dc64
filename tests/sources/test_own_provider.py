"""End to end: our own OAI-PMH provider (live server) harvested into a second organisation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from stinet.catalog.dedup import Decision
from stinet.catalog.models import Holding, Work
from stinet.catalog.services import add_organisation, remove_holding
from stinet.ingest.services import import_file
from stinet.search import indexing
from stinet.search.base import SearchRequest
from stinet.search.service import search_json
from stinet.sources.services import harvest_url
from tests.conftest import row

pytestmark = pytest.mark.django_db(transaction=True)


def values(work: Work) -> tuple[object, ...]:
    """What a harvest must carry over."""
    return (work.title, work.type, work.authors, work.year, work.subjects, work.language)


def mirrored(code: str) -> dict[int, Work]:
    """The mirror's works by the id of the work they copy (from the OAI identifier)."""
    return {int(h.local_id.rsplit("/", 1)[1]): h.work
            for h in Holding.objects.filter(organisation__code=code).select_related("work")}


@pytest.fixture
def no_merging(monkeypatch):
    """Keep harvested copies as works of their own (the catalogue would merge them with their originals)."""
    monkeypatch.setattr("stinet.catalog.dedup.decide", lambda org, items: [Decision() for _ in items])


def test_harvest_of_our_own_provider_sets_increments_and_deletions(live_server, catalogue, no_merging, write_csv):
    add_organisation("MIRROR", "Bản sao của HPU")
    Work.objects.update(updated_at=timezone.now() - timedelta(minutes=1))  # made before this harvest's second
    url = live_server.url + "/oai"
    first = harvest_url(url, "MIRROR", set_spec="org:HPU", allow_private=True)
    originals = {h.work_id: h.work for h in Holding.objects.filter(organisation__code="HPU").select_related("work")}
    copies = mirrored("MIRROR")
    assert (first.new, first.rejected, first.deleted) == (5, 0, 0)  # the set: HPU's five, not TVHP's book
    assert set(copies) == set(originals)
    for work_id, original in originals.items():
        assert values(copies[work_id]) == values(original)
    assert {w.type for w in copies.values()} == {"report", "thesis", "article", "dissertation"}
    found = search_json(SearchRequest(q="da dang sinh hoc", filters={"org": ["MIRROR"]}), "vi")
    assert found["total"] == 1

    second = harvest_url(url, "MIRROR", set_spec="org:HPU", allow_private=True)
    assert (second.new, second.updated, second.unchanged, second.deleted) == (0, 0, 0, 0)

    changed = row("Kỹ thuật trồng cây chè Shan tuyết vùng cao", id="2", dc_type="Luận văn thạc sĩ",
                  dc_date_issued="2018", dc_contributor_author="Lê Văn Cường")
    import_file(write_csv([changed], "hpu-fix.csv"), "HPU")
    gone = Holding.objects.get(organisation__code="HPU", local_id="1").work_id
    remove_holding(catalogue["HPU"], "1", "test")
    indexing.works_changed([gone])
    third = harvest_url(url, "MIRROR", set_spec="org:HPU", allow_private=True)
    assert (third.new, third.updated, third.deleted) == (0, 1, 1)
    copies = mirrored("MIRROR")
    assert gone not in copies and len(copies) == 4
    assert any(w.title == "Kỹ thuật trồng cây chè Shan tuyết vùng cao" for w in copies.values())


def test_marcxml_harvest_of_our_own_provider(live_server, catalogue, no_merging):
    add_organisation("MARC", "Bản sao MARC")
    report = harvest_url(live_server.url + "/oai", "MARC", prefix="marcxml", set_spec="org:TVHP", allow_private=True)
    assert (report.new, report.rejected) == (1, 0), report.lines()
    (copy,) = mirrored("MARC").values()
    assert copy.title == "Sinh học biển đại cương" and copy.type == "book" and copy.authors == ["Đặng Văn Em"]
