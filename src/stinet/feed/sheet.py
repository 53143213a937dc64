"""The registration sheet of a task's result (Circular 14/2014/TT-BKHCN, Mẫu 5) as a Word document.

"Phiếu đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước" is
the first paper of the registration dossier (with the final and summary reports and the
acceptance minutes). We fill what the task record holds and mark in yellow what the host
organisation must write or check by hand (the programme, the managing agency, the acceptance
decision, the recommendations, the signatures). The sections follow the form as far as we could
establish it; the sheet is always in Vietnamese, as the national form is.

`sections(task)` is pure data (tested as such); `render(task)` lays it out with python-docx.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.shared import Cm, Pt

from stinet.people.directory import field_names
from stinet.tasks.models import KINDS, LEVELS, MEMBER_ROLES, Task
from stinet.tasks.scoring import RATINGS

TITLE = "PHIẾU ĐĂNG KÝ KẾT QUẢ THỰC HIỆN NHIỆM VỤ KHOA HỌC VÀ CÔNG NGHỆ SỬ DỤNG NGÂN SÁCH NHÀ NƯỚC"
FORM = "Mẫu 5 — Thông tư số 14/2014/TT-BKHCN"
MANUAL = "[cần điền]"
LEGEND = ("Phiếu do STINet điền sẵn từ hồ sơ nhiệm vụ {code} ngày {today}. Các chỗ tô vàng "
          f"({MANUAL}) do tổ chức chủ trì điền hoặc kiểm tra trước khi ký, đóng dấu.")
FONT = "Times New Roman"


@dataclass
class Item:
    """One line of the sheet: a numbered label and its value (None: to be written by hand)."""

    label: str
    value: str | None
    lines: list[str] = field(default_factory=list)  # a long text below the label


@dataclass
class Sheet:
    """The filled sheet: header facts, numbered items, the team table, the registration box."""

    code: str
    host: str
    items: list[Item]
    team: list[tuple[str, str, str, str]]  # name, role, titles, organisation
    registration: tuple[str, str] | None
    investigator: str


def money(amount: int | None) -> str | None:
    """VND as the forms write it: 850 triệu đồng; None when unknown."""
    if amount is None:
        return None
    millions = amount / 1_000_000
    text = f"{millions:,.3f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{text} triệu đồng"


def date(value: dt.date | None) -> str | None:
    """A date as dd/mm/yyyy; None when unknown."""
    return value.strftime("%d/%m/%Y") if value else None


def boxes(table: dict[str, tuple[str, str]], chosen: str, short: dict[str, str] | None = None) -> str:
    """Tick boxes of a vocabulary: ☒ the chosen one, ☐ the others."""
    return "   ".join(f"{'☒' if code == chosen else '☐'} {(short or {}).get(code, vi)}" for code, (vi, _en) in
                       table.items())


def _span(start: dt.date | None, end: dt.date | None) -> str | None:
    """'from … to …', None when neither is known."""
    if not start and not end:
        return None
    return f"từ {date(start) or MANUAL} đến {date(end) or MANUAL}"


def _titles(user: Any) -> tuple[str, str]:
    """Academic titles and organisation of a user's expert profile (empty when unknown)."""
    profile = getattr(user, "expert", None) if user is not None else None
    if profile is None:
        return "", ""
    return profile.prefix.rstrip("."), profile.organisation.name_vi if profile.organisation_id else ""


