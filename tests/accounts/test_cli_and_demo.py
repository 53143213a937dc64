"""`stinet user invite/grant/revoke/list` as a user runs them, and the demo users of every role."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model

from stinet.accounts import demo
from stinet.accounts.permissions import roles_of
from stinet.catalog.models import Organisation
from stinet.catalog.services import add_organisation
from stinet.cli import main
from stinet.demo.generator import ORGANISATIONS


def test_invite_grant_revoke_and_list(run):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    assert run("user", "add", "an", "--password", "a-long-pass-phrase-42").returncode == 0
    invited = run("user", "invite", "thuvien@hpu.example", "--role", "member_editor", "--org", "HPU",
                  "--site", "https://stinet.example.vn")
    assert invited.returncode == 0, invited.stderr
    assert "đã mời thuvien@hpu.example (" in invited.stdout and "), lời mời có hiệu lực đến 20" in invited.stdout
    assert " (+07): https://stinet.example.vn/accounts/invitation/" in invited.stdout  # the site's zone, said
    assert "https://stinet.example.vn/accounts/invitation/" in invited.stdout
    assert "Subject: " in invited.stdout  # the console mail backend prints the mail
    granted = run("user", "grant", "an", "member_editor", "--org", "HPU")
    assert granted.returncode == 0 and granted.stdout == "an: đã cấp vai trò member_editor của HPU\n"
    again = run("user", "grant", "an", "member_editor", "--org", "HPU")  # QA 26: "granted" said again
    assert again.returncode == 0 and again.stdout == "an đã có vai trò member_editor của HPU\n"
    assert run("user", "list").stdout.split("\n")[0].split() == ["an", "đang", "hoạt", "động", "member_editor", "(HPU)"]
    revoked = run("user", "revoke", "an", "member_editor", "--org", "HPU")
    assert revoked.returncode == 0 and revoked.stdout == "an: đã thu hồi vai trò member_editor của HPU\n"
    missing = run("user", "revoke", "an", "member_editor", "--org", "HPU")
    assert missing.returncode == 1 and missing.stderr.startswith("stinet: error: người dùng 'an' không giữ vai trò")
    bad = run("user", "invite", "x@example.org", "--role", "member_editor")
    assert bad.returncode == 1 and "cần một tổ chức" in bad.stderr  # the command line speaks the site's language
    unknown = run("user", "grant", "ghost", "scientist")
    assert unknown.returncode == 1 and "không có người dùng 'ghost'" in unknown.stderr


def test_invite_says_the_expiry_in_the_site_zone_with_its_offset(db, settings, monkeypatch):
    from django.utils import timezone

    from stinet.accounts.models import Invitation

    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 15, 20, 30, tzinfo=UTC))
    invited = CliRunner().invoke(main, ["user", "invite", "ai@example.org", "--role", "scientist", "--days", "7",
                                        "--site", "https://stinet.example.vn"])
    assert invited.exit_code == 0, invited.output
    assert Invitation.objects.get().expires_at == datetime(2026, 11, 22, 20, 30, tzinfo=UTC)
    assert ", lời mời có hiệu lực đến 2026-11-23 03:30 (+07): https://stinet.example.vn/accounts/" in invited.output


def test_user_add_refuses_a_bad_user_name_in_one_line(run):
    refused = run("user", "add", "bad name!", "--password", "Abc-12345-xyz")
    assert refused.returncode == 1
    assert refused.stderr == ("stinet: error: tên người dùng 'bad name!': chỉ gồm chữ, số và @ . + - _ "
                              "(không có dấu cách)\n")
    assert "bad name!" not in run("user", "list").stdout
    long = run("user", "add", "x" * 151, "--password", "Abc-12345-xyz")
    assert long.returncode == 1 and long.stderr == "stinet: error: tên người dùng: tối đa 150 ký tự\n"


@pytest.mark.django_db
def test_demo_users_of_every_role(client):
    members = [o for o in ORGANISATIONS if o["member"]][:2]
    for o in members:
        add_organisation(o["code"], o["name_vi"], member=True)
    lines = list(demo.load())
    assert len(lines) == 13 and all("mật khẩu stinet-demo-2026" in line for line in lines)  # said in Vietnamese
    assert lines[0] == "người dùng mẫu quantri / mật khẩu stinet-demo-2026: Quản trị mạng lưới"
    users = {u.username: u for u in get_user_model().objects.all()}
    first, second = (Organisation.objects.get(code=o["code"]).pk for o in members)
    assert roles_of(users["quantri"]) == {("network_admin", None)}
    assert roles_of(users["bientap"]) == {("member_editor", first)}
    assert roles_of(users["bientap2"]) == {("member_editor", second)}
    assert roles_of(users["quanly"]) == {("task_manager", None)}
    assert all(roles_of(users[f"hoidong{i}"]) == {("council_member", None)} for i in range(1, 6))
    assert all(roles_of(users[f"chunhiem{i}"]) == {("investigator", None), ("scientist", None)} for i in (1, 2, 3))
    assert roles_of(users["nhakhoahoc"]) == {("scientist", None)}
    assert client.login(username="bientap", password="stinet-demo-2026")
    again = list(demo.load())
    assert all("đã có" in line for line in again) and get_user_model().objects.count() == 13


def test_user_add_keeps_one_account_a_name_an_address_and_nothing_half_made(run):
    """QA 26: 'ĐỖ' beside 'đỗ' (SQLite folds ASCII only), a user left behind by a refused role, an address with an
    invitation waiting, a name typed decomposed kept so."""
    import unicodedata

    assert run("user", "add", "đỗ", "--password", "Abc-12345-xyz").returncode == 0
    twin = run("user", "add", "ĐỖ", "--password", "Abc-12345-xyz")
    assert twin.returncode == 1 and twin.stderr == "stinet: error: người dùng 'ĐỖ' đã có\n"
    assert run("user", "grant", "ĐỖ", "scientist").returncode == 0  # found in any case
    nfd = unicodedata.normalize("NFD", "thử")
    assert run("user", "add", nfd, "--password", "Abc-12345-xyz").returncode == 0  # was refused: "only letters"
    listed = run("user", "list").stdout
    assert "thử" in listed and nfd not in listed
    assert run("user", "grant", nfd, "scientist").returncode == 0  # found however it is typed (review 26)
    refused = run("user", "add", "cliuser", "--password", "Abc-12345-xyz", "--role", "bogus_role")
    assert refused.returncode == 1 and "cliuser" not in run("user", "list").stdout
    assert run("user", "invite", "moi@x.vn", "--role", "scientist").returncode == 0
    taken = run("user", "add", "moi", "--password", "Abc-12345-xyz", "--email", "Moi@x.vn")
    assert taken.returncode == 1 and "moi@x.vn đang có lời mời chờ đến" in taken.stderr.lower()
    long = run("user", "invite", "x" * 300 + "@x.vn", "--role", "scientist")
    assert long.returncode == 1 and "tối đa 254 ký tự (địa chỉ này có 305)" in long.stderr


@pytest.mark.django_db
def test_a_full_name_typed_decomposed_is_stored_composed():
    import unicodedata

    from stinet.accounts.services import create_user

    user = create_user("thu", "Abc-12345-xyz", full_name=unicodedata.normalize("NFD", " Nguyễn  Văn Thử "))
    assert user.first_name == "Nguyễn Văn Thử" and unicodedata.is_normalized("NFC", user.first_name)
