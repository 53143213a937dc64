"""Services of the national feed: the changes of a part since a time, whole exports, API keys.

Views, the API and the CLI call these. Reading the feed needs an active key (a FeedClient);
adding and revoking keys is for network administrators (or the command line) and is audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from stinet.accounts.permissions import is_admin, require
from stinet.catalog.services import audit
from stinet.feed import paging, records
from stinet.feed.models import PARTS, PREFIXES, FeedClient, Tombstone
from stinet.feed.paging import Position, Window
from stinet.feed.shapes import SCHEMA_VERSION

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
EXPORT_BATCH = 500
DEFAULT_SETTLE_SECONDS = 30
KEY_PREFIX = "stinet_"


class FeedError(ValueError):
    """A refused feed request, with a one-line reason in the interface language."""


class KeyRefused(PermissionDenied):
    """A key that was revoked."""


def settle_seconds() -> int:
    """How far behind now a harvest ends by default (STINET_FEED_SETTLE_SECONDS, default 30).

    A change is stamped when it is saved but seen by others when its transaction commits; ending
    windows a little in the past keeps changes of transactions still open from being skipped.
    """
    value = getattr(settings, "FEED_SETTLE_SECONDS", None)
    if value is None:
        value = os.environ.get("STINET_FEED_SETTLE_SECONDS", DEFAULT_SETTLE_SECONDS)
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        raise FeedError(_("STINET_FEED_SETTLE_SECONDS: %(value)r is not a whole number of seconds")
                        % {"value": value}) from None


def check_part(part: str) -> str:
    """The part name, or FeedError naming the parts."""
    if part not in PARTS:
        raise FeedError(_("part %(part)r: one of %(parts)s") % {"part": part, "parts": ", ".join(PARTS)})
    return part


def parse_time(text: str | None, what: str) -> dt.datetime | None:
    """An ISO 8601 date or date-time; without an offset it is the site's time zone (Asia/Ho_Chi_Minh)."""
    if not text:
        return None
    text = text.strip().replace(" ", "+") if "T" in text else text.strip()  # '+' decoded as ' ' in URLs
    try:
        value = parse_datetime(text)
        if value is None:
            day = parse_date(text)
            value = dt.datetime.combine(day, dt.time()) if day else None
    except ValueError:
        value = None
    if value is None:
        raise FeedError(_("%(what)s: %(text)r is not an ISO 8601 date or date-time (2026-01-31T08:00:00Z)")
                        % {"what": what, "text": text})
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def window_of(part: str, since: dt.datetime | None, until: dt.datetime | None) -> Window:
    """A harvest's window: until defaults to (and is capped at) now minus the settling time.

    A since in the future, or after until, is refused: an empty answer would hand the client a
    next_since that skips every change up to it.
    """
    now = timezone.now()
    if since and since > now:
        raise FeedError(_("since: %(since)s is in the future (the feed's time is %(now)s)")
                        % {"since": records.stamp(since), "now": records.stamp(now)})
    if since and until and until < since:
        raise FeedError(_("until: %(until)s is before since (%(since)s)")
                        % {"until": records.stamp(until), "since": records.stamp(since)})
    latest = now - dt.timedelta(seconds=settle_seconds())
    end = min(until, latest) if until else latest
    if since and end < since:
        end = since  # an empty window; the next harvest starts where this one was asked to
    return Window(part=check_part(part), since=since, until=end)


def _live_after(window: Window, limit: int) -> list[tuple[Position, Any]]:
    """Up to limit live records in the window after its position, in change order."""
    rows = records.live(window.part).filter(updated_at__lte=window.until)
    if window.since:
        rows = rows.filter(updated_at__gt=window.since)
    after = window.after
    if after:
        q = Q(updated_at__gt=after.at)
        if after.kind == 0:
            q |= Q(updated_at=after.at, pk__gt=after.n)
        rows = rows.filter(q)
    return [(Position(r.updated_at, 0, r.pk), r) for r in rows.order_by("updated_at", "pk")[:limit]]


