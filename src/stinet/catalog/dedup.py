"""Merging the records several members hold into one work: decisions, keys and review.

Every incoming record new to its organisation is compared with the works that share a
blocking key with it (folded title, first author + year, identifier) and that the
organisation does not hold already (two records of one source are never merged). A score at
or above AUTO_MERGE attaches the record to that work as a further holding; a doubtful score
keeps it apart and leaves the pair for an administrator, unless the organisation holds that
work (another of its records joined it): such a pair could never be merged, so it is not queued,
and a record joining a work closes its organisation's pairs waiting with it. Administrators'
decisions (MatchRule) win over scores in every later import.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from stinet.catalog.bulk import insert_rows, json_value, select_in
from stinet.catalog.matching import (
    AUTO_MERGE,
    REVIEW,
    Record,
    compare,
    keys,
    lookup_keys,
    title_could_match_key,
    type_conflict,
)
from stinet.catalog.models import Holding, Match, MatchRule, Organisation, Work, WorkKey
from stinet.catalog.rebuild import (
    WORK_FIELDS,
    holding_files,
    is_primary,
    move_dependants,
    move_files,
    rebuild,
    record_values,
)

MAX_KEY_WORKS = 50  # a key shared by more works than this is too generic to block on
MERGED = ("merged", "manual", "confirmed")  # a Match of a record put into its work (by score or by hand)
# The reasons a match stores (English; catalog/reasons.py says them in the interface language)
SPLIT_REASON = "split by an administrator"  # (the same words in migration 0014)
RULE_REASON = "an administrator merged this record by hand"  # an "always" rule of an earlier decision
# a record of this catalogue's own OAI-PMH feed coming back (the hub harvesting its own portal, or a hub that
# harvested it): joins the work it names, however little it says (one that did not match well enough became a
# new work, which the feed then offered again: a new one at every harvest)
OWN_REASON = "the record names this catalogue's own work (its OAI identifier or page)"
HAND_REASON = "merged by an administrator"
# a doubtful pair closed when its record was decided by hand (formatted with the work; said in reasons.py)
MERGED_REASON = "closed: the record was merged by hand into work %(work)s"
SPLIT_CLOSED_REASON = "closed: the record was split off into work %(work)s"


@dataclass
class Decision:
    """What to do with one incoming record."""

    work_id: int | None = None  # attach to this work; None: the record becomes a new work
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    status: str = ""  # "merged" | "manual" | "review" | ""
    review_with: int | None = None  # a doubtful candidate, for status "review"


def record_of(values: dict[str, Any]) -> Record:
    """The matching view of a work's values."""
    authors = [c["name"] for c in values.get("creators", []) if c.get("role", "author") in ("author", "editor")]
    return Record(str(values["title"]), str(values.get("type") or "other"), values.get("year"),
                  str(values.get("degree") or ""), authors, values.get("identifiers") or {})


def matching_view(values: dict[str, Any]) -> dict[str, Any]:
    """What matching compares of a record's values, as Holding.matching keeps it (a Record's fields)."""
    return asdict(record_of(values))


def _viewed(view: dict[str, Any]) -> Record:
    return Record(str(view.get("title") or ""), str(view.get("type") or "other"), view.get("year"),
                  str(view.get("degree") or ""), list(view.get("authors") or []), dict(view.get("identifiers") or {}))


_popular: set[tuple[str, str]] = set()  # keys seen shared by more than MAX_KEY_WORKS works (this process)
POPULAR_MEMORY = 500_000  # keys remembered at most (then forgotten and learnt again)


def forget_popular_keys() -> None:
    """Forget the keys learnt to be too common (another catalogue, or after bulk deletions)."""
    _popular.clear()


Candidate = tuple[int, int | None, str, str | None]  # work id, year, type, normal title (None: the key's)
TITLE_KINDS = frozenset({"ty", "t0", "t"})  # keys made of the normal title: their works share it


