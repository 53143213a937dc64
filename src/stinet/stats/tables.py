"""What a statistic is: filters (period, member), columns, rows, total, and how to chart it.

Pure data classes, no database: the queries fill them, the page, the API and the exports read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

MIN_YEAR, MAX_YEAR = 1900, 2100
KINDS = ("text", "int", "money", "datetime")


class StatsError(ValueError):
    """A statistics request that cannot be served, with a one-line reason."""


@dataclass(frozen=True)
class Filters:
    """What the statistics are narrowed to: a period (years) and one member organisation (code)."""

    year_from: int | None = None
    year_to: int | None = None
    org: str = ""

    def validate(self) -> None:
        """Refuse impossible years; the organisation is checked by the queries (it needs the database)."""
        # named in words: the page's parameters are from/to, the API's year_from/year_to, the CLI's --from/--to
        for which, year in ((pgettext("period", "first year"), self.year_from),
                            (pgettext("period", "last year"), self.year_to)):
            if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
                raise StatsError(_("%(which)s of the period: %(year)s is not a year between %(low)s and %(high)s")
                                 % {"which": which, "year": year, "low": MIN_YEAR, "high": MAX_YEAR})
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise StatsError(_("the period's first year (%(first)s) is after its last year (%(last)s)")
                             % {"first": self.year_from, "last": self.year_to})

    def period_label(self) -> str:
        """The period in words: '2015–2020', 'from 2015', 'until 2020' or 'all years'."""
        if self.year_from and self.year_to:
            return str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}–{self.year_to}"
        if self.year_from:
            return _("from %(year)s") % {"year": self.year_from}
        if self.year_to:
            return _("until %(year)s") % {"year": self.year_to}
        return _("all years")

    def report_year(self, today: dt.date) -> int:
        """The year an annual report covers: the period's year (its first or last given alone), else this year;
        a period of several years is refused (the form of its last year was written, headed so, without a word)."""
        if self.year_from and self.year_to and self.year_from != self.year_to:
            raise StatsError(_("a reporting form covers one year, not %(first)s-%(last)s: give that year as the "
                               "period's first and last year, or one of them alone")
                             % {"first": self.year_from, "last": self.year_to})
        return self.year_to or self.year_from or today.year

    def as_dict(self) -> dict[str, Any]:
        """The filters as JSON."""
        return {"year_from": self.year_from, "year_to": self.year_to, "org": self.org or None}

    def as_query(self) -> dict[str, str]:
        """The filters as query-string parameters (only those set), by the names every reader of them
        takes: the page, its exports and /api/stats (which reads no `from`/`to`)."""
        pairs = (("year_from", self.year_from), ("year_to", self.year_to), ("org", self.org))
        return {k: str(v) for k, v in pairs if v}


def parse_year(value: Any, which: str) -> int | None:
    """A year from a query-string value ('' or None: not given)."""
    text = str(value or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise StatsError(_("%(which)s of the period: %(value)r is not a year") % {"which": which, "value": text[:20]})
    return int(text)


def filters_from(params: Any) -> Filters:
    """Filters from query-string parameters `from`/`year_from`, `to`/`year_to` and `org`."""
    year_from = parse_year(params.get("from") or params.get("year_from"), pgettext("period", "first year"))
    year_to = parse_year(params.get("to") or params.get("year_to"), pgettext("period", "last year"))
    found = Filters(year_from, year_to, (params.get("org") or "").strip())
    found.validate()
    return found


@dataclass(frozen=True)
class Column:
    """A column: its key in the rows, its heading, and the kind of its values."""

    key: str
    title: str
    kind: str = "int"  # text | int | money (VND) | datetime


@dataclass(frozen=True)
class Chart:
    """How the page draws a table: the kind of chart and the columns it plots (the table stays the truth)."""

    kind: str  # bar | line | doughnut
    series: tuple[str, ...] = ("count",)
    horizontal: bool = False
    stacked: bool = False


@dataclass
class Table:
    """One statistic: rows of label and numbers (with codes), an optional total row, a note."""

    key: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    total: dict[str, Any] | None = None
    chart: Chart | None = None
    note: str = ""
    staff: bool = False  # shown only to task managers and administrators
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The table in the /api/stats shape."""
        return {
            "key": self.key, "title": str(self.title), "staff": self.staff,
            "columns": [{"key": c.key, "title": str(c.title), "kind": c.kind} for c in self.columns],
            "rows": self.rows, "total": self.total, "note": str(self.note),
            "chart": ({"kind": self.chart.kind, "series": list(self.chart.series),
                       "horizontal": self.chart.horizontal, "stacked": self.chart.stacked}
                      if self.chart else None),
        }

    def cells(self, row: dict[str, Any]) -> list[Any]:
        """The values of a row in column order."""
        return [row.get(c.key) for c in self.columns]


def counted(rows: list[dict[str, Any]], key: str = "count") -> int:
    """The sum of one numeric column."""
    return sum(int(r.get(key) or 0) for r in rows)
