"""Downloading the works a search found, in a format a reference manager or a spreadsheet reads."""

from __future__ import annotations

import io
from dataclasses import replace

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from stinet.catalog.fileaccess import viewer_levels
from stinet.formats import export
from stinet.search.base import MAX_PAGE_SIZE, SearchError
from stinet.search.service import run

EXPORT_MAX = 1000  # works in one download from the portal (`stinet export --query` gives every one)
# format -> (media type, file extension, its name on the page)
RESULT_FORMATS = {
    "ris": ("application/x-research-info-systems", "ris", "RIS"),
    "bibtex": ("application/x-bibtex", "bib", "BibTeX"),
    "csv": ("text/csv", "csv", "CSV"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel"),
    "json": ("application/json", "json", "JSON"),
    "marcxml": ("application/marcxml+xml", "xml", "MARCXML"),
}


def export_results(request: HttpRequest, fmt: str) -> HttpResponse:
    """The first EXPORT_MAX works of the search the page's query string asks for, in their order."""
    from stinet.portal.views import search_request  # which links here (RESULT_FORMATS)

    if fmt not in RESULT_FORMATS:
        said = _("export format %(fmt)r: one of %(known)s") % {"fmt": fmt, "known": ", ".join(RESULT_FORMATS)}
        return HttpResponseBadRequest(said, content_type="text/plain; charset=utf-8")
    ids: list[int] = []
    try:
        req = replace(search_request(request.GET), fulltext_access=viewer_levels(request.user), facets=False,
                      page_size=MAX_PAGE_SIZE)
        while len(ids) < EXPORT_MAX:
            found = run(replace(req, page=len(ids) // MAX_PAGE_SIZE + 1)).ids
            ids += found
            if len(found) < MAX_PAGE_SIZE:
                break
    except SearchError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    out = io.BytesIO()
    export.write(fmt, out, ids[:EXPORT_MAX],
                 url=lambda w: request.build_absolute_uri(reverse("portal:work", args=[w.pk])))
    media, ext, _name = RESULT_FORMATS[fmt]
    charset = "" if fmt == "xlsx" else "; charset=utf-8"
    response = HttpResponse(out.getvalue(), content_type=f"{media}{charset}")
    response["Content-Disposition"] = f'attachment; filename="stinet-search.{ext}"'
    return response
