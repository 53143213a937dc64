"""Control characters in addresses: left out of query parameters, and a path holding one is no page.

A NUL in a filter (`/orgs/?kind=a%00b`) reached PostgreSQL, which refuses NUL in text: a 500 on some
25 pages and API endpoints. No parameter of the site means anything with a control character, so
they are removed once, here, before any view reads them (tab, line feed and carriage return stay:
a search box's pasted text may hold them); a path with one answers 404.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, QueryDict

from stinet.vietnamese.text import CONTROLS, without_controls

PROTOCOL_CHECKED = ("/oai",)  # OAI-PMH checks every argument itself: an illegal one is its badArgument


class ControlCharactersMiddleware:
    """Query parameters without control characters; 404 for a path with one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if CONTROLS.search(request.path):
            raise Http404
        if request.path.startswith(PROTOCOL_CHECKED):
            return self.get_response(request)
        if any(CONTROLS.search(k) or any(CONTROLS.search(v) for v in vs) for k, vs in request.GET.lists()):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(without_controls(key), [without_controls(v) for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