def _dead_after(window: Window, limit: int) -> list[tuple[Position, Any]]:
    """Up to limit tombstones in the window after its position, in change order."""
    rows = Tombstone.objects.filter(part=window.part, deleted_at__lte=window.until)
    if window.since:
        rows = rows.filter(deleted_at__gt=window.since)
    after = window.after
    if after:
        q = Q(deleted_at__gt=after.at)
        q |= Q(deleted_at=after.at) if after.kind == 0 else Q(deleted_at=after.at, id__gt=after.n)
        rows = rows.filter(q)
    return [(Position(t.deleted_at, 1, t.pk), t) for t in rows.order_by("deleted_at", "id")[:limit]]


@dataclass
class Page:
    """One page of a part's changes."""

    window: Window
    records: list[dict[str, Any]]
    next_cursor: str | None
    deleted: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The API's answer."""
        w = self.window
        return {"schema_version": SCHEMA_VERSION, "part": w.part, "since": records.stamp(w.since) if w.since else None,
                "until": records.stamp(w.until), "count": len(self.records), "records": self.records,
                "next_cursor": self.next_cursor, "next_since": records.stamp(w.until)}


def check_limit(limit: int) -> int:
    """The records a page may hold (1 to MAX_LIMIT), or FeedError: a limit outside is refused, not changed."""
    if not 1 <= limit <= MAX_LIMIT:
        raise FeedError(_("limit: %(value)s is not between 1 and %(max)s") % {"value": limit, "max": MAX_LIMIT})
    return limit


def page(window: Window, limit: int, base_url: str) -> Page:
    """The records of one page of a window, and the cursor of the next page (None at the end)."""
    items, more = paging.merge(_live_after(window, limit + 1), _dead_after(window, limit + 1), limit)
    live_rows = [row for pos, row in items if pos.kind == 0]
    serialised = iter(records.serialise(window.part, live_rows, base_url))
    out = [next(serialised) if pos.kind == 0 else
           {"id": row.record_id, "deleted": True, "updated_at": records.stamp(row.deleted_at)}
           for pos, row in items]
    cursor = paging.encode(window, items[-1][0]) if more and items else None
    return Page(window=window, records=out, next_cursor=cursor, deleted=len(items) - len(live_rows))


def changes(part: str, *, since: str | None = None, until: str | None = None, cursor: str | None = None,
            limit: int = DEFAULT_LIMIT, base_url: str = "") -> Page:
    """A page of a part's records changed in (since, until], deletions included; a cursor continues a harvest."""
    check_part(part)
    check_limit(limit)
    if cursor:
        window = paging.decode(cursor, part)
    else:
        window = window_of(part, parse_time(since, "since"), parse_time(until, "until"))
    return page(window, limit, base_url or settings.SITE_URL)


def pages(window: Window, base_url: str, batch: int | None = None) -> Iterator[Page]:
    """Every page of a window, one after another (constant memory); EXPORT_BATCH records a page."""
    batch = batch or EXPORT_BATCH
    while True:
        current = page(window, batch, base_url)
        yield current
        if current.next_cursor is None:
            return
        window = paging.decode(current.next_cursor, window.part)


@dataclass
class Export:
    """What an export wrote."""

    part: str
    since: dt.datetime | None
    until: dt.datetime
    counts: dict[str, int] = field(default_factory=lambda: {"records": 0, "deleted": 0})

    def header(self) -> dict[str, Any]:
        """The header of the file: schema version, part, window, when, counts."""
        return {"schema": f"stinet-national/{SCHEMA_VERSION}", "schema_version": SCHEMA_VERSION, "part": self.part,
                "generated_at": records.stamp(timezone.now()),
                "since": records.stamp(self.since) if self.since else None, "until": records.stamp(self.until),
                "next_since": records.stamp(self.until), "counts": dict(self.counts)}


def _check_format(fmt: str) -> None:
    """FeedError unless fmt is a format of the exports."""
    if fmt not in ("jsonl", "json"):
        raise FeedError(_("format %(format)r: jsonl or json") % {"format": fmt})


def export_window(part: str, since: str | None = None, until: str | None = None, fmt: str = "jsonl") -> Window:
    """The window an export of a part covers, or FeedError (a bad format, date or window): checked
    before anything is written."""
    _check_format(fmt)
    return window_of(part, parse_time(since, "since"), parse_time(until, "until"))


