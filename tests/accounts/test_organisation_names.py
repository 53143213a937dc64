"""Back-office pages name organisations in the interface language: the English name on English pages
(the Vietnamese one when there is none), in lists, the forms' choices and the role lines."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

VI, EN = "Trường Đại học Hải Phòng", "Hai Phong University"  # HPU; LIB has a Vietnamese name only
LIB = "LIB — Thư viện Khoa học tổng hợp"


def _page(client, path: str, lang: str) -> str:
    return client.get(path, {"lang": lang}).content.decode()


@pytest.mark.parametrize("path", ["/manage/", "/manage/invitations/", "/sources/", "USER"])
def test_organisations_are_named_in_the_page_language(client, people, path):
    client.force_login(people["hub"])
    path = f"/manage/users/{people['editor'].pk}/" if path == "USER" else path
    en, vi = _page(client, path, "en"), _page(client, path, "vi")
    assert f"HPU — {EN}" in en and VI not in en and LIB in en
    assert f"HPU — {VI}" in vi and EN not in vi and LIB in vi


def test_a_role_line_and_an_editors_start_page_in_english(client, people):
    client.force_login(people["hub"])
    assert f"Member editor — HPU {EN}" in _page(client, f"/manage/users/{people['editor'].pk}/", "en")
    client.force_login(people["editor"])
    start = _page(client, "/manage/", "en")
    assert f">HPU — {EN}</a>" in start and VI not in start
    assert f'<option value="HPU" selected>HPU — {EN}</option>' in _page(client, "/sources/", "en")  # their only one
