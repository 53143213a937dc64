"""`{% latest_news %}`: the newest published items, for the home page."""

from __future__ import annotations

from django import template

from stinet.news.models import NewsItem

register = template.Library()


@register.inclusion_tag("news/_latest.html")
def latest_news(count: int = 3) -> dict[str, object]:
    """The `count` latest published items (one query)."""
    return {"items": list(NewsItem.objects.published().latest()[:count])}
