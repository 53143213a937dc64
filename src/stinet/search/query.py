"""The user's query language, parsed into clauses every backend understands.

    đa dạng sinh học            all words must match (any field); adjacent words rank higher
    "cây chè"                   a phrase
    title:biển author:"Nguyễn Văn An" subject:san hô   fielded (title, author, subject, abstract)
    -rạn                        exclusion (also -"phrase", -title:x)
    year:2015..2020 year:2018 year:2015.. year:..2010
    isbn:978-604-1-2345-6 issn:1859-3100 doi:10.1234/abc   identifiers (ISBN 978..., a DOI's address too)
    type:thesis org:HPU field:1 language:vi access:public     filters
    KH&CN = KHCN = khoa học và công nghệ   equivalent forms (see vietnamese.equivalences)
    biển OR sông, "san hô" OR title:rạn    either item; AND says nothing more, NOT x is -x
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from rapidfuzz.distance import OSA

from stinet.vietnamese import (
    VIETNAMESE_FAMILY_NAMES,
    canonical_spelling,
    clean_person_name,
    equivalence_tokens,
    equivalent_forms,
    exact_tokens,
    rewrite_query,
    search_tokens,
    search_word,
    split_titles,
    tokens,
)

# The word between two values of a field in the search documents (two subjects, two authors): the
# engines number words one after the other, so without it a phrase ran across two values
# ("cảng biển" + "đội tàu" matched "biển đội"). Queries never search it.
VALUE_GAP = "zzvgapzz"
TEXT_FIELDS = ("title", "author", "subject", "abstract")
FILTER_FIELDS = ("type", "org", "field", "language", "access")
_ALIASES = {"tacgia": "author", "tac_gia": "author", "ti": "title", "au": "author",
            "su": "subject", "kw": "subject", "nhande": "title", "chude": "subject",
            "nam": "year", "loai": "type"}
ID_KINDS = ("isbn", "issn")  # kept as one word each too (compact_identifier, marked_identifier)
ID_FIELDS = (*ID_KINDS, "doi")  # an identifier anywhere: isbn:978-604-..., doi:10.1234/abc
# "ISBN 978...", "issn: 1859-3100", "DOI 10.1234/..." and a DOI's address: read as the identifier's item
# ("doi" typed without marks is also đổi, đời, đôi: a DOI only before "10.", as every DOI starts)
_ID_PREFIX = re.compile(r"(?i)(?<![\w:/.])(?:https?://(?:dx\.)?doi\.org/|(isbn|issn)(?:\s*:\s*|\s+)(?=\d)"
                        r"|(doi)(?:\s*:\s*|\s+)(?=10\.))")
_ISBN_SHAPE = re.compile(r"[\d][\d-]{8,15}[\dXx]")  # hyphenated: one word of its digits (10 or 13)
ITEM_RE = re.compile(r'(-?)\(*(?:([A-Za-z_]+):)?(?:"([^"]*)"?|(\S+))')  # sign, brackets, field, phrase or word
_YEAR_RE = re.compile(r"^(\d{4})?(\.\.)?(\d{4})?$")


class SearchError(ValueError):
    """A request the search cannot serve, with a one-line reason."""


@dataclass
class Clause:
    """Words that must (or, negated, must not) match, as a phrase or as separate terms."""

    words: list[str]  # folded tokens in the search spelling of i/y (vietnamese.search_tokens)
    exact: list[str]  # lower-case NFC tokens with their diacritics
    field: str | None = None  # None: any text field
    phrase: bool = False
    negate: bool = False
    # a person's name as the catalogue may write it with initials ("trinh q khanh" for "Trịnh Quốc
    # Khánh"): each a phrase in the people's names that satisfies the clause too
    variants: tuple[tuple[str, ...], ...] = ()
    # a name typed with initials ("nguyen v an"): the works whose names fit it ("Nguyễn Văn An", "Nguyễn
    # V. An", not "Nguyễn Xuân An") rank first; its one-letter words stand for any word they start
    initialled_as: tuple[str, ...] = ()
    initials_required: bool = False  # every given name an initial ("Nguyen, V.A."): only the names that fit it
    # "biển OR sông": the clause holds when any of these does (its words and exact words are theirs,
    # all of them, for ranking and highlighting)
    any_of: tuple[Clause, ...] = ()
    # an equivalence group's token (KH&CN) an item of an OR group is: any of the group's forms, its words
    # those written (for highlighting)
    group: str = ""
    # the first digits of an ISBN or ISSN (isbn:978-604, a publisher's books): its kind, "isbn" or "issn";
    # its one word is then the start of an identifier of that kind, looked for as the start of a word of
    # `marked_identifier` (not of any word: a handle's 9786/12 or a number in a text is no ISBN)
    identifier_prefix: str = ""

    @property
    def looks_like_a_name(self) -> bool:
        """author:, or 2-5 words starting with a Vietnamese family name ("Nguyễn Văn An", not "hải phòng"):
        the words side by side in the people's names then rank a work first."""
        return not self.any_of and (self.field == "author" or (
            2 <= len(self.words) <= 5 and self.words[0] in VIETNAMESE_FAMILY_NAMES))


