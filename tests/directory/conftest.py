"""Directory fixtures: organisations with profiles and services, users of each role."""

from __future__ import annotations

from typing import Any

import pytest

PASSWORD = "directory-test-2026"


@pytest.fixture(autouse=True)
def _refusals_in_english() -> Any:
    """Refusals of the services compared in English (pages choose their own language per request)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def users(db: Any, org: Any, settings: Any) -> dict[str, Any]:
    """An administrator, an editor of HPU, an editor of another member, a scientist (fast password hashing)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from stinet.accounts.services import create_user, grant
    from stinet.catalog.services import add_organisation

    add_organisation("OTHER", "Viện Nghiên cứu Khác", kind="institute", member=True)
    made = {}
    for name, role, code in (("admin", "network_admin", None), ("editor", "member_editor", "HPU"),
                             ("other", "member_editor", "OTHER"), ("scientist", "scientist", None)):
        made[name] = create_user(name, PASSWORD, email=f"{name}@example.org")
        grant(made[name], role, code)
    return made


@pytest.fixture
def login(client: Any) -> Any:
    """Log the test client in as one of the users (None: stay anonymous)."""

    def as_user(user: Any) -> Any:
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return as_user


@pytest.fixture
def directory(db: Any, org: Any) -> dict[str, Any]:
    """A small directory: members, non-members, an S&T enterprise, profiles and services."""
    import datetime as dt

    from stinet.catalog.models import FieldOfScience
    from stinet.catalog.services import add_organisation, load_fields
    from stinet.directory.services import add_service, update_profile

    if not FieldOfScience.objects.exists():  # a transactional test flushed what the migrations loaded
        load_fields()
    orgs = {"HPU": org}
    for code, name, kind, province, member in (
        ("DN", "Trường Đại học Đà Nẵng", "university", "Đà Nẵng", True),
        ("ANGIANG", "Trường Đại học An Giang", "university", "An Giang", False),
        ("BVHP", "Bệnh viện Hữu nghị Việt Tiệp", "hospital", "Hải Phòng", True),
        ("ECO", "Công ty Cổ phần Ứng dụng Ô-zôn", "enterprise", "Hải Phòng", False),
        ("THU", "Thư viện Tổng hợp", "library", "Hải Phòng", False),
    ):
        orgs[code] = add_organisation(code, name, kind=kind, province=province, member=member)
    org.province = "Hải Phòng"
    org.save()
    update_profile(None, org, {"short_name": "ĐHHP", "fields": ["1", "105"], "contact_name": "Trần Thị Liên",
                               "contact_email": "lien@hpu.example.vn", "publish_contact": False})
    update_profile(None, orgs["ECO"], {"certificate_number": "07/DNKHCN", "certificate_date": dt.date(2020, 5, 4),
                                       "certificate_issuer": "Sở KH&CN Hải Phòng", "fields": ["2"],
                                       "contact_name": "Lê Văn Ơn", "contact_email": "on@eco.example.vn",
                                       "publish_contact": True})
    add_service(None, org, {"kind": "translation", "name": "Dịch tài liệu khoa học", "audience": "Sinh viên"})
    add_service(None, orgs["THU"], {"kind": "document_delivery", "name": "Cung cấp bản sao tài liệu", "free": False,
                                    "fee": "2.000 đồng/trang"})
    add_service(None, orgs["ECO"], {"kind": "consulting", "name": "Tư vấn xử lý nước"})
    return orgs
