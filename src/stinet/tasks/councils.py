"""Step 2 and step 4 work: applications, councils, each member's scores, conflicts of interest."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from stinet.accounts.permissions import roles_of
from stinet.catalog.models import Organisation
from stinet.catalog.services import audit
from stinet.tasks import lifecycle, scoring, visibility
from stinet.tasks.lifecycle import MAX_CONTRACT_YEARS
from stinet.tasks.models import Application, Council, Review, Task
from stinet.tasks.services import (
    INT_FIELDS,
    TaskError,
    _store_document,
    actors,
    check_range,
    check_text,
    label_of,
)
from stinet.vietnamese import clean_person_name, nfc

MIN_COUNCIL = 3
COUNCIL_SCORING = {"selection": "score_application", "acceptance": "score_acceptance"}


def check_activity(task: Task, name: str, user: Any, council_kind: str = "") -> None:
    """Refuse an activity of the table (PermissionDenied for the wrong person, TaskError for the wrong state)."""
    activity = lifecycle.ACTIVITIES[name]
    kinds = actors(task, user)
    if council_kind and getattr(user, "is_authenticated", False) and \
            ("council_member", None) in roles_of(user) and \
            Council.objects.filter(task=task, kind=council_kind, members=user).exists():
        kinds.add("council_member")
    if not activity.actors & kinds:
        raise PermissionDenied(str(activity.who))
    task.status = Task.objects.values_list("status", flat=True).get(pk=task.pk)  # as it is now, not as loaded
    reason = lifecycle.activity_refusal(activity, task.status, kinds)
    if reason:
        raise TaskError(reason)


def conflicts(task: Task, kind: str) -> dict[int, str]:
    """Users who may not sit on (or score for) this council, with why: the PI, the proposer, the applicants."""
    found: dict[int, str] = {}
    if kind == "selection":
        for applicant_id in Application.objects.filter(task=task).values_list("applicant_id", flat=True):
            found[applicant_id] = _("an applicant for this task")
    if task.proposer_id is not None:
        found[task.proposer_id] = _("the proposer of this task")
    if task.investigator_id is not None:
        found[task.investigator_id] = _("the principal investigator of this task")
    return found


def named(user: Any) -> str:
    """A council member as a manager knows them: full name and login ("Nguyễn Văn An (an.nv)"), or the login."""
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


def form_council(task: Task, user: Any, kind: str, members: list[Any]) -> Council:
    """Form (or re-form, before any score) the selection or acceptance council of a task."""
    if kind not in COUNCIL_SCORING:
        raise TaskError(_("council kind %(kind)r: selection or acceptance") % {"kind": kind})
    check_activity(task, f"form_{kind}_council", user)
    users = get_user_model()
    chosen = [m if hasattr(m, "pk") else users.objects.filter(username__iexact=str(m)).first() for m in members]
    if any(m is None for m in chosen):
        raise TaskError(_("a council member does not exist"))
    chosen = list({m.pk: m for m in chosen}.values())
    if len(chosen) < MIN_COUNCIL:
        raise TaskError(_("a council needs at least %(n)d members") % {"n": MIN_COUNCIL})
    outsiders = [named(m) for m in chosen if ("council_member", None) not in roles_of(m)]
    if outsiders:
        raise TaskError(_("not council members: %(names)s") % {"names": ", ".join(outsiders)})
    barred = conflicts(task, kind)
    interested = [f"{named(m)} ({barred[m.pk]})" for m in chosen if m.pk in barred]
    if interested:
        raise TaskError(_("conflict of interest, cannot sit on the council: %(names)s") % {
            "names": "; ".join(interested)})
    with transaction.atomic():
        council, created = Council.objects.get_or_create(task=task, kind=kind,
                                                         defaults={"formed_by": label_of(user)})
        # members who have not scored yet may be replaced (one who left); those who scored stay, with their marks
        scored = council.members.filter(pk__in=council.reviews.values("member_id")).order_by("username")
        leaving = [named(m) for m in scored if m.pk not in {c.pk for c in chosen}]
        if leaving:
            raise TaskError(_("members who have scored stay on the council: %(names)s") % {
                "names": ", ".join(leaving)})
        before = [] if created else sorted(council.members.values_list("username", flat=True))
        council.members.set(chosen)
        audit(label_of(user), f"task-council-{kind}", task, before={"members": before} if before else None,
              after={"members": [m.get_username() for m in chosen]}, user=user)
    return council


def apply(task: Task, user: Any, *, host: Organisation | str, summary: str, investigator_name: str = "",
          budget_requested: int | None = None, months: int | None = None, document: Any = None) -> Application:
    """Apply to carry out a task whose selection is open (one application per applicant)."""
    check_activity(task, "apply", user)
    if not isinstance(host, Organisation):
        found = Organisation.objects.filter(code__iexact=str(host).strip()).first()
        if found is None:
            raise TaskError(_("organisation %(code)r does not exist") % {"code": host})
        host = found
    if not nfc(summary).strip():
        raise TaskError(_("an application needs a summary of the approach"))
    check_text(Application, summary=nfc(summary).strip(), investigator_name=nfc(investigator_name).strip())
    if budget_requested is not None and budget_requested < 0:
        raise TaskError(_("a budget cannot be negative"))
    if budget_requested is not None:
        check_range("budget_requested", budget_requested, *INT_FIELDS["budget_state"])
    if months is not None:
        check_range("months", months, 1, MAX_CONTRACT_YEARS * 12)
    name = clean_person_name(nfc(investigator_name)) if investigator_name else (
        user.get_full_name() or user.get_username())
    with transaction.atomic():
        if Application.objects.filter(task=task, applicant=user).exists():
            raise TaskError(_("you have applied for this task already"))
        if Council.objects.filter(task=task, kind="selection", members=user).exists():
            raise TaskError(_("you sit on this task's selection council: you may not apply (conflict of interest)"))
        application = Application.objects.create(task=task, applicant=user, host=host, summary=nfc(summary).strip(),
                                                 investigator_name=name, budget_requested=budget_requested,
                                                 months=months)
        if document is not None:
            _store_document(task, user, "application", document, f"{name}: {document.name}")
        audit(label_of(user), "task-apply", task, after={"application": application.pk, "host": host.code,
                                                          "investigator": name}, user=user)
    return application


def score(task: Task, user: Any, kind: str, *, application: Application | int | None = None,
          value: float | None = None, conflict: bool = False, comment: str = "") -> Review:
    """A council member's score (0-100) of an application or of the task, or a declared conflict of interest."""
    if kind not in COUNCIL_SCORING:
        raise TaskError(_("council kind %(kind)r: selection or acceptance") % {"kind": kind})
    check_activity(task, COUNCIL_SCORING[kind], user, council_kind=kind)
    barred = conflicts(task, kind)
    if user.pk in barred:
        raise PermissionDenied(_("you may not score this task: you are %(why)s (conflict of interest)") % {
            "why": barred[user.pk]})
    council = Council.objects.get(task=task, kind=kind)
    if kind == "selection":
        app_id = getattr(application, "pk", application)
        if app_id is None:
            raise TaskError(_("choose the application to score"))
        application = Application.objects.filter(task=task, pk=app_id).first()
        if application is None:
            raise TaskError(_("no application %(id)s for this task") % {"id": app_id})
    else:
        application = None
    if not conflict:
        if value is None:
            raise TaskError(_("give a score or declare a conflict of interest"))
        if not 0 <= float(value) <= scoring.MAX_SCORE:
            raise TaskError(_("a score is between 0 and %(max)d") % {"max": scoring.MAX_SCORE})
    elif value is not None:  # both: which one counts? (the score was kept and ignored)
        raise TaskError(_("give either a score or a declared conflict of interest, not both"))
    check_text(Review, comment=nfc(comment).strip())
    with transaction.atomic():
        review, _created = Review.objects.update_or_create(
            council=council, member=user, application=application,
            defaults={"score": None if conflict else float(value), "conflict": conflict,  # type: ignore[arg-type]
                      "comment": nfc(comment).strip()})
        audit(label_of(user), f"task-score-{kind}", task, after={
            "application": getattr(application, "pk", None), "score": review.score, "conflict": conflict}, user=user)
    return review


