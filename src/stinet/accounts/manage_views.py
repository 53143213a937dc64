"""Administrators' pages: users and their roles, invitations, the audit log."""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from stinet.accounts import invitations
from stinet.accounts.audit_labels import ACTIONS, OBJECT_TYPES
from stinet.accounts.forms import AuditFilterForm, InviteForm, RoleForm
from stinet.accounts.models import Invitation, Role
from stinet.accounts.permissions import manages_accounts, require
from stinet.accounts.services import AccountError, give_role, revoke, set_active
from stinet.catalog.models import AuditEntry

PAGE = 50
REFUSED = gettext_lazy("Only the network administrator manages accounts.")


def _admin_only(request: HttpRequest) -> None:
    """Refuse everyone but administrators."""
    require(manages_accounts(request.user), str(REFUSED))


@login_required
def users(request: HttpRequest) -> HttpResponse:
    """Users with their roles, searchable by name or address, paged."""
    _admin_only(request)
    q = request.GET.get("q", "").strip()
    found = get_user_model().objects.order_by("username").prefetch_related("roles__organisation")
    if q:
        found = found.filter(Q(username__icontains=q) | Q(email__icontains=q) | Q(first_name__icontains=q))
    page = Paginator(found, PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/users.html", {"page": page, "q": q, "params": urlencode({"q": q}) if q else ""})


@login_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    """One user's roles (grant, revoke), activation, and the latest audit entries about them."""
    _admin_only(request)
    shown = get_object_or_404(get_user_model(), pk=user_id)
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = form.cleaned_data["organisation"]
        try:
            _granted, new = give_role(shown, form.cleaned_data["role"], org.code if org else None, by=request.user)
        except AccountError as exc:
            form.add_error(None, str(exc))
        else:
            if new:
                messages.success(request, _("Role granted."))
            else:  # nothing changed: said so (QA 26)
                messages.info(request, _("The user has this role already."))
            return redirect("accounts:user", user_id=shown.pk)
    history = AuditEntry.objects.filter(Q(object_type="user", object_id=str(shown.pk)) | Q(actor=shown))[:20]
    roles = Role.objects.filter(user=shown).select_related("organisation")
    return render(request, "accounts/user.html", {"shown": shown, "roles": roles, "form": form, "history": history})


@login_required
@require_POST
def revoke_role(request: HttpRequest, user_id: int, role_id: int) -> HttpResponse:
    """Take one role away."""
    _admin_only(request)
    role = get_object_or_404(Role.objects.select_related("user", "organisation"), pk=role_id, user_id=user_id)
    try:
        revoke(role.user, role.role, role.organisation.code if role.organisation else None, by=request.user)
    except AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Role revoked."))
    return redirect("accounts:user", user_id=user_id)


@login_required
@require_POST
def activation(request: HttpRequest, user_id: int) -> HttpResponse:
    """Deactivate a user, or activate them again."""
    _admin_only(request)
    shown = get_object_or_404(get_user_model(), pk=user_id)
    try:
        set_active(shown, request.POST.get("active") == "1", by=request.user)
    except AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("User activated.") if shown.is_active else _("User deactivated."))
        from stinet.tasks.councils import open_seats

        if not shown.is_active and (codes := open_seats(shown)):  # their marks will not come (QA 26)
            messages.warning(request, _("They sit on the council now scoring of %(tasks)s: ask the task managers to "
                                        "replace them") % {"tasks": ", ".join(codes)})
    return redirect("accounts:user", user_id=user_id)


@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    """Invite someone; the pending invitations, which may be revoked."""
    _admin_only(request)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _link = invitations.invite(
                form.cleaned_data["email"], form.role_pairs(), days=form.cleaned_data["days"],
                site=request.build_absolute_uri("/"), by=request.user)
        except AccountError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("accounts:invitations")
    recent = Invitation.objects.exclude(status="pending").select_related("accepted_user")[:20]
    return render(request, "accounts/invitations.html",
                  {"form": form, "pending": invitations.pending(), "recent": recent})


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Withdraw a pending invitation."""
    _admin_only(request)
    invitation = get_object_or_404(Invitation, pk=invitation_id)
    try:
        invitations.revoke_invitation(invitation, by=request.user)
    except AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Invitation revoked."))
    return redirect("accounts:invitations")


def _filtered(data: dict[str, Any]) -> Any:
    """Audit entries matching the filters (who, action, object, dates in the site's time zone)."""
    entries = AuditEntry.objects.all()
    if data.get("who"):
        entries = entries.filter(actor_label__icontains=data["who"])
    for field in ("action", "object_type", "object_id"):
        if data.get(field):
            entries = entries.filter(**{field: data[field].strip()})
    zone = timezone.get_current_timezone()
    if data.get("since"):
        entries = entries.filter(at__gte=datetime.combine(data["since"], time.min, tzinfo=zone))
    if data.get("until"):
        entries = entries.filter(at__lte=datetime.combine(data["until"], time.max, tzinfo=zone))
    return entries


def _pretty(value: Any) -> str:
    """A before/after value as short readable JSON."""
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Who changed what and when, with the values before and after; filtered and paged."""
    _admin_only(request)
    form = AuditFilterForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})  # the valid filters; a wrong one is said, not silently dropped
    refused = "; ".join(_("%(filter)s: %(value)r is not valid, shown without this filter") % {
        "filter": form[name].label, "value": request.GET.get(name, "")} for name in form.errors)
    page = Paginator(_filtered(data).order_by("-at", "-pk"), PAGE).get_page(request.GET.get("page"))
    rows = [(e, _pretty(e.before), _pretty(e.after)) for e in page]
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "accounts/audit.html",
                  {"form": form, "page": page, "rows": rows, "params": params.urlencode(), "refused": refused,
                   "actions": _known(ACTIONS), "object_types": _known(OBJECT_TYPES)})


def _known(labels: dict[str, Any]) -> list[tuple[str, str]]:
    """(code, label) of a table of audit labels, by code (which groups them: file-…, task-…)."""
    return sorted((code, str(label)) for code, label in labels.items())
