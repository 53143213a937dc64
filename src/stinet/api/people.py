"""REST endpoints of the people app (a router mounted by stinet.api.views at /api/experts)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from stinet.api.schemas import Error
from stinet.people import rules
from stinet.people.directory import Filters, directory, field_names, profile, summary, visible
from stinet.people.finder import find_experts
from stinet.people.models import Expert
from stinet.search.base import MAX_PAGE_SIZE, SearchError

router = Router(tags=["experts"])


class ExpertOrg(Schema):
    """The expert's organisation."""

    code: str
    name: str


class ExpertField(Schema):
    """A field of science: its code and name."""

    code: str
    label: str


class ExpertWorkRef(Schema):
    """A relevant work shown with a finder hit."""

    id: int
    title: str
    year: int | None
    type: str


class TaskRef(Schema):
    """A relevant task shown with a finder hit."""

    id: int
    code: str
    title: str
    year: int | None
    url: str


class ExpertSummary(Schema):
    """Public fields of an expert (never contact details)."""

    id: int
    name: str
    display_name: str
    academic_title: str
    academic_title_label: str
    degree: str
    degree_label: str
    organisation: ExpertOrg | None
    position: str
    fields: list[ExpertField]
    interests: str
    orcid: str
    orcid_url: str
    works: int | None
    url: str


class ExpertHit(ExpertSummary):
    """A directory entry, or a finder hit with its score and what explains it."""

    score: float | None = None
    works_matched: int | None = None
    tasks_matched: int | None = None
    explanation: str = ""
    relevant_works: list[ExpertWorkRef] = []
    relevant_tasks: list[TaskRef] = []


class ExpertList(Schema):
    """A page of the directory (no q) or of the finder's ranking (q)."""

    query: str
    total: int
    page: int
    page_size: int
    results: list[ExpertHit]


class WorkLink(Schema):
    """A work of the expert: confirmed (public), or suggested / rejected (the expert and administrators)."""

    id: int
    title: str
    type: str
    type_label: str
    year: int | None
    role: str
    matched_name: str
    score: float


class TaskLink(Schema):
    """A public task the expert leads or works on."""

    id: int
    code: str
    title: str
    title_en: str
    year: int | None
    status: str
    role: str
    url: str


class ExpertContact(Schema):
    """Contact details, present only when the scientist allows it (or for themself and administrators)."""

    email: str
    phone: str
    website: str


class Private(Schema):
    """Only for the expert themself and administrators."""

    public: bool
    show_contact: bool
    user: str | None
    other_names: list[str]
    suggested: list[WorkLink]
    rejected: list[WorkLink]


class ExpertOut(ExpertSummary):
    """One expert: public fields, confirmed works, tasks; contact if allowed; private part for its owner."""

    works_list: list[WorkLink]
    tasks: list[TaskLink]
    contact: ExpertContact | None
    private: Private | None


def _url(request: HttpRequest, expert_id: int) -> str:
    """The profile page's absolute address."""
    return request.build_absolute_uri(reverse("people:detail", args=[expert_id]))


def _lang(lang: str) -> str:
    """'en' or the default 'vi'."""
    return "en" if lang == "en" else "vi"


@router.get("", response={200: ExpertList, 400: Error}, summary="Find experts, or list the directory")
def experts(request: HttpRequest, q: str = "", field: str = "", degree: str = "", title: str = "", org: str = "",
            page: int = 1, page_size: int = 20, lang: str = "vi") -> Any:
    """With q, the expert finder: "who works on q", ranked by their confirmed works relevant to q (the
    catalogue's Vietnamese search, diacritics optional) and their tasks whose title or objectives hold q;
    each hit says why ("3 works, 1 task about q"). Without q, the directory in Vietnamese list order
    (by given name). Filters: field (a field-of-science code; its sub-fields count), degree (TSKH, TS,
    ThS, BS, DS, KS, CN), title (GS, PGS), org (organisation code). Contact details are never listed.
    """
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise SearchError(_("page must be 1 or more and page_size between 1 and %(most)s") % {"most": MAX_PAGE_SIZE})
    lang, filters = _lang(lang), Filters(field=field, degree=degree, title=title, org=org)
    start = (page - 1) * page_size
    if q.strip():
        hits = find_experts(q, filters.apply(visible(request.user)))
        chosen, total = hits[start:start + page_size], len(hits)
        people = [h.expert for h in chosen]
    else:
        rows = directory(filters, request.user)
        total, chosen = rows.count(), []
        people = list(rows[start:start + page_size]) if start < total else []  # past the end: no OFFSET 10^20
    names = field_names({c for e in people for c in e.fields}, lang)
    results = []
    for i, expert in enumerate(people):
        item = {**summary(expert, lang, names), "url": _url(request, expert.pk)}
        if chosen:
            hit = chosen[i]
            item.update(score=hit.score, works_matched=len(hit.work_ids), tasks_matched=len(hit.task_ids),
                        explanation=hit.explanation(q), relevant_works=hit.works, relevant_tasks=hit.tasks)
        results.append(item)
    return {"query": q, "total": total, "page": page, "page_size": page_size, "results": results}


@router.get("/{id:expert_id}", response={200: ExpertOut, 404: Error}, summary="One expert")
def expert(request: HttpRequest, expert_id: int, lang: str = "vi") -> Any:
    """An expert's public profile with confirmed works and tasks; contact details only if the scientist
    allows it. The scientist themself and administrators (logged in) also get the private part:
    suggested and rejected works, visibility settings, the linked user.
    """
    found = get_object_or_404(Expert.objects.select_related("organisation", "user"), pk=expert_id)
    if not rules.can_view(request.user, found):
        raise Http404("no such expert")
    return {**profile(found, request.user, _lang(lang)), "url": _url(request, found.pk)}
