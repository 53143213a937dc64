"""Text extraction from PDF, DOCX, DOC and TXT, legacy fonts, scans and OCR (no database)."""

from __future__ import annotations

import difflib
import io
import zipfile

import pytest

from stinet.catalog import fulltext
from stinet.catalog.fulltext import DOC, DOCX, PDF, TXT, FileError, extract, repair_tcvn3_glyphs, sniff
from stinet.vietnamese import encode, nfc
from tests.catalog import documents
from tests.conftest import shared_path


@pytest.fixture(autouse=True)
def _english_refusals():
    """The services' refusals compared in English (the site's default language is Vietnamese)."""
    from django.utils import translation

    with translation.override("en"):
        yield

CORPUS = ("conformance", "legacy-vietnamese", "viparse-corpus")


def _accuracy(text: str, truth: str) -> float:
    """Share of words in the same order as the transcript."""
    return difflib.SequenceMatcher(None, text.split(), truth.split(), autojunk=False).ratio()


def test_unicode_pdf_keeps_vietnamese_letters_and_counts_pages():
    found = extract(documents.pdf(pages=2), PDF)
    assert found.status == "ok" and found.pages == 2 and not found.encoding
    assert "Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long" in found.text
    assert "Đánh giá hiện trạng" in found.text and found.text == nfc(found.text)


def test_tcvn3_text_layer_is_detected_and_converted():
    found = extract(documents.tcvn3_pdf(), PDF)
    assert found.status == "converted" and found.encoding == "tcvn3"
    assert "Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long" in found.text
    assert "Nghiªn" not in found.text and "TCVN3" in found.note


@pytest.mark.parametrize(("raw", "repaired"), [
    ("Thñ t− íng", "Thñ t\xadíng"),          # tướng: the stray space goes
    ("Thñ t −íng", "Thñ t\xadíng"),          # the space may come before the glyph too
    ("b¶o l∙ nh", "b¶o l\xb7nh"),            # lãnh
    ("Trung −¬ng", "Trung \xad¬ng"),         # Trung ương: two words stay two words
    ("nh− sau", "nh\xad sau"),               # như sau
    ("no glyph here", "no glyph here"),
])
def test_tcvn3_glyphs_moved_by_pdf_fonts_are_put_back(raw, repaired):
    assert repair_tcvn3_glyphs(raw) == repaired


def test_a_real_tcvn3_pdf_reads_as_its_transcript():
    root = shared_path(*CORPUS)
    name = "2006-19412_QD115.04TTg_BLTch_DNNVV"
    found = extract((root / "corpus" / "tcvn3" / f"{name}.pdf").read_bytes(), PDF)
    truth = (root / "ground-truth" / f"{name}.txt").read_text()
    assert found.status == "converted" and found.encoding == "tcvn3"
    assert "Thủ tướng Chính phủ" in found.text and "Quỹ bảo lãnh tín dụng" in found.text
    assert _accuracy(found.text, truth) > 0.98


@pytest.mark.parametrize(("folder", "name", "encoding"), [
    ("tcvn3", "2005-nghiencuu_2004_07_21_110129", "tcvn3"),
    ("tcvn3", "2004-0328NDCP", "tcvn3"),
    ("vni", "2007-Quy-che-chi-tieu-noi-bo-2007", "vni"),
])
def test_real_legacy_word_97_documents_read_as_their_transcripts(folder, name, encoding):
    root = shared_path(*CORPUS)
    data = (root / "corpus" / folder / f"{name}.doc").read_bytes()
    assert sniff(data, f"{name}.doc") == DOC
    found = extract(data, DOC)
    truth = (root / "ground-truth" / f"{name}.txt").read_text()
    assert found.status == "converted" and found.encoding == encoding
    assert _accuracy(found.text, truth) > 0.98


def test_scanned_pdf_is_reported_not_guessed():
    found = extract(documents.scanned_pdf(), PDF)
    assert found.status == "scanned" and found.text == "" and found.pages == 2
    assert "OCR" in found.note


def test_docx_paragraphs_and_tables():
    data = documents.docx(table=[["Mã số", "Tên đề tài"], ["ĐT-01", "Nuôi trồng thủy sản"]])
    assert sniff(data, "bao-cao.docx") == DOCX
    found = extract(data, DOCX)
    assert found.status == "ok"
    assert "Khảo sát thành phần loài" in found.text and "Nuôi trồng thủy sản" in found.text


