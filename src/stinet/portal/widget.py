"""The embeddable search widget's pages: the framable /widget/ page and the /widget/snippet/ page.

The script widget itself is static (stinet/widget.js, stinet/widget.css) and calls the public API
with CORS (stinet.portal.cors). /widget/ is the same search box for hosts that forbid third-party
scripts: a page without site chrome, rendered on the server (works without JavaScript) and the only
page exempt from X-Frame-Options.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from stinet.catalog.models import Organisation
from stinet.catalog.vocab import interface_lang
from stinet.portal.contrast import hex_colour, readable_accent, rgb
from stinet.search.base import MAX_RESULTS, SearchError, SearchRequest, page_count
from stinet.search.service import search_json

PAGE_SIZE = 10
LAST_PAGE = MAX_RESULTS // PAGE_SIZE  # the deepest page the search pages to
MAX_CREATORS = 3
ACCENT = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class WidgetOptions:
    """What a member chose for its widget: its code or codes (none: the whole network), language, colour."""

    orgs: tuple[Organisation, ...]
    lang: str
    accent: str

    @property
    def org(self) -> Organisation | None:
        """The one organisation chosen, if one is."""
        return self.orgs[0] if len(self.orgs) == 1 else None

    @property
    def codes(self) -> str:
        """The chosen organisations' codes, separated by commas as data-org and ?org= take them."""
        return ",".join(o.code for o in self.orgs)

    def query(self, **extra: Any) -> str:
        """These options (and extra parameters) as a query string for /widget/."""
        params = {"org": self.codes, "lang": self.lang, "accent": self.accent}
        return urlencode({**{k: v for k, v in params.items() if v}, **extra})  # q stays, even empty


class UnknownOrganisation(ValueError):
    """A widget's org= names no organisation."""


def _options(request: HttpRequest, lang: str) -> WidgetOptions:
    """Options from ?org=A,B (or org= repeated; any case) and ?accent=; a bad colour is ignored, one
    too light to read on white is darkened until it reads (4.5:1), an unknown code is UnknownOrganisation."""
    codes = list({c.strip().lower(): c.strip() for v in request.GET.getlist("org") for c in v.split(",")
                  if c.strip()}.values())  # once each, whatever the case
    orgs = []
    for code in codes:
        org = Organisation.objects.filter(code__iexact=code).first()
        if org is None:
            raise UnknownOrganisation(_("org: no organisation has the code %(code)s") % {"code": code})
        orgs.append(org)
    accent = request.GET.get("accent", "").strip()
    return WidgetOptions(orgs=tuple(orgs), lang="en" if lang == "en" else "vi",
                         accent=readable_accent(accent) if ACCENT.match(accent) else "")


def _int(value: str | None, default: int) -> int:
    """A positive integer parameter, the default when absent or wrong."""
    try:
        return max(int(value or default), 1)
    except ValueError:
        return default


def _result(r: dict[str, Any], codes: set[str]) -> dict[str, Any]:
    """One API result with what the widget shows: people (no advisors), holders, the member's call numbers."""
    people = [c["name"] for c in r["creators"] if c["role"] != "advisor"]
    holders = list(dict.fromkeys(h["org_name"] for h in r["holdings"]))
    call_numbers = [h["call_number"] for h in r["holdings"] if h["org"] in codes and h["call_number"]]
    return {**r, "people": people[:MAX_CREATORS], "more_people": len(people) > MAX_CREATORS,
            "holders": holders, "call_numbers": call_numbers}


@xframe_options_exempt
def embed(request: HttpRequest) -> HttpResponse:
    """The search box and results without site chrome, for an <iframe> on a member's site."""
    try:
        opts = _options(request, interface_lang())  # ?lang= (middleware)
    except UnknownOrganisation as exc:  # said in the frame, for the webmaster who typed the snippet
        return HttpResponseBadRequest(format_html(
            '<!doctype html><html lang="{}"><head><meta charset="utf-8"><title>STINet</title></head>'
            '<body><main><p role="alert">{}</p></main></body></html>', interface_lang(), str(exc)))
    searched = "q" in request.GET
    q = request.GET.get("q", "").strip()
    page = _int(request.GET.get("page"), 1)
    context: dict[str, Any] = {"opts": opts, "q": q, "searched": searched,
                               "org_name": ", ".join(o.name(opts.lang) for o in opts.orgs)}
    if searched:
        req = SearchRequest(q=q, filters={"org": [o.code for o in opts.orgs]} if opts.orgs else {},
                            sort="relevance" if q else "-year", page=min(page, LAST_PAGE), page_size=PAGE_SIZE)
        try:
            data = search_json(req, opts.lang)
        except SearchError as exc:  # the visitor's typo: said in the frame, with the box to mend it
            context.update(error=str(exc), searched=False)
            return render(request, "portal/widget.html", _with_portal_link(context, q, opts), status=400)
        pages = page_count(data["total"], PAGE_SIZE)
        here = reverse("portal:widget")
        if page > pages:  # a page past the end: the last one
            return redirect(f"{here}?{opts.query(q=q, page=pages)}")
        codes = {o.code for o in opts.orgs}
        context.update(
            data=data, results=[_result(r, codes) for r in data["results"]], page=page, pages=pages,
            first=(page - 1) * PAGE_SIZE + 1,
            prev_url=f"{here}?{opts.query(q=q, page=page - 1)}" if page > 1 else None,
            next_url=f"{here}?{opts.query(q=q, page=page + 1)}" if page < pages else None,
        )
    return render(request, "portal/widget.html", _with_portal_link(context, q, opts))


