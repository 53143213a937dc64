"""The hub's health page and run reports: fetched text shown escaped."""

from __future__ import annotations

import pytest

from stinet.catalog.models import ImportRun
from stinet.sources.models import Source

pytestmark = pytest.mark.django_db


def test_health_lists_sources_with_errors_escaped(admin_client, org):
    client = admin_client
    run = ImportRun.objects.create(organisation=org, source_name="DSpace", format="oai_dc", status="failed",
                                   counts={"new": 3, "deleted": 1}, error="boom",
                                   report={"pages": 2, "seconds": 1.5, "stopped_token": "T<1>",
                                           "rejections": [{"line": 1, "identifier": "oai:x:<b>", "reason": "no title"}],
                                           "notes": ["<script>alert(1)</script>"]})
    Source.objects.create(organisation=org, label="DSpace <b>", base_url="http://example.org/oai", last_run=run,
                          last_error="<img src=x onerror=alert(1)>")
    page = client.get("/sources/")
    text = page.content.decode()
    assert page.status_code == 200 and "DSpace &lt;b&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and "<img src=x" not in text
    report = client.get(f"/sources/runs/{run.pk}/").content.decode()
    assert "oai:x:&lt;b&gt;" in report and "&lt;script&gt;" in report and "<script>alert" not in report
    assert "T&lt;1&gt;" in report
    assert client.get("/sources/runs/999999/").status_code == 404


def test_health_in_vietnamese_and_english(admin_client, org):
    assert "Nguồn thu thập" in admin_client.get("/sources/").content.decode()
    assert "Harvest sources" in admin_client.get("/sources/?lang=en").content.decode()


def test_the_services_refuse_a_web_user_who_does_not_manage_the_organisation(db):
    from django.core.exceptions import PermissionDenied

    from stinet.accounts.services import create_user, grant
    from stinet.catalog.services import add_organisation
    from stinet.sources.services import add_source, change_source, request_run

    add_organisation("AAA", "Tổ chức A", member=True)
    add_organisation("BBB", "Tổ chức B", member=True)
    editor = create_user("editor-a", "mat-khau-dai-2026")
    grant(editor, "member_editor", "AAA")
    own = add_source("AAA", "http://127.0.0.1:9/a", allow_private=True, user=editor)
    other = add_source("BBB", "http://127.0.0.1:9/b", allow_private=True)  # the command line: the operator
    for refused in (lambda: add_source("BBB", "http://127.0.0.1:9/c", allow_private=True, user=editor),
                    lambda: change_source(other, label="đổi", user=editor),
                    lambda: request_run(other, user=editor)):
        with pytest.raises(PermissionDenied, match="BBB"):
            refused()
    other.refresh_from_db()
    assert other.label != "đổi"
    change_source(own, label="đổi tên", user=editor)
    request_run(own, user=editor)


def _text(response) -> str:
    """A page's text with HTML entities read ('a b' quoted as on screen)."""
    import html

    return html.unescape(response.content.decode())


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["tập hợp 'a b': không phải setSpec OAI-PMH hợp lệ", "Tên nguồn", "Số ngày giữa hai lần thu thập",
          "trỏ tới địa chỉ nội bộ 127.0.0.1; bị từ chối"]),
    ("?lang=en", ["set 'a b': not a valid OAI-PMH setSpec", "Name of the source", "Days between harvests",
                  "resolves to the internal address 127.0.0.1; refused"]),
])
def test_the_source_form_refuses_in_the_page_language(admin_client, org, query, expected):
    form = {"organisation": "HPU", "base_url": "http://127.0.0.1:9/oai", "metadata_prefix": "oai_dc",
            "interval": 30}
    bad_set = _text(admin_client.post(f"/sources/{query}", {**form, "set_spec": "a b", "allow_private": "on"}))
    private = _text(admin_client.post(f"/sources/{query}", form))  # no allow_private: a loopback address
    assert [text in bad_set + private for text in expected] == [True] * 4
    assert not Source.objects.exists()


