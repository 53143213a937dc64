"""People for the demo: a pool of recurring researchers and one-off student names."""

from __future__ import annotations

from collections.abc import Callable

from stinet.demo.names import (
    FAMILY_WEIGHTS,
    FEMALE_GIVEN,
    FEMALE_MIDDLE,
    FEMALE_MIDDLE2,
    MALE_GIVEN,
    MALE_MIDDLE,
    RESEARCHER_TITLES,
)
from stinet.demo.orgs import ORG_DOMAINS
from stinet.demo.text import expand

FAMILIES = expand(FAMILY_WEIGHTS, 1000)
RESEARCHER_TITLE_TABLE = expand(RESEARCHER_TITLES, 100)
ORG_DOMAIN_TABLES = {org: expand(w, 200) for org, w in ORG_DOMAINS.items()}

# How many of the ~400 recurring researchers work at each member.
POOL_SIZES: dict[str, int] = {
    "DHHP": 70,
    "VMU": 90,
    "HPMU": 70,
    "IMER": 40,
    "HPLIB": 10,
    "HPCIS": 20,
    "VTH": 40,
    "HPUMT": 40,
    "HPCAT": 20,
}


def person_name(r: Callable[[], float]) -> str:
    """Make a gender-consistent Vietnamese full name from a uniform random source."""
    family = FAMILIES[int(r() * 1000)]
    if r() < 0.5:
        middle = MALE_MIDDLE[int(r() * len(MALE_MIDDLE))]
        given = MALE_GIVEN[int(r() * len(MALE_GIVEN))]
    else:
        middle = FEMALE_MIDDLE[int(r() * len(FEMALE_MIDDLE))]
        if middle == "Thị" and r() < 0.2:
            middle += " " + FEMALE_MIDDLE2[int(r() * len(FEMALE_MIDDLE2))]
        given = FEMALE_GIVEN[int(r() * len(FEMALE_GIVEN))]
    return f"{family} {middle} {given}"


class Pool:
    """~400 researchers who recur as authors and advisors across works."""

    def __init__(self, r: Callable[[], float]) -> None:
        """Draw the researchers deterministically from the random source."""
        self.people: list[tuple[str, str, str, str]] = []  # name, title, org, domain
        seen: set[str] = set()
        for org, size in POOL_SIZES.items():
            domains = ORG_DOMAIN_TABLES[org]
            while sum(1 for p in self.people if p[2] == org) < size:
                name = person_name(r)
                if name in seen:
                    continue
                seen.add(name)
                title = RESEARCHER_TITLE_TABLE[int(r() * 100)]
                self.people.append((name, title, org, domains[int(r() * 200)]))
        self.by_org_domain: dict[tuple[str, str], tuple[str, ...]] = {}
        self.by_domain: dict[str, tuple[str, ...]] = {}
        self.advisors: dict[str, tuple[tuple[str, str], ...]] = {}
        for name, title, org, domain in self.people:
            self.by_org_domain[(org, domain)] = self.by_org_domain.get((org, domain), ()) + (name,)
            self.by_domain[domain] = self.by_domain.get(domain, ()) + (name,)
            if title != "ThS.":
                self.advisors[domain] = self.advisors.get(domain, ()) + ((title, name),)
        every = tuple(p[0] for p in self.people)
        every_adv = tuple((t, n) for n, t, _, _ in self.people if t != "ThS.")
        for domain in {d for tables in ORG_DOMAIN_TABLES.values() for d in tables}:
            self.by_domain.setdefault(domain, every)
            self.advisors.setdefault(domain, every_adv)

    def advisor(self, r: Callable[[], float], domain: str) -> str:
        """Pick an advisor in a domain, written with the academic title most of the time."""
        pool = self.advisors[domain]
        title, name = pool[int(r() * len(pool))]
        x = r()
        if x < 0.6:
            return f"{title} {name}"
        if x < 0.7:
            return f"{title.replace('.', '. ').strip()} {name}"  # "PGS. TS. Trần Văn Bình"
        return name
