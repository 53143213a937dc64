"""Keeping the search index in step with the catalogue (called by services after commit)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings

from stinet.search.base import Backend
from stinet.search.documents import from_values, load

_backend: Backend | None = None
_bulk_depth = 0
REINDEX_BATCH = 2000


def backend() -> Backend:
    """The configured backend (one per process)."""
    global _backend
    if _backend is None:
        if settings.SEARCH_BACKEND == "postgres":
            from stinet.search.postgres_backend import PostgresBackend

            _backend = PostgresBackend()
        else:
            from stinet.search.tantivy_backend import TantivyBackend

            _backend = TantivyBackend(settings.SEARCH_INDEX_DIR)
            if _backend.recreated:  # the index of an older version: rebuild it from the catalogue
                logging.getLogger(__name__).warning("search index of an older schema replaced; rebuilding")
                rebuild()
    return _backend


def reset() -> None:
    """Forget the backend (tests switch data directories)."""
    global _backend
    if _backend is not None:
        _backend.rollback()
    _backend = None


def _documents(ids: list[int]) -> tuple[list[dict], list[int]]:
    """Search documents of the works that exist, and the ids that no longer do."""
    from stinet.catalog.fileaccess import today

    docs = load(ids, today())
    found = {d["id"] for d in docs}
    return docs, [i for i in ids if i not in found]


def works_changed(ids: Iterable[int]) -> None:
    """Re-index these works (and drop the deleted ones); committed now unless inside bulk()."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return
    engine = backend()
    for start in range(0, len(ids), REINDEX_BATCH):
        docs, gone = _documents(ids[start:start + REINDEX_BATCH])
        engine.index_docs(docs)
        engine.delete(gone)
    if _bulk_depth == 0:
        engine.commit()


def commit() -> None:
    """Make pending index changes durable and visible now (long imports call this now and then)."""
    backend().commit(final=False)


def prepare(doc: dict[str, Any]) -> Any:
    """A new work's search document in the form the configured engine takes fastest (without
    its id). Parsing workers call this, so that the storing process has less to do."""
    if settings.SEARCH_BACKEND == "postgres":
        return doc
    from stinet.search.tantivy_backend import prepared

    return prepared(doc)


def records_created(org_code: str, created: Iterable[tuple[int, Any]]) -> None:
    """Index works just created by an import from the values in hand (no database round trip):
    the document parsing prepared, or one made from the record's values."""
    docs = [(work_id, item.doc if item.doc is not None else
             prepare(from_values(work_id, item.work, [(org_code, item.holding["access"])])))
            for work_id, item in created]
    if docs:
        backend().index_prepared(docs)
        if _bulk_depth == 0:
            backend().commit()


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Group index changes into one commit at the end (imports, rebuilds).

    A bulk session inside another (each file of a several-file import) commits its changes
    when it ends, so that they are durable and searchable, but leaves the writer open: only
    the outermost waits for the engine's segment merges and releases the index.
    """
    global _bulk_depth
    _bulk_depth += 1
    try:
        yield
    finally:
        _bulk_depth -= 1
        backend().commit(final=_bulk_depth == 0)


def rebuild(progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index from the catalogue; returns the number of works indexed."""
    from stinet.catalog.models import Work

    engine = backend()
    engine.clear()
    done = 0
    with bulk():
        ids = list(Work.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), REINDEX_BATCH):
            chunk = ids[start:start + REINDEX_BATCH]
            docs, _gone = _documents(chunk)
            engine.index_docs(docs)
            done += len(docs)
            if progress:
                progress(done)
    return done
