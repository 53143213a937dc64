"""The numbers a pager offers: the first and last pages, and two on each side of the current one."""

from __future__ import annotations

from collections.abc import Iterator

from django import template
from django.core.paginator import Page

register = template.Library()


@register.filter
def page_numbers(page: Page) -> Iterator[int | str]:
    """Page numbers around `page`, with Paginator.ELLIPSIS where pages are left out (1 … 4 5 6 7 8 … 51)."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
