"""The directory's forms for screen readers: errors tied to their fields, the fields of science a group."""

import lxml.html
import pytest

from stinet.directory import services
from tests.forms import button_names, form_problems

pytestmark = pytest.mark.django_db


def test_join_errors_are_tied_to_their_fields(client):
    page = client.post("/directory/join/", {"name_vi": "", "contact_email": "khong-phai-email"}).content.decode()
    assert form_problems(page) == []
    doc = lxml.html.fromstring(page)
    email = doc.get_element_by_id("id_contact_email")
    assert email.get("aria-invalid") == "true"
    assert doc.get_element_by_id(email.get("aria-describedby")).text_content() == "Nhập một địa chỉ email hợp lệ."
    assert doc.get_element_by_id("id_name_vi").get("aria-describedby") == "id_name_vi_error"
    assert doc.get_element_by_id("id_name_en").get("aria-invalid") is None
    assert "Các trường có dấu * là bắt buộc." in page  # the mark on the labels is explained
    summary = doc.find_class("error-summary")[0]  # first, and taking the focus: what to mend, each a link to it
    assert summary.get("autofocus") is not None and summary.get("role") == "alert"
    invalid = [f"#{f.get('id')}" for f in doc.xpath("//form//*[@aria-invalid='true']")]
    assert [a.get("href") for a in summary.iter("a")] == invalid and len(invalid) >= 2
    assert summary.xpath("string(p)") == f"{len(invalid)} trường cần sửa:"
    assert "Thư điện tử liên hệ: Nhập một địa chỉ email hợp lệ." in [a.text_content() for a in summary.iter("a")]
    assert page.index('class="error-summary"') < page.index('name="name_vi"')
    assert doc.xpath("//div[@aria-hidden='true']//input[@name='homepage']")  # the trap stays out of reach


def test_the_fields_of_science_are_a_named_group(login, users, org):
    client = login(users["editor"])
    page = client.get("/directory/orgs/HPU/edit/").content.decode()
    assert form_problems(page) == []
    group = lxml.html.fromstring(page).xpath("//fieldset[.//input[@name='fos']]")
    assert group and group[0].xpath("string(legend)").strip() == "Lĩnh vực KH&CN"
    refused = client.post("/directory/orgs/HPU/edit/", {"fos": ["999"], "email": "x@"}).content.decode()
    assert form_problems(refused) == []
    group = lxml.html.fromstring(refused).xpath("//fieldset[.//input[@name='fos']]")[0]
    assert "999" in lxml.html.fromstring(refused).get_element_by_id(group.get("aria-describedby")).text_content()


def test_service_and_request_forms(login, users, org):
    client = login(users["admin"])
    assert form_problems(client.post("/directory/orgs/HPU/services/new/", {"kind": "lookup"}).content.decode()) == []
    pending = services.submit_join_request({"name_vi": "Viện Mới", "contact_name": "An", "contact_email": "an@x.vn"})
    page = client.post(f"/directory/requests/{pending.pk}/", {"reject": "1", "reason": ""}).content.decode()
    assert 'aria-describedby="id_reason_error"' in page and form_problems(page) == []


def test_each_delete_button_names_its_service(login, users, org):
    for name in ("Tra cứu", "Dịch thuật"):
        services.add_service(None, org, {"kind": "lookup", "name": name})
    names = button_names(login(users["editor"]).get("/directory/orgs/HPU/edit/").content.decode())
    assert "Xoá: Tra cứu" in names and "Xoá: Dịch thuật" in names