def sections(task: Task) -> Sheet:
    """What the sheet says about a task (pure data; None values are left to fill by hand)."""
    host = task.host
    profile = getattr(host, "profile", None) if host is not None else None
    field_name = field_names([task.field_code], "vi").get(task.field_code, "") if task.field_code else ""
    levels = {"national": "Quốc gia", "ministerial": "Bộ", "provincial": "Tỉnh", "grassroots": "Cơ sở"}
    pi_titles, _pi_org = _titles(task.investigator)
    mode = {"selection": "Tuyển chọn", "direct": "Giao trực tiếp"}.get(task.selection_mode)
    items = [
        Item("Tên nhiệm vụ", task.title),
        Item("Mã số nhiệm vụ", task.code),
        Item("Thuộc chương trình KH&CN (nếu có)", None),
        Item("Cấp quản lý nhiệm vụ", boxes(LEVELS, task.level, levels)),
        Item("Loại nhiệm vụ", KINDS[task.kind][0] if task.kind in KINDS else task.kind),
        Item("Lĩnh vực KH&CN", f"{task.field_code} {field_name}".strip() or None),
        Item("Cơ quan chủ quản", None),
        Item("Tổ chức chủ trì nhiệm vụ", host.name_vi if host else None),
        Item("Địa chỉ", (profile.address if profile else "") or None),
        Item("Điện thoại / E-mail", " / ".join(v for v in (getattr(profile, "phone", ""),
                                                            getattr(profile, "email", "")) if v) or None),
        Item("Chủ nhiệm nhiệm vụ", " ".join(v for v in (f"{pi_titles}." if pi_titles else "",
                                                         task.investigator_name) if v) or None),
        Item("Phương thức thực hiện", mode),
        Item("Hợp đồng thực hiện (số, ngày)", ", ".join(v for v in (task.contract_number,
                                                                    date(task.contract_date) or "") if v) or None),
        Item("Thời gian thực hiện theo hợp đồng", _span(task.planned_start, task.planned_end)),
        Item("Thời gian thực hiện thực tế", _span(task.actual_start, task.actual_end)),
        Item("Tổng kinh phí thực hiện", money(task.budget_total)),
        Item("Trong đó, kinh phí từ ngân sách nhà nước", money(task.budget_state)),
        Item("Kinh phí từ nguồn khác", money(task.budget_other)),
        Item("Mục tiêu", None if not task.objectives else "", task.objectives.splitlines()),
        Item("Sản phẩm, kết quả dự kiến", None if not task.expected_results else "",
             task.expected_results.splitlines()),
        Item("Tóm tắt kết quả thực hiện nhiệm vụ", None if not task.results else "", task.results.splitlines()),
        Item("Từ khóa", "; ".join(k for k in task.keywords or [] if k) or None),
        Item("Quyết định thành lập Hội đồng đánh giá, nghiệm thu (số, ngày)", None),
        Item("Ngày họp Hội đồng đánh giá, nghiệm thu", None),
        Item("Kết quả đánh giá, nghiệm thu (xếp loại)", RATINGS[task.rating][0] if task.rating in RATINGS else None),
        Item("Kiến nghị về quy mô và đối tượng áp dụng kết quả", None),
        Item("Số trang báo cáo tổng hợp / báo cáo tóm tắt", None),
    ]
    team = []
    for member in task.members.select_related("user__expert__organisation").order_by("id"):
        titles, org = _titles(member.user)
        team.append((member.name, MEMBER_ROLES.get(member.role, (member.role,))[0], titles, org))
    registration = (task.registration_number, date(task.registration_date) or "") \
        if task.registration_number else None
    return Sheet(code=task.code, host=host.name_vi if host else "", items=items, team=team,
                 registration=registration, investigator=task.investigator_name)


def _manual(paragraph: Any) -> None:
    """A yellow 'to fill' marker."""
    run = paragraph.add_run(MANUAL)
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _text(paragraph: Any, text: str) -> None:
    """A value, each 'to fill' marker inside it yellow as well ('từ 01/03/2025 đến [cần điền]')."""
    for i, piece in enumerate(text.split(MANUAL)):
        if i:
            _manual(paragraph)
        if piece:
            paragraph.add_run(piece)