def export(part: str, out: IO[str], *, since: str | None = None, until: str | None = None, fmt: str = "jsonl",
           base_url: str = "", progress: Callable[[int], None] | None = None, window: Window | None = None) -> Export:
    """Write a part (or its changes since a time) as JSON Lines or one JSON document, header first.

    The records go to a temporary file first, so the header can carry their exact counts while
    memory stays constant however many records there are. A window from export_window (checked
    beforehand) stands for part, since and until.
    """
    _check_format(fmt)
    window = window or window_of(part, parse_time(since, "since"), parse_time(until, "until"))
    result = Export(part=window.part, since=window.since, until=window.until)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as body:
        first = True
        for current in pages(window, base_url or settings.SITE_URL):
            for record in current.records:
                text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
                body.write(text + "\n" if fmt == "jsonl" else ("" if first else ",\n") + text)
                first = False
            result.counts["deleted"] += current.deleted
            result.counts["records"] += len(current.records) - current.deleted
            if progress:
                progress(len(current.records))
        body.seek(0)
        if fmt == "jsonl":
            out.write(json.dumps({"header": result.header()}, ensure_ascii=False) + "\n")
            shutil.copyfileobj(body, out)
        else:
            head = json.dumps(result.header(), ensure_ascii=False, indent=1)
            out.write(head[:-2] + ',\n "records": [\n')
            shutil.copyfileobj(body, out)
            out.write("\n]}\n" if not first else "]}\n")
    return result


def read_export(lines: IO[str]) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The header and records of a JSON Lines export (records read lazily)."""
    first = lines.readline()
    try:
        header = json.loads(first)["header"]
    except (ValueError, KeyError, TypeError):
        raise FeedError(_("not a feed export: the first line is not a header")) from None
    return header, (json.loads(line) for line in lines if line.strip())


def hash_key(key: str) -> str:
    """The stored form of an API key (the keys are long random strings, so one SHA-256 is enough)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _actor(user: Any, actor: str) -> tuple[str, Any]:
    """Audit label and user row of whoever acts (a user needs the network administrator role)."""
    if user is None:
        return actor, None
    require(is_admin(user), _("only network administrators manage feed keys"))
    return user.get_username(), user


def add_client(name: str, *, user: Any = None, actor: str = "cli") -> tuple[FeedClient, str]:
    """A new client and its key (shown once; only its hash is kept)."""
    label, row = _actor(user, actor)
    name = name.strip()
    if not name:
        raise FeedError(_("client name: must not be empty"))
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        if FeedClient.objects.filter(name__iexact=name).exists():
            raise FeedError(_("feed client %(name)r exists already (revoke it or choose another name)")
                            % {"name": name})
        client = FeedClient.objects.create(name=name, key_prefix=key[:11], key_hash=hash_key(key), created_by=label)
        audit(label, "feed-key-add", client, after={"name": name, "key_prefix": client.key_prefix}, user=row)
    return client, key


def revoke_client(name: str, *, user: Any = None, actor: str = "cli") -> tuple[FeedClient, bool]:
    """Revoke a client's key (its requests are refused with 403 from now on); and whether it is revoked now
    (False: it was already, when its revoked_at says)."""
    label, row = _actor(user, actor)
    with transaction.atomic():
        client = FeedClient.objects.select_for_update().filter(name__iexact=name.strip()).first()
        if client is None:
            raise FeedError(_("no feed client %(name)r") % {"name": name})
        if client.revoked_at is not None:
            return client, False
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
        audit(label, "feed-key-revoke", client, before={"revoked_at": None},
              after={"revoked_at": client.revoked_at.isoformat()}, user=row)
    return client, True


def authenticate(key: str) -> FeedClient | None:
    """The client of a key; None for an unknown key; KeyRefused for a revoked one."""
    key = (key or "").strip()
    if not key:
        return None
    client = FeedClient.objects.filter(key_hash=hash_key(key)).first()
    if client is None:
        return None
    if client.revoked_at is not None:
        raise KeyRefused(_("the key of %(name)s was revoked") % {"name": client.name})
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at > dt.timedelta(minutes=1):
        FeedClient.objects.filter(pk=client.pk).update(last_used_at=now)
    return client


def record_id(part: str, key: str) -> str:
    """The stable id of a record of a part."""
    return f"{PREFIXES[check_part(part)]}:{key}"
