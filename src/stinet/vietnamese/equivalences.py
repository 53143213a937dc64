"""Equivalent spellings of common S&T abbreviations (KH&CN = khoa học và công nghệ)."""

import re

from .alternation import alternation
from .fold import fold, search_spelled, search_word
from .spelling import canonical_spelling

__all__ = ["EQUIVALENCE_GROUPS", "canonical_spelling", "equivalence_tokens", "equivalent_forms", "rewrite_query",
           "tokens_of_words"]

# First item: the canonical token; then folded forms ('&' and '-' allowed, spaces
# around them are ignored). 'ĐH' alone is left out: "DH" is too short and too
# ambiguous once folded; 'ĐHQG' (đại học quốc gia) is specific enough.
EQUIVALENCE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("khcn", "kh&cn", "kh-cn", "kh va cn", "khoa hoc va cong nghe", "khoa hoc cong nghe",
     "khoa hoc & cong nghe", "khoa hoc-cong nghe"),
    ("khkt", "kh&kt", "kh-kt", "khoa hoc ky thuat", "khoa hoc va ky thuat",
     "khoa hoc ki thuat", "khoa hoc va ki thuat"),
    ("khxh", "kh&xh", "khoa hoc xa hoi"),
    ("khtn", "kh&tn", "khoa hoc tu nhien"),
    ("cntt", "cn&tt", "cong nghe thong tin"),
    ("dhqg", "dai hoc quoc gia"),
    ("nckh", "nghien cuu khoa hoc"),
    ("gddt", "gd&dt", "gd-dt", "giao duc va dao tao", "giao duc dao tao",
     "giao duc & dao tao"),
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("tphcm", "tp hcm", "tp.hcm", "tp. hcm", "tp ho chi minh", "tp. ho chi minh",
     "thanh pho ho chi minh"),
    ("tp", "tp.", "thanh pho"),
    ("ktxh", "kt-xh", "kt&xh", "kinh te-xa hoi", "kinh te xa hoi", "kinh te va xa hoi",
     "kinh te & xa hoi"),
    ("bvtv", "bao ve thuc vat"),
    ("nnptnt", "nn&ptnt", "nn-ptnt", "nong nghiep va phat trien nong thon",
     "nong nghiep phat trien nong thon", "nong nghiep & phat trien nong thon"),
    ("tnmt", "tn&mt", "tn-mt", "tai nguyen va moi truong", "tai nguyen moi truong",
     "tai nguyen & moi truong"),
    ("csdl", "co so du lieu"),
    ("shtt", "so huu tri tue"),
    ("sxtn", "san xuat thu nghiem"),
    ("cnhhdh", "cnh-hdh", "cnh, hdh", "cong nghiep hoa-hien dai hoa",
     "cong nghiep hoa hien dai hoa", "cong nghiep hoa, hien dai hoa"),
    ("qlnn", "quan ly nha nuoc"),
    ("tcvn", "tieu chuan viet nam"),
    ("ptn", "phong thi nghiem"),
    ("ptntd", "ptn trong diem", "phong thi nghiem trong diem"),
    ("ldtbxh", "ld-tb&xh", "ldtb&xh", "lao dong-thuong binh va xa hoi",
     "lao dong thuong binh va xa hoi", "lao dong thuong binh xa hoi"),
)


_OTHER_CHARS = re.compile(r"[^a-z0-9&\-.,]+")
_ASCII_OTHER = {i: " " for i in range(128) if not re.fullmatch(r"[a-z0-9&\-.,]", chr(i))}
_SPACED_JOINER = re.compile(r" ?([&\-]) ?")  # the rule as a pattern; _normalise does it with replace()


def _normalise(text: str, folded: bool = False) -> str:
    """Folded text with punctuation other than & - , . as spaces, tight around & and -."""
    text = text if folded else fold(text)
    if text.isascii():  # folded text nearly always is: a table and split() beat the pattern
        text = " ".join(text.translate(_ASCII_OTHER).split())
    else:
        text = _OTHER_CHARS.sub(" ", text)  # runs of anything else: one space
    if "&" in text or "-" in text:  # as _SPACED_JOINER does (text has single spaces here)
        text = (text.replace(" & ", "&").replace("& ", "&").replace(" &", "&")
                .replace(" - ", "-").replace("- ", "-").replace(" -", "-"))
    return text.strip()


