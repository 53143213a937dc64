"""An embedded index of an older schema (a release that indexed fewer fields) is replaced and rebuilt, once."""

from __future__ import annotations

from pathlib import Path

import pytest
import tantivy
from django.conf import settings

from stinet.search import indexing
from stinet.search.base import SearchRequest
from stinet.search.service import search_json

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def older_index(catalogue) -> Path:
    """The catalogue's index replaced by one of an older schema, as an upgrade finds it."""
    if settings.SEARCH_BACKEND != "tantivy":
        pytest.skip("the embedded engine's index only")
    indexing.reset()
    folder = Path(settings.SEARCH_INDEX_DIR)
    for old in folder.iterdir():
        if old.is_file():
            old.unlink()
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", tokenizer_name="default", index_option="position")
    index = tantivy.Index(builder.build(), path=str(folder))
    writer = index.writer(15_000_000, 1)
    writer.commit()
    writer.wait_merging_threads()
    return folder


def test_the_first_search_after_an_upgrade_finds_everything(older_index):
    assert search_json(SearchRequest(q="san hô"))["total"] == 1
    assert search_json(SearchRequest())["total"] == 6


def test_stinet_reindex_after_an_upgrade_rebuilds_once(older_index, monkeypatch):
    from stinet.search.tantivy_backend import TantivyBackend

    clears: list[int] = []
    original = TantivyBackend.clear
    monkeypatch.setattr(TantivyBackend, "clear", lambda self: (clears.append(1), original(self))[1])
    assert indexing.rebuild() == 6 and len(clears) == 1  # not once when opened, then again
    assert search_json(SearchRequest(q="cây chè"))["total"] == 1


def test_an_index_whose_groups_were_found_with_other_equivalences_is_rebuilt(catalogue):
    """The tokens of the equivalence groups are found when a work is indexed: after the groups change
    (a form added), the index is rebuilt when first opened, not left to miss the works indexed before."""
    if settings.SEARCH_BACKEND != "tantivy":
        pytest.skip("the embedded engine's index only")
    from stinet.search.tantivy_backend import GROUPS_FILE

    indexing.reset()
    (Path(settings.SEARCH_INDEX_DIR) / GROUPS_FILE).write_text("groups of an older release")
    assert indexing.backend().recreated
    assert search_json(SearchRequest(q="KHCN"))["total"] == 1 and search_json(SearchRequest())["total"] == 6
    indexing.reset()
    assert not indexing.backend().recreated  # once
