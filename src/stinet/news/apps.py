"""The news app: news and events of the network (training courses, workshops)."""

from django.apps import AppConfig


class NewsConfig(AppConfig):
    """Django app configuration for news and events."""

    name = "stinet.news"
    label = "news"
    verbose_name = "News and events"
