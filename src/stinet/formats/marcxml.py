"""MARC 21 bibliographic records in MARCXML (MARC21slim), built directly with lxml."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC
from time import monotonic

from lxml import etree

from stinet.catalog.models import FieldOfScience, Holding, Work
from stinet.catalog.vocab import ACCESS_LEVELS, WORK_TYPES
from stinet.ingest.marc import EXTRA_TAGS, OTHER_DATA_SOURCE
from stinet.people.directory import shipped_fields

from .oai_dc import best_access
from .xmltext import XSI, clean

NAMESPACE = "http://www.loc.gov/MARC21/slim"
SCHEMA = "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd"
DATAFIELD, SUBFIELD, CONTROLFIELD = (f"{{{NAMESPACE}}}{name}" for name in ("datafield", "subfield", "controlfield"))
FOS_SOURCE = "TT 24/2025/TT-BKHCN"  # the classification the field codes come from

# ISO 639-1 as stored -> MARC language code
MARC_LANGUAGES = {"vi": "vie", "en": "eng", "fr": "fre", "ru": "rus", "zh": "chi", "de": "ger",
                  "ja": "jpn", "ko": "kor", "lo": "lao", "km": "khm", "es": "spa", "it": "ita"}
# creator role -> (relator term, relator code)
RELATORS = {"author": ("author", "aut"), "editor": ("editor", "edt"), "translator": ("translator", "trl"),
            "advisor": ("thesis advisor", "ths"), "contributor": ("contributor", "ctb")}
# work type -> 008/24 nature of contents (m theses, t technical reports, j patent, s statistics...)
NATURE = {"report": "t", "thesis": "m", "dissertation": "m", "patent": "j", "standard": "u"}
Subfields = Iterable[tuple[str, object]]


def language_code(language: str) -> str:
    """MARC language code of a stored language ('und' when unknown)."""
    code = (language or "").strip().lower()
    if len(code) == 3 and code.isalpha():
        return code
    return MARC_LANGUAGES.get(code, "und")


def leader(work: Work) -> str:
    """Leader: new record, language material (computer file for datasets), monograph or part."""
    kind = "m" if work.type == "dataset" else "a"
    level = "a" if work.type in ("article", "conference") else "m"
    return f"00000n{kind}{level} a2200000uu 4500"


def field_008(work: Work) -> str:
    """Fixed-length data elements (40 characters), filled minimally."""
    entered = work.created_at.astimezone(UTC).strftime("%y%m%d") if work.created_at else "||||||"
    dates = f"s{work.year:04d}    " if work.year else "nuuuu    "
    nature = NATURE.get(work.type, " ").ljust(4)
    conference = "1" if work.type == "conference" else "0"
    books = f"      {nature} {conference}00 0 "  # 18-34
    return f"{entered}{dates}vm {books}{language_code(work.language)} d"


NAMES_KEPT_FOR = 300.0  # seconds the field table's names are remembered: a table loaded by another process (stinet
# fields load) shows in the portal's records at most this long after; the process that loaded it reads it again at once
_names: tuple[float, dict[str, str]] = (-NAMES_KEPT_FOR, {})


def field_name(code: str) -> str:
    """The Vietnamese name of a field-of-science code: the network's table (the 2025 scheme first, then 2008),
    else the shipped one; read whole once for a while, not once a record (an export of every work asks each)."""
    global _names
    read_at, names = _names
    if monotonic() - read_at >= NAMES_KEPT_FOR:
        names = shipped_fields("vi")
        for f in FieldOfScience.objects.order_by("scheme").values("code", "name_vi"):  # 2025 read last: it wins
            names[f["code"]] = f["name_vi"]
        _names = (monotonic(), names)
    return names.get(code, "")


def forget_field_names() -> None:
    """Read the field table again at the next record (a table was loaded; each test has its own)."""
    global _names
    _names = (-NAMES_KEPT_FOR, {})


def _control(record: etree._Element, tag: str, value: str) -> None:
    """Append a control field (its value kept exactly: positions matter)."""
    etree.SubElement(record, CONTROLFIELD, tag=tag).text = clean(value)


def _data(record: etree._Element, tag: str, ind: str, subfields: Subfields, main: str = "") -> None:
    """Append a data field with its non-empty subfields; nothing when all are empty, or its `main` one is (an
    084 with only its source, an 856 with only its label)."""
    values = [(code, clean(str(value)).strip()) for code, value in subfields if value]
    values = [(code, value) for code, value in values if value]
    if not values or main and main not in {code for code, _value in values}:
        return
    field = etree.SubElement(record, DATAFIELD, tag=tag, ind1=ind[0], ind2=ind[1])
    for code, value in values:
        etree.SubElement(field, SUBFIELD, code=code).text = value


def _name(record: etree._Element, tag: str, creator: dict[str, str]) -> None:
    """A personal name (100 or 700) with its relator term and code."""
    name = creator.get("name", "")
    term, code = RELATORS.get(creator.get("role", "author"), RELATORS["contributor"])
    _data(record, tag, ("1" if "," in name else "0") + " ", [("a", name), ("e", term), ("4", code)])


def _identifiers(record: etree._Element, work: Work) -> None:
    """020 ISBN, 022 ISSN, 024 DOI, handle and other numbers, 088 the code of the task a report results from."""
    ids = work.identifiers or {}
    for isbn in ids.get("isbn", []):
        _data(record, "020", "  ", [("a", isbn)])
    for issn in ids.get("issn", []):
        _data(record, "022", "  ", [("a", issn)])
    for kind, source in (("doi", "doi"), ("handle", "hdl")):
        for value in ids.get(kind, []):
            _data(record, "024", "7 ", [("a", value), ("2", source)])
    for value in ids.get("other", []):
        _data(record, "024", "8 ", [("a", value)])
    for code in ids.get("task", []):
        _data(record, "088", "  ", [("a", code)])


def _title(record: etree._Element, work: Work) -> None:
    """245 title proper and remainder (split at the first colon; the importer joins $a and $b with ": ",
    so a title comes back as it was: "Law: a monograph" came back "Law : a monograph", then "Law  :"),
    246 English title."""
    title, _, rest = work.title.partition(": ")
    main = f"{title.rstrip()} :" if rest else title
    _data(record, "245", ("1" if work.authors else "0") + "0", [("a", main), ("b", rest)])
    _data(record, "246", "31", [("a", work.title_en)])


def _publication(record: etree._Element, work: Work, own: bool = False) -> None:
    """264 publication, 502 dissertation note, 506 access, 520 abstract. As a member's `own` record, only
    what the record says, to be read back the same: no publisher or degree filled in, and no access of
    the work (the best of its holders'): its holding's (see _locations)."""
    date = work.date or (str(work.year) if work.year else "")
    _data(record, "264", " 1", [("b", work.publisher if own else work.publisher or work.grantor), ("c", date)])
    if work.type in ("thesis", "dissertation"):
        degree = work.degree if own else work.degree or ("Thạc sĩ" if work.type == "thesis" else "Tiến sĩ")
        _data(record, "502", "  ", [("b", degree), ("c", work.grantor), ("d", work.year)])
    elif work.degree or work.grantor:  # a record typed otherwise that names a degree (QA 26: lost on the way)
        _data(record, "502", "  ", [("b", work.degree), ("c", work.grantor), ("d", work.year)])
    if not own:
        _data(record, "506", "  ", [("a", ACCESS_LEVELS[best_access(work)][0])])
    _data(record, "520", "  ", [("a", work.abstract)])


def _subjects(record: etree._Element, work: Work) -> None:
    """650 field of science, 653 keywords, 655 genre (the type's Vietnamese label)."""
    if work.field_code:
        name = field_name(work.field_code)
        _data(record, "650", " 7", [("a", name or work.field_code), ("0", work.field_code), ("2", FOS_SOURCE)])
    for subject in work.subjects:
        _data(record, "653", "  ", [("a", subject)])
    _data(record, "655", " 4", [("a", WORK_TYPES.get(work.type, WORK_TYPES["other"])[0])])


# extra data (members' columns the catalogue has no field for) -> (tag, indicators): what the MARC importer
# keeps as extra data (ingest.marc.EXTRA_TAGS) goes back to its tag; any other column as a non-MARC
# information field 887 '$a {"name": "value"} $2 stinet', which the importer reads back
EXTRA_INDICATORS = {"082": "04", "490": "0 ", "505": "0 ", "830": " 0"}  # blank for the others
EXTRA_FIELDS = {key: (tag, EXTRA_INDICATORS.get(tag, "  ")) for tag, key in EXTRA_TAGS.items()}


def _extras(record: etree._Element, work: Work) -> None:
    """The work's extra data, every value (see EXTRA_FIELDS)."""
    for key, value in (work.extra or {}).items():
        if key in EXTRA_FIELDS:
            tag, ind = EXTRA_FIELDS[key]
            _data(record, tag, ind, [("a", str(value))])
        else:
            text = json.dumps({key: value}, ensure_ascii=False)  # unambiguous: a name may hold ": "
            _data(record, "887", "  ", [("a", text), ("2", OTHER_DATA_SOURCE)])


ACCESS_NOTES = {"public": "Không hạn chế (open access)", "members": "Hạn chế: thành viên mạng lưới (restricted)"}


def _locations(record: etree._Element, work: Work, url: str, only: Holding | None = None) -> None:
    """852 one per holding (organisation, call number), 856 record page and holdings' links; with
    `only`, that holding alone, as the member's own record: its link (the only 856, since the importer
    takes the first 856 $u as the holding's link) and its access (506)."""
    holdings = [only] if only is not None else list(work.holdings.all())
    for holding in holdings:
        _data(record, "852", "  ", [("a", holding.organisation.name_vi), ("h", holding.call_number)])
    if only is not None:
        _data(record, "856", "41", [("3", only.organisation.name_vi), ("u", only.url)], main="u")
        _data(record, "506", "  ", [("a", ACCESS_NOTES.get(only.access, ""))])
        return
    _data(record, "856", "40", [("u", url)])
    for uri in (work.identifiers or {}).get("uri", []):
        _data(record, "856", "40", [("u", uri)])
    for holding in holdings:
        if holding.url:
            _data(record, "856", "41", [("3", holding.organisation.name_vi), ("u", holding.url)])


def to_element(work: Work, url: str = "", holding: Holding | None = None) -> etree._Element:
    """One work (holdings and their organisations prefetched) as a MARCXML record; with `holding`,
    as that member's record: its identifier (001, and 003 when it has an agency prefix, as the
    importer reads them), its call number, link and access only, so that importing it again with
    the member's code updates its holding in place."""
    record = etree.Element(f"{{{NAMESPACE}}}record", nsmap={None: NAMESPACE, "xsi": XSI})
    record.set(f"{{{XSI}}}schemaLocation", f"{NAMESPACE} {SCHEMA}")
    etree.SubElement(record, f"{{{NAMESPACE}}}leader").text = leader(work)
    if holding is None:
        _control(record, "001", str(work.pk))
    else:
        agency, sep, number = holding.local_id.partition(":")
        _control(record, "001", number if sep and agency and number else holding.local_id)
        if sep and agency and number:
            _control(record, "003", agency)
    if work.updated_at:
        _control(record, "005", work.updated_at.astimezone(UTC).strftime("%Y%m%d%H%M%S.0"))
    _control(record, "008", field_008(work))
    _identifiers(record, work)
    _data(record, "041", "0 ", [("a", language_code(work.language) if work.language else "")])
    _data(record, "084", "  ", [("a", work.field_code), ("2", FOS_SOURCE)], main="a")
    creators = [c for c in work.creators if c.get("name")]
    first = next((c for c in creators if c.get("role", "author") == "author"), None)
    if first is not None:
        _name(record, "100", first)
    _title(record, work)
    _publication(record, work, own=holding is not None)
    _extras(record, work)
    _subjects(record, work)
    for creator in creators:
        if creator is not first:
            _name(record, "700", creator)
    _locations(record, work, url, holding)
    fields = sorted(record.iterchildren(DATAFIELD), key=lambda f: f.get("tag"))  # in tag order, as MARC has them
    for field in fields:
        record.append(field)  # moved to the end, one after the other
    return record
