"""Worker processes for parsing: results in order, inputs read only as far as needed, failures raised."""

from __future__ import annotations

import os
import time

import pytest

from stinet.ingest.workers import ordered, pool


def slow_square(n: int) -> tuple[int, int]:
    time.sleep(0.01 * (n % 3))  # later items often finish first
    return n * n, os.getpid()


def fail_on_five(n: int) -> int:
    if n == 5:
        raise ValueError("row 5: broken")
    return n


def test_results_come_in_order_from_other_processes():
    with pool(2) as executor:
        results = list(ordered(executor, slow_square, range(20), ahead=4))
    assert [square for square, _pid in results] == [n * n for n in range(20)]
    assert os.getpid() not in {pid for _square, pid in results}


def test_items_are_read_only_a_bounded_way_ahead():
    taken: list[int] = []

    def items():
        for n in range(1000):
            taken.append(n)
            yield n

    with pool(2) as executor:
        results = ordered(executor, slow_square, items(), ahead=3)
        assert next(results)[0] == 0
        assert len(taken) <= 5  # the first item and at most `ahead` more
        results.close()  # leaving early: nothing more is read or submitted
    assert len(taken) <= 5


def test_a_failure_in_a_worker_is_raised_where_its_result_was_due():
    seen: list[int] = []
    with pool(2) as executor, pytest.raises(ValueError, match="row 5: broken"):
        for value in ordered(executor, fail_on_five, range(10), ahead=2):
            seen.append(value)
    assert seen == [0, 1, 2, 3, 4]
