"""The import tests compare the services' reports and refusals in English (the site's default
language is Vietnamese); tests/ingest/test_messages.py checks the Vietnamese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _english_reports() -> Iterator[None]:
    """Reports, rejection reasons and refusals in English."""
    from django.utils import translation

    with translation.override("en"):
        yield