def _centered(doc: Any, text: str, *, bold: bool = False, italic: bool = False, size: int = 13) -> Any:
    """A centred paragraph."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return p


def _header(doc: Any, sheet: Sheet) -> None:
    """Managing agency and host on the left, the national motto on the right."""
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("CƠ QUAN CHỦ QUẢN: ")
    _manual(p)
    q = left.add_paragraph()
    q.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if sheet.host:
        q.add_run(sheet.host.upper()).bold = True
    else:
        _manual(q)
    r = right.paragraphs[0]
    r.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    s = right.add_paragraph()
    s.alignment = WD_ALIGN_PARAGRAPH.CENTER
    motto = s.add_run("Độc lập - Tự do - Hạnh phúc")
    motto.bold = motto.underline = True
    t = right.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t.add_run("…………, ngày …… tháng …… năm ……").italic = True


def _items(doc: Any, sheet: Sheet) -> None:
    """The numbered items, with long texts as paragraphs below their label."""
    for n, item in enumerate(sheet.items, start=1):
        p = doc.add_paragraph()
        p.add_run(f"{n}. {item.label}: ").bold = True
        if item.value is None:
            _manual(p)
        elif item.value:
            _text(p, item.value)
        for line in item.lines:
            if line.strip():
                doc.add_paragraph(line.strip())
        if item.label == "Chủ nhiệm nhiệm vụ":
            _team(doc, sheet)


def _team(doc: Any, sheet: Sheet) -> None:
    """The people who carried out the task."""
    p = doc.add_paragraph()
    p.add_run("Danh sách cá nhân tham gia thực hiện nhiệm vụ:").bold = True
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("TT", "Họ và tên", "Vai trò", "Học hàm, học vị", "Cơ quan công tác"),
                          strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for n, (name, role, titles, org) in enumerate(sheet.team, start=1):
        cells = table.add_row().cells
        for cell, text in zip(cells, (str(n), name, role, titles, org), strict=True):
            if text:
                cell.paragraphs[0].add_run(text)
            elif cell is not cells[0]:
                _manual(cell.paragraphs[0])
    if not sheet.team:
        _manual(table.add_row().cells[1].paragraphs[0])


def _signatures(doc: Any, sheet: Sheet) -> None:
    """The investigator's and the host head's signatures, and the registration office's box."""
    table = doc.add_table(rows=1, cols=2)
    for cell, (role, note, name) in zip(table.rows[0].cells, (
            ("CHỦ NHIỆM NHIỆM VỤ", "(Họ tên và chữ ký)", sheet.investigator),
            ("THỦ TRƯỞNG TỔ CHỨC CHỦ TRÌ", "(Họ tên, chữ ký và đóng dấu)", "")), strict=True):
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(role).bold = True
        q = cell.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.CENTER
        q.add_run(note).italic = True
        for _ in range(3):
            cell.add_paragraph()
        r = cell.add_paragraph()
        r.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if name:
            r.add_run(name).bold = True
        else:
            _manual(r)
    doc.add_paragraph()
    box = doc.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    cell = box.rows[0].cells[0]
    cell.paragraphs[0].add_run("PHẦN DÀNH CHO CƠ QUAN ĐĂNG KÝ").bold = True
    p = cell.add_paragraph("Số đăng ký: ")
    if sheet.registration:
        p.add_run(sheet.registration[0]).bold = True
        cell.add_paragraph(f"Ngày đăng ký: {sheet.registration[1]}")
    else:
        p.add_run("……………………")
        cell.add_paragraph("Ngày đăng ký: ……………………")


def render(task: Task, today: dt.date | None = None) -> bytes:
    """The sheet of a task as DOCX bytes."""
    sheet = sections(task)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    doc.core_properties.title = f"{TITLE} — {task.code}"
    doc.core_properties.subject = FORM
    doc.core_properties.author = "STINet"
    _header(doc, sheet)
    right = doc.add_paragraph()
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    right.add_run(FORM).italic = True
    _centered(doc, TITLE, bold=True, size=14)
    _centered(doc, LEGEND.format(code=task.code, today=date(today or timezone.localdate())), italic=True, size=10)
    _items(doc, sheet)
    doc.add_paragraph()
    _signatures(doc, sheet)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def filename(task: Task) -> str:
    """A file name for the sheet: phieu-dang-ky-<code folded>.docx."""
    from stinet.vietnamese import fold

    safe = "".join(ch if ch.isalnum() else "-" for ch in fold(task.code)).strip("-")
    return f"phieu-dang-ky-{safe}.docx"