def _candidates(item_keys: list[list[tuple[str, str]]]) -> dict[tuple[str, str], list[Candidate]]:
    """Works sharing each key, with what the cheap tests of `decide` need (Candidate).

    Keys are looked up by kind and value in the key index, which holds the work's type, year
    and (on keys other than titles) normal title too: no work rows are read. A key shared by
    more than MAX_KEY_WORKS works is too generic to block on: this process remembers it and
    does not ask for it again (keys only grow more common as works are added). Without that,
    templated titles and common name + year keys made every batch read thousands of rows, and
    imports slowed as the catalogue grew.
    """
    by_kind: dict[str, set[str]] = defaultdict(set)
    for ks in item_keys:
        for key in ks:
            if key not in _popular:
                by_kind[key[0]].add(key[1])
    if len(_popular) > POPULAR_MEMORY:
        _popular.clear()
    table = WorkKey._meta.db_table
    found: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for kind, values in sorted(by_kind.items()):
        by_title = kind in TITLE_KINDS
        for work_id, value, year, work_type, title in select_in(
                f"SELECT work_id, value, year, type, title FROM {table} WHERE kind = %s AND value IN ({{marks}})",
                sorted(values), kind):
            found[(kind, value)].append((work_id, year, work_type, None if by_title else title))
    for key in [key for key, works in found.items()
                if len(works) > MAX_KEY_WORKS and len({work for work, *_rest in works}) > MAX_KEY_WORKS]:
        _popular.add(key)
        del found[key]
    return found


def _plausible(record: Record, has_identifier: bool, candidate: Candidate) -> bool:
    """Cheap tests before loading a work to score it: a different year or an incompatible type
    rules it out, and so does a title too far apart to reach REVIEW (unless the record has an
    identifier: a shared one decides whatever the titles say)."""
    _work_id, year, work_type, title = candidate
    if record.year and year and record.year != year:
        return False
    if type_conflict(record.type, work_type):
        return False
    return has_identifier or title is None or title_could_match_key(record.title, title)


def _plausible_works(record: Record, keys: list[tuple[str, str]],
                     by_key: dict[tuple[str, str], list[Candidate]]) -> set[int]:
    """The works sharing one of a record's keys that pass the cheap tests."""
    shared = [c for key in keys for c in by_key.get(key, ())]
    if not shared:
        return set()
    has_identifier = any(kind == "ident" for kind, _v in keys)
    return {c[0] for c in shared if _plausible(record, has_identifier, c)}


def _held_by(org: Organisation, work_ids: set[int]) -> set[int]:
    """The works among these that the organisation holds already."""
    # by work only: filtering on the organisation too makes SQLite walk the member's whole holdings
    return {work_id for work_id, holder in select_in(
        f"SELECT work_id, organisation_id FROM {Holding._meta.db_table} WHERE work_id IN ({{marks}})",
        sorted(work_ids)) if holder == org.pk}


def decide(org: Organisation, items: Sequence[Any]) -> list[Decision]:
    """A decision for each incoming record (items have .work values and .local_id).

    A record's candidates are the works sharing one of its keys that pass the cheap tests
    (`_plausible`) and that its organisation does not hold already.
    """
    records = [record_of(item.work) for item in items]
    item_keys = [known if (known := getattr(item, "lookup", None)) is not None else lookup_keys(r)
                 for item, r in zip(items, records, strict=True)]
    by_key = _candidates(item_keys)
    plausible = [_plausible_works(r, ks, by_key) for r, ks in zip(records, item_keys, strict=True)]
    own = _held_by(org, set().union(*plausible)) if plausible else set()
    plausible = [found - own for found in plausible]
    named = _own_works(items)
    ours = set(Work.objects.filter(pk__in={n for n in named if n is not None}).values_list("pk", flat=True))
    ours -= _held_by(org, ours)
    ids = sorted(set().union(*plausible, ours)) if plausible else []
    works: dict[int, list[Record]] = defaultdict(list)  # each work's description, then its other records
    for work_id, title, work_type, year, degree, creators, identifiers in select_in(
            f"SELECT id, title, type, year, degree, creators, identifiers FROM {Work._meta.db_table} "
            f"WHERE id IN ({{marks}})", ids):
        works[work_id].insert(0, record_of({"title": title, "type": work_type, "year": year, "degree": degree,
                                            "creators": json_value(creators), "identifiers": json_value(identifiers)}))
    for work_id, view in select_in(f"SELECT work_id, matching FROM {Holding._meta.db_table} "
                                   f"WHERE work_id IN ({{marks}}) AND matching IS NOT NULL", ids):
        if work_id in works and isinstance(view := json_value(view), dict):
            works[work_id].append(_viewed(view))
    rules: dict[str, dict[int, str]] = defaultdict(dict)
    for local_id, work_id, rule in select_in(
            f"SELECT local_id, work_id, rule FROM {MatchRule._meta.db_table} WHERE organisation_id = %s "
            f"AND local_id IN ({{marks}})", [i.local_id for i in items], org.pk):
        rules[local_id][work_id] = rule
    return [(work_id in ours and not rules[item.local_id] and _own(record, work_id, works))
            or _decide(record, candidates, works, rules[item.local_id])
            for item, record, candidates, work_id in zip(items, records, plausible, named, strict=True)]


