"""The sources app: harvest sources per organisation, the OAI-PMH harvester and its worker."""

from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """Django app configuration for members' sources and their scheduled harvests."""

    name = "stinet.sources"
    label = "sources"
    verbose_name = "Sources and harvests"
