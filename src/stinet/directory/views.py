"""Pages of the directory: the public list and entries, information services, joining, editing, decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stinet.accounts import limits
from stinet.accounts.addresses import client_address, limited_as
from stinet.accounts.permissions import edits_organisation, is_admin, require
from stinet.catalog.models import Organisation
from stinet.catalog.vocab import interface_lang, label
from stinet.directory import services
from stinet.directory.forms import ApproveForm, FilterForm, JoinForm, ProfileForm, RejectForm, ServiceForm
from stinet.directory.listing import (
    DirectoryQuery,
    by_code,
    field_labels,
    find_organisations,
    find_services,
    organisations,
)
from stinet.directory.models import InfoService, JoinRequest
from stinet.directory.rules import suggest_code
from stinet.directory.vocab import JOIN_STATUSES, SERVICE_KINDS
from stinet.search.base import SearchRequest
from stinet.search.service import search_json

PAGE_SIZE = 30
JOIN_LIMIT = 5  # requests to join from one client address per hour (behind trusted proxies, the client's)
JOIN_WINDOW = 3600


def _query(params: Any) -> DirectoryQuery:
    """The directory query of the page's query string (unknown values simply find nothing)."""
    member = {"yes": True, "no": False}.get(params.get("member", ""))
    return DirectoryQuery(q=params.get("q", "").strip()[:200], member=member, kind=params.get("kind", ""),
                          province=params.get("province", ""), field=params.get("field", ""),
                          service=params.get("service", ""))


def org_list(request: HttpRequest) -> HttpResponse:
    """The directory of organisations: filters, search with or without diacritics, Vietnamese order."""
    lang = interface_lang()
    orgs = find_organisations(_query(request.GET), lang)
    page = Paginator(orgs, PAGE_SIZE).get_page(request.GET.get("page"))
    codes = {c for o in page for c in (getattr(getattr(o, "profile", None), "fields", None) or [])}
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": FilterForm(request.GET or None, lang=lang), "page": page, "total": len(orgs),
               "fields": field_labels(codes, lang), "params": params.urlencode(),
               "pending": JoinRequest.objects.filter(status="pending").count() if is_admin(request.user) else None}
    return render(request, "directory/orgs.html", context)


def org_detail(request: HttpRequest, code: str) -> HttpResponse:
    """An organisation: profile, information services, website, certificate, holdings and newest works."""
    lang = interface_lang()
    org = by_code(organisations(), code)
    if org.code != code:  # codes are one whatever their case: /orgs/vmu/ is /orgs/VMU/
        return redirect("portal:org", code=org.code, permanent=True)
    profile = services.profile_of(org)
    data = search_json(SearchRequest(filters={"org": [org.code]}, sort="-year", page_size=10), lang)
    can_edit = edits_organisation(request.user, org.pk)
    context = {"org": org, "profile": profile, "data": data, "lang": lang, "can_edit": can_edit,
               "show_contact": bool(profile and (profile.publish_contact or can_edit)),
               "fields": field_labels(profile.fields if profile else [], lang)}
    return render(request, "directory/org.html", context)


def service_list(request: HttpRequest) -> HttpResponse:
    """Who offers which S&T information service across the network."""
    kind = request.GET.get("kind", "")
    q = request.GET.get("q", "").strip()[:200]
    found = find_services(kind, q, interface_lang())
    kinds = [(code, code == kind) for code in SERVICE_KINDS]
    return render(request, "directory/services.html", {"services": found, "kinds": kinds, "kind": kind, "q": q})


def _address_key(request: HttpRequest) -> str:
    """The counter of requests to join from the client's address (shared by every process)."""
    return limits.key("join", limited_as(client_address(request)))


def join(request: HttpRequest) -> HttpResponse:
    """The public form of a request to join the network (a hidden trap field and a limit per address)."""
    form = JoinForm(request.POST or None, lang=interface_lang())
    if request.method == "POST":
        if request.POST.get("homepage"):  # only robots fill the hidden field: pretend, keep nothing
            return redirect("directory:join_done")
        key = _address_key(request)
        if limits.current(key) >= JOIN_LIMIT:
            form.add_error(None, _("Too many requests from your address. Try again in an hour."))
        elif form.is_valid():
            limits.add(key, JOIN_WINDOW)
            values = {k: v for k, v in form.cleaned_data.items() if k != "homepage"}
            try:
                services.submit_join_request(values, interface_lang())
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("directory:join_done")
    return render(request, "directory/join.html", {"form": form})


def join_done(request: HttpRequest) -> HttpResponse:
    """Thanks for the request."""
    return render(request, "directory/join_done.html")


