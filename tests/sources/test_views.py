"""The hub's health page and run reports: fetched text shown escaped."""

from __future__ import annotations

import pytest

from stinet.catalog.models import ImportRun
from stinet.sources.models import Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, org):
    from stinet.accounts.services import create_user, grant

    grant(create_user("hub", "a-long-pass-phrase-42"), "network_admin")
    client.login(username="hub", password="a-long-pass-phrase-42")
    return client


def test_health_lists_sources_with_errors_escaped(admin_client, org):
    client = admin_client
    run = ImportRun.objects.create(organisation=org, source_name="DSpace", format="oai_dc", status="failed",
                                   counts={"new": 3, "deleted": 1}, error="boom",
                                   report={"pages": 2, "seconds": 1.5, "stopped_token": "T<1>",
                                           "rejections": [{"line": 1, "identifier": "oai:x:<b>", "reason": "no title"}],
                                           "notes": ["<script>alert(1)</script>"]})
    Source.objects.create(organisation=org, label="DSpace <b>", base_url="http://example.org/oai", last_run=run,
                          last_error="<img src=x onerror=alert(1)>")
    page = client.get("/sources/")
    text = page.content.decode()
    assert page.status_code == 200 and "DSpace &lt;b&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and "<img src=x" not in text
    report = client.get(f"/sources/runs/{run.pk}/").content.decode()
    assert "oai:x:&lt;b&gt;" in report and "&lt;script&gt;" in report and "<script>alert" not in report
    assert "T&lt;1&gt;" in report
    assert client.get("/sources/runs/999999/").status_code == 404


def test_health_in_vietnamese_and_english(admin_client, org):
    assert "Nguồn thu thập" in admin_client.get("/sources/").content.decode()
    assert "Harvest sources" in admin_client.get("/sources/?lang=en").content.decode()
