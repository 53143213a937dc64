"""The JSON REST API (documented by the OpenAPI description it serves)."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """Django app configuration for the REST API."""

    name = "stinet.api"
    label = "api"
