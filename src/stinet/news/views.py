"""Public news pages, the editors' pages and the RSS feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from stinet.accounts.permissions import edits_news, require
from stinet.news.forms import NewsForm
from stinet.news.models import NewsItem
from stinet.news.services import REFUSED, NewsError, delete_item, save_item

PAGE = 20


def news_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events and training courses first, then the news, newest first (paged)."""
    upcoming = list(NewsItem.objects.published().upcoming())
    rest = NewsItem.objects.published().exclude(pk__in=[i.pk for i in upcoming]).latest()
    page = Paginator(rest, PAGE).get_page(request.GET.get("page"))
    return render(request, "news/list.html", {"upcoming": upcoming if page.number == 1 else [], "page": page,
                                              "editor": edits_news(request.user)})


def item(request: HttpRequest, slug: str) -> HttpResponse:
    """One item; drafts only for editors."""
    shown = get_object_or_404(NewsItem, slug=slug)
    editor = edits_news(request.user)
    if not shown.published and not editor:
        raise Http404("no such news item")
    return render(request, "news/item.html", {"item": shown, "editor": editor})


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """Every item, drafts included, for the editors."""
    require(edits_news(request.user), str(REFUSED))
    items = NewsItem.objects.order_by("-created_at", "-pk")
    return render(request, "news/manage.html", {"page": Paginator(items, 50).get_page(request.GET.get("page"))})


def _initial(shown: NewsItem) -> dict[str, object]:
    """The form's fields of a saved item."""
    return {f: getattr(shown, f) for f in NewsForm.base_fields}


@login_required
def edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Write a new item (no slug) or change one."""
    require(edits_news(request.user), str(REFUSED))
    shown = get_object_or_404(NewsItem, slug=slug) if slug else None
    form = NewsForm(request.POST or None, initial=_initial(shown) if shown else {"kind": "news"})
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_item(form.draft(), shown, by=request.user)
        except NewsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())
    return render(request, "news/edit.html", {"form": form, "item": shown}, status=400 if form.errors else 200)


@login_required
@require_POST
def delete(request: HttpRequest, slug: str) -> HttpResponse:
    """Remove an item."""
    require(edits_news(request.user), str(REFUSED))
    delete_item(get_object_or_404(NewsItem, slug=slug), by=request.user)
    messages.success(request, _("Deleted."))
    return redirect("news:manage")


class NewsFeed(Feed):
    """RSS 2.0 of the latest published items."""

    title = "STINet"
    link = "/news/"
    description = gettext_lazy("News, events and training courses of the S&T information network")

    def items(self) -> list[NewsItem]:
        """The 20 latest published items."""
        return list(NewsItem.objects.published().latest()[:20])

    def item_title(self, item: NewsItem) -> str:
        """The item's title."""
        return item.title

    def item_description(self, item: NewsItem) -> str:
        """Its summary, else the start of its text (feeds escape it)."""
        return item.summary or item.body[:500]

    def item_pubdate(self, item: NewsItem) -> object:
        """When it was first published."""
        return item.published_at
