"""S&T statistical reporting forms of Circular 15/2018/TT-BKHCN, filled from the network's data.

Three forms the data can fill (the others, 03 expenditure and 05-10, need data STINet does not keep):

  01/KHCN-TC  Số tổ chức khoa học và công nghệ      organisations of the catalogue and the directory
  02/KHCN-NL  Số người trong các tổ chức KH&CN       expert profiles (degree, academic title, field)
  04/KHCN-NV  Nhiệm vụ khoa học và công nghệ         tasks under way in the year (level, field, budget)

Each form is data (`FormSpec`: rows with codes, columns with numbers) plus a function computing the
cells it can fill; every other cell is "manual": highlighted in the workbook, with a note saying so.
The layout follows the forms (form number and circular, reporting and receiving unit, period, row
codes in column B, column numbers under the headings, signature block); check the wording against the
official annex before sending.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.catalog.models import Organisation
from stinet.catalog.services import network_hub
from stinet.people.models import Expert
from stinet.search.documents import top_field
from stinet.stats.people import counted_experts
from stinet.stats.tables import Filters
from stinet.stats.tasks import CONTRACTED
from stinet.tasks.models import Task
from stinet.vietnamese import fold

FIELD_ROWS = (("1", "Khoa học tự nhiên"), ("2", "Khoa học kỹ thuật và công nghệ"), ("3", "Khoa học y, dược"),
              ("4", "Khoa học nông nghiệp"), ("5", "Khoa học xã hội"), ("6", "Khoa học nhân văn"))
CIRCULAR = "Ban hành kèm theo Thông tư số 15/2018/TT-BKHCN ngày 15/11/2018 của Bộ trưởng Bộ Khoa học và Công nghệ"
RECEIVER = "Bộ Khoa học và Công nghệ (Cục Thông tin khoa học và công nghệ quốc gia)"
Cells = dict[tuple[str, str], float | int]


@dataclass(frozen=True)
class FormRow:
    """A row of a form: its code (empty for a heading) and label; indent 1 for a breakdown item."""

    code: str
    label: str
    indent: int = 0


@dataclass(frozen=True)
class FormColumn:
    """A numbered column of a form."""

    number: str
    title: str


@dataclass
class FormSpec:
    """One reporting form: its number, title, rows, columns and what fills its cells."""

    slug: str
    number: str
    title: str
    columns: list[FormColumn]
    rows: list[FormRow]
    compute: Callable[[Filters, int], tuple[Cells, list[str]]]
    manual_note: str = ""
    data_note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _field_rows(start: int) -> list[FormRow]:
    """The six fields of science as rows numbered from `start`."""
    return [FormRow(f"{start + i:02d}", name, 1) for i, (_code, name) in enumerate(FIELD_ROWS)]


def main_field(codes: list[str]) -> str:
    """The first top-level field of science among codes ('' when none)."""
    return next((f for f in (top_field(str(c)) for c in codes) if f), "")


# --- 01/KHCN-TC --------------------------------------------------------------------------------

ORG_KIND_ROWS = {"institute": "02", "university": "03", "library": "04", "centre": "04", "hospital": "05",
                 "agency": "05", "enterprise": "05", "other": "05"}


def organisations(filters: Filters) -> QuerySet:
    """The organisations of the catalogue (only the filtered member when one is given)."""
    orgs = Organisation.objects.select_related("profile")
    return orgs.filter(code=filters.org) if filters.org else orgs.all()


def network_province() -> str:
    """The province of the network: its hub's, else the one most of its members are in ('' if none)."""
    hub = network_hub()
    if hub is not None and hub.province:
        return hub.province
    written = [p for p in Organisation.objects.filter(is_member=True).values_list("province", flat=True) if p]
    top = Counter(fold(p) for p in written).most_common(1)  # "Hải Phòng" and "Hai Phong" are one
    return next((p for p in written if fold(p) == top[0][0]), "") if top else ""


