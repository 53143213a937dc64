"""/api/tasks: filters, step and status, confidential fields by role, actions refused with their reasons."""

from __future__ import annotations

import pytest

from stinet.tasks.lifecycle import TRANSITIONS
from tests.tasks.conftest import PASSWORD, action_data, drive, upload
from tests.tasks.test_services import FROM, USERS, _allowed_users


@pytest.fixture
def tasks(people):
    """A proposal, a published task, one in progress and a selection with scores."""
    return {
        "proposed": drive(people, "proposed", title="Đề xuất chưa duyệt"),
        "published": drive(people, "published"),
        "in_progress": drive(people, "in_progress", title="Ứng dụng IoT giám sát chất lượng nước"),
        "awarded": drive(people, "awarded", title="Du lịch sinh thái biển đảo"),
    }


def _codes(client, **params):
    """Codes of the tasks the list answers."""
    body = client.get("/api/tasks", params).json()
    assert body["total"] == len(body["results"])
    return [t["code"] for t in body["results"]]


def test_list_filters_and_each_task_step_and_status(client, tasks):
    everything = client.get("/api/tasks").json()["results"]
    assert {(t["code"], t["step"], t["status"]) for t in everything} == {
        (tasks[s].code, tasks[s].step, s) for s in ("published", "in_progress", "awarded")}
    assert _codes(client, status="published") == [tasks["published"].code]
    assert _codes(client, step=3) == [tasks["in_progress"].code]
    assert _codes(client, step=2, year=2026, level="provincial", field="1", host="HPU") == [tasks["awarded"].code]
    assert _codes(client, year=2019) == []
    assert _codes(client, q="chat luong nuoc") == [tasks["in_progress"].code]
    assert _codes(client, group="completed") == [tasks["published"].code]


def test_a_page_past_the_last_is_empty_and_a_page_out_of_bounds_refused(client, tasks):
    """A client pages until a page comes back empty: page 99 repeated page 1, so it never stopped."""
    last = client.get("/api/tasks", {"page_size": 2, "page": 2}).json()
    assert (last["total"], last["page"], len(last["results"])) == (3, 2, 1)
    past = client.get("/api/tasks", {"page_size": 2, "page": 99}).json()
    assert (past["total"], past["page"], past["results"]) == (3, 99, [])
    for wrong in ({"page": 0}, {"page_size": 0}, {"page_size": 101}, {"page_size": -1}):
        refused = client.get("/api/tasks", {**wrong, "lang": "en"})
        assert refused.status_code == 400, wrong
        assert refused.json()["detail"] == "page must be 1 or more and page_size between 1 and 100"


def test_managers_also_see_proposals(people, client, tasks):
    assert tasks["proposed"].code not in _codes(client)
    assert client.get(f"/api/tasks/{tasks['proposed'].pk}").status_code == 404
    client.login(username="t-manager", password=PASSWORD)
    assert tasks["proposed"].code in _codes(client)


def test_detail_shows_confidential_parts_only_to_the_entitled(people, client, settings, tasks):
    url = f"/api/tasks/{tasks['awarded'].pk}"
    public = client.get(url).json()
    # their names, not their user names (half of a login: QA 21)
    assert public["councils"][0]["members"] == ["Nguyễn Văn C1", "Nguyễn Văn C2", "Nguyễn Văn C3"]
    assert public["councils"][0]["reviews"] is None and public["applications"] is None
    assert public["budget_state"] == 900_000_000 and public["actions"] == []
    settings.TASK_BUDGETS_PUBLIC = False
    assert client.get(url).json()["budget_state"] is None
    client.login(username="t-c3", password=PASSWORD)
    council = client.get(url).json()
    assert {"member": "t-c3", "member_name": "Nguyễn Văn C3", "application": council["applications"][0]["id"],
            "score": None, "conflict": True} in council["councils"][0]["reviews"]
    assert council["budget_state"] == 900_000_000
    client.login(username="t-manager", password=PASSWORD)
    assert client.get(url).json()["actions"] == ["sign_contract", "stop", "cancel"]
    published = client.get(f"/api/tasks/{tasks['published'].pk}").json()
    assert published["result_work"] == tasks["published"].result_work_id and published["rating"] == "pass"
    client.logout()  # the work says whose result it is: the task's level and the council's rating
    work = client.get(f"/api/works/{published['result_work']}", {"lang": "en"}).json()
    assert [(t["code"], t["level"], t["rating"], t["url"].endswith(f"/tasks/{tasks['published'].pk}/"))
            for t in work["tasks"]] == [(tasks["published"].code, tasks["published"].level, "pass", True)]
    assert work["tasks"][0]["rating_label"] and work["tasks"][0]["level_label"]


