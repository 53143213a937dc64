"""Changing tasks: proposals, the life-cycle transitions of `lifecycle.TRANSITIONS`, documents.

Every function takes the acting user, refuses with a one-line reason (PermissionDenied for
the wrong person, TaskError for the wrong state or missing data) and audits what it changed.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import PurePath
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from stinet.accounts.permissions import is_admin, roles_of
from stinet.catalog.limits import column_limit, too_long
from stinet.catalog.models import FieldOfScience, Organisation
from stinet.catalog.services import audit
from stinet.tasks import lifecycle
from stinet.tasks.deadlines import add_months
from stinet.tasks.documents import content_refusal
from stinet.tasks.models import DOCUMENT_KINDS, KIND_PREFIX, KINDS, LEVELS, Task, TaskDocument, TaskMember
from stinet.tasks.search import folded_code, refresh
from stinet.vietnamese import clean_person_name, clean_spaces, nfc

PROPOSER_ROLES = frozenset({"investigator", "scientist", "member_editor", "task_manager", "network_admin"})
APPLICANT_ROLES = frozenset({"investigator", "scientist"})
DOCUMENT_EXTENSIONS = frozenset({".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".xls", ".xlsx", ".csv", ".ods"})
MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
MAX_KEYWORDS_CHARS = 2000
# what each action may be given (besides "documents": {kind: file})
ACTION_DATA: dict[str, tuple[str, ...]] = {
    "assign": ("host", "investigator", "investigator_name"),
    "select": ("application",),
    "sign_contract": ("contract_number", "contract_date", "budget_state", "budget_other", "planned_start",
                      "planned_end", "report_every_months"),
    "submit_final": ("results",),
    "register": ("registration_number", "registration_date"),
    "reject": ("reason",), "stop": ("reason",), "cancel": ("reason",), "reopen": ("reason",),
    "withdraw": ("reason",),
}
DATE_FIELDS = frozenset({"contract_date", "planned_start", "planned_end", "registration_date"})
# whole numbers and the range they may take (what the database column holds)
INT_FIELDS: dict[str, tuple[int, int]] = {"budget_state": (0, 10**15), "budget_other": (0, 10**15),
                                          "report_every_months": (0, 32767), "application": (1, 2**53)}


class TaskError(ValueError):
    """A refused task change, with a one-line reason."""


def label_of(user: Any) -> str:
    """The audit label of the acting user."""
    return user.get_username() if getattr(user, "is_authenticated", False) else "anonymous"


def actors(task: Task, user: Any) -> set[str]:
    """How this user stands to this task (lifecycle actor kinds; council membership aside)."""
    roles = {role for role, _org in roles_of(user)}
    kinds: set[str] = set()
    if is_admin(user) or "task_manager" in roles:
        kinds.add("task_manager")
    if roles and task.investigator_id == user.pk:
        kinds.add("investigator")
    if roles and task.proposer_id is not None and task.proposer_id == user.pk:
        kinds.add("proposer")
    if roles & APPLICANT_ROLES:
        kinds.add("applicant")
    return kinds


def snapshot(task: Task) -> dict[str, Any]:
    """The audited values of a task (JSON-safe)."""
    names = ("code", "title", "status", "step", "level", "kind", "field_code", "year", "investigator_name",
             "budget_state", "budget_other", "planned_start", "planned_end", "actual_start", "actual_end",
             "contract_number", "contract_date", "rating", "registration_number", "registration_date", "closed_reason",
             "result_work_id", "host_id")
    out: dict[str, Any] = {}
    for name in names:
        value = getattr(task, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def save_task(task: Task) -> None:
    """Save with its search columns refreshed."""
    host = task.host.name_vi if task.host_id else ""
    names = list(task.members.values_list("name", flat=True)) if task.pk else []
    refresh(task, host, names)
    task.save()


def _next_code(kind: str, year: int) -> str:
    """The next free code of a kind and year: ĐT-2026-001."""
    prefix = f"{KIND_PREFIX.get(kind, 'NV')}-{year}-"
    taken = set(Task.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    n = len(taken) + 1
    while f"{prefix}{n:03d}" in taken:
        n += 1
    return f"{prefix}{n:03d}"


def _check_values(level: str, kind: str, year: int, field_code: str) -> None:
    """Refuse unknown levels, kinds, fields of science and implausible years."""
    if level not in LEVELS:
        raise TaskError(_("level %(v)r: one of %(all)s") % {"v": level, "all": ", ".join(LEVELS)})
    if kind not in KINDS:
        raise TaskError(_("kind %(v)r: one of %(all)s") % {"v": kind, "all": ", ".join(KINDS)})
    if not 1990 <= int(year) <= 2100:
        raise TaskError(_("year %(v)s: not a plan year") % {"v": year})
    if field_code and not FieldOfScience.objects.filter(code=field_code).exists():
        raise TaskError(_("field of science %(v)r: not a code of the classification") % {"v": field_code})


def propose(user: Any, *, title: str, objectives: str, year: int, level: str = "provincial",
            kind: str = "research", field_code: str = "", title_en: str = "", expected_results: str = "",
            proposer_name: str = "", keywords: list[str] | None = None, code: str = "",
            investigator_name: str = "") -> Task:
    """Submit a proposal (step 1): organisations and individuals propose, managers review."""
    if not {role for role, _org in roles_of(user)} & PROPOSER_ROLES and not is_admin(user):
        raise PermissionDenied(_("only investigators, scientists, editors and managers may propose a task"))
    title, objectives = clean_spaces(nfc(title)), nfc(objectives).strip()
    if not title:
        raise TaskError(_("a proposal needs a title"))
    check_text(Task, title=title, title_en=nfc(title_en).strip(), objectives=objectives,
               expected_results=nfc(expected_results).strip(), proposer_name=nfc(proposer_name).strip(),
               investigator_name=nfc(investigator_name).strip(), code=nfc(code).strip())
    if refusal := too_long("keywords", "".join(keywords or []), MAX_KEYWORDS_CHARS):
        raise TaskError(refusal)
    _check_values(level, kind, year, field_code.strip())
    with transaction.atomic():
        mine = Task.objects.filter(proposer=user, year=int(year), status__in=lifecycle.LIVE).order_by("pk")
        # the title compared in Python: SQLite's iexact folds the case of ASCII letters only ("NGHIÊN CỨU")
        same = next((c for c, t in mine.values_list("code", "title") if clean_spaces(t).casefold() == title.casefold()),
                    None)
        if same:  # a form sent twice (the browser's "resend"), not a second task
            raise TaskError(_("you have proposed this task already: %(code)s") % {"code": same})
        code = nfc(code).strip() or _next_code(kind, int(year))
        if Task.objects.filter(code__iexact=code).exists():
            raise TaskError(_("task %(code)s exists already") % {"code": code})
        full_name = user.get_full_name() or user.get_username()
        task = Task(code=code, title=title, title_en=nfc(title_en).strip(), objectives=objectives, level=level,
                    kind=kind, field_code=field_code.strip(), year=int(year), proposer=user,
                    proposer_name=nfc(proposer_name).strip() or full_name,
                    expected_results=nfc(expected_results).strip(),
                    keywords=[nfc(k).strip() for k in keywords or [] if k.strip()],
                    investigator_name=clean_person_name(nfc(investigator_name)) if investigator_name else "")
        save_task(task)
        audit(label_of(user), "task-propose", task, after=snapshot(task), user=user)
    return task


def find(code_or_id: str | int) -> Task:
    """A task by id or code: as written (any case) first, else typed without diacritics; or TaskError.

    The kinds' prefixes DA and ĐA fold alike: da-2026-001 is DA-2026-001, đa-2026-001 is ĐA-2026-001,
    and a code that folds to both is refused naming them.
    """
    text = nfc(str(code_or_id)).strip()
    task = Task.objects.filter(code__iexact=text).first()  # SQLite folds the case of ASCII letters only
    if task is None and text.isdigit():
        task = Task.objects.filter(pk=int(text)).first()
    if task is not None:
        return task
    codes = list(Task.objects.values_list("pk", "code"))
    matches = [(pk, code) for pk, code in codes if nfc(code).casefold() == text.casefold()] or \
        [(pk, code) for pk, code in codes if folded_code(code) == folded_code(text)]
    if not matches:
        raise TaskError(_("no task %(code)s") % {"code": text})
    if len(matches) > 1:
        raise TaskError(_("%(code)s matches several tasks (%(codes)s): type the code with its diacritics") % {
            "code": text, "codes": ", ".join(sorted(code for _pk, code in matches))})
    return Task.objects.get(pk=matches[0][0])


def _coerce(name: str, value: Any) -> Any:
    """A value given to an action, as the model wants it (API and CLI give strings, the API JSON values)."""
    if value in (None, ""):
        return None if name in DATE_FIELDS or name in INT_FIELDS else ""
    if name in DATE_FIELDS:
        return _as_date(name, value)
    if name in INT_FIELDS:
        return _as_int(name, value)
    if name == "host" and isinstance(value, Organisation) or name == "investigator" and hasattr(value, "pk"):
        return value
    if not isinstance(value, str):
        raise TaskError(_("%(field)s: text expected, not %(value)r") % {"field": name, "value": value})
    value = nfc(value).strip()
    if name == "host":
        org = Organisation.objects.filter(code__iexact=value).first()
        if org is None:
            raise TaskError(_("organisation %(code)r does not exist") % {"code": value})
        return org
    if name == "investigator":
        user = get_user_model().objects.filter(username__iexact=value).first()
        if user is None:
            raise TaskError(_("user %(name)r does not exist") % {"name": value})
        return user
    column = "closed_reason" if name == "reason" else name  # where an action's reason is kept
    if refusal := too_long(name, value, column_limit(Task, column)):
        raise TaskError(refusal)
    return value


def _as_date(name: str, value: Any) -> dt.date:
    """A date from a date or YYYY-MM-DD text."""
    if isinstance(value, dt.date):
        return value
    try:
        if not isinstance(value, str):
            raise ValueError
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise TaskError(_("%(field)s: %(value)r is not %(kind)s") % {
            "field": name, "value": value, "kind": _("a date (YYYY-MM-DD)")}) from None


def _as_int(name: str, value: Any) -> int:
    """A whole number (from a number or digits) within the field's range."""
    try:
        if isinstance(value, bool) or not isinstance(value, int | str) and not \
                (isinstance(value, float) and value.is_integer()):
            raise ValueError
        number = int(value.strip() if isinstance(value, str) else value)
    except ValueError:
        raise TaskError(_("%(field)s: %(value)r is not %(kind)s") % {
            "field": name, "value": value, "kind": _("a whole number")}) from None
    check_range(name, number, *INT_FIELDS[name])
    return number


