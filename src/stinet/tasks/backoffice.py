"""Task work on the web: proposing, the life-cycle actions, councils, scores, progress, the manager's dashboard.

Each view parses a form and calls a service; a refusal comes back as a one-line message on
the task page (and HTTP 403 for the wrong person, 400 for a wrong state or missing data).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stinet.accounts.permissions import require
from stinet.catalog.vocab import interface_lang
from stinet.tasks import councils, deadlines, forms, lifecycle, progress, services, visibility
from stinet.tasks.models import Adjustment, Task
from stinet.tasks.panel import scores_awaited


def _refused(request: HttpRequest, task: Task, reason: str, status: int, form: Any = None) -> HttpResponse:
    """The task page again with the refusal: in the form sent, open, with what was typed (its errors tied to
    their fields, as every form of the site shows them); a refusal of the person on top."""
    from stinet.tasks.views import task_detail

    if form is None:
        messages.error(request, reason)
    else:
        request.stinet_bound_form = form  # type: ignore[attr-defined]  # the panel shows it in its place
    response = task_detail(request, task.pk)
    response.status_code = status
    return response


def _run(request: HttpRequest, task: Task, form: Any, call: Callable[[dict[str, Any]], Any], done: str,
         check: Callable[[], None] | None = None) -> HttpResponse:
    """Check who acts, validate the form, call the service, redirect to the task page (or show why not)."""
    try:
        if check is not None:
            check()
    except PermissionDenied as exc:
        return _refused(request, task, str(exc), 403)
    except ValueError as exc:
        return _refused(request, task, str(exc), 400)
    if not form.is_valid():
        return _refused(request, task, "", 400, form)
    try:
        call(form.cleaned_data)
    except PermissionDenied as exc:
        return _refused(request, task, str(exc), 403)
    except ValueError as exc:
        form.add_error(None, str(exc))
        return _refused(request, task, str(exc), 400, form)
    messages.success(request, done)
    return redirect("tasks:detail", task.pk)


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    """Submit a proposal (step 1)."""
    lang = interface_lang()
    form = forms.ProposalForm(request.POST or None, lang=lang, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        keywords = [k.strip() for k in data.pop("keywords", "").split(";") if k.strip()]
        try:
            task = services.propose(request.user, keywords=keywords, **data)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Proposal %(code)s submitted.") % {"code": task.code})
            return redirect("tasks:detail", task.pk)
    return render(request, "tasks/propose.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one action of the life-cycle table."""
    task = get_object_or_404(Task, pk=pk)
    rule = lifecycle.TRANSITIONS.get(action)
    if rule is None:
        return _refused(request, task, _("unknown action %(action)r") % {"action": action}, 400)
    form = forms.ACTION_FORMS[action](request.POST, request.FILES)

    def call(data: dict[str, Any]) -> None:
        documents = {k: data.pop(k) for k in list(data) if k in forms.FILE_FIELDS}
        values = {k: v for k, v in data.items() if v not in (None, "")}
        services.transition(task, action, request.user, documents=documents, **values)

    return _run(request, task, form, call, _("Done: %(action)s.") % {"action": rule.label},
                check=lambda: services.check_actor(task, action, request.user))


def _task_with_council(pk: int, kind: str) -> Task:
    """The task, for a council kind that exists (selection, acceptance); any other address is not found."""
    if kind not in councils.COUNCIL_SCORING:
        raise Http404(f"no council of kind {kind!r}")
    return get_object_or_404(Task, pk=pk)


@login_required
@require_POST
def council(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Form the selection or acceptance council."""
    task = _task_with_council(pk, kind)
    activity = f"form_{kind}_council"
    return _run(request, task, forms.CouncilForm(request.POST),
                lambda d: councils.form_council(task, request.user, kind, list(d["members"])), _("Council formed."),
                check=lambda: councils.check_activity(task, activity, request.user))


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply for a task open to selection."""
    task = get_object_or_404(Task, pk=pk)
    return _run(request, task, forms.ApplicationForm(request.POST, request.FILES),
                lambda d: councils.apply(task, request.user, **d), _("Application submitted."),
                check=lambda: councils.check_activity(task, "apply", request.user))


@login_required
@require_POST
def score(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """A council member's score or declared conflict of interest."""
    task = _task_with_council(pk, kind)

    def call(d: dict[str, Any]) -> None:
        councils.score(task, request.user, kind, application=d["application"], value=d["score"],
                       conflict=d["conflict"], comment=d["comment"])

    activity = councils.COUNCIL_SCORING[kind]
    return _run(request, task, forms.ScoreForm(request.POST), call, _("Score recorded."),
                check=lambda: councils.check_activity(task, activity, request.user, council_kind=kind))


@login_required
@require_POST
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The PI's periodic progress report."""
    task = get_object_or_404(Task, pk=pk)
    return _run(request, task, forms.ProgressForm(request.POST, request.FILES),
                lambda d: progress.submit_progress(task, request.user, **d), _("Progress report submitted."),
                check=lambda: councils.check_activity(task, "report_progress", request.user))


@login_required
@require_POST
def adjust(request: HttpRequest, pk: int) -> HttpResponse:
    """The PI's request to adjust content, time or budget."""
    task = get_object_or_404(Task, pk=pk)
    return _run(request, task, forms.AdjustmentForm(request.POST, lang=interface_lang()),
                lambda d: progress.request_adjustment(task, request.user, **d), _("Adjustment requested."),
                check=lambda: councils.check_activity(task, "request_adjustment", request.user))


@login_required
@require_POST
def decide(request: HttpRequest, adjustment_id: int) -> HttpResponse:
    """The manager approves or refuses an adjustment request."""
    adjustment = get_object_or_404(Adjustment.objects.select_related("task"), pk=adjustment_id)
    approve = request.POST.get("decision") == "approve"
    return _run(request, adjustment.task, forms.DecisionForm(request.POST),
                lambda d: progress.decide_adjustment(adjustment, request.user, approve=approve, note=d["note"]),
                _("Adjustment approved.") if approve else _("Adjustment refused."),
                check=lambda: councils.check_activity(adjustment.task, "decide_adjustment", request.user))


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a document to the task's dossier."""
    task = get_object_or_404(Task, pk=pk)
    return _run(request, task, forms.UploadForm(request.POST, request.FILES, lang=interface_lang()),
                lambda d: services.attach_document(task, request.user, d["kind"], d["file"], d["title"]),
                _("Document attached."), check=lambda: councils.check_activity(task, "upload_document", request.user))


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """The manager's dashboard: proposals to review, deadlines, overdue reports, contracts ending, pending work."""
    require(visibility.is_manager(request.user), _("only task managers see the task dashboard"))
    return render(request, "tasks/manage.html", {"board": deadlines.dashboard(timezone.localdate())})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The user's own tasks: proposed, led, on a council; with their deadlines."""
    user = request.user
    rows = list((Task.objects.filter(proposer=user) | Task.objects.filter(investigator=user)
                 | Task.objects.filter(councils__members=user)).distinct().select_related("host"))
    for task in rows:  # a council member sees which tasks wait for their marks, first
        task.scores_awaited = scores_awaited(task, user)
    rows.sort(key=lambda t: t.scores_awaited == 0)
    return render(request, "tasks/mine.html", {"tasks": rows, "today": timezone.localdate()})
