"""REST endpoints of the stats app (a router mounted by stinet.api.views at /api/stats).

The same function (`stinet.stats.queries.build`) feeds the dashboard /stats/, these endpoints, the
CLI and the exports, so the numbers are the same everywhere. The catalogue counts are the facets of
/api/search for the same filters.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from stinet.api.schemas import Error
from stinet.stats.queries import TABLE_KEYS, build
from stinet.stats.tables import Filters, StatsError

router = Router(tags=["stats"])


class ColumnOut(Schema):
    """A column: its key in the rows, heading, kind of value (text, int, money in VND, datetime)."""

    key: str
    title: str
    kind: str


class ChartOut(Schema):
    """How the dashboard charts the table: bar, line or doughnut, over the `series` columns."""

    kind: str
    series: list[str]
    horizontal: bool
    stacked: bool


class TableOut(Schema):
    """One statistic: rows (each with `code`, `label` and the columns' values), a total row, a note."""

    key: str
    title: str
    staff: bool
    columns: list[ColumnOut]
    rows: list[dict[str, Any]]
    total: dict[str, Any] | None
    note: str
    chart: ChartOut | None


class SectionOut(Schema):
    """A part of the statistics: catalogue, tasks, experts, management (staff)."""

    key: str
    title: str
    tables: list[TableOut]


class StatsOrg(Schema):
    """The member organisation the statistics are narrowed to."""

    code: str
    name: str


class StatsOut(Schema):
    """Every statistic the caller may see for the filters."""

    filters: dict[str, Any]
    period: str
    organisation: StatsOrg | None
    generated_at: str
    staff: bool
    sections: list[SectionOut]


def _report(request: HttpRequest, year_from: int | None, year_to: int | None, org: str, lang: str,
            only: list[str] | None = None) -> Any:
    """Build the statistics, turning refusals into 400 and 403 answers with one line."""
    try:
        return build(Filters(year_from, year_to, org.strip()), request.user, "en" if lang == "en" else "vi", only)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    except StatsError as exc:
        raise HttpError(400, str(exc)) from None


@router.get("", response={200: StatsOut, 400: Error}, summary="Statistics of the network")
def stats(request: HttpRequest, year_from: int | None = None, year_to: int | None = None, org: str = "",
          lang: str = "vi") -> Any:
    """Counts of the union catalogue, tasks and experts, the same numbers as the /stats/ page.

    Filters: `year_from`/`year_to` (a period: year of publication of works, plan year of tasks; experts
    are current profiles) and `org` (a member's code: its holdings, the tasks it hosts, its experts).
    Sections and table keys: `catalogue` (works_by_type, works_by_org, works_by_year, works_by_field,
    works_by_language, works_by_access: the facets of /api/search for the same filters, with a row for
    works without a value; growth: works added per year and per year of publication, cumulative),
    `tasks` (tasks_by_level, tasks_by_status, tasks_by_field, tasks_by_host, tasks_by_year over the
    public task database; tasks_budget_by_year in VND, left out when STINET_TASK_BUDGETS_PUBLIC=0 unless
    the caller is a task manager), `experts` (experts_by_field, experts_by_degree, experts_by_title),
    and for signed-in task managers and administrators `management` (task_alerts: overdue tasks and
    reports, pending proposals and requests; harvest_summary and harvest_health per source).
    Each table: columns (key, title, kind), rows with `code` and `label`, a `total` row, a note.
    XLSX and PDF of any table: /stats/export/{key}.xlsx|pdf with the same filters (`from`, `to`, `org`).
    """
    return _report(request, year_from, year_to, org, lang).as_json()


@router.get("/{key}", response={200: TableOut, 400: Error, 403: Error, 404: Error}, summary="One statistic")
def stat(request: HttpRequest, key: str, year_from: int | None = None, year_to: int | None = None, org: str = "",
         lang: str = "vi") -> Any:
    """One table by key (see GET /api/stats), with the same filters; staff tables answer 403 to others,
    an unknown key 404."""
    if key not in TABLE_KEYS:
        raise HttpError(404, _("no statistic %(key)s; known: %(keys)s") % {"key": key, "keys": ", ".join(TABLE_KEYS)})
    return _report(request, year_from, year_to, org, lang, [key]).table(key).as_json()
