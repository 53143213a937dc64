"""REST endpoints: parse the request, call a service, render."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.params.models import QueryModel
from ninja.parser import Parser

import stinet.urlids  # noqa: F401 (registers the id converter the paths name)
from stinet.api.schemas import Error, SearchOut, Suggestions, WorkOut
from stinet.catalog.fileaccess import viewer_levels
from stinet.catalog.models import Work
from stinet.catalog.vocab import label
from stinet.formats import json as work_json
from stinet.oai.services import merged_work
from stinet.people.directory import field_names
from stinet.search.base import MAX_PAGE_SIZE, SORTS, SearchError, SearchRequest
from stinet.search.service import search_json, suggest


class BodyNotJson(ValueError):
    """A request body that is not JSON (django-ninja answers its own 'Cannot parse request body', caused by this)."""


class JsonBodies(Parser):
    """django-ninja's JSON parser, its refusal marked so that it can be said in the interface language."""

    def parse_body(self, request: HttpRequest) -> Any:
        """The body's JSON value (not always an object: the body's schema refuses the others)."""
        try:
            return json.loads(request.body)
        except ValueError as exc:  # JSONDecodeError, or bytes that are not UTF-8
            raise BodyNotJson(exc) from exc


class DocumentedApi(NinjaAPI):
    """The API whose OpenAPI description names every answer an operation can give: 400 (a parameter or
    body of the wrong type or value, said by the handler below) wherever a client sends any, and 401
    wherever a session or key is needed. A generated client relies on the responses declared."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        error = {"description": "Refused: one line in the interface language",
                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                wanted = [400] if operation.get("parameters") or operation.get("requestBody") else []
                wanted += [401] if operation.get("security") else []
                for code in wanted:
                    if code not in responses and str(code) not in responses:
                        responses[code] = error
                for parameter in operation.get("parameters", []):
                    _constrain(parameter)
        return schema


# What the endpoints refuse with a 400 (or, for lang, take as the default), said in the description
# too, so that a generated client does not send it: the checks stay the endpoints' own (their one line).
_PARAMETER_LIMITS: dict[str, dict[str, Any]] = {
    "page": {"minimum": 1}, "page_size": {"minimum": 1, "maximum": MAX_PAGE_SIZE},
    "sort": {"enum": list(SORTS)}, "lang": {"enum": ["vi", "en"]},
}


def _constrain(parameter: dict[str, Any]) -> None:
    """Add the limits of a query parameter of that name to its schema (a language left empty by default, the
    interface's, keeps no list)."""
    limits, schema = _PARAMETER_LIMITS.get(parameter.get("name", "")), parameter.get("schema", {})
    if parameter.get("in") != "query" or not limits or schema.get("type") not in ("integer", "string"):
        return
    if "enum" in limits and schema.get("default", limits["enum"][0]) not in limits["enum"]:
        return
    schema.update(limits)


api = DocumentedApi(
    title="STINet API",
    version="1",
    description="Union catalogue of the S&T information network: search, works, organisations.",
    urls_namespace="api",
    docs_url="/docs",
    parser=JsonBodies(),
)


def _lang(lang: str) -> str:
    """'en' or the default 'vi'."""
    return "en" if lang == "en" else "vi"


# What is wrong with a parameter or a key of a JSON body, by pydantic's error type, in the
# interface language; another type is said to be "not valid".
_WRONG_TYPE = {
    "int_parsing": gettext_lazy("%(value)r is not a whole number"),
    "int_from_float": gettext_lazy("%(value)r is not a whole number"),
    "int_type": gettext_lazy("%(value)r is not a whole number"),
    "float_parsing": gettext_lazy("%(value)r is not a number"),
    "float_type": gettext_lazy("%(value)r is not a number"),
    "bool_parsing": gettext_lazy("%(value)r is neither true nor false"),
    "bool_type": gettext_lazy("%(value)r is neither true nor false"),
    "string_type": gettext_lazy("%(value)r is not text"),
    "list_type": gettext_lazy("%(value)r is not a list"),
    "date_parsing": gettext_lazy("%(value)r is not a date (YYYY-MM-DD)"),
    "date_type": gettext_lazy("%(value)r is not a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": gettext_lazy("%(value)r is not a date (YYYY-MM-DD)"),
    "date_from_datetime_inexact": gettext_lazy("%(value)r is not a date (YYYY-MM-DD)"),
    "datetime_parsing": gettext_lazy("%(value)r is not a date and time (ISO 8601, e.g. 2026-01-31T08:00:00Z)"),
    "datetime_type": gettext_lazy("%(value)r is not a date and time (ISO 8601, e.g. 2026-01-31T08:00:00Z)"),
    "datetime_from_date_parsing": gettext_lazy(
        "%(value)r is not a date and time (ISO 8601, e.g. 2026-01-31T08:00:00Z)"),
}
_NOT_VALID = gettext_lazy("%(value)r is not valid")
_INVALID = gettext_lazy("not valid")  # a value not found again
_NULL = gettext_lazy("must not be null")
_REQUIRED = gettext_lazy("required")
_UNKNOWN_KEY = gettext_lazy("unknown field")
_NOT_AN_OBJECT = gettext_lazy('the request body must be a JSON object ({"key": value, ...})')
_NOT_JSON = gettext_lazy("the request body is not JSON (line %(line)s, column %(column)s)")
_NOT_UTF8 = gettext_lazy("the request body is not JSON: it is not text in UTF-8")
_NO_RECORD = gettext_lazy("%(path)s: no such record")
_NO_ENDPOINT = gettext_lazy("%(path)s: no such endpoint or record")
_NO_KEY = gettext_lazy("a valid key is needed: Authorization: Bearer <key> or X-API-Key: <key>")
_NOT_SIGNED_IN = gettext_lazy("sign in first")
_UNREADABLE = gettext_lazy("the request body cannot be read (a malformed multipart/form-data body?)")
_NO_CSRF = gettext_lazy("the request lacks the session's CSRF token: send the csrftoken cookie's value in the "
                        "X-CSRFToken header")
# What pydantic says of a body that is not an object ([], 3, null) or is missing: its loc is (body, parameter)
# (every endpoint has one body parameter; its keys come after it).
_WHOLE_BODY = {"missing", "dict_type", "model_type", "model_attributes_type"}
_ABSENT = object()


def _refused_value(request: HttpRequest, loc: tuple[Any, ...]) -> Any:
    """The value pydantic refused, which django-ninja leaves out of its errors: from the query, the path,
    the form or the JSON body (_ABSENT where there is none)."""
    where, key = loc[:1], str(loc[-1])
    if where == ("query",):
        return request.GET.get(key, _ABSENT)
    if where == ("form",):
        return request.POST.get(key, _ABSENT)
    if where == ("path",):
        return request.resolver_match.kwargs.get(key, _ABSENT) if request.resolver_match else _ABSENT
    if where != ("body",):
        return _ABSENT
    value = json.loads(request.body)  # it was parsed before it was validated
    for part in loc[2:]:  # the keys (and list positions) within the body parameter
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return _ABSENT
    return value


def _wrong(request: HttpRequest, error: dict[str, Any]) -> str:
    """What is wrong with one parameter or key, in the interface language."""
    kind = error.get("type", "")
    if kind == "extra_forbidden":  # a typo would otherwise be ignored without a word
        return str(_UNKNOWN_KEY)
    if kind == "missing":
        return str(_REQUIRED)
    value = _refused_value(request, tuple(error.get("loc", ())))
    if value is _ABSENT:
        return str(_INVALID)
    if value is None:  # JSON's null, for a key that takes none
        return str(_NULL)
    return str(_WRONG_TYPE.get(kind, _NOT_VALID) % {"value": value})


@api.exception_handler(ValidationError)
def _bad_parameter(request: HttpRequest, exc: ValidationError) -> Any:
    """A parameter or a key of a JSON body of the wrong type (page=abc, "certificate_date": "abc"), a key
    the body does not take, or a body that is not an object answers 400 with one line, as every refusal does."""
    first = exc.errors[0] if exc.errors else {}
    loc = tuple(first.get("loc", ()))
    body = loc[:1] == ("body",)
    if body and len(loc) == 2 and first.get("type") in _WHOLE_BODY:
        return api.create_response(request, {"detail": str(_NOT_AN_OBJECT)}, status=400)
    name = ".".join(str(part) for part in loc[2 if body and len(loc) > 2 else 1:]) or "request"
    return api.create_response(request, {"detail": f"{name}: {_wrong(request, first)}"}, status=400)


@api.exception_handler(HttpError)
def _refused(request: HttpRequest, exc: HttpError) -> Any:
    """A refusal's one line (django-ninja's own); a body that is not JSON is said in the interface language."""
    cause, detail = exc.__cause__, str(exc)
    if exc.status_code == 403 and detail == "CSRF check Failed":  # django-ninja's words, before the session's
        if not request.user.is_authenticated:  # no session at all: as any endpoint that needs one says
            return api.create_response(request, {"detail": str(_NOT_SIGNED_IN)}, status=401)
        detail = str(_NO_CSRF)
    elif isinstance(cause, BodyNotJson) and isinstance(cause.__cause__, json.JSONDecodeError):
        detail = str(_NOT_JSON % {"line": cause.__cause__.lineno, "column": cause.__cause__.colno})
    elif isinstance(cause, BodyNotJson):
        detail = str(_NOT_UTF8)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> Any:
    """A record that does not exist, or that the caller may not see, answers 404 with one line in the
    interface language (django-ninja's own says "Not Found" in English)."""
    return api.create_response(request, {"detail": str(_NO_RECORD % {"path": request.path})}, status=404)


def unreadable(request: HttpRequest) -> JsonResponse:
    """The 400 of a request under /api/ whose body Django cannot read (the site's handler400)."""
    return JsonResponse({"detail": str(_UNREADABLE)}, status=400)


def not_found(request: HttpRequest) -> JsonResponse:
    """The 404 of an address under /api/ that no endpoint answers (the site's handler404), in the
    interface language; one of the national feed without a version it serves names those it does."""
    from stinet.api.feed import unknown_version

    detail = unknown_version(request.path) or str(_NO_ENDPOINT % {"path": request.path})
    return JsonResponse({"detail": detail}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> Any:
    """401, saying how to authenticate (RFC 9110) in the interface language: the national feed takes a key
    as a bearer token, the other endpoints a signed-in session."""
    feed = request.path.startswith("/api/national/")
    detail = _NO_KEY if feed else _NOT_SIGNED_IN
    answer = api.create_response(request, {"detail": str(detail)}, status=401)
    if feed:
        answer["WWW-Authenticate"] = 'Bearer realm="STINet national feed"'
    return answer


# Query parameters every endpoint takes: the interface language, and a cache-buster (jQuery's _=1700000000)
_EVERYWHERE = frozenset({"lang", "_"})
_UNKNOWN_PARAMETER = gettext_lazy("%(name)s: no such parameter (this endpoint takes: %(known)s)")
_UNKNOWN_MEANT = gettext_lazy("%(name)s: no such parameter; %(meant)s: perhaps (this endpoint takes: %(known)s)")


def _query_names(operation: Any) -> set[str]:
    """The query parameters an operation declares, as a request names them (aliases, flattened schemas)."""
    names: set[str] = set()
    for model in operation.models:
        if not issubclass(model, QueryModel):
            continue
        flattened = getattr(model, "__ninja_flatten_map__", None)
        names |= set(flattened) if flattened else {f.alias or name for name, f in model.model_fields.items()}
    return names


def _known_parameters(run: Any) -> Any:
    """Wrap an operation so that a query parameter it does not take answers 400 naming it (and the one
    perhaps meant): /api/search?typ=thesis listed every work, the misspelt filter ignored without a word."""
    import difflib
    from functools import wraps

    operation = run.__self__
    known = _query_names(operation)

    @wraps(run)
    def checked(request: HttpRequest, **kw: Any) -> Any:
        unknown = sorted(name for name in request.GET if name not in known and name not in _EVERYWHERE)
        if unknown:
            name, listed = unknown[0], ", ".join(sorted(known)) or "—"
            meant = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
            detail = (_UNKNOWN_MEANT % {"name": name, "meant": meant[0], "known": listed} if meant
                      else _UNKNOWN_PARAMETER % {"name": name, "known": listed})
            return api.create_response(request, {"detail": str(detail)}, status=400)
        if any("" in values for _name, values in request.GET.lists()):  # page=, year_from=: as if not given
            given = request.GET.copy()  # (a form sends its empty fields so); type=thesis&type= is type=thesis
            for name, values in request.GET.lists():
                given.setlist(name, [value for value in values if value])
                if not given.getlist(name):
                    del given[name]
            request.GET = given
        return run(request, **kw)

    return checked


api.add_decorator(_known_parameters, mode="view")


@api.exception_handler(SearchError)
def _search_error(request: HttpRequest, exc: SearchError) -> Any:
    """A refused search parameter answers 400 with one line."""
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.get("/search", response={200: SearchOut, 400: Error}, summary="Search the union catalogue")
def search(
    request: HttpRequest,
    q: str = "",
    type: Query[list[str]] = None,  # noqa: A002 - the documented parameter name
    org: Query[list[str]] = None,
    field: Query[list[str]] = None,
    language: Query[list[str]] = None,
    access: Query[list[str]] = None,
    year: Query[list[str]] = None,
    year_from: int | None = None,
    year_to: int | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = 20,
    lang: str = "vi",
) -> Any:
    """Vietnamese search with or without diacritics; an empty q browses everything.

    The query language accepts "phrases", -exclusions, title:/author:/subject:/abstract:
    fields, year:2015..2020 and identifiers (isbn:, issn:, doi:, with or without hyphens).
    Facets count the matches exactly. Free words also match the
    full texts of attached files the caller may read (public ones; members-only ones too for
    signed-in network members): such results have `fulltext` true and a passage in
    `highlight.fulltext`. Filter values are matched whatever their case; a type, access level
    or member code that does not exist answers 400, as does a page past the first 10,000 results.
    Every facet's values filter again: `year=2019&year=2020` (works of either year), as `type`.
    """
    filters = {k: v for k, v in (("type", type), ("org", org), ("field", field),
                                 ("language", language), ("access", access), ("year", year)) if v}
    req = SearchRequest(q=q, filters=filters, year_from=year_from, year_to=year_to, sort=sort,
                        page=page, page_size=page_size, fulltext_access=viewer_levels(request.user))
    return search_json(req, _lang(lang))


@api.get("/works/{id:work_id}", response={200: WorkOut, 301: None, 400: Error, 404: Error}, summary="One work")
def work(request: HttpRequest, work_id: int, lang: str = "vi") -> Any:
    """All metadata of one work and its holdings; the id of a work merged into another leads there (301)."""
    w = Work.objects.prefetch_related("holdings__organisation").filter(pk=work_id).first()
    if w is None:
        if (target := merged_work(work_id)) is not None:
            query = f"?{request.GET.urlencode()}" if request.GET else ""
            return HttpResponsePermanentRedirect(f"{request.path.rsplit('/', 1)[0]}/{target}{query}")
        raise Http404("no such work")
    url = request.build_absolute_uri(reverse("portal:work", args=[w.pk]))
    names = field_names([c for c in (w.field_code, w.field_code_old) if c], _lang(lang))  # as the page names them
    return {**work_json.as_dict(w, url, _lang(lang)), "files": _files(request, w, _lang(lang)),
            "tasks": _tasks(request, w, _lang(lang)), "field_label": names.get(w.field_code, ""),
            "field_old_label": names.get(w.field_code_old, "")}


def _tasks(request: HttpRequest, work: Work, lang: str) -> list[dict[str, Any]]:
    """The S&T tasks whose result the work is, those the asker may see: level and rating."""
    from stinet.tasks.models import LEVELS, RATINGS
    from stinet.tasks.visibility import may_see

    return [{"code": t.code, "title": t.title, "level": t.level, "level_label": label(LEVELS, t.level, lang),
             "rating": t.rating, "rating_label": label(RATINGS, t.rating, lang) if t.rating else "",
             "url": request.build_absolute_uri(reverse("tasks:detail", args=[t.pk]))}
            for t in work.tasks.all() if may_see(request.user, t)]


def _files(request: HttpRequest, work: Work, lang: str) -> list[dict[str, Any]]:
    """The work's full texts as the work page shows them to this asker: the address of each file
    they may open, the reason for each they may not."""
    from stinet.catalog.file_views import file_rows

    found = []
    for row in file_rows(request.user, work, lang, editable=set()):
        f, reason = row["file"], row["refusal"]
        found.append({
            "id": f.pk, "org": f.organisation.code, "name": f.served_name, "mime": f.mime,
            "size": f.size, "pages": f.pages, "access": f.access, "access_label": row["access"],
            "embargo_until": f.embargo_until.isoformat() if f.embargo_until else None, "text_status": f.text_status,
            "notes": row["notes"], "refusal": reason,
            "url": None if reason else request.build_absolute_uri(reverse("portal:work_file", args=[work.pk, f.pk])),
        })
    return found


@api.get("/suggest", response={200: Suggestions, 400: Error}, summary="Autocomplete")
def suggestions(request: HttpRequest, q: str = "", limit: int = 8) -> Any:
    """Titles, creator names and subjects matching what has been typed so far."""
    return suggest(q, max(1, min(limit, 20)))


def _mount_app_routers() -> None:
    """The apps' endpoints: /api/tasks, /api/experts, /api/directory, /api/orgs (the directory's)."""
    from stinet.api import directory, feed, people, stats, tasks

    api.add_router("/orgs", directory.orgs_router)
    api.add_router("/tasks", tasks.router)
    api.add_router("/experts", people.router)
    api.add_router("/directory", directory.router)
    api.add_router("/stats", stats.router)
    api.add_router("/national/v1", feed.router)


_mount_app_routers()
