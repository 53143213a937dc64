"""Back-office URLs of the catalogue (mounted under manage/)."""

from django.urls import path

import stinet.urlids  # noqa: F401 (registers the id converter)
from stinet.catalog import views

app_name = "catalog"
urlpatterns = [
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/<id:match_id>/settle/", views.settle, name="settle"),
    path("duplicates/<id:match_id>/split/", views.split, name="split"),
    path("duplicates/<id:match_id>/rejoin/", views.rejoin, name="rejoin"),
]