def _own(record: Record, work_id: int, works: dict[int, list[Record]]) -> Decision | None:
    """A record that names one of this catalogue's works joins it when it is like it at least as a doubtful pair
    is (another STINet hub keeps the same default repository identifier: its work 27 is not ours); None: it is
    matched as any other record."""
    score, reasons = max((compare(record, held) for held in works[work_id]), key=lambda found: found[0])
    return Decision(work_id, score, [OWN_REASON, *reasons], "merged") if score >= REVIEW else None


def _own_works(items: Sequence[Any]) -> list[int | None]:
    """For each record, the work of this catalogue it names as the one it describes, if any: its OAI identifier
    is one of this portal's feed (oai:REPOSITORY:work/N), or one of its addresses is this portal's page of a work."""
    from django.conf import settings

    from stinet.oai.protocol import parse_identifier
    from stinet.oai.services import repository_id

    repository, page = repository_id(), f"{settings.SITE_URL}/works/"

    def named(item: Any) -> int | None:
        if (work_id := parse_identifier(repository, item.local_id)) is not None:
            return work_id
        for uri in (item.work.get("identifiers") or {}).get("uri", []):
            number = uri.removeprefix(page).removesuffix("/") if uri.startswith(page) else ""
            if number.isascii() and number.isdigit() and len(number) <= 18:
                return int(number)
        return None

    return [named(item) for item in items]


def _decide(record: Record, candidates: set[int], works: dict[int, list[Record]],
            rules: dict[int, str]) -> Decision:
    """The decision for one record among its candidate works: each compared by its description and by
    the records of other members that joined it, the likest of them."""
    always = [w for w, rule in rules.items() if rule == "always"]
    if always:
        return Decision(always[0], 1.0, [RULE_REASON], "manual")
    best = Decision()
    for work_id in sorted(candidates):
        if rules.get(work_id) == "never" or work_id not in works:
            continue
        for held in works[work_id]:
            score, reasons = compare(record, held)
            if score > best.score:
                best = Decision(work_id, score, reasons)
    if best.score >= AUTO_MERGE:
        best.status = "merged"
        return best
    if best.score >= REVIEW:
        return Decision(None, best.score, best.reasons, "review", best.work_id)
    return Decision()


def save_keys(works: Sequence[tuple[int, dict[str, Any], list[tuple[str, str]] | None]], new: bool = False) -> None:
    """Blocking keys of works (id, values, keys if known) just created, or changed (old keys go)."""
    if not new:
        WorkKey.objects.filter(work_id__in=[work_id for work_id, _v, _k in works], holding__isnull=True).delete()
    rows = []
    for work_id, values, known in works:
        work_keys = known if known is not None else keys(record_of(values))
        title = next((value for kind, value in work_keys if kind == "t"), "")  # its title_key, computed once
        rows += [(work_id, kind, value, values["type"] or "", values.get("year"), "" if kind in TITLE_KINDS else title)
                 for kind, value in work_keys]
    insert_rows(WorkKey, ("work", "kind", "value", "type", "year", "title"), rows)