def _marks(council: Council | None) -> tuple[list[int], list[scoring.Mark]]:
    """A council's member ids and their marks."""
    if council is None:
        return [], []
    members = list(council.members.values_list("pk", flat=True))
    marks = [scoring.Mark(r.member_id, r.application_id, r.score, r.conflict)
             for r in council.reviews.all() if r.member_id in members]
    return members, marks


def scores_missing(task: Task, kind: str) -> str:
    """Who has not yet scored (or declared a conflict on) what: "" when the council's scores are complete."""
    council = Council.objects.filter(task=task, kind=kind).first()
    if council is None:
        return str(_("no selection council") if kind == "selection" else _("no acceptance council"))
    subjects: list[int | None] = [None]
    if kind == "selection":
        subjects = list(task.applications.order_by("pk").values_list("pk", flat=True))
        if not subjects:
            return str(_("no application"))
    members, marks = _marks(council)
    gaps = scoring.missing(members, marks, subjects)
    if not gaps and scoring.complete(members, marks, subjects):
        return ""
    if not gaps:
        return str(_("every member declared a conflict of interest"))
    names = []
    for member in council.members.filter(pk__in=gaps).order_by("username"):
        name = named(member)
        if ("council_member", None) not in roles_of(member):
            name += " " + str(_("(no longer a council member: replace them)"))
        if kind == "selection":
            name += " " + str(_("(applications %(ids)s)") % {"ids": ", ".join(map(str, gaps[member.pk]))})
        names.append(name)
    return str(_("not yet scored by %(names)s") % {"names": "; ".join(names)})


