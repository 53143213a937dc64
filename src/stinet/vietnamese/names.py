"""Person names: academic titles, 'Last, First' forms, casing, matching keys."""

import re
from functools import lru_cache

from .fold import fold
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
