"""Controlled vocabularies of the catalogue: work types, access levels, organisation kinds."""

from __future__ import annotations

import re

# code -> (Vietnamese label, English label); the order is the display order.
WORK_TYPES: dict[str, tuple[str, str]] = {
    "report": ("Báo cáo kết quả nghiên cứu", "Research-result report"),
    "thesis": ("Luận văn thạc sĩ", "Master's thesis"),
    "dissertation": ("Luận án tiến sĩ", "Doctoral dissertation"),
    "article": ("Bài báo", "Journal article"),
    "book": ("Sách", "Book"),
    "conference": ("Bài hội nghị, hội thảo", "Conference paper"),
    "patent": ("Sáng chế, giải pháp hữu ích", "Patent / utility solution"),
    "standard": ("Tiêu chuẩn", "Standard"),
    "dataset": ("Bộ dữ liệu", "Dataset"),
    "other": ("Tài liệu khác", "Other"),
}

ACCESS_LEVELS: dict[str, tuple[str, str]] = {
    "public": ("Công khai", "Public"),
    "members": ("Thành viên mạng lưới", "Network members only"),
    "metadata": ("Chỉ thông tin mô tả", "Metadata only"),
}

ORG_KINDS: dict[str, tuple[str, str]] = {
    "university": ("Trường đại học", "University"),
    "institute": ("Viện nghiên cứu", "Research institute"),
    "library": ("Thư viện", "Library"),
    "hospital": ("Bệnh viện", "Hospital"),
    "agency": ("Cơ quan quản lý", "Government agency"),
    "centre": ("Trung tâm", "Centre"),
    "enterprise": ("Doanh nghiệp KH&CN", "S&T enterprise"),
    "other": ("Khác", "Other"),
}

CREATOR_ROLES = ("author", "editor", "translator", "advisor", "contributor")

LANGUAGES: dict[str, tuple[str, str]] = {
    "vi": ("Tiếng Việt", "Vietnamese"),
    "en": ("Tiếng Anh", "English"),
    "fr": ("Tiếng Pháp", "French"),
    "ru": ("Tiếng Nga", "Russian"),
    "zh": ("Tiếng Trung", "Chinese"),
}


# Identifier kinds and the extra values STINet itself writes (a task's published result), as a
# work page names them; members' own extra columns keep their names.
IDENTIFIER_KINDS: dict[str, tuple[str, str]] = {
    "task": ("Mã nhiệm vụ", "Task code"), "handle": ("Handle", "Handle"), "other": ("Mã khác", "Other identifier"),
}
EXTRA_NAMES: dict[str, tuple[str, str]] = {
    "Số đăng ký kết quả": ("Số đăng ký kết quả", "Result registration number"),
    "Cấp nhiệm vụ": ("Cấp nhiệm vụ", "Task level"),
    "Xếp loại nghiệm thu": ("Xếp loại nghiệm thu", "Acceptance rating"),
}


