"""The OAI-PMH provider app: the endpoint and the persistent record of deletions."""

from django.apps import AppConfig


class OaiConfig(AppConfig):
    """Django app configuration for the OAI-PMH data provider."""

    name = "stinet.oai"
    label = "oai"
    verbose_name = "OAI-PMH provider"
