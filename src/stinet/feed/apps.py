"""The feed app: the three parts of the National S&T Database as a versioned JSON feed and export."""

from django.apps import AppConfig


class FeedConfig(AppConfig):
    """Django app configuration for the national feed."""

    name = "stinet.feed"
    label = "feed"
    verbose_name = "National feed"

    def ready(self) -> None:
        """Connect the signals that record deletions and touch records whose parts changed."""
        from stinet.feed import signals  # noqa: F401