def compute_organisations(filters: Filters, year: int) -> tuple[Cells, list[str]]:
    """Column 1 (total) of every row; ownership columns 2-4 are manual.

    The S&T organisations of the network's province are counted: state management agencies (the
    Department of S&T, the national agency receiving the form) and organisations of other provinces
    (national institutes whose works the members hold) are left out, and named in a note.
    """
    cells: Cells = {}
    province = network_province()
    orgs, left = [], []
    for o in organisations(filters):
        elsewhere = bool(province and o.province and fold(o.province) != fold(province))
        (left if o.kind == "agency" or elsewhere else orgs).append(o)
    kinds = Counter(ORG_KIND_ROWS.get(o.kind, "05") for o in orgs)
    fields = Counter(main_field(getattr(getattr(o, "profile", None), "fields", []) or []) for o in orgs)
    cells[("01", "1")] = len(orgs)
    for row in ("02", "03", "04", "05"):
        cells[(row, "1")] = kinds.get(row, 0)
    for i, (code, _name) in enumerate(FIELD_ROWS):
        cells[(f"{6 + i:02d}", "1")] = fields.get(code, 0)
    notes = []
    if left:
        notes.append(f"Không tính {len(left)} cơ quan quản lý nhà nước hoặc tổ chức ngoài {province or 'tỉnh'}: "
                     + ", ".join(o.code for o in left) + ".")
    if fields.get(""):
        notes.append(f"{fields['']} tổ chức chưa ghi lĩnh vực KH&CN trong danh bạ, không được tính ở các dòng 06-11.")
    return cells, notes


FORM_01 = FormSpec(
    "01-KHCN-TC", "01/KHCN-TC", "SỐ TỔ CHỨC KHOA HỌC VÀ CÔNG NGHỆ",
    [FormColumn("1", "Tổng số"), FormColumn("2", "Chia theo loại hình kinh tế: Nhà nước"),
     FormColumn("3", "Ngoài nhà nước"), FormColumn("4", "Có vốn đầu tư nước ngoài")],
    [FormRow("01", "Tổng số"), FormRow("", "Chia theo loại hình tổ chức"),
     FormRow("02", "Tổ chức nghiên cứu khoa học và phát triển công nghệ", 1),
     FormRow("03", "Cơ sở giáo dục đại học", 1), FormRow("04", "Tổ chức dịch vụ khoa học và công nghệ", 1),
     FormRow("05", "Tổ chức khác (bệnh viện, cơ quan, doanh nghiệp...)", 1),
     FormRow("", "Chia theo lĩnh vực khoa học và công nghệ"), *_field_rows(6)],
    compute_organisations,
    data_note="Cột 1 lấy từ danh mục tổ chức của mạng lưới (loại tổ chức) và danh bạ (lĩnh vực đầu tiên của tổ chức): "
              "viện → dòng 02; trường đại học → 03; thư viện, trung tâm → 04; còn lại → 05.",
    manual_note="Cột 2-4 (loại hình kinh tế) cần nhập thủ công: hệ thống không lưu loại hình sở hữu.",
)


# --- 02/KHCN-NL --------------------------------------------------------------------------------

DEGREE_ROWS = {"TSKH": "02", "TS": "02", "ThS": "03", "BS": "04", "DS": "04", "KS": "04", "CN": "04", "": "06"}


def compute_personnel(filters: Filters, year: int) -> tuple[Cells, list[str]]:
    """Columns 1 and 3-8 (by field) of every row but 05 (college); column 2 (women) is manual. Every
    registered profile counts, those not shown in the public directory too (the dashboard counts the
    public ones): the form reports an organisation's people, not what the directory shows."""
    experts = counted_experts(filters, everyone=True)
    cells: Cells = {}
    rows: dict[str, list[Expert]] = {"01": []}
    for e in experts.only("degree", "academic_title", "fields"):
        rows["01"].append(e)
        rows.setdefault(DEGREE_ROWS.get(e.degree, "06"), []).append(e)
        if e.academic_title == "GS":
            rows.setdefault("07", []).append(e)
        elif e.academic_title == "PGS":
            rows.setdefault("08", []).append(e)
    no_field = 0
    for row in ("01", "02", "03", "04", "06", "07", "08"):
        people = rows.get(row, [])
        cells[(row, "1")] = len(people)
        fields = Counter(main_field(e.fields or []) for e in people)
        for i, (code, _name) in enumerate(FIELD_ROWS):
            cells[(row, str(3 + i))] = fields.get(code, 0)
        if row == "01":
            no_field = fields.get("", 0)
    notes = ["Số liệu lấy từ danh bạ chuyên gia (mọi hồ sơ nhà khoa học đã đăng ký, kể cả hồ sơ không công khai "
             "trên trang danh bạ), chưa phải toàn bộ nhân lực của các tổ chức: cần đối chiếu với số liệu nhân sự "
             "trước khi gửi."]
    if no_field:
        notes.append(f"{no_field} người chưa ghi lĩnh vực KH&CN, không được tính ở các cột 3-8.")
    return cells, notes