def ranking(task: Task) -> list[tuple[Application, scoring.Ranked]]:
    """The task's applications, best first, with their mean counted score."""
    applications = {a.pk: a for a in task.applications.select_related("host")}
    _members, marks = _marks(Council.objects.filter(task=task, kind="selection").first())
    return [(applications[r.subject], r) for r in scoring.rank(list(applications), marks)]


def open_seats(user: Any) -> list[str]:
    """The codes of the tasks whose council now scoring (selection open, under evaluation) this user sits on."""
    from django.db.models import Q

    now = Q(kind="selection", task__status="selecting") | Q(kind="acceptance", task__status="evaluating")
    return sorted(set(Council.objects.filter(now, members=user).values_list("task__code", flat=True)))


def ranking_seen(task: Task, user: Any) -> tuple[list[tuple[Application, scoring.Ranked]], bool]:
    """The applications this user may see, and whether with the council's marks (mean, counted, conflicts): all,
    ranked, to the managers and the selection council; to an applicant their own, unmarked."""
    if visibility.may_see_applications(user, task):
        return ranking(task), True
    uid = user.pk if getattr(user, "is_authenticated", False) else None
    if uid is None:
        return [], False
    return [(a, r) for a, r in ranking(task) if a.applicant_id == uid], False


def acceptance_marks(task: Task) -> tuple[list[int], list[scoring.Mark]]:
    """The acceptance council's member ids and marks."""
    return _marks(Council.objects.filter(task=task, kind="acceptance").first())


def reviews_by_member(task: Task, kind: str) -> list[tuple[Any, list[Review]]]:
    """Each member of a council with their reviews (for the confidential score table)."""
    council = Council.objects.filter(task=task, kind=kind).prefetch_related("members").first()
    if council is None:
        return []
    reviews = list(council.reviews.select_related("application"))
    return [(m, [r for r in reviews if r.member_id == m.pk]) for m in council.members.order_by("username")]
