"""CORS for the public, read-only API: what the embeddable search widget calls from members' sites.

Why a small middleware of our own rather than django-cors-headers: our rule is one fixed
sentence — "these three anonymous GET endpoints answer any origin with `*`, never with
credentials; nothing else gets CORS" — and it must stay true while other apps add
authenticated endpoints under /api/. django-cors-headers is built around per-origin allow-lists
and would need an app entry, a URL regex, a method list and a credentials flag spread over the
shared settings; here the whole policy is the allow-list below, next to its tests
(tests/portal/test_widget_cors.py).

- Allowed: GET/HEAD on /api/search, /api/suggest, /api/works/<id> (answers are the same for
  everyone, so `Access-Control-Allow-Origin: *` is safe) and their preflight (OPTIONS).
- Never sent: `Access-Control-Allow-Credentials`. With `*` browsers refuse to expose a response
  to a credentialed request anyway, so cookies of a logged-in hub user cannot leak to a third
  site even if a public endpoint one day answered differently for them.
- Every other path (the back office, /api/tasks, /api/experts, /api/directory, ...) is left
  untouched: no CORS headers, so browsers keep the same-origin policy there.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PUBLIC_API = re.compile(r"^/api/(?:search|suggest|works/\d+)/?$")
METHODS = ("GET", "HEAD")
ALLOWED_HEADERS = ("accept", "accept-language", "content-language", "content-type")
MAX_AGE = 86400


def is_public(path: str) -> bool:
    """True for the anonymous, read-only endpoints that any site may call."""
    return bool(PUBLIC_API.match(path))


def _is_preflight(request: HttpRequest) -> bool:
    """An OPTIONS request a browser sends before a cross-origin call."""
    return request.method == "OPTIONS" and "access-control-request-method" in request.headers


def _preflight(request: HttpRequest) -> HttpResponse:
    """Answer a preflight: allowed only for GET/HEAD and harmless request headers."""
    response = HttpResponse(status=204)
    method = request.headers["access-control-request-method"].upper()
    wanted = [h.strip().lower() for h in request.headers.get("access-control-request-headers", "").split(",")]
    if method in METHODS and all(h in ALLOWED_HEADERS for h in wanted if h):
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = ", ".join(METHODS)
        response["Access-Control-Allow-Headers"] = ", ".join(ALLOWED_HEADERS)
        response["Access-Control-Max-Age"] = str(MAX_AGE)
    return response


class PublicApiCorsMiddleware:
    """`Access-Control-Allow-Origin: *` on the public read-only API endpoints only."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_public(request.path_info):
            return self.get_response(request)
        if _is_preflight(request):
            return _preflight(request)
        response = self.get_response(request)
        if request.method in METHODS:
            response["Access-Control-Allow-Origin"] = "*"
        return response
