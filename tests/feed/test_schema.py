"""Every record of every part matches its documented JSON Schema; confidential task fields never appear."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from django.utils import timezone

from stinet.directory.models import InfoService, OrganisationProfile
from stinet.feed import shapes
from stinet.feed.models import Tombstone
from stinet.people.models import ExpertWork
from tests.feed.conftest import drive, make_expert, make_task

PARTS = ("organisations", "personnel", "tasks")
CONFIDENTIAL = {"acceptance_score", "councils", "reviews", "applications", "progress_reports", "documents",
                "closed_reason", "adjustments", "scores", "minutes"}


def validator(part: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(shapes.schema_path(part).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("part", PARTS)
def test_schema_files_are_up_to_date(part):
    assert shapes.schema_path(part).read_text(encoding="utf-8") == shapes.schema_text(part), \
        "run: python -m stinet.feed.shapes"


@pytest.mark.parametrize("part", PARTS)
def test_every_field_has_a_title_and_a_vietnamese_name(part):
    for name, definition in shapes.json_schema(part)["$defs"].items():
        for field, spec in definition["properties"].items():
            assert spec.get("title") and spec.get("x-vi"), (name, field)


@pytest.fixture
def full_network(people, org):
    """Records with every optional part filled, and some empty ones, in all three parts."""
    OrganisationProfile.objects.create(
        organisation=org, short_name="ĐHHP", address="171 Phan Đăng Lưu, Hải Phòng", phone="0225 3876 338",
        email="dhhp@example.vn", description="Đào tạo và nghiên cứu", fields=["1", "5"], contact_name="Vũ Thị Hà",
        contact_email="ha@example.vn", certificate_number="01/DNKHCN", certificate_date=dt.date(2020, 5, 4),
        certificate_issuer="Sở KH&CN Hải Phòng")
    InfoService.objects.create(organisation=org, kind="lookup", name="Tra cứu tài liệu", free=False, fee="10.000 đ")
    from stinet.catalog.services import add_organisation

    add_organisation("TVHP", "Thư viện Khoa học tổng hợp Hải Phòng", kind="library")
    expert = make_expert(org, name="PGS.TS. Nguyễn Văn An", fields=["1"], orcid="0000-0002-1825-0097",
                         email="an@example.vn", other_names=["Nguyen Van An"])
    expert.user = people.pi
    expert.save()
    make_expert(None, name="Trần Bình")
    published = drive(people, "published")
    make_task(None, investigator_name="", status="listed", step=1)
    Tombstone.objects.create(part="tasks", key="ĐT-2020-001", object_pk=99, deleted_at=timezone.now())
    ExpertWork.objects.create(expert=expert, work=published.result_work, status="confirmed")
    return published


@pytest.mark.parametrize("part", PARTS)
def test_records_match_the_schema(api, full_network, part):
    check = validator(part)
    records = api(part, limit=1000).json()["records"]
    assert records
    for record in records:
        errors = [e.message for e in check.iter_errors(record)]
        assert not errors, (record["id"], errors)
    live = [r for r in records if not r["deleted"]]
    fields = set(shapes.RECORDS[part].model_fields)
    assert all(set(r) == fields for r in live)


def test_task_record_carries_the_national_record_but_no_confidential_parts(api, full_network):
    task = full_network
    record = next(r for r in api("tasks").json()["records"] if r["id"] == f"task:{task.code}")
    assert not CONFIDENTIAL & set(record)
    assert record["budget"] == {"state": 850_000_000, "other": 100_000_000, "total": 950_000_000, "currency": "VND"}
    assert record["registration"]["number"] == "2026-30218-ĐKKQ" and record["rating"] in ("excellent", "pass")
    assert record["host"] == {"id": "org:HPU", "code": "HPU", "name": "Trường Đại học Hải Phòng"}
    assert record["result_work"]["id"] == task.result_work_id and record["status"] == "published"
    expert = next(r for r in api("personnel").json()["records"] if r["full_name"] == "Nguyễn Văn An")
    assert record["investigator"]["expert"] == expert["id"]
    assert expert["academic_title"] == "PGS" and expert["degree"] == "TS"
    assert expert["publications"] == [{"id": task.result_work_id, "title": task.title, "year": task.result_work.year,
                                       "type": "report"}]
    org = next(r for r in api("organisations").json()["records"] if r["code"] == "HPU")
    assert org["st_enterprise_certificate"]["date"] == "2020-05-04" and org["services"][0]["fee"] == "10.000 đ"
    assert [f["code"] for f in org["fields"]] == ["1", "5"] and all(f["name"] for f in org["fields"])
