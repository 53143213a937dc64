"""Step 5: a task's result published as a research-result report of the union catalogue.

The work goes in through the catalogue's own path (`catalog.services.store_batch`), so it is
deduplicated against what members already hold, audited, counted in statistics, served over
OAI-PMH and (after the commit, `index_result`) found by search. The host organisation holds
it under the task code as local identifier.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from stinet.catalog.models import FieldOfScience, Holding, Work, title_sort_key
from stinet.catalog.services import Incoming, store_batch
from stinet.search import indexing
from stinet.tasks.models import LEVELS, Task
from stinet.tasks.scoring import RATINGS

FORMAT = "task"


def _field_codes(code: str) -> tuple[str, str]:
    """(2025 code, 2008 code) of the task's field of science."""
    if not code:
        return "", ""
    schemes = set(FieldOfScience.objects.filter(code=code).values_list("scheme", flat=True))
    return (code, "") if "2025" in schemes or not schemes else ("", code)


def work_values(task: Task) -> dict[str, Any]:
    """The catalogue values of a task's result (type report)."""
    creators = [{"name": task.investigator_name, "role": "author"}] if task.investigator_name else []
    creators += [{"name": m.name, "role": "contributor"} for m in task.members.exclude(role="investigator")]
    day = task.registration_date or task.actual_end
    field_code, field_code_old = _field_codes(task.field_code)
    extra = {"Số đăng ký kết quả": task.registration_number, "Cấp nhiệm vụ": LEVELS[task.level][0]}
    if task.rating:
        extra["Xếp loại nghiệm thu"] = RATINGS[task.rating][0]
    return {
        "type": "report", "title": task.title, "title_en": task.title_en, "creators": creators,
        "degree": "", "grantor": "", "year": day.year if day else task.year,
        "date": day.isoformat() if day else str(task.year), "abstract": task.results or task.objectives,
        "subjects": list(task.keywords or []), "field_code": field_code, "field_code_old": field_code_old,
        "language": "vi", "publisher": task.host.name_vi if task.host_id else "",
        "identifiers": {"task": [task.code]}, "extra": extra, "title_sort": title_sort_key(task.title),
    }


def publish_result(task: Task, user: Any) -> Work:
    """Store the result as a work held by the host (inside the caller's transaction); returns the work."""
    if task.host_id is None:
        raise ValueError(_("a result needs a host organisation to hold it"))
    values = work_values(task)
    payload = {"task": task.code, "title": task.title, "registration_number": task.registration_number}
    item = Incoming(local_id=task.code, work=values, format=FORMAT, payload=payload,
                    holding={"call_number": task.registration_number[:100], "url": "", "access": "public"})
    store_batch(task.host, [item], f"task {task.code} ({user.get_username()})")
    return Holding.objects.select_related("work").get(organisation=task.host, local_id=task.code).work


def index_result(task: Task) -> None:
    """Make the published work searchable (after the transaction that stored it)."""
    if task.result_work_id:
        indexing.works_changed([task.result_work_id])