@login_required
def edit_profile(request: HttpRequest, code: str) -> HttpResponse:
    """Edit an organisation's directory entry (its member editors and administrators)."""
    org = get_object_or_404(Organisation, code=code)
    require(edits_organisation(request.user, org.pk), services.edit_refusal(org))
    admin = is_admin(request.user)
    profile = services.profile_of(org)
    initial: dict[str, Any] = {k: getattr(org, k) for k in services.EDITOR_ORG_FIELDS + services.ADMIN_ORG_FIELDS}
    if profile:
        initial.update({k: getattr(profile, k) for k in services.PROFILE_FIELDS if k != "fields"})
        initial["fos"] = profile.fields
    form = ProfileForm(request.POST or None, initial=initial, lang=interface_lang(), admin=admin)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        values["fields"] = values.pop("fos")
        try:
            services.update_profile(request.user, org, values)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The directory entry is saved."))
            return redirect("portal:org", code=org.code)
    return render(request, "directory/edit_profile.html", {"org": org, "form": form,
                                                           "services": org.info_services.all()})


@login_required
def service_add(request: HttpRequest, code: str) -> HttpResponse:
    """Add an information service to an organisation."""
    org = get_object_or_404(Organisation, code=code)
    require(edits_organisation(request.user, org.pk), services.edit_refusal(org))
    form = ServiceForm(request.POST or None, lang=interface_lang(), initial={"free": True})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_service(request.user, org, form.cleaned_data)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The service is added."))
            return redirect("directory:edit", code=org.code)
    return render(request, "directory/service_form.html", {"org": org, "form": form, "service": None})


@login_required
def service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    """Change an information service."""
    service = get_object_or_404(InfoService.objects.select_related("organisation"), pk=service_id)
    org = service.organisation
    require(edits_organisation(request.user, org.pk), services.edit_refusal(org))
    initial = {k: getattr(service, k) for k in services.SERVICE_FIELDS}
    form = ServiceForm(request.POST or None, lang=interface_lang(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_service(request.user, service, form.cleaned_data)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The service is saved."))
            return redirect("directory:edit", code=org.code)
    return render(request, "directory/service_form.html", {"org": org, "form": form, "service": service})


@login_required
@require_POST
def service_delete(request: HttpRequest, service_id: int) -> HttpResponse:
    """Delete an information service."""
    service = get_object_or_404(InfoService.objects.select_related("organisation"), pk=service_id)
    code = service.organisation.code
    services.remove_service(request.user, service)
    messages.success(request, _("The service is deleted."))
    return redirect("directory:edit", code=code)


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    """Requests to join: pending first, then the latest decisions (administrators)."""
    require(is_admin(request.user), str(services.DECIDES_REQUESTS))
    pending = JoinRequest.objects.filter(status="pending").order_by("created_at")
    decided = JoinRequest.objects.exclude(status="pending").select_related("organisation").order_by("-decided_at")[:50]
    return render(request, "directory/requests.html", {"pending": pending, "decided": decided})


@login_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    """One request with the forms to approve or reject it (administrators)."""
    require(is_admin(request.user), str(services.DECIDES_REQUESTS))
    join_request = get_object_or_404(JoinRequest, pk=request_id)
    approve_form = ApproveForm(initial={"code": suggest_code(join_request.short_name, join_request.name_vi)})
    reject_form = RejectForm()
    if request.method == "POST" and join_request.status != "pending":  # decided meanwhile (a double submit)
        messages.error(request, _("This request was decided already (%(status)s).")
                       % {"status": label(JOIN_STATUSES, join_request.status, interface_lang())})
        return redirect("directory:request", request_id=join_request.pk)
    if request.method == "POST":
        if "approve" in request.POST:
            approve_form = ApproveForm(request.POST)
            if approve_form.is_valid():
                try:
                    org = services.approve_join_request(request.user, join_request, approve_form.cleaned_data["code"])
                except ValueError as exc:
                    approve_form.add_error(None, str(exc))
                else:
                    messages.success(request, _("%(name)s is now a member (%(code)s).")
                                     % {"name": org.name_vi, "code": org.code})
                    return redirect("directory:requests")
        else:
            reject_form = RejectForm(request.POST)
            if reject_form.is_valid():
                try:
                    services.reject_join_request(request.user, join_request, reject_form.cleaned_data["reason"])
                except ValueError as exc:
                    reject_form.add_error(None, str(exc))
                else:
                    messages.success(request, _("The request is rejected."))
                    return redirect("directory:requests")
    return render(request, "directory/request.html", {"req": join_request, "approve_form": approve_form,
                                                      "reject_form": reject_form})
