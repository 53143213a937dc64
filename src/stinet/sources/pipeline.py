"""The harvest pipeline: pages fetched ahead in a thread, records converted (in worker processes
for large lists), then stored a group of pages at a time in the list's order.

Converting a record (the metadata mapping, then the same row parsing as file imports: legacy
encodings, names, keys, search document) touches no database, so large lists convert in forked
processes while this process stores the previous group, as `stinet import` does with files.
Within a group the last version of an identifier wins (a record re-sent in a later page, or
deleted after being sent).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from lxml import etree

from stinet.catalog.services import Incoming
from stinet.ingest.parsing import ParseContext, parse_chunk
from stinet.ingest.record import RowError
from stinet.ingest.report import ImportReport
from stinet.ingest.workers import pool
from stinet.sources.client import Page
from stinet.sources.mapping import FIELDS, MappingError, mapper

STORE_RECORDS = 500  # records of consecutive pages stored in one transaction
READ_AHEAD_PAGES = 4  # pages fetched ahead of the one being converted
IDLE_AFTER = 5.0  # seconds without a page after which a harvest lets go of the search index's writer
IDENTITY_MAPPING = {f: f for f in FIELDS}
Raw = tuple[int, str, bytes]  # line, identifier, serialized metadata


@dataclass
class Converted:
    """A page's live records converted: records, the parsing report, conversion failures."""

    items: list[Incoming]
    part: ImportReport
    failures: list[tuple[int, str, str]]  # line, identifier, reason
    lines: list[int] = field(default_factory=list)  # the lines of the records converted


def convert(prefix: str, holder: tuple[str, str, str], raws: list[Raw], language: str | None = None,
            quiet: frozenset[int] = frozenset()) -> Converted:
    """Map records' metadata to rows and parse them as an import would (runs in a worker).

    `language`: the harvest's interface language, for the reasons of rejections (a worker process
    does not inherit the language active in the harvesting thread). `quiet`: lines of records given
    again by a restarted list, whose conversions and type labels were counted the first time.
    """
    with translation.override(language):
        to_row = mapper(prefix)
        rows, failures = [], []
        for line, identifier, xml in raws:
            try:
                rows.append((line, to_row(identifier, etree.fromstring(xml), holder)))
            except (RowError, MappingError, ValueError, etree.XMLSyntaxError) as exc:
                failures.append((line, identifier, str(exc)))
        ctx = ParseContext(IDENTITY_MAPPING, prefix, len(FIELDS), False, holder[0])
        items, part, _read = parse_chunk(ctx, rows, quiet)
    return Converted(items, part, failures, [line for line, _identifier, _xml in raws])


@dataclass
class Group:
    """Consecutive pages stored together: their deletions, conversions and the last page's token."""

    token: str | None = None
    records: int = 0
    pages: int = 0
    deletions: list[tuple[int, str]] = field(default_factory=list)  # line, identifier
    bare: list[tuple[int, str]] = field(default_factory=list)  # line, identifier of records without metadata
    identifiers: dict[int, str] = field(default_factory=dict)  # line -> identifier of live records
    pending: list[Any] = field(default_factory=list)  # Future or Converted, in page order


@dataclass
class Outcome:
    """What a group amounts to once converted: records to store, identifiers to delete, rejections."""

    items: list[Incoming]
    deletions: list[str]
    parts: list[ImportReport]
    failures: list[tuple[str, str]]  # identifier, reason (of the mapping; parsing's are in parts)
    rejected: list[str] = field(default_factory=list)  # every identifier whose last version was rejected


