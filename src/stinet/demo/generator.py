"""Generate the demo network's works as DSpace-style CSV rows (one row per holding)."""

from __future__ import annotations

import csv
import os
import random
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from stinet.demo.cases import with_case
from stinet.demo.domains import DDC, DOMAINS
from stinet.demo.names import inverted
from stinet.demo.orgs import (
    HANDLE_PREFIX,
    HUB,
    LIBRARY,
    ORG_BY_CODE,
    ORG_DOMAINS,
    ORGANISATIONS,
    TYPE_ABBR,
    TYPE_HOLDERS,
    TYPE_WEIGHTS,
)
from stinet.demo.people import Pool, person_name
from stinet.demo.phrases import (
    CONFERENCES,
    ODD_LABELS,
    OUTSIDE_GRANTORS,
    RIGHTS,
    TYPE_LABELS,
)
from stinet.demo.records import (
    domain_for_field,
    isbn,
    pick,
    special_abstract,
    special_title,
    study_abstract,
    study_body,
    study_title,
    subjects,
)
from stinet.demo.text import expand, fold, make_issn

__all__ = [
    "ALL_COLUMNS",
    "COLUMNS",
    "DEMO_COLUMNS",
    "ORGANISATIONS",
    "generate",
    "write_csv",
]

COLUMNS: list[str] = [
    "org",
    "id",
    "dc.title",
    "dc.title.alternative",
    "dc.contributor.author",
    "dc.contributor.advisor",
    "dc.date.issued",
    "dc.type",
    "dc.subject",
    "dc.description.abstract",
    "dc.publisher",
    "thesis.degree.name",
    "thesis.degree.grantor",
    "dc.subject.fos",
    "dc.language.iso",
    "dc.identifier.isbn",
    "dc.identifier.issn",
    "dc.identifier.doi",
    "dc.identifier.uri",
    "local.callnumber",
    "local.access",
    "dc.rights",
]
# Hidden columns for tests and demos, not metadata: the pair key of a work held by two
# members, the true work type, and the legacy form the text was written in ("ascii", "tcvn3").
DEMO_COLUMNS: list[str] = ["demo.pair", "demo.type", "demo.encoding"]
ALL_COLUMNS: list[str] = COLUMNS + DEMO_COLUMNS

YEARS = expand(
    tuple(
        (y, 1.11 ** (y - 2000) * (0.85 if y in (2020, 2021) else 1.0) * (0.6 if y == 2025 else 1.0))
        for y in range(2000, 2026)
    ),
    2000,
)
TYPES = expand(TYPE_WEIGHTS, 10000)
HOLDERS = {t: expand(w, 200) for t, w in TYPE_HOLDERS.items()}
ORG_DOMAIN = {o: expand(w, 200) for o, w in ORG_DOMAINS.items()}
LABELS = {t: expand(w, 20) for t, w in TYPE_LABELS.items()}
ACCESS = {
    "thesis": expand((("members", 55), ("metadata", 30), ("public", 15)), 20),
    "report": expand((("metadata", 50), ("members", 35), ("public", 15)), 20),
    "article": expand((("public", 80), ("members", 20)), 20),
    "book": expand((("metadata", 60), ("members", 30), ("public", 10)), 20),
}
ACCESS["dissertation"] = ACCESS["thesis"]
# Per member: website, handle prefix (empty: the library's OPAC), whether it is a university.
SITES = {
    code: (o["website"], HANDLE_PREFIX.get(code, ""), o["kind"] == "university") for code, o in ORG_BY_CODE.items()
}
SPECIAL_KINDS = frozenset({"book", "patent", "standard", "dataset"})
UNIVERSITY_FOR = {"medicine": "HPMU", "maritime": "VMU", "logistics": "VMU", "engineering": "VMU"}
TEXT_FIELDS = (
    "dc.title",
    "dc.contributor.author",
    "dc.contributor.advisor",
    "dc.subject",
    "dc.description.abstract",
    "dc.publisher",
    "thesis.degree.name",
)
# The first works get abstracts written from scratch; past that (benchmarks at 10^6 works)
# the title-independent sentences are reused from a bounded set per domain, type and finding.
FRESH_WORKS = 50_000
BODY_SLOTS = 24
CASE_SHARE = 0.9  # works past FRESH_WORKS whose title names the study's site or case
PAIR_SHARE = 0.08
ASCII_SHARE = 0.03
TCVN3_SHARE = 0.02
ODD_SHARE = 0.005


