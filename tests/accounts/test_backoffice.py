"""Roles in the back office: each user may do only what the role allows, and every forbidden
action is refused (sources of another organisation, duplicate review, anonymous access)."""

from __future__ import annotations

import pytest
from django.utils import translation

from stinet.accounts import throttle
from stinet.accounts.services import AccountError, create_user, grant
from stinet.catalog.models import Match, Work
from stinet.catalog.services import add_organisation
from stinet.ingest.services import import_file
from stinet.sources.models import Source
from tests.conftest import row
from tests.forms import button_names, empty_header_cells

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-pass-phrase-42"


@pytest.fixture
def network(org):
    """Two members, a source each, a hub administrator and an editor of HPU."""
    lib = add_organisation("LIB", "Thư viện", member=True)
    hpu_source = Source.objects.create(organisation=org, label="HPU DSpace", base_url="https://hpu.example/oai")
    lib_source = Source.objects.create(organisation=lib, label="LIB Koha", base_url="https://lib.example/oai")
    grant(create_user("hub", PASSWORD), "network_admin")
    grant(create_user("editor", PASSWORD), "member_editor", "HPU")
    create_user("nobody", PASSWORD)
    return {"hpu": hpu_source, "lib": lib_source}


def login(client, name):
    assert client.login(username=name, password=PASSWORD)
    return client


