"""The catalogue app: organisations, works, holdings, provenance and the audit log."""

from django.apps import AppConfig


class CatalogConfig(AppConfig):
    """Django app configuration for the union catalogue."""

    name = "stinet.catalog"
    label = "catalog"
    verbose_name = "Union catalogue"
