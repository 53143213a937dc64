"""Services that change experts' profiles and their works; every change is checked and audited.

`user` is the acting user (web and API); None means the command line, which the operator of
the installation runs with every right.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.accounts.permissions import is_admin, require
from stinet.catalog.limits import column_limit, too_long
from stinet.catalog.models import FieldOfScience, Organisation, Work
from stinet.catalog.services import CatalogError, audit, get_organisation
from stinet.people import orcid, rules
from stinet.people.directory import shipped_fields
from stinet.people.models import ACADEMIC_TITLES, DEGREES, Expert, ExpertWork
from stinet.people.naming import best_creator, list_order_key, parse_name, search_words
from stinet.search.base import MAX_PAGE_SIZE, SearchRequest
from stinet.vietnamese import clean_spaces, name_key, nfc

MAX_CANDIDATES = 2000  # catalogue works looked at per name form when suggesting works
EDITABLE = ("full_name", "other_names", "academic_title", "degree", "organisation", "position", "fields",
            "interests", "orcid", "email", "phone", "website", "show_contact", "public")
DECISIONS = ("confirmed", "rejected")


class ExpertError(ValueError):
    """A refused change of an expert's profile, with a one-line reason."""


def _label(user: Any, actor: str) -> str:
    """The audit label of the acting user, or the given one (cli, demo)."""
    return user.get_username() if user is not None and getattr(user, "is_authenticated", False) else actor


def _organisation(value: Any) -> Organisation | None:
    """An organisation from an instance, a code, or nothing."""
    if value in (None, ""):
        return None
    try:
        return value if isinstance(value, Organisation) else get_organisation(str(value))
    except CatalogError as exc:
        raise ExpertError(str(exc)) from None


def _fields(codes: Iterable[str]) -> list[str]:
    """Field-of-science codes that exist (Circular 24/2025, or Decision 12/2008), in the given order."""
    wanted = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    known = set(FieldOfScience.objects.filter(code__in=wanted).values_list("code", flat=True))
    unknown = [c for c in wanted if c not in known and c not in shipped_fields()]
    if unknown:
        raise ExpertError(_("field of science %(code)r: not a code of the classification (e.g. 1, 106, 30201)")
                          % {"code": unknown[0]})
    return wanted


def _check(name: str, value: Any) -> Any:
    """One profile value, normalised, or ExpertError naming the problem."""
    if name == "full_name":
        value = parse_name(str(value)).full_name
        if not name_key(value):
            raise ExpertError(_("name: must not be empty"))
    elif name == "other_names":
        value = [clean_spaces(nfc(n)) for n in value if n and n.strip()]
    elif name == "academic_title" and value and value not in ACADEMIC_TITLES:
        raise ExpertError(_("academic title %(value)r: one of %(all)s or none") % {
            "value": value, "all": ", ".join(ACADEMIC_TITLES)})
    elif name == "degree" and value and value not in DEGREES:
        raise ExpertError(_("degree %(value)r: one of %(all)s or none") % {"value": value, "all": ", ".join(DEGREES)})
    elif name == "organisation":
        value = _organisation(value)
    elif name == "fields":
        value = _fields(value)
    elif name == "orcid":
        try:
            value = orcid.validate(str(value or ""))
        except orcid.OrcidError as exc:
            raise ExpertError(str(exc)) from None
    elif name == "email" and value:
        try:
            validate_email(value)
        except ValidationError:
            raise ExpertError(_("email %(value)r: not an e-mail address") % {"value": value}) from None
    elif name == "website" and value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ExpertError(_("website %(value)r: not an http(s) address") % {"value": value}) from None
    elif isinstance(value, str):
        value = clean_spaces(nfc(value)) if name != "interests" else nfc(value).strip()
    if refusal := too_long(name, value, column_limit(Expert, name)):  # a 700,000-character paste was stored
        raise ExpertError(refusal)
    return value


