"""The statistics dashboard (/stats/), its XLSX/PDF exports and the Circular 15/2018 forms.

Charts: Chart.js 4 (MIT), its UMD build vendored under static/stats/vendor/chartjs/ and served by
the app, as Django admin vendors its JavaScript. Chosen over server-side SVG because it is the
best-kept small charting library, draws responsive, legible charts on phones (tooltips, axes that
adapt), and needs nothing on the server; every chart is an illustration of the table beside it,
which stays readable (and exported) without JavaScript.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stinet.accounts.permissions import require
from stinet.catalog.models import Organisation
from stinet.catalog.vocab import interface_lang
from stinet.stats.circular import FORMS, find_form
from stinet.stats.exports import cell_text, xlsx_bytes
from stinet.stats.formbook import form_xlsx
from stinet.stats.pdf import pdf_bytes
from stinet.stats.queries import TABLE_KEYS, build, check_org, is_staff
from stinet.stats.tables import Filters, StatsError, Table, filters_from

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTS = {"xlsx": XLSX, "pdf": "application/pdf"}


def chart_data(table: Table) -> dict[str, Any] | None:
    """What stats.js draws: labels, one data set per charted column (the table beside it is the truth)."""
    if table.chart is None or not table.rows:
        return None
    titles = {c.key: str(c.title) for c in table.columns}
    return {"kind": table.chart.kind, "horizontal": table.chart.horizontal, "stacked": table.chart.stacked,
            "labels": [str(r.get("label", "")) for r in table.rows],
            "datasets": [{"label": titles.get(key, key), "data": [r.get(key) or 0 for r in table.rows]}
                         for key in table.chart.series]}


def rendered(table: Table, lang: str) -> dict[str, Any]:
    """A table with its cells formatted for the page."""
    def cells(row: dict[str, Any]) -> list[dict[str, Any]]:
        """Formatted cells of a row, numbers flagged for right alignment."""
        return [{"text": cell_text(row.get(c.key), c.kind, lang), "number": c.kind in ("int", "money")}
                for c in table.columns]

    return {"table": table, "rows": [cells(r) for r in table.rows],
            "total": cells(table.total) if table.total else None, "chart": chart_data(table)}


TAKEN = ("from", "to", "year_from", "year_to", "org", "lang", "_")  # what the pages and their files read


def _taken(params: Any) -> Filters:
    """The filters of a query string that names nothing else ("year=2025" gave this year's form, "fro=2015" every
    year, without a word: QA 26)."""
    if unknown := sorted(name for name in params if name not in TAKEN):
        raise StatsError(_("unknown parameter %(name)r (known: from, to, org, lang)") % {"name": unknown[0]})
    return filters_from(params)


def _filters(request: HttpRequest) -> tuple[Filters, str]:
    """The filters of the query string, or none with the reason they were refused."""
    try:
        return _taken(request.GET), ""
    except StatsError as exc:
        return Filters(), str(exc)


def dashboard(request: HttpRequest) -> HttpResponse:
    """Charts and tables of the catalogue, tasks and experts; the management part for staff."""
    lang = interface_lang()
    filters, error = _filters(request)
    try:
        report = build(filters, request.user, lang)
    except StatsError as exc:
        filters, error = Filters(), str(exc)
        report = build(filters, request.user, lang)
    sections = [{"key": s.key, "title": s.title, "tables": [rendered(t, lang) for t in s.tables]}
                for s in report.sections]
    context = {
        "report": report, "sections": sections, "error": error, "filters": report.filters,
        # a refused period is shown as typed, to mend (the page showed all years with empty boxes: QA 26)
        "typed": {"year_from": request.GET.get("from") or request.GET.get("year_from") or "",
                  "year_to": request.GET.get("to") or request.GET.get("year_to") or ""} if error else None,
        "query": urlencode(report.filters.as_query()),
        "members": Organisation.objects.filter(is_member=True).order_by("code"),
        "forms": list(FORMS.values()) if report.staff else [],
        **_form_year(report.filters),
    }
    return render(request, "stats/dashboard.html", context, status=400 if error else 200)


def _form_year(filters: Filters) -> dict[str, Any]:
    """The year the reporting forms' links cover, the last of the page's period (this year when it has no end), and
    their query: a form covers one year, and refuses a period of several."""
    year = filters.year_to or max(filters.year_from or 0, timezone.localdate().year)
    query = {**filters.as_query(), "year_from": str(year), "year_to": str(year)}
    return {"form_year": year, "form_query": urlencode(query)}


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    """A file to save."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def file_name(stem: str, filters: Filters, ext: str) -> str:
    """stinet-<stem>[-<org>][-<from>-<to>].<ext>"""
    parts = ["stinet", stem, filters.org, str(filters.year_from or ""), str(filters.year_to or "")]
    return "-".join(p for p in parts if p) + f".{ext}"


def export(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    """One table (or `all` the user may see) as XLSX or PDF, in the language of the site as the visitor reads it."""
    if fmt not in EXPORTS or (key != "all" and key not in TABLE_KEYS):
        return HttpResponseBadRequest(_("no such export"))
    lang = interface_lang()  # ?lang=en, or the language the visitor chose for the site (its cookie: QA 26)
    with translation.override(lang):
        try:
            report = build(_taken(request.GET), request.user, lang, only=None if key == "all" else [key])
        except StatsError as exc:
            return HttpResponseBadRequest(str(exc))
        content = xlsx_bytes(report, report.tables()) if fmt == "xlsx" else pdf_bytes(report, report.tables())
    return _download(content, EXPORTS[fmt], file_name(key, report.filters, fmt))


def reporting_form(request: HttpRequest, slug: str) -> HttpResponse:
    """A Circular 15/2018 form filled from the data (task managers and administrators)."""
    require(is_staff(request.user), _("only task managers and administrators may download the reporting forms"))
    try:
        spec = find_form(slug)
        filters = _taken(request.GET)
        org = check_org(filters)
        if org is not None:
            filters = Filters(filters.year_from, filters.year_to, org.code)
        content = form_xlsx(spec, filters)
    except (StatsError, LookupError) as exc:
        return HttpResponseBadRequest(str(exc))
    return _download(content, XLSX, file_name(spec.slug, filters, "xlsx"))
