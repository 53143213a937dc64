"""The network administrator's review of duplicates: doubtful pairs, recent merges, splits."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stinet.accounts.permissions import is_admin, require
from stinet.catalog import dedup
from stinet.catalog.models import Holding, Match, Work
from stinet.search.indexing import works_changed

PAGE = 50


@dataclass
class MergeRow:
    """A merge as the record is now: `state` is "in" (in the work it joined, beside other holdings:
    it may be split), "alone" (its only holding now), "split" (split off), "moved" (in another
    work) or "gone" (deleted at its source); `now` is the work it is in."""

    match: Match
    state: str
    now: Work | None = None


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    """Doubtful pairs side by side (those that cannot be merged say why), and the latest merges as
    their records are now (those still in the work they joined may be split)."""
    require(is_admin(request.user), _("only the network administrator reviews duplicates"))
    related = ("organisation", "work", "other_work")
    reviews = list(Match.objects.filter(status="review").select_related(*related)[:PAGE])
    blocked = dedup.unmergeable(reviews)
    # the latest merges' ids first, from the (status, created_at) index: sorting the joined rows read
    # every merge's works (0.7 s with 79,000 merges)
    latest = list(Match.objects.filter(status__in=[*dedup.MERGED, "split"]).values_list("pk", flat=True)[:PAGE])
    merges = list(Match.objects.filter(pk__in=latest).select_related(*related))
    context = {
        "reviews": [(m, blocked.get(m.pk, "")) for m in reviews],
        "merges": _merge_rows(merges),
    }
    return render(request, "catalog/duplicates.html", context)


def _merge_rows(merges: list[Match]) -> list[MergeRow]:
    """What each merge's record is now."""
    now = dedup.records_now(merges)
    works = Work.objects.only("id", "title", "year").in_bulk(set(now.values()))
    holdings = dict(Holding.objects.filter(work_id__in={m.work_id for m in merges}).values("work_id")
                    .annotate(n=Count("id")).values_list("work_id", "n"))
    rows = []
    for m in merges:
        work_id = now.get((m.organisation_id, m.local_id))
        if work_id is None:
            rows.append(MergeRow(m, "gone"))
        elif m.status == "split" or work_id != m.work_id:  # split off (and maybe merged back by hand since)
            rows.append(MergeRow(m, "split" if m.status == "split" else "moved", works.get(work_id)))
        else:
            rows.append(MergeRow(m, "in" if holdings.get(m.work_id, 0) > 1 else "alone", m.work))
    return rows


@login_required
@require_POST
def settle(request: HttpRequest, match_id: int) -> HttpResponse:
    """Merge a doubtful pair, or keep it apart for good."""
    require(is_admin(request.user), _("only the network administrator reviews duplicates"))
    decision = request.POST.get("decision", "")
    if decision not in ("merge", "apart"):
        messages.error(request, _("unknown decision %(decision)r: merge or apart") % {"decision": decision[:40]})
        return redirect("catalog:duplicates")
    merge = decision == "merge"
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
    """Take a merged record back out of the work it joined (not out of another work it is in now:
    a page shown before the record was split or moved still has the button)."""
    require(is_admin(request.user), _("only the network administrator reviews duplicates"))
    match = get_object_or_404(Match, pk=match_id)
    try:
        if match.status not in dedup.MERGED or dedup.records_now([match]).get(
                (match.organisation_id, match.local_id)) != match.work_id:
            raise dedup.MatchError(_("%(org)s:%(id)s is no longer in work %(work)s: nothing to split")
                                   % {"org": match.organisation.code, "id": match.local_id, "work": match.work_id})
        works_changed(dedup.split(match.organisation, match.local_id, actor=request.user.get_username(),
                                 user=request.user))
    except dedup.MatchError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Split: the record is a work of its own again."))
    return redirect("catalog:duplicates")


@login_required
@require_POST
def rejoin(request: HttpRequest, match_id: int) -> HttpResponse:
    """Put a record split off back into the work it had joined (a split undone, as `stinet dedup merge` does)."""
    require(is_admin(request.user), _("only the network administrator reviews duplicates"))
    match = get_object_or_404(Match.objects.select_related("organisation"), pk=match_id)
    try:
        if match.status != "split":
            raise dedup.MatchError(_("%(org)s:%(id)s was not split off work %(work)s: nothing to undo")
                                   % {"org": match.organisation.code, "id": match.local_id, "work": match.work_id})
        works_changed(dedup.merge_by_hand(match.organisation, match.local_id, match.work_id,
                                          actor=request.user.get_username(), user=request.user))
    except dedup.MatchError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Merged back: the record is in work %(work)s again.") % {"work": match.work_id})
    return redirect("catalog:duplicates")
