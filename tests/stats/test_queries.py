"""The statistics against fixtures with known counts, and against the search facets of /api/search."""

from __future__ import annotations

import datetime as dt

import pytest

from stinet.stats.catalogue import growth_rows
from stinet.stats.circular import year_flags
from stinet.stats.queries import build
from stinet.stats.tables import Filters, StatsError, filters_from


def counts(report, key):
    """code -> count of one table."""
    return {r["code"]: r["count"] for r in report.table(key).rows}


def test_works_by_type_member_year_field_language(network):
    report = build(Filters())
    assert counts(report, "works_by_type") == {"report": 1, "thesis": 1, "article": 2, "dissertation": 1, "book": 1}
    assert report.table("works_by_type").total["count"] == 6
    assert counts(report, "works_by_org") == {"HPU": 5, "TVHP": 1}
    assert counts(report, "works_by_year") == {"2010": 1, "2012": 1, "2016": 1, "2018": 1, "2019": 1, "2021": 1}
    assert list(counts(report, "works_by_year")) == sorted(counts(report, "works_by_year"))  # oldest first
    assert counts(report, "works_by_language") == {"vi": 4, "en": 1, "": 1}  # the book has no language
    assert counts(report, "works_by_field") == {"": 6}  # nothing classified: one "not classified" row
    assert counts(report, "works_by_access") == {"metadata": 4, "public": 1, "members": 1}


def test_period_and_member_filters(network):
    period = build(Filters(2015, 2020))
    assert counts(period, "works_by_type") == {"report": 1, "thesis": 1, "article": 1}
    assert period.table("works_by_type").total["count"] == 3
    member = build(Filters(org="tvhp"))  # codes are matched without regard to case
    assert member.filters.org == "TVHP" and member.organisation.code == "TVHP"
    assert counts(member, "works_by_type") == {"book": 1}
    assert counts(member, "tasks_by_level") == {"national": 1}
    assert counts(member, "experts_by_degree") == {"ThS": 1}
    both = build(Filters(2011, 2019, "HPU"))
    assert counts(both, "works_by_year") == {"2012": 1, "2016": 1, "2018": 1, "2019": 1}


@pytest.mark.parametrize("filters", [Filters(), Filters(2015, 2020), Filters(org="HPU"), Filters(2011, None, "TVHP"),
                                     Filters(None, 2016)])
def test_catalogue_numbers_are_the_search_facets(network, client, filters):
    params = {"year_from": filters.year_from, "year_to": filters.year_to, "org": filters.org or None}
    facets = client.get("/api/search", {k: v for k, v in params.items() if v}).json()
    report = build(filters)
    for name, key in (("type", "works_by_type"), ("org", "works_by_org"), ("year", "works_by_year"),
                      ("field", "works_by_field"), ("language", "works_by_language"), ("access", "works_by_access")):
        from_search = {b["value"]: b["count"] for b in facets["facets"][name]}
        ours = {c: n for c, n in counts(report, key).items() if c}  # without the "not stated" row
        assert ours == from_search, name
        assert report.table(key).total["count"] == facets["total"]


def test_the_api_and_the_page_show_the_same_numbers(network, client):
    data = client.get("/api/stats", {"year_from": 2015, "org": "HPU"}).json()
    tables = {t["key"]: t for s in data["sections"] for t in s["tables"]}
    assert data["filters"] == {"year_from": 2015, "year_to": None, "org": "HPU"}
    assert {r["code"]: r["count"] for r in tables["works_by_type"]["rows"]} == {
        "report": 1, "thesis": 1, "article": 1, "dissertation": 1}
    one = client.get("/api/stats/works_by_type", {"year_from": 2015, "org": "HPU"}).json()
    assert one["rows"] == tables["works_by_type"]["rows"]
    page = client.get("/stats/", {"from": 2015, "org": "HPU"})
    assert page.status_code == 200
    html = page.content.decode()
    section = html[html.index('id="works_by_type"'):html.index('id="works_by_org"')]
    assert "Luận án tiến sĩ" in section and "<td class=\"num\">1</td>" in section
    assert "<td class=\"num\">4</td>" in section  # the total


def test_every_link_of_the_page_carries_its_period_and_member(network, client):
    """The page's JSON link said from=2015, which /api/stats does not read: every year was counted."""
    import html as markup
    import re

    page = client.get("/stats/", {"from": 2015, "to": 2019, "org": "HPU"}).content.decode()
    links = [markup.unescape(h) for h in re.findall(r'href="([^"]*(?:/api/stats|/stats/export)[^"]*)"', page)]
    assert any(link.startswith("/api/stats?") for link in links) and len(links) > 3
    for link in links:
        assert "year_from=2015" in link and "year_to=2019" in link and "org=HPU" in link, link
    shown = client.get(next(link for link in links if link.startswith("/api/stats?"))).json()
    assert shown["filters"] == {"year_from": 2015, "year_to": 2019, "org": "HPU"}
    exported = client.get(next(link for link in links if "/export/" in link))
    assert exported.status_code == 200 and "2015-2019" in exported["Content-Disposition"]


