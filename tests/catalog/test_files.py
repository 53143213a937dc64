"""Attaching, downloading, fetching and removing full texts: rules per role, bad inputs, audit."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from django.core.exceptions import PermissionDenied

from stinet.catalog import fileaccess
from stinet.catalog.fileaccess import decide
from stinet.catalog.files import FileRefused, attach_file, change_file, delete_file
from stinet.catalog.models import AuditEntry, Holding, WorkFile
from stinet.vietnamese import encode
from tests.catalog import documents
from tests.catalog.fixtures import ROLES, refetch, work_id


@pytest.fixture(autouse=True)
def _english_refusals():
    """The services' refusals compared in English (the site's default language is Vietnamese)."""
    from django.utils import translation

    with translation.override("en"):
        yield

TEA = "Kỹ thuật trồng cây chè"
NAME = "Luận văn Lê Văn Cường – chè Shan tuyết.pdf"
# (access, embargoed) -> roles that may download
READERS = {
    ("public", False): set(ROLES),
    ("members", False): {"holder_editor", "other_editor", "admin"},
    ("metadata", False): {"holder_editor", "admin"},
    ("public", True): {"holder_editor", "admin"},
    ("members", True): {"holder_editor", "admin"},
}


@pytest.mark.parametrize(("access", "embargoed", "admin", "holder", "member", "refusal"), [
    ("public", False, False, False, False, ""),
    ("public", True, False, False, True, "embargo"),
    ("members", False, False, False, False, "members"),
    ("members", False, False, False, True, ""),
    ("members", True, False, False, True, "embargo"),
    ("metadata", False, False, False, True, "metadata"),
    ("metadata", True, False, True, True, ""),
    ("metadata", True, True, False, True, ""),
    ("secret", False, False, False, True, "metadata"),
])
def test_decision_table(access, embargoed, admin, holder, member, refusal):
    assert decide(access, embargoed, admin=admin, holder_editor=holder, member=member) == refusal


def test_attach_stores_the_file_once_by_content_and_audits(people, media):
    data = documents.pdf()
    f = attach_file(work_id(TEA), data, NAME, access="members", embargo="2030-01-31", by=people["holder_editor"])
    expected = ("HPU", "members", dt.date(2030, 1, 31), "ok")
    assert (f.organisation.code, f.access, f.embargo_until, f.text_status) == expected
    assert f.original_name == NAME and f.pages == 1 and "Hạ Long" in f.text and f.created_by == people["holder_editor"]
    stored = media / f.path
    assert stored.read_bytes() == data and f.path == f"files/{f.sha256[:2]}/{f.sha256}.pdf"
    entry = AuditEntry.objects.get(action="file-attach")
    assert entry.actor_label == "bientap" and entry.after["name"] == NAME
    second = attach_file(work_id("Nghiên cứu đa dạng"), data, "copy.pdf")
    assert second.path == f.path  # same bytes, one stored copy
    delete_file(second.pk)
    assert stored.exists()  # still used by the first file
    delete_file(f.pk)
    assert not stored.exists() and not WorkFile.objects.exists()
    assert AuditEntry.objects.filter(action="file-delete").count() == 2


@pytest.mark.parametrize("role", ["anonymous", "scientist", "other_editor"])
def test_only_admins_and_the_holders_editors_manage_files(people, media, role):
    user = refetch(people[role])
    with pytest.raises(PermissionDenied, match="HPU"):
        attach_file(work_id(TEA), documents.pdf(), "a.pdf", by=user)
    f = attach_file(work_id(TEA), documents.pdf(), "a.pdf", by=people["admin"])
    with pytest.raises(PermissionDenied):
        delete_file(f.pk, by=user)
    with pytest.raises(PermissionDenied):
        change_file(f.pk, access="public", by=user)
    assert WorkFile.objects.count() == 1


@pytest.mark.parametrize(("data", "name", "kwargs", "message"), [
    (b"", "empty.pdf", {}, "empty"),
    (b"<html>not a pdf</html>", "fake.pdf", {}, "not a PDF"),
    (documents.pdf(), "big.pdf", {"max_bytes": 100}, "byte limit"),
    (documents.pdf(), "x.pdf", {"access": "secret"}, "access 'secret'"),
    (documents.pdf(), "x.pdf", {"embargo": "31/12/2030"}, "YYYY-MM-DD"),
    (documents.pdf(), "x.pdf", {"org_code": "TVHP"}, "holds no copy"),
])
def test_bad_inputs_are_refused_in_one_line_and_nothing_is_written(people, media, data, name, kwargs, message):
    with pytest.raises(FileRefused, match=message) as caught:
        attach_file(work_id(TEA), data, name, **kwargs)
    assert "\n" not in str(caught.value)
    assert not WorkFile.objects.exists() and not AuditEntry.objects.filter(action="file-attach").exists()
    assert not any(p.is_file() for p in Path(media).rglob("*")) if Path(media).exists() else True


def test_the_same_file_twice_is_refused(people, media):
    data = documents.pdf()
    attach_file(work_id(TEA), data, "a.pdf")
    with pytest.raises(FileRefused, match="attached to work .* already"):
        attach_file(work_id(TEA), data, "b.pdf")


@pytest.mark.parametrize(("access", "embargoed"), sorted(READERS))
@pytest.mark.parametrize("role", ROLES)
def test_download_rules_per_role(client, people, media, access, embargoed, role):
    until = fileaccess.today() + dt.timedelta(days=30) if embargoed else None
    f = attach_file(work_id(TEA), documents.pdf(), NAME, access=access, embargo=until)
    if role != "anonymous":
        client.force_login(people[role])
    response = client.get(f"/works/{f.work_id}/files/{f.pk}/")
    if role in READERS[(access, embargoed)]:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == (media / f.path).read_bytes()
        assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
        assert f"filename*=utf-8''{quote(NAME)}" in response["Content-Disposition"]
    else:
        assert response.status_code == 403
        page = response.content.decode()
        assert "%PDF" not in page
        assert ("hạn chế truy cập đến ngày" in page) == (embargoed and access == "public" or
                                                        embargoed and role == "other_editor")


def test_an_embargo_opens_on_its_date(client, people, media, monkeypatch):
    today = fileaccess.today()
    f = attach_file(work_id(TEA), documents.pdf(), NAME, embargo=today + dt.timedelta(days=1))
    assert client.get(f"/works/{f.work_id}/files/{f.pk}/").status_code == 403
    monkeypatch.setattr(fileaccess, "today", lambda: today + dt.timedelta(days=1))
    assert client.get(f"/works/{f.work_id}/files/{f.pk}/").status_code == 200


def test_a_file_of_another_work_is_not_served(client, people, media):
    f = attach_file(work_id(TEA), documents.pdf(), NAME)
    assert client.get(f"/works/{work_id('Nghiên cứu đa dạng')}/files/{f.pk}/").status_code == 404


def test_work_page_lists_files_with_access_and_embargo(client, people, media):
    attach_file(work_id(TEA), documents.pdf(), NAME, access="members", embargo="2031-05-01")
    attach_file(work_id(TEA), documents.scanned_pdf(), "scan.pdf")
    page = client.get(f"/works/{work_id(TEA)}/").content.decode()
    assert "Toàn văn" in page and "Thành viên mạng lưới" in page and "2031-05-01" in page
    assert "Tài liệu scan" in page and "chỉ dành cho thành viên" in page and ", 1 trang)" in page
    assert ", 1 page)" in client.get(f"/works/{work_id(TEA)}/", {"lang": "en"}).content.decode()  # not "1 pages"
    assert 'type="file"' not in page  # no upload form for the public
    client.force_login(people["holder_editor"])
    page = client.get(f"/works/{work_id(TEA)}/", {"lang": "vi"}).content.decode()  # English was chosen above
    assert 'type="file"' in page and "Gỡ bỏ" in page


def test_work_page_says_what_was_converted_and_which_pages_are_scanned(client, people, media):
    attach_file(work_id(TEA), documents.tcvn3_pdf(), "tcvn3.pdf")
    attach_file(work_id(TEA), documents.docx([encode(line, "vni") for line in documents.LINES]), "vni.docx")
    partly = documents.joined(documents.pdf(), documents.scanned_pdf(pages=2), documents.pdf(["Kết luận"]))
    attach_file(work_id(TEA), partly, "partscan.pdf")
    attach_file(work_id(TEA), documents.scanned_pdf(), "scan.pdf")
    page = client.get(f"/works/{work_id(TEA)}/", {"lang": "vi"}).content.decode()
    assert "Văn bản đã được chuyển từ mã TCVN3 sang Unicode" in page
    assert "Văn bản đã được chuyển từ mã VNI sang Unicode" in page
    assert ("Một phần là bản scan: trang 2, 3 là ảnh, chưa có chữ (chỉ tra cứu được sau khi nhận dạng OCR); "
            "các trang khác tra cứu được") in page
    assert page.count("Tài liệu scan: chưa tra cứu được nội dung văn bản") == 1  # the scan only
    page = client.get(f"/works/{work_id(TEA)}/", {"lang": "en"}).content.decode()
    assert "Text converted from TCVN3" in page and "Text converted from VNI" in page
    assert ("Partly scanned: pages 2, 3 are images without text (searchable once read by OCR); "
            "the other pages are searchable") in page


def test_editors_upload_and_remove_on_the_work_page(client, people, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/works/{work_id(TEA)}/files/add/"
    upload = SimpleUploadedFile(NAME, documents.pdf(), content_type="application/pdf")
    client.force_login(people["other_editor"])
    assert client.post(url, {"file": upload, "access": "public"}).status_code == 403
    assert client.post(url, {"access": "public"}).status_code == 403  # QA 26: no file sent was a 302 "choose one"
    client.force_login(people["holder_editor"])
    upload.seek(0)
    response = client.post(url, {"file": upload, "access": "members"}, follow=True)
    assert "Đã đính kèm tệp" in response.content.decode()
    f = WorkFile.objects.get()
    assert f.access == "members" and f.created_by == people["holder_editor"]
    bad = SimpleUploadedFile("x.pdf", b"<html></html>")
    response = client.post(url, {"file": bad}, follow=True)
    # refused in the page's language (Vietnamese), as the page's other messages
    assert "x.pdf: không phải tệp PDF, Word (.docx, .doc) hay văn bản (.txt)" in response.content.decode()
    assert WorkFile.objects.count() == 1
    upload.seek(0)
    same = SimpleUploadedFile("again.pdf", upload.read())  # the bytes attached above
    said = client.post(url, {"file": same}, follow=True).content.decode()
    assert f"again.pdf: tệp này đã được đính kèm vào tài liệu {f.work_id}" in said
    client.post(f"/works/{f.work_id}/files/{f.pk}/delete/")
    assert not WorkFile.objects.exists()


def test_an_upload_naming_an_unknown_organisation_is_refused_on_the_page(client, people, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(FileRefused, match="^organisation 'NOPE' does not exist$"):
        attach_file(work_id(TEA), documents.pdf(), "a.pdf", org_code="NOPE")
    client.force_login(people["holder_editor"])
    upload = SimpleUploadedFile(NAME, documents.pdf(), content_type="application/pdf")
    response = client.post(f"/works/{work_id(TEA)}/files/add/", {"file": upload, "org": "NOPE"}, follow=True)
    assert response.status_code == 200  # was a 500: the CatalogError of the lookup escaped the view
    assert "không có tổ chức &#x27;NOPE&#x27;" in response.content.decode()
    assert not WorkFile.objects.exists()


def test_refusals_of_the_file_services_and_commands_are_said_in_vietnamese(client, people, media, tmp_path,
                                                                         monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    from stinet.catalog import fulltext
    from stinet.catalog.files import ocr_file
    from stinet.cli import main

    client.force_login(people["other_editor"])
    upload = SimpleUploadedFile(NAME, documents.pdf(), content_type="application/pdf")
    page = client.post(f"/works/{work_id(TEA)}/files/add/", {"file": upload}).content.decode()
    assert "chỉ quản trị mạng lưới và biên tập viên của HPU mới quản lý tệp" in page
    f = attach_file(work_id(TEA), documents.docx(), "a.docx")
    runner = CliRunner()
    with translation.override("vi"):
        with pytest.raises(FileRefused, match=f"^tệp {f.pk}: OCR chỉ đọc tệp PDF quét, không đọc .docx$"):
            ocr_file(f.pk)
        Holding.objects.filter(work_id=work_id("Nghiên cứu đa dạng")).delete()
        with pytest.raises(FileRefused, match="chưa có tổ chức nào lưu giữ tài liệu"):  # was "held by nobody"
            attach_file(work_id("Nghiên cứu đa dạng"), documents.pdf(), "a.pdf")
        out = runner.invoke(main, ["files", "list", "99999"])
        assert out.exit_code == 1 and out.output.strip() == "stinet: error: không có tài liệu 99999"
        monkeypatch.setattr(fulltext, "ocr_available", lambda: False)
        out = runner.invoke(main, ["files", "ocr"])
        assert out.exit_code == 1 and "OCR cần tesseract" in out.output


class _Site(http.server.BaseHTTPRequestHandler):
    """A member's repository on the loopback address: a PDF, a landing page, a page without a PDF."""

    pdf = b""

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        """Serve the three paths."""
        pages = {"/bitstream/thesis.pdf": (self.pdf, "application/octet-stream"),
                 "/handle/1": (b'<html><head><meta name="citation_pdf_url" content="/bitstream/thesis.pdf">'
                               b"</head></html>", "text/html"),
                 "/handle/2": (b"<html><body>no file here</body></html>", "text/html")}
        body, kind = pages.get(self.path, (b"", ""))
        self.send_response(200 if kind else 404)
        self.send_header("Content-Type", kind or "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def site():
    """The repository, serving on 127.0.0.1 for the test."""
    _Site.pdf = documents.pdf()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_downloads_linked_pdfs_following_landing_pages(people, media, site):
    from stinet.catalog.filefetch import fetch_organisation

    Holding.objects.filter(work_id=work_id(TEA)).update(url=f"{site}/handle/1", access="members")
    Holding.objects.filter(work_id=work_id("Nghiên cứu đa dạng")).update(url=f"{site}/handle/2")
    Holding.objects.filter(work_id=work_id("Thi truong")).update(url=f"{site}/missing.pdf")
    report = fetch_organisation("HPU", allow_private=True)
    assert [w for w, _url in report.attached] == [work_id(TEA)]
    reasons = sorted(why.split(": ", 1)[1] for _w, _u, why in report.failed)
    assert reasons[0] == "HTTP 404" and reasons[1].startswith("not a PDF or Word file")
    f = WorkFile.objects.get()
    assert (f.access, f.original_name, f.source_url) == ("members", "thesis.pdf", f"{site}/handle/1")
    again = fetch_organisation("HPU", allow_private=True)
    assert not again.attached and len(again.skipped) == 1


def test_fetch_refuses_internal_addresses_unless_allowed(people, media, site):
    from stinet.catalog.filefetch import fetch_organisation

    Holding.objects.filter(work_id=work_id(TEA)).update(url=f"{site}/bitstream/thesis.pdf")
    report = fetch_organisation("HPU")
    assert not report.attached and "internal address" in report.failed[0][2]
    with pytest.raises(PermissionDenied):
        fetch_organisation("HPU", allow_private=True, by=refetch(people["other_editor"]))


def test_fetch_says_why_a_document_is_refused(people, media, site):
    """A ZIP archive that is no Word document is said as such, not as a page without a citation_pdf_url."""
    import io
    import zipfile

    from stinet.catalog.filefetch import FetchRefused, fetch_document

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("data.csv", "a,b\n1,2\n")
    _Site.pdf = archive.getvalue()
    with pytest.raises(FetchRefused) as refused:
        fetch_document(f"{site}/bitstream/thesis.pdf", allow_private=True)
    assert "citation_pdf_url" not in str(refused.value) and "ZIP" in str(refused.value)


def test_fetch_caps_the_size(people, media, site):
    from stinet.catalog.filefetch import FetchRefused, fetch_document

    with pytest.raises(FetchRefused, match="byte limit"):
        fetch_document(f"{site}/bitstream/thesis.pdf", allow_private=True, max_bytes=200)


def test_cli_attach_list_set_and_errors(people, media, tmp_path):
    from stinet.cli import main

    path = tmp_path / NAME
    path.write_bytes(documents.tcvn3_pdf())
    runner = CliRunner()
    out = runner.invoke(main, ["files", "attach", str(work_id(TEA)), str(path), "--access", "members",
                               "--embargo", "2030-01-01"])
    assert out.exit_code == 0, out.output
    assert "members embargo until 2030-01-01 converted" in out.output
    listed = runner.invoke(main, ["files", "list", str(work_id(TEA))])
    assert NAME in listed.output and "text converted from TCVN3" in listed.output
    f = WorkFile.objects.get()
    changed = runner.invoke(main, ["files", "set", str(f.pk), "--access", "public", "--no-embargo"])
    assert changed.exit_code == 0 and "public" in changed.output and "embargo" not in changed.output.split("]")[1]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"")
    out = runner.invoke(main, ["files", "attach", str(work_id(TEA)), str(bad)])
    assert out.exit_code == 1 and out.output.strip() == "stinet: error: bad.pdf: the file is empty"
    out = runner.invoke(main, ["files", "attach", "999999", str(path)])
    assert out.exit_code == 1 and "work 999999 does not exist" in out.output


