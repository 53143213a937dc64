"""Documents made on the fly for the full-text tests: PDFs (Unicode, TCVN3 text layer, scans), DOCX."""

from __future__ import annotations

import io

from stinet.vietnamese import encode

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = ["Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long",
         "Khảo sát thành phần loài ở quần đảo Cát Bà, Hải Phòng năm 2016.",
         "Đánh giá hiện trạng và đề xuất giải pháp bảo tồn hệ sinh thái biển."]


def _font() -> str:
    """A TrueType font with Vietnamese glyphs (DejaVu Sans), registered with reportlab."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        pdfmetrics.getFont("DejaVu")
    except KeyError:
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    return "DejaVu"


def pdf(lines: list[str] | None = None, pages: int = 1) -> bytes:
    """A PDF whose text layer holds Vietnamese Unicode text."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    for _page in range(pages):
        c.setFont(_font(), 12)
        for i, line in enumerate(lines or LINES):
            c.drawString(50, 780 - 20 * i, line)
        c.showPage()
    c.save()
    return out.getvalue()


def tcvn3_pdf(lines: list[str] | None = None) -> bytes:
    """A PDF typeset as with a .VnTime font: its text layer holds TCVN3 code points ("Nghiªn cøu")."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.setFont("Helvetica", 12)  # WinAnsi: the TCVN3 bytes come back as the Latin-1 symbols they show
    for i, line in enumerate(lines or LINES):
        c.drawString(50, 780 - 20 * i, encode(line, "tcvn3"))
    c.showPage()
    c.save()
    return out.getvalue()


def scanned_pdf(text: str = "", pages: int = 2) -> bytes:
    """A PDF of page images (a scan) with no text layer; the images show `text` when given."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    for _page in range(pages):
        image = Image.new("RGB", (1700, 500), "white")
        if text:
            draw = ImageDraw.Draw(image)
            font = ImageFont.truetype(FONT, 48)
            for i, line in enumerate(text.split("\n")):
                draw.text((40, 40 + 80 * i), line, fill="black", font=font)
        else:
            ImageDraw.Draw(image).rectangle((100, 100, 600, 400), fill="gray")
        c.drawImage(ImageReader(image), 30, 500, width=540, height=160)
        c.showPage()
    c.save()
    return out.getvalue()


def docx(paragraphs: list[str] | None = None, table: list[list[str]] | None = None) -> bytes:
    """A .docx with paragraphs and, optionally, a table."""
    import docx as python_docx

    document = python_docx.Document()
    for p in paragraphs or LINES:
        document.add_paragraph(p)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def joined(*parts: bytes) -> bytes:
    """One PDF of the pages of several (a partly scanned document: text pages and scans)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