@dataclass
class ParsedQuery:
    """A parsed query: text clauses, equivalence tokens, year range and filters."""

    raw: str = ""
    clauses: list[Clause] = field(default_factory=list)
    equivalences: list[str] = field(default_factory=list)
    excluded_equivalences: list[str] = field(default_factory=list)  # -KHCN: none of the group's forms
    year_from: int | None = None
    year_to: int | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)  # type:thesis (any of a name's values)
    excluded: dict[str, list[str]] = field(default_factory=dict)  # -type:thesis (none of them)
    excluded_years: list[tuple[int | None, int | None]] = field(default_factory=list)  # -year:2020

    @property
    def asks_nothing(self) -> bool:
        """True when the query restricts nothing at all: no word, filter, year or exclusion."""
        return (self.is_empty and not self.excluded_equivalences and not self.filters and not self.excluded
                and self.year_from is None and self.year_to is None and not self.excluded_years)

    @property
    def is_empty(self) -> bool:
        """True when nothing restricts the text (browse everything, filters aside)."""
        return not self.clauses and not self.equivalences

    def highlight_words(self, field: str | None = None, phrases: bool = False) -> set[str]:
        """Folded words to highlight in a field of the results: those searched there or in any field
        (not the excluded ones; author:"Nguyễn Văn An" marks nothing in a title); a quoted phrase's words only
        with `phrases` (a full text's passage is found by its words), else they are marked side by side only."""
        return {w for c in self.clauses if not c.negate
                for item in (c.any_of if c.any_of and not c.phrase else (c,))  # an OR's items: each in its field
                if item.field in (None, field) and (phrases or not _marked_as_phrase(item)) for w in item.words}

    def highlight_phrases(self, field: str | None = None) -> list[tuple[str, ...]]:
        """Folded word sequences to highlight in a field of the results: the forms of the query's equivalences
        (KHCN: "khcn", "kh cn", "khoa hoc va cong nghe", ...) wherever found, and those of a clause searched
        there or in any field: its quoted phrases (in an OR too: "ứng dụng KH&CN" written out), the forms of
        an equivalence in an OR (KHCN OR CNTT) or in a field (title:KHCN), a name's forms with initials."""
        found = [form for token in self.equivalences for form in equivalent_forms(token)]
        for clause in self.clauses:
            if clause.negate:
                continue
            for c in (*clause.any_of, clause):
                if c.field not in (None, field):
                    continue
                if _marked_as_phrase(c):  # "san hô": not a lone "sản" or "hộ" beside it
                    found.append(tuple(c.words))
                if c.group:
                    found += equivalent_forms(c.group)
                found += c.variants
        return found


def _year_range(value: str) -> tuple[int | None, int | None] | None:
    """(from, to) of 'year:2015..2020' style values, None when malformed."""
    m = _YEAR_RE.match(value)
    if not m or not (m.group(1) or m.group(3)):
        return None
    low = int(m.group(1)) if m.group(1) else None
    high = int(m.group(3)) if m.group(3) else None
    if not m.group(2):
        high = low
    return low, high


