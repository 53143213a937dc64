"""Top-level URL map: the portal, the API and the language switch."""

from django.urls import include, path

from stinet.api.views import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
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
