"""URLs of the directory app, mounted at directory/ (path("directory/", include(...)))."""

from django.urls import path  # noqa: F401

app_name = "directory"
urlpatterns: list = []
