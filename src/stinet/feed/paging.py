"""Keyset paging over two streams (live records and tombstones) merged in change order. Pure logic.

Every item of a part has a position (time, kind, n): its change time, 0 for a live record (n =
its row id) or 1 for a tombstone (n = the tombstone's id). Positions are unique and totally
ordered, so "the items after position p" is exact: a page never repeats or skips an item that
stays put. The window (since, until] is fixed by the first page and carried in the cursor: a
record changed while a client pages moves past `until` and comes in the next harvest (since =
this harvest's until), so one harvest has no duplicates and a chain of harvests loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.core import signing
from django.utils.translation import gettext as _

SALT = "stinet.feed.cursor"


class CursorError(ValueError):
    """A cursor that is not one of ours, or is for another part (said in the interface language)."""


class Position(NamedTuple):
    """Where an item sits in a part's change order."""

    at: dt.datetime
    kind: int  # 0 live record, 1 tombstone
    n: int


@dataclass(frozen=True)
class Window:
    """The changes a harvest covers: since < time <= until, after a position (a later page)."""

    part: str
    since: dt.datetime | None
    until: dt.datetime
    after: Position | None = None


def encode(window: Window, last: Position) -> str:
    """A cursor token for the page after `last` in the same window (signed, URL-safe)."""
    payload = {"p": window.part, "s": window.since.isoformat() if window.since else None,
               "u": window.until.isoformat(), "a": [last.at.isoformat(), last.kind, last.n]}
    return signing.dumps(payload, salt=SALT, compress=True)


def decode(token: str, part: str) -> Window:
    """The window and position of a cursor token; CursorError if it is not valid for this part."""
    try:
        payload = signing.loads(token, salt=SALT)
        at, kind, n = payload["a"]
        window = Window(part=payload["p"], since=dt.datetime.fromisoformat(payload["s"]) if payload["s"] else None,
                        until=dt.datetime.fromisoformat(payload["u"]),
                        after=Position(dt.datetime.fromisoformat(at), int(kind), int(n)))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise CursorError(_("cursor: not a cursor of this feed (start again without one)")) from None
    if window.part != part:
        raise CursorError(_("cursor: it is for %(other)s, not %(part)s") % {"other": window.part, "part": part})
    return window


def merge(live: Sequence[tuple[Position, Any]], dead: Sequence[tuple[Position, Any]],
          limit: int) -> tuple[list[tuple[Position, Any]], bool]:
    """The first `limit` items of two position-ordered streams, and whether any item is left after them.

    Each stream holds up to limit + 1 items after the same position, so an item left over in
    either means there is another page.
    """
    out: list[tuple[Position, Any]] = []
    i = j = 0
    while len(out) < limit and (i < len(live) or j < len(dead)):
        if j >= len(dead) or (i < len(live) and live[i][0] < dead[j][0]):
            out.append(live[i])
            i += 1
        else:
            out.append(dead[j])
            j += 1
    return out, i < len(live) or j < len(dead)
