"""The record shapes of the national feed, version 1: one pydantic model per part.

These models are the single description of the feed: the API validates and documents its
answers with them (OpenAPI), and `schemas/<part>.json` (JSON Schema 2020-12, checked by the
tests to be up to date) is generated from them. Every field carries its English title and,
as `x-vi`, the name of the corresponding field of the national forms (Circular 10/2017 on the
National S&T Database's organisation, personnel and task databases; Circular 14/2014 on
registering task results; Circular 15/2018 statistical templates) as far as we established it.

Dates are ISO 8601 text (`YYYY-MM-DD`), times ISO 8601 in UTC with microseconds and `Z`; money
in VND (whole numbers). Text is Unicode NFC. A field with nothing known is "" (text), [] (lists)
or null (objects, numbers, dates).

Minor versions (1.x) may add fields; removing or changing one makes version 2 (a new path).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"
API_VERSION = "v1"


def F(title: str, vi: str, description: str = "", fmt: str = "", **kwargs: Any) -> Any:  # noqa: N802
    """A documented field: English title, Vietnamese name of the national form, optional format."""
    extra: dict[str, Any] = {"x-vi": vi}
    if fmt:
        extra["format"] = fmt
    return Field(title=title, description=description or None, json_schema_extra=extra, **kwargs)


class Shape(BaseModel):
    """A closed object: no other fields."""

    model_config = ConfigDict(extra="forbid")


class Deleted(Shape):
    """A record that left the part (deleted, no longer public, or its code changed): remove it."""

    id: str = F("Stable id", "Mã định danh", "org:CODE, expert:ID or task:CODE")
    deleted: Literal[True] = F("Deleted", "Đã xóa", "always true for a deletion")
    updated_at: str = F("Deleted at", "Thời điểm xóa", fmt="date-time")


class FieldRef(Shape):
    """A field of science (Circular 24/2025 classification; older codes from Decision 12/2008)."""

    code: str = F("Code", "Mã lĩnh vực")
    name: str = F("Name", "Tên lĩnh vực")


class OrgRef(Shape):
    """A reference to an organisation of the organisations part."""

    id: str = F("Stable id", "Mã định danh", "org:CODE")
    code: str = F("Code", "Mã tổ chức")
    name: str = F("Name", "Tên tổ chức")


class Contact(Shape):
    """A contact person."""

    name: str = F("Name", "Họ và tên")
    email: str = F("E-mail", "Thư điện tử")
    phone: str = F("Phone", "Điện thoại")


class Certificate(Shape):
    """The S&T enterprise certificate."""

    number: str = F("Number", "Số giấy chứng nhận")
    date: str | None = F("Date of issue", "Ngày cấp", fmt="date")
    issuer: str = F("Issued by", "Cơ quan cấp")


class Service(Shape):
    """An S&T information service the organisation offers."""

    kind: str = F("Kind", "Loại dịch vụ", "lookup, document_delivery, translation, consulting, training, "
                  "digitisation, analysis, other")
    kind_label: str = F("Kind (Vietnamese)", "Tên loại dịch vụ")
    name: str = F("Name", "Tên dịch vụ")
    description: str = F("Description", "Mô tả")
    audience: str = F("For whom", "Đối tượng phục vụ")
    how_to_ask: str = F("How to ask", "Cách thức yêu cầu")
    url: str = F("Address", "Địa chỉ trực tuyến")
    free: bool = F("Free of charge", "Miễn phí")
    fee: str = F("Fee", "Mức phí")


class OrganisationRecord(Shape):
    """An S&T organisation (member of the network or other S&T organisation), with its directory entry."""

    id: str = F("Stable id", "Mã định danh", "org:CODE")
    deleted: Literal[False] = F("Deleted", "Đã xóa", "always false for a live record")
    updated_at: str = F("Updated at", "Thời điểm cập nhật", "last change of the organisation, its profile or "
                        "its services", fmt="date-time")
    created_at: str = F("Created at", "Thời điểm tạo", fmt="date-time")
    code: str = F("Code", "Mã tổ chức")
    name: str = F("Name", "Tên tổ chức (tiếng Việt)")
    name_en: str = F("English name", "Tên giao dịch tiếng Anh")
    short_name: str = F("Abbreviation", "Tên viết tắt")
    kind: str = F("Kind", "Loại hình tổ chức", "university, institute, library, hospital, agency, centre, "
                  "enterprise (S&T enterprise), other")
    kind_label: str = F("Kind (Vietnamese)", "Tên loại hình tổ chức")
    network_member: bool = F("Network member", "Thành viên mạng lưới thông tin KH&CN")
    province: str = F("Province", "Tỉnh/thành phố")
    address: str = F("Address", "Địa chỉ trụ sở chính")
    phone: str = F("Phone", "Điện thoại")
    email: str = F("E-mail", "Thư điện tử")
    website: str = F("Website", "Trang thông tin điện tử")
    fields: list[FieldRef] = F("Fields of activity", "Lĩnh vực hoạt động KH&CN")
    description: str = F("Description", "Chức năng, nhiệm vụ chính")
    contact: Contact | None = F("Contact person", "Người liên hệ")
    st_enterprise_certificate: Certificate | None = F("S&T enterprise certificate",
                                                      "Giấy chứng nhận doanh nghiệp KH&CN")
    services: list[Service] = F("Information services", "Dịch vụ thông tin KH&CN")
    url: str = F("Page on the portal", "Địa chỉ trang thông tin trên cổng")


class WorkRef(Shape):
    """A work of the union catalogue."""

    id: int = F("Work id", "Mã biểu ghi")
    title: str = F("Title", "Nhan đề")
    year: int | None = F("Year", "Năm công bố")
    type: str = F("Type", "Loại tài liệu", "report, thesis, dissertation, article, book, conference, patent, "
                  "standard, dataset, other")


class ExpertRecord(Shape):
    """A scientist of the S&T personnel database (public profiles only)."""

    id: str = F("Stable id", "Mã định danh", "expert:ID")
    deleted: Literal[False] = F("Deleted", "Đã xóa", "always false for a live record")
    updated_at: str = F("Updated at", "Thời điểm cập nhật", "last change of the profile or its confirmed works",
                        fmt="date-time")
    created_at: str = F("Created at", "Thời điểm tạo", fmt="date-time")
    full_name: str = F("Full name", "Họ và tên")
    other_names: list[str] = F("Other spellings", "Tên khác dùng trong công bố")
    academic_title: str = F("Academic title", "Học hàm", "GS (professor), PGS (associate professor) or ''")
    academic_title_label: str = F("Academic title (Vietnamese)", "Tên học hàm")
    degree: str = F("Degree", "Học vị", "TSKH, TS, ThS, BS, DS, KS, CN or ''")
    degree_label: str = F("Degree (Vietnamese)", "Tên học vị")
    organisation: OrgRef | None = F("Organisation", "Cơ quan công tác")
    position: str = F("Unit and post", "Chức vụ, đơn vị công tác")
    fields: list[FieldRef] = F("Fields of research", "Lĩnh vực nghiên cứu")
    interests: str = F("Research interests", "Hướng nghiên cứu chính")
    orcid: str = F("ORCID iD", "Mã ORCID")
    email: str = F("E-mail", "Thư điện tử", "given to key holders even when not shown publicly")
    phone: str = F("Phone", "Điện thoại")
    website: str = F("Website", "Trang cá nhân")
    contact_public: bool = F("Contact details public", "Đồng ý công khai thông tin liên hệ")
    publications: list[WorkRef] = F("Publications", "Công trình khoa học đã công bố",
                                    "works of the union catalogue the scientist confirmed as theirs")
    url: str = F("Page on the portal", "Địa chỉ trang thông tin trên cổng")


class PersonRef(Shape):
    """A person on a task, linked to their expert profile when known."""

    name: str = F("Full name", "Họ và tên")
    expert: str | None = F("Expert id", "Mã định danh nhân lực", "expert:ID of a public profile, or null")


class Member(PersonRef):
    """A member of a task's team."""

    role: str = F("Role", "Vai trò", "investigator, secretary, member, participant")
    role_label: str = F("Role (Vietnamese)", "Tên vai trò")


