"""Interface language: Vietnamese unless the visitor chose English (cookie or ?lang=en)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.encoding import escape_uri_path
from django.utils.http import url_has_allowed_host_and_scheme

# ?lang= of the API and of the search widget framed in members' sites is that answer's language only
NOT_REMEMBERED = ("/api/", "/widget/")


class LanguageMiddleware:
    """Unlike Django's LocaleMiddleware, the browser's Accept-Language is not used: the
    portal of a Vietnamese network speaks Vietnamese first, whatever the browser's setting.

    A page asked for with ?lang= keeps that language for the pages after it (the choice is
    remembered in the language cookie, as the language button does); the button's return
    address is the page's without ?lang=, which would otherwise undo the new choice."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        asked, kept = request.GET.get("lang"), request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        lang = asked if asked in self.codes else kept if kept in self.codes else settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        request.path_without_lang = _without_lang(request)
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        response.headers.setdefault("Vary", "Cookie")
        if (asked in self.codes and asked != kept and not request.path.startswith(NOT_REMEMBERED)
                and response.get("Content-Type", "").startswith("text/html")):  # a page, not a download
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, asked, max_age=settings.LANGUAGE_COOKIE_AGE,
                                path=settings.LANGUAGE_COOKIE_PATH, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                                secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY)
        return response


def _without_lang(request: HttpRequest) -> str:
    """The request's path and query string without its lang parameter; for a posted form's answer (an
    error shown at the form's action, which answers no GET) the page the form was on."""
    if request.method not in ("GET", "HEAD"):
        return _referring_page(request)
    if "lang" not in request.GET:
        return request.get_full_path()
    params = request.GET.copy()
    del params["lang"]
    return escape_uri_path(request.path) + (f"?{params.urlencode()}" if params else "")


def _referring_page(request: HttpRequest) -> str:
    """The path and query of the page a request came from, on this site; else the home page."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer or not url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                          require_https=request.is_secure()):
        return "/"
    parts = urlsplit(referer)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"])
    return (parts.path or "/") + (f"?{query}" if query else "")