# Extra data members' files often carry: DSpace fields the catalogue has no place of its own for, and the
# MARC fields kept as they are (ingest/marc.py). A language tag after a DSpace field is named after it
# ("dc.description.abstract[en]": "Tóm tắt (tiếng Anh)"); other columns keep the member's own names.
EXTRA_FIELDS: dict[str, tuple[str, str]] = {
    "dc.title": ("Nhan đề", "Title"),
    "dc.title.alternative": ("Nhan đề khác", "Alternative title"),
    "dc.description": ("Mô tả", "Description"),
    "dc.description.abstract": ("Tóm tắt", "Abstract"),
    "dc.description.tableofcontents": ("Mục lục", "Table of contents"),
    "dc.description.sponsorship": ("Tài trợ", "Sponsorship"),
    "dc.description.statementofresponsibility": ("Thông tin trách nhiệm", "Statement of responsibility"),
    "dc.rights": ("Quyền", "Rights"),
    "dc.rights.uri": ("Địa chỉ giấy phép", "Rights URI"),
    "dc.rights.holder": ("Chủ sở hữu quyền", "Rights holder"),
    "dc.rights.license": ("Giấy phép", "Licence"),
    "dc.format": ("Định dạng", "Format"),
    "dc.format.extent": ("Số trang, dung lượng", "Extent"),
    "dc.format.medium": ("Vật mang tin", "Medium"),
    "dc.relation": ("Tài liệu liên quan", "Relation"),
    "dc.relation.ispartof": ("Là một phần của", "Is part of"),
    "dc.relation.ispartofseries": ("Tùng thư", "Series"),
    "dc.relation.haspart": ("Gồm có", "Has part"),
    "dc.relation.uri": ("Liên kết liên quan", "Related link"),
    "dc.coverage.spatial": ("Phạm vi không gian", "Spatial coverage"),
    "dc.coverage.temporal": ("Phạm vi thời gian", "Temporal coverage"),
    "dc.source": ("Nguồn", "Source"),
    "dc.type": ("Loại tài liệu", "Type"),
    "dc.publisher": ("Nhà xuất bản", "Publisher"),
    "dc.date.created": ("Ngày tạo", "Date created"),
    "dc.date.issued": ("Ngày công bố", "Date issued"),
    "dc.date.submitted": ("Ngày nộp", "Date submitted"),
    "dc.date.copyright": ("Năm bản quyền", "Copyright date"),
    "dc.contributor.other": ("Người đóng góp khác", "Other contributor"),
    "oaire.citation.title": ("Tên tạp chí, kỷ yếu", "Journal or proceedings"),
    "oaire.citation.volume": ("Tập", "Volume"),
    "oaire.citation.issue": ("Số", "Issue"),
    "oaire.citation.startpage": ("Trang đầu", "First page"),
    "oaire.citation.endpage": ("Trang cuối", "Last page"),
    "dc.citation.journaltitle": ("Tên tạp chí, kỷ yếu", "Journal or proceedings"),
    "dc.citation.volume": ("Tập", "Volume"),
    "dc.citation.issue": ("Số", "Issue"),
    "dc.citation.spage": ("Trang đầu", "First page"),
    "dc.citation.epage": ("Trang cuối", "Last page"),
    "thesis.degree.level": ("Bậc đào tạo", "Degree level"),
    "thesis.degree.discipline": ("Chuyên ngành", "Discipline"),
    "marc.082": ("Chỉ số phân loại DDC", "Dewey Decimal Classification"),
    "marc.084": ("Chỉ số phân loại khác", "Other classification number"),
    "marc.250": ("Lần xuất bản", "Edition"),
    "marc.260c": ("Năm xuất bản (như đã ghi)", "Date of publication (as written)"),
    "marc.300": ("Mô tả vật lý", "Physical description"),
    "marc.490": ("Tùng thư", "Series statement"),
    "marc.500": ("Ghi chú", "General note"),
    "marc.830": ("Tùng thư (tiêu đề bổ sung)", "Series added entry"),
}


# A cell under no header is kept as extra data under "column 5" (unnamed_column), whatever the language of
# its import, so that one file gives one record in any; the work page and the import report name it in
# theirs ("cột 5": extra_label).
UNNAMED_COLUMN = re.compile(r"column ([1-9][0-9]*)")
UNNAMED_COLUMN_LABEL = ("cột %s", "column %s")


def unnamed_column(i: int) -> str:
    """The key a row's cell under no header (the `i`th, from 0) is kept under."""
    return f"column {i + 1}"


def extra_label(key: str, lang: str = "vi") -> str:
    """How a work page names an extra value: STINet's own (EXTRA_NAMES), a cell under no header ("column
    5": "cột 5") and the common DSpace and MARC fields (EXTRA_FIELDS) in the page's language, with the
    language of a tagged DSpace column ("dc.title.alternative[en]": "Nhan đề khác (tiếng Anh)", not [vi]);
    any other key as it is."""
    if key in EXTRA_NAMES:
        return label(EXTRA_NAMES, key, lang)
    if key.startswith("column ") and (number := UNNAMED_COLUMN.fullmatch(key)):
        return UNNAMED_COLUMN_LABEL[lang == "en"] % number[1]
    field, _bracket, tag = key.partition("[")
    if (name := label(EXTRA_FIELDS, field.strip().lower(), lang)) == field.strip().lower():
        return key
    code = tag.rstrip("]").strip().lower().replace("-", "_").partition("_")[0]  # en_US: en
    if not code.isalpha() or code == "vi":  # untagged, [] or [*]; Vietnamese, as untagged columns mostly are
        return name
    language = label(LANGUAGES, code, lang)
    if lang != "en" and code in LANGUAGES:
        language = language[0].lower() + language[1:]  # "Tóm tắt (tiếng Anh)"
    return f"{name} ({language})"


def named_extra(key: str) -> bool:
    """Whether a column kept as extra data is one a work page names (STINet's own extra values, the common
    DSpace and MARC fields): an import reports it as kept, not as unknown."""
    return key in EXTRA_NAMES or key.partition("[")[0].strip().lower() in EXTRA_FIELDS


def interface_lang() -> str:
    """The active interface language as the vocabularies name it: 'en' or 'vi'."""
    from django.utils.translation import get_language

    return "en" if (get_language() or "vi").startswith("en") else "vi"


def label(table: dict[str, tuple[str, str]], code: str, lang: str = "vi") -> str:
    """Label of a code in Vietnamese or English; the code itself when unknown."""
    pair = table.get(code)
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]


def choices(table: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """Django choices from a vocabulary table (Vietnamese labels)."""
    return [(code, vi) for code, (vi, _en) in table.items()]