def remember_records(rows: Sequence[tuple[int, int, dict[str, Any] | None, list[tuple[str, str]] | None]],
                     new: bool = False) -> None:
    """Keep what matching compares of records that joined another record's work, and their blocking keys:
    (holding id, its work id, matching_view or None, keys if known). A later record like one of them finds
    that work and is compared with it, whatever its description says now (its first holder corrected the
    year). A view None forgets the record's: it describes its work now, or went to a work of its own. `new`:
    holdings just inserted with their views."""
    if not rows:
        return
    if not new:
        WorkKey.objects.filter(holding_id__in=[holding_id for holding_id, *_rest in rows]).delete()
        for holding_id, _work, view, _keys in rows:
            Holding.objects.filter(pk=holding_id).update(matching=view)
    key_rows = []
    for holding_id, work_id, view, known in rows:
        if view is None:
            continue
        record = _viewed(view)
        found = known if known is not None else keys(record)
        title = next((value for kind, value in found if kind == "t"), "")
        key_rows += [(work_id, holding_id, kind, value, record.type, record.year,
                      "" if kind in TITLE_KINDS else title) for kind, value in found]
    insert_rows(WorkKey, ("work", "holding", "kind", "value", "type", "year", "title"), key_rows)


def forget_record(holding: Holding) -> None:
    """The holding's record describes its work now (or a work of its own): its own view and keys go."""
    if holding.matching is not None or WorkKey.objects.filter(holding=holding).exists():
        remember_records([(holding.pk, holding.work_id, None, None)])
        holding.matching = None


def save_matches(org: Organisation, rows: Sequence[tuple[str, Decision, int]]) -> None:
    """Record merges and doubtful pairs: (local id, decision, the work the record is in).

    A doubtful pair with a work the organisation holds now (another of its records joined it) is
    not queued, and a record joining a work closes its organisation's pairs waiting with that
    work: two records of one source are never merged, so neither pair could be decided.
    """
    doubtful = {d.review_with for _id, d, _work in rows if d.status == "review" and d.review_with is not None}
    held = _held_by(org, doubtful) if doubtful else set()
    for _id, d, _work in rows:
        if d.status == "review" and d.review_with in held:
            d.status, d.review_with = "", None
    Match.objects.bulk_create([
        Match(work_id=d.work_id if d.status in ("merged", "manual") else d.review_with,
              other_work_id=work_id if d.status == "review" else None, organisation=org,
              local_id=local_id, score=d.score, reasons=d.reasons, status=d.status)
        for local_id, d, work_id in rows if d.status
    ])
    close_held_reviews(org, {d.work_id: local_id for local_id, d, _work in rows
                             if d.status in ("merged", "manual") and d.work_id is not None})


def held_reason(org_code: str, local_id: str) -> str:
    """Why a doubtful pair is closed: a record of its organisation is in the look-alike work (the
    same words in migration 0014)."""
    return (f"closed: {org_code} holds this work already ({org_code}:{local_id}): "
            "two records of one source stay apart")


def close_held_reviews(org: Organisation, joined: dict[int, str], actor: str = "") -> int:
    """Close the organisation's doubtful pairs with works one of its records joined (its local id by
    work): they are kept apart, with the reason. Returns how many were closed."""
    from django.utils import timezone

    if not joined:
        return 0
    ids = [match_id for match_id, _work in select_in(
        f"SELECT id, work_id FROM {Match._meta.db_table} WHERE organisation_id = %s AND status = %s "
        f"AND work_id IN ({{marks}})", sorted(joined), org.pk, "review")]
    waiting = list(Match.objects.filter(pk__in=ids)) if ids else []
    now = timezone.now()
    for match in waiting:
        match.status, match.decided_by, match.decided_at = "kept-apart", actor, now
        match.reasons = [*match.reasons, held_reason(org.code, joined[match.work_id])]
    Match.objects.bulk_update(waiting, ["status", "reasons", "decided_by", "decided_at"])
    return len(waiting)


