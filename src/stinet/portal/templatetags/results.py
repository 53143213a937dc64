"""What a search result shows of its people."""

from __future__ import annotations

from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def authors_marked(result: dict[str, Any]) -> list[SafeString]:
    """The result's creators but its advisors, as escaped HTML with the searched words marked (the API's
    highlight.creators, in the order of its creators)."""
    marked = result.get("highlight", {}).get("creators") or []
    return [mark_safe(marked[i] if i < len(marked) else escape(c["name"]))  # noqa: S308 - escaped by highlight()
            for i, c in enumerate(result.get("creators", [])) if c.get("role") != "advisor"]