@pytest.mark.parametrize(("action", "user"), [(a, u) for a in TRANSITIONS for u in USERS
                                              if u not in _allowed_users(a) and a != "select"])
def test_every_forbidden_action_is_refused_by_the_api(people, client, action, user):
    state = FROM[action]
    task = drive(people, state)
    client.login(username=getattr(people, user).username, password=PASSWORD)
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in action_data(people, action).items()
            if k != "documents"}
    response = client.post(f"/api/tasks/{task.pk}/actions/{action}?lang=en", data, content_type="application/json")
    task.refresh_from_db()
    assert task.status == state
    if response.status_code == 404:
        assert state == "proposed"  # a proposal the user may not see
        return
    assert response.status_code == 403
    assert response.json()["detail"] == str(TRANSITIONS[action].who)


def test_actions_through_the_api(people, client, tasks):
    task = tasks["in_progress"]
    assert client.post(f"/api/tasks/{task.pk}/actions/stop", {"reason": "x"},
                       content_type="application/json").status_code == 401
    client.login(username="t-manager", password=PASSWORD)
    refused = client.post(f"/api/tasks/{task.pk}/actions/publish?lang=en", {}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["detail"].startswith("cannot publish the result")
    client.login(username="t-pi", password=PASSWORD)
    missing = client.post(f"/api/tasks/{task.pk}/actions/submit_final?lang=en", {"results": "Bộ số liệu"},
                          content_type="application/json")
    assert missing.status_code == 400
    assert missing.json()["detail"] == "cannot submit the final report: it needs the final report (document)"
    attached = client.post(f"/api/tasks/{task.pk}/documents", {"kind": "final_report", "file": upload("bc.pdf")})
    assert attached.status_code == 200 and attached.json()["kind"] == "final_report"
    done = client.post(f"/api/tasks/{task.pk}/actions/submit_final", {"results": "Bộ số liệu"},
                       content_type="application/json")
    assert done.status_code == 200 and (done.json()["status"], done.json()["step"]) == ("evaluating", 4)
    client.login(username="t-pi2", password=PASSWORD)
    assert client.post(f"/api/tasks/{task.pk}/documents", {"kind": "other", "file": upload("x.pdf")}).status_code \
        == 403


@pytest.mark.parametrize(("state", "action", "body", "detail"), [
    ("proposed", "approve", {"user": "x"}, "approve does not take user"),
    ("proposed", "approve", {"action": "x", "task": 1}, "approve does not take action, task"),
    ("proposed", "approve", {"documents": [1, 2]}, "documents: attach the files first"),
    ("proposed", "approve", {"documents": "abc"}, "documents: attach the files first"),
    ("proposed", "approve", {"documents": {"contract": "abc"}}, "documents: attach the files first"),
    ("listed", "assign", {"host": "HPU", "investigator_name": 5}, "investigator_name: text expected, not 5"),
    ("listed", "assign", {"host": ["HPU"]}, "host: text expected, not ['HPU']"),
    ("proposed", "reject", {"reason": ["a", "b"]}, "reason: text expected, not ['a', 'b']"),
    ("awarded", "sign_contract", {"budget_state": 10**20}, "budget_state: between 0 and 1000000000000000"),
    ("awarded", "sign_contract", {"budget_other": -1}, "budget_other: between 0 and 1000000000000000"),
    ("awarded", "sign_contract", {"budget_state": True}, "budget_state: True is not a whole number"),
    ("awarded", "sign_contract", {"budget_state": [1]}, "budget_state: [1] is not a whole number"),
    ("awarded", "sign_contract", {"contract_date": 20260101}, "contract_date: 20260101 is not a date (YYYY-MM-DD)"),
    ("awarded", "sign_contract", {"contract_number": "x" * 61}, "contract_number: 61 characters, at most 60"),
    ("selecting", "select", {"application": 10**30}, "application: between 1 and 9007199254740992"),
])
def test_ill_typed_action_values_are_refused_in_one_line(people, client, state, action, body, detail):
    task = drive(people, state)
    client.login(username="t-manager", password=PASSWORD)
    response = client.post(f"/api/tasks/{task.pk}/actions/{action}?lang=en", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["detail"].startswith(detail) and "\n" not in response.json()["detail"]
    task.refresh_from_db()
    assert task.status == state and task.closed_reason == ""


@pytest.mark.parametrize(("body", "detail"), [
    ("[]", 'the request body must be a JSON object ({"key": value, ...})'),
    ('["reason"]', 'the request body must be a JSON object ({"key": value, ...})'),
    ('"Trùng"', 'the request body must be a JSON object ({"key": value, ...})'),
    ("3", 'the request body must be a JSON object ({"key": value, ...})'),
    ("null", 'the request body must be a JSON object ({"key": value, ...})'),
    ('{"reason": "Trùng"', "the request body is not JSON (line 1, column 19)"),
    ("reason=Trùng", "the request body is not JSON (line 1, column 1)"),
])
def test_an_action_body_that_is_not_a_json_object_is_refused_in_one_line(people, client, body, detail):
    task = drive(people, "proposed")
    client.login(username="t-manager", password=PASSWORD)
    response = client.post(f"/api/tasks/{task.pk}/actions/reject?lang=en", body, content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"] == detail
    said = client.post(f"/api/tasks/{task.pk}/actions/reject", body, content_type="application/json").json()
    assert said["detail"].startswith("phần thân (body) của yêu cầu")
    task.refresh_from_db()
    assert task.status == "proposed" and task.closed_reason == ""


def test_an_action_that_takes_no_values_needs_no_body(people, client):
    task = drive(people, "proposed")
    client.login(username="t-manager", password=PASSWORD)
    response = client.post(f"/api/tasks/{task.pk}/actions/approve", content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "listed"


def test_a_document_without_its_kind_or_file_is_refused_in_the_interface_language(people, client):
    task = drive(people, "proposed")
    client.login(username="t-manager", password=PASSWORD)
    url = f"/api/tasks/{task.pk}/documents"
    for lang, kind, file in (("en", "kind: required", "file: required"),
                             ("vi", "kind: bắt buộc phải có", "file: bắt buộc phải có")):
        response = client.post(f"{url}?lang={lang}", {"file": upload()})
        assert response.status_code == 400 and response.json()["detail"] == kind
        response = client.post(f"{url}?lang={lang}", {"kind": "other"})
        assert response.status_code == 400 and response.json()["detail"] == file
    assert not task.documents.exists()


def test_the_api_gets_the_contract_checks_of_the_form(people, client):
    task = drive(people, "awarded")
    client.login(username="t-manager", password=PASSWORD)
    assert client.post(f"/api/tasks/{task.pk}/documents", {"kind": "contract", "file": upload("hd.pdf")}) \
        .status_code == 200
    body = {"contract_number": "Y", "contract_date": "2026-11-01", "budget_state": 1, "planned_start": "2026-11-01",
            "planned_end": "2028-11-01", "report_every_months": 0}
    response = client.post(f"/api/tasks/{task.pk}/actions/sign_contract?lang=en", body,
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "cannot sign the contract: it needs a progress report every 1 to 24 months"
    body.update(planned_start="1900-01-01", planned_end="2100-01-01", report_every_months=1)
    response = client.post(f"/api/tasks/{task.pk}/actions/sign_contract?lang=en", body,
                           content_type="application/json")
    assert response.json()["detail"] == ("cannot sign the contract: it needs a start date not before the contract "
                                         "date, an end date at most 10 years after the start date")
    task.refresh_from_db()
    assert task.status == "awarded" and not task.progress_reports.exists()


def test_the_endpoints_are_described_in_openapi(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/tasks", "/api/tasks/{task_id}", "/api/tasks/{task_id}/actions/{action}",
                 "/api/tasks/{task_id}/documents"):
        assert path in spec["paths"], path
    listing = spec["paths"]["/api/tasks"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"status", "step", "year", "level", "field", "host", "q"}
    assert "step" in spec["components"]["schemas"]["TaskOut"]["properties"]


def test_a_body_django_cannot_read_is_refused_in_json_in_the_interface_language(people, client, tasks):
    """A malformed multipart body got Django's English HTML "Bad Request (400)" page."""
    client.login(username="t-pi", password=PASSWORD)
    response = client.generic("POST", f"/api/tasks/{tasks['in_progress'].pk}/documents",
                              b"--x\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nother\r\n--x",
                              content_type="multipart/form-data")  # no boundary given: unreadable
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("không đọc được phần thân của yêu cầu")
