"""Keyset merging and cursors, as tables (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from stinet.feed import paging
from stinet.feed.paging import CursorError, Position, Window

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def p(seconds: int, kind: int, n: int) -> Position:
    return Position(T0 + dt.timedelta(seconds=seconds), kind, n)


@pytest.mark.parametrize(("live", "dead", "limit", "expected", "more"), [
    ([], [], 5, [], False),
    ([p(1, 0, 1), p(2, 0, 2)], [], 5, [p(1, 0, 1), p(2, 0, 2)], False),
    ([p(1, 0, 1), p(3, 0, 2)], [p(2, 1, 9)], 5, [p(1, 0, 1), p(2, 1, 9), p(3, 0, 2)], False),
    # at the same time a live record comes before a tombstone, whatever the numbers
    ([p(1, 0, 7)], [p(1, 1, 1)], 5, [p(1, 0, 7), p(1, 1, 1)], False),
    ([p(1, 0, 1), p(1, 0, 2), p(2, 0, 3)], [p(1, 1, 1)], 2, [p(1, 0, 1), p(1, 0, 2)], True),
    ([p(1, 0, 1)], [p(2, 1, 1), p(3, 1, 2)], 2, [p(1, 0, 1), p(2, 1, 1)], True),
    ([p(1, 0, 1), p(2, 0, 2)], [], 2, [p(1, 0, 1), p(2, 0, 2)], False),
])
def test_merge(live, dead, limit, expected, more):
    items, left = paging.merge([(x, None) for x in live], [(x, None) for x in dead], limit)
    assert [pos for pos, _ in items] == expected
    assert left is more


def test_cursor_round_trip_and_refusals():
    window = Window(part="tasks", since=T0, until=T0 + dt.timedelta(days=1))
    token = paging.encode(window, p(5, 1, 42))
    back = paging.decode(token, "tasks")
    assert (back.since, back.until, back.after) == (window.since, window.until, p(5, 1, 42))
    with pytest.raises(CursorError, match="for tasks, not personnel"):
        paging.decode(token, "personnel")
    with pytest.raises(CursorError, match="not a cursor"):
        paging.decode(token[:-3] + "abc", "tasks")
    with pytest.raises(CursorError, match="not a cursor"):
        paging.decode("garbage", "tasks")
