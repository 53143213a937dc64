"""Person names: academic titles, 'Last, First' forms, casing, matching keys, family and given names."""

import re
from functools import lru_cache
from typing import NamedTuple

from ._tables import FINALS, INITIALS, NUCLEI
from .fold import fold
from .syllable import has_vietnamese_mark, is_syllable
from .text import clean_spaces, nfc

ACADEMIC_TITLES = (
    "GS.TS.", "PGS.TS.", "PGS. TS.", "GS.TSKH.", "PGS.TSKH.",
    "GS.", "PGS.", "TS.", "TSKH.", "ThS.", "KS.", "BS.", "CN.", "DS.", "NCS.",
    "BSCKI.", "BSCKII.", "BSNT.", "DSCKI.", "DSCKII.",
    "Assoc. Prof.", "Prof.", "Dr.", "PhD.", "Ph.D.",
)
# One title as written: an atom ("PGS", "ThS", "Th.S", "Ths."), a medical specialist title ("BS.CKI",
# "BSCKII", "BS CK2", "BSNT", "DSCKI", read as BS. or DS. and the level), a Vietnamese word ("Tiến sĩ")
# or an English one, ended by a dot, a hyphen or slash ("PGS-TS", "PGS/TS"), a space, or the end.
# None of the atoms is a Vietnamese syllable, so any case is a title ("Ths", "THS"); "T.S." is not
# (an initial, "T.S. Eliot").
# KTS. kiến trúc sư, VS. viện sĩ; NGƯT./NGND. nhà giáo ưu tú/nhân dân, TTƯT./TTND. thầy thuốc ưu tú/nhân dân
_ATOMS = r"TSKH|PGS|NCS|Th\.?S|GS|TS|KTS|KS|BS|CN|DS|VS|LS|NGƯT|NGND|TTƯT|TTND"  # LS. luật sư (lawyer)
_MEDICAL = r"(?P<med>[BD]S)(?:\.?\s?|-)(?P<level>CK[.\s]?(?:II|I|2|1)|NT)"
_ENGLISH = r"Assoc\.\s?Prof\.|Prof\.|Dr\.|Ph\.D\.|PhD\.?"
_WORDS = {  # spelled out, folded -> the title
    "tien si khoa hoc": "TSKH.", "tien sy khoa hoc": "TSKH.", "tien si": "TS.", "tien sy": "TS.",
    "thac si": "ThS.", "thac sy": "ThS.", "pho giao su": "PGS.", "giao su": "GS.", "ky su": "KS.", "ki su": "KS.",
    "bac si": "BS.", "bac sy": "BS.", "duoc si": "DS.", "duoc sy": "DS.", "cu nhan": "CN.", "nghien cuu sinh": "NCS.",
    "luat su": "LS.",
}
# military and police ranks before a name ("Đại tá, TS. Trần Quân"): kept among the titles as written
_RANKS = ("đại tướng", "thượng tướng", "trung tướng", "thiếu tướng", "đại tá", "thượng tá", "trung tá", "thiếu tá",
          "đại úy", "thượng úy", "trung úy", "thiếu úy", "đại uý", "thượng uý", "trung uý", "thiếu uý")
_WORDS |= {fold(rank): rank.capitalize() for rank in reversed(_RANKS)}  # "úy" before "uý": the first spelling
_SPELLED = (r"tiến s[ĩỹ] khoa học|tiến s[ĩỹ]|thạc s[ĩỹ]|phó giáo sư|giáo sư|k[ỹĩ] sư|bác s[ĩỹ]|dược s[ĩỹ]"
            r"|cử nhân|nghiên cứu sinh|luật sư|" + "|".join(sorted(_RANKS, key=len, reverse=True)))
_END = r"(?:[./-]|(?=[\s,;()\[\]]|$))"
_TITLE = re.compile(  # (the look-ahead, case-sensitive, lets most names fail at their first letter)
    rf"(?=[ABCDGKLNPTVabcdgklnptvĐđ])"
    rf"(?i:(?P<en>{_ENGLISH})|{_MEDICAL}{_END}|(?P<vn>{_ATOMS}){_END}|(?P<word>{_SPELLED})(?=[\s,]|$))[\s,]*"
)
# A title as written -> its canonical form; any other spelling is looked up squeezed ("Th.S" -> "ths").
_CANONICAL = {form: atom + "." for atom in ("TSKH", "PGS", "NCS", "ThS", "GS", "TS", "KTS", "KS", "BS", "CN", "DS",
                                           "VS", "LS", "NGƯT", "NGND", "TTƯT", "TTND")
              for form in (atom, atom.lower())}
