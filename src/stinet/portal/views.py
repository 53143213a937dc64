"""Public pages: parse the request, call the search and catalogue services, render."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from stinet.catalog.file_views import files_context
from stinet.catalog.fileaccess import viewer_levels
from stinet.catalog.models import FieldOfScience, Work
from stinet.catalog.vocab import (
    ACCESS_LEVELS,
    IDENTIFIER_KINDS,
    LANGUAGES,
    WORK_TYPES,
    extra_label,
    interface_lang,
    label,
)
from stinet.formats import CITATION_FORMATS, jsonld
from stinet.oai.services import merged_work
from stinet.portal.results_export import EXPORT_MAX, RESULT_FORMATS
from stinet.search.base import FACETS, MAX_RESULTS, MAX_YEAR, MIN_YEAR, SORTS, SearchError, SearchRequest, page_count
from stinet.search.service import search_json

FILTER_NAMES = tuple(f.name for f in FACETS)
PAGE_SIZE = 20
LAST_PAGE = MAX_RESULTS // PAGE_SIZE  # the deepest page the search pages to


def _int(value: str | None) -> int | None:
    """An integer query parameter, None when absent or not a number."""
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _year(params: Any, name: str) -> int | None:
    """A year of the query string, None when absent; SearchError when it is no number (the search, and an export
    of its results, went on without that bound, as if "year_from=abc" were not there)."""
    value = params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise SearchError(_("%(name)s: %(year)s is not a year between %(first)s and %(last)s")
                          % {"name": name, "year": repr(value), "first": MIN_YEAR, "last": MAX_YEAR}) from None


def search_request(params: Any) -> SearchRequest:
    """A SearchRequest from the page's query string (a wrong year or sort: SearchError, when it is run)."""
    filters = {name: params.getlist(name) for name in FILTER_NAMES if params.getlist(name)}
    return SearchRequest(q=params.get("q", "").strip(), filters=filters, year_from=_year(params, "year_from"),
                         year_to=_year(params, "year_to"), sort=params.get("sort") or "relevance",
                         page=min(max(_int(params.get("page")) or 1, 1), LAST_PAGE), page_size=PAGE_SIZE)


def _url(params: dict[str, list[str]], **changes: Any) -> str:
    """The search URL with some parameters changed (None removes one); page resets."""
    merged = {k: list(v) for k, v in params.items() if k != "page"}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value if isinstance(value, list) else [str(value)]
    return reverse("portal:search") + "?" + urlencode(merged, doseq=True)