def narrowed(bound: int | None, other: int | None, pick: Callable[[int, int], int]) -> int | None:
    """Two bounds of a range that both hold (pick: max for lower bounds, min for upper ones)."""
    return other if bound is None else bound if other is None else pick(bound, other)


def _checked_years(value: str) -> tuple[int | None, int | None]:
    """The range of a year: item, or SearchError naming what is wrong with it."""
    rng = _year_range(value)
    if rng is None:
        raise SearchError(_("year: %(value)r is not a year or a range such as year:2015..2020, year:2015.. "
                            "or year:..2010") % {"value": value})
    if rng[0] is not None and rng[1] is not None and rng[0] > rng[1]:
        raise SearchError(_("year: %(value)s ends before it starts") % {"value": value})
    return rng


def _clause(text: str, fieldname: str | None, phrase: bool, negate: bool) -> Clause | None:
    """A clause from the text of one query item, None when it has no searchable word."""
    words = [w for w in search_tokens(text) if w != VALUE_GAP]
    if not words:
        return None
    exact = [canonical_spelling(t) for t in exact_tokens(text) if t != VALUE_GAP]
    if not phrase and len(words) > MANY_WORDS and len(exact) == len(words):  # a pasted text: each word once
        pairs = list(dict.fromkeys(zip(words, exact, strict=True)))  # (biển x 199 took PostgreSQL 2.3 s)
        words, exact = [w for w, _e in pairs], [e for _w, e in pairs]
    clause = Clause(words, exact, fieldname, phrase and len(words) > 1, negate)
    if clause.phrase and len(forms := _phrase_forms(words, equivalence_tokens(text))) > 1:
        clause.any_of = tuple(Clause(list(f), [], fieldname, len(f) > 1) for f in forms)  # "ứng dụng KH&CN"
    return clause


MANY_WORDS = 10  # from this many words on, a clause's repeated words count once (their order matters less)
MAX_PHRASE_FORMS = 24  # a phrase with abbreviations is looked for in at most this many forms


def _phrase_forms(words: list[str], tokens: list[str]) -> list[tuple[str, ...]]:
    """The phrase with each abbreviation in it written in each of its group's forms ("ứng dụng KH&CN":
    "ứng dụng khoa học và công nghệ", "ứng dụng KHCN", ...), the phrase as typed first."""
    found = [tuple(words)]
    for token in tokens:
        forms = equivalent_forms(token)
        grown: list[tuple[str, ...]] = []
        for phrase in found:
            spot = next(((i, len(f)) for f in forms for i in range(len(phrase) - len(f) + 1)
                         if phrase[i:i + len(f)] == f), None)
            if spot is None:
                grown.append(phrase)
                continue
            i, n = spot
            grown += [phrase[:i] + f + phrase[i + n:] for f in forms]
        found = list(dict.fromkeys(found[:1] + grown))[:MAX_PHRASE_FORMS]
    return found


def _a_full_name(clause: Clause) -> bool:
    """Whether words not asked of a field are a person's name in full (three to five words from a family
    name, no initial): the works that give it with initials are found too, below."""
    return (clause.looks_like_a_name and MIN_FREE_NAME_WORDS <= len(clause.words) <= MAX_NAME_WORDS
            and all(len(w) > 1 for w in clause.words))


_INITIAL = re.compile(r"(?<!\w)[^\W\d_]\.")  # "V." of "Nguyễn V. An", "V.A. Nguyen": a letter and its dot


def _a_written_name(text: str) -> bool:
    """Whether quoted words are a person's name as people write it, with academic titles or initials ("PGS.TS.
    Nguyễn Văn An", "Nguyễn V. An", "V.A. Nguyen"), which no text holds as a phrase: looked for as author:
    is (they found nothing). A family name first, or last after initials; two to five words; an initial is
    a letter with its dot ("Kim loại nhóm B" is no name), titles come before the name or after a comma or
    bracket ("Đào tạo ThS" is no name)."""
    titles, rest = split_titles(text)
    found = tokens(rest)
    if not 2 <= len(found) <= MAX_NAME_WORDS:
        return False
    initials = [w for w in found if len(w) == 1 and w.isalpha()]
    if len(initials) > len(_INITIAL.findall(rest)):
        return False  # a one-letter word without its dot: a letter of a phrase, not an initial
    family = found[0] in VIETNAMESE_FAMILY_NAMES or (len(initials) == len(found) - 1 and len(found[0]) == 1
                                                     and found[-1] in VIETNAMESE_FAMILY_NAMES)
    titled = bool(titles) and (not text.strip().startswith(rest.strip()[:1] or " ") or bool(re.search(r"[,(]", text)))
    return family and (bool(initials) or titled)