def test_docx_tab_stops_are_no_tabs_and_tabs_in_runs_are():
    """w:tab in a paragraph's properties defines a tab stop; only one in a run is a tab character."""
    import docx as python_docx
    from docx.shared import Cm

    document = python_docx.Document()
    paragraph = document.add_paragraph()
    for where in (Cm(5), Cm(10)):
        paragraph.paragraph_format.tab_stops.add_tab_stop(where)
    paragraph.add_run("Mục lục\tTrang 3")
    first, second = document.add_table(rows=1, cols=2).rows[0].cells
    first.text, second.text = "Mã số", "Tên đề tài"
    second.paragraphs[0].paragraph_format.tab_stops.add_tab_stop(Cm(2))  # a stop in the second cell
    out = io.BytesIO()
    document.save(out)
    lines = extract(out.getvalue(), DOCX).text.splitlines()
    assert lines[0] == "Mục lục\tTrang 3" and "Mã số\tTên đề tài" in lines


def test_docx_typed_in_a_vni_font_is_converted():
    found = extract(documents.docx([encode(line, "vni") for line in documents.LINES]), DOCX)
    assert found.status == "converted" and found.encoding == "vni"
    assert "Nghiên cứu đa dạng sinh học" in found.text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_plain_text_files(encoding):
    data = "\n".join(documents.LINES).encode(encoding)
    assert sniff(data, "tom-tat.txt") == TXT
    found = extract(data, TXT)
    assert found.status == "ok" and "Hải Phòng năm 2016" in found.text


def test_plain_text_typed_in_tcvn3_is_converted():
    data = encode("\n".join(documents.LINES), "tcvn3").encode("cp1252", errors="replace")
    found = extract(data, TXT)
    assert found.status == "converted" and "Hải Phòng" in found.text


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"", "empty.pdf", "empty"),
    (b"<html><body>Not found</body></html>", "report.pdf", "not a PDF"),
    (b"\x89PNG\r\n\x1a\n....", "scan.png", "not a PDF"),
])
def test_files_that_are_no_documents_are_refused_in_one_line(data, name, message):
    with pytest.raises(FileError, match=message) as caught:
        sniff(data, name)
    assert "\n" not in str(caught.value)


def test_zip_that_is_not_a_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("data.csv", "a,b")
    with pytest.raises(FileError, match="not a Word document"):
        sniff(out.getvalue(), "data.zip")


def test_a_pdf_whose_text_cannot_be_read_is_unreadable_not_a_crash(monkeypatch):
    from pypdf import PageObject

    def broken(*args, **kwargs):
        raise KeyError("/Font")

    monkeypatch.setattr(PageObject, "extract_text", broken)
    found = extract(documents.pdf(), PDF)
    assert found.status == "unreadable" and found.text == "" and found.note == "cannot read the .pdf file: '/Font'"


def test_ocr_reads_a_vietnamese_scan():
    if not fulltext.ocr_available():
        pytest.skip("tesseract with the Vietnamese model (tesseract-ocr-vie) is not installed")
    data = documents.scanned_pdf("Nghiên cứu đa dạng sinh học\nrạn san hô vịnh Hạ Long", pages=1)
    assert extract(data, PDF).status == "scanned"
    found = fulltext.ocr(data, PDF)
    assert found.status == "ocr" and found.pages == 1
    assert "sinh học" in found.text and "san hô" in found.text


def test_a_short_born_digital_pdf_is_text_not_a_scan():
    found = extract(documents.pdf(["Chỉ mô tả"], pages=2), PDF)
    assert found.status == "ok" and found.text == "Chỉ mô tả\n\nChỉ mô tả"


def test_a_partly_scanned_pdf_keeps_its_text_and_names_the_pages_to_read():
    data = documents.joined(documents.pdf(), documents.scanned_pdf(pages=2), documents.pdf(["Kết luận"]))
    found = extract(data, PDF)
    assert found.status == "scanned" and found.pages == 4
    assert found.text.startswith("Nghiên cứu đa dạng sinh học") and found.text.endswith("Kết luận")
    assert found.note == "pages 2, 3 are images without text: run OCR to read them"


def test_ocr_of_a_partly_scanned_pdf_reads_the_images_and_keeps_the_text():
    if not fulltext.ocr_available():
        pytest.skip("tesseract with the Vietnamese model (tesseract-ocr-vie) is not installed")
    data = documents.joined(documents.pdf(["Mở đầu của báo cáo tổng kết nhiệm vụ khoa học"]),
                   documents.scanned_pdf("Nghiên cứu đa dạng sinh học\nrạn san hô vịnh Hạ Long", pages=1))
    found = fulltext.ocr(data, PDF)
    assert found.status == "ocr" and found.text.startswith("Mở đầu của báo cáo tổng kết nhiệm vụ khoa học")
    assert "san hô" in found.text


def test_ocr_refuses_what_is_not_a_pdf():
    with pytest.raises(FileError, match="scanned PDF"):
        fulltext.ocr(b"text", TXT)
