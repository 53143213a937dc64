"""Telling whether two records describe the same resource: keys, a score and its reasons.

Pure logic (no database), tested as a table. Two records are never the same when they differ
in year, type, degree, authors or identifiers (annual reports with one title, theses with
generic titles); otherwise the score weighs the folded titles (case, punctuation, diacritics
and OCR-like slips ignored), the authors (Vietnamese name forms, "Last, First", initials)
and the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from stinet.vietnamese import fold, is_bare_syllable, name_key, names_match

AUTO_MERGE = 0.90  # at or above: the same resource
REVIEW = 0.75  # between REVIEW and AUTO_MERGE: a doubtful pair for an administrator
DOUBTFUL_AT_MOST = 0.89  # the score of look-alikes that would merge but for other words in their titles
# Types that may describe one resource; anything else must agree exactly.
_TYPE_GROUPS = ({"thesis"}, {"dissertation"}, {"report"}, {"article", "conference"}, {"book"},
                {"patent"}, {"standard"}, {"dataset"})
# "Tên đề tài : luận văn thạc sĩ kinh tế" -> the part before the designation
_DESIGNATION = re.compile(r"\s*[:;/]\s*(luan van|luan an|bao cao|khoa luan|de tai|thesis|dissertation)\b.*$")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ROMAN = frozenset("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv".split())
# Words a cataloguer writes one for another without changing what the title says ("tại" / "ở"), folded;
# not those a content word folds to as well ("thể", "đê", "quả", "lá", "An" of a place)
_FUNCTION_WORDS = frozenset("o tai cua va trong cho cac nhung voi theo tren duoi mot nham thuoc giua hoac "
                            "of and in for at with by from".split())


@dataclass
class Record:
    """What matching looks at in a work or an incoming record."""

    title: str
    type: str = "other"
    year: int | None = None
    degree: str = ""
    authors: list[str] = field(default_factory=list)
    identifiers: dict[str, list[str]] = field(default_factory=dict)


@lru_cache(maxsize=100_000)
def _normal_title(title: str) -> str:
    """Folded title without punctuation or a trailing designation ("... : luận văn thạc sĩ")."""
    return _NON_WORD.sub(" ", _DESIGNATION.sub("", fold(title))).strip()


# compare() weighs the title 0.65 and the rest at most 0.35: a title less similar than this
# cannot reach REVIEW whatever the authors and year say (unless an identifier is shared).
_TITLE_FLOOR = 100 * (REVIEW - 0.35) / 0.65 - 0.01
TITLE_KEY_LENGTH = 200  # characters of a normal title kept in keys


def title_could_match_key(title: str, key: str) -> bool:
    """Cheap test before loading a work to compare: may a title and another title known by its
    title_key score REVIEW or more? A key of full length may have been cut from a longer title,
    which the test cannot judge (so it passes)."""
    if len(key) >= TITLE_KEY_LENGTH:
        return True
    normal = _normal_title(title)
    return bool(normal and key) and fuzz.ratio(normal, key, score_cutoff=_TITLE_FLOOR) > 0


def title_key(title: str) -> str:
    """The blocking key of a title: its normal form, cut to what an index holds."""
    return _normal_title(title)[:TITLE_KEY_LENGTH]


def initialled(key: str) -> str:
    """A folded name key with its middle names as initials ('do van hung', 'do v hung' -> 'do v hung'):
    the form a catalogue writing "Đỗ V. Hùng" and another writing "Đỗ Văn Hùng" share."""
    parts = key.split(" ")
    return " ".join([parts[0], *(p[:1] for p in parts[1:-1]), parts[-1]]) if len(parts) > 2 else key


def author_year_key(record: Record) -> str:
    """First author's folded name (its middle names as initials) with the year, or '' when either is missing."""
    if not record.authors or not record.year:
        return ""
    return f"{initialled(name_key(record.authors[0]))}|{record.year}"[:200]