def _name_clause(text: str, phrase: bool, negate: bool) -> Clause | None:
    """author: a name as people write it: "PGS.TS. Nguyễn Văn An", "Nguyễn, Văn An", "Nguyễn V. An".

    Academic titles go, "Family, Given" is read in the catalogue's order, and initials, which the
    names stored in full do not contain, leave the other words to match in any order.
    """
    name = clean_person_name(text) if phrase else text
    clause = _clause(name, "author", phrase, negate)
    if clause is None or not any(len(w) == 1 for w in clause.words):
        if clause is not None and clause.phrase and 2 <= len(clause.words) <= MAX_NAME_WORDS:
            clause.variants = initialled(clause.words)
        return clause
    words = clause.words
    if len(words[0]) == 1 and all(len(w) == 1 for w in words[:-1]) and words[-1] in VIETNAMESE_FAMILY_NAMES:
        words = [words[-1], *words[:-1]]  # "V.A. Nguyen", as English texts print it: "Nguyen V. A."
        clause.exact = clause.exact[-1:] + clause.exact[:-1] if len(clause.exact) == len(words) else clause.exact
        clause.words = words
    kept = [i for i, w in enumerate(clause.words) if len(w) > 1]
    if not kept:
        return clause
    exact = [clause.exact[i] for i in kept] if len(clause.exact) == len(clause.words) else []
    found = Clause([clause.words[i] for i in kept], exact, "author", False, negate)
    if len(clause.words[0]) > 1 and len(clause.words) <= MAX_NAME_WORDS:  # a family name first
        found.initialled_as = tuple(clause.words)  # (excluded: the names that fit it, ranked: nothing)
        found.initials_required = len(kept) == 1  # the family name alone would be every Nguyễn
    return found


MAX_NAME_WORDS = 5  # a longer quoted author: is not one Vietnamese name: no initials tried (2^4 forms)
# Plain words read as a name ("Nguyễn Văn An") are tried with initials from three words on: two
# ("Cao su", "Lê Minh") are as often not a name, and "Cao S." is no rubber.
MIN_FREE_NAME_WORDS = 3


def initialled(words: list[str]) -> tuple[tuple[str, ...], ...]:
    """The ways a name of full words may be written with initials, as names_match compares them:
    any of the words after the family name reduced to its first letter ("nguyen v an", "nguyen van
    a", "nguyen v a" for "nguyen van an"); the family name stays whole."""
    family, given = words[0], words[1:]
    forms = [(family,)]
    for word in given:
        forms = [(*f, w) for f in forms for w in dict.fromkeys((word, word[0]))]
    return tuple(f for f in forms if list(f) != words)


def parse(raw: str) -> ParsedQuery:
    """Parse a query string; unknown field prefixes are searched as ordinary words."""
    query = ParsedQuery(raw=raw)
    free: list[str] = []
    for group in _items(_ID_PREFIX.sub(_id_item, raw or "")):
        if len(group) == 1:
            _item(group[0], query, free)
        elif (c := _any_of(group, query)) is not None:
            query.clauses.append(c)
    _free_text(" ".join(free), query)
    return query


BROWSE_ALL = "*"  # the query that asks for every record, as an empty one does


def require_words(query: ParsedQuery) -> None:
    """SearchError when a query typed is only signs or operators ("%", "(((", "AND", "author:"): it would
    list everything, as if the words it meant were found everywhere. An empty query or * lists everything."""
    raw = query.raw.strip()
    if raw and raw != BROWSE_ALL and query.asks_nothing:
        raise SearchError(_("no word to search for in %(query)r (letters or digits); leave the box empty or "
                            "type * to see everything") % {"query": raw})


