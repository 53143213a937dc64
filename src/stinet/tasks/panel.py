"""What a user may do on a task page: the forms of the transitions and activities the table offers them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from stinet.accounts.permissions import roles_of
from stinet.tasks import forms, lifecycle
from stinet.tasks.models import Application, Council, Review, Task
from stinet.tasks.services import actors, decides_own_task

ACTIVITY_FORMS = {
    "apply": ("apply", forms.ApplicationForm),
    "report_progress": ("progress", forms.ProgressForm),
    "request_adjustment": ("adjust", forms.AdjustmentForm),
    "upload_document": ("upload", forms.UploadForm),
}
LANG_FORMS = (forms.AdjustmentForm, forms.UploadForm)


def _form(cls: type, lang: str, **kwargs: Any) -> Any:
    """A form, told the language when its choices are labelled."""
    return cls(lang=lang, **kwargs) if cls in LANG_FORMS else cls(**kwargs)


def _kinds(task: Task, user: Any) -> set[str]:
    """The user's actor kinds on this task, council membership included."""
    kinds = actors(task, user)
    if ("council_member", None) in roles_of(user):
        for kind in Council.objects.filter(task=task, members=user).values_list("kind", flat=True):
            kinds.add(f"council:{kind}")
    return kinds


def actions_panel(task: Task, user: Any, lang: str, sent: tuple[str, Any] = ("", None)) -> list[dict[str, Any]]:
    """Forms for the transitions and activities offered to this user in the task's state; `sent`: the address
    a refused form was sent to and the form, shown open in its place with what was typed and why not."""
    if not getattr(user, "is_authenticated", False):
        return []
    kinds = _kinds(task, user)
    panel = [{"name": t.action, "label": t.label, "form": forms.ACTION_FORMS[t.action](),
              "url": reverse("tasks:act", args=[task.pk, t.action]),
              "danger": t.action in ("reject", "stop", "cancel", "withdraw")}
             for t in lifecycle.offered(task.status, kinds)
             if not decides_own_task(task, t.action, user)]
    for name, activity in lifecycle.ACTIVITIES.items():
        if task.status not in activity.states or not activity.actors & kinds:
            continue
        if name in ACTIVITY_FORMS:
            route, cls = ACTIVITY_FORMS[name]
            if name == "apply" and Application.objects.filter(task=task, applicant=user).exists():
                continue
            form = forms.UploadForm(lang=lang, manager="task_manager" in kinds) if cls is forms.UploadForm \
                else _form(cls, lang)
            panel.append({"name": name, "label": activity.label, "form": form,
                          "url": reverse(f"tasks:{route}", args=[task.pk])})
        elif name == "decide_adjustment":
            panel.extend({"name": name, "label": activity.label, "adjustment": a, "form": forms.DecisionForm(),
                          "url": reverse("tasks:decide", args=[a.pk])}
                         for a in task.adjustments.filter(status="pending"))
        elif name.startswith("form_"):
            kind = name.removeprefix("form_").removesuffix("_council")
            panel.append({"name": name, "label": activity.label, "form": forms.CouncilForm(),
                          "url": reverse("tasks:council", args=[task.pk, kind])})
    panel.extend(_scoring(task, user, kinds))
    path, form = sent
    for entry in panel if form is not None else ():
        application = entry.get("application")
        if entry["url"] == path and (application is None or str(application.pk) == form.data.get("application")):
            entry["form"], entry["open"] = form, True
            if isinstance(form, forms.UploadForm):  # shown again: the kinds this user may choose
                form.offer("task_manager" in kinds)
            break
    for n, entry in enumerate(panel):  # several forms on one page: ids of their own (a label, an error, one field)
        entry["form"].auto_id = f"id_{n}_%s"
    return panel


def _scoring(task: Task, user: Any, kinds: set[str]) -> list[dict[str, Any]]:
    """Score forms of a council member: one per application (selection) or one for the task (acceptance)."""
    out: list[dict[str, Any]] = []
    mine = {(r.council.kind, r.application_id): r for r in Review.objects.filter(council__task=task, member=user)
            .select_related("council")}
    if task.status == "selecting" and "council:selection" in kinds:
        for application in task.applications.select_related("host"):
            out.append(_score_form(task, "selection", mine.get(("selection", application.pk)), application))
    if task.status == "evaluating" and "council:acceptance" in kinds:
        out.append(_score_form(task, "acceptance", mine.get(("acceptance", None)), None))
    return out


def scores_awaited(task: Task, user: Any) -> int:
    """How many marks the task waits for from this council member now: applications of a selection not yet
    scored (nor a conflict declared), or the acceptance (1)."""
    marked = set(Review.objects.filter(council__task=task, member=user).values_list("council__kind", "application_id"))
    kinds = set(Council.objects.filter(task=task, members=user).values_list("kind", flat=True))
    if task.status == "selecting" and "selection" in kinds:
        return sum(1 for pk in task.applications.values_list("pk", flat=True) if ("selection", pk) not in marked)
    if task.status == "evaluating" and "acceptance" in kinds:
        return int(("acceptance", None) not in marked)
    return 0


def _score_form(task: Task, kind: str, review: Review | None, application: Application | None) -> dict[str, Any]:
    """One score form, filled with the member's earlier mark."""
    initial = {"application": getattr(application, "pk", None)}
    if review is not None:
        initial.update(score=review.score, conflict=review.conflict, comment=review.comment)
    label = lifecycle.ACTIVITIES["score_application" if application else "score_acceptance"].label
    return {"name": f"score_{kind}", "label": label, "application": application, "review": review,
            "form": forms.ScoreForm(initial=initial), "url": reverse("tasks:score", args=[task.pk, kind])}
