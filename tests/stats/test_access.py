"""Public and staff parts: budgets and harvest health hidden from the public, everywhere."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.utils import timezone

STAFF_KEYS = ("task_alerts", "harvest_summary", "harvest_health")


def keys(data):
    """Table keys of an /api/stats answer."""
    return {t["key"] for s in data["sections"] for t in s["tables"]}


def test_the_public_sees_no_management_part(network, client):
    data = client.get("/api/stats").json()
    assert data["staff"] is False and not set(STAFF_KEYS) & keys(data)
    assert "tasks_budget_by_year" in keys(data)  # budgets are public by default (STINET_TASK_BUDGETS_PUBLIC=1)
    html = client.get("/stats/").content.decode()
    assert 'id="harvest_health"' not in html and "DSpace HPU" not in html and "HTTP 500" not in html
    assert "/stats/forms/" not in html


@pytest.mark.parametrize("who", [None, "editor"])
@pytest.mark.parametrize("key", STAFF_KEYS)
def test_staff_tables_are_refused_to_others(network, client, editor, who, key):
    if who:
        client.force_login(editor)
    assert client.get(f"/api/stats/{key}").status_code == 403
    assert client.get(f"/stats/export/{key}.xlsx").status_code == 403
    assert client.get(f"/stats/export/{key}.pdf").status_code == 403


def test_reporting_forms_are_for_staff_only(network, client, editor, manager):
    assert client.get("/stats/forms/04-KHCN-NV.xlsx").status_code == 403
    client.force_login(editor)
    assert client.get("/stats/forms/01-KHCN-TC.xlsx").status_code == 403
    client.force_login(manager)
    answer = client.get("/stats/forms/04-KHCN-NV.xlsx", {"to": 2024})
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/vnd.openxmlformats")
    unknown = client.get("/stats/forms/99-X.xlsx")
    assert unknown.status_code == 400 and unknown.content.decode() == (
        "không có biểu mẫu báo cáo '99-X'; các biểu mẫu: 01/KHCN-TC, 02/KHCN-NL, 04/KHCN-NV")
    english = client.get("/stats/forms/99-X.xlsx", {"lang": "en"})
    assert english.status_code == 400 and english.content.decode() == (
        "no reporting form '99-X'; known: 01/KHCN-TC, 02/KHCN-NL, 04/KHCN-NV")
    years = client.get("/stats/forms/04-KHCN-NV.xlsx", {"from": 2023, "to": 2024, "lang": "en"})  # QA 25
    assert years.status_code == 400 and years.content.decode().startswith("a reporting form covers one year")
    assert client.get("/stats/forms/04-KHCN-NV.xlsx", {"from": 2024, "to": 2024}).status_code == 200
    for url, wrong in (("/stats/forms/04-KHCN-NV.xlsx", {"year": 2025}),
                       ("/stats/export/works_by_type.xlsx", {"year": 2015}), ("/stats/", {"fro": 2015})):
        refused = client.get(url, {**wrong, "lang": "en"})  # QA 26: this year's form, every year, without a word
        said = refused.content.decode().replace("&#x27;", "'")
        assert refused.status_code == 400 and f"unknown parameter '{next(iter(wrong))}' (known: from" in said, url
    assert client.get("/stats/", {"from": 2015, "lang": "en", "_": 1}).status_code == 200


def test_the_page_links_the_forms_of_its_period_s_last_year(network, client, manager):  # review 25
    client.force_login(manager)
    for period, year in (({"from": 2020, "to": 2024}, 2024), ({"from": 2023}, timezone.localdate().year), ({}, None)):
        html = client.get("/stats/", period).content.decode()
        links = re.findall(r'href="(/stats/forms/[^"]+)"', html)
        assert len(links) == 3, period
        year = year or timezone.localdate().year
        assert f"Điền tự động từ dữ liệu năm {year}, năm cuối của kỳ" in html
        for link in links:
            assert f"year_from={year}&amp;year_to={year}" in link
            assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_staff_see_the_management_part(network, client, manager):
    client.force_login(manager)
    data = client.get("/api/stats").json()
    assert data["staff"] is True and set(STAFF_KEYS) <= keys(data)
    html = client.get("/stats/").content.decode()
    assert 'id="harvest_health"' in html and "DSpace HPU" in html and "HTTP 500" in html
    assert "/stats/forms/04-KHCN-NV.xlsx" in html
    assert client.get("/api/stats/harvest_health").status_code == 200


def test_budgets_hidden_when_not_public(network, client, manager, settings):
    settings.TASK_BUDGETS_PUBLIC = False
    assert "tasks_budget_by_year" not in keys(client.get("/api/stats").json())
    assert client.get("/api/stats/tasks_budget_by_year").status_code == 403
    assert client.get("/stats/export/tasks_budget_by_year.xlsx").status_code == 403
    html = client.get("/stats/").content.decode()
    assert 'id="tasks_budget_by_year"' not in html and "550.000.000" not in html
    everything = client.get("/stats/export/all.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(everything.content))
    values = {c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row}
    assert "Nhiệm vụ theo cấp quản lý" in book.sheetnames and 550_000_000 not in values
    assert not any("Kinh phí" in name for name in book.sheetnames)
    client.force_login(manager)
    assert "tasks_budget_by_year" in keys(client.get("/api/stats").json())
    assert "550.000.000" in client.get("/stats/").content.decode()


def test_bad_filters_answer_400_with_one_line(network, client):
    page = client.get("/stats/", {"from": "2020", "to": "2010"})
    assert page.status_code == 400 and "năm đầu của kỳ (2020) sau năm cuối (2010)" in page.content.decode()
    assert 'name="from" min="1900" max="2100" value="2020"' in page.content.decode()  # as typed, to mend (QA 26)
    assert 'name="to" min="1900" max="2100" value="2010"' in page.content.decode()
    assert client.get("/api/stats", {"org": "XYZ"}).status_code == 400
    unknown = client.get("/api/stats/nope")
    assert unknown.status_code == 404 and unknown.json()["detail"].startswith(
        "không có thống kê nope; các thống kê: works_by_type, ")
    english = client.get("/api/stats/nope", {"lang": "en"})
    assert english.status_code == 404 and english.json()["detail"].startswith("no statistic nope; known: works_by_type")
    assert client.get("/stats/export/works_by_type.xlsx", {"org": "XYZ"}).status_code == 400
    assert client.get("/stats/export/works_by_type.doc").status_code == 400


def test_openapi_describes_the_statistics(client, db):
    spec = client.get("/api/openapi.json").json()
    described = spec["paths"]["/api/stats"]["get"]
    assert described["summary"] == "Statistics of the network"
    assert "works_by_type" in described["description"] and "harvest_health" in described["description"]
    assert "/api/stats/{key}" in spec["paths"]


def test_the_english_page_names_the_members_in_english(network, client):
    page = client.get("/stats/", {"lang": "en"}).content.decode()
    assert "HPU — Hai Phong University</option>" in page
    assert "HPU — Trường Đại học Hải Phòng</option>" in client.get("/stats/", {"lang": "vi"}).content.decode()
