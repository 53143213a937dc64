"""URLs of the people app, mounted at people/ (path("people/", include(...)))."""

from django.urls import path  # noqa: F401

app_name = "people"
urlpatterns: list = []
