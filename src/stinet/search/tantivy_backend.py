"""Search backend for the embedded default: a Tantivy index beside the SQLite store."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import threading
import time
import uuid
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import tantivy
from django.utils.translation import gettext
from tantivy import Occur, Query

from stinet.search.base import (
    FACETS,
    FULLTEXT_FIELDS,
    WRITER_WAIT,
    IndexBusy,
    SearchRequest,
    SearchResponse,
    filter_groups,
    year_bounds,
)
from stinet.search.query import VALUE_GAP, Clause, ParsedQuery, prefix_forms
from stinet.vietnamese import EQUIVALENCE_GROUPS, tokens_of_words

# Field weights: a word in the title counts more than in the abstract.
WEIGHTS = {"title": 4.0, "creators": 3.0, "subjects": 2.5, "abstract": 1.0, "other": 1.0}
FIELD_OF = {"title": ("title",), "author": ("creators",), "subject": ("subjects",),
            "abstract": ("abstract",), None: tuple(WEIGHTS)}
EXACT_OF = {"title": ("title_x",), None: ("title_x", "text_x", "creators_x"), "subject": ("text_x",),
            "abstract": ("text_x",), "author": ("creators_x",)}
# A word typed with its marks scores a constant once when a field has it so written (the title's
# a little more), more than a look-alike that only matches folded scores anywhere: "bình" ranks the
# works with "bình" above those with "Bỉnh"; without marks ("binh") nothing is added.
EXACT_SCORE = {"title_x": 100.0, "creators_x": 95.0, "text_x": 90.0}
NAME_SCORE = 80.0  # a person's name typed (2-5 words from a family name) side by side in the people's names
VARIANT_WEIGHT = 0.5  # a phrase written another way (a name with initials) scores half the phrase as asked
PHRASE_BOOST = {"title": 6.0, "creators": 10.0, "abstract": 2.0, "subjects": 3.0}
PROXIMITY_SLOP = 3
# The words of a clause side by side in the order typed, in the title or another text: a constant (the
# best field's once) above what the words score as often as they come ("sinh học", biology, above the
# works on "học sinh", pupils, that have "học" in the title and "sinh" beside it the other way round),
# below a person's name (NAME_SCORE) and a word typed with its marks found so written (EXACT_SCORE).
ORDER_SCORE = {"title": 40.0, "subjects": 30.0, "abstract": 30.0}
ID_SPAN = 1 << 32  # work ids are below it (the sort keys: a year times it, plus the id)
NO_YEAR = 100_000  # sorts a work without a year after every year
RERANK = 200  # phrase and proximity bonuses re-rank this many best plain matches
RAW_FIELDS = ("type", "org", "field", "fields", "language", "access", "title_sort")
TEXT_FIELDS = ("title", "title_x", "creators", "creators_x", "subjects", "abstract", "other", "text_x",
               *FULLTEXT_FIELDS.values())
FULLTEXT_WEIGHT = 0.3  # a match in a long full text counts less than one in the description
WRITER_HEAP = 256_000_000
WANTED = ".writer-wanted-"  # files in the index folder of processes waiting for its writer, one per wait
VOCABULARY_TTL = 300.0  # seconds the words of the dictionary under a prefix are remembered (word_counts)
_FACET_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="stinet-facets")


_JSON = json.JSONEncoder(ensure_ascii=False)


def prepared(doc: dict[str, Any]) -> tuple[int | None, str, str]:
    """A new work's document as the writer takes it fastest (add_json, see index_prepared): its year,
    its title's sort key and JSON of the rest without the empty values, for the id and the sort
    keys made with it once the work is stored.

    The parsing workers make it: the storing process then hands the engine one string instead of
    building a Document field by field (measured: 5.5 µs a document instead of 17).
    """
    body = {k: v for k, v in _fields(doc).items() if k not in ("id", "title_sort") and v not in (None, "", [])}
    return doc.get("year"), doc.get("title_sort") or "", _JSON.encode(body)


# An equivalence group's token, in a field beside each text one of its forms is in (title_eq ...)
EQUIVALENCE_FIELDS = {field: f"{field}_eq" for field in ("title", "creators", "subjects", "abstract", "other")}
GROUPS_FILE = "equivalence-groups.sha256"  # the groups the index's tokens were found with (_groups_digest)


def _fields(doc: dict[str, Any]) -> dict[str, Any]:
    """The document's fields as this engine indexes them: each text with a form of an equivalence group
    (KH&CN, "khoa học và công nghệ", "khoa học, công nghệ") has the group's token in a field beside it,
    so that a query for the group looks up one word in each field instead of walking every form's phrase
    (a form in the publisher of a fifth of the works cost 108 ms a search at 10^6). Beside it, not in it:
    the text's length (its score), its words (autocomplete, spelling) and its phrases stay as they are."""
    out = {k: v for k, v in doc.items() if k != "equiv"}
    for field, beside in EQUIVALENCE_FIELDS.items():
        if (text := out.get(field)) and (tokens := tokens_of_words(text)):
            out[beside] = " ".join(tokens)
    return out


