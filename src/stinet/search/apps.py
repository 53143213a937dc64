"""The search app: one search interface over interchangeable backends."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Django app configuration for catalogue search."""

    name = "stinet.search"
    label = "search"
