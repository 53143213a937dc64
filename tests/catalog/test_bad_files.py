"""Files that are not what they claim to be, damaged, locked or inflating without end: refused in one
line before anything is stored; real documents without a text layer are still taken."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner

from stinet.catalog.files import FileRefused, attach_file
from stinet.catalog.fulltext import DOC, DOCX, PDF, TXT, FileError, extract, sniff
from stinet.catalog.models import AuditEntry, WorkFile
from tests.catalog import documents
from tests.catalog.fixtures import work_id
from tests.conftest import shared_path

TEA = "Kỹ thuật trồng cây chè"
XLS = Path(__file__).resolve().parents[1] / "ingest" / "data" / "dates.xls"
CORPUS = ("conformance", "legacy-vietnamese", "viparse-corpus", "corpus")


@pytest.fixture(autouse=True)
def _english_refusals():
    """The refusals compared in English (the site's default language is Vietnamese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _locked_pdf(user_password: str, algorithm: str = "RC4-128") -> bytes:
    """A PDF encrypted with these passwords (AES needs the `cryptography` package, a dependency)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(documents.pdf())))
    writer.encrypt(user_password=user_password, owner_password="chủ sở hữu", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _renamed_stream(data: bytes, old: str, new: str) -> bytes:
    """An OLE file with one directory entry renamed (names are UTF-16 in 64 bytes, then their length)."""
    at = data.index(old.encode("utf-16-le") + b"\0\0")
    name = new.encode("utf-16-le") + b"\0\0"
    return data[:at] + name.ljust(64, b"\0") + struct.pack("<H", len(name)) + data[at + 66:]


def _with_password_flag(data: bytes) -> bytes:
    """A Word 97-2003 file whose FIB says it is encrypted (fEncrypted, as a password to open sets)."""
    at = next(i for i in range(0, len(data), 512) if data[i:i + 2] == b"\xec\xa5")  # the WordDocument stream
    flags = struct.unpack_from("<H", data, at + 0x0A)[0] | 0x0100
    return data[:at + 0x0A] + struct.pack("<H", flags) + data[at + 0x0C:]


@pytest.mark.parametrize(("data", "message"), [
    (b"%PDF-1.4\n" + b"\x00garbage" * 100, "a damaged PDF that cannot be opened"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "a damaged PDF that cannot be opened"),
])
def test_a_pdf_that_does_not_open_is_refused(data, message):
    assert sniff(data, "luan-van.pdf") == PDF
    with pytest.raises(FileError, match=f"^luan-van.pdf: {message}$"):
        extract(data, PDF, "luan-van.pdf")


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])  # AES: what Acrobat and Word write today
def test_a_pdf_locked_by_a_password_is_refused_one_restricted_by_its_owner_is_read(algorithm):
    with pytest.raises(FileError, match="^x.pdf: the PDF is protected by a password: attach a copy without one$"):
        extract(_locked_pdf("mật khẩu", algorithm), PDF, "x.pdf")
    found = extract(_locked_pdf("", algorithm), PDF, "x.pdf")  # opens without a password: copy or print restricted
    assert found.status == "ok" and "Hạ Long" in found.text


def test_a_scan_is_no_damaged_pdf():
    found = extract(documents.scanned_pdf(), PDF, "scan.pdf")
    assert found.status == "scanned" and found.pages == 2


def test_office_files_that_are_not_word_documents_are_refused():
    xls = XLS.read_bytes()
    with pytest.raises(FileError, match=r"^sheet.doc: an Office file that is not a Word document \(.doc\)$"):
        sniff(xls, "sheet.doc")
    with pytest.raises(FileError, match="^locked.docx: the Word document is protected by a password"):
        sniff(_renamed_stream(xls, "Workbook", "EncryptedPackage"), "locked.docx")  # as Word saves one
    with pytest.raises(FileError, match="^broken.doc: a damaged Office file that cannot be opened$"):
        sniff(xls[:600], "broken.doc")


def test_a_powerpoint_file_named_doc_is_refused():
    ppt = shared_path(*CORPUS, "vni", "2009-Van-ban-phap-quy-2-_10-02-09.ppt").read_bytes()
    with pytest.raises(FileError, match="not a Word document"):
        sniff(ppt, "slides.doc")


def test_a_word_document_locked_by_a_password_is_refused():
    doc = shared_path(*CORPUS, "tcvn3", "2004-0328NDCP.doc").read_bytes()
    assert sniff(doc, "a.doc") == DOC
    with pytest.raises(FileError, match="^a.doc: the Word document is protected by a password"):
        sniff(_with_password_flag(doc), "a.doc")


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"%PDF-1.4\n" + b"\x00garbage" * 100, "garbage.pdf", "damaged PDF"),
    (XLS.read_bytes(), "sheet.doc", "not a Word document"),
    (_locked_pdf("secret"), "locked.pdf", "protected by a password"),
])
def test_attaching_such_a_file_stores_nothing(people, media, data, name, message):
    with pytest.raises(FileRefused, match=f"^{name}: .*{message}"):
        attach_file(work_id(TEA), data, name)
    assert not WorkFile.objects.exists() and not AuditEntry.objects.filter(action="file-attach").exists()
    assert not Path(media).exists() or not any(p.is_file() for p in Path(media).rglob("*"))


def test_the_command_refuses_with_one_line_and_exit_1(people, media, tmp_path):
    from stinet.cli import main

    bad = tmp_path / "garbage.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    out = CliRunner().invoke(main, ["files", "attach", str(work_id(TEA)), str(bad)])
    assert out.exit_code == 1 and out.output == "stinet: error: garbage.pdf: a damaged PDF that cannot be opened\n"
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(documents.scanned_pdf())
    out = CliRunner().invoke(main, ["files", "attach", str(work_id(TEA)), str(scan)])
    assert out.exit_code == 0 and " scanned 2 p. " in out.output


# ZIP bombs, lying headers and texts without end (the budgets of stinet.catalog.fulltext and wordxml)

def _docx_with(xml_body: bytes = b"", extra: dict[str, bytes] | None = None, entries: int = 0) -> bytes:
    """A real .docx whose document.xml body starts with `xml_body`, with extra parts or empty entries."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(documents.docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + xml_body)
            archive.writestr(item, data)
        for part, data in (extra or {}).items():
            archive.writestr(part, data)
        for i in range(entries):
            archive.writestr(zipfile.ZipInfo(f"customXml/{i}.xml"), b"")
    return out.getvalue()


def _paragraphs(text: str, count: int) -> bytes:
    """`count` paragraphs of `text` as WordprocessingML."""
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode() * count


def _lying(data: bytes, part: str, size: int) -> bytes:
    """A ZIP whose headers (local and central) declare `size` inflated bytes for `part`."""
    name = part.encode()
    local, central = data.index(name) - 30, data.rindex(name) - 46  # the name follows each header
    assert data[local:local + 4] == b"PK\x03\x04" and data[central:central + 4] == b"PK\x01\x02"
    data = data[:local + 22] + struct.pack("<I", size) + data[local + 26:]
    return data[:central + 24] + struct.pack("<I", size) + data[central + 28:]


def test_a_docx_whose_text_inflates_past_the_cap_is_refused_at_once(monkeypatch):
    import zipfile

    bomb = _docx_with(_paragraphs("a" * 1000, 66_000))  # ~66 MB of XML in a file of ~0.2 MB
    assert len(bomb) < 500_000
    opened, open_member = [], zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, name, *a, **k: (
        opened.append(getattr(name, "filename", name)), open_member(self, name, *a, **k))[1])
    with pytest.raises(FileError, match=r"^bomb.docx: the text of the Word document \(word/document.xml\) "
                                        r"inflates to more than 64 MB$"):
        extract(bomb, sniff(bomb, "bomb.docx"), "bomb.docx")
    assert "word/document.xml" not in opened  # the declared size says it: nothing is inflated


