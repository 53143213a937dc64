"""What the provider reads: live works, tombstones and (in a set) departures, merged in (datestamp, id) order.

Paging is by keyset: a page starts strictly after the last (datestamp, work id) served, so a
page deep in a list costs what the first one costs, and a record updated during a harvest
moves to the end of the list and is served again instead of shifting the pages under the
harvester. The keyset condition is split in two index range scans, "same datestamp, higher
id" then "later datestamp", because neither SQLite nor PostgreSQL turns an OR (or, for
SQLite, a row-value comparison on (datestamp, rowid)) into one index seek.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, Min, OuterRef, Prefetch, QuerySet, Value
from django.db.models.functions import StrIndex

from stinet.catalog.models import Holding, Work

from .models import Departure, Tombstone
from .sets import key_fragment, work_filter, work_set_specs
from .tokens import Query

PAGE_SIZE = 100  # records (or headers) per response
HEADER_FIELDS = ("id", "type", "updated_at")
UNUSED_FIELDS = ("title_sort", "extra", "field_code_old")  # not disseminated (extra: only in marcxml)


@dataclass
class Entry:
    """One item of a list: a live work (with its metadata source) or a deleted one."""

    work_id: int
    datestamp: datetime
    set_specs: list[str] = field(default_factory=list)
    work: Work | None = None  # None: deleted

    @property
    def deleted(self) -> bool:
        """Whether the item is a tombstone."""
        return self.work is None

    @property
    def key(self) -> tuple[datetime, int]:
        """Its place in the list."""
        return (self.datestamp, self.work_id)


def _holdings(headers_only: bool) -> Prefetch:
    """Holdings with their organisations in one query, only the columns the answer needs."""
    fields = ["work_id", "organisation__code", "organisation__is_member"]
    if not headers_only:
        fields += ["call_number", "url", "access", "organisation__name_vi", "organisation__name_en"]
    return Prefetch("holdings", queryset=Holding.objects.select_related("organisation").only(*fields))


def live_works(query: Query, headers_only: bool = False) -> QuerySet[Work] | None:
    """The works a query selects (None when its set cannot hold any)."""
    works = Work.objects.all()
    if query.set_spec:
        condition = work_filter(query.set_spec)
        if condition is None:
            return None
        works = works.filter(condition)
    if query.since:
        works = works.filter(updated_at__gte=query.since)
    if query.before:
        works = works.filter(updated_at__lt=query.before)
    unused = [f for f in UNUSED_FIELDS if f != "extra" or query.prefix != "marcxml"]
    works = works.only(*HEADER_FIELDS) if headers_only else works.defer(*unused)
    return works.prefetch_related(_holdings(headers_only))


def tombstones(query: Query) -> QuerySet[Tombstone]:
    """The tombstones a query selects."""
    dead = Tombstone.objects.all()
    if query.set_spec:
        # a set spec is matched as written: `contains` is a LIKE, blind to case on SQLite ("org:dhhp" took DHHP's)
        dead = dead.alias(at=StrIndex("set_key", Value(key_fragment(query.set_spec)))).filter(at__gt=0)
    if query.since:
        dead = dead.filter(datestamp__gte=query.since)
    if query.before:
        dead = dead.filter(datestamp__lt=query.before)
    return dead


def departures(query: Query) -> QuerySet[Departure] | None:
    """The works that left the query's set and are not in it now (None: no set asked for)."""
    if not query.set_spec:
        return None
    gone = Departure.objects.filter(set_spec=query.set_spec)
    condition = work_filter(query.set_spec)
    if condition is not None:  # back in the set since: its live record answers for it
        gone = gone.filter(~Exists(Work.objects.filter(condition).filter(pk=OuterRef("work_id"))))
    if query.since:
        gone = gone.filter(datestamp__gte=query.since)
    if query.before:
        gone = gone.filter(datestamp__lt=query.before)
    return gone


def _after(rows: QuerySet, stamp: str, ident: str, after: tuple[datetime, int] | None, limit: int) -> list:
    """Up to `limit` rows strictly after `after` in (stamp, ident) order, by two index range scans."""
    rows = rows.order_by(stamp, ident)
    if after is None:
        return list(rows[:limit])
    same = list(rows.filter(**{stamp: after[0], f"{ident}__gt": after[1]})[:limit])
    if len(same) < limit:
        same += list(rows.filter(**{f"{stamp}__gt": after[0]})[: limit - len(same)])
    return same


def page(query: Query, after: tuple[datetime, int] | None,
         headers_only: bool = False) -> tuple[list[Entry], bool]:
    """The next page of a list after a position, and whether more follow."""
    limit = PAGE_SIZE + 1
    works = live_works(query, headers_only)
    live = [Entry(w.pk, w.updated_at, work_set_specs(w), w)
            for w in (_after(works, "updated_at", "id", after, limit) if works is not None else [])]
    dead = [Entry(t.work_id, t.datestamp, list(t.set_specs))
            for t in _after(tombstones(query), "datestamp", "work_id", after, limit)]
    left = departures(query)
    gone = [Entry(d.work_id, d.datestamp, [d.set_spec])
            for d in (_after(left, "datestamp", "work_id", after, limit) if left is not None else [])]
    merged = list(heapq.merge(live, dead, gone, key=lambda e: e.key))[:limit]
    return merged[:PAGE_SIZE], len(merged) > PAGE_SIZE


def count(query: Query) -> int:
    """How many items a list has (live and deleted)."""
    works = live_works(query, headers_only=True)
    live = works.order_by().count() if works is not None else 0
    left = departures(query)
    return live + tombstones(query).order_by().count() + (left.order_by().count() if left is not None else 0)


def find(work_id: int) -> Entry | None:
    """The item of one work id, live or deleted, or None when it never existed."""
    work = Work.objects.filter(pk=work_id).prefetch_related(_holdings(False)).first()
    if work is not None:
        return Entry(work.pk, work.updated_at, work_set_specs(work), work)
    dead = Tombstone.objects.filter(work_id=work_id).first()
    return Entry(dead.work_id, dead.datestamp, list(dead.set_specs)) if dead else None


def earliest_datestamp() -> datetime | None:
    """The earliest datestamp of any item (live or deleted), or None when there is none."""
    stamps = [Work.objects.aggregate(m=Min("updated_at"))["m"],
              Tombstone.objects.aggregate(m=Min("datestamp"))["m"]]
    present = [s for s in stamps if s is not None]
    return min(present) if present else None
