"""The work page: every creator role shown, citation tags with the PDF, and a 404 page in the site's layout."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest

from stinet.catalog.fileaccess import today
from stinet.catalog.models import Work

pytestmark = pytest.mark.django_db

CORAL = "Nghiên cứu đa dạng"


def tags(page: str, name: str) -> list[str]:
    """The contents of the <meta name=...> tags of a page."""
    return [html.unescape(v) for v in re.findall(rf'<meta name="{name}" content="([^"]*)">', page)]


def jsonld(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))


@pytest.fixture
def report(catalogue) -> Work:
    """The coral report with an author, an editor, a translator and two contributors (as a task's result has them)."""
    work = Work.objects.get(title__startswith=CORAL)
    Work.objects.filter(pk=work.pk).update(creators=[
        {"name": "Nguyễn Văn An", "role": "author"}, {"name": "Trần Thị Bình", "role": "editor"},
        {"name": "Hồ Thị Lan", "role": "translator"}, {"name": "Lê Văn Cường", "role": "contributor"},
        {"name": "Phạm Văn Dũng", "role": "contributor"}])
    return work


def test_every_role_is_shown_with_its_label(client, report):
    page = client.get(f"/works/{report.pk}/").content.decode()
    assert "<dt>Tác giả</dt><dd>Nguyễn Văn An</dd>" in page
    assert "<dt>Chủ biên, biên tập</dt><dd>Trần Thị Bình</dd>" in page
    assert "<dt>Người dịch</dt><dd>Hồ Thị Lan</dd>" in page
    assert "<dt>Người tham gia</dt><dd>Lê Văn Cường; Phạm Văn Dũng</dd>" in page
    english = client.get(f"/works/{report.pk}/?lang=en").content.decode()
    assert "<dt>Authors</dt><dd>Nguyễn Văn An</dd>" in english and "<dt>Editors</dt><dd>Trần Thị Bình</dd>" in english
    assert "<dt>Contributors</dt><dd>Lê Văn Cường; Phạm Văn Dũng</dd>" in english
    assert "<dt>Translators</dt><dd>Hồ Thị Lan</dd>" in english


def test_editors_and_contributors_are_exported_as_such(client, report):
    page = client.get(f"/works/{report.pk}/").content.decode()
    assert tags(page, "citation_author") == ["Nguyễn, Văn An"]
    assert tags(page, "citation_editor") == ["Trần, Thị Bình"]
    data = jsonld(page)
    assert [a["name"] for a in data["author"]] == ["Nguyễn Văn An"]
    assert [e["name"] for e in data["editor"]] == ["Trần Thị Bình"]
    assert [t["name"] for t in data["translator"]] == ["Hồ Thị Lan"]
    assert [c["name"] for c in data["contributor"]] == ["Lê Văn Cường", "Phạm Văn Dũng"]
    text = client.get(f"/works/{report.pk}/cite.ris").content.decode()
    assert ("AU  - Nguyễn, Văn An\r\nED  - Trần, Thị Bình\r\nA4  - Hồ, Thị Lan\r\nA4  - Lê, Văn Cường\r\n"
            "A4  - Phạm, Văn Dũng\r\n") in text
    bib = client.get(f"/works/{report.pk}/cite.bib").content.decode()
    assert "author = {Nguyễn, Văn An}" in bib and "editor = {Trần, Thị Bình}" in bib
    assert "Cường" not in bib and "Lan" not in bib


def test_an_article_names_its_journal(client, org, write_csv):
    from stinet.ingest.services import import_file
    from tests.conftest import row

    import_file(write_csv([row("Rạn san hô Cát Bà", id="a1", dc_type="Bài báo", dc_date_issued="2019-06",
                               dc_contributor_author="Nguyễn, Đức Tài", dc_identifier_issn="1859-3097",
                               dc_publisher="Tạp chí Khoa học và Công nghệ Biển")]), "HPU")
    page = client.get(f"/works/{Work.objects.get().pk}/").content.decode()
    assert tags(page, "citation_journal_title") == ["Tạp chí Khoa học và Công nghệ Biển"]
    assert tags(page, "citation_author") == ["Nguyễn, Đức Tài"]
    assert tags(page, "citation_publication_date") == ["2019"] and jsonld(page)["datePublished"] == "2019-06"


@pytest.fixture
def attach(catalogue, settings, tmp_path):
    """Attach a file to the coral report for HPU (files stored in the test's own folder)."""
    from stinet.catalog.files import attach_file

    settings.MEDIA_ROOT = tmp_path / "media"

    def attach_(data: bytes, name: str, **options) -> int:
        return attach_file(Work.objects.get(title__startswith=CORAL).pk, data, name, org_code="HPU", **options).pk

    return attach_


def test_citation_pdf_url_of_the_first_public_pdf_only(client, attach):
    from tests.catalog.documents import pdf

    attach(b"Ghi chu ve ran san ho.\n" * 20, "ghi-chu.txt")  # public, but no PDF
    attach(pdf(["Ban rieng cho thanh vien"]), "thanh-vien.pdf", access="members")
    attach(pdf(["Ban bi phong toa"]), "phong-toa.pdf", embargo=today() + dt.timedelta(days=30))
    first = attach(pdf(["Toan van cong khai"]), "toan-van.pdf")
    attach(pdf(["Phu luc cong khai"]), "phu-luc.pdf")
    work = Work.objects.get(title__startswith=CORAL)
    page = client.get(f"/works/{work.pk}/").content.decode()
    assert tags(page, "citation_pdf_url") == [f"http://testserver/works/{work.pk}/files/{first}/"]
    assert client.get(f"/works/{work.pk}/files/{first}/").status_code == 200


def test_no_citation_pdf_url_without_a_public_pdf(client, attach):
    from tests.catalog.documents import pdf

    attach(pdf(), "metadata.pdf", access="metadata")
    work = Work.objects.get(title__startswith=CORAL)
    assert tags(client.get(f"/works/{work.pk}/").content.decode(), "citation_pdf_url") == []


def test_the_work_page_with_files_keeps_its_query_count(client, attach, django_assert_max_num_queries):
    from tests.catalog.documents import pdf

    attach(pdf(), "toan-van.pdf")
    work = Work.objects.get(title__startswith=CORAL)
    with django_assert_max_num_queries(5):
        assert client.get(f"/works/{work.pk}/").status_code == 200


@pytest.mark.parametrize("path", ["/works/999999/", "/orgs/NOPE/", "/khong-co-trang-nay/"])
def test_not_found_in_the_site_layout_in_vietnamese_then_english(client, catalogue, path):
    response = client.get(path)
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="vi">' in page and '<header class="top">' in page and 'name="q"' in page
    assert "<h1>Không tìm thấy trang</h1>" in page and "Not Found" not in page
    english = client.get(path, {"lang": "en"})
    assert english.status_code == 404 and "<h1>Page not found</h1>" in english.content.decode()


def test_api_not_found_stays_json(client, catalogue):
    response = client.get("/api/works/999999")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_an_unknown_api_path_answers_json_too(client, db):
    response = client.get("/api/nope")
    assert response.status_code == 404 and response.json() == {"detail": "/api/nope: không có endpoint hay bản ghi này"}
    english = client.get("/api/nope", {"lang": "en"})
    assert english.status_code == 404 and english.json() == {"detail": "/api/nope: no such endpoint or record"}


def test_the_journal_of_an_article_is_named_so(client, org, write_csv):
    from stinet.ingest.services import import_file
    from tests.conftest import row

    import_file(write_csv([row("Rạn san hô", id="j1", dc_type="Bài báo", dc_publisher="Tạp chí Khoa học Biển")],
                          "j.csv"), "HPU")
    page = client.get(f"/works/{Work.objects.get().pk}/").content.decode()
    assert "<dt>Tạp chí</dt><dd>Tạp chí Khoa học Biển</dd>" in page


def test_names_stinet_gives_its_own_values_are_in_the_page_language(client, db):
    work = Work.objects.create(type="report", title="Kết quả nhiệm vụ", title_sort="ket qua",
                               identifiers={"task": ["ĐT-2026-001"], "isbn": ["978-604-0-00000-0"]},
                               extra={"Cấp nhiệm vụ": "Cấp tỉnh", "Tên tạp chí cũ": "x"})
    page = client.get(f"/works/{work.pk}/").content.decode()
    assert "<dt>Mã nhiệm vụ</dt><dd>ĐT-2026-001</dd>" in page and "<dt>Cấp nhiệm vụ</dt>" in page
    english = client.get(f"/works/{work.pk}/", {"lang": "en"}).content.decode()
    assert "<dt>Task code</dt>" in english and "<dt>Task level</dt><dd>Cấp tỉnh</dd>" in english
    assert "<dt>ISBN</dt>" in english and "<dt>Tên tạp chí cũ</dt>" in english  # a member's own column: its name


def test_a_doi_links_to_doi_org_and_an_http_uri_to_itself(client, catalogue):
    """QA 16b: both were plain text; an identifier of another scheme stays text."""
    work = Work.objects.get(title__startswith=CORAL)
    work.identifiers = {"doi": ["doi:10.5555/18591868.2010.52020"], "uri": ["https://hpu.example.vn/handle/1/15"],
                        "other": ["javascript:alert(1)"], "isbn": ["978-604-0-00000-0"]}
    work.save()
    page = client.get(f"/works/{work.pk}/").content.decode()
    assert '<a href="https://doi.org/10.5555/18591868.2010.52020" rel="nofollow noopener">doi:10.5555/' in page
    assert '<a href="https://hpu.example.vn/handle/1/15" rel="nofollow noopener">' in page
    assert 'href="javascript' not in page and "<dd>978-604-0-00000-0</dd>" in page