class Contract(Shape):
    """The task's contract."""

    number: str = F("Number", "Số hợp đồng")
    date: str | None = F("Date", "Ngày ký", fmt="date")


class Budget(Shape):
    """The task's budget in VND (part of the national task record and the registration sheet)."""

    state: int | None = F("State budget", "Kinh phí từ ngân sách nhà nước")
    other: int | None = F("Other sources", "Kinh phí từ nguồn khác")
    total: int | None = F("Total", "Tổng kinh phí")
    currency: Literal["VND"] = F("Currency", "Đơn vị tiền tệ")


class Registration(Shape):
    """The registration of the task's result."""

    number: str = F("Registration number", "Số đăng ký kết quả")
    date: str | None = F("Registration date", "Ngày đăng ký", fmt="date")


class ResultRef(Shape):
    """The published result in the union catalogue."""

    id: int = F("Work id", "Mã biểu ghi")
    url: str = F("Address", "Địa chỉ truy cập")


class TaskRecord(Shape):
    """An S&T task approved into a year's list (proposals are not in the feed); no scores, minutes or applications."""

    id: str = F("Stable id", "Mã định danh", "task:CODE")
    deleted: Literal[False] = F("Deleted", "Đã xóa", "always false for a live record")
    updated_at: str = F("Updated at", "Thời điểm cập nhật", "last change of the task or its team", fmt="date-time")
    created_at: str = F("Proposed at", "Thời điểm đề xuất", fmt="date-time")
    code: str = F("Code", "Mã số nhiệm vụ")
    title: str = F("Title", "Tên nhiệm vụ")
    title_en: str = F("English title", "Tên nhiệm vụ (tiếng Anh)")
    level: Literal["national", "ministerial", "provincial", "grassroots"] = F(
        "Management level", "Cấp quản lý nhiệm vụ")
    level_label: str = F("Level (Vietnamese)", "Tên cấp quản lý")
    kind: Literal["research", "pilot", "scheme", "project", "programme", "other"] = F(
        "Kind of task", "Loại nhiệm vụ")
    kind_label: str = F("Kind (Vietnamese)", "Tên loại nhiệm vụ")
    field: FieldRef | None = F("Field of science", "Lĩnh vực KH&CN")
    keywords: list[str] = F("Keywords", "Từ khóa")
    year: int = F("Plan year", "Năm kế hoạch")
    status: str = F("Status", "Tình trạng thực hiện", "listed, selecting, awarded, in_progress, evaluating, "
                    "accepted, failed, registered, published, stopped, cancelled")
    status_label: str = F("Status (Vietnamese)", "Tên tình trạng")
    step: int = F("Life-cycle step", "Bước trong quy trình", "1-5 (0: stopped or cancelled)")
    host: OrgRef | None = F("Host organisation", "Tổ chức chủ trì")
    investigator: PersonRef | None = F("Principal investigator", "Chủ nhiệm nhiệm vụ")
    members: list[Member] = F("Team", "Danh sách thành viên tham gia")
    objectives: str = F("Objectives", "Mục tiêu")
    expected_results: str = F("Expected results", "Sản phẩm, kết quả dự kiến")
    results: str = F("Results obtained", "Tóm tắt kết quả thực hiện")
    selection_mode: Literal["selection", "direct", ""] = F("How the host was chosen", "Phương thức thực hiện",
                                                          "selection (tuyển chọn) or direct (giao trực tiếp)")
    contract: Contract | None = F("Contract", "Hợp đồng thực hiện")
    budget: Budget | None = F("Budget", "Kinh phí thực hiện")
    planned_start: str | None = F("Planned start", "Thời gian bắt đầu (theo hợp đồng)", fmt="date")
    planned_end: str | None = F("Planned end", "Thời gian kết thúc (theo hợp đồng)", fmt="date")
    actual_start: str | None = F("Actual start", "Thời gian bắt đầu thực tế", fmt="date")
    actual_end: str | None = F("Actual end", "Thời gian kết thúc thực tế", fmt="date")
    rating: Literal["excellent", "pass", "fail", ""] = F("Acceptance rating", "Kết quả đánh giá nghiệm thu (xếp loại)")
    rating_label: str = F("Rating (Vietnamese)", "Tên xếp loại")
    registration: Registration | None = F("Result registration", "Đăng ký kết quả thực hiện nhiệm vụ")
    result_work: ResultRef | None = F("Published result", "Kết quả được công bố")
    url: str = F("Page on the portal", "Địa chỉ trang thông tin trên cổng")


