"""The OAI-PMH endpoint: parse the request, run the verb, answer XML (errors with HTTP 200)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from stinet.formats import XML_FORMATS
from stinet.formats.xmltext import add

from . import render, repository, tokens
from .protocol import (
    GRANULARITY,
    REPOSITORY_ID,
    OAIError,
    date_range,
    datestamp,
    make_identifier,
    parse_identifier,
    parse_request,
)
from .render import element, q
from .services import repository_id
from .sets import list_sets

DEFAULT_NAME = "STINet — Mạng lưới thông tin khoa học và công nghệ"
DEFAULT_EMAIL = "admin@stinet.local"
PLACEHOLDER_ID = 987654321987  # stands for the work id in the record page URL template


@dataclass(frozen=True)
class Context:
    """What every verb needs: the base URL, the repository id and record page URLs."""

    request: HttpRequest
    base_url: str
    repository_id: str

    def identifier(self, work_id: int) -> str:
        """The OAI identifier of a work."""
        return make_identifier(self.repository_id, work_id)

    @cached_property
    def _url_template(self) -> str:
        """The absolute URL of a record page with a placeholder id (reversed once per request)."""
        return self.request.build_absolute_uri(reverse("portal:work", args=[PLACEHOLDER_ID]))

    def work_url(self, work_id: int) -> str:
        """The absolute URL of a work's record page."""
        return self._url_template.replace(str(PLACEHOLDER_ID), str(work_id), 1)

    def find(self, identifier: str) -> repository.Entry:
        """The item an identifier names; idDoesNotExist when there is none."""
        work_id = parse_identifier(self.repository_id, identifier)
        entry = repository.find(work_id) if work_id is not None else None
        if entry is None:
            raise OAIError("idDoesNotExist", f"no item has the identifier {identifier!r}")
        return entry


def identify(ctx: Context, args: dict[str, str]) -> etree._Element:
    """Identify: who the repository is and how it dates and keeps records."""
    answer = element("Identify")
    add(answer, q("repositoryName"), getattr(settings, "OAI_REPOSITORY_NAME", "") or DEFAULT_NAME)
    add(answer, q("baseURL"), ctx.base_url)
    add(answer, q("protocolVersion"), "2.0")
    emails = getattr(settings, "OAI_ADMIN_EMAIL", "") or DEFAULT_EMAIL
    for email in [e.strip() for e in emails.split(",") if e.strip()]:
        add(answer, q("adminEmail"), email)
    add(answer, q("earliestDatestamp"), datestamp(repository.earliest_datestamp() or timezone.now()))
    add(answer, q("deletedRecord"), "persistent")
    add(answer, q("granularity"), GRANULARITY)
    if REPOSITORY_ID.fullmatch(ctx.repository_id):
        description = etree.SubElement(answer, q("description"))
        description.append(render.identifier_description(ctx.repository_id, ctx.identifier(1)))
    return answer


def list_metadata_formats(ctx: Context, args: dict[str, str]) -> etree._Element:
    """ListMetadataFormats: every format, or those of one item (none for a deleted item)."""
    if "identifier" in args and ctx.find(args["identifier"]).deleted:
        raise OAIError("noMetadataFormats", "the item is deleted: it has no metadata")
    answer = element("ListMetadataFormats")
    for prefix, (schema, namespace, _serializer) in XML_FORMATS.items():
        fmt = etree.SubElement(answer, q("metadataFormat"))
        add(fmt, q("metadataPrefix"), prefix)
        add(fmt, q("schema"), schema)
        add(fmt, q("metadataNamespace"), namespace)
    return answer


def list_set_elements(ctx: Context, args: dict[str, str]) -> etree._Element:
    """ListSets: the whole hierarchy in one response (it is small), names in Vietnamese."""
    if "resumptionToken" in args:
        raise OAIError("badResumptionToken", "ListSets is answered in one response: no token is valid")
    answer = element("ListSets")
    for oai_set in list_sets():
        render.set_element(answer, oai_set.spec, oai_set.name, oai_set.name_en)
    return answer


def _list_query(args: dict[str, str], verb: str) -> tuple[tokens.Query, tokens.Position | None]:
    """The query of a list request, from its arguments or its resumption token."""
    if "resumptionToken" in args:
        query, position = tokens.decode(args["resumptionToken"], verb)
    else:
        since, before = date_range(args.get("from"), args.get("until"))
        query, position = tokens.Query(verb, args["metadataPrefix"], args.get("set"), since, before), None
    if query.prefix not in XML_FORMATS:
        raise OAIError("cannotDisseminateFormat", f"no metadata format {query.prefix!r}: see ListMetadataFormats")
    return query, position


def list_items(ctx: Context, args: dict[str, str], verb: str) -> etree._Element:
    """ListIdentifiers and ListRecords: one page in (datestamp, id) order, then a token."""
    query, position = _list_query(args, verb)
    after = (position.datestamp, position.work_id) if position else None
    entries, more = repository.page(query, after, headers_only=verb == "ListIdentifiers")
    if not entries:
        raise OAIError("noRecordsMatch", "no records match the arguments")
    answer = element(verb)
    for entry in entries:
        if verb == "ListIdentifiers":
            render.header(answer, entry, ctx.identifier(entry.work_id))
        else:
            render.record(answer, entry, ctx.identifier(entry.work_id), query.prefix, ctx.work_url)
    if position is None and not more:
        return answer  # the complete list in one response: no token at all
    cursor = position.cursor if position else 0
    total = max(position.total if position else repository.count(query), cursor + len(entries) + int(more))
    token = None  # an empty token ends a list that took several responses
    if more:
        last = entries[-1]
        token = tokens.encode(query, tokens.Position(last.datestamp, last.work_id, cursor + len(entries), total))
    add(answer, q("resumptionToken"), token, {"completeListSize": str(total), "cursor": str(cursor)})
    return answer


def get_record(ctx: Context, args: dict[str, str]) -> etree._Element:
    """GetRecord: one item in one format."""
    entry = ctx.find(args["identifier"])
    if args["metadataPrefix"] not in XML_FORMATS:
        raise OAIError("cannotDisseminateFormat", f"no metadata format {args['metadataPrefix']!r}")
    answer = element("GetRecord")
    render.record(answer, entry, args["identifier"], args["metadataPrefix"], ctx.work_url)
    return answer


VERB_HANDLERS: dict[str, Callable[[Context, dict[str, str]], etree._Element]] = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_set_elements,
    "ListIdentifiers": lambda ctx, args: list_items(ctx, args, "ListIdentifiers"),
    "ListRecords": lambda ctx, args: list_items(ctx, args, "ListRecords"),
    "GetRecord": get_record,
}


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    """The OAI-PMH endpoint (GET or HEAD, or POST with a form-encoded body)."""
    params = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(request.path.rstrip("/") or "/")
    try:
        oai_request = parse_request(dict(params.lists()))
    except OAIError as err:
        root = render.envelope(base_url)
        render.error(root, err)
        return render.respond(root)
    root = render.envelope(base_url, {"verb": oai_request.verb, **oai_request.arguments})
    ctx = Context(request, base_url, repository_id())
    try:
        root.append(VERB_HANDLERS[oai_request.verb](ctx, oai_request.arguments))
    except OAIError as err:
        render.error(root, err)
    return render.respond(root)