def _apply(expert: Expert, changes: dict[str, Any]) -> None:
    """Set checked values and the derived name keys on an expert (not saved).

    Titles typed in the name ("PGS.TS. ...") fill the academic title and degree left empty.
    """
    if "full_name" in changes:
        parsed = parse_name(str(changes["full_name"]))
        for name, typed in (("academic_title", parsed.academic_title), ("degree", parsed.degree)):
            if typed and not changes.get(name):
                changes = {**changes, name: typed}
    had_orcid = expert.orcid
    for name, value in changes.items():
        setattr(expert, name, _check(name, value))
    if (expert.orcid and expert.orcid != had_orcid
            and Expert.objects.filter(orcid=expert.orcid).exclude(pk=expert.pk).exists()):
        # an ORCID iD is one person's: two profiles with it are one person twice, or a typo (QA 25); one stored
        # before that check does not stop other edits of the profiles sharing it (the form sends the iD unchanged)
        raise ExpertError(_("ORCID %(orcid)s is already the iD of another expert's profile") % {"orcid": expert.orcid})
    expert.name_key = name_key(expert.full_name)[:200]
    expert.sort_name = list_order_key(expert.full_name)
    expert.field_codes = " " + " ".join(expert.fields) + " " if expert.fields else ""


def _snapshot(expert: Expert) -> dict[str, Any]:
    """Profile values for the audit log."""
    out = {name: getattr(expert, name) for name in EDITABLE if name != "organisation"}
    out["organisation"] = expert.organisation.code if expert.organisation_id else None
    out["user"] = expert.user.get_username() if expert.user_id else None
    return out


def create_expert(full_name: str, *, user: Any = None, account: Any = None, actor: str = "cli",
                  **fields: Any) -> Expert:
    """A new profile; titles typed in the name ("PGS.TS. ...") fill the title and degree left empty.

    account: the user the profile belongs to (a user or a user name). Scientists may create only
    their own profile; administrators (and the command line) any.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ExpertError(_("unknown profile field %(name)r") % {"name": sorted(unknown)[0]})
    account = _account(account)
    if user is not None:
        require(is_admin(user) or (account is not None and account.pk == user.pk and rules.may_create_own(user)),
                _("only administrators create profiles for others"))
    with transaction.atomic():
        if account is not None and Expert.objects.filter(user=account).exists():
            raise ExpertError(_("user %(name)r has a profile already") % {"name": account.get_username()})
        expert = Expert(user=account)
        _apply(expert, {"full_name": full_name, **fields})
        expert.save()
        audit(_label(user, actor), "create", expert, after=_snapshot(expert), user=user)
    return expert


def _account(value: Any) -> Any:
    """A user from an instance or a user name (None stays None)."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        found = get_user_model().objects.filter(username__iexact=value.strip()).first()
        if found is None:
            raise ExpertError(_("user %(name)r does not exist") % {"name": value})
        return found
    return value


def update_expert(expert: Expert, changes: dict[str, Any], *, user: Any = None, actor: str = "cli") -> Expert:
    """Change profile values (the scientist themself or an administrator); 'user' relinks (administrators)."""
    if user is not None:
        require(rules.can_edit(user, expert), _("only the scientist and administrators edit this profile"))
    changes = dict(changes)
    account = changes.pop("user", ...)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ExpertError(_("unknown profile field %(name)r") % {"name": sorted(unknown)[0]})
    before = _snapshot(expert)
    with transaction.atomic():
        if account is not ...:
            if user is not None:
                require(is_admin(user), _("only administrators link a profile to a user"))
            account = _account(account)
            if account is not None and Expert.objects.filter(user=account).exclude(pk=expert.pk).exists():
                raise ExpertError(_("user %(name)r has a profile already") % {"name": account.get_username()})
            expert.user = account
        _apply(expert, changes)
        expert.save()
        after = _snapshot(expert)
        audit(_label(user, actor), "update", expert, before={k: v for k, v in before.items() if after[k] != v},
              after={k: v for k, v in after.items() if before[k] != v}, user=user)
    return expert


def delete_expert(expert: Expert, *, user: Any = None, actor: str = "cli") -> None:
    """Remove a profile and its work links (administrators)."""
    if user is not None:
        require(is_admin(user), _("only administrators delete profiles"))
    with transaction.atomic():
        audit(_label(user, actor), "delete", expert, before=_snapshot(expert), user=user)
        expert.delete()


