"""Services that change the catalogue: every write goes through here and is audited."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.catalog import dedup
from stinet.catalog.bulk import JSONText, insert_rows, json_text, reserve_ids, select_in
from stinet.catalog.models import (
    AuditEntry,
    Holding,
    Match,
    MatchRule,
    Organisation,
    SourceRecord,
    Suggestion,
    Work,
    title_sort_key,
)
from stinet.catalog.rebuild import WORK_FIELDS, describe, is_primary, rebuild
from stinet.catalog.vocab import ORG_KINDS
from stinet.vietnamese import fold


class CatalogError(ValueError):
    """A refused catalogue change, with a one-line reason."""


def audit(actor: str, action: str, obj: object, before: object = None, after: object = None,
          user: object = None) -> AuditEntry:
    """Record one change in the audit log."""
    return AuditEntry.objects.create(
        actor=user, actor_label=actor, action=action, object_type=type(obj).__name__.lower(),
        object_id=str(getattr(obj, "pk", "")), before=before, after=after,
    )


def add_organisation(code: str, name_vi: str, *, name_en: str = "", kind: str = "other",
                     province: str = "", website: str = "", member: bool = False,
                     actor: str = "cli") -> Organisation:
    """Create an organisation; refuse a duplicate code or an unknown kind."""
    code = code.strip()
    if not code or not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in code):
        raise CatalogError(_("organisation code %(code)r: use letters, digits, '-' or '_'") % {"code": code})
    if kind not in ORG_KINDS:
        raise CatalogError(_("organisation kind %(kind)r: one of %(kinds)s")
                           % {"kind": kind, "kinds": ", ".join(ORG_KINDS)})
    if not name_vi.strip():
        raise CatalogError(_("organisation name: must not be empty"))
    website = _website(website)
    with transaction.atomic():
        if Organisation.objects.filter(code__iexact=code).exists():
            raise CatalogError(_("organisation %(code)r exists already") % {"code": code})
        org = Organisation.objects.create(
            code=code, name_vi=name_vi.strip(), name_en=name_en.strip(), kind=kind,
            province=province.strip(), website=website, is_member=member,
        )
        audit(actor, "create", org, after={"code": code, "name_vi": org.name_vi, "member": member})
    return org


def _website(value: str) -> str:
    """An http(s) address, "https://" put before a bare host ("www.x.vn", as members write it); a
    "javascript:" or other address is refused (the portal links it)."""
    value = value.strip()
    address = value if "://" in value or not value else f"https://{value}"
    try:
        if address:
            URLValidator(schemes=["http", "https"])(address)
    except ValidationError:
        raise CatalogError(_("website %(value)r: not an http(s) address") % {"value": value}) from None
    return address


def set_hub(code: str, actor: str = "cli") -> Organisation:
    """Make a member the network's hub (the organisation that signs its reports); the former hub is not one."""
    org = get_organisation(code)
    if not org.is_member:
        raise CatalogError(_("organisation %(code)s: only a member of the network can be its hub") % {"code": org.code})
    with transaction.atomic():
        for old in Organisation.objects.filter(is_hub=True).exclude(pk=org.pk):
            old.is_hub = False
            old.save(update_fields=["is_hub", "updated_at"])
            audit(actor, "update", old, before={"is_hub": True}, after={"is_hub": False})
        if not org.is_hub:
            org.is_hub = True
            org.save(update_fields=["is_hub", "updated_at"])
            audit(actor, "update", org, before={"is_hub": False}, after={"is_hub": True})
    return org


def network_hub() -> Organisation | None:
    """The network's hub, if one is set (and still a member)."""
    return Organisation.objects.filter(is_hub=True, is_member=True).order_by("pk").first()


def get_organisation(code: str) -> Organisation:
    """The organisation with this code (case-insensitive), or CatalogError."""
    org = Organisation.objects.filter(code__iexact=code.strip()).first()
    if org is None:
        raise CatalogError(_("organisation %(code)r does not exist (add it with 'stinet org add')") % {"code": code})
    return org


def payload_text(payload: dict[str, str]) -> JSONText:
    """A source record as stored: JSON with its keys sorted (what the digest is taken of)."""
    return json_text(payload, sort_keys=True)


