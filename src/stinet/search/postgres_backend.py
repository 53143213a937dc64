"""Search backend for production: PostgreSQL full-text search on folded text.

Texts are folded in Python exactly as for the embedded engine and stored as their words alone, so
both backends agree on what matches. Ranking: ts_rank_cd on the weighted folded vector (cover
density rewards words close together), plus the exact-diacritics vector and a bonus for the clause's words as a phrase.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from rapidfuzz.distance import OSA

from stinet.search.base import FACETS, FULLTEXT_FIELDS, SearchRequest, SearchResponse, filter_groups, year_bounds
from stinet.search.models import SearchDocument
from stinet.search.query import VALUE_GAP, Clause, ParsedQuery, prefix_forms
from stinet.vietnamese import equivalent_forms, word_text

WEIGHT_OF = {"title": "A", "author": "B", "subject": "C", "abstract": "D", None: ""}
RANK_WEIGHTS = "{0.2, 0.6, 0.7, 1.0}"  # D, C, B, A
PHRASE_BONUS = {"A": 0.5, "B": 1.0}  # a query's words side by side in the title (A) or the names (B)
EXACT_WORD = 2.0  # each word typed with its marks found so written: more than folded look-alikes score
# a clause's words side by side in the order typed in the title, subjects or abstract ("sinh học" above
# "học sinh", which cover density ranks alike): more than cover density gives the words as often as they come
ORDER_BONUS = 1.5
TABLE = "search_searchdocument"
VOCABULARY_SAMPLE = 1000  # works whose words the spelling correction reads (word_counts)
TYPO_FORMS = 12  # words of the vocabulary that may stand for a word of the typo-tolerant retry
# The words of all documents (without digits: identifiers) with their counts per weight (migration
# 0007), which the spelling correction reads for a query without other words. Refreshed at the end of
# an import, a harvest or a rebuild (settle; never in a web request) once this many rows, and this
# share of the documents, were written since the last refresh (the table's statistics count them):
# a scan of every document, ~2-3 s per 10^5 works, in one transaction (searches read the old words).
VOCABULARY = "search_vocabulary"
VOCABULARY_CHANGES = 1000
VOCABULARY_SHARE = 0.05
VOCABULARY_SQL = (f"INSERT INTO {VOCABULARY} SELECT s.word, weight::\"char\", s.ndoc "
                  f"FROM unnest('{{A,B,C,D}}'::text[]) weight, ts_stat('SELECT document FROM {TABLE}', weight) s "
                  "WHERE s.word !~ '[0-9]'")  # ts_stat: twice as fast as unnesting the vectors in SQL
TEXTS = ("title", "title_x", "creators", "subjects", "abstract", "other", "text_x", "equiv",
         "type", "field", "language", "title_sort", *FULLTEXT_FIELDS.values())
PARSED = frozenset(TEXTS) - {"type", "field", "language", "title_sort"}  # the texts made into tsvectors
FIELDS = ("title", "title_x", "creators", "subjects", "abstract", "other", "text_x", "equiv",
          "type", "year", "orgs", "access", "field", "language", "title_sort", *FULLTEXT_FIELDS.values())


def _lexeme(word: str, weight: str = "", prefix: bool = False) -> str:
    """A quoted tsquery lexeme (words are \\w+ tokens; quotes doubled all the same)."""
    return "'" + word.replace("'", "''").replace("\\", "") + "'" + (":" if weight or prefix else "") + \
        ("*" if prefix else "") + weight


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern for the words starting with prefix."""
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _clause_tsquery(clause: Clause, typos: dict[str, list[str]] | None = None) -> str:
    """tsquery text of one clause: words ANDed, or a phrase; or any of its name's forms with initials,
    each a phrase in the people's names. `typos`: words within an edit or two of a word, any of which
    may stand for it (the typo-tolerant retry; not for an excluded clause nor a phrase, kept as typed)."""
    if clause.any_of:  # biển OR sông
        text = "(" + " | ".join(_clause_tsquery(c, typos) for c in clause.any_of) + ")"
        return "!" + text if clause.negate else text
    if clause.group:  # an equivalence group as an item of an OR group
        return _equivalent(clause.group)
    if clause.identifier_prefix:  # isbn:978-604: the start of an identifier of its kind, among the other texts (D)
        text = _lexeme(clause.identifier_prefix + clause.words[0], "D", prefix=True)
        return "!" + text if clause.negate else text
    weight = WEIGHT_OF[clause.field]
    joiner = " <-> " if clause.phrase else " & "
    forms = typos if typos and not clause.negate and not clause.phrase else {}

    def word(w: str, weight: str) -> str:
        return "(" + " | ".join(_lexeme(f, weight) for f in [w, *forms[w]]) + ")" if forms.get(w) else \
            _lexeme(w, weight)

    def words(weight: str) -> str:
        return "(" + joiner.join(word(w, weight) for w in clause.words) + ")"

    # a phrase in any field: in one of them (the vector puts the title's last word beside the first name's)
    text = "(" + " | ".join(map(words, "ABCD")) + ")" if clause.phrase and not weight else words(weight)
    if clause.variants:  # in the clause's field (a name with initials: in the people's names)
        names = WEIGHT_OF[clause.field or "author"]
        text = "(" + " | ".join([text, *("(" + " <-> ".join(_lexeme(w, names) for w in words) + ")"
                                        for words in clause.variants)]) + ")"
    if clause.initials_required:  # "Nguyen, V.A.": the names that fit it only
        text = f"({text} & {_initialled(clause)})"
    return "!" + text if clause.negate else text


