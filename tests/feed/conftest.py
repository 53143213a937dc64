"""Fixtures of the feed tests: no settling delay, a client key, organisations, experts and tasks."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from tests.tasks.conftest import _media_and_language, drive, people  # noqa: F401 - fixtures shared with tasks

_codes = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_settling(settings: Any) -> None:
    """Windows end now (the settling delay is tested on its own)."""
    settings.FEED_SETTLE_SECONDS = 0


@pytest.fixture
def key(db: Any) -> str:
    """The key of an active feed client."""
    from stinet.feed.services import add_client

    return add_client("NASATI")[1]


@pytest.fixture
def api(client: Any, key: str) -> Any:
    """GET a feed path with the key; returns the response."""

    def get(path: str, **params: Any) -> Any:
        return client.get(f"/api/national/v1/{path}", {k: v for k, v in params.items() if v is not None},
                          HTTP_AUTHORIZATION=f"Bearer {key}")

    return get


def make_task(host: Any = None, *, listed: bool = True, **values: Any) -> Any:
    """A task saved directly (public when listed), with defaults."""
    from stinet.tasks.models import Task

    n = next(_codes)
    defaults = {"code": f"ĐT-2025-{n:03d}", "title": f"Nhiệm vụ thử nghiệm số {n}", "year": 2025, "host": host,
                "investigator_name": "Nguyễn Văn An", "status": "in_progress", "step": 3,
                "listed_at": timezone.now() if listed else None}
    defaults.update(values)
    return Task.objects.create(**defaults)


def make_expert(org: Any = None, **values: Any) -> Any:
    """An expert profile through the people services."""
    from stinet.people.services import create_expert

    return create_expert(values.pop("name", f"TS. Trần Thị Bình {next(_codes)}"), organisation=org, **values)


def harvest(api: Any, part: str, since: str | None = None, limit: int = 3, between: Any = None) -> dict[str, Any]:
    """Follow the cursor to the end; `between(n)` runs after page n. Returns records and the next since."""
    found: list[dict[str, Any]] = []
    answer = api(part, since=since, limit=limit).json()
    n = 0
    while True:
        found.extend(answer["records"])
        if between:
            between(n)
        n += 1
        if answer["next_cursor"] is None:
            return {"records": found, "next_since": answer["next_since"], "until": answer["until"]}
        answer = api(part, cursor=answer["next_cursor"], limit=limit).json()


def at(text: str) -> dt.datetime:
    """An aware UTC time."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
