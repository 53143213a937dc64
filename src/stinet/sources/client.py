"""An OAI-PMH 2.0 harvesting client on requests and lxml: safe parsing, retries, exact tokens."""

from __future__ import annotations

import email.utils
import re
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree

from stinet.sources.safety import (
    MAX_REDIRECTS,
    TooLarge,
    TooManyRedirects,
    check_url,
    checked_get,
    read_capped,
    safe_session,
)

OAI = "http://www.openarchives.org/OAI/2.0/"
NS = {"o": OAI}
USER_AGENT = "STINet harvester (+https://github.com/stinet; OAI-PMH 2.0)"
MAX_BYTES = 50 * 1024 * 1024
MAX_WAIT = 300.0  # seconds: a longer Retry-After is cut to this
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
SYSTEM_REASON = re.compile(r"\[Errno -?\d+\][^'\")]*")  # "[Errno 111] Connection refused" inside urllib3's chain


class HarvestError(ValueError):
    """A harvest that cannot go on; `token` is where the list would resume (None: from the start)."""

    def __init__(self, message: str, token: str | None = None) -> None:
        """Keep the one-line message and the resume point."""
        super().__init__(message)
        self.token = token


class FetchError(HarvestError):
    """The server could not be reached or kept failing (timeouts, 5xx) after every retry."""


class MalformedResponse(HarvestError):
    """A response that is not well-formed OAI-PMH XML, even after retries."""


class TokenLoop(HarvestError):
    """The server gave a resumption token it had given before: the list goes round in a circle."""


class OAIProtocolError(HarvestError):
    """An OAI-PMH error answered by the server (badArgument, badResumptionToken, ...)."""

    def __init__(self, code: str, message: str, url: str, token: str | None = None) -> None:
        """Keep the error code and the server's message."""
        super().__init__(_("%(url)s: OAI-PMH error %(code)s: %(message)s")
                         % {"url": url, "code": code, "message": message or _("(no message)")}, token)
        self.code = code
        self.oai_message = message


@dataclass(frozen=True)
class Identity:
    """What Identify says about a repository."""

    repository_name: str
    base_url: str
    protocol_version: str
    granularity: str  # "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ssZ"
    deleted_record: str  # no | transient | persistent
    earliest_datestamp: str
    response_date: str


@dataclass(frozen=True)
class Header:
    """A record's header: identifier, datestamp, sets, deleted or not."""

    identifier: str
    datestamp: str
    deleted: bool = False
    set_specs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Record:
    """A header with its metadata element (None for a deleted record)."""

    header: Header
    metadata: etree._Element | None


@dataclass
class Page:
    """One response of a list: its records, the token of the next page and the response date."""

    records: list[Record]
    token: str | None  # None: the list is complete
    response_date: str
    request_token: str | None = None  # the token this page was asked with
    complete_list_size: int | None = None
    cursor: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


_ENTITY_DECLARATION = re.compile(rb"<!ENTITY\s")


def pause(seconds: float) -> None:
    """Wait between attempts (tests replace this)."""
    time.sleep(seconds)


def xml_parser() -> etree.XMLParser:
    """A parser that never fetches anything nor expands entities, with libxml2's size limits on."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=True)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


def network_failure(exc: requests.RequestException, timeout: float, reading: bool = False) -> str:
    """A timeout or a failed connection in a few words: the system's reason ("[Errno 111] Connection
    refused"), not the whole chain of urllib3's exceptions."""
    if isinstance(exc, requests.Timeout):
        return _("no answer within %(n)s s") % {"n": f"{timeout:g}"}
    found = SYSTEM_REASON.search(str(exc))
    reason = found.group(0).strip() if found else f"{type(exc).__name__}: {str(exc)[:160]}"
    if reading:
        return _("the connection broke while reading the response (%(reason)s)") % {"reason": reason}
    return _("cannot connect (%(reason)s)") % {"reason": reason}


def unknown_host(exc: BaseException) -> bool:
    """Whether a failed connection's cause is a host name that does not exist (EAI_NONAME, EAI_NODATA): no
    retry makes it exist, unlike a resolver that did not answer in time (EAI_AGAIN)."""
    permanent = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
    seen: set[int] = set()
    stack: list[object] = [exc]
    while stack:  # requests wraps urllib3's MaxRetryError, whose reason is a NameResolutionError from the gaierror
        cause = stack.pop()
        if not isinstance(cause, BaseException) or id(cause) in seen:
            continue
        seen.add(id(cause))
        if isinstance(cause, socket.gaierror):
            return cause.errno in permanent
        stack.extend([*cause.args, getattr(cause, "reason", None), cause.__cause__, cause.__context__])
    return False


def _text(node: etree._Element | None, path: str) -> str:
    """The stripped text of the first match of an OAI-namespace path, or ''."""
    found = node.find(path, NS) if node is not None else None
    return (found.text or "").strip() if found is not None else ""