def _in_abstract(clause: Clause, typos: dict[str, list[str]]) -> tuple[str, list[str]]:
    """SQL for an abstract: clause in the stored abstract (its words alone, one space between them): each
    word, or the phrase, found between spaces (a search of the text, cheaper than parsing it again); or
    one of its other forms (abstract:KHCN: "khoa hoc va cong nghe" written out), each as a phrase."""
    found = "position(%s in ' ' || d.abstract || ' ') > 0"
    if clause.phrase:
        sql, given = found, [f" {' '.join(clause.words)} "]
    else:
        parts, given = [], []
        for word in clause.words:
            forms = [word, *typos.get(word, [])] if not clause.negate else [word]
            parts.append("(" + " OR ".join([found] * len(forms)) + ")")
            given += [f" {f} " for f in forms]
        sql = "(" + " AND ".join(parts) + ")"
    if clause.variants:
        sql = "(" + " OR ".join([sql, *[found] * len(clause.variants)]) + ")"
        given += [f" {' '.join(words)} " for words in clause.variants]
    return sql, given


def _ranked_terms(clause: Clause, typos: dict[str, list[str]]) -> str:
    """What cover density ranks a clause by: a quoted phrase as a phrase (where it stands, not where its words
    stand apart: "cấy", "chế" all over an abstract ranked a work with "cây chè" among its subjects first),
    else each word and the words that may stand for it."""
    weight = WEIGHT_OF[clause.field]
    if clause.identifier_prefix:
        return _lexeme(clause.identifier_prefix + clause.words[0], "D", prefix=True)
    if clause.phrase and len(clause.words) > 1:
        return "(" + " <-> ".join(_lexeme(w, weight) for w in clause.words) + ")"
    # (a name's forms with initials are not ranked: the name as typed, and then in full, comes first)
    return " | ".join(_lexeme(f, weight) for w in clause.words for f in [w, *typos.get(w, [])])


def _initialled(clause: Clause) -> str:
    """tsquery of a name typed with initials in the people's names, an initial any word it starts."""
    return " <-> ".join(_lexeme(w, "B", prefix=len(w) == 1) for w in clause.initialled_as)


def _equivalent(token: str) -> str:
    """tsquery of an equivalence group (KH&CN...): its token, or any of its forms written out, in one field."""
    forms = ["(" + " <-> ".join(_lexeme(w, weight) for w in words) + ")"
             for words in equivalent_forms(token) for weight in "ABCD"]
    return "(" + " | ".join([_lexeme(token), *forms]) + ")"


def _title_words(query: ParsedQuery) -> list[Clause]:
    """The clauses the typo-tolerant retry compares with titles: free words and title: ones
    (a misspelt author:, subject: or abstract: word is not looked for in titles)."""
    return [c for c in query.clauses if not c.negate and not c.phrase and c.field in (None, "title")]


def _levels(request: SearchRequest, fuzzy: bool) -> list[str]:
    """Access levels whose full texts this search reads (none in the typo-tolerant retry)."""
    return [] if fuzzy else [level for level in FULLTEXT_FIELDS if level in request.fulltext_access]