def _groups_digest() -> str:
    """A digest of the equivalence groups: an index whose tokens were found with others is rebuilt."""
    return hashlib.sha256(repr(EQUIVALENCE_GROUPS).encode()).hexdigest()


def _sort_keys(work_id: int, year: int | None, title_sort: str) -> dict[str, Any]:
    """The fields results are sorted by, equal values in the order of the work ids as on PostgreSQL
    (title, then id; the year up or down, then id; works without a year last either way): otherwise
    the engine's own order, which changes when a work is indexed again or segments merge, and a
    page might repeat or skip a work of the one before."""
    up, down = _year_keys(work_id, year)
    return {"title_sort": _title_key(work_id, title_sort), "year_up": up, "year_down": down}


def _title_key(work_id: int, title_sort: str) -> str:
    """The title sort's key: the title's, then the id (" " sorts below the key's letters, [0-9a-z])."""
    return f"{title_sort} {work_id:012d}"


def _year_keys(work_id: int, year: int | None) -> tuple[int, int]:
    """The year sort's keys, up and down (_sort_keys)."""
    return ((NO_YEAR if year is None else year) * ID_SPAN + work_id,
            (-1 if year is None else year) * ID_SPAN + ID_SPAN - 1 - work_id)


_PLAIN_KEY = re.compile(r"[0-9a-z ]*")  # a title sort key as collation and _title_key make it: no escaping in JSON


def _terms(searcher: tantivy.Searcher, prefix: str, fields: Iterable[str], within: Query | None) -> dict[str, int]:
    """Terms of some fields starting with a prefix, with the most works any one field has each in
    (of those matching `within`, when given)."""
    counts: dict[str, int] = {}
    for field in fields:
        for term, n in searcher.terms_with_prefix(field, prefix, filter_query=within):
            counts[term] = max(counts.get(term, 0), n)
    counts.pop(VALUE_GAP, None)
    return counts


def _without_initials(query: ParsedQuery) -> ParsedQuery:
    """The query with its names typed with initials looked for by their full words alone."""
    def plain(clause: Clause) -> Clause:
        return replace(clause, initialled_as=(), initials_required=False, any_of=tuple(map(plain, clause.any_of)))

    return replace(query, clauses=[plain(c) for c in query.clauses])


def _schema() -> tantivy.Schema:
    """Index schema: folded and exact text fields, raw facet fields, numeric year and id."""
    b = tantivy.SchemaBuilder()
    b.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in TEXT_FIELDS:
        b.add_text_field(name, tokenizer_name="default", index_option="position")
    for name in EQUIVALENCE_FIELDS.values():
        b.add_text_field(name, tokenizer_name="default", index_option="freq")
    for name in RAW_FIELDS:
        b.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    b.add_integer_field("year", indexed=True, fast=True)
    for name in ("year_up", "year_down"):  # sort keys (_sort_keys)
        b.add_integer_field(name, indexed=False, fast=True)
    return b.build()


