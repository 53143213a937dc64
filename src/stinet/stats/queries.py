"""The statistics: one function (`build`) feeds the dashboard, /api/stats, the CLI and the exports.

Sections and their tables (keys are stable; the API, the export URLs and `stinet report` use them):

  catalogue   works_by_type, works_by_org, works_by_year, works_by_field, works_by_language,
              works_by_access, growth                    (public; the search facets themselves)
  tasks       tasks_by_level, tasks_by_status, tasks_by_field, tasks_by_host, tasks_by_year (public),
              tasks_budget_by_year (public only while STINET_TASK_BUDGETS_PUBLIC is on)
  experts     experts_by_field, experts_by_degree, experts_by_title (public profiles)
  management  task_alerts, harvest_summary, harvest_health (task managers and administrators)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stinet.accounts.permissions import require
from stinet.catalog.models import FieldOfScience, Organisation
from stinet.stats import catalogue, people, tasks
from stinet.stats.tables import Filters, StatsError, Table

SECTIONS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "catalogue": (gettext_lazy("Union catalogue"),
                  ("works_by_type", "works_by_org", "works_by_year", "works_by_field", "works_by_language",
                   "works_by_access", "growth")),
    "tasks": (gettext_lazy("S&T tasks"),
              ("tasks_by_level", "tasks_by_status", "tasks_by_field", "tasks_by_host", "tasks_by_year",
               "tasks_budget_by_year")),
    "experts": (gettext_lazy("Experts"), ("experts_by_field", "experts_by_degree", "experts_by_title")),
    "management": (gettext_lazy("Management (staff only)"), ("task_alerts", "harvest_summary", "harvest_health")),
}
TABLE_KEYS: tuple[str, ...] = tuple(k for _title, keys in SECTIONS.values() for k in keys)
STAFF_TABLES = frozenset({"task_alerts", "harvest_summary", "harvest_health"})


def is_staff(user: Any) -> bool:
    """Task managers and network administrators see the management part."""
    from stinet.tasks.visibility import is_manager

    return is_manager(user)


def budgets_visible(user: Any) -> bool:
    """Budgets: public unless STINET_TASK_BUDGETS_PUBLIC is off; staff always."""
    return bool(settings.TASK_BUDGETS_PUBLIC) or is_staff(user)


def visible_keys(user: Any, everything: bool = False) -> list[str]:
    """The table keys this user may see, in dashboard order (`everything`: the command line)."""
    if everything:
        return list(TABLE_KEYS)
    hidden = set() if is_staff(user) else set(STAFF_TABLES)
    if not budgets_visible(user):
        hidden.add("tasks_budget_by_year")
    return [k for k in TABLE_KEYS if k not in hidden]


def field_names(lang: str) -> dict[str, str]:
    """Names of the six top-level fields of science (Circular 24/2025) in `lang`."""
    rows = FieldOfScience.objects.filter(scheme="2025", level=1)
    return {f.code: (f.name_en if lang == "en" and f.name_en else f.name_vi) for f in rows}


def check_org(filters: Filters) -> Organisation | None:
    """The filtered organisation, refused with a one-line reason when unknown."""
    if not filters.org:
        return None
    found = Organisation.objects.filter(code__iexact=filters.org).first()
    if found is None:
        raise StatsError(_("org: no organisation with code %(code)s") % {"code": filters.org})
    return found


@dataclass
class Section:
    """A part of the dashboard with its tables."""

    key: str
    title: str
    tables: list[Table]


@dataclass
class Report:
    """Every statistic the user may see for the filters, with when and for whom it was made."""

    filters: Filters
    lang: str
    generated_at: dt.datetime
    staff: bool
    organisation: Organisation | None
    sections: list[Section] = field(default_factory=list)

    def tables(self) -> list[Table]:
        """All tables in order."""
        return [t for s in self.sections for t in s.tables]

    def table(self, key: str) -> Table:
        """One table by key."""
        for t in self.tables():
            if t.key == key:
                return t
        raise StatsError(_("no statistic %(key)s") % {"key": key})

    def as_json(self) -> dict[str, Any]:
        """The /api/stats shape."""
        org = self.organisation
        return {"filters": self.filters.as_dict(), "period": self.filters.period_label(),
                "organisation": {"code": org.code, "name": org.name(self.lang)} if org else None,
                "generated_at": self.generated_at.isoformat(), "staff": self.staff,
                "sections": [{"key": s.key, "title": str(s.title), "tables": [t.as_json() for t in s.tables]}
                             for s in self.sections]}


def _builders(filters: Filters, lang: str, today: dt.date) -> dict[str, Callable[[], list[Table]]]:
    """The functions that compute each section's tables."""
    def names() -> dict[str, str]:
        """Field names, looked up once per build."""
        return field_names(lang)

    return {
        "catalogue": lambda: catalogue.works_tables(filters, lang),
        "tasks": lambda: [*tasks.task_tables(filters, lang, names()), tasks.budget_table(filters)],
        "experts": lambda: people.expert_tables(filters, lang, names()),
        "management": lambda: [tasks.alerts_table(filters, today), *people.harvest_tables(filters, lang)],
    }


def build(filters: Filters, user: Any = None, lang: str = "vi", only: Iterable[str] | None = None,
          today: dt.date | None = None, everything: bool = False) -> Report:
    """The statistics the user may see (all, or the tables `only` names), for the period and member.

    `everything` (the command line, run by the operator) includes the staff tables and budgets.
    Asking for a table the user may not see is refused (PermissionDenied) with a one-line reason.
    """
    filters.validate()
    org = check_org(filters)
    if org is not None and org.code != filters.org:
        filters = Filters(filters.year_from, filters.year_to, org.code)
    allowed = visible_keys(user, everything)
    wanted = list(only) if only is not None else allowed
    for key in wanted:
        if key not in TABLE_KEYS:
            raise StatsError(_("no statistic %(key)s; known: %(keys)s") % {"key": key, "keys": ", ".join(TABLE_KEYS)})
        require(key in allowed, _("%(key)s: only task managers and administrators may see this statistic")
                % {"key": key})
    today = today or timezone.localdate()
    report = Report(filters, lang, timezone.now(), everything or is_staff(user), org)
    builders = _builders(filters, lang, today)
    for key, (title, keys) in SECTIONS.items():
        if not set(keys) & set(wanted):
            continue
        made = [t for t in builders[key]() if t.key in wanted]
        for t in made:
            t.staff = t.key in STAFF_TABLES
        report.sections.append(Section(key, str(title), made))
    return report