# Every facet is counted in one pass over the matches, with a grouping set per facet column;
# GROUPING() tells the sets apart (a bit per column left out of the set, the first the highest).
# Organisations and access levels are JSON arrays: the pass counts each distinct array (a few
# dozen), which are then taken apart.
ARRAYS = {"org": "orgs", "access": "access"}  # facets of several values per work: their column
GROUPED = tuple(ARRAYS.get(spec.name, spec.name) for spec in FACETS)  # the column of each facet
ALL = (1 << len(GROUPED)) - 1  # the empty set: every match
MASK = {name: ALL - (1 << (len(GROUPED) - 1 - i)) for i, name in enumerate(GROUPED)}
GROUPS = (f"SELECT GROUPING({', '.join(GROUPED)}) AS gs, {', '.join(GROUPED)}, count(*) AS n FROM m "
          f"GROUP BY GROUPING SETS ((), {', '.join(f'({name})' for name in GROUPED)})")
COUNT = f"SELECT {ALL} AS gs, count(*) AS n FROM m"  # no facets asked for: the total alone
# Settings of the search statement only (its transaction). JIT compiling took 0.2-0.4 s on
# searches that ran in less. The matches stay in memory. The planner counts ranking a match as
# cheap as an addition (~3 us in fact) and the table's pages as read from disk (cached in fact),
# so it kept the scan of a common word's matches on one core; cheaper parallel workers spread
# it over them (half the time on two cores) and leave small searches on the index as before.
SETTINGS = {"jit": "off", "work_mem": "64MB", "parallel_tuple_cost": "0.001", "parallel_setup_cost": "100"}
SET_LOCAL = "SELECT " + ", ".join(f"set_config('{name}', '{value}', true)" for name, value in SETTINGS.items())

ORDER = {"relevance": "score DESC, work_id", "title": 'title_sort COLLATE "C", work_id',
         "year": "year ASC NULLS LAST, work_id", "-year": "year DESC NULLS LAST, work_id"}


def _row(doc: dict[str, Any]) -> SearchDocument:
    """A document's search row (see PostgresBackend.index_docs)."""
    row = SearchDocument(work_id=doc["id"], orgs=doc["org"], access=doc["access"], year=doc["year"],
                         **{k: (word_text(doc.get(k) or "") if k in PARSED else doc.get(k) or "") for k in TEXTS})
    row.other, row.equiv = (f"{VALUE_GAP} {text}" if text else "" for text in (row.other, row.equiv))
    # the names with their marks before the subjects and abstract (B of the exact vector): "Nguyễn Văn Quảng"
    # typed so ranks Quảng above Quang, as the embedded engine's creators_x does
    if names := word_text(doc.get("creators_x") or ""):
        row.text_x = f"{names} {VALUE_GAP} {row.text_x}" if row.text_x else names
    return row