def test_the_source_forms_tie_their_errors_to_their_fields(admin_client, org):
    """The sources' forms are drawn by the site's form renderer, as every other form (they were as_p)."""
    from tests.forms import form_problems

    page = admin_client.post("/sources/", {"organisation": "HPU", "base_url": "không phải địa chỉ",
                                           "metadata_prefix": "oai_dc", "interval": 0}).content.decode()
    assert form_problems(page) == [] and 'aria-describedby="id_base_url_error"' in page
    source = Source.objects.create(organisation=org, label="Kho", base_url="http://example.org/oai")
    edit = admin_client.post(f"/sources/{source.pk}/edit/", {"label": "", "metadata_prefix": "oai_dc",
                                                              "interval": 0}).content.decode()
    assert form_problems(edit) == [] and 'aria-describedby="id_interval_error"' in edit


def test_the_run_report_and_a_refusal_in_the_page_language(admin_client, client, org):
    from stinet.accounts.services import create_user, grant
    from stinet.catalog.services import add_organisation

    run = ImportRun.objects.create(organisation=org, source_name="DSpace", format="oai_dc", status="failed",
                                   error="boom", report={"pages": 1})
    assert "Thất bại" in _text(admin_client.get(f"/sources/runs/{run.pk}/"))
    assert "Failed" in _text(admin_client.get(f"/sources/runs/{run.pk}/?lang=en"))
    add_organisation("LIB", "Thư viện Hải Phòng", member=True)
    grant(create_user("lib-editor", "mat-khau-dai-2026"), "member_editor", "LIB")
    source = Source.objects.create(organisation=org, label="DSpace", base_url="http://example.org/oai")
    client.login(username="lib-editor", password="mat-khau-dai-2026")
    refused = client.get(f"/sources/{source.pk}/edit/?lang=vi")  # the same client asked for English above
    assert refused.status_code == 403 and "bạn không quản lý các nguồn thu thập của HPU" in _text(refused)
    english = client.get(f"/sources/{source.pk}/edit/?lang=en")
    assert "you do not manage the sources of HPU" in _text(english)


def test_the_run_report_shows_merges_conversions_and_unknown_types(admin_client, org):
    """What the command line's report says, the page says too (it showed only the counts)."""
    run = ImportRun.objects.create(organisation=org, source_name="DSpace", format="oai_dc", status="done",
                                   counts={"new": 5}, report={
                                       "pages": 1, "merged": 3, "review": 1, "deleted_absent": 2,
                                       "conversions": {"tcvn3": 3, "nfd": 1}, "unmapped_types": {"Tài liệu <x>": 2},
                                       "harvest_from": "2026-11-01", "resumed_token": "T-1"})
    import re

    page = admin_client.get(f"/sources/runs/{run.pk}/").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    for said in ("Gộp với tài liệu đã có trong mục lục 3", "Cặp nghi trùng chờ xem xét 1",
                 "Đã xoá ở nguồn nhưng không lưu giữ ở đây 2", "NFD: 1 giá trị; TCVN3: 3 giá trị",
                 "“Tài liệu &lt;x&gt;” (2)", "Thay đổi từ 2026-11-01", "tại token T-1"):
        assert said in text, said


