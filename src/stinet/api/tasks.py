"""REST endpoints of the tasks app (a router mounted by stinet.api.views at /api/tasks).

Public fields to everyone; budgets (if STINET_TASK_BUDGETS_PUBLIC is off), councils, scores,
applications and progress details only to a signed-in user with the right role (session
authentication). Actions go through the same services as the web pages and are refused with
the same one-line reasons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import django_auth

from stinet.api.schemas import Error
from stinet.catalog.vocab import interface_lang, label
from stinet.tasks import councils, lifecycle, services, visibility
from stinet.tasks.deadlines import is_overdue
from stinet.tasks.lifecycle import STEPS
from stinet.tasks.models import KINDS, LEVELS, Task
from stinet.tasks.panel import _kinds
from stinet.tasks.views import filtered
from stinet.vietnamese import sort_key

router = Router(tags=["tasks"])
MAX_PAGE_SIZE = 100


class HostOut(Schema):
    """The host organisation."""

    code: str
    name: str


class TaskOut(Schema):
    """Public fields of a task, with its life-cycle step (1-5) and status."""

    id: int
    code: str
    title: str
    title_en: str
    level: str
    level_label: str
    kind: str
    kind_label: str
    field_code: str
    year: int
    step: int
    step_label: str
    status: str
    status_label: str
    host: HostOut | None
    investigator_name: str
    planned_start: dt.date | None
    planned_end: dt.date | None
    budget_state: int | None = None
    budget_other: int | None = None
    rating: str
    registration_number: str
    result_work: int | None
    url: str


class TaskList(Schema):
    """One page of tasks."""

    total: int
    page: int
    page_size: int
    results: list[TaskOut]


class MemberOut(Schema):
    """A person on the task's team."""

    name: str
    role: str


class ReportOut(Schema):
    """A progress report's deadline and whether it came in (contents to those entitled)."""

    number: int
    due_date: dt.date
    submitted_at: dt.datetime | None
    overdue: bool
    summary: str | None = None
    percent_done: int | None = None


class DocumentOut(Schema):
    """A document of the dossier the caller may download."""

    id: int
    kind: str
    title: str
    archived: bool
    url: str


class ReviewOut(Schema):
    """One council member's mark: a score or a declared conflict of interest (not counted)."""

    member: str  # the member's user name (the entitled see whose mark it is)
    member_name: str
    application: int | None
    score: float | None
    conflict: bool


class CouncilOut(Schema):
    """A council; its marks only to the managers and its members."""

    kind: str
    members: list[str]  # their names, as the task's page shows them (user names are half of a login)
    reviews: list[ReviewOut] | None = None


class ApplicationOut(Schema):
    """An application, ranked with the council's marks to the managers and the selection council; an applicant
    sees their own, without the marks (null)."""

    id: int
    investigator_name: str
    host: str
    mean_score: float | None = None
    counted: int | None = None
    excluded: int | None = None
    chosen: bool


class TaskDetail(TaskOut):
    """All a caller may see of a task, and the actions the life cycle offers them now."""

    objectives: str
    expected_results: str
    results: str
    keywords: list[str]
    members: list[MemberOut]
    contract_number: str
    actual_start: dt.date | None
    actual_end: dt.date | None
    registration_date: dt.date | None
    acceptance_score: float | None = None
    progress_reports: list[ReportOut]
    documents: list[DocumentOut]
    councils: list[CouncilOut]
    applications: list[ApplicationOut] | None = None
    actions: list[str]


def _summary(task: Task, request: HttpRequest, lang: str) -> dict[str, Any]:
    """The public fields (budgets if the caller may see them)."""
    budget = visibility.may_see_budget(request.user, task)
    return {
        "id": task.pk, "code": task.code, "title": task.title, "title_en": task.title_en, "level": task.level,
        "level_label": label(LEVELS, task.level, lang), "kind": task.kind, "kind_label": label(KINDS, task.kind, lang),
        "field_code": task.field_code, "year": task.year, "step": task.step,
        "step_label": label(STEPS, task.step, lang),
        "status": task.status, "status_label": task.status_label(lang),
        "host": {"code": task.host.code, "name": task.host.name(lang)} if task.host_id else None,
        "investigator_name": task.investigator_name, "planned_start": task.planned_start,
        "planned_end": task.planned_end, "budget_state": task.budget_state if budget else None,
        "budget_other": task.budget_other if budget else None, "rating": task.rating,
        "registration_number": task.registration_number, "result_work": task.result_work_id,
        "url": request.build_absolute_uri(reverse("tasks:detail", args=[task.pk])),
    }


def _detail(task: Task, request: HttpRequest, lang: str) -> dict[str, Any]:
    """Everything the caller may see of one task."""
    user, today = request.user, timezone.localdate()
    internals = visibility.may_see_internals(user, task)
    out = _summary(task, request, lang)
    out.update(
        objectives=task.objectives, expected_results=task.expected_results, results=task.results,
        keywords=task.keywords, contract_number=task.contract_number, actual_start=task.actual_start,
        actual_end=task.actual_end, registration_date=task.registration_date,
        acceptance_score=task.acceptance_score if visibility.may_see_scores(user, task, "acceptance") else None,
        members=[{"name": m.name, "role": m.role} for m in task.members.all()],
        progress_reports=[{"number": r.number, "due_date": r.due_date, "submitted_at": r.submitted_at,
                           "overdue": is_overdue(r.due_date, r.submitted_at is not None or task.status != "in_progress",
                                                 today),
                           "summary": r.summary if internals else None,
                           "percent_done": r.percent_done if internals else None}
                          for r in task.progress_reports.all()],
        documents=[{"id": d.pk, "kind": d.kind, "title": d.title, "archived": d.archived,
                    "url": request.build_absolute_uri(reverse("tasks:document", args=[task.pk, d.pk]))}
                   for d in task.documents.all() if visibility.may_see_document(user, task, d)],
        councils=[_council(c, task, user) for c in task.councils.prefetch_related("members", "reviews__member")],
        applications=_applications(task, user),
        actions=[t.action for t in lifecycle.offered(task.status, _kinds(task, user))]
        if getattr(user, "is_authenticated", False) else [],
    )
    return out


