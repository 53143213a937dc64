"""Resumption tokens: the query and the last (datestamp, id) served, signed, self-contained.

A token needs no server-side state, so it survives restarts and works on any server of a
cluster sharing the secret key; the signature makes it impossible to forge or alter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core import signing

from .protocol import OAIError

SALT = "stinet.oai.resumption"
VERSION = 1


@dataclass(frozen=True)
class Query:
    """What a list request selects: its verb, format, set and datestamp bounds."""

    verb: str
    prefix: str
    set_spec: str | None = None
    since: datetime | None = None  # inclusive
    before: datetime | None = None  # exclusive


@dataclass(frozen=True)
class Position:
    """Where a harvest stands: the last record served, how many so far, the list's size."""

    datestamp: datetime
    work_id: int
    cursor: int
    total: int


def _iso(moment: datetime | None) -> str | None:
    """A datetime as ISO text with microseconds (None stays None)."""
    return moment.isoformat(timespec="microseconds") if moment else None


def _moment(text: str | None) -> datetime | None:
    """An ISO text back to an aware datetime (None stays None)."""
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("naive datetime in token")
    return moment


def encode(query: Query, position: Position) -> str:
    """A signed token that resumes `query` after `position`."""
    payload = {
        "v": VERSION,
        "q": [query.verb, query.prefix, query.set_spec, _iso(query.since), _iso(query.before)],
        "a": [_iso(position.datestamp), position.work_id, position.cursor, position.total],
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def decode(token: str, verb: str) -> tuple[Query, Position]:
    """The query and position a token carries; badResumptionToken when forged, altered or foreign."""
    try:
        payload: Any = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise OAIError("badResumptionToken", "the resumption token is not valid") from None
    try:
        if payload["v"] != VERSION:
            raise ValueError("token version")
        q_verb, prefix, set_spec, since, before = payload["q"]
        stamp, work_id, cursor, total = payload["a"]
        if stamp is None:
            raise ValueError("no position in token")
        query = Query(str(q_verb), str(prefix), set_spec and str(set_spec), _moment(since), _moment(before))
        position = Position(_moment(stamp), int(work_id), int(cursor), int(total))  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        raise OAIError("badResumptionToken", "the resumption token is not valid") from None
    if query.verb != verb:
        raise OAIError("badResumptionToken", f"the resumption token belongs to {query.verb}, not {verb}")
    return query, position
