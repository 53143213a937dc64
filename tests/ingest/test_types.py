"""Type labels members use, mapped to work-type codes."""

import pytest

from stinet.ingest.types import map_type


@pytest.mark.parametrize(("label", "code"), [
    ("Luận văn thạc sĩ", "thesis"), ("Luận văn Thạc sỹ", "thesis"), ("LUAN VAN THAC SI", "thesis"),
    ("Luận án tiến sĩ", "dissertation"), ("Luận án Tiến sĩ Y học", "dissertation"),
    ("Báo cáo kết quả nghiên cứu", "report"), ("Đề tài NCKH", "report"), ("Bài báo", "article"),
    ("Bài báo khoa học", "article"), ("Sách", "book"), ("Kỷ yếu hội thảo", "conference"),
    ("Thesis", "thesis"), ("Article", "article"), ("Book", "book"), ("Sáng chế", "patent"),
    ("Giải pháp hữu ích", "patent"), ("Tiêu chuẩn", "standard"), ("Bộ dữ liệu", "dataset"),
    ("dissertation", "dissertation"), ("Technical Report", "report"),
])
def test_known_labels(label, code):
    assert map_type(label) == code


@pytest.mark.parametrize("label", ["Poster", "Ảnh", "", "   "])
def test_unknown_labels(label):
    assert map_type(label) is None
