"""The public portal: home, search results, work and organisation pages."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Django app configuration for the public web portal."""

    name = "stinet.portal"
    label = "portal"