def _items(text: str) -> list[list[re.Match[str]]]:
    """The query's items, those joined by OR in one group: "a OR b c" is [[a, b], [c]]. AND between
    items says what they say anyway; NOT before an item excludes it (as -item does)."""
    groups: list[list[re.Match[str]]] = []
    joined = negate_next = False
    for m in ITEM_RE.finditer(text):
        word = m.group(0)
        if word in ("AND", "&&"):
            continue
        if word == "NOT":
            negate_next = True
            continue
        if word in ("OR", "||"):
            joined = bool(groups)
            continue
        if negate_next:
            m = ITEM_RE.match("-" + word.lstrip("-")) or m
            negate_next = False
        if joined and not m.group(1) and not groups[-1][-1].group(1):  # -a OR b: no choice of an exclusion
            groups[-1].append(m)
        else:
            groups.append([m])
        joined = False
    return groups


def _marked_as_phrase(clause: Clause) -> bool:
    """Whether a clause's words are highlighted only side by side: a quoted phrase of several words."""
    return clause.phrase and len(clause.words) > 1 and not clause.any_of


def _any_of(group: list[re.Match[str]], query: ParsedQuery) -> Clause | None:
    """One clause that holds when any item of an OR group does ("biển OR sông", "title:chè OR subject:chè").
    An equivalence (KH&CN) is one of its words as written; filters and years hold as they would alone."""
    alternatives: list[Clause] = []
    years: list[tuple[int | None, int | None]] = []
    for m in group:
        alone, free = ParsedQuery(raw=m.group(0)), []
        _item(m, alone, free)
        _free_text(" ".join(free), alone)
        alternatives += alone.clauses
        if alone.equivalences and (c := _clause(m.group(3) or m.group(4) or "", None, True, False)) is not None:
            c.group = alone.equivalences[0]  # "KHCN OR CNTT": any form of either group, as each alone finds
            alternatives.append(c)
        for name, values in alone.filters.items():  # type:thesis OR type:article: any of the values already
            query.filters.setdefault(name, []).extend(values)
        if alone.year_from is not None or alone.year_to is not None:
            years.append((alone.year_from, alone.year_to))
    named = {name for m in group for name in [_ALIASES.get((m.group(2) or "").lower(), (m.group(2) or "").lower())]
             if name in (*FILTER_FIELDS, "year")}
    if len(named) > 1 or (named and alternatives):
        raise SearchError(_("OR joins words, phrases and fielded words, or values of one filter (type:thesis OR "
                            "type:report), not a filter and something else: %(items)s")
                          % {"items": " OR ".join(m.group(0) for m in group)})
    if years:  # year:2018 OR year:2020: the years from the first to the last
        lows, highs = [low for low, _h in years], [high for _l, high in years]
        query.year_from = narrowed(query.year_from, None if None in lows else min(lows), max)
        query.year_to = narrowed(query.year_to, None if None in highs else max(highs), min)
    if len(alternatives) <= 1:
        return alternatives[0] if alternatives else None
    return Clause([w for c in alternatives for w in c.words], [e for c in alternatives for e in c.exact],
                  any_of=tuple(alternatives))