def text_digest(text: str) -> str:
    """The digest of a source record serialised by payload_text."""
    return hashlib.sha256(text.encode()).hexdigest()


def digest(payload: dict[str, str]) -> str:
    """Stable digest of a source record, to tell unchanged records on re-import."""
    return text_digest(payload_text(payload))


@dataclass
class Incoming:
    """One record ready to store: work values, holding values and the payload as received."""

    local_id: str
    work: dict[str, object]
    holding: dict[str, str]
    payload: dict[str, str]
    format: str
    line: int = 0  # where it was read, for the report
    doc: object = None  # its search document as indexing.prepare made it, when parsing built it
    keys: list[tuple[str, str]] | None = None  # its matching keys, when parsing computed them
    payload_digest: str = ""  # when parsing computed it: the digest of what the catalogue keeps of the record
    lookup: list[tuple[str, str]] | None = None  # the keys its candidates are looked up under (dedup)
    json: dict[str, JSONText] | None = None  # JSON fields of work and payload, serialised by parsing
    former_id: str = ""  # the identifier an earlier version derived for a row without one (see store_batch)

    def digest(self) -> str:
        """What tells an unchanged record on re-import: the digest parsing computed, else digest(payload)."""
        return self.payload_digest or digest(self.payload)


def store_batch(org: Organisation, batch: Sequence[Incoming], actor: str,
                run: object = None) -> tuple[dict[str, int], list[tuple[int, Incoming]], list[int]]:
    """Insert or update one batch of records atomically.

    Returns the counts, the (work id, record) pairs created and the ids of works updated.
    Records are keyed by organisation + local identifier: a re-import updates in place and
    never duplicates; a record whose payload is unchanged is left alone.
    """
    counts = {"new": 0, "updated": 0, "unchanged": 0, "merged": 0, "review": 0}
    ids = [item.local_id for item in batch]
    updated: list[int] = []
    with transaction.atomic():
        _adopt_former_ids(org, batch)
        # plain SQL: most batches of a first import find nothing here, and a queryset over 500
        # identifiers costs more to build than the lookup itself
        known = {local_id: (pk, digest_then) for pk, local_id, digest_then in select_in(
            f"SELECT id, local_id, digest FROM {SourceRecord._meta.db_table} WHERE organisation_id = %s "
            f"AND local_id IN ({{marks}})", ids, org.pk)}
        held = _held(org, ids)
        fresh = [item for item in batch if item.local_id not in held]
        stale = [known[i.local_id][0] for i in fresh if i.local_id in known]
        if stale:
            SourceRecord.objects.filter(pk__in=stale).delete()  # an orphan left by a deleted holding
        created, merged, reviews = _store_fresh(org, fresh, run) if fresh else ([], [], 0)
        updated.extend(merged)
        counts["new"], counts["merged"], counts["review"] = len(fresh), len(merged), reviews
        digests = {item.local_id: item.digest() for item in batch if item.local_id in held}
        changed = [item for item in batch if item.local_id in held
                   and known.get(item.local_id, (0, ""))[1] != digests[item.local_id]]
        counts["unchanged"] = len(batch) - len(fresh) - len(changed)
        changed_ids = [held[i.local_id] for i in changed]
        if changed_ids:  # locked first, as a merge or split by hand takes a holding before its works (PostgreSQL:
            # the other order let an update of a record and its merge by hand wait for each other for ever)
            list(Holding.objects.select_for_update().filter(pk__in=changed_ids).values_list("pk", flat=True))
        holdings = Holding.objects.select_related("work").in_bulk(changed_ids)
        sources = SourceRecord.objects.in_bulk([known[i.local_id][0] for i in changed if i.local_id in known])
        for item in changed:
            holding = holdings[held[item.local_id]]
            source = sources.get(known[item.local_id][0]) if item.local_id in known else None
            if _update(holding, item, source, digests[item.local_id], run, actor, org.code):
                updated.append(holding.work_id)  # indexed again
            counts["updated"] += 1  # its source record replaced, whatever it changed in the catalogue
        if fresh:
            AuditEntry.objects.create(
                actor_label=actor, action="import-create", object_type="organisation", object_id=str(org.pk),
                after={"works": [work_id for work_id, _item in created], "merged_into": merged},
            )
        _count_suggestions(fresh)
    return counts, created, updated


