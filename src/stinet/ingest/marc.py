"""MARC 21 bibliographic records as import rows: canonical field -> text, as a spreadsheet gives.

A Vietnamese library system's usual fields are mapped (see README, "Importing members' files");
a few descriptive fields the catalogue has no place for (250, 300, 490/830, 500, 082/084) are
kept as extra data so nothing important is silently dropped.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

from django.utils.translation import gettext as _
from pymarc import Field, Record

from stinet.catalog.fos import normalise_code
from stinet.ingest.record import ERROR, MULTI_SEP
from stinet.ingest.types import map_type
from stinet.vietnamese import clean_spaces, fold

HEADER = [
    "id", "dc.title", "dc.title.alternative", "dc.contributor.author", "dc.contributor.advisor",
    "dc.contributor.editor", "dc.contributor.translator", "dc.contributor", "dc.date.issued", "dc.type", "dc.subject",
    "dc.description.abstract",
    "dc.publisher", "thesis.degree.name", "thesis.degree.grantor", "dc.subject.fos",
    "dc.language.iso", "dc.identifier.isbn", "dc.identifier.issn", "dc.identifier.doi",
    "dc.identifier.handle", "dc.identifier.other", "dc.identifier.uri", "local.callnumber", "local.access",
]
EXTRA_TAGS = {"082": "marc.082", "084": "marc.084", "250": "marc.250", "300": "marc.300",
              "490": "marc.490", "830": "marc.830", "500": "marc.500", "505": "dc.description.tableofcontents",
              "536": "dc.description.sponsorship", "540": "dc.rights"}
OTHER_DATA_SOURCE = "stinet"  # 887 $2 of a member's column STINet exports as '$a {"name": "value"}' (formats.marcxml)
LANGUAGES = {"vie": "vi", "eng": "en", "fre": "fr", "fra": "fr", "rus": "ru", "chi": "zh", "zho": "zh"}
ADVISOR_ROLES = {"ths", "thesis advisor", "nguoi huong dan", "huong dan", "nguoi huong dan khoa hoc",
                 "advisor", "degree supervisor", "dgs"}
EDITOR_ROLES = {"edt", "editor", "chu bien", "bien tap", "hieu dinh"}
CONTRIBUTOR_ROLES = {"ctb", "contributor", "nguoi tham gia", "thanh vien tham gia", "cong tac vien"}
TRANSLATOR_ROLES = {"trl", "translator", "dich", "nguoi dich", "dich gia", "bien dich"}
# leader/06-07 -> type code when neither 655 nor 502 says
LEADER_TYPES = {("a", "m"): "book", ("t", "m"): "book", ("a", "a"): "article", ("a", "b"): "article",
                ("a", "s"): "article", ("m", ""): "dataset"}
_TRAILING = re.compile(r"[\s/:;=,.]+$")
_SEPARATORS = re.compile(r"\s*[/:;=,]+\s*$|\s+$")
# a name's final "." that belongs to its last word: an initial ("Trần, Văn A."), letters with dots
# ("U.S.A.") or a common abbreviation of names and places ("Inc.", "Co.", "Jr.", "TP.")
# (matched as written, ASCII: "Cơ." and "Nô." are Vietnamese names with an ISBD period; none a given name either:
# "Smith, Ed.")
ABBREVIATIONS = {"inc", "co", "corp", "ltd", "jr", "sr", "cty", "tp", "nxb", "dept", "univ", "bros", "plc", "jsc"}
_ISBN = re.compile(r"[0-9][0-9Xx-]{8,}")
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?(?!\d)")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_THESIS_NOTE = re.compile(r"^(?P<kind>[^(]*)\((?P<degree>[^)]*)\)\s*-*\s*(?P<rest>.*)$")


def trim(text: str, name: bool = False) -> str:
    """A value without ISBD punctuation at its end (' /', ' :', ' ;', ',', '.') and extra spaces; in a
    name, a final "." that ends an initial or an abbreviation ("Trần, Văn A.", "ABC Co.") stays."""
    text = clean_spaces(text or "")
    trimmed = _TRAILING.sub("", text)
    rest = text[len(trimmed):]
    if name and trimmed and rest.startswith("."):
        word = unicodedata.normalize("NFC", trimmed.rsplit(None, 1)[-1])
        if all(len(p) == 1 and p.isalpha() for p in word.split(".")) or word.lower() in ABBREVIATIONS:
            return trimmed + "."
    return trimmed


def _values(record: Record, tags: Iterable[str], code: str) -> list[str]:
    """Trimmed non-empty subfield values of every field with one of the tags."""
    return [v for f in record.get_fields(*tags) for v in (trim(s) for s in f.get_subfields(code)) if v]


def _join(values: Iterable[str]) -> str:
    """Repeated values as the importer expects them: '||'-joined, duplicates dropped."""
    return MULTI_SEP.join(dict.fromkeys(v.replace(MULTI_SEP, "|") for v in values if v))


def _control(record: Record, tag: str) -> str:
    """The data of a control field ('' when absent)."""
    field = record.get(tag)
    return (field.data or "") if field is not None and field.is_control_field() else ""


def local_id(record: Record) -> str:
    """001 control number, prefixed with the 003 organisation code when present."""
    number, agency = _control(record, "001").strip(), _control(record, "003").strip()
    return f"{agency}:{number}" if number and agency else number


def title(record: Record) -> str:
    """245 $a and $b joined with ': ' as a title is typed ("Title: subtitle"; ISBD's " : " is the catalogue's
    punctuation, trimmed as the rest of it): the title a MARCXML export split at its colon comes back the same."""
    field = record.get("245")
    if field is None:
        return ""
    return ": ".join(v for v in (trim(field.get("a", "")), trim(field.get("b", ""))) if v)


def _role(field: Field) -> str:
    """A name field's role from its relator terms ($e) and codes ($4)."""
    for raw in field.get_subfields("e", "4"):
        key = " ".join(fold(trim(raw)).split())
        if key in ADVISOR_ROLES:
            return "advisor"
        if key in EDITOR_ROLES:
            return "editor"
        if key in TRANSLATOR_ROLES:
            return "translator"
        if key in CONTRIBUTOR_ROLES:
            return "contributor"
    return "author"


