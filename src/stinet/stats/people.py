"""Statistics of experts (public profiles of the directory) and of harvest health (staff)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from stinet.people.models import ACADEMIC_TITLES, DEGREES, Expert
from stinet.search.documents import top_field
from stinet.stats.tables import Chart, Column, Filters, Table
from stinet.stats.tasks import vocab_label


def counted_experts(filters: Filters, everyone: bool = False) -> QuerySet:
    """Public expert profiles (all with `everyone`) of the member organisation; the period does not apply."""
    experts = Expert.objects.all() if everyone else Expert.objects.public()
    if filters.org:
        experts = experts.filter(organisation__code=filters.org)
    return experts


def top_fields(codes: list[str]) -> list[str]:
    """The distinct top-level fields of an expert's field codes, in order."""
    return list(dict.fromkeys(f for f in (top_field(str(c)) for c in codes) if f))


def expert_field_rows(field_lists: list[list[str]], names: dict[str, str]) -> list[dict[str, Any]]:
    """Experts per top-level field (an expert in two fields counts in both), then those with no field."""
    counts: Counter[str] = Counter()
    for codes in field_lists:
        counts.update(top_fields(codes) or [""])
    rows = [{"code": c, "label": names.get(c, c), "count": counts[c]} for c in sorted(k for k in counts if k)]
    if counts.get(""):
        rows.append({"code": "", "label": _("Not stated"), "count": counts[""]})
    return rows


def _vocab_rows(experts: QuerySet, column: str, table: dict[str, tuple[str, str]], lang: str) -> list[dict[str, Any]]:
    """Experts per value of a vocabulary column in its order, then those without one."""
    counts = dict(experts.order_by().values_list(column).annotate(n=Count("id")))
    rows = [{"code": c, "label": vocab_label(table, c, lang), "count": counts[c]} for c in table if counts.get(c)]
    if counts.get(""):
        rows.append({"code": "", "label": _("Not stated"), "count": counts[""]})
    return rows


def expert_tables(filters: Filters, lang: str, fields: dict[str, str]) -> list[Table]:
    """Experts by field of science, degree and academic title."""
    experts = counted_experts(filters)
    total = experts.count()
    columns = [Column("label", "", "text"), Column("count", _("Experts"))]

    def table(key: str, title: str, first: str, rows: list[dict[str, Any]], chart: Chart, note: str = "") -> Table:
        """A count table of experts with the number of profiles as its total."""
        return Table(key, title, [Column("label", first, "text"), columns[1]], rows,
                     {"label": _("Total"), "count": total}, chart, note)

    return [
        table("experts_by_field", _("Experts by field of science"), _("Field of science"),
              expert_field_rows(list(experts.values_list("fields", flat=True)), fields), Chart("bar", horizontal=True),
              _("An expert working in several fields counts in each; the total counts every expert once.")),
        table("experts_by_degree", _("Experts by degree"), _("Degree"), _vocab_rows(experts, "degree", DEGREES, lang),
              Chart("bar", horizontal=True)),
        table("experts_by_title", _("Experts by academic title"), _("Academic title"),
              _vocab_rows(experts, "academic_title", ACADEMIC_TITLES, lang), Chart("doughnut")),
    ]


HEALTH: dict[str, tuple[str, str]] = {
    "ok": ("Hoạt động tốt", "Healthy"),
    "failing": ("Lỗi ở lần chạy cuối", "Last run failed"),
    "running": ("Đang chạy", "Running"),
    "never": ("Chưa chạy lần nào", "Never run"),
}


def harvest_rows(filters: Filters, lang: str) -> list[dict[str, Any]]:
    """Every harvest source (of the member) with its health, last run and its counts."""
    from stinet.sources.services import source_health

    rows = []
    for s in source_health():
        if filters.org and s["org"] != filters.org:
            continue
        counts = s["counts"] or {}
        rows.append({"code": str(s["id"]), "org": s["org"], "label": s["label"], "kind": s["kind"],
                     "health": vocab_label(HEALTH, str(s["health"]), lang), "health_code": s["health"],
                     "last_run_at": s["last_run_at"], "new": counts.get("new", 0), "updated": counts.get("updated", 0),
                     "deleted": counts.get("deleted", 0), "rejected": counts.get("rejected", 0),
                     "next_run_at": s["next_run_at"], "error": (s["last_error"] or "")[:200]})
    return rows


def harvest_tables(filters: Filters, lang: str) -> list[Table]:
    """Sources per health state (charted), and every source with its last run."""
    rows = harvest_rows(filters, lang)
    states = Counter(r["health_code"] for r in rows)
    summary = [{"code": c, "label": vocab_label(HEALTH, c, lang), "count": states[c]} for c in HEALTH if states.get(c)]
    columns = [Column("org", _("Member"), "text"), Column("label", _("Source"), "text"),
               Column("kind", _("Kind"), "text"), Column("health", _("Health"), "text"),
               Column("last_run_at", _("Last run"), "datetime"), Column("new", _("New")),
               Column("updated", _("Updated")), Column("deleted", _("Deleted")), Column("rejected", _("Rejected")),
               Column("next_run_at", _("Next run"), "datetime"), Column("error", _("Last error"), "text")]
    return [
        Table("harvest_summary", _("Harvest sources by health"), [Column("label", _("Health"), "text"),
                                                                  Column("count", _("Sources"))],
              summary, {"label": _("Total"), "count": len(rows)}, Chart("doughnut")),
        Table("harvest_health", _("Harvest health per source"), columns, rows, None, None,
              _("Counts of each source's last run (new, updated, deleted, rejected records).")),
    ]
