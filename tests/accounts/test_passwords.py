"""Password reset end to end through the mail outbox (no user enumeration), and password change."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from stinet.catalog.models import AuditEntry
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db
NEW = "another-long-pass-phrase-7"


def _reset_path(message) -> str:
    """The reset link's path in a mail."""
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/\S+/)", message.body).group(1)


def test_reset_by_mail_end_to_end(client, people):
    asked = client.post("/accounts/password/reset/", {"email": "scientist@example.org"})
    assert asked.status_code == 302 and asked.url == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["scientist@example.org"]
    message = mail.outbox[0]
    assert "STINet" in message.subject and "scientist" in message.body
    assert "mật khẩu" in message.body  # Vietnamese by default
    path = _reset_path(message)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done.url == "/accounts/password/reset/done/"
    assert not client.login(username="scientist", password=PASSWORD)
    assert client.login(username="scientist", password=NEW)
    client.logout()
    used = client.get(path, follow=True)
    assert not used.context["validlink"]  # the link worked once
    actions = set(AuditEntry.objects.filter(object_type="user", object_id=str(people["scientist"].pk))
                  .values_list("action", flat=True))
    assert {"password-reset-mail", "password-reset"} <= actions


def test_a_reset_lifts_the_lock_out_of_failed_logins(client, people):
    """QA 25: locked out after five wrong passwords, the owner reset theirs by mail and was still refused."""
    for _attempt in range(5):
        client.post("/accounts/login/", {"username": "scientist", "password": "wrong-guess"})
    refused = client.post("/accounts/login/", {"username": "scientist", "password": PASSWORD})
    assert "Try again in 15 minutes" in refused.content.decode() or "15 phút" in refused.content.decode()
    client.post("/accounts/password/reset/", {"email": "scientist@example.org"})
    set_url = client.get(_reset_path(mail.outbox[-1]), follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    logged = client.post("/accounts/login/", {"username": "scientist", "password": NEW})
    assert logged.status_code == 302, logged.content.decode()[:300]


def test_reset_mail_in_english_when_asked_in_english(client, people):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/accounts/password/reset/", {"email": "hub@example.org"})
    assert "choose a new password" in mail.outbox[0].subject and "Open this link" in mail.outbox[0].body


def test_unknown_and_known_addresses_get_the_same_answer(client, people):
    known = client.post("/accounts/password/reset/", {"email": "hub@example.org"}, follow=True)
    unknown = client.post("/accounts/password/reset/", {"email": "nobody-here@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    def page(response):  # the page without its per-request CSRF token
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert page(known) == page(unknown)
    assert len(mail.outbox) == 1  # only the known address gets mail


def test_an_inactive_user_gets_no_reset_mail(client, people):
    people["nobody"].is_active = False
    people["nobody"].save()
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert mail.outbox == []


def test_a_logged_in_user_changes_their_password(client, people):
    client.force_login(people["editor"])
    wrong = client.post("/accounts/password/", {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW})
    assert wrong.status_code == 200 and wrong.context["form"].errors["old_password"]
    ok = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert ok.status_code == 302 and ok.url == "/manage/"
    assert client.get("/manage/").status_code == 200  # still logged in
    client.logout()
    assert client.login(username="editor", password=NEW)
    assert AuditEntry.objects.filter(action="password-change", actor=people["editor"]).exists()


def test_the_login_page_links_to_the_reset(client):
    assert "/accounts/password/reset/" in client.get("/accounts/login/").content.decode()