_CANONICAL |= {"assocprof": "Assoc. Prof.", "prof": "Prof.", "dr": "Dr.", "phd": "Ph.D.", "Dr.": "Dr.",
               "Prof.": "Prof.", "Ph.D.": "Ph.D."}
_LEVELS = {"cki": "CKI.", "ck1": "CKI.", "ckii": "CKII.", "ck2": "CKII.", "nt": "NT."}


def _squeeze(written: str) -> str:
    """A title as written, lower case, without dots and spaces: the key of any other spelling."""
    return written.lower().replace(".", "").replace(" ", "")


# Titles in their usual capitals, after a name and a space only ("Trịnh Quốc Khánh PGS.TS"): "Ks" or
# "ts" there might be part of a name, so lower case counts only after a comma or in brackets; and one
# title of two capitals (or "THS") without a dot might be initials ("Nguyen TS", "Nguyen Van CN"), so
# it counts only with a dot ("CN.") or with another title ("PGS TS"). "PGS", "TSKH", "NCS", "ThS" and
# the medical titles ("BSCKII") count alone.
_TITLES_AFTER_SPACE = re.compile(rf"\s((?:(?:{_MEDICAL}|{_ATOMS}|THS)(?:[./-]\s?|\s|$))+)$")
_INITIALS_OR_TITLE = frozenset(("GS", "TS", "KS", "BS", "CN", "DS", "VS", "LS", "THS"))
_TITLES_ONLY = re.compile(rf"(?=[ABCDGKLNPTVabcdgklnptvĐđ])(?i:(?:{_ENGLISH})|{_MEDICAL}{_END}|(?:{_ATOMS}){_END}"
                          rf"|(?:{_SPELLED})(?=\s|$)|[\s,])+")
_TRAILING = re.compile(r"[\s,]+(?:Ph\.?\s?D\.?|M\.?Sc\.?|MD)\s*$", re.IGNORECASE)
_TRAILING_ENDS = frozenset(("hd", ".d", " d", "md", "sc"))  # how those end when they end in lower case
_BRACKETS = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\.?$")
_ITEMS = re.compile(r"\s*[,;/]\s*")
# Role markers ("(chủ biên)", "- dịch", "Chủ biên: ..."), lower case, with or without their marks -> the
# role they give: "editor", "translator", "advisor", "author", or "" (not a role of the record: stripped only).
_ROLES = {
    "chủ biên": "editor", "đồng chủ biên": "editor", "hiệu đính": "editor", "biên tập": "editor",
    "dịch": "translator", "người dịch": "translator", "dịch giả": "translator", "biên dịch": "translator",
    "hướng dẫn": "advisor", "người hướng dẫn": "advisor", "người hướng dẫn khoa học": "advisor",
    "chủ nhiệm": "author", "đồng chủ nhiệm": "author", "chủ nhiệm đề tài": "author", "chủ trì": "author",
    "tác giả": "author", "đồng tác giả": "author", "biên soạn": "author", "đồng biên soạn": "author",
    "thành viên": "", "thư ký": "", "thư kí": "",
}
_ROLES |= {fold(marker): role for marker, role in _ROLES.items()}
# English markers count in brackets only: "Smith, Ed" is Ed Smith.
_ROLES_IN_BRACKETS = _ROLES | {"cb": "editor", "ed": "editor", "eds": "editor", "editor": "editor", "editors": "editor",
                               "trans": "translator", "translator": "translator"}


class PersonName(NamedTuple):
    """A person's name as typed, taken apart: the clean name, the titles it carried, its role marker."""

    name: str  # NFC, no titles or markers, "Family, Given" joined, sane case
    titles: tuple[str, ...]  # canonical, in the order written: ("PGS.", "TS.")
    role: str  # from a marker: "editor", "translator", "advisor", "author"; "" without one


