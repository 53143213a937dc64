"""Statistics of the union catalogue: works by type, member, year, field, language, access; growth.

The counts are the search facets themselves: an empty query with the period and member as filters
runs through `stinet.search.service` (the same code as /api/search), so the dashboard, /api/stats
and a search for the same filters always agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, Count, Max, Min, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from stinet.catalog.models import Holding, Work
from stinet.search.base import SearchRequest
from stinet.search.service import facets_json, run
from stinet.stats.tables import Chart, Column, Filters, Table


def search_request(filters: Filters) -> SearchRequest:
    """The search that the catalogue statistics count: everything, within the period and member."""
    return SearchRequest(q="", filters={"org": [filters.org]} if filters.org else {},
                         year_from=filters.year_from, year_to=filters.year_to, page_size=1)


def facet_counts(filters: Filters, lang: str) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """Total and facets of that search, labelled in `lang` (exactly what /api/search returns)."""
    response = run(search_request(filters))
    return response.total, facets_json(response, lang)


def _count_columns(first: str) -> list[Column]:
    """A label column and a count column."""
    return [Column("label", first, "text"), Column("count", pgettext("number of", "Works"))]


def facet_table(key: str, title: str, first: str, buckets: list[dict[str, Any]], total: int,
                single: bool, chart: Chart, unknown: str = "") -> Table:
    """A table of one facet; `single` facets (one value per work) get a row for works without a value."""
    rows = [{"code": b["value"], "label": str(b["label"]), "count": b["count"]} for b in buckets]
    missing = total - sum(r["count"] for r in rows)
    if single and missing > 0:
        rows.append({"code": "", "label": unknown or _("Not stated"), "count": missing})
    note = "" if single else _("A work held by several members (or at several access levels) counts in each; "
                               "the total counts every work once.")
    return Table(key, title, _count_columns(first), rows, {"label": _("Total"), "count": total}, chart, note)


def works_tables(filters: Filters, lang: str) -> list[Table]:
    """Works by type, member, year, field of science, language and access, from one search."""
    total, facets = facet_counts(filters, lang)
    years = sorted(facets["year"], key=lambda b: str(b["value"]))
    return [
        facet_table("works_by_type", _("Works by type"), _("Type"), facets["type"], total, True,
                    Chart("bar", horizontal=True)),
        facet_table("works_by_org", _("Works by member"), _("Member"), facets["org"], total, False,
                    Chart("bar", horizontal=True)),
        facet_table("works_by_year", _("Works by year of publication"), _("Year"), years, total, True,
                    Chart("bar"), _("Undated")),
        facet_table("works_by_field", _("Works by field of science"), _("Field of science"), facets["field"],
                    total, True, Chart("doughnut"), _("Not classified")),
        facet_table("works_by_language", _("Works by language"), _("Language"), facets["language"], total, True,
                    Chart("doughnut")),
        facet_table("works_by_access", _("Works by access"), _("Access"), facets["access"], total, False,
                    Chart("doughnut")),
        growth_table(filters, years, total),
    ]


def counted_works(filters: Filters) -> Any:
    """The works the catalogue statistics count, as a database query (period and member)."""
    works = Work.objects.all()
    if filters.year_from:
        works = works.filter(year__gte=filters.year_from)
    if filters.year_to:
        works = works.filter(year__lte=filters.year_to)
    if filters.org:
        works = works.filter(pk__in=Holding.objects.filter(organisation__code=filters.org).values("work_id"))
    return works


def added_per_year(filters: Filters) -> dict[int, int]:
    """Works added to the catalogue per calendar year (of their creation, in the site's time zone),
    same filters. Each work's year is found by comparing its time of entry with the first moments of
    the years in the database, from the index work_year_created (SQLite's year of a time zone's date
    is a Python function called for every row: ~10 s at 10^6 works)."""
    works = counted_works(filters)
    span = works.aggregate(first=Min("created_at"), last=Max("created_at"))
    if span["first"] is None:
        return {}
    zone = timezone.get_default_timezone()
    first, last = (timezone.localtime(span[end], zone).year for end in ("first", "last"))
    year = Case(*(When(created_at__lt=dt.datetime(y + 1, 1, 1, tzinfo=zone), then=Value(y))
                  for y in range(first, last)), default=Value(last))
    rows = works.annotate(added=year).values("added").annotate(n=Count("id")).order_by()
    return {r["added"]: r["n"] for r in sorted(rows, key=lambda r: r["added"])}


def growth_rows(added: dict[int, int], published: dict[int, int]) -> list[dict[str, Any]]:
    """One row per year: works added and published that year, each with its running total."""
    rows, total_added, total_published = [], 0, 0
    for year in sorted(set(added) | set(published)):
        total_added += added.get(year, 0)
        total_published += published.get(year, 0)
        rows.append({"code": str(year), "label": str(year), "added": added.get(year, 0), "added_total": total_added,
                     "published": published.get(year, 0), "published_total": total_published})
    return rows


def growth_table(filters: Filters, years: list[dict[str, Any]], total: int) -> Table:
    """Growth over time: works added per year and works per year of publication, cumulative."""
    published = {int(b["value"]): b["count"] for b in years if str(b["value"]).isdigit()}
    rows = growth_rows(added_per_year(filters), published)
    columns = [Column("label", _("Year"), "text"), Column("added", _("Added to the catalogue")),
               Column("added_total", _("Catalogue size (cumulative)")),
               Column("published", _("Published that year")),
               Column("published_total", _("Published up to that year (cumulative)"))]
    total_row = {"label": _("Total"), "added": sum(r["added"] for r in rows), "added_total": None,
                 "published": sum(r["published"] for r in rows), "published_total": None}
    note = _("Works are counted in the year they entered the catalogue and in their year of publication "
             "(undated works only in the first); %(total)s works in all.") % {"total": total}
    return Table("growth", _("Growth over time"), columns, rows, total_row,
                 Chart("line", ("added_total", "published_total")), note)
