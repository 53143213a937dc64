"""Fetching full texts that members' holdings link to, with the harvester's safety rules.

Every address (and every redirect) passes stinet.sources.safety.check_url (http(s) only, no
internal addresses unless an administrator allows them), bodies are read in chunks up to the
size cap, and what comes back is judged by its bytes, not its Content-Type. A link to a
repository's landing page is followed once to the PDF its `citation_pdf_url` tag names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests
from django.utils.translation import gettext as _

from stinet.catalog import files as services
from stinet.catalog.fulltext import FileError, sniff
from stinet.catalog.models import Holding, WorkFile
from stinet.catalog.services import get_organisation
from stinet.sources.safety import (
    MAX_REDIRECTS,
    TooLarge,
    TooManyRedirects,
    checked_get,
    read_capped,
    safe_session,
)

USER_AGENT = "STINet full-text fetcher (OAI-PMH 2.0 harvester)"
_PDF_META = re.compile(rb"""<meta[^>]+name=["']citation_pdf_url["'][^>]*content=["']([^"']+)["']""", re.I)
_PDF_META_REV = re.compile(rb"""<meta[^>]+content=["']([^"']+)["'][^>]*name=["']citation_pdf_url["']""", re.I)


# How PDF, ZIP (.docx) and OLE (.doc) files start: a refused one is said as such, not looked into for a link
DOCUMENT_STARTS = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


class FetchRefused(services.FileRefused):
    """A link that gave no usable file, with a one-line reason."""


@dataclass
class FetchReport:
    """What a fetch run did, per holding."""

    attached: list[tuple[int, str]] = field(default_factory=list)  # (work id, url)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (work id, url, why)
    failed: list[tuple[int, str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as lines for the terminal."""
        out = [_("attached %(attached)s, skipped %(skipped)s, failed %(failed)s")
               % {"attached": len(self.attached), "skipped": len(self.skipped), "failed": len(self.failed)}]
        out += ["  " + _("failed work %(work)s: %(url)s: %(reason)s") % {"work": w, "url": url, "reason": why}
                for w, url, why in self.failed]
        return out


def download(url: str, *, allow_private: bool = False, max_bytes: int | None = None, timeout: float = 60.0,
             session: requests.Session | None = None) -> tuple[bytes, str]:
    """The body of a URL (redirects checked one by one, size capped) and its final address."""
    limit = services.MAX_BYTES if max_bytes is None else max_bytes
    http = session or safe_session(allow_private)  # the address connected to is checked too
    try:
        with checked_get(http, url, allow_private=allow_private, timeout=timeout,
                         headers={"User-Agent": USER_AGENT}) as (response, final):
            if response.status_code >= 400:
                raise FetchRefused(f"{final[:200]}: HTTP {response.status_code}")
            try:
                return read_capped(response, limit), final
            except requests.RequestException as exc:
                raise FetchRefused(_("%(url)s: %(error)s while reading")
                                   % {"url": final[:200], "error": type(exc).__name__}) from None
            except TooLarge as big:
                if big.declared:
                    raise FetchRefused(_("%(url)s: response of %(size)s bytes exceeds the %(limit)s byte limit")
                                       % {"url": final[:200], "size": big.declared, "limit": limit}) from None
                raise FetchRefused(_("%(url)s: response exceeds the %(limit)s byte limit")
                                   % {"url": final[:200], "limit": limit}) from None
    except requests.RequestException as exc:
        raise FetchRefused(f"{url[:200]}: {type(exc).__name__}") from None
    except TooManyRedirects as hops:
        raise FetchRefused(_("%(url)s: more than %(n)s redirects") % {"url": str(hops)[:200], "n": MAX_REDIRECTS}
                           ) from None


def pdf_link(page: bytes, base: str) -> str | None:
    """The PDF a landing page names in its citation_pdf_url meta tag (absolute), if any."""
    m = _PDF_META.search(page) or _PDF_META_REV.search(page)
    if not m:
        return None
    return requests.compat.urljoin(base, m.group(1).decode("utf-8", "replace").replace("&amp;", "&").strip())


def fetch_document(url: str, *, allow_private: bool = False, max_bytes: int | None = None,
                   session: requests.Session | None = None) -> tuple[bytes, str, str]:
    """(bytes, media type, final URL) of the document a link leads to, following a landing page once."""
    data, final = download(url, allow_private=allow_private, max_bytes=max_bytes, session=session)
    try:
        return data, sniff(data, final.rsplit("/", 1)[-1]), final
    except FileError as exc:
        if data[:1024].lstrip().startswith(DOCUMENT_STARTS) or data.startswith(DOCUMENT_STARTS):
            raise FetchRefused(f"{url[:200]}: {exc}") from None  # a document refused (damaged, locked...), no page
        target = pdf_link(data[:500_000], final)
        if target is None:
            raise FetchRefused(_("%(url)s: not a PDF or Word file (and no citation_pdf_url to follow)")
                               % {"url": url[:200]}) from None
    data, final = download(target, allow_private=allow_private, max_bytes=max_bytes, session=session)
    try:
        return data, sniff(data, final.rsplit("/", 1)[-1]), final
    except FileError as exc:
        raise FetchRefused(f"{target[:200]}: {exc}") from None


def _file_name(url: str) -> str:
    """A file name for a fetched document: the URL's last part (attaching gives it the extension of
    its content)."""
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or "fulltext"


def fetch_holding(holding: Holding, *, access: str | None = None, allow_private: bool = False,
                  by: Any = None, actor: str = "cli", session: requests.Session | None = None) -> WorkFile:
    """Fetch the document a holding links to and attach it (the harvester calls this per record)."""
    if not holding.url:
        raise FetchRefused(_("holding %(org)s:%(id)s has no link") % {"org": holding.organisation.code,
                                                                     "id": holding.local_id})
    data, _mime, final = fetch_document(holding.url, allow_private=allow_private, session=session)
    return services.attach_file(holding.work_id, data, _file_name(final),
                                org_code=holding.organisation.code, access=access or _access_of(holding),
                                source_url=holding.url, by=by, actor=actor)


def _access_of(holding: Holding) -> str:
    """A fetched file's access: the holding's (what the member says of its copy)."""
    return holding.access if holding.access in ("public", "members", "metadata") else "metadata"


def fetch_organisation(org_code: str, *, access: str | None = None, allow_private: bool = False,
                       limit: int | None = None, by: Any = None, actor: str = "cli",
                       progress: Callable[[int], None] | None = None,
                       session: requests.Session | None = None) -> FetchReport:
    """Fetch the linked documents of an organisation's holdings that have none fetched yet."""
    org = get_organisation(org_code)
    services._require_editor(by, org)
    done = set(WorkFile.objects.filter(organisation=org).exclude(source_url="").values_list("source_url", flat=True))
    report = FetchReport()
    holdings = Holding.objects.filter(organisation=org).exclude(url="").select_related("organisation").order_by("pk")
    for n, holding in enumerate(holdings[:limit] if limit else holdings, 1):
        if holding.url in done:
            report.skipped.append((holding.work_id, holding.url, "fetched already"))
        else:
            try:
                fetch_holding(holding, access=access, allow_private=allow_private, by=by, actor=actor,
                              session=session)
                report.attached.append((holding.work_id, holding.url))
            except services.FileRefused as exc:
                report.failed.append((holding.work_id, holding.url, str(exc)))
            except ValueError as exc:  # an unsafe address
                report.failed.append((holding.work_id, holding.url, str(exc)))
        if progress:
            progress(n)
    return report
