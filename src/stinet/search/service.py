"""The one search entry point used by the portal, the API and the CLI."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import replace
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from stinet.catalog.models import FieldOfScience, Organisation, Suggestion, Work
from stinet.catalog.services import works_by_ids
from stinet.catalog.vocab import ACCESS_LEVELS, LANGUAGES, WORK_TYPES, label
from stinet.search.base import FACETS, MAX_YEAR, MIN_YEAR, SearchError, SearchRequest, SearchResponse
from stinet.search.highlight import highlight, long_snippet, snippet
from stinet.search.indexing import backend
from stinet.search.query import parse, require_words
from stinet.search.spelling import NotTypos, respell
from stinet.vietnamese import fold, legacy, split_titles
from stinet.vietnamese.text import without_controls


def run(request: SearchRequest) -> SearchResponse:
    """Parse and run a search request on the configured backend."""
    request.validate()
    query = parse(legacy.fix_typed(request.q).text)  # typed on a TCVN3, VNI or VIQR keyboard, or pasted
    require_words(query)
    query.filters, query.excluded = _known_values(query.filters), _known_values(query.excluded)
    request = replace(request, filters=_known_values(request.filters))
    engine = backend()
    response = engine.search(query, request)
    if (response.total == 0 and query.clauses and _words(query) <= MAX_RETRIED_WORDS
            and not _excluded_all(engine, query, request)):
        # a misspelt word: respelled, or else matched loosely (not text the catalogue does not have)
        loose = None
        with contextlib.suppress(NotTypos):
            loose = respell(engine, query, request) or engine.fuzzy_search(query, request)
        response = loose if loose is not None and loose.total else response  # nothing at all is no approximation
    return response


# A query of more words that finds nothing is neither respelled nor matched loosely: a title pasted
# whole is found as it is, and the retries cost a look-up or more per word (a 1,000-character query of
# unknown words took PostgreSQL 10 s).
MAX_RETRIED_WORDS = 30


def _words(query: Any) -> int:
    """The number of words the query looks for."""
    return sum(len(c.words) for c in query.clauses if not c.negate)


def _excluded_all(engine: Any, query: Any, request: SearchRequest) -> bool:
    """Whether a query found nothing because of its own exclusions ("cảng -cảng", "san hô -rạn" where
    every work has both): its words are right, so nothing is respelled or matched loosely."""
    if not (any(c.negate for c in query.clauses) or query.excluded or query.excluded_years
            or query.excluded_equivalences):
        return False
    wanted = replace(query, clauses=[c for c in query.clauses if not c.negate], excluded={}, excluded_years=[],
                     excluded_equivalences=[])
    return engine.search(wanted, replace(request, page=1, page_size=1, facets=False)).total > 0


FIELD_CODE = re.compile(r"[1-6]\d{0,6}")  # the six fields of both schemes (Circular 24/2025, Decision 12/2008)
LANGUAGE_TAG = re.compile(r"[a-z]{2,8}(-[a-z0-9]{1,8})*")  # what imports keep of a language (ingest.record)


def _known_values(filters: dict[str, list[str]]) -> dict[str, list[str]]:
    """Filter values as the index holds them, whatever their case (type=THESIS, org=vmu); a type,
    access level or member that does not exist is a SearchError naming it, not an empty result."""
    out: dict[str, list[str]] = {}
    for name, values in filters.items():
        values = [_visible(v) for v in values]
        wanted = [unicodedata.normalize("NFKC", v).strip() for v in values if v]  # full-width "５" is 5
        if name == "org":  # the members asked for only (a widget filters every search by one)
            asked = Q()
            for value in wanted:
                asked |= Q(code__iexact=value)
            codes = Organisation.objects.filter(asked).values_list("code", flat=True) if wanted else []
        elif name in ("type", "access"):
            codes = WORK_TYPES if name == "type" else ACCESS_LEVELS
        elif name == "field":  # a field of science at any level of the classification (5, 502, 50201): its
            # shape (the tables shipped name the levels of one scheme only; a code no work has finds none)
            if unknown := [v for v in wanted if not FIELD_CODE.fullmatch(v)]:
                raise SearchError(_("%(name)s: %(value)r is not a field of science code (1 to 6, or one below "
                                    "them such as 502 or 50201)") % {"name": name, "value": unknown[0]})
            out[name] = wanted
            continue
        elif name == "language":  # ISO 639 codes, stored in lower case: any code may come, as a language tag
            if unknown := [v for v in wanted if not LANGUAGE_TAG.fullmatch(v.lower())]:
                raise SearchError(_("%(name)s: %(value)r is not a language code (vi, en, fr ...)")
                                  % {"name": name, "value": unknown[0]})
            out[name] = [v.lower() for v in wanted]
            continue
        elif name == "year":  # the portal's year facet: any of these years
            if bad := [v for v in wanted if not (v.isdecimal() and MIN_YEAR <= int(v) <= MAX_YEAR)]:
                raise SearchError(_("%(name)s: %(year)s is not a year between %(first)s and %(last)s")
                                  % {"name": name, "year": repr(bad[0]), "first": MIN_YEAR, "last": MAX_YEAR})
            out[name] = [str(int(v)) for v in wanted]
            continue
        else:
            out[name] = values
            continue
        known = {code.lower(): code for code in codes}
        if unknown := [v for v in wanted if v.lower() not in known]:
            every = Organisation.objects.values_list("code", flat=True) if name == "org" else codes
            shown = list(every)
            raise SearchError(_("%(name)s: %(value)r is not one of %(known)s") % {
                "name": name, "value": unknown[0],
                "known": ", ".join(shown[:12]) + (", ..." if len(shown) > 12 else "")})
        out[name] = [known[v.lower()] for v in wanted]
    return out


def _facet_labels(lang: str) -> dict[str, Any]:
    """Label lookups per facet (organisation and field names come from the database)."""
    orgs = {o.code: o.name(lang) for o in Organisation.objects.all()}
    fields = {f.code: (f.name_en if lang == "en" and f.name_en else f.name_vi)
              for f in FieldOfScience.objects.filter(level=1, scheme="2025")}
    return {
        "type": lambda v: label(WORK_TYPES, v, lang),
        "org": lambda v: orgs.get(v, v),
        "field": lambda v: fields.get(v, v),
        "language": lambda v: label(LANGUAGES, v, lang),
        "access": lambda v: label(ACCESS_LEVELS, v, lang),
        "year": lambda v: v,
    }


def facets_json(response: SearchResponse, lang: str) -> dict[str, list[dict[str, Any]]]:
    """Facets as {name: [{"value", "label", "count"}]}, in the declared order."""
    labels = _facet_labels(lang)
    out: dict[str, list[dict[str, Any]]] = {}
    for spec in FACETS:
        buckets = response.facets.get(spec.name, [])
        if spec.name == "year":
            buckets = sorted(buckets, key=lambda b: b[0], reverse=True)
        out[spec.name] = [{"value": v, "label": labels[spec.name](v), "count": n} for v, n in buckets]
    return out


def fulltext_snippets(ids: set[int], words: set[str], levels: frozenset[str]) -> dict[int, str]:
    """Highlighted snippets of the readable full texts of these works (levels the viewer may read).

    Only files at those levels and past their embargo are quoted: the same files the index
    searched for this viewer.
    """
    if not ids or not words or not levels:
        return {}
    from stinet.catalog.fileaccess import today
    from stinet.catalog.models import WorkFile
    from stinet.search.documents import MAX_FULLTEXT_CHARS

    out: dict[int, str] = {}
    files = (WorkFile.objects.filter(work_id__in=ids, access__in=sorted(levels)).exclude(text="")
             .filter(Q(embargo_until__isnull=True) | Q(embargo_until__lte=today()))
             .order_by("work_id", "pk").values_list("work_id", "text"))
    for work_id, text in files:
        if work_id not in out:
            found = long_snippet(text[:MAX_FULLTEXT_CHARS], words)
            if found:
                out[work_id] = found
    return out


def work_json(work: Work, marked: dict[str, Any], lang: str, fulltext: str | None = None) -> dict[str, Any]:
    """One result in the API shape, with highlighted (escaped) title and abstract snippet.

    `marked`: the words to highlight in the title and in the abstract (highlight_words of each), and
    the word sequences (highlight_phrases of each: "title phrases", "abstract phrases");
    `fulltext` is the snippet of a readable full text that matched (None: the text did not match).
    """
    return {
        "id": work.pk,
        "title": work.title,
        "title_en": work.title_en,
        "language": work.language,  # of the title and abstract (ISO 639-1, '' unknown): a page marks them so
        "type": work.type,
        "type_label": label(WORK_TYPES, work.type, lang),
        "year": work.year,
        "creators": [{"name": c["name"], "role": c.get("role", "author")} for c in work.creators],
        "subjects": work.subjects,
        "holdings": [
            {"org": h.organisation.code, "org_name": h.organisation.name(lang),
             "local_id": h.local_id, "call_number": h.call_number, "url": h.url,
             "access": h.access}
            for h in work.holdings.all()
        ],
        "highlight": {"title": highlight(work.title, marked["title"], marked["title phrases"]),
                      "abstract": snippet(work.abstract, marked["abstract"], phrases=marked["abstract phrases"])
                      if work.abstract else "",
                      "fulltext": fulltext or "",
                      # where else it matched: the names in the order of `creators`, the subjects and publisher
                      # that hold a searched word (a match in those alone showed nothing marked)
                      "creators": [highlight(c["name"], marked["author"], marked["author phrases"])
                                   for c in work.creators],
                      "subjects": _marked_only(work.subjects, marked["subject"], marked["subject phrases"]),
                      "publisher": "".join(_marked_only([work.publisher], marked["other"], marked["other phrases"]))},
        "fulltext": fulltext is not None,
    }


def _marked_only(values: list[str], words: set[str], phrases: list[tuple[str, ...]]) -> list[str]:
    """The values with a searched word or phrase, highlighted (escaped)."""
    return [text for value in values if value and "<mark>" in (text := highlight(value, words, phrases))]


def search_json(request: SearchRequest, lang: str = "vi") -> dict[str, Any]:
    """Search and render the documented JSON shape (API, `stinet search --json`, portal)."""
    response = run(request)
    works = works_by_ids(response.ids)
    words = response.query.highlight_words("fulltext", phrases=True)  # free words only: a full text is no field
    quotes = fulltext_snippets(response.fulltext_ids, words, request.fulltext_access)
    marked: dict[str, Any] = {}
    for field in ("title", "abstract", "author", "subject", "other"):  # other: any field's words alone
        marked[field] = response.query.highlight_words(field)
        marked[f"{field} phrases"] = response.query.highlight_phrases(field)
    return {
        "query": request.q,
        "total": response.total,
        "page": request.page,
        "page_size": request.page_size,
        "sort": request.sort,
        "approximate": response.approximate,
        "corrected": response.corrected,
        "results": [work_json(works[i], marked, lang,
                              quotes.get(i, "") if i in response.fulltext_ids else None)
                    for i in response.ids if i in works],
        "facets": facets_json(response, lang) if request.facets else {},
    }


def _visible(text: str) -> str:
    """A value without control characters (a NUL can reach no database column: PostgreSQL refuses it)."""
    return without_controls(text)




def suggest(prefix: str, limit: int = 8) -> dict[str, list[str]]:
    """Autocomplete: titles, creator names and subjects starting with what was typed."""
    prefix = _visible(prefix)
    key = " ".join(fold(prefix).split())
    if len(key) < 2:
        return {"titles": [], "authors": [], "subjects": []}
    ids = backend().suggest_titles(prefix, limit * 2)  # room for titles that several works share
    titles = dict(Work.objects.filter(pk__in=ids).values_list("pk", "title"))
    shown = dict.fromkeys(titles[i] for i in ids if i in titles)  # one line per title
    out: dict[str, list[str]] = {"titles": list(shown)[:limit]}
    # a name typed with its academic titles ("PGS.TS. Nguyễn Văn"): the names are stored without them
    person = " ".join(fold(split_titles(prefix)[1]).split()) or key
    for kind, name in (("author", "authors"), ("subject", "subjects")):
        rows = (Suggestion.objects.filter(kind=kind, folded__startswith=person if kind == "author" else key)
                .order_by("-count", "text").values_list("folded", "text")[:limit * 4])
        spellings: dict[str, list[str]] = {}  # "rạn san hô", "Rạn san hô", "ran san ho": one line
        for folded, text in rows:
            spellings.setdefault(folded, []).append(text)
        # the commonest spelling with its marks, lower case before capitals ("rạn san hô")
        out[name] = [max(texts, key=lambda t: (fold(t) != t.lower(), t[:1].islower()))
                     for texts in list(spellings.values())[:limit]]
    return out
