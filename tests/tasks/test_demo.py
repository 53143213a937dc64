"""The demo tasks: every step, stopped and cancelled ones, councils, scores, overdue reports, published results."""

from __future__ import annotations

import pytest
from django.utils import timezone


@pytest.mark.django_db
def test_demo_tasks_cover_the_life_cycle_and_load_once():
    from stinet.catalog.models import Holding
    from stinet.demo.load import _organisations
    from stinet.search.base import SearchRequest
    from stinet.search.service import search_json
    from stinet.tasks import demo
    from stinet.tasks.deadlines import dashboard
    from stinet.tasks.models import Review, Task

    _organisations()
    lines = list(demo.load())
    assert lines[0].startswith("demo tasks: 19, at step:status")
    statuses = set(Task.objects.values_list("status", flat=True))
    assert statuses == {"proposed", "rejected", "listed", "selecting", "awarded", "in_progress", "evaluating",
                        "accepted", "failed", "registered", "published", "stopped", "cancelled"}
    assert set(Task.objects.values_list("step", flat=True)) == {1, 2, 3, 4, 5}
    assert Review.objects.filter(conflict=True).exists() and Review.objects.filter(council__kind="acceptance").exists()
    board = dashboard(timezone.localdate())
    assert board.overdue_reports.exists() and board.contracts_overdue.exists() and board.adjustments.exists()
    published = Task.objects.filter(status="published")
    assert published.count() == 3
    for task in published:
        assert Holding.objects.filter(work=task.result_work, organisation=task.host, local_id=task.code).exists()
    for task in Task.objects.filter(accepted_at__isnull=False):  # contract, final report, council, registration
        accepted = timezone.localdate(task.accepted_at)
        assert task.contract_date <= task.actual_end <= accepted, task.code
        assert task.registration_date is None or accepted <= task.registration_date, task.code
    found = search_json(SearchRequest(q="ran san ho Cat Ba", filters={"type": ["report"]}), "vi")
    assert found["results"][0]["id"] == published.get(host__code="IMER").result_work_id
    assert list(demo.load())[0].startswith("the task database has 19 tasks already")
