"""URLs of the news app, mounted at news/ (path("news/", include(...)))."""

from django.urls import path  # noqa: F401

app_name = "news"
urlpatterns: list = []
