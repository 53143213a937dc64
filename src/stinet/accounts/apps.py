"""Accounts: users, their roles (some scoped to an organisation), login throttling."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Django app configuration for accounts and roles."""

    name = "stinet.accounts"
    label = "accounts"

    def ready(self) -> None:
        """Connect the audit of logins, failed logins and logouts."""
        from stinet.accounts import signals  # noqa: F401
