"""The network administrator's review of duplicates: doubtful pairs, recent merges, splits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stinet.accounts.permissions import is_admin, require
from stinet.catalog import dedup
from stinet.catalog.models import Match
from stinet.search.indexing import works_changed

PAGE = 50


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    """Doubtful pairs side by side, and the latest automatic merges (which may be split)."""
    require(is_admin(request.user), _("only the network administrator reviews duplicates"))
    related = ("organisation", "work", "other_work")
    context = {
        "reviews": Match.objects.filter(status="review").select_related(*related)[:PAGE],
        "merges": Match.objects.filter(status__in=["merged", "manual", "confirmed"]).select_related(*related)[:PAGE],
    }
    return render(request, "catalog/duplicates.html", context)


@login_required
@require_POST
def settle(request: HttpRequest, match_id: int) -> HttpResponse:
    """Merge a doubtful pair, or keep it apart for good."""
    require(is_admin(request.user), _("only the network administrator reviews duplicates"))
    merge = request.POST.get("decision") == "merge"
    try:
        works_changed(dedup.settle(match_id, merge, actor=request.user.get_username(), user=request.user))
    except dedup.MatchError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Merged.") if merge else _("Kept apart."))
    return redirect("catalog:duplicates")


@login_required
@require_POST
def split(request: HttpRequest, match_id: int) -> HttpResponse:
    """Take a merged record back out of the work it joined."""
    require(is_admin(request.user), _("only the network administrator reviews duplicates"))
    match = get_object_or_404(Match, pk=match_id)
    try:
        works_changed(dedup.split(match.organisation, match.local_id, actor=request.user.get_username(),
                                 user=request.user))
    except dedup.MatchError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Split: the record is a work of its own again."))
    return redirect("catalog:duplicates")
