"""Invitations: the administrator invites, the mail carries a signed single-use link, the invitee gets the
roles; expired, reused, revoked and forged links are refused."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from stinet.accounts.invitations import (
    InvitationError,
    accept_invitation,
    invite,
    open_invitation,
    revoke_invitation,
    token_for,
)
from stinet.accounts.models import Invitation
from stinet.accounts.permissions import edits_organisation, roles_of
from stinet.accounts.services import AccountError
from stinet.catalog.models import AuditEntry
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _link_in(message) -> str:
    """The invitation path in a mail."""
    return re.search(r"https?://\S+?(/accounts/invitation/\S+/)", message.body).group(1)


def test_the_administrator_invites_an_editor_who_accepts(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["hub"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/manage/invitations/", {"email": "thuvien@lib.example", "roles": ["member_editor"],
                                                        "organisation": "LIB", "days": 7})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["thuvien@lib.example"]
    body = mail.outbox[0].body
    assert "Biên tập viên thành viên (LIB)" in body and "Member editor (LIB)" in body  # Vietnamese and English
    path = _link_in(mail.outbox[0])
    assert "thuvien@lib.example" in client.get("/manage/invitations/").content.decode()

    client.logout()
    page = client.get(path)
    assert page.status_code == 200 and "thuvien@lib.example" in page.content.decode()
    done = client.post(path, {"username": "thuvien", "full_name": "Nguyễn Thị Thư", "password1": PASSWORD,
                              "password2": PASSWORD})
    assert done.status_code == 302 and done.url == "/manage/"
    user = done.wsgi_request.user
    assert user.username == "thuvien" and user.email == "thuvien@lib.example"
    assert edits_organisation(user, people["lib"].pk) and not edits_organisation(user, people["hpu"].pk)
    assert "LIB DSpace" in client.get("/sources/").content.decode()
    invitation = Invitation.objects.get()
    assert invitation.status == "accepted" and invitation.accepted_user == user
    assert AuditEntry.objects.filter(action="accept", object_type="invitation").exists()
    grants = AuditEntry.objects.filter(action="grant", object_id=str(user.pk), actor_label__startswith="invitation")
    assert grants.exists()

    client.logout()
    reused = client.get(path)
    assert reused.status_code == 410 and "(liên kết mời đã được dùng)" in reused.content.decode()
    again = client.post(path, {"username": "thuvien2", "password1": PASSWORD, "password2": PASSWORD})
    assert again.status_code == 410 and not type(user).objects.filter(username="thuvien2").exists()


def test_an_expired_invitation_is_refused(client, people):
    invitation, link = invite("late@example.org", [("scientist", None)], days=1)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(link.split("127.0.0.1:8000")[1])
    assert response.status_code == 410 and "(liên kết mời đã hết hạn)" in response.content.decode()
    with translation.override("en"), pytest.raises(InvitationError, match="expired"):
        accept_invitation(token_for(invitation), "late", PASSWORD)


def test_a_revoked_invitation_is_refused_and_cannot_be_revoked_twice(client, people):
    invitation, _link = invite("gone@example.org", [("scientist", None)])
    client.force_login(people["hub"])
    assert client.post(f"/manage/invitations/{invitation.pk}/revoke/").status_code == 302
    assert "gone@example.org" not in client.get("/manage/invitations/").context["pending"].values_list("email",
                                                                                                      flat=True)
    with translation.override("en"):
        with pytest.raises(InvitationError, match="revoked"):
            open_invitation(token_for(invitation))
        with pytest.raises(AccountError, match="revoked already"):
            revoke_invitation(invitation)


@pytest.mark.parametrize("token", ["nonsense", "eyJpIjoxLCJrIjoieCJ9:1abc:forged"])
def test_forged_links_are_refused(client, people, token):
    invite("someone@example.org", [("scientist", None)])
    assert client.get(f"/accounts/invitation/{token}/").status_code == 410
    with translation.override("en"), pytest.raises(InvitationError, match="not valid"):
        open_invitation(token)


@translation.override("en")  # the refusals compared in English
def test_a_token_with_another_key_is_refused(people):
    invitation, _link = invite("key@example.org", [("scientist", None)])
    token = token_for(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(key="another")
    with pytest.raises(InvitationError, match="not valid"):
        open_invitation(token)


def test_a_bad_user_name_or_password_keeps_the_invitation_open(client, people):
    invitation, link = invite("weak@example.org", [("task_manager", None)])
    path = link.split("127.0.0.1:8000")[1]
    weak = client.post(path, {"username": "weak", "password1": "123", "password2": "123"})
    assert weak.status_code == 200  # in Vietnamese, Django's validators' reasons too
    reasons = weak.context["form"].non_field_errors()[0]
    assert reasons.startswith("mật khẩu: Mật khẩu này quá ngắn: cần ít nhất 10 ký tự.")
    taken = client.post(path, {"username": "hub", "password1": PASSWORD, "password2": PASSWORD})
    assert "người dùng &#x27;hub&#x27; đã có" in taken.content.decode()
    differ = client.post(path, {"username": "weak", "password1": PASSWORD, "password2": PASSWORD + "x"})
    assert differ.context["form"].errors["password2"]
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    user = accept_invitation(token_for(invitation), "weak", PASSWORD)
    assert roles_of(user) == {("task_manager", None)}


@pytest.mark.parametrize("username", ["evil <b>x</b>/..", "bad name!", "a/b"])
def test_a_user_name_is_letters_digits_and_at_dot_plus_minus_underscore(client, people, username):
    invitation, link = invite("name@example.org", [("scientist", None)])
    path = link.split("127.0.0.1:8000")[1]
    refused = client.post(path, {"username": username, "password1": PASSWORD, "password2": PASSWORD})
    assert refused.status_code == 200
    expected = f"tên người dùng {username!r}: chỉ gồm chữ, số và @ . + - _ (không có dấu cách)"
    assert refused.context["form"].errors["username"] == [expected]
    with pytest.raises(AccountError) as service_refused:
        accept_invitation(token_for(invitation), username, PASSWORD)
    assert str(service_refused.value) == expected
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    user = accept_invitation(token_for(invitation), "nguyễn.thư+lib@hpu-1_x", PASSWORD)  # Vietnamese letters
    assert user.username == "nguyễn.thư+lib@hpu-1_x"


@pytest.mark.parametrize("username", ["qu\u0430ntri", "\u03bfperator", "quantr\uff49",
                                      "quantr\u0131", "qu\u0251ntri", "\u0261iamdoc", "\u1d00dmin",
                                      "quantr\u00ec\u0300"])
def test_a_user_name_with_a_letter_of_another_script_is_refused(people, username):
    """QA 21: 'quаntri' with a Cyrillic 'а' was accepted beside the administrator 'quantri'; a Greek 'ο', a
    full-width 'ｉ' and a letter with combining marks look like other names as well, and so do the Latin
    letters of their own 'ı' (dotless), 'ɑ', 'ɡ' and the small capital 'ᴀ'."""
    from stinet.accounts.services import check_username

    with pytest.raises(AccountError, match=r"letters of the Latin alphabet only|chỉ dùng chữ cái Latinh|chỉ gồm chữ"):
        check_username(username)
    assert check_username("Trần.Đức_Hùng") == "Trần.Đức_Hùng"
    assert check_username("nguye\u0302\u0303n") == "nguyễn"  # decomposed: composed (QA 26), one name either way
    assert check_username("ơn.ưng_ỹ-Ắ") == "ơn.ưng_ỹ-Ắ" and check_username("José.Müller") == "José.Müller"


@pytest.mark.parametrize(("email", "roles", "message"), [
    ("not-an-address", [("scientist", None)], "not valid"),
    ("a@example.org", [], "at least one role"),
    ("a@example.org", [("member_editor", None)], "needs organisation"),
    ("a@example.org", [("member_editor", "NOPE")], "does not exist"),
    ("a@example.org", [("wizard", None)], "role 'wizard'"),
])
@translation.override("en")  # the refusals compared in English
def test_bad_invitations_are_refused(people, email, roles, message):
    with pytest.raises(ValueError, match=message):
        invite(email, roles)
    assert not Invitation.objects.exists()


def test_the_invite_form_needs_an_organisation_for_an_editor(client, people):
    client.force_login(people["hub"])
    response = client.post("/manage/invitations/", {"email": "e@example.org", "roles": ["member_editor"], "days": 7})
    assert response.status_code == 200 and response.context["form"].errors["organisation"]
    assert not Invitation.objects.exists()


def test_an_address_that_has_an_account_is_not_invited_again(client, people):
    """One address, one account: a second one would get the other's password-reset links too."""
    client.force_login(people["hub"])
    response = client.post("/manage/invitations/", {"email": "Editor@Example.org", "roles": ["scientist"], "days": 7})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Editor@Example.org đã là địa chỉ của người dùng 'editor': hãy cấp vai trò trên trang của người dùng đó"]
    assert not Invitation.objects.exists()
    with translation.override("en"), pytest.raises(AccountError, match="already the address of user 'editor'"):
        invite("editor@example.org", [("scientist", None)])