def identifier_keys(record: Record) -> list[str]:
    """Normalised ISBN, ISSN+title and DOI keys (an ISSN alone names a journal, not an article)."""
    keys = [f"isbn:{re.sub(r'[^0-9x]', '', v.lower())}" for v in record.identifiers.get("isbn", [])]
    keys += [f"doi:{v.lower().strip().removeprefix('https://doi.org/')}" for v in record.identifiers.get("doi", [])]
    return [k for k in keys if len(k) > 8]


def keys(record: Record) -> list[tuple[str, str]]:
    """(kind, value) blocking keys stored for a work.

    A title is stored with its year ("ty"), or alone for an undated work ("t0"), and also
    alone ("t") for undated records to find; a dated record looks up only its own year
    ("ty") and undated works ("t0"), which keeps common titles (annual reports) cheap.
    """
    title = title_key(record.title)
    found = [("ty", f"{title}|{record.year}") if record.year else ("t0", title), ("t", title)]
    if author_key := author_year_key(record):
        found.append(("author", author_key))
    found += [("ident", k) for k in identifier_keys(record)]
    return [(kind, value[:200]) for kind, value in found if value.split("|")[0]]


def lookup_keys(record: Record) -> list[tuple[str, str]]:
    """(kind, value) keys under which a record's candidate works are looked up."""
    title = title_key(record.title)
    found = [("ty", f"{title}|{record.year}"), ("t0", title)] if record.year else [("t", title)]
    if author_key := author_year_key(record):
        found.append(("author", author_key))
    found += [("ident", k) for k in identifier_keys(record)]
    return [(kind, value[:200]) for kind, value in found if value.split("|")[0]]


@lru_cache(maxsize=100_000)
def title_numbers(title: str) -> tuple[str, ...]:
    """Numbers standing as words in a title (years, volumes, parts: '2011', 'II')."""
    words = _NON_WORD.sub(" ", fold(title)).split()  # the whole title: a designation may carry them
    return tuple(sorted(w for w in words if w.isdigit() or w in _ROMAN))


def type_conflict(a: str, b: str) -> bool:
    """True when two type codes cannot describe one resource ('other' fits anything)."""
    if "other" in (a, b) or a == b:
        return False
    return not any(a in group and b in group for group in _TYPE_GROUPS)


def _authors_conflict(a: list[str], b: list[str]) -> bool:
    """True when both name authors and their first authors are different people."""
    return bool(a and b) and not names_match(a[0], b[0])


def _conflicts(a: Record, b: Record) -> list[str]:
    """Reasons that forbid a merge, whatever the titles say."""
    reasons = []
    if a.year and b.year and a.year != b.year:
        reasons.append(f"years differ ({a.year} / {b.year})")
    if type_conflict(a.type, b.type):
        reasons.append(f"types differ ({a.type} / {b.type})")
    if a.degree and b.degree and fold(a.degree) != fold(b.degree):
        reasons.append("degrees differ")
    if _authors_conflict(a.authors, b.authors):
        reasons.append("authors differ")
    if title_numbers(a.title) != title_numbers(b.title):
        reasons.append("numbers in the titles differ (volume, part or period)")
    ids_a, ids_b = set(identifier_keys(a)), set(identifier_keys(b))
    if ids_a and ids_b and not ids_a & ids_b and {k[:4] for k in ids_a} & {k[:4] for k in ids_b}:
        reasons.append("identifiers differ")
    return reasons


def _slip(a: str, b: str) -> bool:
    """Whether two pieces of titles are one text mistyped, misread or spaced otherwise ("moi" / "rnoi",
    "pho ng" / "phong", "ly" / "li"): up to one edit in a word of three letters, two in longer ones, and
    not from one Vietnamese syllable to another ("binh" / "ninh", "tra" / "tre", "ha" / "hoa": Quảng Bình
    and Quảng Ninh, cá tra and cá trê are other words, which their marks, folded away here, would show)."""
    joined_a, joined_b = a.replace(" ", ""), b.replace(" ", "")
    if OSA.distance(joined_a, joined_b) > (1 if max(len(joined_a), len(joined_b)) <= 3 else 2):
        return False
    words_a, words_b = a.split(), b.split()
    if joined_a == joined_b or len(words_a) != len(words_b):
        return True  # spaced otherwise, or a word torn in two
    return not any(x != y and is_bare_syllable(x) and is_bare_syllable(y) and not _i_for_y(x, y)
                   and not _misread(x, y) for x, y in zip(words_a, words_b, strict=True))