def _item(m: re.Match[str], query: ParsedQuery, free: list[str]) -> None:
    """Add one item of the query (a word, a "phrase", field:value, -item) to what the query asks for;
    plain words are gathered in `free`."""
    negate, name, quoted, bare = m.group(1) == "-", (m.group(2) or "").lower(), m.group(3), m.group(4)
    value = quoted if quoted is not None else bare or ""
    name = _ALIASES.get(name, name)
    if name and not _known_field(name) and (meant := _meant_field(name)):  # titel:biển found nothing, said nothing
        raise SearchError(_("%(name)s: no such field; %(field)s: perhaps (fields: %(known)s)")
                          % {"name": name, "field": meant, "known": ", ".join(_FIELD_NAMES)})
    if not name and quoted is None and value.endswith(":") and _known_field(value[:-1]):
        return  # a field's name with nothing after it ("author:"): no word to look for
    if name == "year":
        low, high = _checked_years(value)
        if negate:
            query.excluded_years.append((low, high))
        else:  # several year: items all hold, as every other item of the query
            query.year_from = narrowed(query.year_from, low, max)
            query.year_to = narrowed(query.year_to, high, min)
    elif name in ID_FIELDS or (not name and quoted is None and _isbn(value)):
        if (c := _identifier(value, name or "isbn", negate)) is not None:
            query.clauses.append(c)
    elif name in FILTER_FIELDS and value:
        (query.excluded if negate else query.filters).setdefault(name, []).append(value)
    elif name == "author":
        if (c := _name_clause(value, quoted is not None, negate)) is not None:
            query.clauses.append(c)
    elif name in TEXT_FIELDS:
        if (c := _clause(value, name, quoted is not None, negate)) is not None:
            if token := _one_equivalence(value):  # title:KHCN: any of the group's forms in the title
                c.variants = tuple(f for f in equivalent_forms(token) if list(f) != c.words)
            query.clauses.append(c)
    elif (quoted is not None or negate) and (token := _one_equivalence(value)):
        (query.excluded_equivalences if negate else query.equivalences).append(token)  # "KH&CN", -KHCN
    elif quoted is not None and _a_written_name(value):  # "PGS.TS. Nguyễn Văn An", "V.A. Nguyen": a person
        if (c := _name_clause(value, True, negate)) is not None:
            query.clauses.append(c)
    elif quoted is not None or negate:
        if (c := _clause(value, None, quoted is not None, negate)) is not None:
            if quoted is not None and not negate and _a_full_name(c):  # "Nguyễn Văn An": "Nguyễn V. An" too
                c.variants = initialled(c.words)
            query.clauses.append(c)
    else:
        free.append(m.group(0))


_FIELD_NAMES = (*TEXT_FIELDS, "year", *FILTER_FIELDS, *ID_FIELDS)


def _meant_field(name: str) -> str:
    """The field a mistyped field name is one or two letters away from ("titel", "autor", "subjet"), or ""
    (another word before a colon, "Note:", "Chương:", is text)."""
    name = name.lower()
    if len(name) < 4:  # "do:", "an:": words, not fields
        return ""
    for known in _FIELD_NAMES:  # a letter left out, added, changed or two swapped, not the first
        if len(known) >= 4 and known[0] == name[0] and OSA.distance(name, known) == 1:
            return known
    return ""  # site:, time:, file:, object:, yield:, duoi: are words (review 22)


def _id_item(m: re.Match[str]) -> str:
    return f"{(m.group(1) or 'doi').lower()}:"  # group 2 or a DOI's address: doi


def _isbn(word: str) -> bool:
    """Whether a word is an ISBN written with hyphens: 10 or 13 digits whose check digit holds
    ("2016-2020" or a telephone number "0912-345-678" is none)."""
    digits = word.replace("-", "").upper()
    if "-" not in word or not _ISBN_SHAPE.fullmatch(word) or len(digits) not in (10, 13):
        return False
    if len(digits) == 13:
        return digits.isdigit() and sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
    values = [int(d) for d in digits[:9] if d.isdigit()] + [10 if digits[9] == "X" else int(digits[9])]
    return len(values) == 10 and sum(v * (10 - i) for i, v in enumerate(values)) % 11 == 0


def _identifier(value: str, kind: str, negate: bool) -> Clause | None:
    """An identifier in any field: an ISBN or ISSN as the one word of its digits the index also keeps
    (978-604-1-2345-6 = 9786041234567), its first digits as the start of one (isbn:978-604: a publisher's
    books), a DOI as the phrase of its parts (it starts "10.": doi:10 found "lớp 10", doi:abc "Bắc")."""
    if kind == "doi":
        value = _DOI_RESOLVER.sub("", value.strip())  # doi:https://doi.org/10.1234/x, as pasted from a page
        if value and not _DOI_START.match(value):
            raise SearchError(_("%(name)s: %(value)r is no DOI (a DOI starts with 10. and a number: 10.1234/...)")
                              % {"name": kind, "value": value})
        return _clause(value, None, True, negate)
    digits = compact_identifier(value)
    if value.strip() and len(digits) < 3:  # isbn:abc found everything (no word to look for)
        raise SearchError(_("%(name)s: %(value)r is no ISBN or ISSN (its digits, with or without hyphens)")
                          % {"name": kind, "value": value})
    clause = _clause(digits, None, False, negate)
    if clause is not None and len(digits) != _WHOLE_IDENTIFIER.get(kind):
        clause.identifier_prefix = kind
    return clause


