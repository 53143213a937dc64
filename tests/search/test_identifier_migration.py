"""Migration search 0009 on an existing index: the works with an ISBN or ISSN are indexed again, so that the
start of one (isbn:978-604) finds them among the ISBNs."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from stinet.search import indexing
from stinet.search.base import SearchRequest
from stinet.search.service import search_json

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(target: list[tuple[str, str]] | None = None) -> None:
    """Migrate to `target` (None: the latest migrations)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target or executor.loader.graph.leaf_nodes())


def titles(q: str) -> list[str]:
    return sorted(r["title"] for r in search_json(SearchRequest(q=q))["results"])


def test_works_with_an_isbn_or_issn_are_indexed_again(org, write_csv):
    from stinet.catalog.models import Work
    from stinet.ingest.services import import_file
    from tests.conftest import row

    import_file(write_csv([row("Sinh học biển", id="b1", dc_type="Sách", dc_identifier_isbn="978-604-913-123-4"),
                           row("Tạp chí biển", id="j1", dc_identifier_issn="1859-3100"),
                           row("Hải dương học", id="p1")]), "HPU")
    ids = list(Work.objects.values_list("pk", flat=True))
    try:
        _migrate([("search", "0008_longer_title_sort")])
        engine = indexing.backend()  # as if indexed before: no document at all
        engine.delete(ids)
        engine.commit()
        assert titles("biển") == titles("hải") == []
        _migrate()
        assert titles("isbn:978-604") == ["Sinh học biển"] and titles("issn:1859") == ["Tạp chí biển"]
        assert titles("hải") == []  # the others are not written again
    finally:
        _migrate()