def records_now(matches: Sequence[Match]) -> dict[tuple[int, str], int]:
    """The work each match's record is in now, by (organisation id, local id); absent: none (the
    record was deleted at its source)."""
    wanted = {(m.organisation_id, m.local_id) for m in matches}
    if not wanted:
        return {}
    found = Holding.objects.filter(organisation_id__in={org for org, _id in wanted},
                                   local_id__in={local_id for _org, local_id in wanted})
    return {(org, local_id): work for org, local_id, work in found.values_list("organisation_id", "local_id", "work_id")
            if (org, local_id) in wanted}


def unmergeable(matches: Sequence[Match]) -> dict[int, str]:
    """Why doubtful pairs cannot be merged, by match id (absent: they can): the record's
    organisation holds the look-alike work already, or the record is gone."""
    if not matches:
        return {}
    now = records_now(matches)
    holders: dict[tuple[int, int], str] = {}
    for work_id, org_id, local_id in Holding.objects.filter(
            work_id__in={m.work_id for m in matches}, organisation_id__in={m.organisation_id for m in matches}
    ).order_by("local_id").values_list("work_id", "organisation_id", "local_id"):
        holders.setdefault((work_id, org_id), local_id)
    why = {}
    for m in matches:
        code = m.organisation.code
        if (held := holders.get((m.work_id, m.organisation_id))) is not None:
            why[m.pk] = _("%(org)s already holds this work (record %(org)s:%(id)s): two records of one source "
                          "stay apart") % {"org": code, "id": held}
        elif (m.organisation_id, m.local_id) not in now:
            why[m.pk] = _("%(org)s holds no record %(id)r") % {"org": code, "id": m.local_id}
    return why


class MatchError(ValueError):
    """A refused review decision, with a one-line reason."""


def _holding(org: Organisation, local_id: str) -> Holding:
    """The organisation's holding of a record, or MatchError; locked until the caller's transaction ends
    (PostgreSQL: a second split or merge of it sent at once waits, then sees where the first put it)."""
    # locked alone, then read with its work: a lock taken through a join re-checks the join on the row
    # versions it started with, and a holding another decision had just moved looked gone
    locked = (Holding.objects.select_for_update().filter(organisation=org, local_id=local_id)
              .values_list("pk", flat=True).first())
    holding = Holding.objects.select_related("work").filter(pk=locked).first() if locked is not None else None
    if holding is None:
        raise MatchError(_("%(org)s holds no record %(id)r") % {"org": org.code, "id": local_id})
    return holding


def _lock_works(*work_ids: int) -> None:
    """Lock works until the caller's transaction ends (PostgreSQL), in the order of their ids, after the
    record's holding (_holding): two decisions touching one work wait for each other (two records of one
    source merged into it at once both saw it without them), and two touching two works in turn do not
    wait for each other forever."""
    list(Work.objects.select_for_update().filter(pk__in=work_ids).order_by("pk").values_list("pk", flat=True))


def _require_reviewer(user: Any) -> None:
    """Refuse a web user who is not the network administrator (None: the command line's operator)."""
    if user is not None:
        from stinet.accounts.permissions import is_admin, require

        require(is_admin(user), _("only the network administrator reviews duplicates"))


def _audit(actor: str, action: str, org: Organisation, local_id: str, before: int, work: Work, user: Any) -> None:
    """A review decision in the audit log, on the work the record is in now: which work it left."""
    from stinet.catalog.services import audit

    audit(actor, action, work, before={"record": f"{org.code}:{local_id}", "work": before},
          after={"record": f"{org.code}:{local_id}", "work": work.pk}, user=user)