def _held(org: Organisation, local_ids: list[str]) -> dict[str, int]:
    """The organisation's holdings of these local identifiers: local id -> holding id. Plain SQL: most
    batches of a first import find nothing, and a queryset over 500 identifiers costs more to build
    than the lookup itself."""
    return {local_id: pk for pk, local_id in select_in(
        f"SELECT id, local_id FROM {Holding._meta.db_table} WHERE organisation_id = %s "
        f"AND local_id IN ({{marks}})", local_ids, org.pk)}


def _adopt_former_ids(org: Organisation, batch: Sequence[Incoming]) -> None:
    """Records of rows without an identifier stored under the key an earlier version derived for them
    (ingest.record.former_local_id) take the key derived now: reading the row again updates them instead
    of adding them a second time. Their holding, source record, matches and rules follow."""
    former = {item.former_id: item.local_id for item in batch if item.former_id}
    if not former:
        return
    stored = _held(org, list(former))
    if not stored:
        return
    taken = _held(org, [former[old] for old in stored])
    for old in stored:
        if (new := former[old]) in taken:
            continue  # both stored (two rows that differed by a full stop): each stays itself
        SourceRecord.objects.filter(organisation=org, local_id=new).delete()  # an orphan left by a deleted holding
        ruled = MatchRule.objects.filter(organisation=org, local_id=old).values("work")
        MatchRule.objects.filter(organisation=org, local_id=new, work__in=ruled).delete()  # the record's own rules win
        for model in (Holding, SourceRecord, Match, MatchRule):
            model.objects.filter(organisation=org, local_id=old).update(local_id=new)


def _store_fresh(org: Organisation, fresh: Sequence[Incoming],
                 run: object) -> tuple[list[tuple[int, Incoming]], list[int], int]:
    """New records: merged into another member's work when they match it, else new works.

    Returns the works created, the works records were merged into and the doubtful pairs left.
    """
    decisions = dedup.decide(org, fresh)
    claimed: set[int] = set()
    for decision in decisions:  # two records of one source never go into one work
        if decision.work_id is None:
            continue
        if decision.work_id in claimed:
            decision.work_id, decision.status = None, ""
        else:
            claimed.add(decision.work_id)
    for decision in decisions:  # nor is a pair doubtful with a work another record of the batch joined
        if decision.status == "review" and decision.review_with in claimed:
            decision.status, decision.review_with = "", None
    attach = [(item, d.work_id) for item, d in zip(fresh, decisions, strict=True) if d.work_id is not None]
    created = _create(org, [item for item, d in zip(fresh, decisions, strict=True) if d.work_id is None], run)
    _attach(org, attach, run)
    dedup.save_keys([(work_id, item.work, item.keys) for work_id, item in created], new=True)
    work_of = {item.local_id: work_id for work_id, item in created}
    dedup.save_matches(org, [(item.local_id, d, work_of.get(item.local_id, d.work_id or 0))
                             for item, d in zip(fresh, decisions, strict=True)])
    return created, [work_id for _item, work_id in attach], sum(1 for d in decisions if d.status == "review")


def _attach(org: Organisation, pairs: Sequence[tuple[Incoming, int]], run: object) -> None:
    """Records that are further copies of existing works: their source records and holdings."""
    if not pairs:
        return
    now = timezone.now()
    views = [dedup.matching_view(item.work) for item, _work_id in pairs]
    holding_ids = _insert_sources_and_holdings(org, [(work_id, item) for item, work_id in pairs], run, now, views)
    dedup.remember_records([(holding_id, work_id, view, item.keys) for holding_id, view, (item, work_id)
                            in zip(holding_ids, views, pairs, strict=True)], new=True)
    Work.objects.filter(pk__in={work_id for _item, work_id in pairs}).update(updated_at=now)


