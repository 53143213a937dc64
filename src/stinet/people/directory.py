"""Reading experts: the directory's filters and the public (or private) shape of a profile.

Shared by the pages, the API and the CLI so that all show the same fields to the same people.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from stinet.catalog import fos
from stinet.catalog.models import FieldOfScience
from stinet.catalog.vocab import WORK_TYPES, label
from stinet.people import orcid, rules
from stinet.people.models import ACADEMIC_TITLES, DEGREES, Expert, ExpertWork


@dataclass
class Filters:
    """What the directory is narrowed to: a field of science (any level), degree, academic title, organisation."""

    field: str = ""
    degree: str = ""
    title: str = ""
    org: str = ""

    @classmethod
    def from_params(cls, params: Any) -> Filters:
        """Filters from a query string (unknown values are ignored)."""
        return cls(field=(params.get("field") or "").strip(),
                   degree=(params.get("degree") or "").strip(),
                   title=(params.get("title") or "").strip(),
                   org=(params.get("org") or "").strip())

    def apply(self, experts: QuerySet) -> QuerySet:
        """The experts that pass every filter."""
        if self.field.isdigit():
            experts = experts.filter(field_codes__contains=f" {self.field}")  # the code or its sub-fields
        if self.degree:
            experts = experts.filter(degree=self.degree)
        if self.title:
            experts = experts.filter(academic_title=self.title)
        if self.org:
            experts = experts.filter(organisation__code__iexact=self.org)
        return experts


def visible(user: Any) -> QuerySet:
    """Experts the user may see in lists: public ones, plus their own profile."""
    experts = Expert.objects.public()
    if getattr(user, "is_authenticated", False):
        experts = Expert.objects.filter(Q(public=True) | Q(user_id=user.pk))
    return experts


def directory(filters: Filters, user: Any = None, everyone: bool = False) -> QuerySet:
    """The filtered directory in Vietnamese list order (given name first), with confirmed-work counts.

    everyone: hidden profiles too (the command line).
    """
    base = Expert.objects.all() if everyone else visible(user)
    return (filters.apply(base).select_related("organisation")
            .annotate(n_works=Count("work_links", filter=Q(work_links__status="confirmed")))
            .order_by("sort_name", "id"))


def shipped_fields(lang: str = "vi", max_level: int = 9) -> dict[str, str]:
    """Code -> name of the shipped field tables (2025 scheme first, then 2008), for codes the database lacks."""
    out: dict[str, str] = {}
    for scheme in ("2025", "2008"):
        for f in fos.builtin(scheme):
            if f.level <= max_level:
                out.setdefault(f.code, f.name_en if lang == "en" and f.name_en else f.name_vi)
    return out


def field_names(codes: Iterable[str], lang: str = "vi") -> dict[str, str]:
    """Names of field-of-science codes (2025 scheme first, then 2008), in one query."""
    codes = set(codes)
    if not codes:
        return {}
    out: dict[str, str] = {}
    for f in FieldOfScience.objects.filter(code__in=codes).order_by("-scheme"):
        out.setdefault(f.code, f.name_en if lang == "en" and f.name_en else f.name_vi)
    if codes - set(out):
        shipped = shipped_fields(lang)
        out.update({c: shipped[c] for c in codes - set(out) if c in shipped})
    return out


def summary(expert: Expert, lang: str = "vi", names: dict[str, str] | None = None,
            n_works: int | None = None) -> dict[str, Any]:
    """The public fields of a profile shown in lists (never contact details)."""
    names = names if names is not None else field_names(expert.fields, lang)
    org = expert.organisation
    return {
        "id": expert.pk,
        "name": expert.full_name,
        "display_name": expert.display_name,
        "academic_title": expert.academic_title,
        "academic_title_label": label(ACADEMIC_TITLES, expert.academic_title, lang) if expert.academic_title else "",
        "degree": expert.degree,
        "degree_label": label(DEGREES, expert.degree, lang) if expert.degree else "",
        "organisation": {"code": org.code, "name": org.name(lang)} if org else None,
        "position": expert.position,
        "fields": [{"code": c, "label": names.get(c, c)} for c in expert.fields],
        "interests": expert.interests,
        "orcid": expert.orcid,
        "orcid_url": orcid.url(expert.orcid),
        "works": n_works if n_works is not None else getattr(expert, "n_works", None),
    }


def works_of(expert: Expert, status: str = "confirmed", lang: str = "vi") -> list[dict[str, Any]]:
    """The expert's works with one status, newest first."""
    links = (ExpertWork.objects.filter(expert=expert, status=status).select_related("work")
             .order_by("-work__year", "work__title_sort"))
    return [{"id": x.work_id, "title": x.work.title, "language": x.work.language, "type": x.work.type,
             "type_label": label(WORK_TYPES, x.work.type, lang), "year": x.work.year, "role": x.role,
             "matched_name": x.matched_name, "score": x.score} for x in links]


def profile(expert: Expert, user: Any = None, lang: str = "vi") -> dict[str, Any]:
    """Everything the user may see of a profile: contact only if allowed; suggestions for its owner and admins."""
    from stinet.people.tasks_link import tasks_of

    works = works_of(expert, "confirmed", lang)
    out = {**summary(expert, lang, n_works=len(works)), "works_list": works, "tasks": tasks_of(expert),
           "contact": None, "private": None}
    if rules.sees_contact(user, expert):
        out["contact"] = {"email": expert.email, "phone": expert.phone, "website": expert.website}
    if rules.can_edit(user, expert):
        out["private"] = {"public": expert.public, "show_contact": expert.show_contact,
                          "user": expert.user.get_username() if expert.user_id else None,
                          "other_names": expert.other_names,
                          "suggested": works_of(expert, "suggested", lang),
                          "rejected": works_of(expert, "rejected", lang)}
    return out
