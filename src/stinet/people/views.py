"""Experts' pages: the directory and finder, a profile, and the scientist's own page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stinet.accounts.permissions import is_admin, require
from stinet.catalog.models import Organisation
from stinet.catalog.vocab import interface_lang
from stinet.people import rules, services
from stinet.people.directory import Filters, directory, field_names, profile, summary, visible
from stinet.people.finder import find_experts
from stinet.people.forms import ProfileForm
from stinet.people.models import ACADEMIC_TITLES, DEGREES, Expert
from stinet.search.base import SearchError

PAGE_SIZE = 20


def _page_number(request: HttpRequest) -> int:
    """The page asked for (1 when absent or not a number)."""
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1


def _filter_options(lang: str) -> dict[str, Any]:
    """Values offered by the directory's filters."""
    orgs = Organisation.objects.filter(experts__public=True).distinct().order_by("code")
    tops = field_names([str(i) for i in range(1, 7)], lang)
    return {"fields": sorted(tops.items()),
            "degrees": [(c, v[1] if lang == "en" else v[0]) for c, v in DEGREES.items()],
            "titles": [(c, v[1] if lang == "en" else v[0]) for c, v in ACADEMIC_TITLES.items()],
            "orgs": [(o.code, o.name(lang)) for o in orgs]}


def experts(request: HttpRequest) -> HttpResponse:
    """The directory (filters by field, degree, title, organisation) or, with q, the expert finder."""
    lang, q = interface_lang(), request.GET.get("q", "").strip()
    filters = Filters.from_params(request.GET)
    error = ""
    if q:
        try:
            items: Any = find_experts(q, filters.apply(visible(request.user)))
        except SearchError as exc:  # year:abc, type:foo: said on the page, with the box to mend it
            items, error = [], str(exc)
    else:
        items = directory(filters, request.user)
    page = Paginator(items, PAGE_SIZE).get_page(_page_number(request))
    people = [h.expert for h in page] if q else list(page)
    names = field_names({c for e in people for c in e.fields}, lang)
    rows = [{"hit": h if q else None, "e": summary(e, lang, names)} for h, e in zip(page, people, strict=True)]
    for row in rows:
        if row["hit"]:
            row["why"] = row["hit"].explanation(q)
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {"q": q, "filters": filters, "page": page, "rows": rows, "options": _filter_options(lang),
               "query_string": urlencode(params), "total": page.paginator.count, "error": error}
    return render(request, "people/experts.html", context, status=400 if error else 200)


def detail(request: HttpRequest, expert_id: int) -> HttpResponse:
    """A profile: titles, organisation, fields, interests, ORCID, contact if allowed, works and tasks."""
    expert = get_object_or_404(Expert.objects.select_related("organisation", "user"), pk=expert_id)
    if not rules.can_view(request.user, expert):
        raise Http404("no such expert")
    data = profile(expert, request.user, interface_lang())
    return render(request, "people/detail.html", {"expert": expert, "p": data,
                                                  "can_edit": rules.can_edit(request.user, expert)})


def _edit(request: HttpRequest, expert: Expert) -> HttpResponse:
    """The edit page of a profile the user may change: the form and the works to confirm."""
    admin = is_admin(request.user)
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_of(expert), lang=interface_lang(), admin=admin)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if admin and changes.get("user") == (expert.user.get_username() if expert.user_id else None):
            changes.pop("user")
        try:
            services.update_expert(expert, changes, user=request.user)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Profile saved."))
            return redirect(request.path)
    data = profile(expert, request.user, interface_lang())
    return render(request, "people/edit.html", {"expert": expert, "form": form, "p": data},
                  status=400 if form.errors else 200)  # refused: 400, as the other forms (QA 26)


@login_required
def me(request: HttpRequest) -> HttpResponse:
    """The scientist's own profile: edit it and decide on suggested works (or create it first)."""
    expert = Expert.objects.select_related("organisation", "user").filter(user=request.user).first()
    if expert is not None:
        return _edit(request, expert)
    if not rules.may_create_own(request.user):
        raise PermissionDenied(_("Only scientists have a profile. Ask the network administrator."))
    return _create(request, own=True)


def _create(request: HttpRequest, own: bool) -> HttpResponse:
    """Create a profile: one's own (scientists) or anyone's (administrators)."""
    full_name = request.user.get_full_name() or request.user.first_name
    form = ProfileForm(request.POST or None, initial={"full_name": full_name, "public": True}, lang=interface_lang(),
                       admin=not own)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        account = request.user if own else changes.pop("user", None)
        changes.pop("user", None)
        try:
            expert = services.create_expert(changes.pop("full_name"), user=request.user, account=account, **changes)
            services.suggest_works(expert, user=request.user)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Profile created. Check the works suggested to you below."))
            return redirect("people:me" if own else "people:edit", *([] if own else [expert.pk]))
    return render(request, "people/edit.html", {"expert": None, "form": form, "p": None},
                  status=400 if form.errors else 200)


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """Administrators create a profile for anyone."""
    require(is_admin(request.user), _("Only administrators create profiles for others."))
    return _create(request, own=False)


@login_required
def edit(request: HttpRequest, expert_id: int) -> HttpResponse:
    """Edit a profile (its scientist, or an administrator)."""
    expert = get_object_or_404(Expert.objects.select_related("organisation", "user"), pk=expert_id)
    require(rules.can_edit(request.user, expert), _("Only the scientist and administrators edit this profile."))
    return _edit(request, expert)


def _back(request: HttpRequest, expert: Expert) -> HttpResponse:
    """Back to the page the works were decided on."""
    return redirect("people:me") if rules.is_owner(request.user, expert) else redirect("people:edit", expert.pk)


@login_required
@require_POST
def decide(request: HttpRequest, expert_id: int) -> HttpResponse:
    """Confirm or reject works (one, or every suggested one) as the expert's."""
    expert = get_object_or_404(Expert, pk=expert_id)
    require(rules.can_edit(request.user, expert), _("Only the scientist and administrators decide on these works."))
    decision = request.POST.get("decision", "")
    ids = request.POST.getlist("work")
    if request.POST.get("all"):
        ids = list(expert.work_links.filter(status="suggested").values_list("work_id", flat=True))
    try:
        n = services.decide_works(expert, [int(i) for i in ids if str(i).isdigit()], decision, user=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(n)s work(s) updated.") % {"n": n})
    return _back(request, expert)


@login_required
@require_POST
def suggest(request: HttpRequest, expert_id: int) -> HttpResponse:
    """Look in the catalogue again for works by the expert's names."""
    expert = get_object_or_404(Expert, pk=expert_id)
    require(rules.can_edit(request.user, expert), _("Only the scientist and administrators manage these works."))
    n = services.suggest_works(expert, user=request.user)
    messages.success(request, _("%(n)s new work(s) suggested.") % {"n": n})
    return _back(request, expert)