def _applications(task: Task, user: Any) -> list[dict[str, Any]] | None:
    """The applications the caller may see (None: none), with the council's marks only to the entitled."""
    seen, marked = councils.ranking_seen(task, user)
    if not seen:
        return None
    return [{"id": a.pk, "investigator_name": a.investigator_name, "host": a.host.code, "chosen": a.chosen,
             **({"mean_score": r.mean, "counted": r.counted, "excluded": r.excluded} if marked else {})}
            for a, r in seen]


def _council(council: Any, task: Task, user: Any) -> dict[str, Any]:
    """A council, with its marks when the caller is entitled to them."""
    out: dict[str, Any] = {"kind": council.kind,
                           "members": sorted((_name(m) for m in council.members.all()), key=sort_key)}
    if visibility.may_see_scores(user, task, council.kind):
        out["reviews"] = [{"member": r.member.username, "member_name": _name(r.member), "application": r.application_id,
                           "score": r.score, "conflict": r.conflict} for r in council.reviews.all()]
    return out


def _name(user: Any) -> str:
    """A person as pages name them: the full name, else the user name."""
    return user.get_full_name() or user.username


def _visible(request: HttpRequest, task_id: int) -> Task:
    """The task, if the caller may see it (404 otherwise, as for a task that does not exist)."""
    task = Task.objects.select_related("host").filter(pk=task_id).first()
    if task is None or not visibility.may_see(request.user, task):
        raise Http404("no such task")
    return task


@router.get("", response={200: TaskList, 400: Error}, summary="S&T tasks")
def task_list(request: HttpRequest, status: str = "", step: int | None = None, year: int | None = None,
              level: str = "", field: str = "", host: str = "", q: str = "", group: str = "",
              page: int = 1, page_size: int = 20, lang: str = "") -> Any:
    """The public task database with filters: status, step (1-5), year, level, field (code prefix), host
    (organisation code), group (proposed | ongoing | completed) and q (Vietnamese search with or without
    diacritics; exact-diacritics matches first). Task managers also see proposals not yet in a list.
    A page past the last one is empty (a client pages until then); page < 1 or page_size outside 1-100: 400.
    """
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise HttpError(400, _("page must be 1 or more and page_size between 1 and %(most)s") % {"most": MAX_PAGE_SIZE})
    lang = lang if lang in ("vi", "en") else interface_lang()
    params = {"status": status, "step": str(step or ""), "year": str(year or ""), "level": level, "field": field,
              "host": host, "q": q, "group": group}
    rows = filtered(params, Task.objects.all() if visibility.is_manager(request.user) else None)
    paginator = Paginator(rows, page_size)
    shown = paginator.page(page).object_list if page <= paginator.num_pages else []
    return {"total": paginator.count, "page": page, "page_size": page_size,
            "results": [_summary(t, request, lang) for t in shown]}


@router.get("/{id:task_id}", response={200: TaskDetail, 404: Error}, summary="One S&T task")
def task_detail(request: HttpRequest, task_id: int, lang: str = "") -> Any:
    """A task with its team, deadlines (overdue flagged), the documents the caller may download, its
    councils (each member's marks and conflicts of interest only to managers and that council), the
    ranked applications (to those entitled) and the actions the caller may take now.
    """
    return _detail(_visible(request, task_id), request, lang if lang in ("vi", "en") else interface_lang())


@router.post("/{id:task_id}/actions/{action}", auth=django_auth,
             response={200: TaskDetail, 400: Error, 403: Error, 404: Error}, summary="Take a life-cycle action")
def task_action(request: HttpRequest, task_id: int, action: str, data: Body[dict[str, Any]] = None) -> Any:
    """Move a task by one action of the life-cycle table (approve, reject, withdraw, open_selection,
    assign, select, sign_contract, submit_final, accept, register, publish, stop, cancel, reopen) with
    its values in the JSON body (dates as YYYY-MM-DD). Required documents are attached first with
    POST /api/tasks/{id}/documents. Refusals: 403 for the wrong person, 400 for the wrong state or
    missing fields or documents, each with a one-line reason.
    """
    task = _visible(request, task_id)
    try:
        task = services.transition(task, action, request.user, **(data or {}))
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    return _detail(task, request, interface_lang())


@router.post("/{id:task_id}/documents", auth=django_auth, response={200: DocumentOut, 400: Error, 403: Error,
                                                                 404: Error}, summary="Attach a document")
def task_document(request: HttpRequest, task_id: int, kind: Form[str], file: File[UploadedFile],
                  title: Form[str] = "") -> Any:
    """Attach a file (pdf, doc(x), odt, rtf, txt, xls(x), csv, ods) to the task's dossier; kind is one of
    proposal, application, selection_minutes, contract, progress_report, adjustment, final_report,
    summary_report, acceptance_minutes, registration, other.
    """
    task = _visible(request, task_id)
    try:
        document = services.attach_document(task, request.user, kind, file, title)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    return {"id": document.pk, "kind": document.kind, "title": document.title, "archived": document.archived,
                 "url": request.build_absolute_uri(reverse("tasks:document", args=[task.pk, document.pk]))}
