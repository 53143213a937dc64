"""Writing, publishing and deleting news items; the acting user's right is checked here and audited."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy

from stinet.accounts.permissions import edits_news, require
from stinet.accounts.services import acting
from stinet.catalog.limits import column_limit, too_long
from stinet.catalog.services import audit
from stinet.news.models import EVENT_KINDS, KINDS, NewsItem
from stinet.vietnamese import clean_spaces, fold, nfc

REFUSED = gettext_lazy("Only the network administrator and task managers write news.")
RESERVED_SLUGS = frozenset({"manage", "new", "feed"})  # paths of the news pages


class NewsError(ValueError):
    """A refused news item, with a one-line reason."""


@dataclass
class Draft:
    """What an editor writes; the body is plain text, paragraphs split by blank lines."""

    title: str
    kind: str = "news"
    summary: str = ""
    body: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str = ""
    published: bool = False


def clean_draft(draft: Draft) -> Draft:
    """NFC text, trimmed; refuse an empty title, an unknown kind, an event without a start or ending early."""
    body = "\n".join(line.rstrip() for line in nfc(draft.body).replace("\r\n", "\n").split("\n")).strip()
    clean = Draft(title=clean_spaces(nfc(draft.title)), kind=draft.kind, summary=clean_spaces(nfc(draft.summary)),
                  body=body, starts_at=draft.starts_at, ends_at=draft.ends_at,
                  place=clean_spaces(nfc(draft.place)), published=draft.published)
    if not clean.title:
        raise NewsError(gettext("title: must not be empty"))
    for name in ("title", "summary", "body", "place"):  # as the form's limits: the CLI and the API too
        if refusal := too_long(name, getattr(clean, name), column_limit(NewsItem, name)):
            raise NewsError(refusal)
    if clean.kind not in KINDS:
        raise NewsError(gettext("kind %(kind)r: one of %(all)s") % {"kind": clean.kind, "all": ", ".join(KINDS)})
    if clean.kind in EVENT_KINDS and clean.starts_at is None:
        raise NewsError(gettext("an event or training course needs a start"))
    if clean.ends_at and (clean.starts_at is None or clean.ends_at < clean.starts_at):
        raise NewsError(gettext("end: must not be before the start"))
    return clean


def _slug_for(title: str) -> str:
    """A unique ASCII slug from the folded title (đ -> d)."""
    base = slugify(fold(title))[:100].strip("-") or "tin"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or NewsItem.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _state(item: NewsItem) -> dict[str, Any]:
    """An item's fields for the audit log."""
    return {"title": item.title, "kind": item.kind, "summary": item.summary, "body": item.body,
            "starts_at": item.starts_at.isoformat() if item.starts_at else None,
            "ends_at": item.ends_at.isoformat() if item.ends_at else None,
            "place": item.place, "published": item.published}


def save_item(draft: Draft, item: NewsItem | None = None, *, by: Any = None, actor: str = "cli") -> NewsItem:
    """Create an item (item=None) or change one; the first publication dates it."""
    if by is not None:
        require(edits_news(by), str(REFUSED))
    clean = clean_draft(draft)
    label, who = acting(by, actor)
    with transaction.atomic():
        before = _state(item) if item is not None else None
        if item is None:
            item = NewsItem(slug=_slug_for(clean.title), author=who)
        for field, value in asdict(clean).items():
            setattr(item, field, value)
        if item.published and item.published_at is None:
            item.published_at = timezone.now()
        item.save()
        audit(label, "create" if before is None else "change", item, before=before, after=_state(item), user=who)
    return item


def delete_item(item: NewsItem, *, by: Any = None, actor: str = "cli") -> None:
    """Remove an item for good (the audit log keeps its text)."""
    if by is not None:
        require(edits_news(by), str(REFUSED))
    label, who = acting(by, actor)
    with transaction.atomic():
        audit(label, "delete", item, before=_state(item), user=who)
        item.delete()