def split(org: Organisation, local_id: str, actor: str, user: Any = None) -> tuple[int, int]:
    """Take a merged record out of its work into a work of its own; never merge them again.

    Returns (the work it left, its new work) for re-indexing.
    """
    from django.db import transaction
    from django.forms.models import model_to_dict

    _require_reviewer(user)
    with transaction.atomic():
        holding = _holding(org, local_id)
        _lock_works(holding.work_id)
        old = holding.work
        if old.holdings.count() < 2:
            raise MatchError(_("%(org)s:%(id)s is the only holding of work %(work)s: nothing to split")
                             % {"org": org.code, "id": local_id, "work": old.pk})
        described = is_primary(holding)
        item = record_values(holding.source) if holding.source is not None else None
        values = item.work if item is not None else model_to_dict(old, exclude=["id"])  # its own record
        new = Work.objects.create(**{k: v for k, v in values.items() if k in (*WORK_FIELDS, "title_sort")})
        move_files(holding_files(holding), old, new, actor, user)  # its files go with it
        forget_record(holding)  # it describes its new work
        holding.work = new
        holding.save(update_fields=["work", "updated_at"])
        if not (described and rebuild(old, actor)):  # its record described the old work: the next one does
            old.save(update_fields=["updated_at"])
        save_keys([(new.pk, values, None)], new=True)
        _close_reviews(org, local_id, actor, SPLIT_CLOSED_REASON % {"work": new.pk})
        MatchRule.objects.update_or_create(organisation=org, local_id=local_id, work=old,
                                           defaults={"rule": "never", "decided_by": actor})
        _record_split(org, local_id, old, new, actor)
        _audit(actor, "split", org, local_id, old.pk, new, user)
    return old.pk, new.pk


def _record_split(org: Organisation, local_id: str, old: Work, new: Work, actor: str) -> None:
    """The merges that put the record into the work it left now say it was split off, into which
    work (a split without one, such as the first holder's record, is recorded on its own)."""
    from django.utils import timezone

    now = timezone.now()
    merges = list(Match.objects.filter(organisation=org, local_id=local_id, work=old, status__in=MERGED))
    for match in merges:
        match.status, match.other_work, match.decided_by, match.decided_at = "split", new, actor, now
        match.reasons = [*match.reasons, SPLIT_REASON]
    Match.objects.bulk_update(merges, ["status", "other_work", "reasons", "decided_by", "decided_at"])
    if not merges:
        Match.objects.create(work=old, other_work=new, organisation=org, local_id=local_id, score=0.0,
                             reasons=[SPLIT_REASON], status="split", decided_by=actor,
                             decided_at=now)


def merge_by_hand(org: Organisation, local_id: str, work_id: int, actor: str, user: Any = None,
                  recorded: bool = False) -> tuple[int, int]:
    """Put a record into another work (its old work goes when nothing else holds it); `recorded`: a
    confirmed pair records the merge already.

    Returns (the work it left, the work it joined) for re-indexing.
    """
    from django.db import transaction
    from django.utils import timezone

    from stinet.oai.services import record_deletion

    _require_reviewer(user)
    with transaction.atomic():
        holding = _holding(org, local_id)
        _lock_works(holding.work_id, work_id)
        target = Work.objects.filter(pk=work_id).first()
        if target is None:
            raise MatchError(_("work %(id)s does not exist") % {"id": work_id})
        if holding.work_id == target.pk:
            raise MatchError(_("%(org)s:%(id)s is in work %(work)s already") % {"org": org.code, "id": local_id,
                                                                                  "work": work_id})
        if Holding.objects.filter(work=target, organisation=org).exists():
            raise MatchError(_("%(org)s already holds work %(work)s: two records of one source stay apart")
                             % {"org": org.code, "work": work_id})
        old = holding.work
        old_id = old.pk  # delete() below clears old.pk
        emptied = not old.holdings.exclude(pk=holding.pk).exists()
        described = is_primary(holding)
        view = _view_of(holding, old, described)  # what its record says, before its old work is rebuilt
        if emptied:  # the tombstone first, while the holding still gives the work its sets (org:CODE)
            record_deletion(old, merged_into=target.pk)
        else:  # its files go with it; the work's other holders keep theirs
            move_files(holding_files(holding), old, target, actor, user)
        holding.work = target
        holding.created_at = timezone.now()  # it joins the work now: the work's first record still describes it
        holding.save(update_fields=["work", "created_at", "updated_at"])
        remember_records([(holding.pk, target.pk, view, None)])  # a later record like it finds the target
        target.save(update_fields=["updated_at"])
        if emptied:
            move_dependants(old, target, actor, user)
            old.delete()
        elif not (described and rebuild(old, actor)):
            old.save(update_fields=["updated_at"])  # its sets changed: harvesters see it again
        # a pair waiting with the very work it joins is decided so (it was closed as kept apart)
        recorded = bool(Match.objects.filter(organisation=org, local_id=local_id, status="review", work=target)
                        .update(status="confirmed", decided_by=actor, decided_at=timezone.now())) or recorded
        _close_reviews(org, local_id, actor, MERGED_REASON % {"work": target.pk})
        close_held_reviews(org, {target.pk: local_id}, actor)  # its other records' pairs with the work
        MatchRule.objects.filter(organisation=org, local_id=local_id, rule="never", work=target).delete()
        MatchRule.objects.update_or_create(organisation=org, local_id=local_id, work=target,
                                           defaults={"rule": "always", "decided_by": actor})
        if not recorded:
            Match.objects.create(work=target, organisation=org, local_id=local_id, score=1.0,
                                 reasons=[HAND_REASON], status="manual", decided_by=actor)
        _audit(actor, "merge", org, local_id, old_id, target, user)
    return old_id, target.pk


