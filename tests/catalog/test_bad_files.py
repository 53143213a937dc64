"""Files that are not what they claim to be, damaged, locked or inflating without end: refused in one
line before anything is stored; real documents without a text layer are still taken."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner

from stinet.catalog.files import FileRefused, attach_file
from stinet.catalog.fulltext import DOC, PDF, FileError, extract, sniff
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


def _locked_pdf(user_password: str) -> bytes:
    """A PDF encrypted (RC4, which pypdf reads without extra packages) with these passwords."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(documents.pdf())))
    writer.encrypt(user_password=user_password, owner_password="chủ sở hữu", algorithm="RC4-128")
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


def test_a_pdf_locked_by_a_password_is_refused_one_restricted_by_its_owner_is_read():
    with pytest.raises(FileError, match="^x.pdf: the PDF is protected by a password: attach a copy without one$"):
        extract(_locked_pdf("mật khẩu"), PDF, "x.pdf")
    found = extract(_locked_pdf(""), PDF, "x.pdf")  # opens without a password: copy or print restricted
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
