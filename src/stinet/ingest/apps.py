"""The ingest app: file importers (and later harvesters), their runs and reports."""

from django.apps import AppConfig


class IngestConfig(AppConfig):
    """Django app configuration for getting members' data in."""

    name = "stinet.ingest"
    label = "ingest"