def _with_portal_link(context: dict[str, Any], q: str, opts: WidgetOptions) -> dict[str, Any]:
    """The context with the link to the same search on the portal."""
    portal = {"q": [q], "org": [o.code for o in opts.orgs], "lang": ["en"] if opts.lang == "en" else []}
    context["portal_url"] = reverse("portal:search") + "?" + urlencode(
        {k: v for k, v in portal.items() if any(v)}, doseq=True)
    return context


def snippets(request: HttpRequest, opts: WidgetOptions) -> dict[str, str]:
    """The code a member pastes: the script widget and the <iframe> alternative."""
    script = request.build_absolute_uri(static("stinet/widget.js"))
    attrs = format_html(' data-org="{}"', opts.codes) if opts.orgs else mark_safe("")  # safe + safe stays safe
    if opts.lang == "en":
        attrs += format_html(' data-lang="{}"', "en")
    if opts.accent:
        attrs += format_html(' data-accent="{}"', opts.accent)
    frame = request.build_absolute_uri(reverse("portal:widget")) + ("?" + opts.query() if opts.query() else "")
    return {
        "script": format_html('<div data-stinet-search{}></div>\n<script src="{}" async></script>', attrs, script),
        "iframe": format_html('<iframe src="{}" title="{}" loading="lazy" '
                              'style="width:100%;height:640px;border:0"></iframe>', frame, "STINet"),
        "resize": _resize_listener(_origin(request)),
    }


def _origin(request: HttpRequest) -> str:
    """The hub's origin as a browser writes it in a message's e.origin: no default port."""
    host = request.get_host()
    default = {"http": ":80", "https": ":443"}[request.scheme]
    return f"{request.scheme}://{host.removesuffix(default)}"


def _resize_listener(origin: str) -> str:
    """The optional line of script beside the frame: it takes the height that stinet/frame.js tells.

    Only messages from the hub's origin count, and only the frame they came from is resized. The
    origin is a JS string inside <script>, where HTML escapes would not be decoded: it is written
    as JSON, and the host name Django validated has no character that could close the element.
    """
    hub = json.dumps(origin)
    if "<" in hub:
        raise ValueError(f"host: not usable in a script: {origin!r}")
    return mark_safe(  # the only value is the JSON string checked above
        '<script>addEventListener("message",function(e){var d=e.data;'
        f'if(e.origin!=={hub}||!d||d.stinet!=="frame-height"||typeof d.height!=="number")return;'
        'document.querySelectorAll("iframe").forEach(function(f){'
        'if(f.contentWindow===e.source)f.style.height=Math.max(d.height,120)+"px"})})</script>')


def snippet(request: HttpRequest) -> HttpResponse:
    """A member's widget code to copy, with a live preview of both kinds.

    The widget's language is ?widget_lang= (?lang= would switch this page's own language). An
    unknown ?org= answers 404 with the page saying which code, the members' list and no code.
    """
    lang, error = request.GET.get("widget_lang", "vi"), ""
    try:
        opts = _options(request, lang)
    except UnknownOrganisation as exc:  # 404 saying which code, with the members to choose from and no code
        opts, error = WidgetOptions(orgs=(), lang="en" if lang == "en" else "vi", accent=""), str(exc)
    members = Organisation.objects.filter(is_member=True).order_by("code")
    asked = request.GET.get("accent", "").strip()
    darkened = asked if opts.accent and opts.accent != hex_colour(rgb(asked)) else ""  # said on the page
    context = {"opts": opts, "members": members, "code": None if error else snippets(request, opts),
               "accent": opts.accent or "#0b5c8a", "darkened": darkened, "error": error}
    response = render(request, "portal/widget_snippet.html", context, status=404 if error else 200)
    if context["code"]:  # the preview runs the frame's height line as a member's page would: that script only
        body = str(context["code"]["resize"]).removeprefix("<script>").removesuffix("</script>")
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        response._csp_update = {"script-src": [f"'sha256-{digest}'"]}  # type: ignore[attr-defined]  # django-csp
    return response
