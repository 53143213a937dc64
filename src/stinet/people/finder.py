"""The expert finder: "who works on X", ranked by their confirmed works and tasks relevant to X.

The catalogue's Vietnamese search finds the relevant works (diacritics optional, equivalences,
the query language; plain words side by side first); each expert scores by the confirmed ones
among them, weighted by their rank, plus their tasks whose title or objectives hold the query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stinet.people.models import Expert, ExpertWork
from stinet.search.base import MAX_PAGE_SIZE, SearchRequest
from stinet.search.query import Clause, parse

FINDER_WORKS = 500  # the most relevant works looked at
TASK_WEIGHT = 1.0  # a relevant task counts as much as the most relevant work
SAMPLE = 3  # relevant works shown with each hit


@dataclass
class Hit:
    """One expert found, with what explains the rank."""

    expert: Expert
    score: float
    work_ids: list[int] = field(default_factory=list)  # relevant confirmed works, best first
    task_ids: list[int] = field(default_factory=list)
    works: list[dict[str, Any]] = field(default_factory=list)  # a few of them: id, title, year
    tasks: list[dict[str, Any]] = field(default_factory=list)  # a few tasks: id, code, title, url

    def explanation(self, query: str) -> str:
        """'3 works, 1 task about X' in the active language."""
        parts = []
        if self.work_ids:
            parts.append(ngettext("%(n)s work", "%(n)s works", len(self.work_ids)) % {"n": len(self.work_ids)})
        if self.task_ids:
            parts.append(ngettext("%(n)s task", "%(n)s tasks", len(self.task_ids)) % {"n": len(self.task_ids)})
        return _("%(what)s about “%(query)s”") % {"what": ", ".join(parts), "query": query.strip()}


def work_weight(rank: int, total: int) -> float:
    """Weight of the work at this rank among the relevant ones: from 1 (best) down to just above 0.5.

    Every relevant work counts at least half of the best one, so three relevant works always
    outrank one, and the search's ranking breaks ties.
    """
    return 1.0 - 0.5 * rank / max(total, 1)


def score_experts(work_ranks: dict[int, list[int]], total: int, tasks: dict[int, list[int]]) -> list[tuple[int, float]]:
    """(expert id, score) best first: rank weights of their relevant works plus TASK_WEIGHT per task."""
    scores: dict[int, float] = defaultdict(float)
    for expert_id, ranks in work_ranks.items():
        scores[expert_id] += sum(work_weight(r, total) for r in ranks)
    for expert_id, task_ids in tasks.items():
        scores[expert_id] += TASK_WEIGHT * len(task_ids)
    return sorted(((e, round(s, 4)) for e, s in scores.items()), key=lambda p: (-p[1], p[0]))


def _search_ids(query: str, limit: int) -> tuple[list[int], bool]:
    """Ids of the works most relevant to a query, best first, and whether the matches are approximate."""
    from stinet.search.service import run

    ids: list[int] = []
    page, approximate = 1, False
    while len(ids) < limit:
        response = run(SearchRequest(q=query, page=page, page_size=MAX_PAGE_SIZE, facets=False,
                                     paging_limit=None))
        ids.extend(response.ids)
        approximate = approximate or response.approximate
        if not response.ids or page * MAX_PAGE_SIZE >= response.total:
            break
        page += 1
    return ids[:limit], approximate


def phrase_form(query: str) -> str | None:
    """The query as one phrase when it is plain words (a Vietnamese term: "san hô"), else None.

    Searched word by word, "san ho" also finds "sản xuất ... hộ gia đình"; a topic typed into the
    finder is mostly one term of several syllables, so its words side by side are what is meant.
    """
    parsed = parse(query)
    positive = [c for c in parsed.clauses if not c.negate]
    if (parsed.equivalences or parsed.filters or parsed.excluded or parsed.excluded_years or parsed.year_from
            or parsed.year_to or len(positive) != 1):
        return None
    clause = positive[0]
    if clause.phrase or clause.field or clause.any_of or len(clause.words) < 2:  # biển OR đảo: no phrase
        return None
    parts = [_quoted(clause)]
    parts += [f"-{c.field + ':' if c.field else ''}{_quoted(c)}" for c in parsed.clauses if c.negate]
    return " ".join(parts)


def _quoted(clause: Clause) -> str:
    """A clause's words (with their diacritics when known) as a quoted phrase."""
    words = clause.exact if len(clause.exact) == len(clause.words) else clause.words
    return '"' + " ".join(words) + '"'


def relevant_work_ids(query: str, limit: int = FINDER_WORKS) -> tuple[str, list[int]]:
    """The query as searched and the ids of the works most relevant to it, best first.

    Plain words are first searched as a phrase; when no work has them side by side, every work
    with all the words counts (typo-tolerant matches included).
    """
    SearchRequest(q=query).validate()  # a query the search refuses (too long) is refused as typed, not rewritten
    phrase = phrase_form(query)
    if phrase is not None:
        ids, approximate = _search_ids(phrase, limit)
        if ids and not approximate:
            return phrase, ids
    return query, _search_ids(query, limit)[0]


def find_experts(query: str, experts: Any = None) -> list[Hit]:
    """Experts (of the given queryset, default every public one) ranked for the query; [] for no query."""
    from stinet.people.tasks_link import experts_of_tasks, relevant_tasks, task_url

    if not query.strip():
        return []
    experts = Expert.objects.public() if experts is None else experts
    searched, ids = relevant_work_ids(query)
    rank = {work_id: i for i, work_id in enumerate(ids)}
    work_ranks: dict[int, list[int]] = defaultdict(list)
    links = ExpertWork.objects.filter(work_id__in=ids, status="confirmed", expert__in=experts)
    for expert_id, work_id in links.values_list("expert_id", "work_id"):
        work_ranks[expert_id].append(rank[work_id])
    tasks = relevant_tasks(searched)
    task_rows = {t["id"]: t for t in tasks}
    allowed = set(experts.values_list("pk", flat=True)) if tasks else set()
    by_expert_tasks = {e: t for e, t in experts_of_tasks(tasks).items() if e in allowed}
    ranked = score_experts(work_ranks, len(ids), by_expert_tasks)
    counted = experts.select_related("organisation").annotate(
        n_works=Count("work_links", filter=Q(work_links__status="confirmed")))
    found = counted.in_bulk([e for e, _s in ranked])
    hits = []
    for expert_id, score in ranked:
        work_ids = [ids[r] for r in sorted(work_ranks.get(expert_id, []))]
        task_ids = by_expert_tasks.get(expert_id, [])
        hits.append(Hit(found[expert_id], score, work_ids, task_ids,
                        tasks=[{**{k: task_rows[t][k] for k in ("id", "code", "title", "year")}, "url": task_url(t)}
                               for t in task_ids[:SAMPLE]]))
    _add_samples(hits)
    return hits


def _add_samples(hits: list[Hit]) -> None:
    """A few relevant works of each hit, in one query."""
    from stinet.catalog.models import Work

    wanted = {w for h in hits for w in h.work_ids[:SAMPLE]}
    rows = {r["pk"]: r for r in Work.objects.filter(pk__in=wanted).values("pk", "title", "year", "type")}
    for hit in hits:
        hit.works = [{"id": w, "title": rows[w]["title"], "year": rows[w]["year"], "type": rows[w]["type"]}
                     for w in hit.work_ids[:SAMPLE] if w in rows]
