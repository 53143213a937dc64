"""Third-party harvesters (Sickle, pyoai) take the whole feed from a live server, deletions included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from lxml import etree

from stinet.catalog.models import Work
from stinet.oai.repository import PAGE_SIZE
from stinet.oai.services import record_deletion

pytestmark = pytest.mark.django_db(transaction=True)
T0 = datetime(2024, 6, 1, 7, 30, tzinfo=UTC)


@pytest.fixture
def feed(make_works):
    """260 live works over three datestamps plus 7 deleted ones: three pages or more."""
    ids = make_works(150, T0) + make_works(80, T0 + timedelta(minutes=5), prefix="B") + make_works(
        37, T0 + timedelta(days=1), type="report", prefix="C")
    deleted = ids[3::40]
    for work_id in deleted:
        work = Work.objects.get(pk=work_id)
        record_deletion(work)
        work.delete()
    assert len(ids) > 2.5 * PAGE_SIZE
    return {f"oai:stinet.local:work/{i}": i in deleted for i in ids}


def test_sickle_harvests_everything(live_server, feed):
    from sickle import Sickle

    harvester = Sickle(live_server.url + "/oai")
    records = list(harvester.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False))
    got = {r.header.identifier: r.header.deleted for r in records}
    assert len(records) == len(feed) and got == feed
    live = next(r for r in records if not r.header.deleted)
    assert live.metadata["title"][0].startswith("Luận văn số") and live.metadata["type"][-1] == "Luận văn thạc sĩ"
    headers = list(harvester.ListIdentifiers(metadataPrefix="marcxml", ignore_deleted=False))
    assert len(headers) == len(feed)
    openaire = list(harvester.ListRecords(metadataPrefix="oai_openaire", ignore_deleted=False))
    assert {r.header.identifier: r.header.deleted for r in openaire} == feed
    live = next(r for r in openaire if not r.header.deleted)  # Sickle reads the record's elements by name
    assert live.metadata["title"][0].startswith("Luận văn số") and live.metadata["resourceType"] == ["master thesis"]
    assert harvester.Identify().deletedRecord == "persistent"
    assert {s.setSpec for s in harvester.ListSets()} >= {"org:HPU", "type:thesis", "type:report"}
    reports = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="type:report", ignore_deleted=False))
    assert len(reports) == 37  # a deleted report keeps its set
    moved = Work.objects.filter(type="report").first()
    moved.type = "article"
    moved.save()  # it left the set: deleted there for a harvester of the set, live in its new one
    reports = {h.identifier: h.deleted for h in harvester.ListIdentifiers(
        metadataPrefix="oai_dc", set="type:report", ignore_deleted=False)}
    assert len(reports) == 37 and reports[f"oai:stinet.local:work/{moved.pk}"] is True
    articles = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="type:article", ignore_deleted=False))
    assert [(h.identifier, h.deleted) for h in articles] == [(f"oai:stinet.local:work/{moved.pk}", False)]


class _LxmlForPyoai:
    """lxml.etree as pyoai 2.5 expects it: XPathEvaluator(...).evaluate, removed in lxml 6."""

    def __getattr__(self, name: str) -> object:
        """Everything else is lxml.etree's."""
        return getattr(etree, name)

    @staticmethod
    def XPathEvaluator(node: etree._Element, **kwargs: object) -> object:  # lxml's name
        """An evaluator with the old `evaluate` alias of calling it."""
        evaluator = etree.XPathEvaluator(node, **kwargs)
        return type("Evaluator", (), {"evaluate": staticmethod(evaluator), "__call__": staticmethod(evaluator)})()


def test_pyoai_harvests_everything(live_server, feed, monkeypatch):
    from oaipmh import client as pyoai_client
    from oaipmh import metadata as pyoai_metadata
    from oaipmh.client import Client
    from oaipmh.metadata import MetadataRegistry, oai_dc_reader

    if not hasattr(etree.XPathElementEvaluator, "evaluate"):
        monkeypatch.setattr(pyoai_client, "etree", _LxmlForPyoai())
        monkeypatch.setattr(pyoai_metadata, "etree", _LxmlForPyoai())

    registry = MetadataRegistry()
    registry.registerReader("oai_dc", oai_dc_reader)
    client = Client(live_server.url + "/oai", registry)
    assert client.identify().deletedRecord() == "persistent"
    assert client.identify().granularity() == "YYYY-MM-DDThh:mm:ssZ"
    got = {}
    for header, metadata, _about in client.listRecords(metadataPrefix="oai_dc"):
        got[header.identifier()] = header.isDeleted()
        assert (metadata is None) == header.isDeleted()
    assert got == feed
    since = client.listIdentifiers(metadataPrefix="oai_dc", from_=(T0 + timedelta(days=1)).replace(tzinfo=None))
    reports = set(list(feed)[-37:])  # made last, dated T0 + 1 day
    today = {i for i, deleted in feed.items() if deleted}  # deletions are dated now
    assert {h.identifier() for h in since} == reports | today
    formats = [f[0] for f in client.listMetadataFormats()]
    assert formats == ["oai_dc", "marcxml", "oai_openaire"]
