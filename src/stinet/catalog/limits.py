"""Texts longer than their columns: one refusal, worded alike by every app (PostgreSQL refuses
such a text with an error page; SQLite would keep what PostgreSQL cannot)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def column_limit(model: type, name: str) -> int | None:
    """The max_length of a model's field (None: no such field, or no limit)."""
    try:
        return getattr(model._meta.get_field(name), "max_length", None)
    except FieldDoesNotExist:
        return None


def too_long(field: str, value: Any, limit: int | None) -> str | None:
    """The refusal of a text of more than `limit` characters, "title: 1,001 characters, at most
    1,000"; None when it fits (or is no text, or nothing limits it)."""
    if not isinstance(value, str) or not limit or len(value) <= limit:
        return None
    return _("%(field)s: %(n)s characters, at most %(max)s") % {
        "field": field, "n": number_format(len(value), force_grouping=True),
        "max": number_format(limit, force_grouping=True)}
