"""URLs of the sources health view, mounted at sources/ (path("sources/", include(...)))."""

from django.urls import path

from stinet.sources import views

app_name = "sources"
urlpatterns = [
    path("", views.health, name="health"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("<int:source_id>/run/", views.run_now, name="run_now"),
    path("<int:source_id>/edit/", views.edit, name="edit"),
    path("<int:source_id>/remove/", views.remove, name="remove"),
]