_new_name = tuple.__new__  # PersonName(...) without its Python-level __new__: 3% of cleaning a name


def _role(text: str, roles: dict[str, str]) -> str | None:
    """The role a marker gives ("" for markers without one); None when the text is not a marker."""
    key = text.lower()  # (spaces are clean already)
    return roles.get(" ".join(key.replace(".", " ").split()) if "." in key else key)


def _take_titles(text: str, titles: list[str]) -> str:
    """The text after its leading titles, which are appended to `titles` in canonical form."""
    while match := _TITLE.match(text):
        kind = match.lastgroup  # "vn", "en", "word", or "level" for a medical title
        written = match[kind]
        if kind == "vn" or kind == "en":
            titles.append(_CANONICAL.get(written) or _CANONICAL[_squeeze(written)])
        elif kind == "level":
            titles += [match["med"].upper() + ".", _LEVELS[_squeeze(written)]]
        else:
            titles.append(_WORDS[" ".join(fold(written).split())])
        text = text[match.end():]
    return text


def _may_be_given_names(head: str, after: str) -> bool:
    """True when the marker or spelled-out title `after` a bare comma may be the given names of
    "Family, Given" ("Nguyễn, Thành Viên", "Le, Dich", "Lê, Tiến Sĩ"): the part before the comma is one
    word, and the marker is not in lower case with its marks after a name that is not ("Nguyễn, dịch").
    Abbreviated titles are no given names ("Nguyen, Ts"); after a longer name a marker is a marker
    ("Trịnh Quốc Khánh, chủ biên", "Tran Quoc Khanh, Chu Bien")."""
    head = head.strip(" ,")
    if " " in head or (after.islower() and not after.isascii() and not head.islower()):
        return False
    return all(_vietnamese_word(word) for word in after.replace(".", " ").split())


def _tail(text: str, titles: list[str]) -> tuple[str, str | None]:
    """Strip one title group or role marker from the end of a name: (rest, role or "" or None)."""
    if text.endswith((")", "]", ").", "].")) and (match := _BRACKETS.search(text)):
        items = [item for item in _ITEMS.split(match.group(1).strip()) if item]
        found = [_role(item, _ROLES_IN_BRACKETS) for item in items]
        if items and all(r is not None or _TITLES_ONLY.fullmatch(item) for item, r in zip(items, found, strict=True)):
            for item, r in zip(items, found, strict=True):
                if r is None:
                    _take_titles(item, titles)
            return text[: match.start()], next((r for r in found if r), "")
        if match.start() and is_organisation(match.group(1)) and not is_organisation(text[: match.start()]):
            return text[: match.start()], ""  # "Nguyễn Văn Giang (Viện Hóa học)": where he works
    for separator in (",", " - ", " – "):
        if separator in text:
            head, _, after = text.rpartition(separator)
            after = after.strip()
            if separator != "," and head.strip() and is_organisation(after) and not is_organisation(head):
                return head, ""  # "Hoàng Văn Phong - Viện Sinh thái" (an organisation's unit stays: "Bộ ... - Cục ...")
            only_titles = _TITLES_ONLY.fullmatch(after)
            role = "" if only_titles else _role(after, _ROLES)
            if role is None or (separator == "," and _may_be_given_names(head, after)):
                continue
            if only_titles:
                _take_titles(after, titles)
            return head, role
    if text[-1:].islower() and text[-2:].lower() not in _TRAILING_ENDS:
        return text, None
    if ((match := _TITLES_AFTER_SPACE.search(text)) and match.start()
            and match.group(1) not in _INITIALS_OR_TITLE and not is_organisation(text)):  # "Sở KH và CN"
        _take_titles(match.group(1), titles)
        return text[: match.start()], ""
    if match := _TRAILING.search(text):
        titles.append("Ph.D." if "h" in match.group().lower() else match.group().strip(" ,"))
        return text[: match.start()], ""
    return text, None


# "và cộng sự", "và cs", "và ctv", "và nnk", "et al.": others unnamed, not part of the name
_ET_AL = re.compile(r"[\s,]+(?:(?:và|va)\s+(?:cộng\s+sự|cong\s+su|cs|ctv|nnk)|et\s+al)\.?$", re.IGNORECASE)