def test_growth_added_and_published_cumulative(network):
    growth = build(Filters()).table("growth")
    from django.utils import timezone

    this_year = timezone.localdate().year
    assert growth.total["added"] == 6 and growth.total["published"] == 6
    rows = {r["code"]: r for r in growth.rows}
    assert rows[str(this_year)]["added_total"] == 6
    assert rows["2016"]["published_total"] == 3  # 2010, 2012, 2016


def test_works_count_in_the_year_they_entered_the_catalogue_in_the_sites_time_zone(network):
    """Hanoi time (UTC+7): a work entered at 18:00 UTC on 31 December entered on 1 January."""
    from stinet.catalog.models import Work
    from stinet.stats.catalogue import added_per_year

    utc = dt.UTC
    entered = {"2016": dt.datetime(2021, 6, 1, tzinfo=utc), "2018": dt.datetime(2022, 12, 31, 16, 59, tzinfo=utc),
               "2019": dt.datetime(2022, 12, 31, 17, 0, tzinfo=utc), "2021": dt.datetime(2024, 2, 29, tzinfo=utc),
               "2012": dt.datetime(2024, 12, 31, 23, 0, tzinfo=utc), "2010": dt.datetime(2019, 1, 1, tzinfo=utc)}
    for year, when in entered.items():
        Work.objects.filter(year=int(year)).update(created_at=when)
    assert added_per_year(Filters()) == {2019: 1, 2021: 1, 2022: 1, 2023: 1, 2024: 1, 2025: 1}
    assert added_per_year(Filters(org="HPU", year_from=2018)) == {2022: 1, 2023: 1, 2024: 1}
    assert added_per_year(Filters(org="TVHP", year_to=2009)) == {}
    assert {r["code"]: r["added_total"] for r in build(Filters()).table("growth").rows}["2023"] == 4


@pytest.mark.parametrize(("added", "published", "expected"), [
    ({}, {}, []),
    ({2024: 2}, {2020: 1, 2024: 1}, [("2020", 0, 0, 1, 1), ("2024", 2, 2, 1, 2)]),
    ({2023: 1, 2025: 3}, {2024: 2}, [("2023", 1, 1, 0, 0), ("2024", 0, 1, 2, 2), ("2025", 3, 4, 0, 2)]),
])
def test_growth_rows(added, published, expected):
    rows = growth_rows(added, published)
    assert [(r["code"], r["added"], r["added_total"], r["published"], r["published_total"]) for r in rows] == expected


def test_tasks_by_level_status_field_host_year_and_budget(network):
    report = build(Filters())
    assert counts(report, "tasks_by_level") == {"national": 1, "provincial": 1, "grassroots": 1}  # no proposal
    assert counts(report, "tasks_by_status") == {"listed": 1, "in_progress": 1, "published": 1}
    assert counts(report, "tasks_by_field") == {"1": 1, "3": 1, "": 1}
    assert counts(report, "tasks_by_host") == {"HPU": 1, "TVHP": 1, "": 1}
    assert counts(report, "tasks_by_year") == {"2019": 1, "2023": 1, "2024": 1}
    budget = {r["code"]: (r["tasks"], r["state"], r["other"], r["total"])
              for r in report.table("tasks_budget_by_year").rows}
    assert budget == {"2023": (1, 500_000_000, 50_000_000, 550_000_000), "2024": (1, 800_000_000, 0, 800_000_000)}
    assert report.table("tasks_budget_by_year").total["total"] == 1_350_000_000
    assert counts(build(Filters(2023, 2024)), "tasks_by_level") == {"national": 1, "provincial": 1}


def test_the_budget_table_counts_contracts_only(network):
    """A task awarded but not signed carries the budget it asked for: no contract's budget yet (form 04
    left it out, the dashboard counted it)."""
    network["tasks"]["T4"].__class__.objects.filter(pk=network["tasks"]["T4"].pk).update(
        status="awarded", step=2, budget_state=650_000_000)
    budget = build(Filters()).table("tasks_budget_by_year")
    assert [r["code"] for r in budget.rows] == ["2023", "2024"] and budget.total["total"] == 1_350_000_000


def test_task_counts_agree_with_the_task_api(network, client):
    cases = (({"host": "HPU"}, Filters(org="HPU")), ({"year": 2024}, Filters(2024, 2024)), ({}, Filters()))
    for params, filters in cases:
        listed = client.get("/api/tasks", params).json()
        assert build(Filters(filters.year_from, filters.year_to, filters.org)).table(
            "tasks_by_level").total["count"] == listed["total"], params


