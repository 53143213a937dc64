"""The `id` path converter: a database id of at most 18 digits (always below 2^63), without leading zeros.

Django's `int` takes any number of digits: /works/9223372036854775808/files/1/ reached SQLite, which
cannot hold it (OverflowError, a 500). A number no row can have matches no address (404). Imported
by every urls module that names ids, so that it is registered before their patterns are built.
"""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    """Digits that fit a 64-bit signed integer."""

    regex = "0|[1-9][0-9]{0,17}"  # one spelling of each: /works/01/ or /api/works/+1 was work 1 again

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")
