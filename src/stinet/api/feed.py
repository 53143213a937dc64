"""The national feed (mounted by stinet.api.views at /api/national/v1): organisations, personnel, tasks.

For the national STI information system (Circular 22/2025/TT-BKHCN: collection through an API)
and anyone else the hub gives a key: `Authorization: Bearer <key>` or `X-API-Key: <key>`.
No key or an unknown key: 401; a revoked key: 403. Public data without a key is in the other
endpoints (/api/orgs, /api/experts, /api/tasks).
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import APIKeyHeader, HttpBearer
from pydantic import WithJsonSchema

from stinet.api.schemas import Error
from stinet.feed import services
from stinet.feed.models import PARTS
from stinet.feed.paging import CursorError
from stinet.feed.shapes import (
    API_VERSION,
    SCHEMA_VERSION,
    Deleted,
    ExpertRecord,
    OrganisationRecord,
    TaskRecord,
    json_schema,
)

router = Router(tags=["national feed"])
VERSIONS = (API_VERSION,)  # the versions served, each mounted at /api/national/<version>


def unknown_version(path: str) -> str | None:
    """What a 404 says of an address of the national feed without a version it serves (/api/national,
    /api/national/v2/tasks), naming the versions served; None for any other address."""
    rest = path.removeprefix("/api/national")
    if rest == path or rest[:1] not in ("", "/") or rest.strip("/").split("/")[0] in VERSIONS:
        return None
    return (_("%(path)s: no such version of the national feed; versions served: %(versions)s")
            % {"path": path, "versions": ", ".join(f"/api/national/{v}" for v in VERSIONS)})


def _check(key: str) -> Any:
    """The client of a key (None: 401), or 403 for a revoked key."""
    try:
        return services.authenticate(key)
    except services.KeyRefused as exc:
        raise HttpError(403, str(exc)) from None


class BearerKey(HttpBearer):
    """The feed key as `Authorization: Bearer <key>`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        """The client of the key."""
        return _check(token)


class HeaderKey(APIKeyHeader):
    """The feed key as `X-API-Key: <key>`."""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        """The client of the key."""
        return _check(key or "")


KEYS = [BearerKey(), HeaderKey()]


class PageBase(Schema):
    """One page of a part's changes in (since, until], in change order (updated_at, then id)."""

    schema_version: str = Field(description=f"version of the record shapes ({SCHEMA_VERSION})")
    part: str = Field(description="organisations, personnel or tasks")
    since: str | None = Field(description="start of the window (exclusive), ISO 8601 UTC")
    until: str = Field(description="end of the window (inclusive), ISO 8601 UTC; fixed for all pages of a harvest")
    count: int = Field(description="records on this page")
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")
    next_since: str = Field(description="pass as `since` to the next harvest once next_cursor is null")


class OrganisationPage(PageBase):
    """A page of the organisations part."""

    records: list[OrganisationRecord | Deleted]


class PersonnelPage(PageBase):
    """A page of the personnel part."""

    records: list[ExpertRecord | Deleted]


class TaskPage(PageBase):
    """A page of the tasks part."""

    records: list[TaskRecord | Deleted]


class PartInfo(Schema):
    """A part of the feed."""

    name: str
    label_vi: str
    label_en: str
    url: str
    schema_url: str


class FeedIndex(Schema):
    """What the feed offers."""

    schema_version: str
    api_version: str
    parts: list[PartInfo]
    authentication: str


PAGING_DOC = """

Harvest: the first request gives `since` (omit it for everything) and optionally `until` (default,
and at most: now minus STINET_FEED_SETTLE_SECONDS, 30 s, so that no transaction still open is
skipped); follow `next_cursor` until it is null (the cursor carries the window; `since`/`until` are
then ignored), then keep `next_since` for the next harvest. Keyset paging on (updated_at, id):
records changed during a harvest move past its `until` and come in the next one, so a harvest
never repeats a record and a chain of harvests loses none. A record with `"deleted": true` left the
part (deleted, no longer public, or its code changed): remove it. Dates without an offset are in
the site's time zone (Asia/Ho_Chi_Minh). `limit`: 1-1000 records per page (default 100; another
number is refused, 400).
JSON Schema of the records: GET /api/national/v1/schemas/{part}. A refusal (400, 401, 403, 404) is
one line in `detail`, in Vietnamese, or in English with `lang=en`.
"""


