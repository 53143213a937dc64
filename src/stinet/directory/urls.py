"""URLs of the directory app, mounted at directory/; the list and entries stay at /orgs/ (portal URLs)."""

from django.urls import path

import stinet.urlids  # noqa: F401 (registers the id converter)
from stinet.directory import views

app_name = "directory"
urlpatterns = [
    path("services/", views.service_list, name="services"),
    path("join/", views.join, name="join"),
    path("join/thanks/", views.join_done, name="join_done"),
    path("orgs/<slug:code>/edit/", views.edit_profile, name="edit"),
    path("orgs/<slug:code>/services/new/", views.service_add, name="service_add"),
    path("services/<id:service_id>/edit/", views.service_edit, name="service_edit"),
    path("services/<id:service_id>/delete/", views.service_delete, name="service_delete"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<id:request_id>/", views.request_detail, name="request"),
]