def test_experts_by_field_degree_and_title(network):
    report = build(Filters())
    assert counts(report, "experts_by_field") == {"1": 1, "2": 1, "": 1}  # E1 in two fields; E3 is hidden
    assert report.table("experts_by_field").total["count"] == 2
    assert counts(report, "experts_by_degree") == {"TS": 1, "ThS": 1}
    assert counts(report, "experts_by_title") == {"PGS": 1, "": 1}


def test_management_tables(network, manager):
    report = build(Filters(), manager, today=dt.date(2026, 6, 1))
    alerts = counts(report, "task_alerts")
    assert alerts["overdue_contracts"] == 1  # T1 ended 31/12/2024 and is still in progress
    assert alerts["proposals"] == 1
    assert counts(report, "harvest_summary") == {"ok": 1, "failing": 1}
    health = {r["org"]: r for r in report.table("harvest_health").rows}
    assert health["HPU"]["new"] == 5 and health["TVHP"]["error"] == "HTTP 500"
    assert counts(build(Filters(org="HPU"), manager), "harvest_summary") == {"ok": 1}


@pytest.mark.parametrize(("params", "message"), [
    ({"from": "2020", "to": "2010"}, r"năm đầu của kỳ \(2020\) sau năm cuối \(2010\)"),
    ({"from": "abc"}, "năm đầu của kỳ: 'abc' không phải là năm"),
    ({"to": "1200"}, "năm cuối của kỳ: 1200 không phải là năm trong khoảng 1900 đến 2100"),
])
def test_bad_filters_are_refused(params, message):
    with pytest.raises(StatsError, match=message):
        filters_from(params)


def test_unknown_organisation_and_table_are_refused(network):
    with pytest.raises(StatsError, match="không có tổ chức mã XYZ"):
        build(Filters(org="XYZ"))
    with pytest.raises(StatsError, match="không có thống kê nope"):
        build(Filters(), only=["nope"])


@pytest.mark.parametrize(("status", "start", "end", "year", "flags"), [
    ("in_progress", dt.date(2023, 3, 1), dt.date(2024, 12, 31), 2023, {"active", "new"}),
    ("in_progress", dt.date(2023, 3, 1), dt.date(2024, 12, 31), 2024, {"active", "carried"}),
    ("in_progress", dt.date(2023, 3, 1), dt.date(2024, 12, 31), 2025, {"active", "carried"}),  # late, not over
    ("in_progress", dt.date(2023, 3, 1), dt.date(2024, 12, 31), 2099, set()),
    ("in_progress", dt.date(2023, 3, 1), dt.date(2024, 12, 31), 2022, set()),
    ("published", dt.date(2022, 1, 1), dt.date(2024, 6, 30), 2024, {"active", "carried", "accepted"}),
    ("failed", dt.date(2024, 1, 1), dt.date(2024, 6, 30), 2024, {"active", "new", "accepted"}),
    ("evaluating", dt.date(2024, 1, 1), dt.date(2024, 6, 30), 2024, {"active", "new"}),
    ("cancelled", dt.date(2024, 1, 1), None, 2024, set()),
    ("listed", None, None, 2024, set()),
    ("stopped", dt.date(2020, 1, 1), None, 2024, {"active", "carried"}),
])
def test_year_flags_of_form_04(status, start, end, year, flags):
    assert year_flags(status, start, end, year, today=dt.date(2026, 11, 23)) == flags


@pytest.mark.parametrize(("status", "end", "accepted", "year", "flags"), [
    ("accepted", dt.date(2024, 11, 30), dt.date(2025, 1, 15), 2024, {"active", "carried"}),  # report in 2024
    ("accepted", dt.date(2024, 11, 30), dt.date(2025, 1, 15), 2025, {"active", "carried", "accepted"}),
    ("registered", dt.date(2024, 11, 30), dt.date(2024, 12, 30), 2024, {"active", "carried", "accepted"}),
    ("registered", dt.date(2024, 11, 30), dt.date(2024, 12, 30), 2025, set()),
    ("evaluating", dt.date(2024, 11, 30), None, 2025, {"active", "carried"}),  # waiting for its council
    ("published", dt.date(2025, 3, 1), dt.date(2024, 12, 10), 2025, set()),  # the council's date ends it
])
def test_form_04_counts_an_acceptance_in_the_year_the_council_met(status, end, accepted, year, flags):
    """A final report of November 2024 accepted in January 2025 is an acceptance of 2025 (it was counted in
    2024, the report's year, and the task was over in 2025)."""
    assert year_flags(status, dt.date(2023, 3, 1), end, year, accepted, dt.date(2026, 11, 23)) == flags
