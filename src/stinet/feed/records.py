"""What each part of the feed holds, and its records as JSON-ready dicts (the shapes of `shapes.py`).

`live(part)` is the queryset of the records in the part (organisations: all; personnel: public
profiles; tasks: `Task.objects.public()`), with what the serialiser needs loaded in a fixed number
of queries per page; `serialise(part, rows, base_url)` turns one page of them into records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from stinet.catalog.models import Organisation
from stinet.catalog.vocab import ORG_KINDS, label
from stinet.directory.models import InfoService
from stinet.directory.vocab import SERVICE_KINDS
from stinet.people.directory import field_names
from stinet.people.models import ACADEMIC_TITLES, DEGREES, Expert, ExpertWork
from stinet.tasks.lifecycle import state_label
from stinet.tasks.models import KINDS, LEVELS, MEMBER_ROLES, Task, TaskMember
from stinet.tasks.scoring import RATINGS


def stamp(value: dt.datetime) -> str:
    """A time as ISO 8601 UTC with microseconds: 2026-05-01T03:04:05.123456Z."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def day(value: dt.date | None) -> str | None:
    """A date as YYYY-MM-DD, or None."""
    return value.isoformat() if value else None


def live(part: str) -> QuerySet:
    """The rows of a part that are in the feed, with their related rows loaded."""
    if part == "organisations":
        return Organisation.objects.select_related("profile").prefetch_related(
            Prefetch("info_services", queryset=InfoService.objects.order_by("kind", "name", "id")))
    if part == "personnel":
        confirmed = ExpertWork.objects.filter(status="confirmed").select_related("work").order_by("work_id")
        return Expert.objects.public().select_related("organisation").prefetch_related(
            Prefetch("work_links", queryset=confirmed, to_attr="confirmed_links"))
    if part == "tasks":
        members = TaskMember.objects.select_related("user__expert").order_by("id")
        return Task.objects.public().select_related("host", "investigator__expert").prefetch_related(
            Prefetch("members", queryset=members))
    raise LookupError(f"no part {part!r}")


def _url(base_url: str, name: str, *args: Any) -> str:
    """An absolute address of a portal page."""
    return f"{base_url.rstrip('/')}{reverse(name, args=args)}"


def _org_ref(org: Organisation | None) -> dict[str, str] | None:
    """A reference to an organisation record."""
    return {"id": f"org:{org.code}", "code": org.code, "name": org.name_vi} if org is not None else None


def _fields(codes: Iterable[str], names: dict[str, str]) -> list[dict[str, str]]:
    """Field-of-science references with their Vietnamese names."""
    return [{"code": c, "name": names.get(c, "")} for c in codes if c]


def organisation(org: Organisation, base_url: str, names: dict[str, str]) -> dict[str, Any]:
    """An organisation with its directory profile and information services."""
    profile = getattr(org, "profile", None)
    p = (lambda name: getattr(profile, name)) if profile is not None else (lambda name: "")  # noqa: E731
    contact = None
    if profile is not None and (profile.contact_name or profile.contact_email or profile.contact_phone):
        contact = {"name": profile.contact_name, "email": profile.contact_email, "phone": profile.contact_phone}
    certificate = None
    if profile is not None and profile.certificate_number:
        certificate = {"number": profile.certificate_number, "date": day(profile.certificate_date),
                       "issuer": profile.certificate_issuer}
    return {
        "id": f"org:{org.code}", "deleted": False, "updated_at": stamp(org.updated_at),
        "created_at": stamp(org.created_at), "code": org.code, "name": org.name_vi, "name_en": org.name_en,
        "short_name": p("short_name"), "kind": org.kind, "kind_label": label(ORG_KINDS, org.kind),
        "network_member": org.is_member, "province": org.province, "address": p("address"), "phone": p("phone"),
        "email": p("email"), "website": org.website,
        "fields": _fields(profile.fields if profile is not None else [], names),
        "description": p("description"), "contact": contact, "st_enterprise_certificate": certificate,
        "services": [{"kind": s.kind, "kind_label": label(SERVICE_KINDS, s.kind), "name": s.name,
                      "description": s.description, "audience": s.audience, "how_to_ask": s.how_to_ask,
                      "url": s.url, "free": s.free, "fee": s.fee} for s in org.info_services.all()],
        "url": _url(base_url, "portal:org", org.code),
    }


