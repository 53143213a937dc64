"""Fixtures of the full-text tests: stored files in a temporary folder, one user per role."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

PASSWORD = "a-long-pass-phrase-42"
# the roles the access rules are tried as (issue 5 item 6)
ROLES = ("anonymous", "scientist", "holder_editor", "other_editor", "admin")


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """Files are stored under a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def people(catalogue: Any, settings: Any) -> dict[str, Any]:
    """A user per role: HPU holds the works the tests attach files to, TVHP is another member."""
    from django.contrib.auth.models import AnonymousUser

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins
    from stinet.accounts.services import create_user, grant

    return {
        "anonymous": AnonymousUser(),
        "scientist": grant(create_user("nhakhoahoc", PASSWORD), "scientist").user,
        "holder_editor": grant(create_user("bientap", PASSWORD), "member_editor", "HPU").user,
        "other_editor": grant(create_user("bientap2", PASSWORD), "member_editor", "TVHP").user,
        "admin": grant(create_user("quantri", PASSWORD), "network_admin").user,
    }


def work_id(title_start: str) -> int:
    """The id of the work whose title starts so."""
    from stinet.catalog.models import Work

    return Work.objects.get(title__startswith=title_start).pk


def refetch(user: Any) -> Any:
    """A fresh copy of a user (no cached roles), as the next request would see it."""
    from django.contrib.auth import get_user_model

    return user if not user.is_authenticated else get_user_model().objects.get(pk=user.pk)