def _split(s: str) -> tuple[list[str], str, str]:
    """(titles, role, name as written) of a typed name: titles and markers before or after it."""
    text = typed = _ET_AL.sub("", clean_spaces(nfc(s)))
    role = ""
    if ":" in text:  # "Chủ biên: PGS.TS. Trịnh Quốc Khánh"
        head, _, rest = text.partition(":")
        if (marked := _role(head.strip(), _ROLES_IN_BRACKETS)) is not None:
            text, role = rest.strip(), marked
    titles: list[str] = []
    text = _take_titles(text, titles)
    if text[-1:].islower() and text[-2:].lower() not in _TRAILING_ENDS and not ("," in text or "-" in text
                                                                              or "–" in text):
        return titles, role, text  # most names: nothing after them
    for _ in range(4):  # "Lê Văn Sơn, PGS.TS (chủ biên)": one group at a time, from the end
        text, marked = _tail(text.rstrip(" ,"), titles)
        if marked is None:
            break
        role = role or marked
    if text := text.strip(" ,"):
        return titles, role, text
    # Nothing left: words that are all syllables are a name, whatever titles they spell ("Cử Nhân",
    # "Tiến Sĩ"); abbreviations or a marker in brackets alone ("PGS.TS.", "(chủ biên)") name nobody.
    typed = typed.strip(" ,")
    if all(_vietnamese_word(word) for word in typed.replace(".", " ").split()):
        return [], "", typed
    return titles, role, ""


def split_titles(s: str) -> tuple[list[str], str]:
    """Split academic titles (before or after) off a name: ('PGS.TS. Lê An') -> (['PGS.', 'TS.'], 'Lê An').

    'Lê An, ThS.', 'Lê An (PGS.TS)', 'BS.CKI Lê An' (-> ['BS.', 'CKI.']) too; role markers such as
    '(chủ biên)' are not titles and are left out of both.
    """
    titles, _role, rest = _split(s)
    return titles, rest


# Common Vietnamese family names, folded (so 'NGUYEN' and 'Nguyễn' both match).
VIETNAMESE_FAMILY_NAMES = frozenset(fold(name) for name in (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn "
    "Vương Trịnh Đinh Lâm Phùng Mai Tô Trương Hà Doãn Cao Lương Tạ Chu Châu Quách Kiều "
    "Thái Văn Khổng Lưu Tăng Triệu Tôn La Nông Mạc Hứa Giang Kim Lại Thân Diệp Âu Từ Hàn "
    "Khúc Lục Ninh Tiêu Quan Đồng Ông Bạch Âu Lã Lò Hầu Vi Viên Mẫn Đàm Lạc Thạch Phí"
).split())
_INITIAL = re.compile(r"^[^\W\d_]\.?$")
# "King, Martin Luther, Jr.": the generation goes after the family name
_GENERATION = re.compile(r",\s*(Jr\.?|Sr\.?|II|III|IV)\s*$")
# "NetLibrary, Inc.": a company's legal form after a comma, not a given name to put first
_LEGAL_FORMS = frozenset(("inc", "ltd", "co", "corp", "llc", "plc", "jsc", "gmbh", "ag", "sa", "s.a", "bv",
                          "co ltd", "co., ltd", "pte ltd"))
_DOT_LETTER = re.compile(r"\.(?=[^\W\d_])")


def _recase(name: str) -> str:
    letters = [ch for ch in name if ch.isalpha()]
    if letters and (all(ch.isupper() for ch in letters) or all(ch.islower() for ch in letters)):
        return " ".join(part.capitalize() for part in name.split(" "))
    return name


