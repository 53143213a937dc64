"""The search interface: requests, responses, facet declarations and the backend protocol."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.translation import gettext as _

from stinet.search.query import ParsedQuery, SearchError, narrowed

SORTS = ("relevance", "title", "year", "-year")
MAX_PAGE_SIZE = 100
MAX_RESULTS = 10_000  # deep pages cost the engine their offset (and a 64-bit overflow past it)
MIN_YEAR, MAX_YEAR = 1, 9999
MAX_QUERY_CHARS = 1000  # a pasted abstract fits; 40,000 characters took the typo-tolerant retry 20 s


@dataclass(frozen=True)
class FacetSpec:
    """One facet: the index field it counts and how many values it shows at most."""

    name: str
    size: int


FACETS: tuple[FacetSpec, ...] = (
    FacetSpec("type", 20),
    FacetSpec("year", 200),
    FacetSpec("org", 500),
    FacetSpec("field", 50),
    FacetSpec("language", 30),
    FacetSpec("access", 5),
)


# Index field of the full texts of each access level (catalog.vocab.ACCESS_LEVELS); a request
# searches and quotes only the levels in its `fulltext_access`.
FULLTEXT_FIELDS: dict[str, str] = {"public": "ft_public", "members": "ft_members", "metadata": "ft_metadata"}
PUBLIC_FULLTEXT = frozenset({"public"})


class IndexBusy(OSError):
    """Another process holds the embedded engine's only writer longer than this one could wait."""


WRITER_WAIT = 30.0  # seconds a writer (an import, a harvest, a rebuild) waits for another to finish


@dataclass
class SearchRequest:
    """What to search: the query text plus filters, sorting and paging."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facets: bool = True
    # access levels of the full texts the viewer may read (stinet.catalog.fileaccess.viewer_levels):
    # anonymous users public only; network members public and members; administrators all
    fulltext_access: frozenset[str] = PUBLIC_FULLTEXT
    # how many results a client may page through; None for the services that need every match
    # (exports, the expert finder), which page in MAX_PAGE_SIZE steps
    paging_limit: int | None = MAX_RESULTS

    def __post_init__(self) -> None:
        # the query as it is searched and said back (results, "query" of the API, the search box): NFC,
        # as every text STINet gives (typed decomposed, "đa da\u0323ng" came back so)
        if isinstance(self.q, str):
            self.q = unicodedata.normalize("NFC", self.q)

    def validate(self) -> None:
        """Refuse impossible paging or sorting with a clear message."""
        if len(self.q) > MAX_QUERY_CHARS:
            raise SearchError(_("q: at most %(most)s characters (this one has %(n)s)")
                              % {"most": MAX_QUERY_CHARS, "n": len(self.q)})
        if self.sort not in SORTS:
            raise SearchError(_("sort: %(value)r is not one of %(known)s")
                              % {"value": self.sort, "known": ", ".join(SORTS)})
        if self.page < 1:
            raise SearchError(_("page: must be 1 or more"))
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise SearchError(_("page_size: must be between 1 and %(most)s") % {"most": MAX_PAGE_SIZE})
        if self.paging_limit is not None and (self.page - 1) * self.page_size >= self.paging_limit:
            raise SearchError(_("page: a search pages through its first %(limit)s results only, and page "
                                "%(page)s of %(size)s starts past them (the export and OAI-PMH give "
                                "everything)") % {"limit": self.paging_limit, "page": self.page,
                                                  "size": self.page_size})
        for name in ("year_from", "year_to"):
            year = getattr(self, name)
            if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
                raise SearchError(_("%(name)s: %(year)s is not a year between %(first)s and %(last)s")
                                  % {"name": name, "year": year, "first": MIN_YEAR, "last": MAX_YEAR})
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise SearchError(_("year_from: must not be after year_to"))
        if not set(self.fulltext_access) <= set(FULLTEXT_FIELDS):
            raise SearchError(_("fulltext_access: levels among %(known)s") % {"known": ", ".join(FULLTEXT_FIELDS)})


def page_count(total: int, page_size: int) -> int:
    """Pages of results a client may be offered: at least one, none past the first MAX_RESULTS."""
    return max(1, -(-min(total, MAX_RESULTS) // page_size))


def year_bounds(query: ParsedQuery, request: SearchRequest) -> tuple[int | None, int | None]:
    """The years both the query (year:2015..2020) and the request (year_from, year_to) allow."""
    return narrowed(query.year_from, request.year_from, max), narrowed(query.year_to, request.year_to, min)


def filter_groups(query: ParsedQuery, request: SearchRequest) -> list[tuple[str, list[str]]]:
    """Each facet filter as (name, values): a work has one of the values of every group.

    The query's own filters (type:thesis) and the request's (facets chosen, ?type=) are separate
    groups, so both hold: type:thesis with ?type=report finds nothing, not both types.
    """
    return [(name, [v for v in values if v]) for source in (query.filters, request.filters)
            for name, values in source.items() if any(values)]


@dataclass
class SearchResponse:
    """Matching work ids in order, the total, and raw facet counts (value -> count)."""

    total: int
    ids: list[int]
    facets: dict[str, list[tuple[str, int]]]
    query: ParsedQuery
    approximate: bool = False  # typo-tolerant fallback was used
    corrected: str = ""  # the query as respelled when the one typed found nothing (spelling.respell)
    fulltext_ids: set[int] = field(default_factory=set)  # results of the page whose readable full text matched


class Backend(Protocol):
    """What every search backend does."""

    single_writer: bool  # one process writes at a time (the others wait, or queue their changes)

    def acquire(self, wait: float) -> None:
        """Take what writing needs, waiting up to `wait` seconds for another process (IndexBusy)."""

    def holds_writer(self) -> bool:
        """Whether this process may write now without taking anything first."""

    def writer_wanted(self) -> bool:
        """Whether another process is waiting to write (a process that holds the writer between
        batches of a harvest lets go of it then)."""

    def index_docs(self, docs: Iterable[dict[str, Any]], replace: bool = True) -> None:
        """Add documents (see documents.build); replace=False when they are known to be new."""

    def index_prepared(self, docs: Iterable[tuple[int, Any]]) -> None:
        """Add the documents of new works: (work id, its document as indexing.prepare made it)."""

    def delete(self, ids: Iterable[int]) -> None:
        """Remove documents by work id."""

    def commit(self, final: bool = True) -> None:
        """Make pending changes visible (final: also release what writing holds)."""

    def rollback(self) -> None:
        """Drop uncommitted changes."""

    def settle(self) -> None:
        """At the end of an import, a harvest or a rebuild (never in a web request): refresh what the
        backend derives from every document, when stale."""

    def clear(self) -> None:
        """Remove every document."""

    def search(self, query: ParsedQuery, request: SearchRequest) -> SearchResponse:
        """Run a parsed query with the request's filters, sort and page."""

    def fuzzy_search(self, query: ParsedQuery, request: SearchRequest) -> SearchResponse | None:
        """Run it again tolerating typos (approximate), or None when no word can hold one."""

    def has_word(self, word: str) -> bool:
        """Whether any work has this folded word in a text field."""

    def word_counts(self, prefix: str, fields: str | None, context: ParsedQuery,
                    request: SearchRequest) -> dict[str, int]:
        """Folded words starting with prefix in the works matching context (clauses and filters),
        in the fields of a clause of `fields` (None: any), with how many of those works have each.
        A backend may count over all works instead, when that is much faster."""

    def suggest_titles(self, prefix: str, limit: int) -> list[int]:
        """Ids of works whose title starts a word with the prefix (autocomplete)."""

    def count(self) -> int:
        """Number of indexed documents."""