def people(record: Record) -> dict[str, list[str]]:
    """Names of 100/110/700/710 by role (author, advisor, editor, translator): a person's $a, an
    organisation's $a with its units $b ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam. Viện Hải dương học":
    the institute is the author, not the academy above it)."""
    found: dict[str, list[str]] = {"author": [], "advisor": [], "editor": [], "translator": [], "contributor": []}
    for field in record.get_fields("100", "110", "700", "710"):
        parts = [field.get("a", "")] + (field.get_subfields("b") if field.tag in ("110", "710") else [])
        names = [p for p in (trim(part, name=True) for part in parts) if p]
        name = ". ".join([p.removesuffix(".") for p in names[:-1]] + names[-1:])
        if name:
            found[_role(field)].append(name)
    return found


def _isbns(record: Record) -> list[str]:
    """020 $a without qualifiers such as '(pbk.)'."""
    found = [_ISBN.search(v) for v in _values(record, ["020"], "a")]
    return [m.group(0).rstrip("-") for m in found if m]


def _identifiers(record: Record) -> dict[str, str]:
    """ISBN, ISSN, DOI, handle and other identifiers (024 with first indicator 8: unspecified)."""
    dois, handles, others = [], [], []
    for field in record.get_fields("024"):
        source = fold(field.get("2", ""))
        values = [v.strip() for v in field.get_subfields("a") if v.strip()]
        if field.indicator1 == "7" and source in ("doi", "hdl", "handle"):
            (dois if source == "doi" else handles).extend(values)
        elif field.indicator1 == "8":
            others.extend(values)
    return {"dc.identifier.isbn": _join(_isbns(record)),
            "dc.identifier.issn": _join(_values(record, ["022"], "a")),
            "dc.identifier.doi": _join(dois), "dc.identifier.handle": _join(handles),
            "dc.identifier.other": _join(others)}


def language(record: Record) -> str:
    """041 $a, else 008/35-37, as ISO 639-1 for the common languages (others kept)."""
    codes = [v[i:i + 3] for v in _values(record, ["041"], "a") for i in range(0, len(v), 3)]
    codes.append(_control(record, "008")[35:38])
    for code in (c.strip().lower() for c in codes):
        if len(code) == 3 and code.isalpha() and code not in ("und", "zxx", "mul"):
            return LANGUAGES.get(code, code)
    return ""


def _imprint(record: Record) -> Field | None:
    """The publication statement: 264 with ind2 1, else any 264, else 260."""
    fields = record.get_fields("264")
    return (next((f for f in fields if f.indicator2 == "1"), None) or (fields[0] if fields else None)
            or record.get("260"))