def test_headers_that_lie_about_the_size_do_not_get_the_text_in(monkeypatch):
    from stinet.catalog import wordxml

    bomb = _docx_with(_paragraphs("a" * 1000, 3_000))  # 3 MB of XML
    lying = _lying(bomb, "word/document.xml", 4096)  # zipfile stops at the declared size: the CRC fails
    with pytest.raises(FileError, match=r"^x.docx: a damaged Word document \(.docx\) that cannot be read$"):
        extract(lying, sniff(lying, "x.docx"), "x.docx")
    # and the stream that reads the XML stops at the cap whatever the headers say
    monkeypatch.setattr(wordxml, "MAX_XML_MB", 1)
    monkeypatch.setattr(wordxml, "_check_sizes", lambda archive, name: None)
    with pytest.raises(FileError, match="inflates to more than 1 MB$"):
        extract(_docx_with(_paragraphs("", 60_000)), DOCX, "x.docx")  # 2 MB of XML without text


def test_a_zip_of_too_many_parts_is_refused_before_they_are_listed(monkeypatch):
    many = _docx_with(entries=10_001)
    with pytest.raises(FileError, match="^many.docx: a ZIP archive of more than 10000 parts$"):
        sniff(many, "many.docx")
    monkeypatch.setattr("zipfile.ZipFile.__init__", lambda *args, **kwargs: pytest.fail("listed the parts"))
    with pytest.raises(FileError, match="more than 10000 parts"):
        sniff(many, "many.docx")


