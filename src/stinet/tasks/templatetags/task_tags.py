"""Template filters of the task pages."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """An amount in VND grouped the Vietnamese way: 850.000.000 đ."""
    if amount is None:
        return "—"
    return f"{amount:,}".replace(",", ".") + " đ"


@register.filter
def overdue(report: object, today: dt.date | None = None) -> bool:
    """A progress report of a task in progress, past its date and not submitted."""
    from stinet.tasks.deadlines import is_overdue

    done = report.submitted_at is not None or report.task.status != "in_progress"
    return is_overdue(report.due_date, done, today or timezone.localdate())


@register.filter
def adjustment_kind(code: str) -> str:
    """An adjustment's kind in the interface language (the model's choices hold the Vietnamese labels)."""
    from stinet.catalog.vocab import interface_lang, label
    from stinet.tasks.models import ADJUSTMENT_KINDS

    return label(ADJUSTMENT_KINDS, code, interface_lang())
