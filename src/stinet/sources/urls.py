"""URLs of the sources health view, mounted at sources/ (path("sources/", include(...)))."""

from django.urls import path

import stinet.urlids  # noqa: F401 (registers the id converter)
from stinet.sources import views

app_name = "sources"
urlpatterns = [
    path("", views.health, name="health"),
    path("upload/", views.upload, name="upload"),
    path("runs/<id:run_id>/", views.run_detail, name="run"),
    path("<id:source_id>/run/", views.run_now, name="run_now"),
    path("<id:source_id>/edit/", views.edit, name="edit"),
    path("<id:source_id>/remove/", views.remove, name="remove"),
]