def _create(org: Organisation, fresh: Sequence[Incoming], run: object) -> list[tuple[int, Incoming]]:
    """Insert works, source records and holdings for records that are new works."""
    if not fresh:
        return []
    now = timezone.now()
    work_ids = reserve_ids(Work, len(fresh))
    for item in fresh:
        if "title_sort" not in item.work:
            item.work["title_sort"] = title_sort_key(str(item.work["title"]))
    insert_rows(Work, ("id", *WORK_FIELDS, "title_sort", "created_at", "updated_at"), [
        (wid, *((item.json or {}).get(f, item.work[f]) for f in WORK_FIELDS), item.work["title_sort"], now, now)
        for wid, item in zip(work_ids, fresh, strict=True)
    ])
    created = list(zip(work_ids, fresh, strict=True))
    _insert_sources_and_holdings(org, created, run, now)
    return created


def _insert_sources_and_holdings(org: Organisation, pairs: Sequence[tuple[int, Incoming]], run: object,
                                 now: object, views: Sequence[dict[str, Any] | None] | None = None) -> list[int]:
    """The source record and the holding of each (work id, record), with its matching view when the
    record joins another's work (dedup.remember_records); the holdings' ids."""
    source_ids = reserve_ids(SourceRecord, len(pairs))
    holding_ids = reserve_ids(Holding, len(pairs))
    insert_rows(SourceRecord, ("id", "organisation", "local_id", "format", "payload", "digest", "run",
                               "received_at"), [
        (sid, org.pk, item.local_id, item.format, (item.json or {}).get("payload", item.payload), item.digest(),
         getattr(run, "pk", None), now)
        for sid, (_wid, item) in zip(source_ids, pairs, strict=True)
    ])
    insert_rows(Holding, ("id", "work", "organisation", "local_id", "call_number", "url", "access",
                          "source", "matching", "created_at", "updated_at"), [
        (hid, wid, org.pk, item.local_id, item.holding["call_number"], item.holding["url"],
         item.holding["access"], sid, view, now, now)
        for hid, sid, view, (wid, item) in zip(holding_ids, source_ids, views or [None] * len(pairs), pairs,
                                               strict=True)
    ])
    return holding_ids


def _update(holding: Holding, item: Incoming, source: SourceRecord | None, digest_now: str,
            run: object, actor: str, org_code: str) -> bool:
    """Apply a changed record to its holding, and to its work when the record describes it (the
    work's primary holding: another holder's update never rewrites what every holder shows),
    auditing the fields that changed. A record whose digest changed but not its work's values (another
    holder's record, or the same values read from another format: a member's MARCXML export of harvested
    records) nor its holding's only has its source record replaced: its work keeps its date (every OAI-PMH
    harvester fetched it again for nothing). A holding's call number, link or access level changed is
    audited on its work too, with the record it is. True when the work or its holding changed."""
    work = holding.work
    primary = is_primary(holding)
    before = describe(work, item) if primary else {}
    held_before = {key: getattr(holding, key) for key, value in item.holding.items() if getattr(holding, key) != value}
    moved = bool(held_before)
    if before:
        work.save()
        dedup.save_keys([(work.pk, item.work, None)])
    elif moved:
        work.save(update_fields=["updated_at"])
    if not primary and (view := dedup.matching_view(item.work)) != holding.matching:
        dedup.remember_records([(holding.pk, work.pk, view, None)])  # what a later record is compared with
        holding.matching = view
    elif primary and holding.matching is not None:
        dedup.forget_record(holding)  # it describes the work: the work's keys are its own
    for key, value in item.holding.items():
        setattr(holding, key, value)
    if source is None:
        source = SourceRecord.objects.create(
            organisation=holding.organisation, local_id=item.local_id, format=item.format,
            payload=item.payload, digest=digest_now, run=run)
        holding.source = source
    else:
        source.payload, source.digest, source.run, source.format = (
            item.payload, digest_now, run, item.format)
        source.save()
    holding.save()
    if before or held_before:
        record = {"record": f"{org_code}:{item.local_id}"} if held_before else {}
        AuditEntry.objects.create(
            actor_label=actor, action="update", object_type="work", object_id=str(work.pk),
            before={**before, **record, **held_before},
            after={**{k: item.work[k] for k in before}, **record, **{k: item.holding[k] for k in held_before}},
        )
    return bool(before or moved)