FORM_02 = FormSpec(
    "02-KHCN-NL", "02/KHCN-NL", "SỐ NGƯỜI TRONG CÁC TỔ CHỨC KHOA HỌC VÀ CÔNG NGHỆ",
    [FormColumn("1", "Tổng số"), FormColumn("2", "Trong đó: Nữ"),
     *[FormColumn(str(3 + i), f"Chia theo lĩnh vực: {name}") for i, (_c, name) in enumerate(FIELD_ROWS)]],
    [FormRow("01", "Tổng số"), FormRow("", "Chia theo trình độ chuyên môn"), FormRow("02", "Tiến sĩ", 1),
     FormRow("03", "Thạc sĩ", 1), FormRow("04", "Đại học", 1), FormRow("05", "Cao đẳng", 1),
     FormRow("06", "Trình độ khác", 1), FormRow("", "Chia theo chức danh"), FormRow("07", "Giáo sư", 1),
     FormRow("08", "Phó giáo sư", 1)],
    compute_personnel,
    data_note="Học vị: TS, TSKH → dòng 02; ThS → 03; BS, DS, KS, CN → 04; chưa ghi → 06. Chức danh GS, PGS → 07, 08. "
              "Cột 3-8 theo lĩnh vực đầu tiên của hồ sơ.",
    manual_note="Cột 2 (nữ) và dòng 05 (cao đẳng) cần nhập thủ công: hồ sơ chuyên gia không ghi giới tính, "
                "danh mục học vị không có cao đẳng.",
)


# --- 04/KHCN-NV --------------------------------------------------------------------------------

ACCEPTANCE_DONE = frozenset({"accepted", "failed", "registered", "published"})
LEVEL_ROWS = {"national": "02", "ministerial": "03", "provincial": "04", "grassroots": "05"}


RUNNING = frozenset({"in_progress", "evaluating"})  # under way until accepted, whatever the plan said


def year_flags(status: str, start: dt.date | None, end: dt.date | None, year: int,
               accepted: dt.date | None = None, today: dt.date | None = None) -> frozenset[str]:
    """How a task counts in a year: active (under way at some time in it), new or carried over, accepted.

    A task counts from its start (contract) to its end: its acceptance, or its final report when no
    acceptance date was kept (a report of December accepted in January was under way in both years);
    a running task runs to its planned end or to today, whichever is later (one past its planned end is
    late, not over; `today`: the site's date unless given). Cancelled tasks and tasks without a
    contract do not count; 'accepted' means its acceptance was done that year.
    """
    if status in RUNNING:
        end = max(end, today or timezone.localdate()) if end is not None else None
    elif status in ACCEPTANCE_DONE and accepted is not None:
        end = accepted
    if status not in CONTRACTED or start is None or start.year > year or (end is not None and end.year < year):
        return frozenset()
    flags = {"active", "new" if start.year == year else "carried"}
    if status in ACCEPTANCE_DONE and (accepted or end) is not None and (accepted or end).year == year:
        flags.add("accepted")
    return frozenset(flags)


