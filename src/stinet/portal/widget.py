"""The embeddable search widget's pages: the framable /widget/ page and the /widget/snippet/ page.

The script widget itself is static (stinet/widget.js, stinet/widget.css) and calls the public API
with CORS (stinet.portal.cors). /widget/ is the same search box for hosts that forbid third-party
scripts: a page without site chrome, rendered on the server (works without JavaScript) and the only
page exempt from X-Frame-Options.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_exempt

from stinet.catalog.models import Organisation
from stinet.search.base import SearchError, SearchRequest, page_count
from stinet.search.service import search_json

PAGE_SIZE = 10
MAX_CREATORS = 3
ACCENT = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class WidgetOptions:
    """What a member chose for its widget: its code (or none: the whole network), language, colour."""

    org: Organisation | None
    lang: str
    accent: str

    def query(self, **extra: Any) -> str:
        """These options (and extra parameters) as a query string for /widget/."""
        params = {"org": self.org.code if self.org else "", "lang": self.lang, "accent": self.accent}
        return urlencode({**{k: v for k, v in params.items() if v}, **extra})  # q stays, even empty


def _options(request: HttpRequest, lang: str) -> WidgetOptions:
    """Options from ?org=&accent=; an unknown member code is a 404, a bad colour is ignored."""
    code = request.GET.get("org", "").strip()
    org = Organisation.objects.filter(code=code).first() if code else None
    if code and org is None:
        raise Http404(f"org: no organisation with code {code!r}")
    accent = request.GET.get("accent", "").strip()
    return WidgetOptions(org=org, lang="en" if lang == "en" else "vi", accent=accent if ACCENT.match(accent) else "")


def _int(value: str | None, default: int) -> int:
    """A positive integer parameter, the default when absent or wrong."""
    try:
        return max(int(value or default), 1)
    except ValueError:
        return default


def _result(r: dict[str, Any], org: Organisation | None) -> dict[str, Any]:
    """One API result with what the widget shows: people (no advisors), holders, the member's call numbers."""
    people = [c["name"] for c in r["creators"] if c["role"] != "advisor"]
    holders = list(dict.fromkeys(h["org_name"] for h in r["holdings"]))
    call_numbers = [h["call_number"] for h in r["holdings"] if org and h["org"] == org.code and h["call_number"]]
    return {**r, "people": people[:MAX_CREATORS], "more_people": len(people) > MAX_CREATORS,
            "holders": holders, "call_numbers": call_numbers}


@xframe_options_exempt
def embed(request: HttpRequest) -> HttpResponse:
    """The search box and results without site chrome, for an <iframe> on a member's site."""
    opts = _options(request, "en" if (get_language() or "vi").startswith("en") else "vi")  # ?lang= (middleware)
    searched = "q" in request.GET
    q = request.GET.get("q", "").strip()
    page = _int(request.GET.get("page"), 1)
    context: dict[str, Any] = {"opts": opts, "q": q, "searched": searched,
                               "org_name": opts.org.name(opts.lang) if opts.org else ""}
    if searched:
        req = SearchRequest(q=q, filters={"org": [opts.org.code]} if opts.org else {},
                            sort="relevance" if q else "-year", page=page, page_size=PAGE_SIZE)
        try:
            data = search_json(req, opts.lang)
        except SearchError as exc:
            return HttpResponseBadRequest(str(exc))
        pages = page_count(data["total"], PAGE_SIZE)
        here = reverse("portal:widget")
        context.update(
            data=data, results=[_result(r, opts.org) for r in data["results"]], page=page, pages=pages,
            first=(page - 1) * PAGE_SIZE + 1,
            prev_url=f"{here}?{opts.query(q=q, page=page - 1)}" if page > 1 else None,
            next_url=f"{here}?{opts.query(q=q, page=page + 1)}" if page < pages else None,
        )
    portal = {"q": q, "org": opts.org.code if opts.org else "", "lang": "en" if opts.lang == "en" else ""}
    context["portal_url"] = reverse("portal:search") + "?" + urlencode({k: v for k, v in portal.items() if v})
    return render(request, "portal/widget.html", context)


def snippets(request: HttpRequest, opts: WidgetOptions) -> dict[str, str]:
    """The code a member pastes: the script widget and the <iframe> alternative."""
    script = request.build_absolute_uri(static("stinet/widget.js"))
    attrs = format_html(' data-org="{}"', opts.org.code) if opts.org else ""
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

    The widget's language is ?widget_lang= (?lang= would switch this page's own language).
    """
    opts = _options(request, request.GET.get("widget_lang", "vi"))
    members = Organisation.objects.filter(is_member=True).order_by("code")
    context = {"opts": opts, "members": members, "code": snippets(request, opts),
               "accent": opts.accent or "#0b5c8a"}
    return render(request, "portal/widget_snippet.html", context)