def date(raw: str) -> str:
    """A usable date from '2016-05-12', 'c2015', '[2015]', '2015.' ('' when there is no year)."""
    if m := _ISO_DATE.search(raw):
        return m.group(0)
    m = _YEAR.search(raw)
    return m.group(1) if m else ""


def publication(record: Record) -> tuple[str, str, str]:
    """Publisher, date and the raw date statement (260/264, else 008/07-10)."""
    field = _imprint(record)
    publisher = trim(field.get("b", ""), name=True) if field is not None else ""
    raw = trim(field.get("c", "")) if field is not None else ""
    fixed = _control(record, "008")[7:11]
    return publisher, date(raw) or date(fixed), raw


def thesis(record: Record) -> dict[str, str]:
    """502 dissertation note: degree ($b), grantor ($c), year ($d); or parsed from $a."""
    field = record.get("502")
    if field is None:
        return {}
    degree, grantor, year = (trim(field.get(c, "")) for c in "bcd")
    note = trim(field.get("a", ""))
    if note and not degree and (m := _THESIS_NOTE.match(note)):
        degree = clean_spaces(m.group("degree"))
        rest = m.group("rest")
        year = year or date(rest)
        grantor = grantor or trim(re.sub(r",?\s*\d{4}\W*$", "", rest))
    return {"degree": degree, "grantor": grantor, "year": date(year), "kind": note}


def thesis_type(note: dict[str, str]) -> str:
    """'dissertation' for a doctoral degree, else 'thesis' (from the degree, then the note)."""
    for text in (note.get("degree", ""), note.get("kind", "")):
        key = fold(text)
        if re.search(r"tien si|\bph\.? ?d|doctor|\bd\.? ?sc|luan an|\bts\b", key):
            return "dissertation"
        if re.search(r"thac si|master|\bm\.? ?[as]|\bm\.? ?sc|luan van|\bths\b", key):
            return "thesis"
    return "thesis"


def work_type(record: Record, note: dict[str, str]) -> str:
    """Type label: the first 655 the type table knows, else 502, else the leader, else the first 655."""
    labels = _values(record, ["655"], "a")
    for label in labels:
        if map_type(label) is not None:
            return label
    if note:
        return thesis_type(note)
    leader = str(record.leader)
    kind = LEADER_TYPES.get((leader[6:7], leader[7:8])) or LEADER_TYPES.get((leader[6:7], ""))
    return kind or (labels[0] if labels else "")


def abstract(record: Record) -> str:
    """520 $a (several summaries as paragraphs), with its final full stop kept."""
    return "\n\n".join(v.strip() for f in record.get_fields("520") for v in f.get_subfields("a") if v.strip())


def _is_fos(field: Field) -> bool:
    """A field whose $2 names the Vietnamese field-of-science classification."""
    source = fold(field.get("2", ""))
    return any(word in source for word in ("vnfos", "bkhcn", "linh vuc", "fos"))


def field_of_science(record: Record) -> str:
    """A field-of-science code from 084 $a (or 650 $0) with a Vietnamese classification in $2."""
    for field in record.get_fields("084", "650"):
        if _is_fos(field):
            for raw in field.get_subfields("a" if field.tag == "084" else "0"):
                if (code := normalise_code(raw)) is not None:
                    return code
    return ""


def subjects(record: Record) -> list[str]:
    """650 $a with its subdivisions ($v $x $y $z) joined by ' -- '; 651 and 653 $a."""
    found: list[str] = []
    for field in record.get_fields("650", "651", "653"):
        if field.tag == "650" and _is_fos(field):
            continue  # the field of science, kept as a code
        if field.tag == "650":
            parts = [trim(s.value) for s in field.subfields if s.code in "avxyz" and trim(s.value)]
            found.append(" -- ".join(parts))
        else:
            found.extend(trim(v) for v in field.get_subfields("a"))
    return [s for s in found if s]


def _folded_words(text: str) -> str:
    """Folded text with single spaces, for comparing organisation names and codes."""
    return " ".join(fold(text).split())


def call_number(record: Record, holder: Iterable[str] = ()) -> str:
    """852 $h + $i (or $j) of the holder's 852 ($a/$b naming it), else of the first one with one."""
    names = {_folded_words(n) for n in holder if n}
    numbers: list[tuple[bool, str]] = []
    for field in record.get_fields("852"):
        number = clean_spaces(" ".join(field.get_subfields("h", "i"))) or clean_spaces(field.get("j", ""))
        if number:
            mine = any(_folded_words(v) in names for v in field.get_subfields("a", "b"))
            numbers.append((mine, number))
    return next((n for mine, n in numbers if mine), numbers[0][1] if numbers else "")