_DOI_START = re.compile(r"10\.\d")
_DOI_RESOLVER = re.compile(r"(?i)^(?:https?://)?(?:dx\.)?doi\.org/")
# Digits of a whole ISSN and ISBN-13; fewer, or others, are the start of one (isbn:978-604-91, 8 digits, and
# 978-604-913-1, 10: the books of a publisher). An ISBN-10 is looked for as a start too: its own digits are one
# (the ISBN-13s start 978 or 979, so none of them is found with it)
_WHOLE_IDENTIFIER = {"issn": 8, "isbn": 13}


def compact_identifier(value: str) -> str:
    """An ISBN or ISSN without its hyphens and spaces, lower case: one word for the search."""
    return re.sub(r"[^0-9x]", "", value.lower())


def marked_identifier(kind: str, value: str) -> str:
    """The word the index keeps for an ISBN or ISSN among the other texts beside its compact form, its kind
    before its digits (isbn9786041234567): the start of one is looked for there (isbn:978-604)."""
    return kind + compact_identifier(value)


def prefix_forms(prefix: str) -> list[tuple[bool, list[str]]]:
    """What autocomplete looks for in titles, best first, the last word a prefix: (with marks, words): the
    words typed with their marks (when they have some), then folded with the last one in the search
    spelling ("li": lí, lý), then as typed ("li": liên)."""
    typed = tokens(prefix)
    if not typed:
        return []
    words = [*map(search_word, typed[:-1]), typed[-1]]
    spelled = [*words[:-1], search_word(typed[-1])]
    exact = exact_tokens(prefix)
    forms = [(True, exact)] if exact != typed and len(exact) == len(typed) else []
    return forms + ([(False, spelled)] if spelled != words else []) + [(False, words)]


def _one_equivalence(text: str) -> str:
    """The canonical token when a text is one form of an equivalence group and nothing else ("KH&CN",
    "khoa học và công nghệ"), else ''."""
    rest, found = rewrite_query(text)
    return found[0] if len(found) == 1 and not search_tokens(rest) else ""


def _known_field(name: str) -> bool:
    """Whether a query item's prefix names a field (an alias too)."""
    name = _ALIASES.get(name.lower(), name.lower())
    return name in ("year", "author") or name in TEXT_FIELDS or name in FILTER_FIELDS or name in ID_FIELDS


def _free_text(text: str, query: ParsedQuery) -> None:
    """Plain words: equivalent forms (KH&CN...) become equivalence tokens, the rest one clause."""
    if not text.strip():
        return
    titles, name = split_titles(text)
    if titles and (named := _clause(name, None, False, False)) is not None and named.looks_like_a_name:
        text = name  # "PGS.TS. Nguyễn Văn An", "ThS Trần Văn Hiệp": the catalogue keeps names without titles
    rest, equivalents = rewrite_query(text)
    query.equivalences.extend(equivalents)
    if equivalents:
        kept = set(search_tokens(rest)) - {VALUE_GAP}
        exact = [canonical_spelling(t) for t in exact_tokens(text)]
        words = [w for w in search_tokens(text) if w in kept]
        exact = [e for e in exact if search_tokens(e) and search_tokens(e)[0] in kept]
        if words:
            query.clauses.append(Clause(words, exact, None, False, False))
        return
    if (c := _clause(text, None, False, False)) is not None:
        if _a_full_name(c):
            c.variants = initialled(c.words)
        elif (c.looks_like_a_name and 3 <= len(c.words) <= MAX_NAME_WORDS and len(c.words[-1]) > 1
              and any(len(w) == 1 for w in c.words)):  # "Nguyễn V. An": a name with initials, as author: reads it
            c = _name_clause(text, True, False) or c
        query.clauses.append(c)
