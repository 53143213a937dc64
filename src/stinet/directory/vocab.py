"""Controlled vocabularies of the directory: kinds of information service, request statuses."""

from __future__ import annotations

# code -> (Vietnamese label, English label); the order is the display order.
SERVICE_KINDS: dict[str, tuple[str, str]] = {
    "lookup": ("Tra cứu thông tin", "Information lookup"),
    "document_delivery": ("Cung cấp tài liệu", "Document delivery"),
    "translation": ("Dịch thuật tài liệu", "Translation"),
    "consulting": ("Tư vấn", "Consulting"),
    "training": ("Đào tạo, tập huấn", "Training"),
    "digitisation": ("Số hoá tài liệu", "Digitisation"),
    "analysis": ("Phân tích, tổng quan thông tin", "Information analysis and reviews"),
    "other": ("Dịch vụ khác", "Other service"),
}

JOIN_STATUSES: dict[str, tuple[str, str]] = {
    "pending": ("Chờ duyệt", "Pending"),
    "approved": ("Đã chấp thuận", "Approved"),
    "rejected": ("Bị từ chối", "Rejected"),
}
