"""Did you mean: a query that found nothing, its unknown words respelled from the catalogue's own words.

A word of 3 letters or more that no work has ("dag", "ngien") is replaced by a word, starting with
the same letter, of the works that match the rest of the query and its filters: one edit away for
words of up to 5 letters, two for longer ones (a transposition is one edit). Of those, the word
that stands beside the query's neighbouring words in most works wins ("da dag sinh hoc": "dang",
as in "đa dạng sinh học", not "dai", which more of the works have), then the one fewer edits away,
then the commoner. OCR's slips ("rnôi" for "môi") and two first letters swapped ("htị" for "thị") are
tried first, and a word split by a stray space ("Hải Phò ng") is joined. The respelled query is kept
only when it finds something; the user is told
what was searched (`SearchResponse.corrected`), written with marks when the query had marks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from rapidfuzz.distance import OSA

from stinet.search.base import Backend, SearchRequest, SearchResponse
from stinet.search.query import ITEM_RE, Clause, ParsedQuery, parse
from stinet.vietnamese import exact_tokens, fold, nfc, ocr_variant, search_word

MIN_LETTERS = 3
# A query with more unknown words than this is not respelled (each costs the engine several look-ups:
# 150 of them took PostgreSQL 10 s), nor one of more items than MAX_JOINED_ITEMS tried for a stray space.
MAX_UNKNOWN = 4
MAX_JOINED_ITEMS = 10
CANDIDATES = 8  # tried beside the neighbouring words, for each unknown word
_WORD_RE = re.compile(r"\w+")


class NotTypos(Exception):  # noqa: N818 - a verdict, not a failure
    """The query has more unknown words than typos explain: neither respelled nor matched loosely."""


def respell(engine: Backend, query: ParsedQuery, request: SearchRequest) -> SearchResponse | None:
    """The results of the query with its unknown words respelled, or None (nothing to respell, or the
    respelled query finds nothing either)."""
    if (joined := _joined(engine, query, request)) is not None:
        return joined
    pieces = {(ci, ai): piece for ci, c in enumerate(query.clauses) if not c.negate
              for ai, piece in enumerate(c.any_of or (c,))}  # an OR clause's alternatives each stand alone
    unknown: set[tuple[int, int, int]] = set()
    for (ci, ai), piece in pieces.items():
        for wi, w in enumerate(piece.words):
            if not piece.negate and len(w) >= MIN_LETTERS and not w.isdigit() and not engine.has_word(w):
                unknown.add((ci, ai, wi))
                if len({pieces[c, a].words[w] for c, a, w in unknown}) > MAX_UNKNOWN:
                    raise NotTypos  # text the catalogue does not have: no loose matching either
    if not unknown:
        return None
    context = _without(query, unknown)
    fixes: dict[str, str] = {}
    for ci, ai, wi in sorted(unknown):
        piece = pieces[ci, ai]
        word = piece.words[wi]
        if word in fixes:
            continue
        if (slip := _slip(engine, word)) is not None:  # OCR's "rn" for "m", the first two letters swapped
            fixes[word] = slip
            continue
        left = fixes.get(piece.words[wi - 1], piece.words[wi - 1]) if wi else None
        right = piece.words[wi + 1] if wi + 1 < len(piece.words) and (ci, ai, wi + 1) not in unknown else None
        if best := _best(engine, word, piece.field, (left, right), context, request):
            fixes[word] = best
    if len(fixes) < len({pieces[ci, ai].words[wi] for ci, ai, wi in unknown}):
        return None
    respelled = parse(rewrite(query.raw, fixes))
    respelled.filters, respelled.excluded = query.filters, query.excluded
    response = engine.search(respelled, request)
    if not response.total:
        return None
    marked = _marked(fixes, response.ids, query)
    response.query = respelled if not marked else replace(respelled, raw=rewrite(query.raw, marked))
    response.corrected = rewrite(query.raw, marked or fixes)
    response.approximate = True
    return response


def _joined(engine: Backend, query: ParsedQuery, request: SearchRequest) -> SearchResponse | None:
    """The results of the query with a word split by a stray space joined again ("Hải Phò ng": "Phòng"),
    when a piece is no word of the catalogue and the two together are; None otherwise."""
    text = nfc(query.raw)
    items = list(ITEM_RE.finditer(text))
    if len(items) > MAX_JOINED_ITEMS:
        return None
    for left, right in zip(items, items[1:], strict=False):
        if left.group(1) or left.group(2) or left.group(3) is not None or right.group(1) or right.group(2) \
                or right.group(3) is not None or text[left.end():right.start()].strip():
            continue  # plain words only, side by side
        a, b = fold(left.group(0)), fold(right.group(0))
        if not (a.isalpha() and b.isalpha()) or (engine.has_word(search_word(a)) and engine.has_word(search_word(b))):
            continue
        if not engine.has_word(search_word(a + b)):
            continue
        raw = text[:left.end()] + text[right.start():]
        respelled = parse(raw)
        respelled.filters, respelled.excluded = query.filters, query.excluded
        response = engine.search(respelled, request)
        if response.total:
            response.query, response.corrected, response.approximate = respelled, raw, True
            return response
    return None


# What OCR or a keyboard does to a word, that the respelling by the first letter cannot undo: letters
# read as others ("rn" for "m", "cl" for "d": sequences no Vietnamese word has), the corrections the
# index makes for scanned text (vietnamese.ocr), and the first two letters typed in the wrong order.
_OCR_TYPED = ((re.compile(r"rn"), "m"), (re.compile(r"cl"), "d"))


def _slip(engine: Backend, word: str) -> str | None:
    """The word an unknown one was meant to be, when one such slip explains it and the catalogue has it."""
    forms = [pattern.sub(replacement, word) for pattern, replacement in _OCR_TYPED if pattern.search(word)]
    forms += [ocr_variant(word) or word, word[1] + word[0] + word[2:]]
    forms = [search_word(form) for form in forms]
    return next((form for form in forms if form != word and engine.has_word(form)), None)


def _without(query: ParsedQuery, unknown: set[tuple[int, int, int]]) -> ParsedQuery:
    """The query without its unknown words (what the candidates must stand among). An OR clause with an
    unknown word goes as a whole: its other alternatives are no condition on the word meant."""
    clauses = []
    for ci, c in enumerate(query.clauses):
        if c.any_of:
            if not any(at[0] == ci for at in unknown):
                clauses.append(c)
            continue
        words = [w for wi, w in enumerate(c.words) if (ci, 0, wi) not in unknown]
        if words:
            clauses.append(Clause(words, [], c.field, c.phrase and len(words) == len(c.words), c.negate))
    return replace(query, clauses=clauses)


def _best(engine: Backend, word: str, field: str | None, neighbours: tuple[str | None, str | None],
          context: ParsedQuery, request: SearchRequest) -> str | None:
    """The likeliest intended word for an unknown one, None when no word of the works is close."""
    limit = 1 if len(word) <= 5 else 2
    found = []
    for term, n in engine.word_counts(word[0], field, context, request).items():
        if term != word and (edits := OSA.distance(word, term, score_cutoff=limit)) <= limit:
            found.append((edits, -n, term))
    if not found:
        return None
    ranked = [term for _e, _n, term in sorted(found)[:CANDIDATES]]
    left, right = neighbours
    if len(ranked) == 1 or (left is None and right is None):
        return ranked[0]
    plain = replace(request, q="", page=1, page_size=1, facets=False, sort="-year")
    beside = []
    for term in ranked:
        words = [w for w in (left, term, right) if w]
        phrase = replace(context, clauses=[Clause(words, [], field, True)], equivalences=[])
        beside.append(engine.search(phrase, plain).total)
    return max(zip(beside, range(0, -len(ranked), -1), ranked, strict=True))[2]


def _marked(fixes: dict[str, str], ids: list[int], query: ParsedQuery) -> dict[str, str]:
    """The corrections as the first results' titles write them, when the query was typed with marks."""
    if not any(e != fold(e) for c in query.clauses for e in c.exact):
        return {}
    from stinet.catalog.models import Work

    forms: dict[str, Counter[str]] = {word: Counter() for word in fixes.values()}
    for title in Work.objects.filter(pk__in=ids[:10]).values_list("title", flat=True):
        for token in exact_tokens(title):
            if (key := search_word(fold(token))) in forms:
                forms[key][token.lower()] += 1
    return {word: forms[fix].most_common(1)[0][0] if forms[fix] else fix for word, fix in fixes.items()}


def rewrite(raw: str, fixes: dict[str, str]) -> str:
    """The query as typed (composed, NFC) with each word whose folded form is in `fixes` replaced, case
    kept; excluded items (-word, -"phrase") stay as typed."""
    def fixed(m: re.Match[str]) -> str:
        typed = m.group(0)
        new = fixes.get(search_word(fold(typed).lower()))
        if new is None:
            return typed
        return new.upper() if typed.isupper() and len(typed) > 1 else new.capitalize() if typed[0].isupper() else new

    text, out, at = nfc(raw), [], 0  # \w does not take the combining marks of decomposed text
    for item in ITEM_RE.finditer(text):
        out.append(text[at:item.start()])
        out.append(item.group(0) if item.group(1) == "-" else _WORD_RE.sub(fixed, item.group(0)))
        at = item.end()
    out.append(text[at:])
    return "".join(out)