@lru_cache(maxsize=100_000)  # names recur (advisors, prolific authors); the result is immutable
def parse_person_name(s: str) -> PersonName:
    """A typed name's clean form, titles and role marker ('Lê Văn Sơn (chủ biên)' -> editor)."""
    titles, role, name = _split(s)
    if "," in name:
        before, after = (clean_spaces(p) for p in name.split(",", 1))
        first_word = before.split(" ")[0] if before else ""
        if not after:
            name = before
        elif fold(after).rstrip(".") in _LEGAL_FORMS:
            return _new_name(PersonName, (f"{before}, {after}", tuple(titles), role))
        elif suffix := _GENERATION.search(after):  # "King, Martin Luther, Jr." -> "Martin Luther King Jr."
            name = f"{after[:suffix.start()]} {before} {suffix.group(1)}"
        elif fold(first_word) in VIETNAMESE_FAMILY_NAMES and not (first_word in _PARTICLES and " " in before):
            name = f"{before} {after}"  # Vietnamese order: family name first ("van der Berg": a particle)
        else:
            name = f"{after} {before}"  # Western "Last, First"
    name = clean_spaces(name.replace(",", " "))
    name = _DOT_LETTER.sub(". ", name)  # "V.A." -> "V. A."
    return _new_name(PersonName, (_recase(clean_spaces(name)), tuple(titles), role))


def split_people(cell: str) -> list[str]:
    """The people of one cell written one per line (Alt+Enter in a spreadsheet) or separated by commas
    when every part is a whole name in Vietnamese order ("PGS.TS. Nguyễn Văn An, Trần Thị Bình"); a
    comma that joins a family name to given names ("Doãn, Văn Minh", "Smith, John") splits nothing."""
    lines = [line for line in re.split(r"[\r\n]+", cell) if line.strip()] or [cell]
    people: list[str] = []
    for line in lines:
        parts = line.split(",") if "," in line else [line]
        if len(parts) > 1 and all(_whole_vietnamese_name(p) for p in parts):
            people.extend(parts)
        else:
            people.append(line)
    return people


def _whole_vietnamese_name(written: str) -> bool:
    """A name of two words or more that starts with a Vietnamese family name (titles and markers aside)."""
    words = parse_person_name(written).name.split(" ")
    return len(words) >= 2 and fold(words[0]) in VIETNAMESE_FAMILY_NAMES


def clean_person_name(s: str) -> str:
    """Normalise a person's name: NFC, no titles or role markers, 'Family, Given' joined, sane case."""
    return parse_person_name(s).name


@lru_cache(maxsize=100_000)
def _parts(s: str) -> tuple[str, ...]:
    """The folded parts of a name ('Nguyễn V. An' -> 'nguyen', 'v.', 'an'); cached: names recur."""
    return tuple(p for p in re.split(r"[^\w.]+|(?<=\.)", fold(clean_person_name(s))) if p.strip("."))


def name_key(s: str) -> str:
    """Folded comparison key: no titles, no punctuation, single spaces."""
    return " ".join(p.strip(".") for p in _parts(s))


def _part_matches(a: str, b: str) -> bool:
    if _INITIAL.match(a) or _INITIAL.match(b):
        return a[0] == b[0]
    return a.strip(".") == b.strip(".")


def names_match(a: str, b: str) -> bool:
    """True if two spellings name the same person ('Nguyễn V. An' ~ 'NGUYEN VAN AN')."""
    pa, pb = _parts(a), _parts(b)
    if not pa or len(pa) != len(pb):
        return False
    return all(_part_matches(x, y) for x, y in zip(pa, pb, strict=True))


# For telling the order of a stored name only: more family names than the importer's list (which
# decides how "Family, Given" is joined and keeps its behaviour), none of them a common given name.
_FAMILY_NAMES = VIETNAMESE_FAMILY_NAMES | frozenset(fold(name) for name in (
    "Giáp Cù Bế Mã Khuất Nghiêm Tống Cấn Chử Đậu Hán Kha Lỗ Lư Ngụy Phó Tào Thiều Ung Vòng Xa Đới "
    "Lều Ôn Bành Ngũ"
).split())
# The commonest family names that are not also given names (Hoàng, Vũ, Dương, Lý are): a name that
# does not start with a family name but ends with one of these is in Western order ("Đức Tài
# Nguyễn", "Tai Nguyen").
_COMMON_FAMILY_NAMES = frozenset(fold(name) for name in (
    "Nguyễn Trần Lê Phạm Huỳnh Phan Võ Bùi Đỗ Hồ Ngô").split())