class TantivyBackend:
    """Tantivy index in a folder; one writer at a time (a lock file), readers reload on change."""

    single_writer = True

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.recreated = False  # an index of an older schema was replaced: it must be rebuilt
        existed = tantivy.Index.exists(str(path))
        try:
            self.index = tantivy.Index(self.schema, path=str(path), reuse=True)
        except ValueError as exc:
            if "schema does not match" not in str(exc):
                raise
            self._recreate(path)
        groups = path / GROUPS_FILE
        digest = _groups_digest()
        if (groups.read_text() if groups.exists() else "") != digest:
            if existed and not self.recreated:  # found with other groups (or before they were kept)
                self._recreate(path)
            groups.write_text(digest)
        self.path = path
        self._writer: tantivy.IndexWriter | None = None
        self._wishes: set[str] = set()  # this process's own wishes for the writer (never a reason to let go)
        self._lock = threading.Lock()
        self._reloaded = 0.0
        self._vocabulary: dict[tuple[Any, ...], tuple[float, dict[str, int]]] = {}

    def _recreate(self, path: Path) -> None:
        """Replace the index in `path` by an empty one of this schema; it must then be rebuilt."""
        for old in path.iterdir():
            if old.is_file():
                old.unlink()
        self.index = tantivy.Index(self.schema, path=str(path), reuse=True)
        self.recreated = True

    # --- writing -------------------------------------------------------------------------

    def acquire(self, wait: float = WRITER_WAIT) -> None:
        """Open the writer now, waiting up to `wait` seconds while another process holds the index's
        lock (an import, a harvest, a rebuild, an edit being indexed); IndexBusy after that."""
        deadline = time.monotonic() + wait
        wish = self.path / f"{WANTED}{uuid.uuid4().hex}"  # says so to a harvest holding the writer between batches
        try:
            while self._writer is None:
                try:
                    self._writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=2)
                except ValueError as exc:
                    if "LockBusy" not in str(exc):
                        raise
                    if time.monotonic() >= deadline:
                        raise IndexBusy(gettext("the search index is being written by another process (an import, "
                                                "a harvest or a rebuild): try again when it has finished")) from None
                    self._wishes.add(wish.name)
                    wish.touch()  # its time says the wish is alive
                    time.sleep(0.05)
        finally:
            if wish.name in self._wishes:
                wish.unlink(missing_ok=True)
                self._wishes.discard(wish.name)

    def holds_writer(self) -> bool:
        """Whether this process has the index's writer open."""
        return self._writer is not None

    def writer_wanted(self) -> bool:
        """Whether another process waits for the writer (a wish younger than a writer's longest wait:
        one left by a process killed while waiting is ignored)."""
        oldest = time.time() - 5  # a waiting process touches its wish every 0.05 s
        for wish in self.path.glob(f"{WANTED}*"):
            with contextlib.suppress(OSError):
                if wish.name not in self._wishes and wish.stat().st_mtime >= oldest:
                    return True
        return False

    def _w(self) -> tantivy.IndexWriter:
        """The open writer (opened on first use, kept until a final commit)."""
        if self._writer is None:
            self.acquire()
        assert self._writer is not None
        return self._writer

    def index_docs(self, docs: Iterable[dict[str, Any]], replace: bool = True) -> None:
        """Add documents, replacing any with the same id unless they are known to be new."""
        writer = self._w()
        for doc in docs:
            if replace:
                writer.delete_documents_by_term("id", doc["id"])
            fields = {k: v for k, v in _fields(doc).items() if v not in (None, "", [])}
            fields.update(_sort_keys(doc["id"], doc.get("year"), doc.get("title_sort") or ""))
            writer.add_document(tantivy.Document(**{k: v if isinstance(v, list) else [v]
                                                    for k, v in fields.items()}))

    def index_prepared(self, docs: Iterable[tuple[int, tuple[int | None, str, str]]]) -> None:
        """Add the documents of new works: (work id, what `prepared` made of its document)."""
        writer = self._w()
        for work_id, (year, title_sort, text) in docs:
            wid = int(work_id)
            up, down = _year_keys(wid, year)
            title = _title_key(wid, title_sort)  # written as it is when it needs no escaping (nearly always)
            title = f'"{title}"' if _PLAIN_KEY.fullmatch(title) else _JSON.encode(title)
            body = text[1:-1]
            writer.add_json(f'{{"id": {wid}, "title_sort": {title}, "year_up": {up}, "year_down": {down}'
                            + (f", {body}}}" if body else "}"))

    def delete(self, ids: Iterable[int]) -> None:
        """Remove documents by work id."""
        writer = self._w()
        for work_id in ids:
            writer.delete_documents_by_term("id", work_id)

    def settle(self) -> None:
        """Nothing derived to refresh: the dictionary the spelling correction reads is the index's own."""

    def commit(self, final: bool = True) -> None:
        """Commit pending changes; a final commit also lets merges finish and releases the lock.

        Long imports commit now and then without releasing (waiting for segment merges each
        time would cost more than the commit itself).
        """
        with self._lock:
            if self._writer is not None:
                self._writer.commit()
                if final:
                    self._writer.wait_merging_threads()
                    self._writer = None
            self.index.reload()

    def rollback(self) -> None:
        """Drop uncommitted changes."""
        if self._writer is not None:
            self._writer.rollback()
            self._writer = None

    def clear(self) -> None:
        """Remove every document (made durable by the next commit, with what is written meanwhile)."""
        self._w().delete_all_documents()

    # --- reading -------------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher:
        """A searcher on the latest commit (reloaded at most once a second)."""
        now = time.monotonic()
        if now - self._reloaded > 1.0:
            self.index.reload()
            self._reloaded = now
        return self.index.searcher()

    def count(self) -> int:
        """Number of indexed documents."""
        return self._searcher().num_docs

    def search(self, query: ParsedQuery, request: SearchRequest) -> SearchResponse:
        """Run the query as typed; a name with initials (an initial any word it starts) that stands for
        more words than Tantivy expands in a segment (16,384) is looked for by its family name alone."""
        try:
            return self._run(self._searcher(), query, request, fuzzy=False)
        except ValueError as exc:
            if "max expansions" not in str(exc):
                raise
            return self._run(self._searcher(), _without_initials(query), request, fuzzy=False)

    def fuzzy_search(self, query: ParsedQuery, request: SearchRequest) -> SearchResponse | None:
        """Run the query tolerating a typo in each word of 4 letters or more (None: it has none)."""
        if not any(len(w) >= 4 for c in query.clauses for w in c.words):
            return None
        response = self._run(self._searcher(), query, request, fuzzy=True)
        response.approximate = True
        return response

    def has_word(self, word: str) -> bool:
        """Whether any work has this folded word in a text field."""
        searcher = self._searcher()
        return any(searcher.doc_freq(f, word) for f in WEIGHTS)

    def word_counts(self, prefix: str, fields: str | None, context: ParsedQuery,
                    request: SearchRequest) -> dict[str, int]:
        """Folded words starting with `prefix` in the fields of a clause of `fields` (title, author, ...;
        None: all), with the number of works having each.

        With words in `context`, among the works matching it (and the request's filters), in the
        title and subjects only for a clause of any field (all five took 140 ms at 10^6 works, these
        two 25-45 ms). Without, of all works, from the index's dictionary, remembered for
        VOCABULARY_TTL seconds.
        """
        searcher = self._searcher()
        if not context.is_empty:
            return _terms(searcher, prefix, FIELD_OF[fields] if fields else ("title", "subjects"),
                          self._query(context, request, False))
        key = (prefix, fields, searcher.num_docs, searcher.num_segments)
        now = time.monotonic()
        if (kept := self._vocabulary.get(key)) is None or now - kept[0] >= VOCABULARY_TTL:
            if len(self._vocabulary) >= 64:
                self._vocabulary.clear()
            kept = self._vocabulary[key] = (now, _terms(searcher, prefix, FIELD_OF[fields], None))
        return kept[1]

    def _run(self, searcher: tantivy.Searcher, query: ParsedQuery, request: SearchRequest,
             fuzzy: bool) -> SearchResponse:
        """One search with counts, page of ids and facets."""
        plain = self._query(query, request, fuzzy)
        levels = () if fuzzy else tuple(FULLTEXT_FIELDS[a] for a in sorted(request.fulltext_access))
        # facets count in another thread while the page is ranked (Tantivy releases the GIL)
        facets = (_FACET_POOL.submit(self._facets, searcher, self._query(query, request, fuzzy, scored=False))
                  if request.facets else None)
        offset = (request.page - 1) * request.page_size
        sort = request.sort if not (request.sort == "relevance" and query.is_empty) else "-year"
        bonuses = self._proximity(query) if sort == "relevance" else []
        kwargs: dict[str, Any] = {"limit": request.page_size, "offset": offset, "count": True}
        if sort != "relevance":
            kwargs["order_by_field"] = {"title": "title_sort", "year": "year_up", "-year": "year_down"}[sort]
            kwargs["order"] = tantivy.Order.Desc if sort == "-year" else tantivy.Order.Asc
        if bonuses and offset < RERANK:
            # the first RERANK places are re-ordered; those after them keep the plain order, so a
            # page across the boundary takes its rest from there (no result twice, none skipped)
            total, ids = self._reranked(searcher, plain, bonuses, offset, request.page_size)
            if offset + request.page_size > RERANK and total > RERANK:
                kwargs.update(limit=offset + request.page_size - RERANK, offset=RERANK, count=False)
                ids += self._ids(searcher, searcher.search(plain, **kwargs))
        else:
            result = searcher.search(plain, **kwargs)
            total, ids = result.count or 0, self._ids(searcher, result)
        hits = self._fulltext_hits(searcher, query, levels, ids)
        return SearchResponse(total, ids, facets.result() if facets else {}, query, fulltext_ids=hits)

    def _fulltext_hits(self, searcher: tantivy.Searcher, query: ParsedQuery, levels: tuple[str, ...],
                       ids: list[int]) -> set[int]:
        """Which of the page's works match every free-text clause in a full text the viewer may read."""
        clauses = [c for c in query.clauses if c.field is None and not c.negate]
        if not ids or not levels or not clauses:
            return set()
        parts = [(Occur.Must, Query.term_set_query(self.schema, "id", ids))]
        parts += [(Occur.Must, self._fulltext(c, levels)) for c in clauses]
        found = searcher.search(Query.boolean_query(parts), limit=len(ids), count=False)
        return set(self._ids(searcher, found))

    def _fulltext(self, clause: Clause, levels: tuple[str, ...]) -> Query:
        """A clause in any of the readable full-text fields: all its words (or the phrase) in one text."""
        if clause.any_of:  # its items that are looked for in any field
            items = [self._fulltext(c, levels) for c in clause.any_of if c.field is None]
            return Query.boolean_query([(Occur.Should, q) for q in items]) if items else Query.empty_query()
        if clause.identifier_prefix:  # identifiers are no words of a full text
            return Query.empty_query()
        options = []
        for field in levels:
            if clause.phrase:
                options.append(Query.phrase_query(self.schema, field, clause.words))
            else:
                options.append(Query.boolean_query([(Occur.Must, Query.term_query(self.schema, field, w))
                                                    for w in clause.words]))
        return Query.boolean_query([(Occur.Should, q) for q in options])

    def _ids(self, searcher: tantivy.Searcher, result: tantivy.SearchResult) -> list[int]:
        """Work ids of a result's hits, in order."""
        addresses = [address for _score, address in result.hits]
        return [int(i) for i in searcher.fast_field_values("id", addresses)] if addresses else []

    def _reranked(self, searcher: tantivy.Searcher, plain: Query, bonuses: list[Query], offset: int,
                  size: int) -> tuple[int, list[int]]:
        """Total and one page: the RERANK best plain matches re-ordered with the bonuses.

        Scoring phrase and proximity for every match of a common word costs several times
        the search itself on 10^6 works; the bonuses only reorder the best candidates.
        """
        first = searcher.search(plain, limit=RERANK, count=True)
        candidates = self._ids(searcher, first)
        if not candidates:
            return first.count or 0, []
        score = {work_id: hit[0] for work_id, hit in zip(candidates, first.hits, strict=True)}
        # One search of the candidates (their id filter scores nothing) with each bonus an optional
        # clause, nested one in the other: Tantivy seeks a single optional clause to the documents
        # of the required one, but walks every match of a union of several (a common phrase's
        # thousands), and a search per bonus filtered the ids again each time.
        scored = Query.boost_query(Query.term_set_query(self.schema, "id", candidates), 0.0)
        for bonus in bonuses:
            scored = Query.boolean_query([(Occur.Must, scored), (Occur.Should, bonus)])
        found = searcher.search(scored, limit=len(candidates), count=False)
        for work_id, (bonus_score, _address) in zip(self._ids(searcher, found), found.hits, strict=True):
            score[work_id] += bonus_score
        order = {work_id: i for i, work_id in enumerate(candidates)}
        ranked = sorted(candidates, key=lambda work_id: (-score[work_id], order[work_id]))
        return first.count or 0, ranked[offset:offset + size]

    def _facets(self, searcher: tantivy.Searcher, q: Query) -> dict[str, list[tuple[str, int]]]:
        """Exact value counts of every facet over the matching documents."""
        spec = {f.name: {"terms": {"field": f.name, "size": f.size, "segment_size": 10000}}
                for f in FACETS}
        raw = searcher.aggregate(q, spec)
        out: dict[str, list[tuple[str, int]]] = {}
        for f in FACETS:
            buckets = raw.get(f.name, {}).get("buckets", [])
            out[f.name] = [(str(b["key"]).removesuffix(".0"), int(b["doc_count"])) for b in buckets]
        return out

    # --- query building ------------------------------------------------------------------

    def _query(self, query: ParsedQuery, request: SearchRequest, fuzzy: bool, scored: bool = True) -> Query:
        """The plain Tantivy query: text clauses, equivalences, year range and filters.

        Not `scored`: without the parts that only score (the words as typed with their marks, a name's
        phrase): the same matches for the facets, which walk every one of them, at less cost.
        """
        parts: list[tuple[Occur, Query]] = []
        levels = () if fuzzy else tuple(FULLTEXT_FIELDS[a] for a in sorted(request.fulltext_access))
        for clause in query.clauses:
            occur = Occur.MustNot if clause.negate else Occur.Must
            found = self._clause(clause, fuzzy and not clause.negate, scored)
            if levels and clause.field is None and not clause.negate:
                # the description, or else a full text the viewer may read, holds the clause
                found = Query.boolean_query([
                    (Occur.Should, found),
                    (Occur.Should, Query.boost_query(self._fulltext(clause, levels), FULLTEXT_WEIGHT))])
            parts.append((occur, found))
            if not scored:
                continue
            if self._names_in_full(clause) and not fuzzy:  # scored for every match, not the best RERANK only:
                parts.append((Occur.Should, self._name_phrase(clause)))  # a common name's works rank first
            if clause.initialled_as and not fuzzy and not clause.negate:  # "Nguyễn V. An": the names that fit it first
                parts.append((Occur.Should, Query.const_score_query(self._initialled(clause), NAME_SCORE)))
        for token in query.equivalences:
            parts.append((Occur.Must, self._equivalent(token)))
        for token in query.excluded_equivalences:
            parts.append((Occur.MustNot, self._equivalent(token)))
        parts.extend(self._filters(query, request))
        if not any(occur == Occur.Must for occur, _ in parts):
            parts.append((Occur.Must, Query.all_query()))
        return Query.boolean_query(parts)

    def _filters(self, query: ParsedQuery, request: SearchRequest) -> list[tuple[Occur, Query]]:
        """Facet filters (any of the values of each group), the year range, and the exclusions."""
        found = [(Occur.Must, self._values(name, values)) for name, values in filter_groups(query, request)]
        found += [(Occur.MustNot, self._values(name, values)) for name, values in query.excluded.items()]
        low, high = year_bounds(query, request)
        if low is not None or high is not None:
            found.append((Occur.Must, self._years(low, high)))
        found += [(Occur.MustNot, self._years(low, high)) for low, high in query.excluded_years]
        return found

    def _values(self, name: str, values: list[str]) -> Query:
        """Works with any of these values of a facet."""
        if name == "year":
            return Query.term_set_query(self.schema, "year", [int(v) for v in values if str(v).isdecimal()])
        if name == "field":  # a code at any level (5, 502, 50201): the work's code and those it is in
            return Query.term_set_query(self.schema, "fields", values)
        return Query.term_set_query(self.schema, name, values)

    def _years(self, low: int | None, high: int | None) -> Query:
        """Works of the years from low to high (either open)."""
        return Query.range_query(self.schema, "year", tantivy.FieldType.Integer,
                                 low if low is not None else 0, high if high is not None else 9999)

    def _term(self, field: str, word: str, fuzzy: bool) -> Query:
        """A term query, or a typo-tolerant one for long enough words."""
        if fuzzy and len(word) >= 4:
            return Query.fuzzy_term_query(self.schema, field, word, distance=1 if len(word) < 8 else 2)
        return Query.term_query(self.schema, field, word)

    def _word(self, clause: Clause, i: int, fuzzy: bool, scored: bool = True) -> Query:
        """One word of a clause in any of its fields, with a bonus for the exact diacritics."""
        word = clause.words[i]
        options = [Query.boost_query(self._term(f, word, fuzzy), WEIGHTS[f])
                   for f in FIELD_OF[clause.field]]
        found = options[0] if len(options) == 1 else Query.boolean_query([(Occur.Should, q) for q in options])
        marked = self._marked(clause, i) if scored else None
        if marked is None:
            return found
        # it adds to a match's score, and makes no match (text_x holds the subjects and the abstract:
        # "subject:bình" found "bình" in an abstract alone)
        return Query.boolean_query([(Occur.Must, found), (Occur.Should, marked)])

    def _marked(self, clause: Clause, i: int) -> Query | None:
        """The bonus of a word typed with its marks, once whichever fields have it so written; None for a word
        typed without them."""
        word = clause.words[i]
        exact = clause.exact[i] if len(clause.exact) == len(clause.words) else word  # "İstanbul": 2 and 1 words
        if exact == word:
            return None
        return Query.disjunction_max_query([Query.const_score_query(Query.term_query(self.schema, f, exact),
                                                                    EXACT_SCORE[f])
                                            for f in EXACT_OF.get(clause.field, ())])

    def _clause(self, clause: Clause, fuzzy: bool, scored: bool = True) -> Query:
        """A clause: every word (or the phrase) in the clause's field(s); or any of its items (biển OR sông)."""
        if clause.any_of:
            return Query.boolean_query([(Occur.Should, self._clause(c, fuzzy, scored)) for c in clause.any_of])
        if clause.group:  # an equivalence group as an item of an OR group
            return self._equivalent(clause.group)
        if clause.identifier_prefix:  # isbn:978-604: the start of an identifier of its kind (among the other texts)
            return Query.regex_query(self.schema, "other", re.escape(clause.identifier_prefix + clause.words[0]) + ".*")
        if clause.phrase:
            fields = FIELD_OF[clause.field]
            options = [Query.boost_query(Query.phrase_query(self.schema, f, clause.words), WEIGHTS[f])
                       for f in fields]
            found = Query.boolean_query([(Occur.Should, q) for q in options + self._variants(clause)])
            # its words typed with their marks score as unquoted ones do ("Nguyễn Văn Quảng" above "Quang")
            marked = [(Occur.Should, m) for i in range(len(clause.words)) if scored
                      and (m := self._marked(clause, i)) is not None]
            return Query.boolean_query([(Occur.Must, found), *marked]) if marked else found
        words = [(Occur.Must, self._word(clause, i, fuzzy, scored)) for i in range(len(clause.words))]
        found = words[0][1] if len(words) == 1 else Query.boolean_query(words)
        if clause.variants:
            found = Query.boolean_query([(Occur.Should, q) for q in [found, *self._variants(clause)]])
        if clause.initials_required:  # "Nguyen, V.A.": the names that fit it only
            found = Query.boolean_query([(Occur.Must, found),
                                         (Occur.Must, Query.const_score_query(self._initialled(clause), 0.0))])
        return found

    def _initialled(self, clause: Clause) -> Query:
        """A name typed with initials side by side in the people's names, an initial any word it starts."""
        return Query.regex_phrase_query(self.schema, "creators", [re.escape(w) + (".*" if len(w) == 1 else "")
                                                                   for w in clause.initialled_as])

    def _variants(self, clause: Clause) -> list[Query]:
        """The clause's other forms, each a phrase in the clause's field (a name as written with initials:
        in the people's names), scored below the clause as typed."""
        return [Query.boost_query(Query.phrase_query(self.schema, f, list(words)) if len(words) > 1 else
                                  Query.term_query(self.schema, f, words[0]), WEIGHTS[f] * VARIANT_WEIGHT)
                for words in clause.variants for f in FIELD_OF[clause.field or "author"]]

    def _equivalent(self, token: str) -> Query:
        """An equivalence group (KH&CN...): its token, which indexing put beside each text with one of its
        forms (_fields), weighted as that text and as a phrase in it ("khoa học và công nghệ" is one; as a
        single word's, "KH&CN Hải Phòng" ranked it in an abstract above it in a title a word longer)."""
        return Query.boolean_query([(Occur.Should, Query.boost_query(Query.term_query(self.schema, beside, token),
                                                                     WEIGHTS[field] + PHRASE_BOOST.get(field, 0)))
                                    for field, beside in EQUIVALENCE_FIELDS.items()])

    @staticmethod
    def _names_in_full(clause: Clause) -> bool:
        """Whether a clause is a person's name whose phrase in the names scores every match."""
        return (clause.looks_like_a_name and not clause.negate and len(clause.words) >= 2
                and not clause.initialled_as)  # "Nguyễn V. An" is no phrase "nguyen an"

    def _name_phrase(self, clause: Clause) -> Query:
        """The clause's words side by side in the people's names: a constant above what the words score
        anywhere (BM25), below the words typed with their marks found so written (EXACT_SCORE)."""
        return Query.const_score_query(Query.phrase_query(self.schema, "creators", clause.words), NAME_SCORE)

    def _proximity(self, query: ParsedQuery) -> list[Query]:
        """Ranking bonuses for the words of a clause side by side, or close together."""
        bonuses: list[Query] = []
        for clause in query.clauses:
            if clause.negate or clause.phrase or clause.any_of or len(clause.words) < 2:
                continue
            for field, boost in PHRASE_BOOST.items():
                if clause.field is not None and field not in FIELD_OF[clause.field]:
                    continue
                if field == "creators" and (not clause.looks_like_a_name or clause.initialled_as):  # "hải phòng"
                    continue
                if not (field == "creators" and self._names_in_full(clause)):  # in the plain query already
                    bonuses.append(Query.boost_query(
                        Query.phrase_query(self.schema, field, clause.words), boost))
                bonuses.append(Query.boost_query(
                    Query.phrase_query(self.schema, field, clause.words, slop=PROXIMITY_SLOP),
                    boost / 3))
            ordered = [f for f in ORDER_SCORE if clause.field is None or f in FIELD_OF[clause.field]]
            bonuses += self._best_of({f: ORDER_SCORE[f] for f in ordered}, clause.words)
            if len(clause.exact) == len(clause.words) and clause.exact != clause.words:
                bonuses.append(Query.boost_query(
                    Query.phrase_query(self.schema, "title_x", clause.exact), 4.0))
        return bonuses

    def _best_of(self, scores: dict[str, float], words: list[str]) -> list[Query]:
        """The words side by side in any of these fields, scoring the best field's constant once: one
        part per field, without the fields that score more (a disjunction-max query, a union, walks
        every match of a common phrase where _reranked only seeks its candidates)."""
        parts: list[Query] = []
        above: list[Query] = []
        for field in sorted(scores, key=lambda f: -scores[f]):
            phrase = Query.phrase_query(self.schema, field, words)
            found = phrase
            for better in above:  # nested: several excluded at one level would be a union again
                found = Query.boolean_query([(Occur.Must, found), (Occur.MustNot, better)])
            parts.append(Query.const_score_query(found, scores[field]))
            above.append(phrase)
        return parts

    def _phrase_prefix(self, field: str, words: list[str]) -> Query:
        """The words side by side, the last one a prefix of any word of the field (Tantivy's phrase prefix
        query tries the first 50 words it starts only: "giáo d" missed "dục" behind "da", "dai", "dan" ...)."""
        last = re.escape(words[-1]) + ".*"
        if len(words) == 1:
            return Query.regex_query(self.schema, field, last)
        return Query.regex_phrase_query(self.schema, field, [re.escape(w) for w in words[:-1]] + [last])

    def suggest_titles(self, prefix: str, limit: int) -> list[int]:
        """Ids of works whose title contains the words typed so far, the last as a prefix; those with
        the words as typed with their marks first ("đa dạ": "đa dạng" before "da dày")."""
        searcher = self._searcher()
        found: dict[int, None] = {}
        for marked, forms in prefix_forms(prefix):
            field = "title_x" if marked else "title"
            try:
                result = searcher.search(self._phrase_prefix(field, forms), limit=limit, count=False)
            except ValueError:  # the last word starts more words than Tantivy expands (16,384): its first 50
                result = searcher.search(Query.phrase_prefix_query(self.schema, field, forms), limit=limit,
                                         count=False)
            addresses = [a for _s, a in result.hits]
            found.update(dict.fromkeys(int(i) for i in searcher.fast_field_values("id", addresses)) if addresses
                         else {})
        return list(found)[:limit]
