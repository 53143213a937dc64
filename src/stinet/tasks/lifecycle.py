"""The five-step life cycle of an S&T task as one table: states, steps, who may move a task where.

Pure data and pure functions (no Django models, no database): the services apply this table,
the views and the API ask it which actions to offer, and the tests read it as a table.

Steps (Thua Thien Hue system, DESIGN section 3):
  1 task list: proposed -> listed (or rejected)
  2 selection or direct assignment: listed -> selecting -> awarded, or listed -> awarded; contract
  3 implementation: in_progress (progress reports, adjustment requests)
  4 evaluation and acceptance: evaluating -> accepted (or failed)
  5 registration, archiving, publication: registered -> published
A task can be stopped (and reopened) or cancelled; a rejected proposal can be reopened.

Actors are kinds of relation between a user and a task:
  task_manager   a user with the task_manager role (or a network administrator)
  investigator   the task's principal investigator
  proposer       the user who submitted the proposal
  council_member a member of the task's council (selection or acceptance, as the activity says)
  applicant      a user with the investigator or scientist role (may propose and apply)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from stinet.catalog.vocab import interface_lang

# state -> (step, Vietnamese label, English label)
STATES: dict[str, tuple[int, str, str]] = {
    "proposed": (1, "Đề xuất chờ xét duyệt", "Proposed, awaiting review"),
    "rejected": (1, "Đề xuất không được duyệt", "Proposal rejected"),
    "listed": (1, "Trong danh mục nhiệm vụ năm", "In the year's task list"),
    "selecting": (2, "Đang tuyển chọn", "Selection open"),
    "awarded": (2, "Đã chọn tổ chức, chủ nhiệm", "Host and investigator chosen"),
    "in_progress": (3, "Đang thực hiện", "In progress"),
    "evaluating": (4, "Đang đánh giá, nghiệm thu", "Under evaluation"),
    "accepted": (4, "Đã nghiệm thu", "Accepted"),
    "failed": (4, "Nghiệm thu không đạt", "Failed acceptance"),
    "registered": (5, "Đã đăng ký, lưu giữ kết quả", "Result registered and archived"),
    "published": (5, "Đã công bố kết quả", "Result published"),
    "stopped": (0, "Tạm dừng", "Stopped"),  # step: the step it was stopped in
    "cancelled": (0, "Đã hủy", "Cancelled"),  # step: the step it was cancelled in
}
STEPS: dict[int, tuple[str, str]] = {
    1: ("Xây dựng danh mục nhiệm vụ", "Task list"),
    2: ("Tuyển chọn, giao trực tiếp", "Selection or direct assignment"),
    3: ("Triển khai thực hiện", "Implementation"),
    4: ("Đánh giá, nghiệm thu", "Evaluation and acceptance"),
    5: ("Đăng ký, lưu giữ, công bố kết quả", "Registration, archiving and publication"),
}
# Groups of the public task database (tabs of /tasks/).
GROUPS: dict[str, tuple[str, ...]] = {
    "proposed": ("listed", "selecting", "awarded"),
    "ongoing": ("in_progress", "evaluating", "stopped"),
    "completed": ("accepted", "failed", "registered", "published"),
}
LIVE = frozenset({"proposed", "listed", "selecting", "awarded", "in_progress", "evaluating"})
MAX_CONTRACT_YEARS = 10  # a contract longer than this is a typing mistake
REPORT_MONTHS = (1, 24)  # progress reports every 1 to 24 months

MANAGER = frozenset({"task_manager"})
INVESTIGATOR = frozenset({"investigator"})
PROPOSER = frozenset({"proposer"})

# requirement name -> what a refusal calls it (task fields, data given with the action, facts)
REQUIREMENTS: dict[str, str] = {
    "title": _("a title"),
    "objectives": _("objectives"),
    "level": _("a level"),
    "kind": _("a kind"),
    "year": _("a plan year"),
    "reason": _("a reason"),
    "host": _("a host organisation"),
    "investigator_name": _("a principal investigator"),
    "contract_number": _("a contract number"),
    "contract_date": _("a contract date"),
    "contract_not_future": _("a contract date not in the future"),
    "contract_for_plan_year": _("a contract date no earlier than the year before the plan year"),
    "budget_state": _("a budget"),
    "planned_start": _("a start date"),
    "planned_end": _("an end date"),
    "end_after_start": _("an end date after the start date"),
    "start_after_contract": _("a start date not before the contract date"),
    "plausible_duration": _("an end date at most 10 years after the start date"),
    "report_period": _("a progress report every 1 to 24 months"),
    "results": _("the results obtained"),
    "registration_number": _("a registration number"),
    "registration_date": _("a registration date"),
    "registration_number_shape": _("a registration number of letters, digits, spaces and the signs - / . ( ) only"),
    "registration_number_unique": _("a registration number no other task's result has"),
    "registration_after_acceptance": _("a registration date not before the acceptance"),
    "registration_not_future": _("a registration date not in the future"),
    "selection_scored": _("a score or a declared conflict of interest from every selection council member for "
                          "every application"),
    "acceptance_scored": _("a score from every acceptance council member without a conflict of interest"),
    "doc:contract": _("the signed contract (document)"),
    "doc:final_report": _("the final report (document)"),
    "doc:acceptance_minutes": _("the acceptance council minutes (document)"),
}


@dataclass(frozen=True)
class Transition:
    """One action that moves a task from one of `sources` to `target` (the table's row)."""

    action: str
    sources: frozenset[str]
    target: str  # "" when the service decides (accept: accepted or failed; reopen: where it was)
    actors: frozenset[str]
    requires: tuple[str, ...]  # names of REQUIREMENTS: fields, data and facts
    documents: tuple[str, ...]  # document kinds that must be attached first
    label: str  # "approve the proposal into the year's task list"
    who: str  # the refusal for anyone else: "only a task manager may approve a proposal"


def _t(action: str, sources: Iterable[str], target: str, actors: frozenset[str], label: str, who: str,
       requires: tuple[str, ...] = (), documents: tuple[str, ...] = ()) -> Transition:
    """A row of the table."""
    return Transition(action, frozenset(sources), target, actors, requires, documents, label, who)


TRANSITIONS: dict[str, Transition] = {t.action: t for t in (
    _t("approve", ["proposed"], "listed", MANAGER, _("approve the proposal into the year's task list"),
       _("only a task manager may approve a proposal"), ("title", "objectives", "level", "kind", "year")),
    _t("reject", ["proposed"], "rejected", MANAGER, _("reject the proposal"),
       _("only a task manager may reject a proposal"), ("reason",)),
    _t("withdraw", ["proposed"], "cancelled", PROPOSER, _("withdraw the proposal"),
       _("only the proposer may withdraw a proposal")),
    _t("open_selection", ["listed"], "selecting", MANAGER, _("open the selection"),
       _("only a task manager may open a selection")),
    _t("assign", ["listed"], "awarded", MANAGER, _("assign the task directly"),
       _("only a task manager may assign a task"), ("host", "investigator_name")),
    _t("select", ["selecting"], "awarded", MANAGER, _("choose the best-ranked application"),
       _("only a task manager may close a selection"), ("selection_scored",)),
    _t("sign_contract", ["awarded"], "in_progress", MANAGER, _("sign the contract"),
       _("only a task manager may sign a contract"),
       ("host", "investigator_name", "contract_number", "contract_date", "contract_not_future",
        "contract_for_plan_year", "budget_state",
        "planned_start", "planned_end", "end_after_start", "start_after_contract", "plausible_duration",
        "report_period"),
       ("contract",)),
    _t("submit_final", ["in_progress"], "evaluating", INVESTIGATOR, _("submit the final report"),
       _("only the principal investigator may submit the final report"), ("results",), ("final_report",)),
    _t("accept", ["evaluating"], "", MANAGER, _("record the acceptance rating"),
       _("only a task manager may record an acceptance rating"), ("acceptance_scored",),
       ("acceptance_minutes",)),
    _t("register", ["accepted"], "registered", MANAGER, _("register and archive the result"),
       _("only a task manager may register a result"),
       ("registration_number", "registration_number_shape", "registration_number_unique", "registration_date",
        "registration_after_acceptance", "registration_not_future"), ("final_report",)),
    _t("publish", ["registered"], "published", MANAGER, _("publish the result in the union catalogue"),
       _("only a task manager may publish a result"), ("host",)),
    _t("stop", ["selecting", "awarded", "in_progress", "evaluating"], "stopped", MANAGER, _("stop the task"),
       _("only a task manager may stop a task"), ("reason",)),
    _t("cancel", ["proposed", "listed", "selecting", "awarded", "in_progress", "evaluating", "stopped"],
       "cancelled", MANAGER, _("cancel the task"), _("only a task manager may cancel a task"), ("reason",)),
    _t("reopen", ["stopped", "rejected"], "", MANAGER, _("reopen the task"),
       _("only a task manager may reopen a task"), ("reason",)),
)}


@dataclass(frozen=True)
class Activity:
    """Work done on a task without moving it: allowed in some states, by some actors."""

    name: str
    states: frozenset[str]
    actors: frozenset[str]
    who: str
    label: str


ACTIVITIES: dict[str, Activity] = {a.name: a for a in (
    Activity("apply", frozenset({"selecting"}), frozenset({"applicant"}),
             _("only an investigator or a scientist may apply for a task"), _("apply for the task")),
    Activity("form_selection_council", frozenset({"selecting"}), MANAGER,
             _("only a task manager may form a council"), _("form the selection council")),
    Activity("score_application", frozenset({"selecting"}), frozenset({"council_member"}),
             _("only a member of this task's selection council may score its applications"),
             _("score an application")),
    Activity("report_progress", frozenset({"in_progress"}), INVESTIGATOR,
             _("only the principal investigator may report progress"), _("report progress")),
    Activity("request_adjustment", frozenset({"in_progress"}), INVESTIGATOR,
             _("only the principal investigator may request an adjustment"), _("request an adjustment")),
    Activity("decide_adjustment", frozenset({"in_progress"}), MANAGER,
             _("only a task manager may decide on an adjustment"), _("decide on an adjustment")),
    Activity("form_acceptance_council", frozenset({"evaluating"}), MANAGER,
             _("only a task manager may form a council"), _("form the acceptance council")),
    Activity("score_acceptance", frozenset({"evaluating"}), frozenset({"council_member"}),
             _("only a member of this task's acceptance council may score it"), _("score the task")),
    Activity("upload_document", LIVE | {"accepted", "registered", "stopped"},
             MANAGER | INVESTIGATOR | PROPOSER,
             _("only a task manager, the proposer or the principal investigator may attach documents"),
             _("attach a document")),
)}


# documents only a task manager attaches (the council's minutes, the contract, the registration); the PI and
# the proposer attach the rest (proposal, reports, adjustments, other)
MANAGER_DOCUMENTS = frozenset({"selection_minutes", "contract", "acceptance_minutes", "registration"})


def document_refusal(kind: str, actors: Iterable[str]) -> str | None:
    """Why these actors may not attach a document of this kind (None: allowed)."""
    if kind in MANAGER_DOCUMENTS and "task_manager" not in set(actors):
        return str(_("only a task manager may attach council minutes, the contract or the registration "
                     "certificate"))
    return None


def step_of(state: str, previous: str = "") -> int:
    """The step (1-5) of a state; stopped and cancelled tasks keep the step they were in."""
    step = STATES[state][0]
    if step == 0:
        return STATES[previous][0] if previous in STATES and STATES[previous][0] else 1
    return step


def state_label(state: str, lang: str | None = None) -> str:
    """The label of a state in Vietnamese or English (default: the active language)."""
    _step, vi, en = STATES.get(state, (0, state, state))
    return en if (lang or interface_lang()) == "en" else vi


def refusal(transition: Transition, state: str, actors: Iterable[str],
            present: Mapping[str, bool], details: Mapping[str, str] | None = None) -> str | None:
    """Why `actors` may not take this transition from `state` (None: allowed).

    `present` says which requirements (fields, data, facts, "doc:<kind>") are met; the
    reasons are checked in order: who, then the state, then what is missing. `details` adds to
    a missing requirement's name (who has not scored yet).
    """
    if not transition.actors & set(actors):
        return str(transition.who)
    if state not in transition.sources:
        allowed = ", ".join(sorted(state_label(s) for s in transition.sources))
        return str(_("cannot %(action)s: the task is %(state)s (allowed when: %(allowed)s)") % {
            "action": transition.label, "state": state_label(state).lower(), "allowed": allowed.lower()})
    missing = [r for r in (*transition.requires, *(f"doc:{d}" for d in transition.documents))
               if not present.get(r, False)]
    if missing:
        return str(_("cannot %(action)s: it needs %(missing)s") % {
            "action": transition.label, "missing": ", ".join(
                f"{REQUIREMENTS[m]} ({details[m]})" if details and details.get(m) else str(REQUIREMENTS[m])
                for m in missing)})
    return None


def activity_refusal(activity: Activity, state: str, actors: Iterable[str]) -> str | None:
    """Why `actors` may not do this activity on a task in `state` (None: allowed)."""
    if not activity.actors & set(actors):
        return str(activity.who)
    if state not in activity.states:
        return str(_("cannot %(action)s: the task is %(state)s") % {
            "action": activity.label, "state": state_label(state).lower()})
    return None


def target_of(transition: Transition, state: str, previous: str, rating: str = "") -> str:
    """Where the transition leads: its target, or the decided one (accept, reopen)."""
    if transition.action == "accept":
        return "failed" if rating == "fail" else "accepted"
    if transition.action == "reopen":
        return "proposed" if state == "rejected" else (previous or "in_progress")
    return transition.target


def offered(state: str, actors: Iterable[str]) -> list[Transition]:
    """The transitions these actors may take from this state (requirements aside), in table order."""
    kinds = set(actors)
    return [t for t in TRANSITIONS.values() if state in t.sources and t.actors & kinds]