def check_range(field: str, number: int, low: int, high: int) -> None:
    """Refuse (TaskError) a number outside what its field takes (a 30-digit budget overflowed the column)."""
    if not low <= number <= high:
        raise TaskError(_("%(field)s: between %(low)s and %(high)s") % {"field": field, "low": low, "high": high})


def _given(action: str, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The action's values (checked names, coerced) and its documents {kind: file}."""
    documents = data.pop("documents", None) or {}
    if not isinstance(documents, dict) or not all(hasattr(f, "read") for f in documents.values() if f):
        raise TaskError(_("documents: attach the files first (the task's documents), then take the action"))
    unknown = set(data) - set(ACTION_DATA.get(action, ()))
    if unknown:
        names = ", ".join(sorted(unknown))
        raise TaskError(_("%(action)s does not take %(names)s") % {"action": action, "names": names})
    for kind in documents:
        _check_kind(kind)
    return {k: _coerce(k, v) for k, v in data.items()}, {k: f for k, f in documents.items() if f}


def _facts(task: Task, values: dict[str, Any], documents: dict[str, Any],
           details: dict[str, str] | None = None) -> dict[str, bool]:
    """Which requirements of the table are met by the task with the given values and documents.

    `details` receives, for a council's scores that are not complete, who has not scored what.
    """
    from stinet.tasks.councils import scores_missing

    facts = {name: bool(getattr(task, name, None)) for name in lifecycle.REQUIREMENTS if hasattr(Task, name)}
    facts["reason"] = bool(values.get("reason"))
    facts.update(_contract_facts(task))
    facts.update(_registration_facts(task, details))
    for status, kind in (("selecting", "selection"), ("evaluating", "acceptance")):
        if task.status == status:
            gaps = scores_missing(task, kind)
            facts[f"{kind}_scored"] = not gaps
            if details is not None:
                details[f"{kind}_scored"] = gaps
    attached = set(task.documents.values_list("kind", flat=True)) | set(documents)
    facts.update({f"doc:{kind}": True for kind in attached})
    return facts


def _contract_facts(task: Task) -> dict[str, bool]:
    """The contract's dates and report period are sane (what the contract form checks, for every caller)."""
    start, end, signed = task.planned_start, task.planned_end, task.contract_date
    low, high = lifecycle.REPORT_MONTHS
    return {
        "end_after_start": bool(start and end and end > start),
        # a missing date is named by its own requirement
        "start_after_contract": not (start and signed) or start >= signed,
        "plausible_duration": not (start and end) or end <= add_months(start, 12 * lifecycle.MAX_CONTRACT_YEARS),
        "report_period": low <= (task.report_every_months or 0) <= high,
        "contract_not_future": not signed or signed <= timezone.localdate(),
        # a task of the 2027 list is contracted in 2027, or late in 2026; "1900-01-01" is a typing mistake
        "contract_for_plan_year": not (signed and task.year) or signed.year >= task.year - 1,
    }


def _registration_facts(task: Task, details: dict[str, str] | None) -> dict[str, bool]:
    """The registration comes after the acceptance and is not dated in the future."""
    day = task.registration_date
    accepted = timezone.localdate(task.accepted_at) if task.accepted_at else None
    if details is not None and accepted:
        details["registration_after_acceptance"] = accepted.isoformat()
    number = task.registration_number
    return {
        # a missing date is named by its own requirement
        "registration_after_acceptance": not (day and accepted) or day >= accepted,
        "registration_not_future": not day or day <= timezone.localdate(),
        # "ĐT-2016-30218-ĐT", "2025-31004/ĐKKQ-HP": a number, not any text (it becomes the result's call number)
        "registration_number_shape": not number or bool(REGISTRATION_NUMBER.fullmatch(number)),
        "registration_number_unique": not number or not _registered_as(number, task),
    }


REGISTRATION_NUMBER = re.compile(r"[^\W_](?:[^\W_]|[ ./()-])*")  # letters and digits, not "_"


def _registered_as(number: str, task: Task) -> bool:
    """Whether another task's result has this registration number, in any case and spacing: "đkkq" is "ĐKKQ"
    (SQLite's `iexact` folds ASCII letters only), "ĐT  2016" is "ĐT 2016" (numbers stored before spaces were
    collapsed)."""
    key = " ".join(number.split()).casefold()
    others = Task.objects.exclude(registration_number="").exclude(pk=task.pk)
    return any(" ".join(n.split()).casefold() == key for n in others.values_list("registration_number", flat=True))


# decisions on a task that its own proposer or principal investigator may not take, manager or not (as they
# may not sit on its councils): approving or rejecting the proposal, choosing the application, the rating
OWN_TASK_DECISIONS = frozenset({"approve", "reject", "select", "accept"})


def decides_own_task(task: Task, action: str, user: Any) -> bool:
    """True when the action is a decision on a task this user proposed or leads (OWN_TASK_DECISIONS)."""
    return action in OWN_TASK_DECISIONS and getattr(user, "pk", None) in (task.proposer_id, task.investigator_id)


def check_actor(task: Task, action: str, user: Any) -> None:
    """Refuse (PermissionDenied, the table's reason) a user who may never take this action on this task, and
    a manager deciding on a task they proposed or lead (conflict of interest: another manager decides)."""
    rule = lifecycle.TRANSITIONS.get(action)
    if rule is not None and not rule.actors & actors(task, user):
        raise PermissionDenied(str(rule.who))
    if decides_own_task(task, action, user):
        raise PermissionDenied(_("you proposed or lead this task: another task manager decides (conflict of "
                                 "interest)"))


def transition(task: Task, action: str, user: Any, /, **data: Any) -> Task:
    """Move a task by one action of the life-cycle table, or refuse with the table's reason."""
    rule = lifecycle.TRANSITIONS.get(action)
    if rule is None:
        raise TaskError(_("unknown action %(action)r: one of %(all)s") % {
            "action": action, "all": ", ".join(lifecycle.TRANSITIONS)})
    values, documents = _given(action, dict(data))
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        check_actor(task, action, user)
        kinds = actors(task, user)
        _check_author(task, user, list(documents))
        before = snapshot(task)
        status_was = task.status
        _apply_values(task, action, values)
        details: dict[str, str] = {}
        reason = lifecycle.refusal(rule, status_was, kinds, _facts(task, values, documents, details), details)
        if reason:
            raise TaskError(reason)
        for kind, upload in documents.items():
            _store_document(task, user, kind, upload)
        from stinet.tasks.effects import apply_effects

        rating = apply_effects(task, action, user, values)
        target = lifecycle.target_of(rule, status_was, task.status_before, rating)
        if action in ("stop", "cancel") and status_was != "stopped":  # a stopped task cancelled: where it stopped
            task.status_before = status_was
        elif action == "reopen":
            task.status_before = ""
        task.status = target
        task.step = lifecycle.step_of(target, task.status_before or status_was)
        save_task(task)
        audit(label_of(user), f"task-{action}", task, before=before, after=snapshot(task), user=user)
    if action == "publish":
        from stinet.tasks.publication import index_result

        index_result(task)
    return task


def _apply_values(task: Task, action: str, values: dict[str, Any]) -> None:
    """Put the given values on the task (before the requirements are checked)."""
    for name, value in values.items():
        if name in ("reason", "application"):
            continue
        if name == "investigator":
            task.investigator = value
            if value is not None and not values.get("investigator_name"):
                task.investigator_name = value.get_full_name() or value.get_username()
            continue
        if name == "investigator_name" and value:
            value = clean_person_name(value)
        if name == "registration_number" and value:
            value = clean_spaces(nfc(value))  # it becomes the published work's call number
        setattr(task, name, value)
    if action in ("reject", "stop", "cancel", "withdraw") and values.get("reason"):
        task.closed_reason = values["reason"]


def add_member(task: Task, name: str, role: str = "member", user: Any = None) -> TaskMember:
    """A person on the task's team (the PI is added when a task is assigned or selected)."""
    member, _created = TaskMember.objects.get_or_create(task=task, name=clean_person_name(nfc(name)), role=role,
                                                        defaults={"user": user})
    return member


def attach_document(task: Task, user: Any, kind: str, upload: Any, title: str = "") -> TaskDocument:
    """Attach a file to the task's dossier (managers, the proposer and the PI, while the task is open)."""
    from stinet.tasks.councils import check_activity

    check_activity(task, "upload_document", user)
    _check_kind(kind)
    _check_author(task, user, [kind])
    with transaction.atomic():
        document = _store_document(task, user, kind, upload, title)
    return document


def _check_author(task: Task, user: Any, kinds: list[str]) -> None:
    """Refuse (PermissionDenied) documents this user may not attach: minutes, contracts, registrations."""
    for kind in kinds:
        reason = lifecycle.document_refusal(kind, actors(task, user))
        if reason:
            raise PermissionDenied(reason)


def _check_kind(kind: str) -> None:
    """Refuse an unknown document kind."""
    if kind not in DOCUMENT_KINDS:
        raise TaskError(_("document kind %(kind)r: one of %(all)s") % {"kind": kind, "all": ", ".join(DOCUMENT_KINDS)})


def check_text(model: type, **values: Any) -> None:
    """Refuse (TaskError) a text longer than its model field allows (the max_length of its column or, on
    long texts, of what forms accept: PostgreSQL refused a 5,000-character name with a 500)."""
    for name, value in values.items():
        if refusal := too_long(name, value, column_limit(model, name)):
            raise TaskError(refusal)


def _store_document(task: Task, user: Any, kind: str, upload: Any, title: str = "") -> TaskDocument:
    """Check and save one uploaded file under MEDIA_ROOT/tasks/<id>/, audited."""
    name = PurePath(getattr(upload, "name", "") or "document").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in DOCUMENT_EXTENSIONS:
        kinds = ", ".join(sorted(DOCUMENT_EXTENSIONS))
        raise TaskError(_("%(name)s: attach a %(kinds)s file") % {"name": name, "kinds": kinds})
    size = getattr(upload, "size", 0) or 0
    if size > MAX_DOCUMENT_BYTES:
        raise TaskError(_("%(name)s: larger than %(mb)d MB") % {"name": name, "mb": MAX_DOCUMENT_BYTES // 2**20})
    if size == 0:
        raise TaskError(_("%(name)s: the file is empty") % {"name": name})
    if refusal := content_refusal(name, suffix, upload):
        raise TaskError(refusal)
    check_text(TaskDocument, title=nfc(title).strip() or nfc(name))
    document = TaskDocument(task=task, kind=kind, title=nfc(title).strip() or nfc(name), size=size,
                            uploaded_by=user if getattr(user, "is_authenticated", False) else None)
    document.file.save(f"{uuid.uuid4().hex[:8]}-{get_valid_filename(name)}", upload, save=False)
    document.save()
    audit(label_of(user), "task-document", task, after={"kind": kind, "file": document.file.name, "size": size},
          user=user if getattr(user, "is_authenticated", False) else None)
    return document


def now() -> dt.datetime:
    """The current time (one place, for tests)."""
    return timezone.now()


def today() -> dt.date:
    """Today in the site's time zone (Vietnam's): a report filed at 06:00 there is of that day, not of the day
    before, as UTC has it."""
    return timezone.localdate(now())