def test_cli_ocr_reads_scanned_files(people, media, tmp_path):
    from stinet.catalog.fulltext import ocr_available
    from stinet.cli import main

    if not ocr_available():
        pytest.skip("tesseract with the Vietnamese model (tesseract-ocr-vie) is not installed")
    f = attach_file(work_id(TEA), documents.scanned_pdf("Nghiên cứu cây chè Shan tuyết", pages=1), "scan.pdf")
    assert f.text_status == "scanned"
    out = CliRunner().invoke(main, ["files", "ocr"])
    assert out.exit_code == 0 and "read 1 of 1 files" in out.output
    f.refresh_from_db()
    assert f.text_status == "ocr" and "Shan" in f.text
    assert AuditEntry.objects.filter(action="file-ocr").exists()


def test_cli_lines_and_fetch_refusals_are_said_in_the_site_language(people, media, site, tmp_path):
    from django.utils import translation

    from stinet.catalog.filefetch import fetch_organisation
    from stinet.cli import main

    path = tmp_path / NAME
    path.write_bytes(documents.tcvn3_pdf())
    runner = CliRunner()
    Holding.objects.filter(work_id=work_id("Thi truong")).update(url=f"{site}/missing.pdf")
    with translation.override("vi"):
        added = runner.invoke(main, ["files", "attach", str(work_id(TEA)), str(path), "--embargo", "2030-01-01"])
        released = runner.invoke(main, ["files", "release"])
        lines = fetch_organisation("HPU", allow_private=True).lines()
    assert added.exit_code == 0 and added.output.startswith("đã đính kèm [")
    assert "hạn chế truy cập đến 2030-01-01" in added.output and " byte " in added.output
    assert released.output == "đã mở các tệp của 0 tài liệu\n"
    assert lines[0] == "đã đính kèm 0, bỏ qua 0, thất bại 1"
    assert lines[1].startswith(f"  thất bại ở tài liệu {work_id('Thi truong')}: {site}/missing.pdf: ")


def test_the_work_api_lists_its_files_with_their_address_for_those_who_may_open_them(people, media, client):
    public = attach_file(work_id(TEA), documents.pdf(), "toan-van.pdf")
    closed = attach_file(work_id(TEA), documents.pdf(["Ban cho thanh vien"]), "thanh-vien.pdf", access="members")
    shown = {f["id"]: f for f in client.get(f"/api/works/{work_id(TEA)}", {"lang": "en"}).json()["files"]}
    assert shown[public.pk]["url"] == f"http://testserver/works/{work_id(TEA)}/files/{public.pk}/"
    assert (shown[public.pk]["access"], shown[public.pk]["refusal"], shown[public.pk]["org"]) == ("public", "", "HPU")
    assert shown[closed.pk]["url"] is None and "members of the network only" in shown[closed.pk]["refusal"]
    client.force_login(people["admin"])
    shown = {f["id"]: f for f in client.get(f"/api/works/{work_id(TEA)}").json()["files"]}
    assert shown[closed.pk]["url"] and shown[closed.pk]["access_label"] == "Thành viên mạng lưới"
    assert client.get(shown[closed.pk]["url"]).status_code == 200
