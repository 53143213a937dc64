"""Accounts: users, their roles (some scoped to an organisation), login throttling."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Django app configuration for accounts and roles."""

    name = "stinet.accounts"
    label = "accounts"