@lru_cache(maxsize=4096)
def cutter(start: str) -> str:
    """Library shelf mark from a title's first three letters ("NGH" for "Nghiên cứu ...")."""
    return fold(start).upper()


def _tcvn3_encoder() -> Callable[[str], str] | None:
    """The TCVN3 encoder of stinet.vietnamese.legacy, or None while it is not available."""
    try:
        from stinet.vietnamese.legacy import encode
    except ImportError:
        return None
    return lambda text: encode(text, "tcvn3")


class _Generator:
    """State of one generation run: random source, researcher pool, id counters."""

    def __init__(self, seed: int) -> None:
        """Seed everything from one integer so runs are reproducible."""
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security
        self.r = self.rng.random
        self.pool = Pool(self.r)
        self.seq: dict[str, int] = {}
        self.tcvn3 = _tcvn3_encoder()
        self.done = 0
        self.bodies: dict[tuple, tuple[str, str]] = {}

    def local_id(self, org: str, kind: str, year: int) -> tuple[str, int]:
        """Next local identifier in the member's own style, unique per member."""
        seq = self.seq.get(org, 0) + 1
        self.seq[org] = seq
        abbr = TYPE_ABBR[kind]
        if org == "DHHP":
            return f"DHHP-{abbr}-{year}-{seq:04d}", seq
        if org == "VMU":
            return f"VMU/{abbr}/{seq:05d}", seq
        if org == "HPMU":
            return f"HPMU.{abbr}.{year}.{seq:05d}", seq
        if org == "IMER":
            return f"IMER-{seq:06d}", seq
        if org == LIBRARY:
            return f"HPL{seq:07d}", seq
        if org == "HPUMT":
            return f"HPUMT_{abbr}_{seq:05d}", seq
        if org == "VTH":
            return f"VTH-{year}-{seq:04d}", seq
        return f"{org}-{abbr}-{year}-{seq:05d}", seq

    def holding(self, org: str, kind: str, year: int, dom: str, title: str) -> tuple[str, str, str, str]:
        """The member-specific columns: local id, URI, call number, access level."""
        r = self.r
        local, seq = self.local_id(org, kind, year)
        site, prefix, university = SITES[org]
        uri = f"{site}/handle/{prefix}/{seq}" if prefix else f"{site}/opac/ban-ghi/{seq}"
        call = ""
        if org == LIBRARY:
            if kind == "thesis" or kind == "dissertation":
                shelf = seq + 10_000  # "LV 12.345": the library's running number for theses
                call = f"{'LV' if kind == 'thesis' else 'LA'} {shelf // 1000}.{shelf % 1000:03d}"
            elif kind == "report":
                call = f"BC.{seq:04d}"
            else:
                call = f"{DDC[dom]} {cutter(title[:3])}"
        elif university and r() < 0.4:
            call = f"TS.{seq:04d}"
        x = r()
        access = ACCESS.get(kind)
        level = "metadata" if org == LIBRARY and x < 0.6 else access[int(x * 1e4) % 20] if access else "public"
        return local, uri, call, level

    def people(self, org: str, kind: str, dom: str) -> tuple[str, str]:
        """Authors and, for theses and dissertations, advisors ("||"-joined)."""
        r, pool = self.r, self.pool
        if kind == "thesis" or kind == "dissertation":
            mine = pool.by_org_domain.get((org, dom), ())
            author = pick(r, mine) if kind == "dissertation" and mine and r() < 0.3 else person_name(r)
            advisor = pool.advisor(r, dom)
            if kind == "dissertation" and r() < 0.6:
                second = pool.advisor(r, dom)
                if second != advisor:
                    advisor = f"{advisor}||{second}"
            return author, advisor
        x = r()
        count = 1 if x < 0.25 else 2 if x < 0.55 else 3 if x < 0.8 else 4
        mine = pool.by_org_domain.get((org, dom)) or pool.by_domain[dom]
        authors = [pick(r, mine) if r() < 0.75 else person_name(r)]
        for _ in range(count - 1):
            name = pick(r, pool.by_domain[dom]) if r() < 0.5 else person_name(r)
            if name not in authors:
                authors.append(name)
        return "||".join(authors), ""

    def publication(self, org: str, kind: str, dom_key: str, year: int, title: str) -> tuple[str, ...]:
        """Publisher, degree name, grantor, ISBN, ISSN and DOI, as the work type has them."""
        r = self.r
        dom = DOMAINS[dom_key]
        if kind == "thesis" or kind == "dissertation":
            holder = ORG_BY_CODE[org]
            if holder["kind"] == "university":
                grantor = holder["name_vi"]
            elif dom_key in OUTSIDE_GRANTORS and (org != LIBRARY or r() < 0.5):
                grantor = pick(r, OUTSIDE_GRANTORS[dom_key])
            else:
                grantor = ORG_BY_CODE[UNIVERSITY_FOR.get(dom_key, "DHHP")]["name_vi"]
            level = "Thạc sĩ" if kind == "thesis" else "Tiến sĩ"
            return grantor, f"{level} {pick(r, dom.deg)[0]}", grantor, "", "", ""
        if kind == "report":
            funder = "HPDOST" if org == HUB or r() < 0.55 else org
            return ORG_BY_CODE[funder]["name_vi"], "", "", "", "", ""
        if kind == "article":
            journal, issn7, has_doi = pick(r, dom.journals)
            issn = make_issn(issn7)
            doi = f"10.5555/{issn[:4]}{issn[5:]}.{year}.{int(r() * 9e4):05d}" if has_doi and r() < 0.7 else ""
            return journal, "", "", "", issn, doi
        if kind == "book":
            name, code = pick(r, dom.publishers)
            return name, "", "", isbn(r, code), "", ""
        if kind == "conference":
            publisher = pick(r, CONFERENCES)
        elif kind == "patent":
            publisher = "Cục Sở hữu trí tuệ"
        elif kind == "standard":
            publisher = "Bộ Tài nguyên và Môi trường" if "BTNMT" in title else "Bộ Khoa học và Công nghệ"
        else:
            publisher = ORG_BY_CODE[org]["name_vi"]
        return publisher, "", "", "", "", ""

    def work(self) -> tuple[dict[str, str], str]:
        """Draw one work as its first holder's row; also return its topic domain."""
        r = self.r
        kind = TYPES[int(r() * 10000)]
        org = HOLDERS[kind][int(r() * 200)]
        dom = DOMAINS[ORG_DOMAIN[org][int(r() * 200)]]
        year = YEARS[int(r() * 2000)]
        x = r()
        english = x < (dom.english or (0.2 if kind == "article" else 0.065))
        if kind in SPECIAL_KINDS:
            vi, en, fos = special_title(r, kind, dom, year)
            dom = domain_for_field(fos, dom) if kind != "book" else dom
            title = en if english else vi
            abstract = special_abstract(r, kind, dom, title, fos, english, year)
        else:
            vi, en, flag, find = study_title(r, dom, year)
            if self.done >= FRESH_WORKS and r() < CASE_SHARE:  # benchmark sizes: titles as varied as real ones
                vi, en = with_case(r, dom.key, year, vi, en)
            fos = dom.fos[int(r() * 100)]
            title = en if english else vi
            if self.done < FRESH_WORKS:
                body = study_body(r, kind, dom, english, find)
            else:
                key = (dom.key, kind, english, find[0], int(r() * BODY_SLOTS))
                body = self.bodies.get(key)
                if body is None:
                    body = self.bodies[key] = study_body(r, kind, dom, english, find)
            abstract = study_abstract(r, kind, title, flag, english, year, body)
        self.done += 1
        y = r()
        authors, advisors = self.people(org, kind, dom.key)
        publisher, degree, grantor, isbn_, issn, doi = self.publication(org, kind, dom.key, year, title)
        local, uri, call, access = self.holding(org, kind, year, dom.key, title)
        row = {
            "org": org,
            "id": local,
            "dc.title": title,
            "dc.title.alternative": (vi if english else en) if y < (0.5 if english else 0.3) else "",
            "dc.contributor.author": authors,
            "dc.contributor.advisor": advisors,
            "dc.date.issued": f"{year}-{1 + int(y * 4e3) % 12:02d}-{1 + int(y * 1e5) % 28:02d}"
            if y > 0.75
            else str(year),
            "dc.type": LABELS[kind][int(x * 1e5) % 20] if x * 1e3 % 1 > ODD_SHARE else ODD_LABELS[int(x * 1e6) % 5],
            "dc.subject": subjects(r, dom, english),
            "dc.description.abstract": abstract,
            "dc.publisher": publisher,
            "thesis.degree.name": degree,
            "thesis.degree.grantor": grantor,
            "dc.subject.fos": fos,
            "dc.language.iso": "en" if english else "vi",
            "dc.identifier.isbn": isbn_,
            "dc.identifier.issn": issn,
            "dc.identifier.doi": doi,
            "dc.identifier.uri": uri,
            "local.callnumber": call,
            "local.access": access,
            "dc.rights": RIGHTS[int(y * 1e4) % 4].format(org=ORG_BY_CODE[org]["name_vi"]) if y * 1e2 % 1 < 0.15 else "",
            "demo.pair": "",
            "demo.type": kind,
            "demo.encoding": "",
        }
        return row, dom.key

    def partner(self, org: str, kind: str, dom_key: str) -> str:
        """The second member holding a work: mostly the provincial library or the hub."""
        r = self.r
        if kind in ("thesis", "dissertation"):
            if org != LIBRARY:
                return LIBRARY if r() < 0.8 else HUB
            return UNIVERSITY_FOR.get(dom_key, "DHHP")
        if kind == "report":
            return HUB if org != HUB and (org == LIBRARY or r() >= 0.15) else LIBRARY
        return HUB if org == LIBRARY else LIBRARY

    def twin(self, row: dict[str, str], org: str, dom_key: str, key: str) -> dict[str, str]:
        """The same work as catalogued by another member, with slightly different metadata."""
        r = self.r
        kind = row["demo.type"]
        twin = dict(row)
        if r() < 0.7:
            twin["dc.contributor.author"] = "||".join(inverted(a) for a in row["dc.contributor.author"].split("||"))
        title, x = row["dc.title"], r()
        if x < 0.25:
            title += "."
        elif x < 0.4:
            title = title.upper()
        elif x < 0.65 and kind in ("thesis", "dissertation"):
            doc = "Luận văn" if kind == "thesis" else "Luận án"
            title = f"{title} : {doc} {row['thesis.degree.name']}"
        elif x < 0.8:
            title = title.title()
        twin["dc.title"] = title
        twin["dc.type"] = LABELS.get(kind, (row["dc.type"],))[int(r() * 20) % len(LABELS[kind])]
        twin["dc.date.issued"] = row["dc.date.issued"][:4]
        if r() < 0.5:
            twin["dc.description.abstract"] = ""
        if r() < 0.4:
            twin["dc.subject"] = "||".join(s[:1].upper() + s[1:] for s in row["dc.subject"].split("||"))
        twin["dc.rights"] = ""
        row["demo.pair"] = twin["demo.pair"] = key
        year = int(row["dc.date.issued"][:4])
        twin["id"], twin["dc.identifier.uri"], twin["local.callnumber"], twin["local.access"] = self.holding(
            org, kind, year, dom_key, title
        )
        twin["org"] = org
        return twin

    def legacy(self, row: dict[str, str]) -> dict[str, str]:
        """Write a few Vietnamese rows without diacritics or in TCVN3, as members' old data are."""
        x = self.r()
        if x >= ASCII_SHARE + TCVN3_SHARE or row["dc.language.iso"] != "vi":
            return row
        if x < ASCII_SHARE:
            for field in TEXT_FIELDS:
                row[field] = fold(row[field])
            row["demo.encoding"] = "ascii"
        elif self.tcvn3 is not None:
            try:
                converted = {field: self.tcvn3(row[field]) for field in TEXT_FIELDS}
            except (ValueError, LookupError, UnicodeError):
                return row
            row.update(converted)
            row["demo.encoding"] = "tcvn3"
        return row


def generate(n: int = 5200, seed: int = 2015) -> Iterator[dict[str, str]]:
    """Yield rows for n works; ~8% of works are held by two members and yield two rows."""
    g = _Generator(seed)
    legacy, r = g.legacy, g.r
    for index in range(n):
        row, dom_key = g.work()
        if r() < PAIR_SHARE:
            other = g.partner(row["org"], row["demo.type"], dom_key)
            twin = g.twin(row, other, dom_key, f"pair-{index + 1:07d}")
            yield legacy(row)
            yield legacy(twin)
        else:
            yield legacy(row)


def write_csv(path: str | os.PathLike[str], rows: Iterable[dict[str, str]], org: str | None = None) -> int:
    """Write rows (only one member's if org is given) as UTF-8 CSV; return the row count."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=ALL_COLUMNS, restval="")
        writer.writeheader()
        for row in rows:
            if org is None or row["org"] == org:
                writer.writerow(row)
                count += 1
    return count
