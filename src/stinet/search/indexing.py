"""Keeping the search index in step with the catalogue (called by services after commit)."""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from stinet.search.base import WRITER_WAIT, Backend, IndexBusy
from stinet.search.documents import from_values, load

_backend: Backend | None = None
_rebuilding = False  # inside rebuild(): opening an index of an older schema needs no rebuild of its own
_bulk_depth = 0
_sharing = False  # the outermost session is shared(): the writer is taken only to write, and let go when asked
REINDEX_BATCH = 2000
EDIT_WAIT = 2.0  # seconds an edit waits for another process's writer before queueing its works
SETTLE_ROUNDS = 3  # final commits that take the writer again for works queued meanwhile
QUEUE_WAIT = timedelta(seconds=30)  # an edit queued during a harvest is indexed at its next batch after this
# One thread of a process writes to the index at a time, from taking the writer to letting it go: the
# server's threads share the process's writer (and the session counters here), which the embedded engine's
# writer does not allow ("Already borrowed"), and one thread's final commit closed another's writer.
_writing = threading.RLock()


def _one_thread(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a writing entry point while no other thread of this process writes."""

    @functools.wraps(func)
    def alone(*args: Any, **kwargs: Any) -> Any:
        with _writing:
            return func(*args, **kwargs)

    return alone


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
            if _backend.recreated and not _rebuilding:  # an older version's index: rebuild it (once:
                logging.getLogger(__name__).warning(  # `stinet reindex` is a rebuild already)
                    "search index of an older schema replaced; rebuilding")
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


def _reindex(engine: Backend, ids: list[int]) -> None:
    """Write the documents of these works (and drop the deleted ones), not committed."""
    for start in range(0, len(ids), REINDEX_BATCH):
        docs, gone = _documents(ids[start:start + REINDEX_BATCH])
        engine.index_docs(docs)
        engine.delete(gone)


def _acquired(engine: Backend, wait: float) -> bool:
    """Whether this process could take the engine's writer within `wait` seconds."""
    try:
        engine.acquire(wait)
    except IndexBusy:
        return False
    return True


def _queued(engine: Backend) -> tuple[list[int], list[int]]:
    """Works other processes queued for re-indexing, and the queue rows read (deleted once indexed:
    only those, as a row another transaction commits later may have a lower key)."""
    if not engine.single_writer:
        return [], []
    from stinet.search.models import PendingIndex

    rows = list(PendingIndex.objects.order_by("pk").values_list("pk", "work_id"))
    return list(dict.fromkeys(work_id for _pk, work_id in rows)), [pk for pk, _work_id in rows]


def _commit(engine: Backend, final: bool) -> None:
    """Commit with the works other processes queued meanwhile (this process holds the writer);
    a final commit releases the writer, then takes it again if more were queued in between
    (a few times at most: what is left waits for the next writer)."""
    from stinet.search.models import PendingIndex

    for round_ in range(1, SETTLE_ROUNDS + 1):
        queued, read = _queued(engine)
        if queued and not _acquired(engine, 0):  # another process writes: it takes them
            queued, read = [], []
        _reindex(engine, queued)
        engine.commit(final=final)
        for start in range(0, len(read), REINDEX_BATCH):  # rows queued since stay
            PendingIndex.objects.filter(pk__in=read[start:start + REINDEX_BATCH]).delete()
        if round_ == SETTLE_ROUNDS or not (final and engine.single_writer and PendingIndex.objects.exists()
                                           and _acquired(engine, 0)):
            return


def _writable(engine: Backend) -> bool:
    """Whether a session may write now: always, unless it is shared and another process holds the
    writer or waits for it (its changes are queued then)."""
    return not _sharing or engine.holds_writer() or (not engine.writer_wanted() and _acquired(engine, 0))


def _queue(engine: Backend, ids: list[int]) -> None:
    """Leave these works for the process that writes (it indexes them at its next commit)."""
    from stinet.search.models import PendingIndex

    PendingIndex.objects.bulk_create([PendingIndex(work_id=work_id) for work_id in ids])
    if _bulk_depth == 0 and _acquired(engine, 0):  # the other process let go meanwhile, perhaps before it saw them
        _commit(engine, final=True)


@_one_thread
def works_changed(ids: Iterable[int]) -> None:
    """Re-index these works (and drop the deleted ones); committed now unless inside bulk().

    When another process holds the embedded engine's writer for longer than an edit waits
    (EDIT_WAIT: an import or a harvest is running), or at all during a shared() session, the
    works are queued instead: that process indexes them at its next commit, or whichever
    process writes next.
    """
    ids = list(dict.fromkeys(ids))
    if not ids:
        return
    engine = backend()
    if not (_writable(engine) if _bulk_depth else _acquired(engine, EDIT_WAIT)):
        _queue(engine, ids)
        return
    _reindex(engine, ids)
    if _bulk_depth == 0:
        _commit(engine, final=True)


@_one_thread
def commit() -> None:
    """Make pending index changes durable and visible now (long imports call this now and then;
    inside a bulk session the writer stays open)."""
    engine = backend()
    if not _sharing or engine.holds_writer():
        _commit(engine, final=_bulk_depth == 0)


@_one_thread
def offer() -> None:
    """In a shared session, between two batches or pages: let go of the writer, committing first, when
    another process waits for it; commit (keeping it) when an edit queued for it has waited QUEUE_WAIT."""
    engine = backend()
    if not (_sharing and engine.holds_writer()):
        return
    if engine.writer_wanted():
        _commit(engine, final=True)
        return
    from stinet.search.models import PendingIndex

    if engine.single_writer and PendingIndex.objects.filter(queued_at__lt=timezone.now() - QUEUE_WAIT).exists():
        _commit(engine, final=False)


@_one_thread
def pause() -> None:
    """A shared session waits for something else (a harvest for its source): let go of the writer
    meanwhile, committing first; the next batch takes it again (or queues, if another took it)."""
    engine = backend()
    if _sharing and engine.holds_writer():
        _commit(engine, final=True)


def prepare(doc: dict[str, Any]) -> Any:
    """A new work's search document in the form the configured engine takes fastest (without
    its id). Parsing workers call this, so that the storing process has less to do."""
    if settings.SEARCH_BACKEND == "postgres":
        return doc
    from stinet.search.tantivy_backend import prepared

    return prepared(doc)


@_one_thread
def records_created(org_code: str, created: Iterable[tuple[int, Any]]) -> None:
    """Index works just created by an import from the values in hand (no database round trip):
    the document parsing prepared, or one made from the record's values."""
    docs = [(work_id, item.doc if item.doc is not None else
             prepare(from_values(work_id, item.work, [(org_code, item.holding["access"])])))
            for work_id, item in created]
    if not docs:
        return
    engine = backend()
    if _bulk_depth and not _writable(engine):
        _queue(engine, [work_id for work_id, _doc in docs])
        return
    engine.index_prepared(docs)
    if _bulk_depth == 0:
        _commit(engine, final=True)


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """Group index changes into one commit at the end (imports, rebuilds).

    The outermost session takes the writer first, waiting up to WRITER_WAIT seconds for another
    process to finish (IndexBusy then, before anything is stored). A bulk session inside another
    (each file of a several-file import) commits its changes when it ends, so that they are
    durable and searchable, but leaves the writer open: only the outermost waits for the
    engine's segment merges and releases the index.
    """
    global _bulk_depth
    with _writing:
        if _bulk_depth == 0:
            backend().acquire(WRITER_WAIT)
        _bulk_depth += 1
        try:
            yield
        finally:
            _bulk_depth -= 1
            _end(backend())


def _end(engine: Backend) -> None:
    """The end of a session: commit (with what others queued); the outermost lets go of the writer
    whatever happens, and refreshes what the backend derives from its documents."""
    try:
        _commit(engine, final=_bulk_depth == 0)
    finally:
        if _bulk_depth == 0 and engine.holds_writer() and engine.single_writer:
            try:
                engine.commit(final=True)  # the queue could not be read (the database failed): this much
            except Exception:
                engine.rollback()
                raise
    if _bulk_depth == 0:
        engine.settle()


@contextlib.contextmanager
def shared() -> Iterator[None]:
    """A bulk session that never makes another writer wait nor waits for one (harvests, which
    spend much of their time waiting for the source: a slow member's server must not make an
    import or another harvest fail).

    The writer is taken only when a batch is written, if no other process holds it (the batch's
    works are queued for that process otherwise); offer() lets go of it between batches when
    another process waits for it, pause() while the harvest waits for its source. Inside a
    session that holds the writer already, it is an ordinary nested session.
    """
    global _bulk_depth, _sharing
    with _writing:
        outermost = _bulk_depth == 0
        _sharing = _sharing or outermost
        _bulk_depth += 1
        try:
            yield
        finally:
            _bulk_depth -= 1
            if outermost:
                _sharing = False
            _end(backend())  # with what was queued meanwhile, if the writer is free


def rebuild(progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index from the catalogue; returns the number of works indexed."""
    from stinet.catalog.models import Work

    global _rebuilding
    _rebuilding = True
    try:
        engine = backend()
    finally:
        _rebuilding = False
    done = 0
    with bulk():  # the writer first: the embedded index is emptied only by the commit that fills it again
        try:
            engine.clear()
            ids = list(Work.objects.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), REINDEX_BATCH):
                chunk = ids[start:start + REINDEX_BATCH]
                docs, _gone = _documents(chunk)
                engine.index_docs(docs)
                done += len(docs)
                if progress:
                    progress(done)
        except BaseException:
            engine.rollback()  # a rebuild that fails (Ctrl-C too) leaves the embedded index as it was
            raise
    return done
