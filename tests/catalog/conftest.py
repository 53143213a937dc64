"""Fixtures of the full-text tests (stored files, one user per role), shared with the other folder."""

from tests.catalog.fixtures import media, people  # noqa: F401 - fixtures