class PostgresBackend:
    """Full-text search in the PostgreSQL database that holds the catalogue."""

    single_writer = False  # rows are written in the database's own transactions

    def acquire(self, wait: float) -> None:
        """Nothing to take."""

    def holds_writer(self) -> bool:
        """Always: every process writes in its own transactions."""
        return True

    def writer_wanted(self) -> bool:
        """Never: nobody waits."""
        return False

    def index_docs(self, docs: Iterable[dict[str, Any]], replace: bool = True) -> None:
        """Insert or replace search rows (an upsert either way). The texts PostgreSQL's parser reads
        are stored as their words alone (word_text), so that it finds the words a query is split into:
        its own parser reads "2016-2020" as 2016 and -2020, "ISO/IEC" or an address as one word.
        The texts that follow the abstract in its vector (weight D) start with a word between them, so
        that a phrase does not run from the abstract's last word into the publisher's first."""
        rows = [_row(d) for d in docs]
        SearchDocument.objects.bulk_create(rows, update_conflicts=True, unique_fields=["work"],
                                           update_fields=list(FIELDS))

    def index_prepared(self, docs: Iterable[tuple[int, dict[str, Any]]]) -> None:
        """Add the documents of new works: (work id, its document as indexing.prepare left it)."""
        self.index_docs([{**doc, "id": work_id} for work_id, doc in docs], replace=False)

    def delete(self, ids: Iterable[int]) -> None:
        """Remove rows by work id."""
        SearchDocument.objects.filter(work_id__in=list(ids)).delete()

    def commit(self, final: bool = True) -> None:
        """Nothing to do: rows are written in the database's own transactions."""

    def settle(self) -> None:
        """Refresh the vocabulary when enough documents were written since its last refresh."""
        self.refresh_vocabulary()

    def refresh_vocabulary(self, force: bool = False) -> bool:
        """Refresh the vocabulary when stale, or when forced; whether it was. A refresh another
        process is making is not made twice."""
        with transaction.atomic(savepoint=False), connection.cursor() as cur:
            cur.execute("SELECT coalesce(n_tup_ins + n_tup_upd + n_tup_del, 0), n_live_tup "
                        "FROM pg_stat_user_tables WHERE relid = %s::regclass", [TABLE])
            written, live = cur.fetchone() or (0, 0)
            cur.execute("SELECT written FROM search_vocabulary_state")
            then = cur.fetchone()[0]
            stale = then < 0 or abs(written - then) >= max(VOCABULARY_CHANGES, VOCABULARY_SHARE * live)
            if not (force or stale):
                return False
            cur.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [VOCABULARY])
            if not cur.fetchone()[0]:
                return False
            cur.execute(f"DELETE FROM {VOCABULARY}")
            cur.execute(VOCABULARY_SQL)
            cur.execute("UPDATE search_vocabulary_state SET written = %s", [written])
        return True

    def rollback(self) -> None:
        """Nothing to do."""

    def clear(self) -> None:
        """Remove every row."""
        SearchDocument.objects.all().delete()

    def count(self) -> int:
        """Number of indexed works."""
        return SearchDocument.objects.count()

    # --- searching -----------------------------------------------------------------------

    def _where(self, query: ParsedQuery, request: SearchRequest, fuzzy: bool,
               typos: dict[str, list[str]] | None = None) -> tuple[str, list]:
        """WHERE clause and parameters for the text, equivalences, filters and year range."""
        conds, params = ["TRUE"], []
        levels = _levels(request, fuzzy)
        open_text = [c for c in query.clauses if levels and c.field is None and not c.negate
                     and not c.identifier_prefix]  # an identifier is no word of a full text
        parts = [_clause_tsquery(c, typos) for c in query.clauses
                 if not any(c is o for o in open_text) and not (c.negate and c.field == "abstract")]
        parts += [_equivalent(t) for t in query.equivalences]
        parts += ["!" + _equivalent(t) for t in query.excluded_equivalences]
        if fuzzy and not typos:  # the words meant for the title (or any field) compared with titles by trigrams;
            words = " ".join(w for c in _title_words(query) for w in c.words)  # the rest still match as asked
            conds.append("%s <%% d.title")  # uses the title's trigram index
            params.append(words)
            parts = [_clause_tsquery(c) for c in query.clauses  # a phrase kept as typed, as in the index's retry
                     if c.negate or c.phrase or c.field not in (None, "title")]
        if parts:
            conds.append("d.document @@ to_tsquery('simple', %s)")
            params.append(" & ".join(parts))
        for clause in query.clauses:  # weight D is the other texts' too (publisher, identifiers, English title)
            if clause.field == "abstract":  # the abstract's own words
                sql, given = _in_abstract(clause, typos or {})
                conds.append(f"NOT coalesce({sql}, false)" if clause.negate else sql)
                params.extend(given)
        for clause in open_text:  # in the description, or else in a full text the viewer may read
            vectors = ["document", *(f"ftv_{level}" for level in levels)]
            conds.append("(" + " OR ".join(f"d.{v} @@ to_tsquery('simple', %s)" for v in vectors) + ")")
            params.extend([_clause_tsquery(clause)] * len(vectors))
        for name, values in filter_groups(query, request):
            sql, given = self._values(name, values)
            conds.append(sql)
            params.extend(given)
        for name, values in query.excluded.items():
            sql, given = self._values(name, values)
            conds.append(f"NOT coalesce({sql}, false)")
            params.extend(given)
        low, high = year_bounds(query, request)
        if low is not None:
            conds.append("d.year >= %s")
            params.append(low)
        if high is not None:
            conds.append("d.year <= %s")
            params.append(high)
        for low, high in query.excluded_years:
            conds.append("coalesce(d.year NOT BETWEEN %s AND %s, true)")
            params.extend([low if low is not None else 0, high if high is not None else 9999])
        return " AND ".join(conds), params

    @staticmethod
    def _values(name: str, values: list[str]) -> tuple[str, list[Any]]:
        """SQL for works with any of these values of a facet, and its parameters."""
        if name in ("org", "access"):
            return f"d.{'orgs' if name == 'org' else 'access'} ?| %s", [values]
        if name == "year":
            return "d.year = ANY(%s)", [[int(v) for v in values if str(v).isdecimal()]]
        if name == "field" and (below := [f"{v}%" for v in values if len(v) > 1]):
            # the top level is in the row; a code below it (502, 50201) in the work's own code (one pass over
            # the works, hashed: a lookup per row, inside OR, was one index probe per match)
            return ("(d.field = ANY(%s) OR d.work_id IN (SELECT w.id FROM catalog_work w WHERE "
                    "(CASE WHEN w.field_code <> '' THEN w.field_code ELSE w.field_code_old END) LIKE ANY(%s)))",
                    [[v for v in values if len(v) == 1], below])
        return f"d.{name} = ANY(%s)", [values]

    def _rank(self, query: ParsedQuery, fuzzy: bool, typos: dict[str, list[str]] | None = None) -> tuple[str, list]:
        """Score expression: weighted cover density + exact diacritics + phrase bonus."""
        positive = [c for c in query.clauses if not c.negate]
        if not positive and not query.equivalences:
            return "0", []
        if fuzzy and not typos:
            words = " ".join(w for c in _title_words(query) for w in c.words)
            return "word_similarity(%s, d.title)", [words]
        # an equivalence group (KH&CN) by any of its forms, as the embedded engine scores it beside the words
        anyq = " | ".join([*(_ranked_terms(c, typos or {}) for c in positive),
                           *(f"({_lexeme(t)} | " + " | ".join("(" + " <-> ".join(map(_lexeme, words)) + ")"
                                                               for words in equivalent_forms(t)) + ")"
                             for t in query.equivalences)])  # (the matches are in one field already)
        expr = [f"ts_rank_cd('{RANK_WEIGHTS}', d.document, to_tsquery('simple', %s), 1)"]
        params: list[Any] = [anyq]
        exact = [e for c in positive for e, w in zip(c.exact, c.words, strict=False) if e != w]
        if exact:
            expr.append("0.5 * ts_rank('{0.1, 0.2, 0.5, 1.0}', d.document_x, "
                        "to_tsquery('simple', %s))")
            params.append(" | ".join(_lexeme(e) for e in exact))
        for e in dict.fromkeys(exact):  # a word typed with its marks, so written: above look-alikes
            expr.append(f"CASE WHEN d.document_x @@ to_tsquery('simple', %s) THEN {EXACT_WORD} ELSE 0 END")
            params.append(_lexeme(e))
        for c in positive:  # the words side by side in the title, or as a person's name
            if c.any_of:  # either of its items: no order, no name
                continue
            if len(c.words) > 1 and not c.phrase and c.field != "author":
                expr.append(f"CASE WHEN d.document @@ to_tsquery('simple', %s) THEN {ORDER_BONUS} ELSE 0 END")
                params.append(" | ".join("(" + " <-> ".join(_lexeme(w, weight) for w in c.words) + ")"
                                         for weight in (WEIGHT_OF[c.field] or "ACD")))
            if len(c.words) > 1 and not c.phrase:
                for weight, bonus in PHRASE_BONUS.items():
                    if weight == "B" and (not c.looks_like_a_name or c.initialled_as):  # "nguyen an" is no name
                        continue
                    if weight == "B":  # names have no exact vector here: a name outranks its words' marks
                        bonus += EXACT_WORD * len(c.words)
                    expr.append(f"CASE WHEN d.document @@ to_tsquery('simple', %s) THEN {bonus} ELSE 0 END")
                    params.append(" <-> ".join(_lexeme(w, weight) for w in c.words))
            if c.initialled_as:  # "Nguyễn V. An": the names that fit it first (an initial: any word it starts)
                bonus = PHRASE_BONUS["B"] + EXACT_WORD * len(c.initialled_as)
                expr.append(f"CASE WHEN d.document @@ to_tsquery('simple', %s) THEN {bonus} ELSE 0 END")
                params.append(_initialled(c))
        return " + ".join(expr), params

    def search(self, query: ParsedQuery, request: SearchRequest) -> SearchResponse:
        """Run the query as typed."""
        return self._run(query, request, fuzzy=False)

    def fuzzy_search(self, query: ParsedQuery, request: SearchRequest) -> SearchResponse | None:
        """Run the query tolerating a typo in each word of 4 letters or more, as the embedded engine does:
        any word of the catalogue's vocabulary one edit away (two from 8 letters on) may stand for it,
        phrases and fields kept. Without such words (a vocabulary not yet made), the free and title:
        words are compared with titles by trigram similarity. None: no word of 4 letters or more."""
        long_words = {w for c in query.clauses if not c.negate and not c.phrase  # a phrase is kept as typed
                      for w in c.words if len(w) >= 4 and not w.isdigit()}
        if not long_words:
            return None
        typos = self._typos(long_words)
        if not typos and not any(len(w) >= 4 for c in _title_words(query) for w in c.words):
            return None
        response = self._run(query, request, fuzzy=True, typos=typos)
        response.approximate = True
        return response

    @staticmethod
    def _typos(words: set[str]) -> dict[str, list[str]]:
        """For each word, the vocabulary's words within its edit distance (1; 2 from 8 letters on, a
        transposition one edit), the commonest first, at most TYPO_FORMS of them."""
        found: dict[str, list[str]] = {}
        with connection.cursor() as cur:
            for word in sorted(words):
                limit = 1 if len(word) < 8 else 2
                near = [word[:i] + word[i + 1:] for i in range(len(word))]  # one letter less
                near += [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)]  # swapped
                patterns = [word[:i] + "_" + word[i + 1:] for i in range(len(word))]  # one letter other
                patterns += [word[:i] + "_" + word[i:] for i in range(len(word) + 1)]  # one letter more
                cur.execute(f"SELECT word, max(ndoc) FROM {VOCABULARY} WHERE length(word) BETWEEN %s AND %s "
                            f"AND (word = ANY(%s) OR word LIKE ANY(%s)" + (" OR word %% %s)" if limit > 1 else ")")
                            + " GROUP BY word ORDER BY 2 DESC, 1 LIMIT 200",
                            [len(word) - limit, len(word) + limit, near, patterns,
                             *([word] if limit > 1 else [])])
                forms = [w for w, _n in cur.fetchall()
                         if w != word and OSA.distance(word, w, score_cutoff=limit) <= limit]
                if forms:
                    found[word] = forms[:TYPO_FORMS]
        return found

    def has_word(self, word: str) -> bool:
        """Whether any work has this folded word in a text field."""
        with connection.cursor() as cur:
            cur.execute(f"SELECT EXISTS (SELECT 1 FROM {TABLE} d WHERE d.document @@ to_tsquery('simple', %s))",
                        [_lexeme(word)])
            return bool(cur.fetchone()[0])

    def word_counts(self, prefix: str, fields: str | None, context: ParsedQuery,
                    request: SearchRequest) -> dict[str, int]:
        """Folded words starting with `prefix` in the works that match `context` (its clauses and the
        request's filters), with the number of those works having each; in the fields of a clause
        of `fields` (title, author, ...; None: all). Read from the first VOCABULARY_SAMPLE of them;
        without words in `context`, from the vocabulary of all works too (the sample then has the
        words of works written since its last refresh, if they are among the first)."""
        where, params = self._where(context, request, False)
        weights = "".join(WEIGHT_OF[fields]) if fields else "ABCD"
        with transaction.atomic(savepoint=False), connection.cursor() as cur:
            cur.execute(SET_LOCAL)
            cur.execute(f"SELECT w.lexeme, count(*) FROM (SELECT d.document FROM {TABLE} d WHERE {where} "
                        f"LIMIT {VOCABULARY_SAMPLE}) s, unnest(s.document) w "
                        "WHERE starts_with(w.lexeme, %s) AND w.weights && %s::text[] GROUP BY w.lexeme",
                        [*params, prefix, list(weights)])
            counts = {word: int(n) for word, n in cur.fetchall()}
            if context.is_empty:
                cur.execute(f"SELECT word, max(ndoc) FROM {VOCABULARY} "
                            "WHERE word LIKE %s AND weight = ANY(%s::\"char\"[]) GROUP BY word",
                            [_like_prefix(prefix), list(weights)])
                for word, n in cur.fetchall():
                    counts[word] = max(counts.get(word, 0), int(n))
        counts.pop(VALUE_GAP, None)
        return counts

    def _run(self, query: ParsedQuery, request: SearchRequest, fuzzy: bool,
             typos: dict[str, list[str]] | None = None) -> SearchResponse:
        """Total, one page of ids and facet counts in one statement over one scan of the matches."""
        where, params = self._where(query, request, fuzzy, typos)
        sort = request.sort if not (request.sort == "relevance" and query.is_empty) else "-year"
        rank, rank_params = self._rank(query, fuzzy, typos) if sort == "relevance" else ("0", [])
        hits, hit_params = self._fulltext_sql(query, _levels(request, fuzzy))
        sql = (f"WITH m AS MATERIALIZED (SELECT d.work_id, d.type, d.year, d.field, d.language, "
               f"d.orgs, d.access, d.title_sort, {rank} AS score FROM {TABLE} d WHERE {where}), "
               f"page AS (SELECT work_id, score, title_sort, year FROM m "
               f"ORDER BY {ORDER[sort]} LIMIT %s OFFSET %s), "
               f"g AS ({GROUPS if request.facets else COUNT}) "
               f"SELECT (SELECT n FROM g WHERE gs = {ALL}), "
               f"(SELECT coalesce(array_agg(work_id ORDER BY {ORDER[sort]}), '{{}}') FROM page), ({hits})"
               + "".join(f", ({self._facet_sql(spec.name, spec.size)})" for spec in FACETS if request.facets))
        offset = (request.page - 1) * request.page_size
        # settings last till the end of the transaction: this one, or the caller's if it has one
        with transaction.atomic(savepoint=False), connection.cursor() as cur:
            cur.execute(SET_LOCAL)
            cur.execute(sql, [*rank_params, *params, request.page_size, offset, *hit_params])
            total, ids, fulltext_ids, *counts = cur.fetchone()
        found = {spec.name: [(str(v), int(n)) for v, n in (c or [])]
                 for spec, c in zip(FACETS, counts, strict=False)}
        return SearchResponse(total, list(ids), found if request.facets else {}, query,
                              fulltext_ids=set(fulltext_ids or ()))

    @staticmethod
    def _fulltext_sql(query: ParsedQuery, levels: list[str]) -> tuple[str, list[Any]]:
        """Subquery of the page's works whose readable full text holds every free-text clause."""
        clauses = [c for c in query.clauses if c.field is None and not c.negate]
        if not clauses or not levels:
            return "SELECT '{}'::bigint[]", []
        conds, params = [], []
        for clause in clauses:
            conds.append("(" + " OR ".join(f"f.ftv_{level} @@ to_tsquery('simple', %s)" for level in levels) + ")")
            params.extend([_clause_tsquery(clause)] * len(levels))
        return (f"SELECT coalesce(array_agg(p.work_id), '{{}}') FROM page p JOIN {TABLE} f "
                f"ON f.work_id = p.work_id WHERE {' AND '.join(conds)}"), params

    @staticmethod
    def _facet_sql(name: str, size: int) -> str:
        """Subquery of one facet's value counts over the matches, as a JSON array of pairs."""
        if name in ARRAYS:
            column = ARRAYS[name]
            values = (f"SELECT v, sum(n) AS n FROM g, jsonb_array_elements_text(g.{column}) v "
                      f"WHERE gs = {MASK[column]} GROUP BY v")
        else:
            values = f"SELECT {name}::text AS v, n FROM g WHERE gs = {MASK[name]}"
        return (f"SELECT coalesce(json_agg(json_build_array(v, n)), '[]') FROM (SELECT v, n FROM ({values}) c "
                f"WHERE v IS NOT NULL AND v <> '' ORDER BY n DESC, v LIMIT {int(size)}) f")

    def suggest_titles(self, prefix: str, limit: int) -> list[int]:
        """Works whose title has the words typed, the last one as a prefix; those with the words as
        typed with their marks first ("đa dạ": "đa dạng" before "da dày")."""
        found: dict[int, None] = {}
        with connection.cursor() as cur:
            for marked, forms in prefix_forms(prefix):
                vector = "document_x" if marked else "document"
                q = " <-> ".join([*(_lexeme(w, "A") for w in forms[:-1]), _lexeme(forms[-1], "A", True)])
                cur.execute(f"SELECT work_id FROM {TABLE} d WHERE d.{vector} @@ to_tsquery('simple', %s) "
                            f"ORDER BY length(d.title), d.work_id LIMIT %s", [q, limit])
                found.update(dict.fromkeys(row[0] for row in cur.fetchall()))
        return list(found)[:limit]
