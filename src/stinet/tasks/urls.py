"""URLs of the tasks app, mounted at tasks/ (path("tasks/", include(...)))."""

from django.urls import path  # noqa: F401

app_name = "tasks"
urlpatterns: list = []
