"""The hub's health view of sources and the report page of each run (server-rendered)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from stinet.catalog.models import ImportRun
from stinet.sources.models import Source

# TODO(issue 4): restrict these pages to the network administrator (and a member's editors to
# their own organisation's sources) once accounts and roles exist.


def health(request: HttpRequest) -> HttpResponse:
    """Every source with its last run, counts, status, last error and next run."""
    sources = Source.objects.select_related("organisation", "last_run").order_by("organisation__code", "label")
    return render(request, "sources/health.html", {"sources": sources})


def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    """One run's report: counts, pages, time, rejections with reasons, notes and where it stopped."""
    run = ImportRun.objects.select_related("organisation").filter(pk=run_id).first()
    if run is None:
        raise Http404("no such run")
    report = run.report or {}
    source = Source.objects.filter(pk=report.get("source_id")).first() if report.get("source_id") else None
    return render(request, "sources/run.html", {"run": run, "report": report, "source": source,
                                                "counts": run.counts or {}})
