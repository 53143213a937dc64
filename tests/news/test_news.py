"""News and events: the services' rules, the public list (upcoming events first), item pages, escaping,
the editors' pages, the home page's latest items, the RSS feed and the demo items."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from stinet.accounts.services import create_user, grant
from stinet.catalog.models import AuditEntry
from stinet.news import demo
from stinet.news.models import NewsItem
from stinet.news.services import Draft, NewsError, clean_draft, delete_item, save_item
from tests.forms import form_problems

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-pass-phrase-42"
SOON = timezone.now() + timedelta(days=3)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db):
    """A task manager: writes news."""
    return grant(create_user("quanly", PASSWORD), "task_manager").user


@pytest.mark.parametrize(("draft", "message"), [
    (Draft(title="  "), "title: must not be empty"),
    (Draft(title="x", kind="blog"), "kind 'blog'"),
    (Draft(title="x", kind="training"), "needs a start"),
    (Draft(title="x", kind="event", starts_at=SOON, ends_at=SOON - timedelta(hours=1)), "before the start"),
    (Draft(title="x", ends_at=SOON), "before the start"),
    (Draft(title="x", body="Tin. " * 20000), "body: 99,999 characters, at most 50,000"),  # QA 26: 2 MB kept
    (Draft(title="x" * 301), "title: 301 characters, at most 300"),
])
@translation.override("en")  # the refusals compared in English
def test_bad_items_are_refused(draft, message):
    with pytest.raises(NewsError, match=message):
        clean_draft(draft)


def test_text_is_stored_nfc_and_trimmed():
    clean = clean_draft(Draft(title=" Tập   huấn\u00a0", body="Đoạn 1  \r\n\r\nĐoạn 2\n\n", summary="Tóm tắt"))
    decomposed = clean_draft(Draft(title="Tâ\u0323p huấn"))
    assert clean.title == "Tập huấn" and clean.body == "Đoạn 1\n\nĐoạn 2" and decomposed.title == "Tập huấn"


def test_saving_slugs_dates_and_audits(editor):
    first = save_item(Draft(title="Hội thảo đa dạng sinh học", body="a"), by=editor)
    assert first.slug == "hoi-thao-da-dang-sinh-hoc" and first.published_at is None and first.author == editor
    second = save_item(Draft(title="Hội thảo đa dạng sinh học"), by=editor)
    assert second.slug == "hoi-thao-da-dang-sinh-hoc-2"
    assert save_item(Draft(title="Manage"), by=editor).slug == "manage-2"  # not a page of the section
    published = save_item(Draft(title="Hội thảo đa dạng sinh học", body="b", published=True), first, by=editor)
    stamp = published.published_at
    assert stamp is not None and published.slug == first.slug
    again = save_item(Draft(title="Sửa lại", published=True), published, by=editor)
    assert again.published_at == stamp  # the first publication dates it
    change = AuditEntry.objects.filter(object_type="newsitem", object_id=str(first.pk), action="change").first()
    assert change.before["body"] == "b" and change.after["title"] == "Sửa lại" and change.actor == editor
    delete_item(again, by=editor)
    assert AuditEntry.objects.get(action="delete", object_type="newsitem").before["title"] == "Sửa lại"


def test_the_list_shows_upcoming_events_first_then_news(client):
    now = timezone.now()
    old = save_item(Draft(title="Tin cũ", published=True))
    course = save_item(Draft(title="Khoá học sắp tới", kind="training", starts_at=now + timedelta(days=20),
                             ends_at=now + timedelta(days=21), place="Hải Phòng", published=True))
    workshop = save_item(Draft(title="Hội thảo tuần sau", kind="event", starts_at=now + timedelta(days=5),
                               published=True))
    past = save_item(Draft(title="Hội thảo đã qua", kind="event", starts_at=now - timedelta(days=30),
                           ends_at=now - timedelta(days=29), published=True))
    running = save_item(Draft(title="Khoá học đang diễn ra", kind="training", starts_at=now - timedelta(days=1),
                              ends_at=now + timedelta(days=1), published=True))
    save_item(Draft(title="Bản nháp bí mật"))
    response = client.get("/news/")
    assert [i.title for i in response.context["upcoming"]] == [running.title, workshop.title, course.title]
    assert [i.title for i in response.context["page"]] == [past.title, old.title]
    page = response.content.decode()
    assert "Bản nháp bí mật" not in page and page.index("Khoá học sắp tới") < page.index("Tin cũ")
    assert "Hải Phòng" in page


def test_user_text_is_escaped_and_paragraphs_kept(client):
    item = save_item(Draft(title="<b>Tiêu đề</b>", summary="<img src=x onerror=alert(1)>",
                           body="Đoạn <script>alert(1)</script>\n\nXem https://stinet.example/a", published=True))
    page = client.get(f"/news/{item.slug}/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page and "<b>Tiêu đề</b>" not in page
    assert page.count("<p>") >= 2 and '<a href="https://stinet.example/a"' in page


def test_drafts_are_hidden_from_the_public_and_shown_to_editors(client, editor):
    draft = save_item(Draft(title="Bản nháp"))
    assert client.get(f"/news/{draft.slug}/").status_code == 404
    client.force_login(editor)
    assert client.get(f"/news/{draft.slug}/").status_code == 200
    assert "Bản nháp" in client.get("/news/manage/").content.decode()


def test_an_editor_writes_changes_and_deletes_through_the_pages(client, editor):
    client.force_login(editor)
    form = {"title": "Tập huấn OAI-PMH", "kind": "training", "summary": "Hai buổi",
            "body": "Nội dung", "starts_at": "2031-03-02T08:30", "ends_at": "2031-03-03T16:30",
            "place": "Sở KH&CN", "published": "on"}
    created = client.post("/news/new/", form)
    item = NewsItem.objects.get()
    assert created.status_code == 302 and created.url == f"/news/{item.slug}/"
    assert timezone.localtime(item.starts_at).strftime("%Y-%m-%d %H:%M") == "2031-03-02 08:30"
    assert client.get(f"/news/{item.slug}/edit/").context["form"].initial["place"] == "Sở KH&CN"
    bad = client.post(f"/news/{item.slug}/edit/", {**form, "ends_at": "2031-03-01T08:00"})
    assert bad.status_code == 400 and "thời gian kết thúc: không được trước thời gian bắt đầu" in bad.content.decode()
    client.post(f"/news/{item.slug}/edit/", {**form, "title": "Tập huấn OAI-PMH (đổi lịch)"})
    item.refresh_from_db()
    assert item.title == "Tập huấn OAI-PMH (đổi lịch)"
    assert client.post(f"/news/{item.slug}/delete/").url == "/news/manage/"
    assert not NewsItem.objects.exists()


def test_the_home_page_shows_the_three_latest_items(client, catalogue):
    for n in range(5):
        save_item(Draft(title=f"Tin số {n}", published=True))
    save_item(Draft(title="Tin chưa đăng"))
    page = client.get("/").content.decode()
    assert all(f"Tin số {n}" in page for n in (2, 3, 4)) and "Tin số 1" not in page and "Tin chưa đăng" not in page
    assert 'href="/news/"' in page  # the nav link and "all news"


def test_the_rss_feed_lists_published_items(client):
    save_item(Draft(title="Tin đăng", summary="Tóm tắt <b>", published=True))
    save_item(Draft(title="Tin nháp"))
    response = client.get("/news/feed/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "Tin đăng" in body and "Tin nháp" not in body and "Tóm tắt &lt;b&gt;" in body


def test_the_demo_items_load_once():
    lines = list(demo.load())
    assert lines[0] == "tin tức: 4 tin mẫu (một khóa tập huấn thu thập OAI-PMH, một hội thảo)"
    assert NewsItem.objects.published().upcoming().filter(kind="training", title__contains="OAI-PMH").exists()
    assert NewsItem.objects.filter(kind="event").exists() and NewsItem.objects.filter(published=False).exists()
    count = NewsItem.objects.count()
    assert "đã có tin" in list(demo.load())[0] and NewsItem.objects.count() == count


def test_the_editor_s_errors_are_tied_to_their_fields(client, editor):
    client.force_login(editor)
    page = client.post("/news/new/", {"title": "", "kind": "news", "starts_at": "x"}).content.decode()
    assert 'aria-describedby="id_title_error"' in page and form_problems(page) == []


def test_dates_read_day_first_in_vietnamese_and_with_the_months_name_in_english(client):
    """QA 21: the English pages wrote 08/12/2026 (8 December), which some English readers take for 12 August."""
    from datetime import datetime

    starts = datetime(2031, 12, 8, 8, 30, tzinfo=timezone.get_current_timezone())
    item = save_item(Draft(title="Hội thảo", kind="event", starts_at=starts, published=True))
    assert "08/12/2031 08:30" in client.get(f"/news/{item.slug}/").content.decode()
    english = client.get(f"/news/{item.slug}/", {"lang": "en"}).content.decode()
    assert "8 Dec 2031, 08:30" in english and "08/12/2031" not in english
