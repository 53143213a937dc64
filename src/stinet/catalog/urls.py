"""Back-office URLs of the catalogue (mounted under manage/)."""

from django.urls import path

from stinet.catalog import views

app_name = "catalog"
urlpatterns = [
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/<int:match_id>/settle/", views.settle, name="settle"),
    path("duplicates/<int:match_id>/split/", views.split, name="split"),
]