def _build() -> tuple[re.Pattern[str], dict[str, str]]:
    canonical = {_normalise(form): group[0] for group in EQUIVALENCE_GROUPS for form in group}
    canonical |= {search_spelled(form): token for form, token in canonical.items()}  # texts folded for search
    pattern = re.compile(rf"(?<![a-z0-9&\-]){alternation(canonical)}(?![a-z0-9&\-])")
    return pattern, canonical


_PATTERN, _CANONICAL = _build()


def equivalence_tokens(text: str, folded: bool = False) -> list[str]:
    """Canonical tokens of every group one of whose forms occurs in `text` (folded or not)."""
    found: list[str] = []
    for match in _PATTERN.finditer(_normalise(text, folded)):
        token = _CANONICAL[match.group()]
        if token not in found:
            found.append(token)
    return found


_FORMS: dict[str, tuple[tuple[str, ...], ...]] = {  # in the search spelling of i/y (ki thuat = ky thuat)
    group[0]: tuple(dict.fromkeys(tuple(search_word(w) for w in re.findall(r"[a-z0-9]+", form)) for form in group))
    for group in EQUIVALENCE_GROUPS
}


def equivalent_forms(token: str) -> tuple[tuple[str, ...], ...]:
    """The folded words (search spelling) of every form of the group whose canonical token this is.

    'khcn' gives ('khcn',), ('kh', 'cn'), ('kh', 'va', 'cn'), ('khoa', 'hoc', 'va', 'cong', 'nghe'), ...:
    a search for one form also finds texts that carry another written out, where indexing found
    no token (a form followed by " - ", a publisher or a full text).
    """
    return _FORMS.get(token, ())


def _prefixes() -> dict[str, tuple[str, ...]]:
    """Each form's words -> the tokens of the forms that are it or its first words (phrase ptn, ptntd)."""
    tokens_of = {" ".join(words): token for token, forms in _FORMS.items() for words in forms}
    return {form: tuple(dict.fromkeys(tokens_of[other] for other in tokens_of
                                      if form == other or form.startswith(other + " ")))
            for form in tokens_of}


_WITHIN = _prefixes()
# searched in bytes (folded text is ASCII nearly always: a byte table and split() are three times faster
# than a pattern); the first byte of the pattern a literal space, which re finds fast
_AFTER_SPACE = re.compile(rf" ({alternation(_WITHIN)})(?= |$)".encode())
_WORD_BYTES = bytes(ord(chr(b).lower()) if chr(b).isalnum() and b < 128 else 32 for b in range(256))
_NOT_WORD = re.compile(r"[\W_]+")


def tokens_of_words(text: str) -> list[str]:
    """Canonical tokens of the groups one of whose forms has its words one after the other in `text`
    (folded, in the search spelling), whatever but words is between them: where a search engine's
    phrase query of the forms finds them ("khoa học, công nghệ", "KH&CN-MT", "phòng thí nghiệm
    trọng điểm": ptn and ptntd; overlapping forms each), unlike equivalence_tokens, which takes the
    written forms only."""
    if text.isascii():
        words = b" " + b" ".join(text.encode().translate(_WORD_BYTES).split())
    else:  # a letter beyond ASCII is part of its word, as the engine's word splitter has it
        words = (" " + " ".join(_NOT_WORD.sub(" ", text).lower().split())).encode()  # split, then lower: "İ"
    found: dict[str, None] = {}
    start = 0
    while match := _AFTER_SPACE.search(words, start):
        found.update(dict.fromkeys(_WITHIN[match.group(1).decode()]))
        start = match.start() + 1  # from the next word: a form that overlaps this one is found too
    return list(found)


def rewrite_query(text: str) -> tuple[str, list[str]]:
    """Return the folded query with matched forms removed, and their canonical tokens."""
    normalised = _normalise(text)
    found = equivalence_tokens(text)
    rest = _PATTERN.sub(" ", normalised)
    rest = re.sub(r"[\s,.]+", " ", re.sub(r"(?<![a-z0-9])[&\-]|[&\-](?![a-z0-9])", " ", rest))
    return rest.strip(), found