def _i_for_y(a: str, b: str) -> bool:
    """Two spellings of one syllable with i and y (quản lí / lý, kĩ / kỹ, folded)."""
    return a.replace("y", "i") == b.replace("y", "i")


# Letters OCR reads one for another (folded): a word that is another by one of these was misread, even when
# both are syllables ("nghien" / "nghieu")
_MISREAD = (("m", "rn"), ("n", "u"), ("c", "e"), ("h", "b"), ("l", "i"), ("d", "cl"), ("h", "li"), ("w", "vv"))


def _misread(a: str, b: str) -> bool:
    """Whether one word is the other with one letter (or pair) OCR reads for another."""
    for one, other in _MISREAD:
        for x, y in ((a, b), (b, a)):
            at = x.find(one)
            while at >= 0:
                if x[:at] + other + x[at + len(one):] == y:
                    return True
                at = x.find(one, at + 1)
    return False


def other_words(ta: str, tb: str) -> tuple[str, str] | None:
    """The first words one normal title has where the other has other words, neither a slip of the
    other nor a function word written for another: ("bac", "vang") for "vat lieu nano bac" and
    "vat lieu nano vang", the same 90% alike yet two resources (None: no such words)."""
    a, b = ta.split(), tb.split()
    blocks: list[list[int]] = []  # the stretches where the titles differ: [start, end in a, start, end in b]
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        if blocks and blocks[-1][1] == op.src_start and blocks[-1][3] == op.dest_start:
            blocks[-1][1], blocks[-1][3] = op.src_end, op.dest_end  # "ha long" / "halong": one stretch
        else:
            blocks.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    for a_start, a_end, b_start, b_end in blocks:
        left = " ".join(w for w in a[a_start:a_end] if w not in _FUNCTION_WORDS)
        right = " ".join(w for w in b[b_start:b_end] if w not in _FUNCTION_WORDS)
        if left and right and not _slip(left, right):
            return left, right
    return None


_WRITTEN = re.compile(r"[^\W_]+")


def _as_written(title: str, words: str) -> str:
    """Folded words of a normal title as the title writes them, with their marks ("bac": "bạc", which the
    folded form does not tell from "Bắc"); the folded words when they cannot be found so."""
    written = _WRITTEN.findall(title)
    folded = [fold(w) for w in written]
    wanted = words.split()
    for start in range(len(folded) - len(wanted) + 1):
        if folded[start:start + len(wanted)] == wanted:
            return " ".join(written[start:start + len(wanted)])
    return words


def compare(a: Record, b: Record) -> tuple[float, list[str]]:
    """Similarity in [0, 1] and the reasons for it; 0 when something forbids a merge. Titles with other
    words in one place (another material, another district) are at most doubtful: an administrator
    tells a variant from another resource."""
    conflicts = _conflicts(a, b)
    if conflicts:
        return 0.0, conflicts
    if set(identifier_keys(a)) & set(identifier_keys(b)):
        return 1.0, ["same identifier"]
    ta, tb = _normal_title(a.title), _normal_title(b.title)
    title = fuzz.ratio(ta, tb) / 100 if ta and tb else 0.0
    reasons = [f"title {title:.2f}"]
    authors = 0.5  # unknown on one side: neither for nor against
    if a.authors and b.authors:
        authors = 1.0
        reasons.append("same first author")
    year = 1.0 if a.year and a.year == b.year else 0.5
    if year == 1.0:
        reasons.append("same year")
    score = round(0.65 * title + 0.2 * authors + 0.15 * year, 4)
    if score >= AUTO_MERGE and (words := other_words(ta, tb)):
        score = DOUBTFUL_AT_MOST
        reasons.append(f"other words in the titles ({_as_written(a.title, words[0])} / "
                       f"{_as_written(b.title, words[1])})")
    return score, reasons