class Pipeline:
    """Pages in, groups of converted records out (to `store`), in order; see the module's doc."""

    def __init__(self, prefix: str, holder: tuple[str, str, str], report: Any,
                 store: Callable[[Outcome, Group], None], workers: int, seen: set[str] | None = None,
                 counted: Callable[[str], bool] | None = None) -> None:
        self.prefix, self.holder, self.report, self.store = prefix, holder, report, store
        self.seen = seen  # every identifier the list gives, when the caller needs them (a full harvest)
        self.counted = counted  # identifiers whose rejection was counted already (a list restarted)
        self.pool = pool(workers) if workers > 1 else None
        self.groups: list[Group] = [Group()]
        self.broken = False  # a group failed to store: nothing after it may be stored

    def close(self) -> None:
        """Stop the worker processes."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def add(self, page: Page) -> None:
        """Take one page: check headers, send live records to conversion; store groups that are due."""
        group = self.groups[-1]
        raws: list[Raw] = []
        for record in page.records:
            self.report.records_seen += 1
            line, identifier = self.report.records_seen, record.header.identifier
            if self.seen is not None and identifier:
                self.seen.add(identifier)
            if not identifier or len(identifier) > 300:
                self.report.reject_record(identifier[:80] or _("(none)"),
                                          _("header: missing identifier or longer than 300 characters"))
            elif record.header.deleted:
                group.deletions.append((line, identifier))
            elif record.metadata is None:  # rejected unless a later version of the group replaces it
                group.bare.append((line, identifier))
            else:
                group.identifiers[line] = identifier
                raws.append((line, identifier, etree.tostring(record.metadata, with_tail=False)))
        if raws:
            again = frozenset(line for line, identifier, _xml in raws if self.counted and self.counted(identifier))
            args = (self.prefix, self.holder, raws, translation.get_language(), again)
            group.pending.append(self.pool.submit(convert, *args) if self.pool else convert(*args))
        group.records += len(page.records)
        group.pages += 1
        group.token = page.token
        if page.token and group.records < STORE_RECORDS:
            return
        self.groups.append(Group())
        # with workers, a group is stored once the next one is under way, so conversion overlaps storing
        while len(self.groups) > (2 if self.pool else 1):
            self._store(self.groups.pop(0))

    def flush(self) -> None:
        """Store every group received so far (at the end of a list, or before a fetch failure is raised).

        Nothing is stored after a group that failed: the resume point must not pass it.
        """
        groups, self.groups = self.groups, [Group()]
        for group in groups:
            if group.pages and not self.broken:
                self._store(group)

    def _store(self, group: Group) -> None:
        """Wait for a group's conversions, keep the last version of each identifier, store it."""
        try:
            self.store(self._outcome(group), group)
        except BaseException:
            self.broken = True
            raise

    def _outcome(self, group: Group) -> Outcome:
        """A group's records, deletions and rejections once converted. The last version of an identifier
        wins: a version rejected, then sent again or deleted, is neither stored nor counted rejected."""
        converted = [p.result() if isinstance(p, Future) else p for p in group.pending]
        events: list[tuple[int, Incoming | None | str]] = [(line, None) for line, _i in group.deletions]
        stored: set[int] = set()
        for done in converted:
            events += [(item.line, item) for item in done.items]
            stored.update(item.line for item in done.items)
            for rejection in done.part.rejections:
                rejection["identifier"] = group.identifiers.get(int(rejection["line"]), "")  # type: ignore[call-overload]
        # every live record that did not become a record was rejected (mapping or parsing)
        events += [(line, "rejected") for line in group.identifiers if line not in stored]
        events += [(line, "bare") for line, _i in group.bare]
        header = dict(group.deletions) | group.identifiers | dict(group.bare)  # line -> identifier as sent
        latest: dict[str, tuple[int, Incoming | None | str]] = {}
        for line, what in sorted(events, key=lambda e: e[0]):
            identifier = header[line]
            latest.pop(identifier, None)
            latest[identifier] = (line, what)
        counted = self.counted or (lambda identifier: False)
        last = {line for identifier, (line, _what) in latest.items() if not counted(identifier)}
        for done in converted:  # only the last version's rejection counts
            failed = {line for line, _i, _reason in done.failures}
            done.part.rejected = sum(1 for line in done.lines if line not in stored and line not in failed
                                     and line in last)
            done.part.rejections = [r for r in done.part.rejections if int(r["line"]) in last]  # type: ignore[call-overload]
        return Outcome(items=[v for _line, v in latest.values() if isinstance(v, Incoming)],
                       deletions=[i for i, (_line, v) in latest.items() if v is None],
                       parts=[done.part for done in converted],
                       failures=[(i, reason) for done in converted for line, i, reason in done.failures
                                 if line in last]
                       + [(i, _("record without metadata")) for line, i in group.bare if line in last],
                       rejected=[i for i, (_line, v) in latest.items() if v in ("rejected", "bare")])


def read_ahead(pages: Iterator[Page], depth: int = READ_AHEAD_PAGES, idle: Callable[[], None] | None = None,
               idle_after: float | None = None) -> Iterator[Page]:
    """The pages of a list, fetched and parsed up to `depth` pages ahead in a thread.

    A failure to fetch comes out where its page would have: the pages before it first. When the
    next page is more than `idle_after` seconds away, `idle` is called (once per wait), in the
    reading thread (IDLE_AFTER seconds unless given).
    """
    idle_after = IDLE_AFTER if idle_after is None else idle_after
    ahead: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    language = translation.get_language()  # the thread's failures read in the harvest's language

    def put(item: tuple[str, Any]) -> bool:
        """Queue an item unless the reader went away."""
        while not stop.is_set():
            try:
                ahead.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def fetch() -> None:
        """Fetch every page into the queue, then the end (or the failure)."""
        with translation.override(language):
            try:
                for page in pages:
                    if not put(("page", page)):
                        return
                put(("end", None))
            except BaseException as exc:  # handed to the reading thread, raised there
                put(("error", exc))

    thread = threading.Thread(target=fetch, name="oai-fetch", daemon=True)
    thread.start()
    try:
        while True:
            try:
                kind, value = ahead.get(timeout=idle_after) if idle else ahead.get()
            except queue.Empty:
                assert idle is not None
                idle()
                kind, value = ahead.get()
            if kind == "error":
                raise value
            if kind == "end":
                return
            yield value
    finally:
        stop.set()
        # ended, failed or interrupted: the thread has finished, or is waiting on the server; an interrupted
        # harvest does not wait for that answer (Ctrl-C waited up to two minutes on a server that gave none)
        thread.join(timeout=1.0)
