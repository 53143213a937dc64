"""Fixtures of the task tests: users with their roles, uploads, and tasks driven to any state through the services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

PASSWORD = "stinet-demo-2026"
ROLES = {
    "manager": ["task_manager"], "admin": ["network_admin"], "pi": ["investigator", "scientist"],
    "pi2": ["investigator"], "scientist": ["scientist"], "editor": [("member_editor", "HPU")], "nobody": [],
    "c1": ["council_member"], "c2": ["council_member"], "c3": ["council_member"], "c4": ["council_member"],
}


@pytest.fixture(autouse=True)
def _media_and_language(settings: Any, tmp_path: Path) -> Any:
    """Uploads in the test's own folder, a fast password hasher; refusals compared in English."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


STARTS = {".docx": b"PK\x03\x04", ".xlsx": b"PK\x03\x04", ".doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
          ".txt": b"", ".pdf": b"%PDF-1.4"}


def upload(name: str = "report.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    """A small uploaded file (by default, beginning as a document of its extension does)."""
    if content is None:
        content = STARTS.get(name[name.rfind("."):].lower(), b"") + b" a small test document"
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def people(db: Any, org: Any) -> SimpleNamespace:
    """One user per part in the life cycle (names as in ROLES), each with their roles."""
    from stinet.accounts.services import create_user, grant

    made = {}
    for name, roles in ROLES.items():
        user = create_user(f"t-{name}", PASSWORD, full_name=f"Nguyễn Văn {name.capitalize()}")
        for role in roles:
            grant(user, *(role if isinstance(role, tuple) else (role,)))
        made[name] = user
    made["org"] = org
    return SimpleNamespace(**made)


# The path of a task from proposal to each state: (action, who, data) steps; "*" steps are helpers.
PATHS: dict[str, list[str]] = {
    "proposed": [],
    "rejected": ["reject"],
    "listed": ["approve"],
    "selecting": ["approve", "open_selection"],
    "awarded": ["approve", "open_selection", "*apply_and_score", "select"],
    "in_progress": ["approve", "open_selection", "*apply_and_score", "select", "sign_contract"],
    "evaluating": ["approve", "assign", "sign_contract", "submit_final"],
    "accepted": ["approve", "assign", "sign_contract", "submit_final", "*acceptance_pass", "accept"],
    "failed": ["approve", "assign", "sign_contract", "submit_final", "*acceptance_fail", "accept"],
    "registered": ["approve", "assign", "sign_contract", "submit_final", "*acceptance_pass", "accept", "register"],
    "published": ["approve", "assign", "sign_contract", "submit_final", "*acceptance_pass", "accept", "register",
                  "publish"],
    "stopped": ["approve", "assign", "sign_contract", "stop"],
    "cancelled": ["approve", "cancel"],
}


def action_data(people: SimpleNamespace, action: str) -> dict[str, Any]:
    """Everything an action needs, as the forms give it."""
    start = timezone.localdate() - dt.timedelta(days=400)
    return {
        "reject": {"reason": "Trùng với nhiệm vụ đã thực hiện"},
        "assign": {"host": "HPU", "investigator": people.pi.username},
        "sign_contract": {"contract_number": "15/2026/HĐ-KHCN", "contract_date": start, "budget_state": 850_000_000,
                          "budget_other": 100_000_000, "planned_start": start,
                          "planned_end": start + dt.timedelta(days=730), "documents": {"contract": upload("hd.pdf")}},
        "submit_final": {"results": "Bộ dữ liệu đa dạng sinh học và bản đồ phân bố san hô.",
                         "documents": {"final_report": upload("bao-cao-tong-hop.pdf")}},
        "accept": {"documents": {"acceptance_minutes": upload("bien-ban.pdf")}},
        "register": {"registration_number": "2026-30218-ĐKKQ", "registration_date": timezone.localdate()},
        "stop": {"reason": "Chủ nhiệm đi công tác dài hạn"},
        "cancel": {"reason": "Không còn phù hợp"},
        "reopen": {"reason": "Đã khắc phục"},
    }.get(action, {})


def _helper(task: Any, people: SimpleNamespace, step: str) -> None:
    """Applications with scores, or acceptance scores that pass or fail."""
    from stinet.tasks import councils

    if step == "*apply_and_score":
        councils.form_council(task, people.manager, "selection", [people.c1, people.c2, people.c3])
        first = councils.apply(task, people.pi, host="HPU", summary="Khảo sát rạn san hô", budget_requested=900_000_000)
        second = councils.apply(task, people.pi2, host="HPU", summary="Phương án khác", budget_requested=700_000_000)
        for member, a, b in ((people.c1, 80, 60), (people.c2, 70, 65), (people.c3, None, 90)):
            councils.score(task, member, "selection", application=first, value=a, conflict=a is None)
            councils.score(task, member, "selection", application=second, value=b)
        return
    councils.form_council(task, people.manager, "acceptance", [people.c1, people.c2, people.c3, people.c4])
    scores = (92, 80, 75, 70) if step == "*acceptance_pass" else (40, 45, 60, 30)
    for member, value in zip((people.c1, people.c2, people.c3, people.c4), scores, strict=True):
        councils.score(task, member, "acceptance", value=value)


def drive(people: SimpleNamespace, state: str, title: str = "Nghiên cứu đa dạng sinh học rạn san hô Cát Bà") -> Any:
    """A new task brought to `state` through the services, as the users would."""
    from stinet.tasks import services

    task = services.propose(people.pi, title=title, objectives="Đánh giá hiện trạng rạn san hô", year=2026,
                            field_code="1", keywords=["san hô", "đa dạng sinh học"])
    for step in PATHS[state]:
        if step.startswith("*"):
            _helper(task, people, step)
            continue
        who = people.pi if step == "submit_final" else people.manager
        task = services.transition(task, step, who, **action_data(people, step))
    return task
