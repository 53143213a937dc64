"""The OAI-PMH provider app: the endpoint and the persistent record of deletions."""

from django.apps import AppConfig


class OaiConfig(AppConfig):
    """Django app configuration for the OAI-PMH data provider."""

    name = "stinet.oai"
    label = "oai"
    verbose_name = "OAI-PMH provider"

    def ready(self) -> None:
        """Connect the signals that remember a work leaving a set."""
        from stinet.oai import departures  # noqa: F401
