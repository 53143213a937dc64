"""Turning one source row (canonical field -> raw text) into validated catalogue data."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from stinet.catalog.fos import normalise_code
from stinet.ingest.identifiers import DOI_RE, HANDLE_RE, named_kind
from stinet.ingest.types import map_type, repository_type
from stinet.vietnamese import clean_spaces, fold, nfc, parse_person_name, split_people, tokens
from stinet.vietnamese.names import is_organisation

ERROR = "_error"  # a reader's row carrying this key is a record it could not read: rejected with its value

MULTI_SEP = "||"
_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_ISO_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]\d{2}:\d{2}.*)?$")  # a time may follow
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
MIN_YEAR, MAX_YEAR = 1800, 2100
_VN_DATE_RE = re.compile(r"^(?:(\d{1,2})[/.-])?(\d{1,2})[/.-](\d{4})$")
_LANGS = {
    "vi": "vi", "vie": "vi", "vn": "vi", "tieng viet": "vi", "viet": "vi", "vietnamese": "vi",
    "en": "en", "eng": "en", "en_us": "en", "en-us": "en", "tieng anh": "en", "english": "en",
    "fr": "fr", "fre": "fr", "fra": "fr", "tieng phap": "fr", "french": "fr",
    "ru": "ru", "rus": "ru", "tieng nga": "ru", "zh": "zh", "chi": "zh", "tieng trung": "zh",
}
_ACCESS = {
    "public": "public", "open": "public", "openaccess": "public", "open access": "public",
    "cong khai": "public", "mo": "public", "members": "members", "restricted": "members",
    "noi bo": "members", "thanh vien": "members", "metadata": "metadata", "closed": "metadata",
    "metadata only": "metadata", "chi thong tin mo ta": "metadata", "han che": "members",
}
# Access statements of dc.rights (DSpace, OpenAIRE's info:eu-repo/semantics/...Access, Vietnamese words):
# the access level when no local.access says it (a file's column, a harvested record)
RIGHTS = {
    "openaccess": "public", "open access": "public", "open": "public", "public": "public",
    "cong khai": "public", "restrictedaccess": "members", "embargoedaccess": "members",
    "restricted": "members", "restricted access": "members", "thanh vien mang luoi": "members",
    "noi bo": "members", "closedaccess": "metadata", "closed access": "metadata",
    "metadataonlyaccess": "metadata", "chi thong tin mo ta": "metadata",
}
IDENTIFIER_KINDS = ("isbn", "issn", "doi", "handle", "uri", "task", "other")  # task: a task's code (exports)


def rights_access(statement: str) -> str:
    """The access level a dc.rights statement gives ('info:eu-repo/semantics/openAccess', 'Open Access'),
    or '' when it says none (a licence, a copyright line)."""
    text = statement.rsplit("/", 1)[-1] if statement.startswith("info:") else statement
    return RIGHTS.get(" ".join(fold(text).split()), "")


class RowError(ValueError):
    """A row that cannot be imported; the message names the field and the problem."""


def _in_field(name: str, exc: RowError) -> RowError:
    """The problem of a value (RowError) as the problem of the field holding it: "dc.date.issued: ..."."""
    return RowError(": ".join((name, str(exc))))


def _count(n: int) -> str:
    """A count as the interface language writes it (100,000 in English; Django's Vietnamese format groups no digits)."""
    return number_format(n, force_grouping=True)


@dataclass
class WorkData:
    """Normalised values of one incoming record, before it becomes a Work and a Holding."""

    local_id: str
    title: str
    type: str = "other"
    type_label: str = ""
    title_en: str = ""
    creators: list[dict[str, str]] = field(default_factory=list)
    degree: str = ""
    grantor: str = ""
    year: int | None = None
    date: str = ""
    abstract: str = ""
    subjects: list[str] = field(default_factory=list)
    field_code: str = ""
    field_code_old: str = ""
    language: str = ""
    publisher: str = ""
    identifiers: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    call_number: str = ""
    url: str = ""
    access: str = "metadata"
    unmapped_type: str | None = None
    former_id: str = ""  # a derived identifier as imports before 2026-11-23 made it (former_local_id)

    def work_fields(self) -> dict[str, object]:
        """The values stored on the Work model."""
        return {
            "type": self.type, "title": self.title, "title_en": self.title_en,
            "creators": self.creators, "degree": self.degree, "grantor": self.grantor,
            "year": self.year, "date": self.date, "abstract": self.abstract,
            "subjects": self.subjects, "field_code": self.field_code,
            "field_code_old": self.field_code_old, "language": self.language,
            "publisher": self.publisher, "identifiers": self.identifiers, "extra": self.extra,
        }


def split_values(raw: str, loose: bool = False) -> list[str]:
    """Repeated values: '||'-joined (DSpace); with loose, also ';' (Vietnamese spreadsheets)."""
    parts = raw.split(MULTI_SEP)
    if loose and len(parts) == 1:
        parts = raw.split(";")
    return [v for v in (clean_spaces(p) for p in parts) if v]


PEOPLE = frozenset({"dc.contributor.author", "dc.contributor.editor", "dc.contributor.translator",
                    "dc.contributor.advisor", "dc.contributor"})


def split_people_values(raw: str) -> list[str]:
    """The people of a cell: '||'-joined, each part also split at ';' (no name holds one), in every file."""
    return [v for part in split_values(raw) for v in split_values(part, True)]


def parse_date(raw: str) -> tuple[int | None, str]:
    """Year and ISO date (or part) from '2016', '2016-05-12', '20160512', '2016-05-12T00:00:00Z',
    '12/05/2016', '05/2016', 'Năm 2016', '2015-2017' and '2019-20' (the first year); an impossible
    date is refused."""
    text = clean_spaces(raw)
    if not text:
        return None, ""
    if m := _COMPACT_DATE_RE.match(text):  # 20160512
        return _checked(raw, int(m.group(1)), m.group(2), m.group(3))
    if (m := _ISO_DATE_RE.match(text)) and not (m.group(2) and int(m.group(2)) > 12 and not m.group(3)):
        return _checked(raw, int(m.group(1)), m.group(2), m.group(3))  # (2019-20 is a school year)
    if m := _VN_DATE_RE.match(text):
        return _checked(raw, int(m.group(3)), m.group(2), m.group(1))
    if m := _YEAR_RE.search(text):
        return int(m.group(1)), m.group(1)
    raise RowError(_("cannot read %(value)r as a date or year") % {"value": raw})


def _checked(raw: str, year: int, month: str | None, day: str | None) -> tuple[int, str]:
    """(year, ISO date) of a date's parts, or RowError when no calendar has that day."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise RowError(_("%(value)r: the year %(year)s is not between %(min)s and %(max)s")
                       % {"value": raw, "year": year, "min": MIN_YEAR, "max": MAX_YEAR})
    try:
        dt.date(year, int(month or 1), int(day or 1))
    except ValueError:
        raise RowError(_("%(value)r is not a real date (year %(year)s, month %(month)s, day %(day)s)")
                       % {"value": raw, "year": year, "month": month, "day": day or "-"}) from None
    return year, f"{year:04d}" + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")


DERIVED = "auto:"  # starts the identifier derived for a row without one
_TITLE_END = " .,;:!?…"  # what may end a title without making it another record's


def _derived(title: str, data: WorkData, first_author: str) -> str:
    """The identifier derived from a title, the row's year and its first author, as given."""
    return DERIVED + hashlib.sha1("|".join([title, str(data.year or ""), first_author]).encode()).hexdigest()[:16]


def derive_local_id(data: WorkData) -> str:
    """A stable identifier for rows that carry none: a digest of the title (without marks or case, its
    spaces single, without the punctuation that ends it), the year and the first author's words, so that a
    row read again with a full stop added, a mark mended or a space doubled is the same record ("Lập trình
    C++" and "Lập trình C#" stay two)."""
    first = data.creators[0]["name"] if data.creators else ""
    return _derived(" ".join(fold(data.title).split()).rstrip(_TITLE_END), data, " ".join(tokens(first)))


def former_local_id(data: WorkData) -> str:
    """The identifier imports before 2026-11-23 derived for a row without one (of the title and the
    first author folded, punctuation and spaces kept), when it differs from derive_local_id's."""
    first = data.creators[0]["name"] if data.creators else ""
    former = _derived(fold(data.title), data, fold(first))
    return former if former != data.local_id else ""


# The role a marker on a name gives ("Trịnh Quốc Khánh (chủ biên)" is an editor, "Lê Văn Sơn (dịch)" a
# translator) in an author or contributor column.
_MARKED_ROLES = {"editor": "editor", "advisor": "advisor", "author": "author", "translator": "translator"}


def _creators(fields: dict[str, str]) -> list[dict[str, str]]:
    """Creators with roles, names cleaned of academic titles, role markers and 'Last, First' order. A ';'
    separates people in every file (no name holds one), DSpace CSV too, as '||' does."""
    people: list[dict[str, str]] = []
    for key, role in (("dc.contributor.author", "author"), ("dc.contributor.editor", "editor"),
                      ("dc.contributor.translator", "translator"), ("dc.contributor.advisor", "advisor"),
                      ("dc.contributor", "contributor")):
        cell = fields.get(key, "")  # one person a line (Alt+Enter) before the spaces are cleaned
        for raw in (p for line in cell.splitlines() for v in split_people_values(line) for p in split_people(v)):
            person = parse_person_name(raw)
            if person.name:  # two co-authors of one name stay two (dc.creator repeating them: see parsing)
                marked = _MARKED_ROLES.get(person.role) if role in ("author", "contributor") else None
                people.append({"name": person.name, "role": marked or role})
    return people


_ORG_WORDS = ("vu ", "vien ", "bo ", "so ", "cuc ", "truong ", "trung tam", "tt ", "ban ", "phong ",
              "khoa ", "cong ty", "dai hoc", "hoc vien", "phan vien", "uy ban", "ubnd", "tong cuc", "benh vien",
              "co quan", "hoi ", "quy ", "tap doan", "ngan hang", "thu vien", "van phong", "lien hiep", "hiep hoi",
              "nha xuat ban", "nxb ")
# a person's title inside an organisation's line ("Vụ CSHT KS. Phạm Quốc Tuấn"): the person starts there
_TITLE_INSIDE = re.compile(r"\s(?=(?:GS|PGS|TS|TSKH|ThS|KS|BS|CN|DS|NCS|KTS)\.\s?[^\W\d_])")


def _host_and_pi(raw: str) -> tuple[list[str], list[str]]:
    """Split a 'host organisation / principal investigator' cell into organisations and people: a line
    that starts as an organisation's name ("Vụ", "Viện", "TT", "Cơ quan", ...) or is one (is_organisation)
    is the host, up to a person's title in it."""
    orgs: list[str] = []
    people: list[str] = []
    for line in re.split(r"[\n/;]+", raw):
        text = clean_spaces(line).strip(" -,")
        if not text:
            continue
        if not (fold(text + " ").startswith(_ORG_WORDS) or is_organisation(text)):
            people.append(text)
            continue
        host, *person = _TITLE_INSIDE.split(text, maxsplit=1)
        orgs.append(host.strip(" -,"))
        people += [p for p in person if p.strip()]
    return orgs, people


def _identifiers(fields: dict[str, str]) -> dict[str, list[str]]:
    """Identifiers by kind from dc.identifier.* columns: several ISBNs or ISSNs in a cell also apart at ';'
    (none holds one), and an other identifier that names its kind ("ISBN 978-...", "doi:10....", several of
    them apart at ';') of that kind."""
    found: dict[str, list[str]] = {}
    for key, raw in fields.items():
        if not key.startswith("dc.identifier.") or key == "dc.identifier.callnumber":
            continue
        kind = key.removeprefix("dc.identifier.")
        kind = kind if kind in IDENTIFIER_KINDS else "other"
        values = split_values(raw)
        if kind in ("isbn", "issn"):  # "a||b; c"
            values = [v for part in values for v in split_values(part, True)]
        for value in values:
            parts = split_values(value, True) if kind == "other" else []
            named = [n for part in parts if (n := named_kind(part))]
            if named and len(named) == len(parts):  # "ISBN 978-...; ISBN 978-...": each of its kind
                for its_kind, its_value in named:
                    found.setdefault(its_kind, []).append(its_value)
            elif kind in ("doi", "handle") and (link := (DOI_RE if kind == "doi" else HANDLE_RE).match(value)):
                found.setdefault(kind, []).append(link.group(1))  # "https://doi.org/10.1/x", "doi:10.1/x": 10.1/x
            else:
                found.setdefault(kind, []).append(value)
    return found


def _field_code(raw: str) -> str:
    """A field-of-science code as members write it ("1.01", "101 - Toán học", a top field name)."""
    if not raw.strip():
        return ""
    code = normalise_code(raw)
    if code is None:
        raise RowError(_("cannot read %(value)r as a field-of-science code") % {"value": raw})
    return code


def _language(raw: str) -> str:
    """ISO 639-1 code for a language as members write it; of several ("vie||eng", "vi; en"), the first
    known one; an unknown code kept lower-cased when it is a language tag that fits, else none."""
    parts = [p for p in re.split(r"\|\||[;,/]", raw) if p.strip()] or [raw]
    codes = [_language_code(p) for p in parts]
    return next((c for c in codes if c in _LANGS.values()), next((c for c in codes if c), ""))


_TAG = re.compile(r"[a-z]{2,8}(-[a-z0-9]{1,8})*")  # an unknown language kept: a language tag (xml:lang)


def _language_code(raw: str) -> str:
    """One language's ISO 639-1 code, an unknown code as it is (lower-cased), or "" for no code."""
    key = " ".join(fold(raw).split())
    if key in _LANGS:
        return _LANGS[key]
    base = re.split(r"[_\-]", key, maxsplit=1)[0]  # with a region: vi_VN, vi-VN, de_DE
    if base in _LANGS:
        return _LANGS[base]
    return next((c for c in (key, base) if len(c) <= 8 and _TAG.fullmatch(c)), "")  # the field holds 8


def _rights(extra: dict[str, str]) -> str:
    """The access level the dc.rights columns kept as extra data give ('metadata' when none says one)."""
    for header, value in extra.items():
        if header.split("[", 1)[0].strip().lower() == "dc.rights":
            for statement in split_values(value):
                if found := rights_access(statement):
                    return found
    return "metadata"


def _access(raw: str) -> str:
    """Access level code; an unknown value is refused."""
    key = " ".join(fold(raw).split())
    if not key:
        return "metadata"
    if key not in _ACCESS:
        raise RowError(_("local.access: unknown access level %(value)r (public, members, metadata)") % {"value": raw})
    return _ACCESS[key]


def build(fields: dict[str, str], extra: dict[str, str], loose: bool = False) -> WorkData:
    """Validate and normalise one row; raise RowError naming the field when it is unusable."""
    fields = {k: nfc(v) for k, v in fields.items()}
    if "local.host_pi" in fields:
        orgs, people = _host_and_pi(fields.pop("local.host_pi"))
        if people and not fields.get("dc.contributor.author"):
            fields["dc.contributor.author"] = MULTI_SEP.join(people)
        if orgs and not fields.get("dc.publisher"):
            fields["dc.publisher"] = orgs[0]
    titles = split_values(fields.get("dc.title", ""))  # none for a cell of spaces or of "||" alone
    title = titles[0] if titles else ""
    if not title:
        raise RowError(_("dc.title: missing title"))
    try:
        year, date = parse_date(fields.get("dc.date.issued", ""))
    except RowError as exc:
        raise _in_field("dc.date.issued", exc) from None
    codes: dict[str, str] = {}
    for key in ("dc.subject.fos", "dc.subject.fos.old"):
        try:
            codes[key] = _field_code(fields.get(key, ""))
        except RowError as exc:
            raise _in_field(key, exc) from None
    label = clean_spaces(fields.get("dc.type", ""))
    code = (map_type(label) or repository_type(label)) if label else "other"
    urls = split_values(fields.get("dc.identifier.uri", ""))
    data = WorkData(
        local_id=clean_spaces(fields.get("id", "")), title=title, type=code or "other",
        type_label=label, title_en=clean_spaces(fields.get("dc.title.alternative", "")),
        creators=_creators(fields), degree=clean_spaces(fields.get("thesis.degree.name", "")),
        grantor=clean_spaces(fields.get("thesis.degree.grantor", "")), year=year, date=date,
        abstract=fields.get("dc.description.abstract", "").strip(),
        subjects=split_values(fields.get("dc.subject", ""), loose=True),
        field_code=codes["dc.subject.fos"], field_code_old=codes["dc.subject.fos.old"],
        language=_language(fields.get("dc.language.iso", "")),
        publisher=clean_spaces(fields.get("dc.publisher", "")), identifiers=_identifiers(fields),
        extra={k: v for k, v in extra.items() if v.strip()},
        call_number=clean_spaces(fields.get("local.callnumber", "")),
        url=urls[0] if urls and urls[0].startswith(("http://", "https://")) else "",
        access=_access(fields.get("local.access", "")) if fields.get("local.access", "").strip()
        else _rights(extra),
        unmapped_type=label if label and code is None else None,
    )
    if not data.local_id:
        data.local_id = derive_local_id(data)
        data.former_id = former_local_id(data)
    _check_lengths(data)
    return data


# column -> (WorkData attribute, the model field that stores it): longer values do not fit
_STORED_IN = {"id": ("local_id", "Holding"), "thesis.degree.name": ("degree", "Work"),
              "thesis.degree.grantor": ("grantor", "Work"), "dc.publisher": ("publisher", "Work"),
              "local.callnumber": ("call_number", "Holding"), "dc.identifier.uri": ("url", "Holding")}


@lru_cache(maxsize=1)
def _limits() -> tuple[tuple[str, str, int], ...]:
    """(column, attribute, max length) of the values _STORED_IN names, read once from the models."""
    from stinet.catalog.models import Holding, Work

    models = {"Work": Work, "Holding": Holding}
    return tuple((column, attribute, models[model]._meta.get_field(attribute).max_length)
                 for column, (attribute, model) in _STORED_IN.items())


# Bounds of the values without a database limit: far beyond any real record, they stop a broken
# export (a whole file in one cell, 20,000 authors) from filling pages, indexes and OAI-PMH answers.
TEXT_BOUNDS = {"dc.title": ("title", 2_000), "dc.title.alternative": ("title_en", 2_000),
               "dc.description.abstract": ("abstract", 100_000)}
LIST_BOUNDS = {"dc.contributor.author": ("creators", 1_000), "dc.subject": ("subjects", 500)}
# one person's name, one subject: a longer value is a column pasted into the wrong one (an abstract), and
# would stop an XLSX export (a cell holds 32,767 characters)
VALUE_BOUNDS = {"dc.contributor.author": 500, "dc.subject": 1_000}


def _check_lengths(data: WorkData) -> None:
    """RowError for a value longer than its database column (PostgreSQL refuses it; SQLite would
    keep it where PostgreSQL could not, so both refuse it here, row by row), or beyond the bounds
    of the values without one."""
    for column, attribute, limit in _limits():
        value = getattr(data, attribute)
        if len(value) > limit:
            raise RowError(_("%(column)s: %(n)s characters, at most %(limit)s fit (%(start)r...)")
                           % {"column": column, "n": len(value), "limit": limit, "start": value[:40]})
    for column, (attribute, limit) in TEXT_BOUNDS.items():
        if len(value := getattr(data, attribute)) > limit:
            raise RowError(_("%(column)s: %(n)s characters, at most %(limit)s (%(start)r...)")
                           % {"column": column, "n": _count(len(value)), "limit": _count(limit), "start": value[:40]})
    for column, (attribute, limit) in LIST_BOUNDS.items():
        if len(values := getattr(data, attribute)) > limit:
            raise RowError(_("%(column)s: %(n)s values, at most %(limit)s")
                           % {"column": column, "n": _count(len(values)), "limit": _count(limit)})
    longest = {"dc.contributor.author": max((p["name"] for p in data.creators), key=len, default=""),
               "dc.subject": max(data.subjects, key=len, default="")}
    for column, value in longest.items():
        if len(value) > (limit := VALUE_BOUNDS[column]):
            raise RowError(_("%(column)s: %(n)s characters, at most %(limit)s (%(start)r...)")
                           % {"column": column, "n": _count(len(value)), "limit": _count(limit), "start": value[:40]})