def _facet_links(data: dict[str, Any], params: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Facets with a link to add or remove each value."""
    out = []
    for name, values in data["facets"].items():
        chosen = params.get(name, [])
        items = []
        for v in values:
            active = v["value"] in chosen
            new = [c for c in chosen if c != v["value"]] if active else [*chosen, v["value"]]
            items.append({**v, "active": active, "url": _url(params, **{name: new or None})})
        out.append({"name": name, "items": items})
    return out


def home(request: HttpRequest) -> HttpResponse:
    """Search box, counts per type and member, newest works."""
    data = search_json(SearchRequest(sort="-year", page_size=8), interface_lang())
    return render(request, "portal/home.html", {"data": data, "facets": data["facets"]})


def search(request: HttpRequest) -> HttpResponse:
    """Results with facets, highlights, sorting and paging."""
    req = SearchRequest(q=request.GET.get("q", "").strip())  # said back in the search box if refused
    try:
        req = search_request(request.GET)
        req.fulltext_access = viewer_levels(request.user)  # full texts this user may search and see quoted
        data = search_json(req, interface_lang())
    except SearchError as exc:  # said on the page, with the search box to mend the query
        return render(request, "portal/search.html", {"req": req, "error": str(exc)}, status=400)
    params = {k: request.GET.getlist(k) for k in request.GET}
    pages = page_count(data["total"], PAGE_SIZE)
    if req.page > pages:
        return redirect(_url(params, page=pages))  # a page past the end: the last one
    # after a respelling, facets, pages and sorts carry the query the results are for: the misspelt one,
    # respelled again among a facet's works, could become another word (the facet's count not kept)
    links = {**params, "q": [data["corrected"]]} if data["corrected"] else params
    context = {
        "data": data, "req": req, "facets": _facet_links(data, links), "pages": pages,
        "page": Paginator(range(min(data["total"], MAX_RESULTS)), PAGE_SIZE).page(req.page),  # the pager's
        "page_params": urlencode({k: v for k, v in links.items() if k != "page"}, doseq=True),
        "sorts": [(s, _url(links, sort=s), s == req.sort) for s in SORTS],
        "corrected_url": _url(params, q=data["corrected"]) if data["corrected"] else None,
        "first": (req.page - 1) * PAGE_SIZE + 1,
        # the numbers' width: "1001." was cut at the left edge of a phone's screen
        "digits": len(str((req.page - 1) * PAGE_SIZE + max(len(data["results"]), 1))),
        "exports": [(name, reverse("portal:search_export", args=[fmt]) + "?" + urlencode(
            {k: v for k, v in links.items() if k != "page"}, doseq=True))
            for fmt, (_m, _e, name) in RESULT_FORMATS.items()] if data["total"] else [],
        "export_max": EXPORT_MAX,
    }
    return render(request, "portal/search.html", context)


def work(request: HttpRequest, work_id: int) -> HttpResponse:
    """All metadata, holdings, citations, JSON-LD and citation_* tags of one work; the address of a
    work merged into another leads there (301: citations and search engines point at it)."""
    w = Work.objects.prefetch_related("holdings__organisation").filter(pk=work_id).first()
    if w is None:
        if (target := merged_work(work_id)) is not None:
            return redirect(reverse("portal:work", args=[target]) + (f"?{request.GET.urlencode()}" if request.GET
                                                                     else ""), permanent=True)
        raise Http404("no such work")
    lang = interface_lang()
    url = request.build_absolute_uri(reverse("portal:work", args=[w.pk]))
    field = _field_of(w)
    context = {
        "w": w, "type_label": label(WORK_TYPES, w.type, lang),
        "language_label": label(LANGUAGES, w.language, lang) if w.language else "",
        "field": field, "jsonld": jsonld.script(w, url), "meta": jsonld.citation_meta(w, url),
        "holdings": [(h, label(ACCESS_LEVELS, h.access, lang), h.organisation.name(lang))
                     for h in w.holdings.all()],
        "identifiers": [(label(IDENTIFIER_KINDS, k, lang) if k in IDENTIFIER_KINDS else k.upper(), v,
                         _identifier_link(k, v)) for k, vs in w.identifiers.items() for v in vs],
        "extra": [(extra_label(k, lang), v) for k, v in w.extra.items()],
        "formats": list(CITATION_FORMATS),
        **files_context(request.user, w, lang),
    }
    return render(request, "portal/work.html", context)


_DOI = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)


def _identifier_link(kind: str, value: str) -> str:
    """Where an identifier leads: a DOI to doi.org, an http(s) URI or handle to itself; "" otherwise."""
    if kind == "doi" and (m := _DOI.match(value.strip())):
        return "https://doi.org/" + m.group(1)
    if kind in ("uri", "handle") and value.startswith(("http://", "https://")):
        return value
    return ""


def _field_of(work: Work) -> FieldOfScience | None:
    """The field of science of a work: its 2025 code, or else its 2008 code (one query)."""
    wanted = [("2025", work.field_code), ("2008", work.field_code_old or work.field_code)]
    condition = Q()
    for scheme, code in wanted:
        if code:
            condition |= Q(scheme=scheme, code=code)
    if not condition:
        return None
    found = {f.scheme: f for f in FieldOfScience.objects.filter(condition)}
    return found.get("2025") or found.get("2008")


def cite(request: HttpRequest, work_id: int, fmt: str) -> HttpResponse:
    """Download a citation (RIS or BibTeX) of one work."""
    names = {ext: name for name, (_m, ext, _f) in CITATION_FORMATS.items()}
    name = names.get(fmt) or (fmt if fmt in CITATION_FORMATS else None)
    if name is None:
        said = _("citation format %(fmt)r: one of %(known)s") % {"fmt": fmt, "known": ", ".join(names)}
        return HttpResponseBadRequest(said, content_type="text/plain; charset=utf-8")
    w = Work.objects.filter(pk=work_id).first()
    if w is None:
        if (target := merged_work(work_id)) is not None:  # as the work page: where it was merged
            return redirect(reverse("portal:cite", args=[target, fmt]), permanent=True)
        raise Http404("no such work")
    media, ext, dumps = CITATION_FORMATS[name]
    response = HttpResponse(dumps(w), content_type=f"{media}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="stinet-{w.pk}.{ext}"'
    return response
