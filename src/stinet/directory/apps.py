"""The directory app: S&T organisations and enterprises, their services, requests to join."""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """Django app configuration for organisations directory."""

    name = "stinet.directory"
    label = "directory"
    verbose_name = "Organisations directory"