RECORDS: dict[str, type[Shape]] = {"organisations": OrganisationRecord, "personnel": ExpertRecord,
                                   "tasks": TaskRecord}


def json_schema(part: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one part's items: a live record or a deletion."""
    record = RECORDS[part]
    body = record.model_json_schema(ref_template="#/$defs/{model}")
    defs = body.pop("$defs", {})
    defs[record.__name__] = body
    defs["Deleted"] = Deleted.model_json_schema(ref_template="#/$defs/{model}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:stinet:national:{API_VERSION}:{part}",
        "title": f"STINet national feed {SCHEMA_VERSION}: {part}",
        "description": f"One item of the '{part}' part: a live {record.__name__} or a Deleted record.",
        "x-schema-version": SCHEMA_VERSION,
        "oneOf": [{"$ref": f"#/$defs/{record.__name__}"}, {"$ref": "#/$defs/Deleted"}],
        "$defs": dict(sorted(defs.items())),
    }


def schema_path(part: str) -> Any:
    """The file of a part's JSON Schema under src/stinet/feed/schemas/."""
    from pathlib import Path

    return Path(__file__).resolve().parent / "schemas" / f"{part}.json"


def schema_text(part: str) -> str:
    """A part's JSON Schema as the file holds it."""
    import json

    return json.dumps(json_schema(part), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # python -m stinet.feed.shapes: rewrite the schema files after a change
    for name in RECORDS:
        schema_path(name).write_text(schema_text(name), encoding="utf-8")