def test_a_member_editor_removes_a_source_of_their_own_on_the_web(client, db):
    """The edit page's button removes the source (what it harvested stays); another member's source is
    refused, a running one is refused with the reason, and a GET removes nothing."""
    from django.utils import timezone

    from stinet.accounts.services import create_user, grant
    from stinet.catalog.models import AuditEntry, Holding, Work
    from stinet.catalog.services import add_organisation
    from stinet.sources.services import add_source

    aaa = add_organisation("AAA", "Tổ chức A", member=True)
    add_organisation("BBB", "Tổ chức B", member=True)
    grant(create_user("editor-a", "mat-khau-dai-2026"), "member_editor", "AAA")
    own = add_source("AAA", "http://127.0.0.1:9/a", label="Kho AAA", allow_private=True)
    other = add_source("BBB", "http://127.0.0.1:9/b", allow_private=True)
    work = Work.objects.create(title="Một", type="article")
    Holding.objects.create(work=work, organisation=aaa, local_id="oai:a:1")
    client.login(username="editor-a", password="mat-khau-dai-2026")
    edit = _text(client.get(f"/sources/{own.pk}/edit/"))
    assert f'action="/sources/{own.pk}/remove/"' in edit and "Gỡ bỏ nguồn" in edit
    assert client.get(f"/sources/{own.pk}/remove/").status_code == 405
    assert client.post(f"/sources/{other.pk}/remove/").status_code == 403
    Source.objects.filter(pk=own.pk).update(status="running", locked_by="elsewhere:1", heartbeat_at=timezone.now())
    refused = client.post(f"/sources/{own.pk}/remove/", follow=True)
    assert f"nguồn {own.pk} đang chạy" in _text(refused) and Source.objects.filter(pk=own.pk).exists()
    Source.objects.filter(pk=own.pk).update(status="idle", locked_by="")
    done = client.post(f"/sources/{own.pk}/remove/", follow=True)
    assert "Đã gỡ bỏ nguồn: Kho AAA" in _text(done)
    assert not Source.objects.filter(pk=own.pk).exists() and Source.objects.filter(pk=other.pk).exists()
    assert Holding.objects.filter(local_id="oai:a:1").exists()
    assert AuditEntry.objects.filter(action="delete", object_type="source", actor_label="editor-a").exists()


def test_stored_messages_are_marked_with_the_language_they_were_recorded_in(admin_client, org, oai_server):
    """A run's error, notes and rejection reasons are kept as the process that ran it wrote them (the
    command line and the worker speak the site's language): the pages mark them with that language, and
    a page in another language says so. Each source's buttons are named after it."""
    from django.utils import translation

    from stinet.sources.services import add_source, run_source
    from tests.sources.conftest import capture, dc_record, page, xml

    oai_server.on(xml(capture("sickle", "Identify.xml")), verb="Identify")
    oai_server.on(xml(page(dc_record("oai:hpu:1", "Một") + dc_record("oai:hpu:2", ""))), verb="ListRecords")
    source = add_source("HPU", oai_server.url, label="Kho <HPU>", allow_private=True)
    with translation.override("vi"):
        run_source(source)
    source.refresh_from_db()
    run = source.last_run
    assert run.report["language"] == "vi"
    english = admin_client.get(f"/sources/runs/{run.pk}/?lang=en").content.decode()
    assert '<span lang="vi">dc.title: thiếu nhan đề</span>' in english
    assert '<ul lang="vi"><li>Identify:' in english and "in the language the run was recorded in" in english
    vietnamese = admin_client.get(f"/sources/runs/{run.pk}/?lang=vi").content.decode()
    assert '<span lang="vi">dc.title: thiếu nhan đề</span>' in vietnamese and "class=\"hint\"" not in vietnamese
    Source.objects.filter(pk=source.pk).update(last_error="lỗi mạng")
    health = admin_client.get("/sources/?lang=en").content.decode()
    assert '<td class="error" lang="vi">lỗi mạng</td>' in health
    ImportRun.objects.filter(pk=run.pk).update(report={**run.report, "language": "en"})  # a new run, in English
    Source.objects.filter(pk=source.pk).update(status="running")  # its error still the run's before, unknown
    assert '<td class="error" lang="vi">lỗi mạng</td>' in admin_client.get("/sources/?lang=en").content.decode()
    assert 'Run now<span class="visually-hidden">: Kho &lt;HPU&gt;</span>' in health
    assert '<span class="visually-hidden">Actions on the source</span></th>' in health


