"""Accounts fixtures: a fast password hasher and a small network with users of every role."""

from __future__ import annotations

from typing import Any

import pytest

PASSWORD = "a-long-pass-phrase-42"


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Hashing with the production hasher costs seconds per test; the logic under test is the same."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(org: Any) -> dict[str, Any]:
    """Members HPU and LIB with a source and an import run each; one user per role, plus one without roles."""
    from stinet.accounts.services import create_user, grant
    from stinet.catalog.models import ImportRun
    from stinet.catalog.services import add_organisation
    from stinet.sources.models import Source

    lib = add_organisation("LIB", "Thư viện Khoa học tổng hợp", member=True)
    found: dict[str, Any] = {"hpu": org, "lib": lib}
    for code, member in (("hpu", org), ("lib", lib)):
        found[f"{code}_source"] = Source.objects.create(organisation=member, label=f"{member.code} DSpace",
                                                        base_url=f"https://{code}.example/oai")
        found[f"{code}_run"] = ImportRun.objects.create(organisation=member, source_name=f"{code}.csv",
                                                        format="csv", status="done")
    for username, role, scope in (("hub", "network_admin", None), ("editor", "member_editor", "HPU"),
                                  ("libeditor", "member_editor", "LIB"), ("manager", "task_manager", None),
                                  ("council", "council_member", None), ("pi", "investigator", None),
                                  ("scientist", "scientist", None)):
        found[username] = grant(create_user(username, PASSWORD, email=f"{username}@example.org"), role, scope).user
    found["nobody"] = create_user("nobody", PASSWORD, email="nobody@example.org")
    return found
