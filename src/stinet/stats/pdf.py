"""PDF exports of the statistics tables (reportlab), in Vietnamese.

PDF's built-in fonts have no Vietnamese letters (ạ, ế, ữ, đ ...), so the text is set in DejaVu Sans,
whose TrueType files (free Bitstream Vera licence, fonts/LICENSE.md) ship inside this package:
a fresh `pip install` machine without system fonts still makes correct PDFs. reportlab embeds
only the glyphs used, with a ToUnicode map, so the text can be searched and copied.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from stinet.stats.exports import cell_text, header_lines, reporting_unit
from stinet.stats.queries import Report
from stinet.stats.tables import Table

FONT_DIR = Path(__file__).resolve().parent / "fonts"
SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the Vietnamese-capable fonts once (the packaged files, else the system's)."""
    for name in (REGULAR, BOLD):
        path = next((p for p in (FONT_DIR / f"{name}.ttf", SYSTEM_FONT_DIR / f"{name}.ttf") if p.exists()), None)
        if path is None:
            raise OSError(f"font {name}.ttf not found in {FONT_DIR}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD


def _styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles in the registered fonts."""
    regular, bold = register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=14, leading=18, spaceAfter=4),
        "meta": ParagraphStyle("meta", fontName=regular, fontSize=9, leading=12, textColor=colors.HexColor("#444444")),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8, leading=10),
        "note": ParagraphStyle("note", fontName=regular, fontSize=8, leading=10, spaceBefore=4,
                               textColor=colors.HexColor("#444444")),
    }


def _escape(text: str) -> str:
    """Text safe inside a reportlab Paragraph (its mark-up is XML-like)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table_flowables(report: Report, table: Table, styles: dict[str, ParagraphStyle], width: float) -> list:
    """The header lines, the table and its note."""
    lines = header_lines(report, str(table.title))
    out: list = [Paragraph(_escape(lines[0]), styles["title"])]
    out += [Paragraph(_escape(line), styles["meta"]) for line in lines[1:]]
    out.append(Spacer(1, 4 * mm))
    head = [Paragraph(_escape(str(c.title)), styles["head"]) for c in table.columns]
    body = []
    for row in table.rows + ([table.total] if table.total else []):
        body.append([Paragraph(_escape(cell_text(row.get(c.key), c.kind, report.lang)), styles["cell"])
                     if c.kind in ("text", "datetime") else cell_text(row.get(c.key), c.kind, report.lang)
                     for c in table.columns])
    if not body:
        body = [[_("No data.")] + [""] * (len(table.columns) - 1)]
    numeric = [i for i, c in enumerate(table.columns) if c.kind in ("int", "money")]
    text_cols = len(table.columns) - len(numeric)
    number_width = min(28 * mm, width / max(len(table.columns), 1))
    text_width = (width - number_width * len(numeric)) / max(text_cols, 1)
    widths = [number_width if i in numeric else text_width for i in range(len(table.columns))]
    grid = PdfTable([head, *body], colWidths=widths, repeatRows=1)
    style = [("FONT", (0, 0), (-1, -1), styles["cell"].fontName, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE6F1")),
             ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999"))]
    style += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in numeric]
    if table.total:
        style.append(("FONT", (0, -1), (-1, -1), styles["head"].fontName, 8))
    grid.setStyle(TableStyle(style))
    out.append(grid)
    if table.note:
        out.append(Paragraph(_escape(str(table.note)), styles["note"]))
    return out


def pdf_bytes(report: Report, tables: list[Table]) -> bytes:
    """A PDF with each table on its own page (landscape when a table has many columns)."""
    wide = any(len(t.columns) > 5 for t in tables)
    size = landscape(A4) if wide else A4
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=str(tables[0].title) if len(tables) == 1 else _("Statistics"),
                            author=reporting_unit(), creator="STINet")
    styles = _styles()
    story: list = []
    for i, table in enumerate(tables):
        if i:
            story.append(PageBreak())
        story += table_flowables(report, table, styles, size[0] - 30 * mm)
    doc.build(story)
    return out.getvalue()
