"""Runs (imports, harvests) whose process ended without finishing: killed outright (kill -9, the machine's
memory killer, a power cut). Their stored batches are in the catalogue, but the search index is committed
every ~50,000 records: what the last commit missed is indexed again by the next run of any file or source."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.catalog.models import Holding, ImportRun
from stinet.catalog.processes import ended, worker_id
from stinet.search import indexing


def owned(report: dict[str, Any]) -> dict[str, Any]:
    """A new run's report, naming the process that runs it."""
    return {**report, "process": worker_id()}


def recover_ended_runs() -> int:
    """Index again the works of the runs whose process (of this machine) ended while they ran, and mark them
    interrupted (a resume of the same file or source goes on from where they stopped); how many there were."""
    gone = [run.pk for run in ImportRun.objects.filter(status="running").only("pk", "report")
            if ended(str((run.report or {}).get("process", "")))]
    for pk in gone:
        indexing.works_changed(Holding.objects.filter(source__run_id=pk).values_list("work_id", flat=True))
        ImportRun.objects.filter(pk=pk, status="running").update(
            status="failed", finished_at=timezone.now(),
            error=_("interrupted: its process ended without finishing (killed); what it stored is kept and "
                    "searchable, the next run of the same file or source resumes"))
    if gone:
        indexing.commit()
    return len(gone)