@pytest.mark.parametrize("url", ["/manage/", "/sources/", "/manage/duplicates/"])
def test_anonymous_visitors_are_sent_to_login(client, network, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_an_editor_sees_and_runs_only_their_organisations_sources(client, network):
    page = login(client, "editor").get("/sources/").content.decode()
    assert "HPU DSpace" in page and "LIB Koha" not in page
    assert client.post(f"/sources/{network['hpu'].pk}/run/").status_code == 302
    refused = client.post(f"/sources/{network['lib'].pk}/run/")
    assert refused.status_code == 403 and "bạn không quản lý các nguồn thu thập của LIB" in refused.content.decode()
    assert client.get("/manage/duplicates/").status_code == 403


def test_an_editor_cannot_add_a_source_for_another_organisation(client, network):
    login(client, "editor")
    response = client.post("/sources/", {"organisation": "LIB", "base_url": "https://other.example/oai",
                                         "metadata_prefix": "oai_dc", "interval": 30})
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    assert not Source.objects.filter(base_url="https://other.example/oai").exists()
    ok = client.post("/sources/", {"organisation": "HPU", "base_url": "https://8.8.8.8/oai",
                                   "metadata_prefix": "oai_dc", "interval": 30, "allow_private": "on"})
    assert ok.status_code == 302
    assert not Source.objects.get(base_url="https://8.8.8.8/oai").allow_private  # not theirs to grant


def test_a_user_without_roles_manages_nothing(client, network):
    login(client, "nobody")
    assert "HPU DSpace" not in client.get("/sources/").content.decode()
    assert client.post(f"/sources/{network['hpu'].pk}/run/").status_code == 403


def test_the_administrator_reviews_duplicates(client, network, write_csv):
    thesis = dict(dc_type="Luận văn thạc sĩ", dc_date_issued="2016", dc_contributor_author="Nguyễn Văn An")
    import_file(write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long", id="u1", **thesis)], "u.csv"),
                "HPU")
    import_file(write_csv([row("Đa dạng sinh học của các rạn san hô ở Hạ Long, Quảng Ninh", id="L1", **thesis)],
                          "l.csv"), "LIB")
    match = Match.objects.get(status="review")
    login(client, "hub")
    assert "Quảng Ninh" in client.get("/manage/duplicates/").content.decode()
    bogus = client.post(f"/manage/duplicates/{match.pk}/settle/?lang=en", {"decision": "bogus"}, follow=True)
    assert "unknown decision &#x27;bogus&#x27;: merge or apart" in bogus.content.decode()  # not kept apart
    assert Match.objects.get(pk=match.pk).status == "review"
    assert client.post(f"/manage/duplicates/{match.pk}/settle/", {"decision": "merge"}).status_code == 302
    assert Work.objects.count() == 1
    merged = Match.objects.get(status="confirmed")  # the merge, recorded once
    assert Match.objects.count() == 1
    client.post(f"/manage/duplicates/{merged.pk}/split/")
    assert Work.objects.count() == 2


def test_the_duplicates_tables_name_their_action_column(client, network, write_csv):
    thesis = dict(dc_type="Luận văn thạc sĩ", dc_date_issued="2016", dc_contributor_author="Nguyễn Văn An")
    title = "Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long"
    import_file(write_csv([row(title, id="u1", **thesis)], "u.csv"), "HPU")
    import_file(write_csv([row("Đa dạng sinh học của các rạn san hô ở Hạ Long, Quảng Ninh", id="L2", **thesis)],
                          "l.csv"), "LIB")  # a pair to review
    add_organisation("THU", "Thư viện khác", member=True)
    import_file(write_csv([row(title, id="T1", **thesis)], "t.csv"), "THU")  # merged
    login(client, "hub")
    page = client.get("/manage/duplicates/").content.decode()
    assert page.count('<th><span class="visually-hidden">Thao tác</span></th>') == 2  # pairs and merges
    assert empty_header_cells(page) == []
    assert button_names(page) == ["Gộp: LIB:L2", "Giữ riêng: LIB:L2", "Tách: THU:T1"]  # which record each is for


def test_a_pair_that_cannot_be_merged_says_why_and_offers_only_to_keep_it_apart(client, network, write_csv):
    thesis = dict(dc_type="Luận văn thạc sĩ", dc_date_issued="2016", dc_contributor_author="Nguyễn Văn An")
    exact = "Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long"
    import_file(write_csv([row(exact, id="u1", **thesis)], "u.csv"), "HPU")
    import_file(write_csv([row("Đa dạng sinh học của các rạn san hô ở Hạ Long, Quảng Ninh", id="L2", **thesis)],
                          "l2.csv"), "LIB")
    pair = Match.objects.get(status="review")
    login(client, "hub")
    page = client.get("/manage/duplicates/").content.decode()
    assert 'name="decision" value="merge"' in page and "Không thể gộp" not in page
    import_file(write_csv([row(exact, id="L1", **thesis)], "l1.csv"), "LIB")  # LIB now holds the look-alike
    Match.objects.filter(pk=pair.pk).update(status="review")  # as a pair queued before that was checked
    page = client.get("/manage/duplicates/").content.decode()
    assert ("Không thể gộp: LIB đã lưu giữ tài liệu này (biểu ghi LIB:L1): hai biểu ghi của cùng một nguồn "
            "luôn để riêng") in page
    assert 'name="decision" value="merge"' not in page and 'name="decision" value="apart"' in page
    assert client.post(f"/manage/duplicates/{pair.pk}/settle/", {"decision": "apart"}).status_code == 302
    assert Match.objects.get(pk=pair.pk).status == "kept-apart"


def test_a_split_merge_is_listed_as_split_without_a_split_button(client, network, write_csv):
    thesis = dict(dc_type="Luận văn thạc sĩ", dc_date_issued="2016", dc_contributor_author="Nguyễn Văn An")
    title = "Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long"
    import_file(write_csv([row(title, id="u1", **thesis)], "u.csv"), "HPU")
    import_file(write_csv([row(title, id="L1", **thesis)], "l.csv"), "LIB")
    merge = Match.objects.get(status="merged")
    login(client, "hub")
    split_url = f"/manage/duplicates/{merge.pk}/split/"
    assert split_url in client.get("/manage/duplicates/").content.decode()
    client.post(split_url)
    new = Work.objects.get(holdings__local_id="L1")
    page = client.get("/manage/duplicates/").content.decode()
    assert split_url not in page
    assert f'Đã tách; biểu ghi nay là:</span>\n<a href="/works/{new.pk}/">' in page
    rejoin_url = f"/manage/duplicates/{merge.pk}/rejoin/"  # QA 26: a split undone on the page, not only by the CLI
    assert rejoin_url in page and "Gộp lại" in page
    login(client, "editor")
    assert client.post(rejoin_url).status_code == 403
    login(client, "hub")
    merged_back = client.post(rejoin_url, follow=True).content.decode()
    assert f"Đã gộp lại: biểu ghi lại thuộc tài liệu {merge.work_id}." in merged_back
    assert rejoin_url not in merged_back and Work.objects.get(holdings__local_id="L1").pk == merge.work_id
    twice = client.post(rejoin_url, follow=True).content.decode()  # the button of a page shown before
    assert f"LIB:L1 đã nằm trong tài liệu {merge.work_id}" in twice
    again = client.post(split_url, follow=True).content.decode()  # the button of a page shown before
    said = f"LIB:L1 không còn thuộc tài liệu {merge.work_id}: không có gì để tách"
    assert f'<li class="error" role="alert">{said}' in again  # an error is announced at once
    assert Work.objects.get(holdings__local_id="L1").pk == merge.work_id


def test_duplicates_page_messages_are_styled_by_level(client, network, write_csv):
    thesis = dict(dc_type="Luận văn thạc sĩ", dc_date_issued="2016", dc_contributor_author="Nguyễn Văn An")
    import_file(write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô", id="u1", **thesis)], "u.csv"), "HPU")
    import_file(write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô", id="L1", **thesis)], "l.csv"), "LIB")
    merge = Match.objects.get(status="merged")
    login(client, "hub")
    page = client.post(f"/manage/duplicates/{merge.pk}/split/", follow=True).content.decode()
    assert '<li class="success">Đã tách' in page and "accounts/accounts.css" in page
    refused = client.post("/manage/duplicates/9999/settle/", {"decision": "merge"}, follow=True).content.decode()
    assert '<li class="error" role="alert">không có cặp nghi trùng 9999' in refused and 'role="status"' in refused


def test_failed_logins_are_throttled(client, network):
    for _ in range(throttle.MAX_FAILURES):
        failed = client.post("/accounts/login/", {"username": "hub", "password": "wrong"})
        assert not failed.wsgi_request.user.is_authenticated
    blocked = client.post("/accounts/login/", {"username": "hub", "password": PASSWORD})
    assert "Đăng nhập sai quá nhiều lần" in blocked.content.decode()
    assert blocked.content.decode().count('aria-invalid="true" aria-describedby="login-error"') == 2
    assert not blocked.wsgi_request.user.is_authenticated
    assert "Hãy thử lại sau 15 phút." in blocked.content.decode()
    from datetime import timedelta

    from django.db.models import F

    from stinet.accounts.models import LimitCounter

    LimitCounter.objects.update(until=F("until") - timedelta(minutes=11, seconds=30))  # the first failure, long ago
    later = client.post("/accounts/login/", {"username": "hub", "password": PASSWORD}).content.decode()
    assert "Hãy thử lại sau 4 phút." in later  # QA 26: "15 minutes" said whatever was left of the window


def test_login_then_logout(client, network):
    response = client.post("/accounts/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/manage/"
    assert "HPU" in client.get("/manage/").content.decode()
    client.post("/accounts/logout/")
    assert client.get("/manage/").status_code == 302


@pytest.mark.parametrize(("call", "message"), [
    (lambda: create_user("x", "short"), "password: "),
    (lambda: grant(create_user("y", PASSWORD), "member_editor"), "needs organisation"),
    (lambda: grant(create_user("z", PASSWORD), "wizard"), "role 'wizard'"),
])
@translation.override("en")  # the refusals compared in English
def test_bad_account_changes_are_refused(org, call, message):
    with pytest.raises(AccountError, match=message):
        call()


def test_an_editor_changes_their_source_and_not_another(client, network):
    from django.utils import timezone

    source = network["hpu"]
    source.last_datestamp, source.last_success_at = "2026-01-01T00:00:00Z", timezone.now()
    source.save()
    login(client, "editor")
    response = client.post(f"/sources/{source.pk}/edit/", {"label": "HPU", "metadata_prefix": "oai_dc",
                                                          "set_spec": "", "interval": 30})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.interval == 30 and source.last_datestamp  # same list: stays incremental
    assert (source.next_run_at - source.last_success_at).days == 30
    client.post(f"/sources/{source.pk}/edit/", {"label": "HPU", "metadata_prefix": "marcxml", "set_spec": "",
                                               "interval": 30})
    source.refresh_from_db()
    assert source.metadata_prefix == "marcxml" and source.last_datestamp == ""  # another list: from scratch
    assert client.get(f"/sources/{network['lib'].pk}/edit/").status_code == 403


def test_a_login_link_back_to_the_login_page_leads_to_the_back_office(client, network):
    """next=/accounts/login/ sent a signed-in user round in a loop, which Django answers with a 500."""
    response = client.post("/accounts/login/?next=/accounts/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/manage/"
    assert client.get("/accounts/login/", {"next": "/accounts/login/"}).status_code == 302