def compute_tasks(filters: Filters, year: int) -> tuple[Cells, list[str]]:
    """Columns 1-6 of every row (counts and contracted budgets, million VND); column 7 is manual."""
    tasks = Task.objects.exclude(status__in=("proposed", "rejected", "cancelled"))
    if filters.org:
        tasks = tasks.filter(host__code=filters.org)
    cells: Cells = {}
    today = timezone.localdate()
    for task in tasks.only("status", "level", "field_code", "planned_start", "actual_start", "planned_end",
                           "actual_end", "accepted_at", "contract_date", "budget_state", "budget_other"):
        start = task.actual_start or task.planned_start or task.contract_date
        accepted = timezone.localdate(task.accepted_at) if task.accepted_at else None
        flags = year_flags(task.status, start, task.actual_end or task.planned_end, year, accepted, today)
        if not flags:
            continue
        field_row = {code: f"{6 + i:02d}" for i, (code, _n) in enumerate(FIELD_ROWS)}.get(top_field(task.field_code))
        for row in filter(None, ("01", LEVEL_ROWS.get(task.level), field_row)):
            for column, flag in (("1", "active"), ("2", "carried"), ("3", "new"), ("4", "accepted")):
                cells[(row, column)] = cells.get((row, column), 0) + (flag in flags)
            cells[(row, "5")] = cells.get((row, "5"), 0) + ((task.budget_state or 0) + (task.budget_other or 0)) / 1e6
            cells[(row, "6")] = cells.get((row, "6"), 0) + (task.budget_state or 0) / 1e6
    for row in ["01", *LEVEL_ROWS.values(), *(f"{6 + i:02d}" for i in range(6))]:
        for column in "123456":
            value = cells.get((row, column), 0)
            cells[(row, column)] = round(value, 3) if column in "56" else int(value)
    return cells, ["Nhiệm vụ được tính từ ngày bắt đầu (hợp đồng) đến khi nghiệm thu (hoặc nộp báo cáo tổng hợp "
                   "nếu không có ngày nghiệm thu); nhiệm vụ đang thực hiện được tính đến khi nghiệm thu, kể cả khi "
                   "đã quá hạn; nhiệm vụ đã hủy không được tính."]


FORM_04 = FormSpec(
    "04-KHCN-NV", "04/KHCN-NV", "NHIỆM VỤ KHOA HỌC VÀ CÔNG NGHỆ",
    [FormColumn("1", "Số nhiệm vụ thực hiện trong năm"), FormColumn("2", "Chia ra: Chuyển tiếp"),
     FormColumn("3", "Mở mới"), FormColumn("4", "Số nhiệm vụ nghiệm thu trong năm"),
     FormColumn("5", "Tổng kinh phí theo hợp đồng (triệu đồng)"),
     FormColumn("6", "Trong đó: Ngân sách nhà nước (triệu đồng)"),
     FormColumn("7", "Kinh phí được cấp trong năm (triệu đồng)")],
    [FormRow("01", "Tổng số"), FormRow("", "Chia theo cấp quản lý"), FormRow("02", "Cấp quốc gia", 1),
     FormRow("03", "Cấp bộ", 1), FormRow("04", "Cấp tỉnh", 1), FormRow("05", "Cấp cơ sở", 1),
     FormRow("", "Chia theo lĩnh vực khoa học và công nghệ"), *_field_rows(6)],
    compute_tasks,
    data_note="Cột 1-6 lấy từ cơ sở dữ liệu nhiệm vụ (cấp quản lý, lĩnh vực, ngày bắt đầu/kết thúc, trạng thái "
              "nghiệm thu, kinh phí hợp đồng gồm ngân sách nhà nước và nguồn khác).",
    manual_note="Cột 7 (kinh phí thực cấp trong năm) cần nhập thủ công: hệ thống chỉ lưu kinh phí theo hợp đồng.",
)

FORMS: dict[str, FormSpec] = {f.slug: f for f in (FORM_01, FORM_02, FORM_04)}


def find_form(name: str) -> FormSpec:
    """A form by slug ('04-KHCN-NV'), number ('04/KHCN-NV') or its two digits ('04')."""
    key = name.strip().upper().replace("/", "-")
    for spec in FORMS.values():
        if key in (spec.slug.upper(), spec.slug[:2]):
            return spec
    raise LookupError(_("no reporting form %(name)r; known: %(forms)s")
                      % {"name": name, "forms": ", ".join(f.number for f in FORMS.values())})


def fill(spec: FormSpec, filters: Filters, year: int) -> tuple[Cells, list[str]]:
    """The cells filled from the data (the rest are manual) and the notes about them."""
    return spec.compute(filters, year)
