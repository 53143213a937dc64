"""Demo experts: the demo scientists' profiles and a few dozen frequent creators of the demo catalogue.

Each profile is made from what the catalogue says of the name: the organisation that holds most
of its works, their fields of science and subjects, the titles written before it ("PGS.TS.").
Works are found by the same suggestion service scientists use, and confirmed; the demo
scientists keep a few suggestions waiting so that the confirm step can be tried. Tasks are not
stored: a profile's tasks are looked up when shown (the tasks demo runs after this one).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from stdnum.iso7064 import mod_11_2

from stinet.catalog.models import FieldOfScience, Holding, Suggestion, Work
from stinet.people.models import Expert, ExpertWork
from stinet.people.naming import parse_name
from stinet.vietnamese import name_key

PASSWORD = "stinet-demo-2026"
DEMO_USERS = (("chunhiem1", ("investigator", "scientist")), ("chunhiem2", ("investigator", "scientist")),
              ("chunhiem3", ("investigator", "scientist")), ("nhakhoahoc", ("scientist",)))
FREQUENT = 36  # profiles made for frequent creator names besides the demo users'
WAITING = 3  # suggestions the demo scientists keep to confirm themselves


@dataclass
class Candidate:
    """A creator name of the catalogue: its best spelling, how often it occurs, the titles written with it."""

    name: str
    count: int = 0
    titles: Counter = field(default_factory=Counter)
    degrees: Counter = field(default_factory=Counter)


def frequent_names(limit: int) -> list[Candidate]:
    """The most frequent creator names (titles and spellings merged), most frequent first."""
    merged: dict[str, Candidate] = {}
    for text, count in Suggestion.objects.filter(kind="author").order_by("-count", "text").values_list(
            "text", "count")[:limit * 30]:
        parsed = parse_name(text)
        key = name_key(parsed.full_name)
        if len(key.split()) < 2:
            continue
        found = merged.setdefault(key, Candidate(parsed.full_name))
        if "." in found.name and "." not in parsed.full_name:
            found.name = parsed.full_name  # the spelled-out form rather than initials
        found.count += count
        found.titles[parsed.academic_title] += count
        found.degrees[parsed.degree] += count
    return sorted(merged.values(), key=lambda c: (-c.count, c.name))[:limit]


def demo_orcid(n: int) -> str:
    """A well-formed ORCID iD (right check digit) in the block ORCID has never issued (0000-0009-...)."""
    body = f"000000099{n:06d}"
    number = body + mod_11_2.calc_check_digit(body)
    return "-".join(number[i:i + 4] for i in range(0, 16, 4))


def _profile_values(expert: Expert, candidate: Candidate) -> dict[str, Any]:
    """Organisation, fields, interests, title and degree from the expert's confirmed works."""
    work_ids = list(ExpertWork.objects.filter(expert=expert).values_list("work_id", flat=True))
    orgs = Counter(Holding.objects.filter(work_id__in=work_ids, organisation__is_member=True)
                   .values_list("organisation__code", flat=True))
    codes: Counter = Counter()
    subjects: Counter = Counter()
    types: Counter = Counter()
    for field_code, subject_list, kind in Work.objects.filter(pk__in=work_ids).values_list(
            "field_code", "subjects", "type"):
        if field_code:
            codes[field_code[:3]] += 1
        subjects.update(s for s in subject_list if len(s) < 60)
        types[kind] += 1
    known = set(FieldOfScience.objects.filter(code__in=list(codes)).values_list("code", flat=True))
    advised = ExpertWork.objects.filter(expert=expert, role="advisor").count()
    titles = [t for t, _n in candidate.titles.most_common() if t]
    title = titles[0] if titles else ("PGS" if advised >= 4 else "")  # importers drop titles: guess from advising
    degrees = [d for d, _n in candidate.degrees.most_common() if d]
    degree = degrees[0] if degrees else ("TS" if advised or types.get("dissertation") else "ThS")
    return {"organisation": orgs.most_common(1)[0][0] if orgs else None,
            "fields": [c for c, _n in codes.most_common(2) if c in known],
            "interests": ", ".join(s for s, _n in subjects.most_common(4)),
            "academic_title": title, "degree": degree}


def _demo_user(username: str, roles: tuple[str, ...]) -> Any:
    """The demo user (made by the accounts demo, or here when it is absent) with its roles."""
    from django.contrib.auth import get_user_model

    from stinet.accounts.models import Role
    from stinet.accounts.services import create_user, grant

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = create_user(username, PASSWORD, actor="demo")
    for role in roles:
        if not Role.objects.filter(user=user, role=role).exists():
            grant(user, role, actor="demo")
    return user


def _named(user: Any, name: str) -> None:
    """The demo account goes by its profile's name: the tasks it leads (made after this) name their principal
    investigator after the account, and the profile lists them as its own."""
    if user.get_full_name() != name:
        user.first_name, user.last_name = name[:150], ""
        user.save(update_fields=["first_name", "last_name"])


def _make(candidate: Candidate, n: int, user: Any = None) -> Expert:
    """One demo profile with its works suggested, most of them confirmed, and its details filled in."""
    from stinet.people.services import create_expert, decide_works, suggest_works, update_expert

    slug = name_key(candidate.name).replace(" ", ".")
    expert = create_expert(candidate.name, account=user, actor="demo", email=f"{slug}@example.edu.vn",
                           phone=f"0225 3{n:06d}", show_contact=n % 3 != 1, orcid=demo_orcid(n) if n % 2 else "")
    suggest_works(expert, actor="demo")
    waiting = list(expert.work_links.filter(status="suggested").order_by("-work__year", "work_id")
                   .values_list("work_id", flat=True))
    keep = set(waiting[:WAITING]) if user is not None else set()
    decide_works(expert, [w for w in waiting if w not in keep], "confirmed", actor="demo")
    return update_expert(expert, _profile_values(expert, candidate), actor="demo")


def load() -> Iterator[str]:
    """Create the demo experts unless there are experts already; yields report lines."""
    if Expert.objects.exists():
        yield _("experts: %(n)s profiles exist already; demo experts not loaded again") % {"n": Expert.objects.count()}
        return
    candidates = frequent_names(FREQUENT + len(DEMO_USERS))
    if not candidates:
        yield _("experts: the catalogue has no creator names; no demo experts")
        return
    by_user: dict[str, Expert] = {}
    for i, (username, roles) in enumerate(DEMO_USERS):
        if i < len(candidates):
            user = _demo_user(username, roles)
            by_user[username] = _make(candidates[i], i + 1, user)
            _named(user, candidates[i].name)
    for n, candidate in enumerate(candidates[len(DEMO_USERS):], start=len(DEMO_USERS) + 1):
        _make(candidate, n)
    counts: defaultdict[str, int] = defaultdict(int)
    for status in ExpertWork.objects.values_list("status", flat=True):
        counts[status] += 1
    yield _("experts: %(n)s profiles, %(confirmed)s confirmed works, %(suggested)s suggestions waiting") % {
        "n": Expert.objects.count(), "confirmed": counts["confirmed"], "suggested": counts["suggested"]}
    yield _("experts of the demo users: %(list)s") % {
        "list": ", ".join(f"{u} = {e.display_name}" for u, e in by_user.items())}