def candidate_work_ids(names: Iterable[str], limit: int = MAX_CANDIDATES) -> list[int]:
    """Works whose creators hold one of the names, or its family and given names (the search index).

    Each query looks at `limit` works at most (newest first), so a very common family and given
    name pair may leave older works with abbreviated middle names unsuggested.
    """
    from stinet.search.service import run

    found: dict[int, None] = {}
    queries: list[str] = []
    for name in names:
        key = name_key(name)
        if key and all(len(p) > 1 for p in key.split()):
            queries.append(f'author:"{key}"')  # the name as written, as a phrase: few, precise
        if words := search_words(name):
            queries.append(" ".join(f"author:{w}" for w in words))  # initials and other middle names
    for q in dict.fromkeys(queries):
        page, seen = 1, 0
        while seen < limit:
            response = run(SearchRequest(q=q, page=page, page_size=MAX_PAGE_SIZE, sort="-year", facets=False,
                                         paging_limit=None))
            found.update(dict.fromkeys(response.ids))
            seen += len(response.ids)
            if not response.ids or seen >= response.total:
                break
            page += 1
    return list(found)


def suggest_works(expert: Expert, *, user: Any = None, actor: str = "cli") -> int:
    """Suggest catalogue works whose creators name the expert; returns how many are new.

    Works already suggested, confirmed or rejected are left alone: a rejected one is never
    suggested again.
    """
    if user is not None:
        require(rules.can_edit(user, expert), _("only the scientist and administrators manage these works"))
    names = expert.names()
    known = set(ExpertWork.objects.filter(expert=expert).values_list("work_id", flat=True))
    ids = [i for i in candidate_work_ids(names) if i not in known]
    links = []
    for start in range(0, len(ids), 1000):
        for work_id, creators in Work.objects.filter(pk__in=ids[start:start + 1000]).values_list("pk", "creators"):
            score, name, role = best_creator(names, creators)
            if score:
                links.append(ExpertWork(expert=expert, work_id=work_id, score=score, matched_name=name[:300],
                                        role=role[:20]))
    with transaction.atomic():
        ExpertWork.objects.bulk_create(links, ignore_conflicts=True)
        if links:
            audit(_label(user, actor), "suggest-works", expert, after={"works": [x.work_id for x in links]},
                  user=user)
    return len(links)


def decide_works(expert: Expert, work_ids: Iterable[int], decision: str, *, user: Any = None,
                 actor: str = "cli") -> int:
    """Confirm or reject works as the expert's; returns how many changed.

    A scientist confirms works suggested to the profile or whose creators bear its names (any may be
    rejected); administrators and the command line link any work.
    """
    if decision not in DECISIONS:
        raise ExpertError(_("decision %(value)r: one of %(all)s") % {"value": decision, "all": ", ".join(DECISIONS)})
    if user is not None:
        require(rules.can_edit(user, expert), _("only the scientist and administrators decide on these works"))
    ids = list(dict.fromkeys(int(i) for i in work_ids))
    works = dict(Work.objects.filter(pk__in=ids).values_list("pk", "creators"))
    missing = [i for i in ids if i not in works]
    if missing:
        raise ExpertError(_("work %(id)s does not exist") % {"id": missing[0]})
    now = timezone.now()
    changed = []
    with transaction.atomic():
        links = {x.work_id: x for x in ExpertWork.objects.select_for_update().filter(expert=expert, work_id__in=ids)}
        if decision == "confirmed" and user is not None and not is_admin(user):
            _check_claims(expert, ids, works, links)
        for work_id in ids:
            link = links.get(work_id)
            if link is None:
                score, name, role = best_creator(expert.names(), works[work_id])
                link = ExpertWork(expert=expert, work_id=work_id, score=score, matched_name=name[:300], role=role)
            if link.status != decision or link.pk is None:
                link.status, link.decided_at = decision, now
                link.save()
                changed.append(work_id)
        if changed:
            audit(_label(user, actor), f"works-{decision}", expert, after={"works": changed}, user=user)
    return len(changed)


def _check_claims(expert: Expert, ids: list[int], works: dict[int, Any], links: dict[int, ExpertWork]) -> None:
    """A scientist confirms only works suggested to the profile or whose creators bear its names.

    Administrators (and the command line) may link any work: a form of the name the matching misses.
    """
    names = expert.names()
    for work_id in ids:
        link = links.get(work_id)
        if link is not None and (link.score or link.status == "confirmed"):
            continue
        if not best_creator(names, works[work_id])[0]:
            raise ExpertError(_("work %(id)s: none of its creators bears this profile's names; ask the network "
                                "administrator to link it") % {"id": work_id})


def decide_work(expert: Expert, work_id: int, decision: str, *, user: Any = None, actor: str = "cli") -> bool:
    """Confirm or reject one work; True when something changed."""
    return bool(decide_works(expert, [work_id], decision, user=user, actor=actor))