# Lower-case particles that belong to a Western family name: "Jan van der Berg" -> "van der Berg".
_PARTICLES = frozenset("van von der den de del della di da du dos das ten ter la le zu".split())
# What makes a creator an organisation, not a person: a Vietnamese word for a body leading the
# name ("Bộ Y tế", "Sở KH&CN"), or a phrase or English word anywhere ("Trường Đại học Hải Phòng",
# "Hanoi University"). Given names that are also such words ("Khoa", "Trường") do not count alone.
_ORGANISATION_START = re.compile(r"^(?:bộ|sở|vụ|cục|hội|quỹ|viện)\s", re.IGNORECASE)
_ORGANISATION_WORDS = re.compile(
    r"\b(?:đại học|học viện|phân viện|trung tâm|công ty|tập đoàn|bệnh viện|ủy ban|uỷ ban|ubnd|"
    r"tổng cục|hiệp hội|liên hiệp|nhà xuất bản|nxb|ngân hàng|thư viện|tạp chí|văn phòng|cao đẳng|"
    r"phòng thí nghiệm|university|universit[éà]|institute|institut|ministry|department|committee|"
    r"council|association|society|agency|centre|center|organi[sz]ation|company|corporation|"
    r"foundation|laboratory|academy|hospital|college|commission|office|bureau|inc|ltd)\b|&",
    re.IGNORECASE,
)


def is_organisation(name: str) -> bool:
    """True for a creator that is an organisation ('Viện Hải dương học', 'World Health Organization')."""
    text = clean_spaces(nfc(name))
    return bool(_ORGANISATION_START.match(text) or _ORGANISATION_WORDS.search(text))


# A Vietnamese syllable written without marks ("Nguyen", "Anh"; not "Anderson")
_BARE_SYLLABLE = re.compile("({})?({})({})?".format(
    "|".join(sorted({fold(i) for i in INITIALS}, key=len, reverse=True)),
    "|".join(sorted({fold(n) for n in NUCLEI}, key=len, reverse=True)), "|".join(FINALS)))


def is_bare_syllable(word: str) -> bool:
    """Whether a word written without marks ("binh", "ninh", "nguyen") is shaped as a Vietnamese syllable
    ("rnoi", "nghein", "models" are not)."""
    return bool(_BARE_SYLLABLE.fullmatch(word.lower()))


def _vietnamese_word(word: str) -> bool:
    """A Vietnamese syllable, with or without its marks, or an initial ('V.')."""
    if _INITIAL.match(word):
        return True
    return is_syllable(word) if not word.isascii() else is_bare_syllable(word)


def _vietnamese_order(words: list[str]) -> bool:
    """True when a stored name (two words or more) has its family name first."""
    first, last = fold(words[0]), fold(words[-1])
    if last in _COMMON_FAMILY_NAMES and (first not in _FAMILY_NAMES or first == "van"):
        return False  # "Đức Tài Nguyễn", "Tai Nguyen", "Van Nguyen" (Văn the middle name): Western order
    vietnamese = all(_vietnamese_word(w) for w in words)
    marked = any(has_vietnamese_mark(w) for w in words)
    if first in _FAMILY_NAMES:
        return vietnamese or has_vietnamese_mark(words[0])  # not "Kim Anderson"
    return vietnamese and marked  # a rarer family name: "Ksor" aside, marks tell Vietnamese


def split_name(name: str) -> tuple[str, str]:
    """(family, given) of a stored person name, for citations that want 'Family, Given'.

    Names are stored in display order: Vietnamese family name first ("Nguyễn Đức Tài" ->
    ("Nguyễn", "Đức Tài")), Western names last ("John A. Smith" -> ("Smith", "John A."), "Jan van
    der Berg" -> ("van der Berg", "Jan")). A name still written "Family, Given" is split at its
    comma; a single word is all family name. Organisations are not split (see is_organisation).
    """
    text = clean_spaces(nfc(name)).strip(" ,")
    if "," in text:
        family, given = (clean_spaces(p) for p in text.split(",", 1))
        if family and given:
            return family, given
        text = family or given
    words = text.split(" ")
    if len(words) < 2:
        return text, ""
    if _vietnamese_order(words):
        return words[0], " ".join(words[1:])
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    return " ".join(words[start:]), " ".join(words[:start])