def _view_of(holding: Holding, work: Work, described: bool) -> dict[str, Any] | None:
    """What matching compares of a holding's record: its work's values when it describes the work, else the
    view kept when it joined (read again from its source record when none was kept)."""
    from django.forms.models import model_to_dict

    if described:
        return matching_view(model_to_dict(work, fields=WORK_FIELDS))
    if holding.matching is not None:
        return holding.matching
    item = record_values(holding.source) if holding.source is not None else None
    return matching_view(item.work) if item is not None else None


def _close_reviews(org: Organisation, local_id: str, actor: str, reason: str) -> None:
    """A record decided by hand has no doubtful pair left waiting: they are kept apart, with the reason
    (they were said to be merged by hand, which listed them among the merges)."""
    from django.utils import timezone

    now = timezone.now()
    waiting = list(Match.objects.filter(organisation=org, local_id=local_id, status="review"))
    for match in waiting:
        match.status, match.decided_by, match.decided_at = "kept-apart", actor, now
        match.reasons = [*match.reasons, reason]
    Match.objects.bulk_update(waiting, ["status", "reasons", "decided_by", "decided_at"])


def settle(match_id: int, merge: bool, actor: str, user: Any = None) -> tuple[int, int]:
    """Decide a doubtful pair: merge the record into the look-alike work, or keep them apart. The pair is
    claimed first, in the decision's transaction: of two decisions sent at once (two tabs, two
    administrators), the second finds it decided and is refused."""
    from django.db import transaction
    from django.utils import timezone

    _require_reviewer(user)
    with transaction.atomic():
        # the record's holding and the works first, as a merge or split by hand takes them, then the pair
        # (which they close): taken the other way round, a pair decided while its record is merged or
        # split by hand deadlocked on PostgreSQL
        pair = Match.objects.select_related("organisation").filter(pk=match_id).first()
        if pair is not None:
            held = (Holding.objects.select_for_update()
                    .filter(organisation=pair.organisation, local_id=pair.local_id).values_list("work_id", flat=True))
            _lock_works(pair.work_id, *held)
        claimed = Match.objects.filter(pk=match_id, status="review").update(
            status="confirmed" if merge else "kept-apart", decided_by=actor, decided_at=timezone.now())
        match = Match.objects.select_related("organisation", "work", "other_work").filter(pk=match_id).first()
        if not claimed or match is None:
            raise MatchError(_("no doubtful pair %(id)s waiting for review") % {"id": match_id})
        org = match.organisation
        if merge:  # the confirmed pair records the merge (no second one made by hand)
            return merge_by_hand(org, match.local_id, match.work_id, actor, user, recorded=True)
        MatchRule.objects.update_or_create(organisation=org, local_id=match.local_id, work=match.work,
                                           defaults={"rule": "never", "decided_by": actor})
        _audit(actor, "keep-apart", org, match.local_id, match.work_id, match.other_work or match.work, user)
    return match.work_id, match.other_work_id or match.work_id
