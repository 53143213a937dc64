"""An expert's S&T tasks, computed by query rather than stored (the tasks app may load after us).

Relies only on the task contract: `stinet.tasks.models.Task` (`code`, `title`, `title_en`,
`objectives`, `investigator`, `investigator_name`, `status`, `year`, `Task.objects.public()`) and
`TaskMember(task, user, name, role)` with related_name `members`. The tasks app is imported
inside the functions, and everything answers "no tasks" while it has no such models.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from stinet.search.query import Clause, parse
from stinet.vietnamese import equivalence_tokens, fold, name_key, nfc, search_fold, search_tokens

TASK_FIELDS = ("id", "code", "title", "title_en", "year", "status", "investigator_id", "investigator_name")


def task_models() -> tuple[Any, Any] | None:
    """(Task, TaskMember) of the tasks app, or None while it does not provide them."""
    try:
        from stinet.tasks.models import Task, TaskMember
    except ImportError:
        return None
    return Task, TaskMember


def task_url(task_id: int) -> str:
    """The public page of a task, '' when the tasks app has none."""
    for name in ("tasks:detail", "tasks:task"):
        try:
            return reverse(name, args=[task_id])
        except NoReverseMatch:
            continue
    return ""


def _name_filter(field: str, names: Iterable[str]) -> Q:
    """Rows whose name field may hold one of the names: contains the given name as typed, upper or folded.

    A cheap pre-filter (the database cannot fold diacritics); `names_match` decides after it.
    """
    condition = Q(pk__in=[])
    for name in names:
        words = nfc(name).split()
        if words:
            given = words[-1]
            for form in {given, given.upper(), fold(given)}:
                condition |= Q(**{f"{field}__icontains": form})
    return condition


def tasks_of(expert: Any) -> list[dict[str, Any]]:
    """Public tasks the expert leads or works on: by user account or by name, newest first."""
    models = task_models()
    if models is None:
        return []
    task_model, member_model = models
    keys = {name_key(n) for n in expert.names()} - {""}
    public = task_model.objects.public()
    roles: dict[int, str] = {}
    by_user = Q(investigator_id=expert.user_id) if expert.user_id else Q(pk__in=[])
    for row in public.filter(by_user | _name_filter("investigator_name", expert.names())).values(
            "id", "investigator_id", "investigator_name"):
        if (expert.user_id and row["investigator_id"] == expert.user_id) or \
                name_key(row["investigator_name"] or "") in keys:
            roles[row["id"]] = "investigator"
    member_user = Q(user_id=expert.user_id) if expert.user_id else Q(pk__in=[])
    members = member_model.objects.filter(task__in=public).filter(member_user | _name_filter("name", expert.names()))
    for row in members.values("task_id", "user_id", "name", "role"):
        if (expert.user_id and row["user_id"] == expert.user_id) or name_key(row["name"] or "") in keys:
            roles.setdefault(row["task_id"], row["role"] or "member")
    rows = task_model.objects.filter(pk__in=roles).values(*TASK_FIELDS).order_by("-year", "code")
    return [{**{k: row[k] for k in ("id", "code", "title", "title_en", "year", "status")},
             "role": roles[row["id"]], "url": task_url(row["id"])} for row in rows]


def _holds(words: list[str], clause: Clause) -> bool:
    """True when the words hold the clause's words (side by side for a phrase), or one of its items
    (biển OR đảo; a quoted phrase with an abbreviation in any of its forms)."""
    if clause.any_of:
        return any(_holds(words, item) for item in clause.any_of)
    wanted, phrase = clause.words, clause.phrase
    if not phrase:
        return set(wanted) <= set(words)
    n = len(wanted)
    return any(words[i:i + n] == wanted for i in range(len(words) - n + 1))


def _matches(text: str, wanted: list[Clause], unwanted: list[Clause], equivalents: list[str]) -> bool:
    """True when the text has every wanted clause, no unwanted clause, and every equivalent form (the
    text's words in the search spelling of i/y, as the query's: "kĩ thuật" = "kỹ thuật")."""
    words = search_tokens(text)
    if equivalents and not set(equivalents) <= set(equivalence_tokens(search_fold(text), folded=True)):
        return False
    return all(_holds(words, c) for c in wanted) and not any(_holds(words, c) for c in unwanted)


def relevant_tasks(query: str) -> list[dict[str, Any]]:
    """Public tasks whose title or objectives hold the query's words (diacritics optional; "phrases" side by side)."""
    models = task_models()
    parsed = parse(query)
    if models is None or parsed.is_empty:
        return []
    task_model, _member = models
    wanted = [c for c in parsed.clauses if not c.negate]
    unwanted = [c for c in parsed.clauses if c.negate]
    found = []
    rows = task_model.objects.public().values(*TASK_FIELDS, "objectives")
    for row in rows.iterator(chunk_size=2000):
        text = " . ".join(row[k] or "" for k in ("title", "title_en", "objectives"))
        if _matches(text, wanted, unwanted, parsed.equivalences):
            found.append(row)
    return found


def experts_of_tasks(tasks: list[dict[str, Any]]) -> dict[int, list[int]]:
    """Expert id -> ids of the given tasks they lead or work on (by user account or by name)."""
    models = task_models()
    if models is None or not tasks:
        return {}
    from stinet.people.models import Expert

    _task, member_model = models
    people: list[tuple[int, int | None, str]] = [(t["id"], t["investigator_id"], t["investigator_name"] or "")
                                                  for t in tasks]
    people += list(member_model.objects.filter(task_id__in=[t["id"] for t in tasks])
                   .values_list("task_id", "user_id", "name"))
    users = {u for _t, u, _n in people if u}
    keys = {name_key(n) for _t, _u, n in people} - {""}
    experts = Expert.objects.public().filter(Q(user_id__in=users) | Q(name_key__in=keys))
    by_user = {e.user_id: e.pk for e in experts if e.user_id}
    by_key: dict[str, list[int]] = defaultdict(list)
    for e in experts:
        by_key[e.name_key].append(e.pk)
    found: dict[int, set[int]] = defaultdict(set)
    for task_id, user_id, name in people:
        for expert_id in ([by_user[user_id]] if user_id in by_user else by_key.get(name_key(name), [])):
            found[expert_id].add(task_id)
    return {e: sorted(ids) for e, ids in found.items()}
