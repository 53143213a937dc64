"""Person names: academic titles, 'Last, First' forms, casing, matching keys, family and given names."""

import re
from functools import lru_cache

from ._tables import FINALS, INITIALS, NUCLEI
from .fold import fold
from .syllable import has_vietnamese_mark, is_syllable
from .text import clean_spaces, nfc

ACADEMIC_TITLES = (
    "GS.TS.", "PGS.TS.", "PGS. TS.", "GS.TSKH.", "PGS.TSKH.",
    "GS.", "PGS.", "TS.", "TSKH.", "ThS.", "KS.", "BS.", "CN.", "DS.", "NCS.",
    "Assoc. Prof.", "Prof.", "Dr.", "PhD.", "Ph.D.",
)
# Atomic titles (compound ones such as "PGS.TS." split into these).
_ATOMS = ("TSKH", "PGS", "NCS", "ThS", "GS", "TS", "KS", "BS", "CN", "DS")
_ENGLISH = ("Assoc. Prof.", "Prof.", "Dr.", "Ph.D.", "PhD.", "PhD")
_LEADING = re.compile(
    r"(?:(?P<en>{})|(?P<vn>{})(?:\.|(?=\s)|$))[\s,]*".format(
        "|".join(re.escape(t) for t in _ENGLISH), "|".join(_ATOMS)
    )
)
_TRAILING = re.compile(r"[\s,]+(?:Ph\.?\s?D\.?|M\.?Sc\.?|MD)\s*$", re.IGNORECASE)

# Common Vietnamese family names, folded (so 'NGUYEN' and 'Nguyễn' both match).
VIETNAMESE_FAMILY_NAMES = frozenset(fold(name) for name in (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn "
    "Vương Trịnh Đinh Lâm Phùng Mai Tô Trương Hà Doãn Cao Lương Tạ Chu Châu Quách Kiều "
    "Thái Văn Khổng Lưu Tăng Triệu Tôn La Nông Mạc Hứa Giang Kim Lại Thân Diệp Âu Từ Hàn "
    "Khúc Lục Ninh Tiêu Quan Đồng Ông Bạch Âu Lã Lò Hầu Vi Viên Mẫn Đàm Lạc Thạch Phí"
).split())
_INITIAL = re.compile(r"^[^\W\d_]\.?$")


def split_titles(s: str) -> tuple[list[str], str]:
    """Split leading academic titles off a name: ('PGS.TS. Lê An') -> (['PGS.', 'TS.'], 'Lê An')."""
    rest = clean_spaces(nfc(s))
    titles: list[str] = []
    while match := _LEADING.match(rest):
        if not match.group():
            break
        titles.append(match.group("en") or match.group("vn") + ".")
        rest = rest[match.end():]
    trailing = _TRAILING.search(rest)
    if trailing:
        titles.append("Ph.D." if "d" in trailing.group().lower() else trailing.group().strip(" ,"))
        rest = rest[: trailing.start()]
    return titles, rest.strip(" ,")


def _recase(name: str) -> str:
    letters = [ch for ch in name if ch.isalpha()]
    if letters and (all(ch.isupper() for ch in letters) or all(ch.islower() for ch in letters)):
        return " ".join(part.capitalize() for part in name.split(" "))
    return name


@lru_cache(maxsize=100_000)  # names recur (advisors, prolific authors)
def clean_person_name(s: str) -> str:
    """Normalise a person's name: NFC, no titles, 'Family, Given' joined, sane case."""
    _, name = split_titles(s)
    if "," in name:
        before, after = (clean_spaces(p) for p in name.split(",", 1))
        first_word = before.split(" ")[0] if before else ""
        if not after:
            name = before
        elif fold(first_word) in VIETNAMESE_FAMILY_NAMES:
            name = f"{before} {after}"  # Vietnamese order: family name first
        else:
            name = f"{after} {before}"  # Western "Last, First"
    name = clean_spaces(name.replace(",", " "))
    name = re.sub(r"\.(?=[^\W\d_])", ". ", name)  # "V.A." -> "V. A."
    return _recase(clean_spaces(name))


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


def _vietnamese_word(word: str) -> bool:
    """A Vietnamese syllable, with or without its marks, or an initial ('V.')."""
    if _INITIAL.match(word):
        return True
    return is_syllable(word) if not word.isascii() else bool(_BARE_SYLLABLE.fullmatch(word.lower()))


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
