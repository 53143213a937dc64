"""Counts as readers of the page's language write them: 5.205 in Vietnamese, 5,205 in English.

Django's Vietnamese formats have no digit grouping (and turning grouping on everywhere would print
years as 2.016): counts are grouped where they are shown, with this filter.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

register = template.Library()
SEPARATORS = {"vi": ".", "en": ","}


@register.filter
def grouped(value: object) -> str:
    """An integer with its thousands grouped for the current language; anything else as it is."""
    if not isinstance(value, int) or isinstance(value, bool):
        return "" if value is None else str(value)
    separator = SEPARATORS.get((get_language() or "vi")[:2], ".")
    return f"{value:,}".replace(",", separator)
