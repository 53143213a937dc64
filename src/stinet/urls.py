"""Top-level URL map: the portal, the API and the language switch."""

from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import include, path
from django.views.defaults import bad_request, page_not_found
from django.views.generic import RedirectView

from stinet.api import views as api_views
from stinet.api.views import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", RedirectView.as_view(url=static("stinet/icon.svg"), permanent=True)),  # asked for anyway
    path("api/", api.urls),
    path("oai", include("stinet.oai.urls")),
    path("sources/", include("stinet.sources.urls")),
    path("manage/", include("stinet.catalog.urls")),
    path("tasks/", include("stinet.tasks.urls")),
    path("tasks/", include("stinet.feed.urls")),
    path("experts/", include("stinet.people.urls")),
    path("directory/", include("stinet.directory.urls")),
    path("news/", include("stinet.news.urls")),
    path("stats/", include("stinet.stats.urls")),
    path("", include("stinet.accounts.urls")),
    path("", include("stinet.portal.urls")),
]


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: JSON under /api/ (what API clients parse), the site's own page elsewhere."""
    if request.path_info.startswith("/api/"):
        return api_views.not_found(request)
    return page_not_found(request, exception)


def unreadable(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 of a request Django cannot read (a malformed multipart body): JSON in the interface language
    under /api/ (it was Django's English HTML page), the site's own page elsewhere."""
    if request.path_info.startswith("/api/"):
        return api_views.unreadable(request)
    return bad_request(request, exception)


handler404 = not_found
handler400 = unreadable
