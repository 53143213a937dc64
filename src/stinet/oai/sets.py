"""OAI-PMH sets: one per member organisation (org:HPU) and one per work type (type:thesis)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from stinet.catalog.models import Holding, Organisation, Work
from stinet.catalog.vocab import WORK_TYPES

# The two top levels of the hierarchy; a record is in a parent set when it is in one of its children.
PARENTS: dict[str, tuple[str, str]] = {
    "org": ("Tổ chức thành viên", "Member organisations"),
    "type": ("Loại tài liệu", "Types of work"),
}


@dataclass(frozen=True)
class OaiSet:
    """One set as ListSets shows it."""

    spec: str
    name: str  # Vietnamese
    name_en: str = ""


def work_set_specs(work: Work) -> list[str]:
    """The sets a work is in (its holdings and their organisations prefetched)."""
    orgs = sorted({h.organisation.code for h in work.holdings.all() if h.organisation.is_member})
    return [f"org:{code}" for code in orgs] + [f"type:{work.type}"]


def set_key(specs: list[str]) -> str:
    """The set specs as one delimited string, for filtering tombstones with LIKE."""
    return "|" + "|".join(specs) + "|" if specs else ""


def key_fragment(spec: str) -> str:
    """What set_key must contain for a record to be in the set `spec` (or one of its children)."""
    return f"|{spec}:" if spec in PARENTS else f"|{spec}|"


def work_filter(spec: str) -> Q | None:
    """A filter of live works in the set `spec`; None when no work can be in it."""
    top, _, rest = spec.partition(":")
    if spec == "type":
        return Q()
    if spec == "org":
        return Q(Exists(Holding.objects.filter(work=OuterRef("pk"), organisation__is_member=True)))
    if top == "type" and rest in WORK_TYPES:
        return Q(type=rest)
    if top == "org" and rest and ":" not in rest:
        org = Organisation.objects.filter(code=rest, is_member=True).values_list("pk", flat=True).first()
        if org is not None:
            return Q(Exists(Holding.objects.filter(work=OuterRef("pk"), organisation_id=org)))
    return None


def list_sets() -> list[OaiSet]:
    """The two parent sets, then every member organisation and work type that has works."""
    sets = [OaiSet(spec, vi, en) for spec, (vi, en) in PARENTS.items()]
    orgs: QuerySet[Organisation] = Organisation.objects.filter(
        is_member=True).filter(Exists(Holding.objects.filter(organisation=OuterRef("pk")))).order_by("code")
    sets += [OaiSet(f"org:{o.code}", o.name_vi, o.name_en) for o in orgs]
    present = set(Work.objects.order_by().values_list("type", flat=True).distinct())
    sets += [OaiSet(f"type:{code}", vi, en) for code, (vi, en) in WORK_TYPES.items() if code in present]
    return sets