def url(record: Record) -> str:
    """The first http(s) link of 856 $u, as written: ISBD punctuation is no part of an address (".../works/27/"
    lost its "/", and was no longer the same page: QA 26)."""
    links = [v.strip() for f in record.get_fields("856") for v in f.get_subfields("u")]
    return next((u for u in links if u.startswith(("http://", "https://"))), "")


def access(record: Record) -> str:
    """Access level from 506 $a and 856 $z: public, members (restricted) or metadata."""
    notes = [_folded_words(v) for v in _values(record, ["506"], "a") + _values(record, ["856"], "z")]
    for note in notes:
        if any(w in note for w in ("unrestricted", "no restriction", "open access", "cong khai",
                                   "khong han che")):
            return "public"
        if any(w in note for w in ("restricted", "han che", "thanh vien", "members", "noi bo")):
            return "members"
    return "metadata"


def extras(record: Record) -> dict[str, str]:
    """Descriptive fields kept as extra data (edition, extent, series, notes, classification, rights,
    funding, contents), and the members' own columns of a STINet export (887 $2 stinet) as they were."""
    found: dict[str, list[str]] = {}
    for field in record.get_fields(*EXTRA_TAGS):
        if field.tag == "084" and _is_fos(field):
            continue
        text = clean_spaces(" ".join(s.value for s in field.subfields if s.code.isalpha()))
        if text:
            # only the separators before a next field go: a final "." may end an abbreviation ("120 tr.",
            # "4th ed.") or a note's sentence, and an export read back keeps its values as they were
            found.setdefault(EXTRA_TAGS[field.tag], []).append(_SEPARATORS.sub("", text) or text)
    kept = {key: "; ".join(values) for key, values in found.items()}
    for field in record.get_fields("887"):
        if field.get("2", "").strip() == OTHER_DATA_SOURCE:
            for text in field.get_subfields("a"):
                for name, value in _other_data(text).items():
                    if name.strip() and name.strip() not in HEADER:
                        kept.setdefault(name.strip(), value)
    return kept


def _other_data(text: str) -> dict[str, str]:
    """887 $a as STINet writes it: a JSON object {"name": "value"} (a name may hold ": "), else "name: value"."""
    try:
        found = json.loads(text)
    except ValueError:
        found = None
    if isinstance(found, dict):
        return {str(k): v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in found.items()}
    name, sep, value = text.partition(": ")
    return {name: value} if sep else {}


def to_row(record: Record, holder: Iterable[str] = ()) -> dict[str, str]:
    """One bibliographic record as canonical field -> text (an ERROR row when unusable)."""
    kind = str(record.leader)[6:7]
    if kind in ("z", "x", "y", "u", "v", "q"):
        return {ERROR: _("not a bibliographic record (leader/06 %(kind)r: authority or holdings data)")
                % {"kind": kind}}
    main = title(record)
    if not main and record.get("200") is not None:
        return {ERROR: _("no 245 title: this looks like UNIMARC (title in 200), only MARC 21 is read")}
    if not main:
        return {ERROR: _("245 $a: missing title")}
    who = people(record)
    publisher, issued, raw_date = publication(record)
    note = thesis(record)
    row = {
        "id": local_id(record), "dc.title": main,
        "dc.title.alternative": next(iter(_values(record, ["246", "242"], "a")), ""),
        "dc.contributor.author": _join(who["author"]), "dc.contributor.advisor": _join(who["advisor"]),
        "dc.contributor.editor": _join(who["editor"]), "dc.contributor.translator": _join(who["translator"]),
        "dc.contributor": _join(who["contributor"]),
        "dc.date.issued": issued or note.get("year", ""),
        "dc.type": work_type(record, note), "dc.subject": _join(subjects(record)),
        "dc.description.abstract": abstract(record),
        "dc.publisher": publisher, "thesis.degree.name": note.get("degree", ""),
        "thesis.degree.grantor": note.get("grantor", ""), "dc.subject.fos": field_of_science(record),
        "dc.language.iso": language(record), **_identifiers(record), "dc.identifier.uri": url(record),
        "local.callnumber": call_number(record, holder), "local.access": access(record),
        **extras(record),
    }
    if raw_date and not row["dc.date.issued"]:
        row["marc.260c"] = raw_date  # a date without a usable year, kept as it was written
    return {k: v for k, v in row.items() if v}
