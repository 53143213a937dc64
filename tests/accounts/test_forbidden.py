"""Every forbidden action, tried by every role that may not do it: the web views refuse (403, or the login
page for anonymous visitors, or 404 for unpublished news) and nothing changes; the services refuse too."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from stinet.accounts import invitations
from stinet.accounts.models import Invitation, Role
from stinet.accounts.services import create_user, grant, revoke, set_active
from stinet.catalog.models import AuditEntry
from stinet.news.models import NewsItem
from stinet.news.services import Draft, delete_item, save_item
from stinet.sources.models import Source
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEWS_FORM = {"title": "Tin giả", "kind": "news", "summary": "", "body": "x", "place": "", "published": "on"}
SOURCE_FORM = {"label": "changed", "metadata_prefix": "marcxml", "set_spec": "", "interval": 7}

# (method, URL, form data, who may do it: usernames, or a role group)
ACTIONS = [
    ("get", "/sources/{hpu_source}/edit/", None, {"hub", "editor"}),
    ("post", "/sources/{hpu_source}/edit/", SOURCE_FORM, {"hub", "editor"}),
    ("post", "/sources/{hpu_source}/run/", None, {"hub", "editor"}),
    ("get", "/sources/runs/{hpu_run}/", None, {"hub", "editor"}),
    ("get", "/sources/{lib_source}/edit/", None, {"hub", "libeditor"}),
    ("post", "/sources/{lib_source}/edit/", SOURCE_FORM, {"hub", "libeditor"}),
    ("post", "/sources/{lib_source}/run/", None, {"hub", "libeditor"}),
    ("get", "/sources/runs/{lib_run}/", None, {"hub", "libeditor"}),
    ("get", "/manage/duplicates/", None, {"hub"}),
    ("post", "/manage/duplicates/1/settle/", {"decision": "merge"}, {"hub"}),
    ("post", "/manage/duplicates/1/split/", None, {"hub"}),
    ("post", "/manage/duplicates/1/rejoin/", None, {"hub"}),
    ("get", "/manage/users/", None, {"hub"}),
    ("get", "/manage/users/{editor}/", None, {"hub"}),
    ("post", "/manage/users/{editor}/", {"role": "network_admin"}, {"hub"}),
    ("post", "/manage/users/{scientist}/", {"role": "member_editor", "organisation": "LIB"}, {"hub"}),
    ("post", "/manage/users/{libeditor}/roles/{libeditor_role}/revoke/", None, {"hub"}),
    ("post", "/manage/users/{hub}/active/", {"active": "0"}, {"hub"}),
    ("get", "/manage/invitations/", None, {"hub"}),
    ("post", "/manage/invitations/", {"email": "x@example.org", "roles": ["network_admin"], "days": 7}, {"hub"}),
    ("post", "/manage/invitations/{invitation}/revoke/", None, {"hub"}),
    ("get", "/manage/audit/", None, {"hub"}),
    ("get", "/news/manage/", None, {"hub", "manager"}),
    ("get", "/news/new/", None, {"hub", "manager"}),
    ("post", "/news/new/", NEWS_FORM, {"hub", "manager"}),
    ("get", "/news/{news}/edit/", None, {"hub", "manager"}),
    ("post", "/news/{news}/edit/", NEWS_FORM, {"hub", "manager"}),
    ("post", "/news/{news}/delete/", None, {"hub", "manager"}),
    ("get", "/news/{draft}/", None, {"hub", "manager"}),
]
NOT_ADMINS = ["editor", "libeditor", "manager", "council", "pi", "scientist", "nobody"]


@pytest.fixture
def world(people):
    """The people, a pending invitation, a published item and a draft."""
    invitation, _link = invitations.invite("new@example.org", [("scientist", None)])
    news = save_item(Draft(title="Tin đã đăng", body="a", published=True))
    draft = save_item(Draft(title="Bản nháp", body="b"))
    libeditor_role = Role.objects.get(user=people["libeditor"]).pk
    ids = {name: getattr(value, "pk", value) for name, value in people.items()}
    ids.update(invitation=invitation.pk, news=news.slug, draft=draft.slug, libeditor_role=libeditor_role)
    return ids


def snapshot() -> tuple:
    """Everything the forbidden actions could change (logins aside)."""
    return (AuditEntry.objects.exclude(action__in=["login", "logout"]).count(),
            sorted(Role.objects.values_list("user_id", "role", "organisation_id")),
            sorted(Invitation.objects.values_list("pk", "status")),
            sorted(NewsItem.objects.values_list("slug", "title", "published")),
            sorted(Source.objects.values_list("pk", "label", "metadata_prefix", "interval", "next_run_at")),
            sorted(get_user_model().objects.values_list("pk", "is_active")))


def _try(client, method, url, data):
    """One request."""
    return client.post(url, data or {}) if method == "post" else client.get(url)


@pytest.mark.parametrize("username", NOT_ADMINS)
def test_each_role_is_refused_everything_it_may_not_do(client, world, username):
    assert client.login(username=username, password=PASSWORD)
    tried = 0
    for method, template, data, allowed in ACTIONS:
        if username in allowed:
            continue
        url = template.format(**world)
        before = snapshot()
        response = _try(client, method, url, data)
        expected = 404 if url == f"/news/{world['draft']}/" else 403
        assert response.status_code == expected, (username, method, url, response.status_code)
        assert snapshot() == before, (username, method, url)
        tried += 1
    assert tried >= 14


def test_anonymous_visitors_are_sent_to_log_in_for_everything(client, world):
    for method, template, data, _allowed in ACTIONS:
        url = template.format(**world)
        before = snapshot()
        response = _try(client, method, url, data)
        if url == f"/news/{world['draft']}/":
            assert response.status_code == 404
        else:
            assert response.status_code == 302 and response.url.startswith("/accounts/login/"), (method, url)
        assert snapshot() == before, (method, url)


def test_the_allowed_actions_do_work(client, world):
    """The same table, from the side of those allowed: not refused (so the refusals above mean something)."""
    for username in ("hub", "editor", "manager"):
        client.login(username=username, password=PASSWORD)
        for method, template, data, allowed in ACTIONS:
            if username in allowed and "delete" not in template and "/active/" not in template:
                response = _try(client, method, template.format(**world), data)
                missing_match = "/duplicates/1/" in template  # no such pair: allowed, but nothing to find
                assert response.status_code in ((200, 302, 404) if missing_match else (200, 302)), (username, template)
    assert Role.objects.filter(user_id=world["editor"], role="network_admin").exists()  # the hub granted it
    assert Source.objects.get(pk=world["hpu_source"]).metadata_prefix == "marcxml"


def _service_calls(people, world):
    """Account and news services a non-administrator may not call."""
    invitation = Invitation.objects.get(pk=world["invitation"])
    news = NewsItem.objects.get(slug=world["news"])
    return {
        "create_user": lambda by: create_user("intruder", PASSWORD, by=by),
        "grant": lambda by: grant(by, "network_admin", by=by),
        "grant other": lambda by: grant(people["scientist"], "member_editor", "LIB", by=by),
        "revoke": lambda by: revoke(people["libeditor"], "member_editor", "LIB", by=by),
        "deactivate": lambda by: set_active(people["hub"], False, by=by),
        "invite": lambda by: invitations.invite("x@example.org", [("network_admin", None)], by=by),
        "revoke invitation": lambda by: invitations.revoke_invitation(invitation, by=by),
    }, {
        "write news": lambda by: save_item(Draft(title="x"), by=by),
        "change news": lambda by: save_item(Draft(title="x"), news, by=by),
        "delete news": lambda by: delete_item(news, by=by),
    }


@pytest.mark.parametrize("username", NOT_ADMINS)
def test_services_refuse_the_same_actions(people, world, username):
    accounts, news = _service_calls(people, world)
    by = people[username]
    for name, call in [*accounts.items(), *(news.items() if username != "manager" else [])]:
        before = snapshot()
        with pytest.raises(PermissionDenied):
            call(by)
        assert snapshot() == before, (username, name)


def test_an_inactive_administrator_is_refused(client, people):
    grant(create_user("hub2", PASSWORD), "network_admin")  # the network keeps an active administrator
    set_active(people["hub"], False)
    assert not client.login(username="hub", password=PASSWORD)
    with pytest.raises(PermissionDenied):
        grant(people["scientist"], "task_manager", by=people["hub"])
