"""The public task database: lists (proposed, ongoing, completed) with filters and search, a task page, documents."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from stinet.accounts.permissions import require
from stinet.catalog.models import AuditEntry, FieldOfScience
from stinet.catalog.vocab import interface_lang, label
from stinet.search.query import SearchError
from stinet.tasks import councils, lifecycle, scoring, visibility
from stinet.tasks.forms import FilterForm
from stinet.tasks.lifecycle import GROUPS, STATES, STEPS
from stinet.tasks.models import (
    ADJUSTMENT_STATUSES,
    COUNCIL_KINDS,
    DOCUMENT_KINDS,
    KINDS,
    LEVELS,
    MEMBER_ROLES,
    Task,
    TaskDocument,
)
from stinet.tasks.panel import actions_panel
from stinet.tasks.search import search

PAGE_SIZE = 20
HISTORY = {
    "propose": _lazy("proposal submitted"), "document": _lazy("document attached"),
    "council-selection": _lazy("selection council formed"), "council-acceptance": _lazy("acceptance council formed"),
    "apply": _lazy("application submitted"), "score-selection": _lazy("application scored"),
    "score-acceptance": _lazy("task scored"), "progress": _lazy("progress report submitted"),
    "adjustment-request": _lazy("adjustment requested"), "adjustment-approved": _lazy("adjustment approved"),
    "adjustment-refused": _lazy("adjustment refused"),
}


def _checked(params: Any) -> dict[str, str]:
    """The list filters, each checked: an unknown status, step, group, level or year is refused in one line
    (SearchError: 400, on the page as in the API), not taken for "no filter" or for "no task"."""
    values = {name: str(params.get(name) or "").strip() for name in ("group", "year", "level", "status", "step")}
    known = {"group": GROUPS, "level": LEVELS, "status": STATES, "step": [str(s) for s in STEPS]}
    for name, codes in known.items():
        if values[name] and values[name] not in codes:
            raise SearchError(_("%(name)s: %(value)r is not one of %(known)s")
                              % {"name": name, "value": values[name], "known": ", ".join(map(str, codes))})
    if values["year"] and not (values["year"].isdecimal() and len(values["year"]) == 4):
        raise SearchError(_("year: %(value)r is not a year") % {"value": values["year"]})
    return values


def filtered(params: Any, rows: QuerySet | None = None) -> QuerySet:
    """Tasks matching the list filters (group, year, level, field, host, status, step, q)."""
    rows = Task.objects.public() if rows is None else rows
    values = _checked(params)
    if values["group"]:
        rows = rows.filter(status__in=GROUPS[values["group"]])
    for param, column in {"year": "year", "level": "level", "status": "status", "step": "step"}.items():
        if values[param]:
            rows = rows.filter(**{column: values[param]})
    host = (params.get("host") or "").strip()
    if host:
        rows = rows.filter(host__code=host)
    field = (params.get("field") or "").strip()
    if field:
        rows = rows.filter(field_code__startswith=field)
    return search(rows.select_related("host"), params.get("q") or "")


def task_list(request: HttpRequest) -> HttpResponse:
    """Proposed, ongoing and completed tasks with filters and Vietnamese search."""
    lang = interface_lang()
    error = ""
    try:
        rows = filtered(request.GET)
    except SearchError as exc:  # said on the page, with the filters to mend it
        rows, error = Task.objects.none(), str(exc)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = {k: v for k, v in request.GET.items() if k not in ("page", "group") and v}
    tabs = [(g, urlencode({**params, "group": g}) if g else urlencode(params)) for g in ("", *GROUPS)]
    keep = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "page": page, "tasks": [_row(t, lang) for t in page.object_list], "form": FilterForm(request.GET, lang=lang),
        "group": request.GET.get("group") or "", "tabs": tabs, "query": urlencode(keep),
        "manager": visibility.is_manager(request.user), "error": error,
    }
    return render(request, "tasks/list.html", context, status=400 if error else 200)


def _row(task: Task, lang: str) -> dict[str, Any]:
    """What a list shows of a task."""
    return {"task": task, "status": task.status_label(lang), "level": label(LEVELS, task.level, lang),
            "kind": label(KINDS, task.kind, lang)}


def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A task: facts, steps, deadlines, documents; councils, scores and budgets to those entitled; actions."""
    task = get_object_or_404(Task.objects.select_related("host", "result_work"), pk=pk)
    if not visibility.may_see(request.user, task):
        raise Http404("no such task")
    lang, user = interface_lang(), request.user
    internals = visibility.may_see_internals(user, task)
    sent = getattr(request, "stinet_bound_form", None)  # a form of the panel refused (tasks.backoffice._refused)
    context = {
        "task": task, "status": task.status_label(lang), "level": label(LEVELS, task.level, lang),
        "kind": label(KINDS, task.kind, lang), "steps": _steps(task, lang), "field": _field(task.field_code, lang),
        "members": [(m, label(MEMBER_ROLES, m.role, lang)) for m in task.members.exclude(role="investigator")],
        "show_budget": visibility.may_see_budget(user, task),
        "rating": label(scoring.RATINGS, task.rating, lang) if task.rating else "",
        "reports": task.progress_reports.all(), "internals": internals,
        "documents": [(d, label(DOCUMENT_KINDS, d.kind, lang)) for d in task.documents.all()
                      if visibility.may_see_document(user, task, d)],
        "councils": _councils(task, user, lang),
        **dict(zip(("applications", "application_marks"), councils.ranking_seen(task, user), strict=True)),
        "adjustments": [(a, label(ADJUSTMENT_STATUSES, a.status, lang)) for a in task.adjustments.all()]
        if internals else [],
        "history": _history(task, lang, user) if internals else [],
        "panel": actions_panel(task, user, lang, sent=(request.path, sent)),
        "sent_form": sent is not None,
    }
    if sent is not None and not any(p.get("open") for p in context["panel"]):  # its place is gone: said on top
        messages.error(request, "; ".join(f"{sent.fields[k].label if k in sent.fields else ''}: {' '.join(v)}"
                                          .lstrip(": ") for k, v in sent.errors.items()))
    return render(request, "tasks/detail.html", context)