def test_a_docx_whose_parts_inflate_past_the_cap_in_all_is_refused(monkeypatch):
    from stinet.catalog import wordxml

    monkeypatch.setattr(wordxml, "MAX_INFLATED_MB", 1)
    data = _docx_with(extra={"word/media/image1.bmp": b"\xff" * 2 * 1024 * 1024})
    with pytest.raises(FileError, match=r"^x.docx: the Word document \(.docx\) inflates to more than 1 MB$"):
        extract(data, DOCX, "x.docx")


def test_the_text_kept_of_a_file_is_what_search_indexes():
    from stinet.catalog.fulltext import MAX_TEXT_CHARS
    from stinet.search.documents import MAX_FULLTEXT_CHARS

    assert MAX_TEXT_CHARS == MAX_FULLTEXT_CHARS == 400_000
    line = "Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long. "  # 54 characters
    found = extract(_docx_with(_paragraphs(line * 10, 2_000)), DOCX, "x.docx")  # 1,080,000 characters
    assert len(found.text) <= 400_000 and found.text.startswith(line.strip()) and found.status == "ok"
    assert found.note == "only the first 400,000 characters of the text are kept"
    found = extract((line * 20_000).encode(), TXT, "x.txt")
    assert len(found.text) <= 400_000 and found.note.endswith("characters of the text are kept")


def test_attach_stores_at_most_the_text_that_is_indexed(people, media):
    line = "Kỹ thuật trồng cây chè Shan tuyết ở vùng cao. "
    f = attach_file(work_id(TEA), (line * 20_000).encode(), "dai.txt")
    assert len(f.text) <= 400_000 and "400,000" in f.text_note


