"""A network with known counts: the shared catalogue (6 works), 4 tasks, 3 experts, 2 harvest sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest


@pytest.fixture
def network(catalogue: dict[str, Any]) -> dict[str, Any]:
    """Tasks, experts and sources on top of the shared catalogue fixture (HPU: 5 works, TVHP: 1).

    Catalogue: report 2016, thesis 2018, article 2019, dissertation 2021, article 2012 (en) at HPU;
    book 2010 (members only) at TVHP. Tasks (public unless said): T1 provincial 2023, field 101, HPU,
    in progress, 500 + 50 million VND; T2 national 2024, field 3, TVHP, published, 800 million;
    T3 provincial 2024 proposal (not public); T4 grassroots 2019, no field, no host, listed.
    Experts: E1 TS PGS fields 1 and 201 at HPU; E2 ThS no field at TVHP; E3 TS hidden profile.
    Sources: HPU harvested (5 new), TVHP failing.
    """
    from django.utils import timezone

    from stinet.catalog.models import ImportRun
    from stinet.people.models import Expert
    from stinet.sources.models import Source
    from stinet.tasks.models import Task

    hpu, tvhp = catalogue["HPU"], catalogue["TVHP"]
    now = timezone.now()
    tasks = {
        "T1": Task.objects.create(code="ĐT-2023-001", title="Nghiên cứu đa dạng sinh học", year=2023,
                                  level="provincial",
                                  field_code="101", host=hpu, status="in_progress", step=3, listed_at=now,
                                  budget_state=500_000_000, budget_other=50_000_000,
                                  planned_start=dt.date(2023, 3, 1), actual_start=dt.date(2023, 3, 1),
                                  planned_end=dt.date(2024, 12, 31)),
        "T2": Task.objects.create(code="ĐT-2024-002", title="Ứng dụng y học", year=2024, level="national",
                                  field_code="3", host=tvhp, status="published", step=5, listed_at=now,
                                  budget_state=800_000_000, planned_start=dt.date(2024, 1, 1),
                                  actual_start=dt.date(2024, 1, 1), planned_end=dt.date(2024, 12, 31),
                                  actual_end=dt.date(2024, 11, 30)),
        "T3": Task.objects.create(code="ĐT-2024-003", title="Một đề xuất", year=2024, level="provincial",
                                  status="proposed", step=1, budget_state=100_000_000),
        "T4": Task.objects.create(code="ĐT-2019-004", title="Nhiệm vụ cơ sở", year=2019, level="grassroots",
                                  status="listed", step=1, listed_at=now),
    }

    def expert(name: str, **fields: Any) -> Expert:
        """An expert profile."""
        return Expert.objects.create(full_name=name, name_key=name.lower(), sort_name=name.lower(), **fields)

    experts = {
        "E1": expert("Nguyễn Văn An", degree="TS", academic_title="PGS", fields=["1", "201"], organisation=hpu),
        "E2": expert("Trần Thị Bình", degree="ThS", fields=[], organisation=tvhp),
        "E3": expert("Lê Văn Cường", degree="TS", fields=["5"], organisation=hpu, public=False),
    }
    run = ImportRun.objects.create(organisation=hpu, source_name="oai", format="oai_dc", status="done",
                                   counts={"new": 5, "updated": 0, "rejected": 0})
    sources = {
        "HPU": Source.objects.create(organisation=hpu, label="DSpace HPU", base_url="https://dspace.hpu.example/oai",
                                     last_run=run),
        "TVHP": Source.objects.create(organisation=tvhp, label="Thư viện TVHP", base_url="https://lib.example/oai",
                                      last_run=run, last_error="HTTP 500"),
    }
    return {"orgs": catalogue, "tasks": tasks, "experts": experts, "sources": sources}


@pytest.fixture
def manager(db: Any) -> Any:
    """A task manager."""
    from stinet.accounts.services import create_user, grant

    user = create_user("quanly", "mat-khau-dai-2026")
    grant(user, "task_manager", None)
    return user


@pytest.fixture
def editor(catalogue: dict[str, Any]) -> Any:
    """A member editor (not staff of the statistics)."""
    from stinet.accounts.services import create_user, grant

    user = create_user("bientap", "mat-khau-dai-2026")
    grant(user, "member_editor", "HPU")
    return user
