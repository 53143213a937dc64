"""Finding tasks: the catalogue's query language and Vietnamese folding over a task's own text.

Each task keeps space-padded token strings (kept up to date by `refresh`): folded tokens of
its title, of its people, of everything, and exact tokens (with diacritics). A query word
matches a whole folded token, so "da dang sinh hoc" finds "đa dạng sinh học" and "Đ" = "d";
tasks whose exact tokens contain the query's diacritics rank first.
"""

from __future__ import annotations

import re

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from stinet.search.query import Clause, SearchError, parse, require_words
from stinet.vietnamese import canonical_spelling, equivalence_tokens, exact_tokens, fold, search_tokens

FIELD_COLUMN = {"title": "search_title", "author": "search_people", None: "search_all",
                "subject": "search_all", "abstract": "search_all"}
MAX_EXACT_TERMS = 12  # ranking terms per query (keeps the SQL small)


def _padded(words: list[str]) -> str:
    """Tokens joined with spaces, with a space at each end (whole-token matching by LIKE)."""
    return f" {' '.join(words)} " if words else ""


def refresh(task: object, host_name: str = "", member_names: list[str] | None = None) -> None:
    """Fill a task's search columns from its values (call before saving)."""
    people = [getattr(task, "investigator_name", ""), *(member_names or [])]
    texts = [task.code, task.title, task.title_en, task.objectives, task.expected_results, task.results,
             " ".join(task.keywords or []), host_name, task.proposer_name, *people]
    folded = search_tokens(" ".join(t for t in texts if t))  # in the search spelling of i/y, as queries are
    task.search_title = _padded(search_tokens(f"{task.title} {task.title_en} {task.code}"))
    task.search_people = _padded(search_tokens(" ".join(p for p in people if p)))
    equivalences = equivalence_tokens(" ".join(folded), folded=True)
    task.search_all = _padded(folded + equivalences)
    task.search_exact = _padded([canonical_spelling(t) for t in exact_tokens(" ".join(t for t in texts if t))])


def _condition(clause: Clause) -> Q:
    """Rows matching one clause: every word as a whole token (a phrase: the words in a row); any of
    its items (biển OR sông)."""
    if clause.any_of:
        either = Q()
        for item in clause.any_of:
            either |= _condition(item)
        return either
    column = FIELD_COLUMN.get(clause.field, "search_all")
    if clause.phrase:
        return Q(**{f"{column}__contains": _padded(clause.words)})
    condition = Q()
    for word in clause.words:
        condition &= Q(**{f"{column}__contains": f" {word} "})
    if clause.initials_required:  # "Nguyen, V.A.": the names that fit it (an initial: any word it starts)
        fit = " ".join(re.escape(w) + ("[^ ]*" if len(w) == 1 else "") for w in clause.initialled_as)
        condition &= Q(search_people__regex=f" {fit} ")
    return condition


def _rank(clauses: list[Clause]) -> Case | Value:
    """Points for exact-diacritics matches: the whole exact phrase, then each exact word."""
    exact = [e for c in clauses if not c.negate for e in c.exact][:MAX_EXACT_TERMS]
    if not exact:
        return Value(0)
    whens = [When(search_exact__contains=_padded(exact), then=Value(100))] if len(exact) > 1 else []
    total = Case(*whens, default=Value(0), output_field=IntegerField())
    for word in exact:
        total = total + Case(When(search_exact__contains=f" {word} ", then=Value(10)), default=Value(0),
                             output_field=IntegerField())
    return total


TASK_FILTERS = ("org", "field")  # of the catalogue's filters, those a task has (year: too)


def search(rows: QuerySet, q: str) -> QuerySet:
    """Tasks matching the query, best first (exact diacritics first, then newest year, then code); a
    filter tasks do not have (type:, language:, access:) is refused, not ignored (SearchError)."""
    query = parse(q or "")
    require_words(query)
    if other := [name for name, values in query.filters.items() if values and name not in TASK_FILTERS]:
        raise SearchError(_("%(name)s: tasks cannot be filtered by it (only by %(known)s)")
                          % {"name": other[0], "known": "org:, field:, year:"})
    for clause in query.clauses:
        rows = rows.exclude(_condition(clause)) if clause.negate else rows.filter(_condition(clause))
    for token in query.equivalences:
        rows = rows.filter(search_all__contains=f" {token} ")
    if query.year_from is not None:
        rows = rows.filter(year__gte=query.year_from)
    if query.year_to is not None:
        rows = rows.filter(year__lte=query.year_to)
    if query.filters.get("org"):
        rows = rows.filter(host__code__in=query.filters["org"])
    if query.filters.get("field"):
        fields = Q()
        for code in query.filters["field"]:
            fields |= Q(field_code__startswith=code)
        rows = rows.filter(fields)
    if query.is_empty:
        return rows
    return rows.annotate(rank=Coalesce(_rank(query.clauses), Value(0))).order_by("-rank", "-year", "code")


def folded_code(code: str) -> str:
    """A task code folded for look-ups typed without diacritics (ĐT-2026-001 = dt-2026-001)."""
    return fold(code.strip())