def _heavy_pdf(pages: int = 1, size: int = 5_000_000) -> bytes:
    """A small PDF whose first page's contents inflate to `size` bytes of text to show (pypdf takes
    seconds for each megabyte)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(documents.pdf(pages=pages))))
    page = writer.pages[0]
    data = page.get_contents().get_data()
    stream = ContentStream(None, writer)
    stream.set_data(data * (size // len(data)))
    page.replace_contents(stream)
    page.compress_content_streams()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_page_whose_contents_inflate_past_the_cap_is_not_read():
    data = _heavy_pdf(pages=3)
    assert len(data) < 200_000
    found = extract(data, PDF, "x.pdf")  # reading the page took pypdf 8 s
    assert found.status == "ok" and found.pages == 3 and "Hạ Long" in found.text
    assert found.note == "pages 1 not read: more than 4 MB of contents each"


def test_reading_a_pdf_stops_when_the_text_is_full_or_the_contents_are_spent(monkeypatch):
    from stinet.catalog import fulltext

    data = documents.pdf(pages=3)
    monkeypatch.setattr(fulltext, "MAX_TEXT_CHARS", 60)
    monkeypatch.setattr(fulltext, "_BUDGET", 100)
    read = []
    real = fulltext._read_pages

    def spy(reader):
        texts, note = real(reader)
        read.extend(t is not None for t in texts)
        return texts, note

    monkeypatch.setattr(fulltext, "_read_pages", spy)
    found = extract(data, PDF, "x.pdf")
    assert read == [True, False, False] and len(found.text) <= 60 and found.pages == 3
    assert found.note == "only the first 60 characters of the text are kept"
    monkeypatch.setattr(fulltext, "MAX_TEXT_CHARS", 400_000)
    monkeypatch.setattr(fulltext, "_BUDGET", 800_000)
    monkeypatch.setattr(fulltext, "MAX_PDF_CONTENT_MB", 300 / fulltext._MB)  # about one page of contents
    read.clear()
    found = extract(data, PDF, "x.pdf")
    assert read == [True, False, False] and found.text.endswith("hệ sinh thái biển.")
    assert found.note.startswith("pages 2-3 not read: more than 0.000286") and found.note.endswith(
        " MB of page contents in all")


# Names that say another type than the content: kept and served under the content's extension

@pytest.mark.parametrize(("name", "mime", "kept"), [
    ("paper.pdf", DOCX, "paper.docx"),
    ("bao-cao.docx", PDF, "bao-cao.pdf"),
    ("old.doc", DOCX, "old.docx"),
    ("Luận văn.PDF", PDF, "Luận văn.PDF"),  # its own extension, in capitals, stays
    ("mau.docm", DOCX, "mau.docm"),  # a macro-enabled document is a .docx inside
    ("report", PDF, "report.pdf"),
    ("báo cáo v1.2", PDF, "báo cáo v1.2.pdf"),  # ".2" is no extension
    ("Báo cáo T.Hà", PDF, "Báo cáo T.Hà.pdf"),  # nor ".Hà" (an initial)
    ("report.final", PDF, "report.final.pdf"),
    ("bang-diem.xlsx", PDF, "bang-diem.pdf"),  # a document type's extension is replaced
    ("tom-tat.txt", TXT, "tom-tat.txt"),
    ("a" * 300 + ".pdf", DOCX, "a" * 250 + ".docx"),  # at most 255 characters, the extension kept
])
def test_the_name_a_file_is_kept_under_has_the_extension_of_its_content(name, mime, kept):
    from stinet.catalog.fulltext import file_name

    assert file_name(name, mime) == kept


def test_a_docx_named_pdf_is_kept_and_served_as_docx(client, people, media, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    from stinet.cli import main

    f = attach_file(work_id(TEA), documents.docx(), "paper.pdf")
    assert (f.original_name, f.mime) == ("paper.docx", DOCX) and f.path.endswith(".docx")
    entry = AuditEntry.objects.get(action="file-attach")
    assert entry.after["name"] == "paper.docx" and entry.after["given_name"] == "paper.pdf"
    response = client.get(f"/works/{f.work_id}/files/{f.pk}/")
    assert 'filename="paper.docx"' in response["Content-Disposition"] and response["Content-Type"] == DOCX
    WorkFile.objects.filter(pk=f.pk).update(original_name="cu.pdf")  # attached before this rule
    assert 'filename="cu.docx"' in client.get(f"/works/{f.work_id}/files/{f.pk}/")["Content-Disposition"]
    assert ">cu.docx</a>" in client.get(f"/works/{f.work_id}/").content.decode()  # listed as downloaded
    client.force_login(people["holder_editor"])
    upload = SimpleUploadedFile("slides.docx", documents.pdf(), content_type="application/pdf")
    said = client.post(f"/works/{work_id(TEA)}/files/add/", {"file": upload}, follow=True).content.decode()
    assert "Đã đính kèm tệp: slides.pdf" in said
    assert "slides.docx thực chất là tệp .pdf: đã lưu với tên slides.pdf" in said
    path = tmp_path / "notes.doc"
    path.write_bytes(documents.docx(["Ghi chép về chè Shan tuyết"]))
    with translation.override("en"):
        out = CliRunner().invoke(main, ["files", "attach", str(work_id(TEA)), str(path)])
    assert out.exit_code == 0 and out.output.endswith(
        " notes.docx\nnotes.doc holds a .docx file: it is kept as notes.docx\n")