def test_the_address_of_a_repository_that_moved_is_changed_on_its_page(admin_client, org):
    source = Source.objects.create(organisation=org, label="Kho", base_url="http://example.org/oai",
                                   last_datestamp="2024-01-01")
    form = {"label": "Kho", "metadata_prefix": "oai_dc", "set_spec": "", "interval": 30}
    assert 'value="http://example.org/oai"' in _text(admin_client.get(f"/sources/{source.pk}/edit/"))
    admin_client.post(f"/sources/{source.pk}/edit/", {**form, "base_url": ""})  # left empty: kept
    source.refresh_from_db()
    assert source.base_url == "http://example.org/oai" and source.last_datestamp == "2024-01-01"
    admin_client.post(f"/sources/{source.pk}/edit/", {**form, "base_url": "http://93.184.216.34/oai"})
    source.refresh_from_db()
    assert source.base_url == "http://93.184.216.34/oai" and source.last_datestamp == ""  # harvested afresh
    upload = Source.objects.create(organisation=org, label="bang.csv", kind="file", file_path="/tmp/bang.csv")
    assert "id_base_url" not in _text(admin_client.get(f"/sources/{upload.pk}/edit/"))  # a file has no address


def test_an_editor_cannot_point_a_private_mirror_at_the_servers_own_network(client, db):
    """Review 23: the new address was checked with the hub's allow_private of the source, so a member's
    editor could point it at a cloud's metadata address."""
    from stinet.accounts.services import create_user, grant
    from stinet.catalog.services import add_organisation
    from stinet.sources.services import add_source, change_source

    add_organisation("AAA", "Tổ chức A", member=True)
    editor = grant(create_user("editor-a", "mat-khau-dai-2026"), "member_editor", "AAA").user
    mirror = add_source("AAA", "http://10.0.0.5/oai", label="Bản sao", allow_private=True)  # set up by the hub
    form = {"label": "Bản sao", "metadata_prefix": "oai_dc", "set_spec": "", "interval": 30}
    client.login(username="editor-a", password="mat-khau-dai-2026")
    page = _text(client.post(f"/sources/{mirror.pk}/edit/", {**form, "base_url": "http://169.254.169.254/latest"}))
    mirror.refresh_from_db()
    assert mirror.base_url == "http://10.0.0.5/oai" and "169.254.169.254" in page  # refused, said on the page
    assert client.post(f"/sources/{mirror.pk}/edit/", {**form, "base_url": "http://10.0.0.5/oai",
                                                        "interval": 60}).status_code == 302  # the rest changes
    mirror.refresh_from_db()
    assert mirror.interval == 60 and mirror.allow_private
    change_source(mirror, base_url="http://93.184.216.34/oai", user=editor)
    mirror.refresh_from_db()
    assert not mirror.allow_private  # another address from an editor: a public one, and private no more


def test_a_source_whose_host_is_one_word_can_still_be_renamed(admin_client, org):
    """Review 23: Django's URL field refused "http://dspace:8080/oai" (which `source add` takes), so the page
    could save nothing of such a source."""
    source = Source.objects.create(organisation=org, label="Kho", base_url="http://dspace:8080/oai/request",
                                   allow_private=True)
    admin_client.post(f"/sources/{source.pk}/edit/", {"label": "Kho nội bộ", "metadata_prefix": "oai_dc",
                                                      "set_spec": "", "interval": 30,
                                                      "base_url": "http://dspace:8080/oai/request"})
    source.refresh_from_db()
    assert source.label == "Kho nội bộ"


def test_two_sources_saved_under_two_spellings_of_one_address_stay_editable(admin_client, org):
    """Review 23: sources saved before addresses were compared spelling aside refused every change."""
    from stinet.sources.services import change_source

    Source.objects.create(organisation=org, label="A", base_url="http://93.184.216.34/oai")
    second = Source.objects.create(organisation=org, label="B", base_url="http://93.184.216.34/oai/")
    assert change_source(second, label="B mới", interval=60).label == "B mới"
    change_source(second, set_spec="x")  # another list: no other source harvests it
    with pytest.raises(ValueError, match="harvests this list already"):  # back to the first's list: refused
        change_source(second, set_spec="")