def _record(node: etree._Element) -> Record:
    """A <record> element as a Record."""
    header = node.find("o:header", NS)
    head = Header(
        identifier=_text(header, "o:identifier"), datestamp=_text(header, "o:datestamp"),
        deleted=header is not None and header.get("status") == "deleted",
        set_specs=tuple((s.text or "").strip() for s in header.findall("o:setSpec", NS)) if header is not None else (),
    )
    container = node.find("o:metadata", NS)
    metadata = next((c for c in container if isinstance(c.tag, str)), None) if container is not None else None
    return Record(head, None if head.deleted else metadata)


class OAIClient:
    """A client of one OAI-PMH base URL: Identify and ListRecords with paging, retries and limits."""

    def __init__(self, base_url: str, *, allow_private: bool = False, timeout: float = 60.0,
                 attempts: int = 5, malformed_attempts: int = 3, backoff: float = 2.0,
                 max_bytes: int = MAX_BYTES, sleep: Callable[[float], None] | None = None,
                 session: requests.Session | None = None) -> None:
        """Check the URL (scheme, address) once now; each request and redirect is checked again."""
        self.base_url = base_url.strip()
        self.allow_private = allow_private
        check_url(self.base_url, allow_private)
        self.timeout, self.attempts, self.malformed_attempts = timeout, attempts, malformed_attempts
        self.backoff, self.max_bytes, self.sleep = backoff, max_bytes, sleep or pause
        self.session = session or safe_session(allow_private)  # the address connected to is checked too
        self.session.headers["User-Agent"] = USER_AGENT
        self.requests_made = 0

    def identify(self) -> Identity:
        """Identify: granularity, deletedRecord policy, earliest datestamp, protocol version."""
        root = self.call({"verb": "Identify"})
        self._raise_error(root, None)
        node = root.find("o:Identify", NS)
        if node is None:
            raise MalformedResponse(_("%(url)s: Identify response without an Identify element")
                                    % {"url": self.base_url})
        version = _text(node, "o:protocolVersion")
        if version != "2.0":
            raise HarvestError(_("%(url)s: OAI-PMH version %(version)s (only 2.0 is harvested)")
                               % {"url": self.base_url, "version": version or "?"})
        return Identity(
            repository_name=_text(node, "o:repositoryName"), base_url=_text(node, "o:baseURL"),
            protocol_version=version, granularity=_text(node, "o:granularity") or "YYYY-MM-DD",
            deleted_record=_text(node, "o:deletedRecord") or "no",
            earliest_datestamp=_text(node, "o:earliestDatestamp"), response_date=_text(root, "o:responseDate"),
        )

    def list_records(self, prefix: str, set_spec: str = "", from_: str = "", until: str = "",
                     token: str | None = None) -> Iterator[Page]:
        """Pages of ListRecords, following resumption tokens (each passed back exactly).

        noRecordsMatch gives one empty page; other OAI errors raise OAIProtocolError. A token the
        server gave before (the one just sent back, or an older one) is a list that goes round in a
        circle: HarvestError after storing the page, instead of asking for it for ever.
        """
        seen: set[str] = {token} if token else set()
        while True:
            if token:
                params = {"verb": "ListRecords", "resumptionToken": token}
            else:
                params = {"verb": "ListRecords", "metadataPrefix": prefix}
                params.update({k: v for k, v in (("set", set_spec), ("from", from_), ("until", until)) if v})
            root = self.call(params, token)
            if self._raise_error(root, token):
                yield Page([], None, _text(root, "o:responseDate"), request_token=token)
                return
            page = self._page(root, token)
            yield page
            if not page.token:
                return
            if page.token in seen:
                raise TokenLoop(_("%(url)s: the server gave the resumption token %(token)r again (the list goes "
                                  "round in a circle): stopped") % {"url": self.base_url, "token": page.token})
            seen.add(page.token)
            token = page.token

    def _page(self, root: etree._Element, token: str | None) -> Page:
        """A ListRecords response as a Page."""
        node = root.find("o:ListRecords", NS)
        if node is None:
            raise MalformedResponse(_("%(url)s: ListRecords response without a ListRecords element")
                                    % {"url": self.base_url}, token)
        records = [_record(r) for r in node.findall("o:record", NS)]
        resumption = node.find("o:resumptionToken", NS)
        next_token = (resumption.text or "").strip() if resumption is not None else ""
        size = resumption.get("completeListSize") if resumption is not None else None
        cursor = resumption.get("cursor") if resumption is not None else None
        return Page(records, next_token or None, _text(root, "o:responseDate"), token,
                    int(size) if size and size.isdigit() else None,
                    int(cursor) if cursor and cursor.isdigit() else None)

    def _raise_error(self, root: etree._Element, token: str | None) -> bool:
        """Raise the response's OAI error; True for noRecordsMatch (an empty list, not a failure)."""
        errors = root.findall("o:error", NS)
        if not errors:
            return False
        codes = [e.get("code", "") for e in errors]
        if "noRecordsMatch" in codes:
            return True
        first = errors[0]
        message = " ".join((first.text or "").split())[:300]
        raise OAIProtocolError(first.get("code", "unknown"), message, self.base_url, token)

    def call(self, params: dict[str, str], token: str | None = None) -> etree._Element:
        """One OAI-PMH request, retried on timeouts, 5xx/429 and malformed pages; the parsed root."""
        malformed = 0
        attempt = 0
        while True:
            attempt += 1
            try:
                status, body, content_type = self._fetch(params, token)
                return self._parse(status, body, content_type, token)
            except MalformedResponse:
                malformed += 1
                if malformed >= self.malformed_attempts:
                    raise
                self.sleep(self.backoff ** malformed)
            except _Retry as retry:
                if attempt >= self.attempts:
                    raise FetchError(ngettext("%(url)s: %(reason)s (gave up after %(n)s attempt)",
                                              "%(url)s: %(reason)s (gave up after %(n)s attempts)", attempt)
                                     % {"url": self.base_url, "reason": retry.reason, "n": attempt}, token) from None
                wait = retry.wait if retry.wait is not None else self.backoff ** attempt
                self.sleep(min(wait, MAX_WAIT))

    def _fetch(self, params: dict[str, str], token: str | None) -> tuple[int, bytes, str]:
        """GET with redirects checked one by one; (status, body read up to the cap, content type)."""
        try:
            with checked_get(self.session, self.base_url, params=params, allow_private=self.allow_private,
                             timeout=self.timeout, before=self._count) as (response, _url):
                if response.status_code in RETRY_STATUS:
                    raise _Retry(f"HTTP {response.status_code}", parse_retry_after(response.headers.get("Retry-After")))
                try:
                    body = read_capped(response, self.max_bytes)
                except (requests.Timeout, requests.ConnectionError) as exc:
                    raise _Retry(network_failure(exc, self.timeout, reading=True)) from None
                return response.status_code, body, response.headers.get("Content-Type", "")
        except (requests.Timeout, requests.ConnectionError) as exc:
            reason = network_failure(exc, self.timeout)
            if unknown_host(exc):
                raise FetchError(_("%(url)s: %(reason)s (the host name does not exist)")
                                 % {"url": self.base_url, "reason": reason}, token) from None
            raise _Retry(reason) from None
        except TooManyRedirects:
            raise FetchError(_("%(url)s: more than %(n)s redirects") % {"url": self.base_url, "n": MAX_REDIRECTS},
                             token) from None
        except TooLarge as big:
            if big.declared:
                raise HarvestError(_("%(url)s: response of %(size)s bytes exceeds the %(limit)s byte limit")
                                   % {"url": self.base_url, "size": big.declared, "limit": self.max_bytes},
                                   token) from None
            raise HarvestError(_("%(url)s: response exceeds the %(limit)s byte limit")
                               % {"url": self.base_url, "limit": self.max_bytes}, token) from None

    def _count(self) -> None:
        """One more request made (the run report says how many)."""
        self.requests_made += 1

    def _parse(self, status: int, body: bytes, content_type: str, token: str | None) -> etree._Element:
        """The OAI-PMH root of a response; HTTP errors with an OAI body (Zenodo's 422) read as OAI."""
        try:
            root = etree.fromstring(body, xml_parser())
        except etree.XMLSyntaxError as exc:
            if _ENTITY_DECLARATION.search(body, 0, 65536):  # an entity loop, an external entity: lxml's English
                raise self._entities(token) from None
            if status >= 400:
                raise FetchError(f"{self.base_url}: HTTP {status}", token) from None
            said = exc.msg or str(exc)  # without lxml's "(<string>, line 9)" after the line and column it said
            raise MalformedResponse(self._not_oai(_("XML error: %(error)s") % {"error": said[:160]}, content_type),
                                    token) from None
        dtd = root.getroottree().docinfo.internalDTD
        if dtd is not None and any(True for _entity in dtd.iterentities()):
            raise self._entities(token)  # left unexpanded, their text would be lost without a word
        if root.tag != f"{{{OAI}}}OAI-PMH":
            if status >= 400:
                raise FetchError(f"{self.base_url}: HTTP {status}", token)
            raise MalformedResponse(self._not_oai(_("root element <%(name)s>") % {"name": etree.QName(root).localname},
                                                  content_type), token)
        if status >= 400 and root.find("o:error", NS) is None:
            raise FetchError(f"{self.base_url}: HTTP {status}", token)
        return root

    def _entities(self, token: str | None) -> HarvestError:
        """The refusal of a response that declares XML entities (OAI-PMH needs none; a loop of them or one naming
        a file is an attack), not retried."""
        return HarvestError(_("%(url)s: the response declares XML entities; refused (OAI-PMH needs none)")
                            % {"url": self.base_url}, token)

    def _not_oai(self, reason: str, content_type: str) -> str:
        """One line saying the answer is not OAI-PMH, and what it was."""
        if content_type:
            kind = content_type.split(";")[0].strip()
            reason = _("%(reason)s, content type %(type)s") % {"reason": reason, "type": kind}
        return (_("%(url)s: not an OAI-PMH response (%(reason)s)") % {"url": self.base_url, "reason": reason}
                ).replace("\n", " ")


class _Retry(Exception):
    """A transient failure: retry after `wait` seconds (None: exponential back-off)."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        """Keep why and how long the server asked to wait."""
        super().__init__(reason)
        self.reason = reason
        self.wait = wait
