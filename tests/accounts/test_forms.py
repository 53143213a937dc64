"""The back office's account forms for screen readers: errors tied to their fields, the roles a named group."""

import lxml.html
import pytest

from stinet.accounts.invitations import invite
from tests.accounts.conftest import PASSWORD
from tests.forms import button_names, empty_header_cells, form_problems

pytestmark = pytest.mark.django_db


def test_the_roles_of_an_invitation_are_a_named_group_with_its_error(client, people):
    client.force_login(people["hub"])
    page = client.get("/manage/invitations/").content.decode()
    assert form_problems(page) == []
    assert empty_header_cells(page) == []  # the revoke buttons' column is named
    refused = client.post("/manage/invitations/", {"email": "x@lib.example", "days": "7"}).content.decode()
    assert form_problems(refused) == []
    doc = lxml.html.fromstring(refused)
    group = doc.xpath("//fieldset[.//input[@name='roles']]")[0]
    assert group.xpath("string(legend)") == "Vai trò * (bắt buộc)"  # a group has no required attribute: said
    assert doc.get_element_by_id(group.get("aria-describedby")).text_content() == "Trường này là bắt buộc."


@pytest.mark.parametrize(("path", "data"), [
    ("/manage/users/{scientist}/", {"role": "member_editor"}),
    ("/accounts/password/", {"old_password": "wrong", "new_password1": "a", "new_password2": "b"}),
])
def test_back_office_forms(client, people, path, data):
    client.force_login(people["hub"])
    page = client.post(path.format(scientist=people["scientist"].pk), data).content.decode()
    assert 'aria-invalid="true"' in page and form_problems(page) == []


def test_the_invitation_form(client, people):
    _invitation, link = invite("new@example.org", [("scientist", None)])
    page = client.post(link.split("127.0.0.1:8000")[1], {"username": "", "password1": PASSWORD}).content.decode()
    assert 'aria-invalid="true"' in page and form_problems(page) == []


def test_each_revoke_button_says_what_it_revokes(client, people):
    client.force_login(people["hub"])
    for email in ("a@lib.example", "b@lib.example"):
        invite(email, [("scientist", None)])
    names = button_names(client.get("/manage/invitations/").content.decode())
    assert "Thu hồi: a@lib.example" in names and "Thu hồi: b@lib.example" in names
    names = button_names(client.get(f"/manage/users/{people['editor'].pk}/").content.decode())
    assert "Thu hồi: Biên tập viên thành viên — HPU" in names


@pytest.mark.parametrize(("path", "data"), [
    ("/accounts/login/", {"username": "hub", "password": "wrong"}),
    ("/accounts/password/reset/", {"email": "not-an-address"}),
])
def test_a_refusal_without_a_field_is_announced(client, people, path, data):
    page = client.post(path, data).content.decode()
    assert form_problems(page) == []
    if "login" in path:
        assert '<div role="alert" id="login-error"><ul class="errorlist nonfield">' in page
        doc = lxml.html.fromstring(page)  # which of the two was wrong is not told: both are marked
        for name in ("username", "password"):
            field = doc.xpath(f"//input[@name='{name}']")[0]
            assert field.get("aria-invalid") == "true" and field.get("aria-describedby") == "login-error"


def test_the_password_reset_form_marks_a_bad_address_as_every_form_does(client, people):
    """QA 21: the reset page drew its field by hand: a plain error line, no summary, the field not marked."""
    page = client.post("/accounts/password/reset/", {"email": "not-an-address"}).content.decode()
    assert form_problems(page) == []
    doc = lxml.html.fromstring(page)
    assert doc.xpath("//*[contains(@class, 'error-summary')]//a[@href='#id_email']")
    assert doc.xpath("//input[@name='email']")[0].get("aria-invalid") == "true"
    assert doc.xpath("//label[@for='id_email']")[0].text_content().startswith("Địa chỉ thư điện tử")
    assert not doc.xpath("//p//ul")  # no list inside a paragraph


def test_the_logout_address_opened_in_a_browser_asks_first(client, people):
    """QA 21: GET /accounts/logout/ answered an empty 405 (Django logs out on POST only, and so does STINet)."""
    assert client.get("/accounts/logout/").url == "/"  # nobody to log out
    client.force_login(people["hub"])
    page = client.get("/accounts/logout/")
    assert page.status_code == 200 and "Đăng xuất?" in page.content.decode()
    assert client.get("/manage/").status_code == 200  # asking logged nobody out
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/manage/").status_code == 302
