"""Template tags of the feed app: the link to a task's registration sheet."""

from __future__ import annotations

from typing import Any

from django import template

from stinet.feed.rules import may_get_sheet

register = template.Library()


@register.inclusion_tag("feed/_sheet_link.html", takes_context=True)
def sheet_link(context: dict[str, Any], task: Any) -> dict[str, Any]:
    """A link to the registration sheet, shown only to those entitled to it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"task": task, "show": user is not None and may_get_sheet(user, task)}
