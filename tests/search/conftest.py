"""Fixtures of the full-text tests (stored files, one user per role), shared with the other folder;
the search service's refusals are checked in English (the portal's tests check the Vietnamese)."""

import pytest
from django.utils import translation

from tests.catalog.fixtures import media, people  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield
