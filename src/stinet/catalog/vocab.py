"""Controlled vocabularies of the catalogue: work types, access levels, organisation kinds."""

from __future__ import annotations

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

CREATOR_ROLES = ("author", "editor", "advisor", "contributor")

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


def label(table: dict[str, tuple[str, str]], code: str, lang: str = "vi") -> str:
    """Label of a code in Vietnamese or English; the code itself when unknown."""
    pair = table.get(code)
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]


def choices(table: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """Django choices from a vocabulary table (Vietnamese labels)."""
    return [(code, vi) for code, (vi, _en) in table.items()]