def expert(person: Expert, base_url: str, names: dict[str, str]) -> dict[str, Any]:
    """A public expert profile with the works they confirmed."""
    return {
        "id": f"expert:{person.pk}", "deleted": False, "updated_at": stamp(person.updated_at),
        "created_at": stamp(person.created_at), "full_name": person.full_name,
        "other_names": [n for n in person.other_names if n], "academic_title": person.academic_title,
        "academic_title_label": label(ACADEMIC_TITLES, person.academic_title) if person.academic_title else "",
        "degree": person.degree, "degree_label": label(DEGREES, person.degree) if person.degree else "",
        "organisation": _org_ref(person.organisation), "position": person.position,
        "fields": _fields(person.fields, names), "interests": person.interests, "orcid": person.orcid,
        "email": person.email, "phone": person.phone, "website": person.website,
        "contact_public": person.show_contact,
        "publications": [{"id": link.work_id, "title": link.work.title, "year": link.work.year,
                          "type": link.work.type} for link in person.confirmed_links],
        "url": _url(base_url, "people:detail", person.pk),
    }


def _expert_of(user: Any) -> str | None:
    """The expert id of a user's public profile, if any."""
    profile = getattr(user, "expert", None) if user is not None else None
    return f"expert:{profile.pk}" if profile is not None and profile.public else None


def task(item: Task, base_url: str, names: dict[str, str]) -> dict[str, Any]:
    """A public task: the national task record (no scores, minutes or applications)."""
    budget = None
    if item.budget_state is not None or item.budget_other is not None:
        budget = {"state": item.budget_state, "other": item.budget_other, "total": item.budget_total,
                  "currency": "VND"}
    investigator = None
    if item.investigator_name or item.investigator_id:
        name = item.investigator_name or item.investigator.get_full_name() or item.investigator.get_username()
        investigator = {"name": name, "expert": _expert_of(item.investigator)}
    return {
        "id": f"task:{item.code}", "deleted": False, "updated_at": stamp(item.updated_at),
        "created_at": stamp(item.proposed_at), "code": item.code, "title": item.title, "title_en": item.title_en,
        "level": item.level, "level_label": label(LEVELS, item.level), "kind": item.kind,
        "kind_label": label(KINDS, item.kind),
        "field": {"code": item.field_code, "name": names.get(item.field_code, "")} if item.field_code else None,
        "keywords": [k for k in item.keywords or [] if k], "year": item.year, "status": item.status,
        "status_label": state_label(item.status, "vi"), "step": item.step, "host": _org_ref(item.host),
        "investigator": investigator,
        "members": [{"name": m.name, "expert": _expert_of(m.user), "role": m.role,
                     "role_label": label(MEMBER_ROLES, m.role)} for m in item.members.all()],
        "objectives": item.objectives, "expected_results": item.expected_results, "results": item.results,
        "selection_mode": item.selection_mode if item.selection_mode in ("selection", "direct") else "",
        "contract": {"number": item.contract_number, "date": day(item.contract_date)}
        if item.contract_number else None,
        "budget": budget, "planned_start": day(item.planned_start), "planned_end": day(item.planned_end),
        "actual_start": day(item.actual_start), "actual_end": day(item.actual_end), "rating": item.rating,
        "rating_label": label(RATINGS, item.rating) if item.rating else "",
        "registration": {"number": item.registration_number, "date": day(item.registration_date)}
        if item.registration_number else None,
        "result_work": {"id": item.result_work_id, "url": _url(base_url, "portal:work", item.result_work_id)}
        if item.result_work_id else None,
        "url": _url(base_url, "tasks:detail", item.pk),
    }


def _codes(part: str, rows: list[Any]) -> set[str]:
    """The field-of-science codes a page of rows mentions."""
    if part == "tasks":
        return {r.field_code for r in rows if r.field_code}
    if part == "personnel":
        return {c for r in rows for c in r.fields}
    return {c for r in rows for c in (getattr(getattr(r, "profile", None), "fields", None) or [])}


SERIALISERS: dict[str, Callable[[Any, str, dict[str, str]], dict[str, Any]]] = {
    "organisations": organisation, "personnel": expert, "tasks": task}


def serialise(part: str, rows: list[Any], base_url: str) -> list[dict[str, Any]]:
    """One page of rows as feed records (field names looked up in one query)."""
    names = field_names(_codes(part, rows), "vi")
    return [SERIALISERS[part](row, base_url, names) for row in rows]
