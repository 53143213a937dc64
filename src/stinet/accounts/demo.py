"""Demo users of every role, loaded by `stinet demo` first after the catalogue (all share one password)."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from stinet.accounts.models import role_label
from stinet.accounts.services import create_user, grant
from stinet.catalog.models import Organisation
from stinet.demo.generator import ORGANISATIONS

PASSWORD = "stinet-demo-2026"


def demo_users() -> list[tuple[str, str, list[tuple[str, str | None]]]]:
    """(user name, full name, [(role, organisation code)]) of the demo users."""
    first, second = [o["code"] for o in ORGANISATIONS if o["member"]][:2]
    users = [
        ("quantri", "Trần Quản Trị", [("network_admin", None)]),
        ("bientap", "Nguyễn Thị Biên", [("member_editor", first)]),
        ("bientap2", "Lê Văn Tập", [("member_editor", second)]),
        ("quanly", "Phạm Minh Quản", [("task_manager", None)]),
    ]
    councils = ["Đỗ Văn Hội", "Vũ Thị Đồng", "Hoàng Văn Thẩm", "Bùi Thị Định", "Đặng Quốc Nghiệm"]
    users += [(f"hoidong{i}", name, [("council_member", None)]) for i, name in enumerate(councils, 1)]
    investigators = ["Ngô Đức Chủ", "Phan Thị Nhiệm", "Trịnh Văn Đề"]
    users += [(f"chunhiem{i}", name, [("investigator", None), ("scientist", None)])
              for i, name in enumerate(investigators, 1)]
    users.append(("nhakhoahoc", "Lý Thị Khoa", [("scientist", None)]))
    return users


def load() -> Iterator[str]:
    """Create the demo users that do not exist yet; yields one line per user with role and password."""
    existing = set(get_user_model().objects.values_list("username", flat=True))
    for username, full_name, roles in demo_users():
        labels = ", ".join(role_label(role) + (f" {org}" if org else "") for role, org in roles)
        if username in existing:
            yield _("demo user %(user)s exists already (%(roles)s)") % {"user": username, "roles": labels}
            continue
        if any(org and not Organisation.objects.filter(code=org).exists() for _role, org in roles):
            yield _("demo user %(user)s skipped: organisation missing") % {"user": username}
            continue
        user = create_user(username, PASSWORD, email=f"{username}@stinet.local", full_name=full_name, actor="demo")
        for role, org in roles:
            grant(user, role, org, actor="demo")
        yield _("demo user %(user)s / password %(password)s: %(roles)s") % {
            "user": username, "password": PASSWORD, "roles": labels}