def test_an_invitation_is_refused_once_an_account_has_its_address(client, people):
    invitation, link = invite("late.comer@example.org", [("scientist", None)])
    path = link.split("127.0.0.1:8000")[1]
    people["nobody"].email = "Late.Comer@example.org"  # given to an account after the invitation was sent
    people["nobody"].save()
    page = client.get(path)
    assert page.status_code == 410 and "late.comer@example.org đã có tài khoản" in page.content.decode()
    posted = client.post(path, {"username": "late", "password1": PASSWORD, "password2": PASSWORD})
    assert posted.status_code == 410 and not type(people["nobody"]).objects.filter(username="late").exists()
    with translation.override("en"), pytest.raises(InvitationError, match="has an account already"):
        accept_invitation(token_for(invitation), "late", PASSWORD)
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_an_address_with_an_invitation_waiting_is_not_invited_twice(people):
    """Two links for one address would make two accounts of it; the first is revoked to invite again."""
    first, _link = invite("moi@example.org", [("scientist", None)])
    waiting = r"MOI@example.org has an invitation waiting until \d{4}-\d\d-\d\d \d\d:\d\d \(\+07\): revoke it"
    with translation.override("en"), pytest.raises(AccountError, match=waiting):
        invite("MOI@example.org", [("investigator", None)])
    revoke_invitation(first)
    assert invite("moi@example.org", [("investigator", None)])[0].status == "pending"
    first.expires_at = timezone.now() - timedelta(days=1)  # an expired one is no obstacle either
    first.status = "pending"
    first.save()
    Invitation.objects.exclude(pk=first.pk).delete()
    assert invite("moi@example.org", [("scientist", None)])[0].pk != first.pk


@translation.override("en")
def test_a_user_added_by_hand_needs_an_address_no_other_account_has(people):
    from stinet.accounts.services import create_user

    with pytest.raises(AccountError, match="e-mail Editor@example.org: already the address of user 'editor'"):
        create_user("editor2", PASSWORD, email="Editor@example.org")
    with pytest.raises(AccountError, match="'not-an-address' is not valid"):
        create_user("editor2", PASSWORD, email="not-an-address")
    assert create_user("editor2", PASSWORD, email=" e2@example.org ").email == "e2@example.org"