def _steps(task: Task, lang: str) -> list[dict[str, Any]]:
    """The five steps with the current one marked."""
    return [{"n": n, "label": en if lang == "en" else vi, "done": n < task.step, "current": n == task.step}
            for n, (vi, en) in STEPS.items()]


def _field(code: str, lang: str) -> str:
    """A field of science as 'code name'."""
    if not code:
        return ""
    found = FieldOfScience.objects.filter(code=code).order_by("-scheme").first()
    if found is None:
        return code
    return f"{code} {found.name_en if lang == 'en' and found.name_en else found.name_vi}"


def _councils(task: Task, user: Any, lang: str) -> list[dict[str, Any]]:
    """Each council with its members, and each member's marks to those entitled."""
    out = []
    for council in task.councils.prefetch_related("members"):
        entitled = visibility.may_see_scores(user, task, council.kind)
        out.append({"council": council, "label": label(COUNCIL_KINDS, council.kind, lang), "entitled": entitled,
                    "members": council.members.order_by("username"),
                    "reviews": councils.reviews_by_member(task, council.kind) if entitled else []})
    return out


def _history(task: Task, lang: str, user: Any) -> list[dict[str, Any]]:
    """The task's audit trail (who did what, when), without what the viewer may not know of: who applied and
    what they sent, who scored (review 26: the chosen investigator read the rival's login and the council's)."""
    rows = AuditEntry.objects.filter(object_type="task", object_id=str(task.pk)).order_by("at", "id")
    hidden = _hidden_actions(task, user)
    out = []
    for entry in rows:
        after = entry.after or {}
        if entry.actor_id != getattr(user, "pk", None) and _hidden(entry.action, after, hidden):
            continue
        state = after.get("status") if isinstance(after, dict) else None
        action = entry.action.removeprefix("task-")
        rule = lifecycle.TRANSITIONS.get(action)
        out.append({"entry": entry, "action": rule.label if rule else HISTORY.get(action, action),
                    "state": lifecycle.state_label(state, lang) if state in STATES else ""})
    return out


def _hidden_actions(task: Task, user: Any) -> set[str]:
    """The audited actions of others this viewer may not see on the task's history."""
    hidden = set()
    if not visibility.may_see_applications(user, task):
        hidden |= {"task-apply", "task-document:application"}
    for kind in ("selection", "acceptance"):
        if not visibility.may_see_scores(user, task, kind):
            hidden.add(f"task-score-{kind}")
    return hidden


def _hidden(action: str, after: Any, hidden: set[str]) -> bool:
    """Whether an entry is one of the hidden actions (a document by its kind)."""
    kind = after.get("kind") if isinstance(after, dict) else None
    return action in hidden or (action == "task-document" and f"task-document:{kind}" in hidden)


def document(request: HttpRequest, pk: int, doc_id: int) -> HttpResponse:
    """Download a document of a task's dossier (confidential ones to those entitled)."""
    doc = get_object_or_404(TaskDocument.objects.select_related("task"), pk=doc_id, task_id=pk)
    require(visibility.may_see_document(request.user, doc.task, doc), _("this document is not public"))
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.file.name.rsplit("/", 1)[-1][9:])