# `limit` with its bounds in the OpenAPI description; a number outside them is refused by the service, with
# one line in the interface language (a ge/le of django-ninja would refuse it as merely "not valid")
Limit = Annotated[int, WithJsonSchema({"type": "integer", "minimum": 1, "maximum": services.MAX_LIMIT,
                                       "default": services.DEFAULT_LIMIT, "title": "Limit"})]
LIMIT_PARAM = Query(services.DEFAULT_LIMIT, description=f"records per page, 1-{services.MAX_LIMIT}")


def _page(request: HttpRequest, part: str, since: str | None, until: str | None, cursor: str | None,
          limit: int) -> Any:
    """One page of changes, or 400 with a one-line reason."""
    try:
        found = services.changes(part, since=since, until=until, cursor=cursor, limit=limit,
                                 base_url=request.build_absolute_uri("/"))
    except (services.FeedError, CursorError) as exc:
        raise HttpError(400, str(exc)) from None
    return found.as_dict()


@router.get("/organisations", auth=KEYS, response={200: OrganisationPage, 400: Error, 401: Error, 403: Error},
            summary="Changes of the S&T organisations part", description=(
                "S&T organisations (members of the network and other S&T organisations) with their directory "
                "entry: kind, address, contact, fields of activity, S&T enterprise certificate, information "
                "services." + PAGING_DOC))
def organisations(request: HttpRequest, since: str | None = None, until: str | None = None,
                  cursor: str | None = None, limit: Limit = LIMIT_PARAM) -> Any:
    """Changes of the organisations part."""
    return _page(request, "organisations", since, until, cursor, limit)


@router.get("/personnel", auth=KEYS, response={200: PersonnelPage, 400: Error, 401: Error, 403: Error},
            summary="Changes of the S&T personnel part", description=(
                "Scientists with public profiles: titles, degree, organisation, fields, interests, ORCID, "
                "contact details (given to key holders even when not shown on the portal) and confirmed "
                "publications. A profile made non-public is a deletion." + PAGING_DOC))
def personnel(request: HttpRequest, since: str | None = None, until: str | None = None,
              cursor: str | None = None, limit: Limit = LIMIT_PARAM) -> Any:
    """Changes of the personnel part."""
    return _page(request, "personnel", since, until, cursor, limit)


@router.get("/tasks", auth=KEYS, response={200: TaskPage, 400: Error, 401: Error, 403: Error},
            summary="Changes of the S&T tasks part", description=(
                "S&T tasks approved into a year's list (bare proposals are not in the feed): level, kind, field, "
                "host, principal investigator and team, objectives, contract, budget (VND), dates, status and "
                "step, acceptance rating, result registration and published result. Council scores, minutes, "
                "applications and progress details are never in the feed." + PAGING_DOC))
def tasks(request: HttpRequest, since: str | None = None, until: str | None = None,
          cursor: str | None = None, limit: Limit = LIMIT_PARAM) -> Any:
    """Changes of the tasks part."""
    return _page(request, "tasks", since, until, cursor, limit)


@router.get("/schemas/{part}", response={200: dict[str, Any], 404: Error},
            summary="JSON Schema of a part's records")
def schema(request: HttpRequest, part: str) -> Any:
    """The JSON Schema (2020-12) of one part's items, each field with its English title and, as `x-vi`, the
    Vietnamese name of the national form's field. Public (no key needed).
    """
    try:
        return json_schema(services.check_part(part))
    except services.FeedError as exc:
        raise HttpError(404, str(exc)) from None


@router.get("", response=FeedIndex, summary="The national feed: parts and versions")
def index(request: HttpRequest) -> Any:
    """The three parts of the National S&T Database this hub feeds (Circular 10/2017/TT-BKHCN), the schema
    version and how to authenticate. Public (no key needed).
    """
    base = request.build_absolute_uri(f"/api/national/{API_VERSION}")
    return {"schema_version": SCHEMA_VERSION, "api_version": API_VERSION,
            "parts": [{"name": p, "label_vi": vi, "label_en": en, "url": f"{base}/{p}",
                       "schema_url": f"{base}/schemas/{p}"} for p, (vi, en) in PARTS.items()],
            "authentication": "Authorization: Bearer <key> or X-API-Key: <key> (from the hub: stinet feed key add)"}
