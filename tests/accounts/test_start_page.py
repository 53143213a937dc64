"""The back office's start page shows each user the links their roles open, and no others; the sources
page tells a user who edits no organisation so, without a form to add a source."""

from __future__ import annotations

import re

import pytest

from stinet.sources.models import Source

pytestmark = pytest.mark.django_db

ADMIN = {"/manage/duplicates/", "/directory/requests/", "/manage/users/", "/manage/invitations/",
         "/manage/audit/"}
EVERYONE = {"/accounts/password/"}


def _links(client, user) -> set[str]:
    """The back-office links of the start page's list (the organisations' pages aside)."""
    client.force_login(user)
    page = client.get("/manage/").content.decode()
    links = page[page.index('<ul class="links">'):]
    return set(re.findall(r'href="([^"]+)"', links[:links.index("</ul>")]))


@pytest.mark.parametrize(("username", "expected"), [
    ("hub", {"/sources/", "/tasks/manage/", "/news/manage/"} | ADMIN),
    ("editor", {"/sources/"}),
    ("manager", {"/tasks/manage/", "/news/manage/"}),
    ("council", {"/tasks/mine/"}),
    ("pi", {"/tasks/mine/", "/experts/me/"}),
    ("scientist", {"/tasks/mine/", "/experts/me/"}),
    ("nobody", set()),
])
def test_each_role_sees_what_it_may_do(client, people, username, expected):
    assert _links(client, people[username]) == expected | EVERYONE


def test_an_editor_reaches_their_organisations_entry_and_others_see_no_organisations(client, people):
    client.force_login(people["editor"])
    page = client.get("/manage/").content.decode()
    assert 'href="/directory/orgs/HPU/edit/"' in page and "/directory/orgs/LIB/" not in page
    client.force_login(people["council"])
    page = client.get("/manage/").content.decode()
    assert "Tổ chức bạn quản lý" not in page and "/directory/orgs/" not in page


def test_the_administrator_sees_the_pending_requests_to_join(client, people, django_assert_max_num_queries):
    from stinet.directory.models import JoinRequest

    JoinRequest.objects.create(name_vi="Viện Mới", contact_name="An", contact_email="an@example.org")
    client.force_login(people["hub"])
    with django_assert_max_num_queries(9):
        page = client.get("/manage/").content.decode()
    assert re.search(r'href="/directory/requests/">[^<]+</a> \(1\)', page)


def test_a_user_who_edits_no_organisation_gets_no_source_form(client, people):
    client.force_login(people["council"])
    page = client.get("/sources/")
    text = page.content.decode()
    assert page.status_code == 200 and 'name="base_url"' not in text and "HPU DSpace" not in text
    assert "Bạn không biên tập tổ chức nào nên không có nguồn thu thập nào để quản lý." in text
    refused = client.post("/sources/", {"organisation": "HPU", "base_url": "https://x.example/oai",
                                        "metadata_prefix": "oai_dc", "interval": 30})
    assert refused.status_code == 403 and not Source.objects.filter(base_url="https://x.example/oai").exists()
    client.force_login(people["editor"])
    assert 'name="base_url"' in client.get("/sources/").content.decode()