def _count_suggestions(fresh: Sequence[Incoming]) -> None:
    """Keep the autocomplete table of creator names and subjects up to date (new records)."""
    seen: Counter[tuple[str, str]] = Counter()
    for item in fresh:
        seen.update(("author", p["name"][:300]) for p in item.work.get("creators", []))  # type: ignore[union-attr]
        seen.update(("subject", s[:300]) for s in item.work.get("subjects", []))  # type: ignore[union-attr]
    if not seen:
        return
    table = Suggestion._meta.db_table
    # One statement for the batch: insert new values, add to the count of known ones.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (kind, text, folded, count) VALUES (%s, %s, %s, %s) "
            f"ON CONFLICT (kind, text) DO UPDATE SET count = {table}.count + excluded.count",
            [(kind, text, fold(text)[:300], n) for (kind, text), n in seen.items()],
        )


def touch_held_works(org: Organisation) -> int:
    """Mark the works an organisation holds as changed now (their OAI-PMH datestamp): its name or its
    membership is part of their records (852 $a, the sets org and org:CODE), so that an incremental
    harvest gets them again, with their sets as they are now. Returns how many."""
    return Work.objects.filter(holdings__organisation=org).update(updated_at=timezone.now())


def remove_holding(org: Organisation, local_id: str, actor: str) -> tuple[str, int | None]:
    """Remove an organisation's holding (a record deleted at the source).

    The work goes too when no other organisation holds it, leaving an OAI-PMH tombstone;
    otherwise it stays, touched so that harvesters of this catalogue see its new sets.
    Returns what happened ("work-deleted", "holding-deleted" or "absent": deleting twice is
    harmless) and the work's id, which the caller re-indexes (indexing.works_changed).
    """
    from stinet.oai.services import record_deletion

    with transaction.atomic():
        holding = Holding.objects.select_related("work").filter(organisation=org, local_id=local_id).first()
        if holding is None:
            return "absent", None
        work = holding.work
        before = {"organisation": org.code, "local_id": local_id, "work": work.pk}
        SourceRecord.objects.filter(organisation=org, local_id=local_id).delete()
        if work.holdings.count() == 1:
            record_deletion(work)
            holding.delete()
            work.delete()
            dedup.forget_popular_keys()  # a key this work shared may be rare enough to block on again
            outcome = "work-deleted"
        else:
            described = is_primary(holding)
            holding.delete()
            if not (described and rebuild(work, actor)):  # its record described the work: the next one does
                work.save(update_fields=["updated_at"])
            outcome = "holding-deleted"
        AuditEntry.objects.create(actor_label=actor, action=outcome, object_type="work",
                                  object_id=str(before["work"]), before=before)
    return outcome, before["work"]


def works_by_ids(ids: Iterable[int]) -> dict[int, Work]:
    """Works with their holdings and organisations, in two queries."""
    works = Work.objects.filter(pk__in=list(ids)).prefetch_related("holdings__organisation")
    return {w.pk: w for w in works}


def load_fields(path: str | None = None, scheme: str | None = None) -> int:
    """Load field-of-science codes: the shipped tables, or a full table a hub supplies (CSV).

    Loading a scheme replaces that scheme's codes atomically; a bad table changes nothing.
    """
    from stinet.catalog import fos
    from stinet.catalog.models import FieldOfScience

    if path is None:
        tables = {s: fos.builtin(s) for s in ("2025", "2008")}
    else:
        if scheme is None:
            raise CatalogError(_("a field table needs its scheme: 2025 or 2008"))
        tables = {scheme: fos.load_csv(path, scheme)}
    with transaction.atomic():
        for name, rows in tables.items():
            FieldOfScience.objects.filter(scheme=name).delete()
            FieldOfScience.objects.bulk_create([
                FieldOfScience(scheme=name, code=f.code, level=f.level, parent_code=f.parent or "",
                               name_vi=f.name_vi, name_en=f.name_en) for f in rows
            ])
    from stinet.formats.marcxml import forget_field_names

    forget_field_names()
    return sum(len(rows) for rows in tables.values())
