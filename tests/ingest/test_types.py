"""Type labels members use, mapped to work-type codes."""

import pytest

from stinet.ingest.types import map_type, repository_type


@pytest.mark.parametrize(("label", "code"), [
    ("Luận văn thạc sĩ", "thesis"), ("Luận văn Thạc sỹ", "thesis"), ("LUAN VAN THAC SI", "thesis"),
    ("Luận án tiến sĩ", "dissertation"), ("Luận án Tiến sĩ Y học", "dissertation"),
    ("Báo cáo kết quả nghiên cứu", "report"), ("Đề tài NCKH", "report"), ("Bài báo", "article"),
    ("Bài báo khoa học", "article"), ("Sách", "book"), ("Kỷ yếu hội thảo", "conference"),
    ("Thesis", "thesis"), ("Article", "article"), ("Book", "book"), ("Sáng chế", "patent"),
    ("Giải pháp hữu ích", "patent"), ("Tiêu chuẩn", "standard"), ("Bộ dữ liệu", "dataset"),
    ("dissertation", "dissertation"), ("Technical Report", "report"),
    ("Tài liệu", "other"), ("Tài liệu khác", "other"), ("Tài liệu tham khảo", "book"),
    # QA 16c: the three spellings of KH&CN alike, and labels the table nearly knew
    ("Nhiệm vụ KH&CN", "report"), ("Nhiệm vụ KHCN", "report"), ("Nhiệm vụ khoa học và công nghệ", "report"),
    ("Đề tài KH&CN", "report"), ("PhD dissertation", "dissertation"),
    ("Bằng độc quyền giải pháp hữu ích", "patent"),
])
def test_known_labels(label, code):
    assert map_type(label) == code


@pytest.mark.parametrize(("label", "code"), [
    ("Luận văn tiến sĩ", "dissertation"), ("Luận văn Phó tiến sĩ", "dissertation"),
    ("Luận văn Tiến sỹ Kinh tế", "dissertation"), ("Luận án thạc sĩ", "thesis"), ("Luận án ThS", "thesis"),
    ("Luận văn ThS", "thesis"), ("Luận án TS", "dissertation"), ("Luận văn tốt nghiệp", "thesis"),
    ("Luận văn thạc sĩ Kinh tế", "thesis"), ("Luận án Tiến sĩ Y học", "dissertation"),
    ("Doctoral thesis (PhD)", "dissertation"), ("Master's Thesis", "thesis"), ("PhD thesis", "dissertation"),
])
def test_the_degree_decides_between_thesis_and_dissertation(label, code):
    assert map_type(label) == code


@pytest.mark.parametrize("label", ["Tài liệu hướng dẫn", "Tài liệu nội bộ"])
def test_a_label_that_only_starts_with_a_generic_word_is_not_mapped(label):
    """"Tài liệu" (a document) names no type: "Tài liệu ..." is reported, not quietly 'other'."""
    assert map_type(label) is None


@pytest.mark.parametrize("label", ["Poster", "Ảnh", "", "   "])
def test_unknown_labels(label):
    assert map_type(label) is None


@pytest.mark.parametrize(("label", "code"), [
    ("info:eu-repo/semantics/masterThesis", "thesis"), ("info:eu-repo/semantics/doctoralThesis", "dissertation"),
    ("info:eu-repo/semantics/bachelorThesis", "thesis"), ("info:eu-repo/semantics/article", "article"),
    ("info:eu-repo/semantics/book", "book"), ("info:eu-repo/semantics/bookPart", "book"),
    ("info:eu-repo/semantics/report", "report"), ("info:eu-repo/semantics/conferenceObject", "conference"),
    ("info:eu-repo/semantics/patent", "patent"), ("info:eu-repo/semantics/other", "other"),
    ("Conference Object", "conference"), ("Working Paper", "report"), ("Text", None), ("Poster", None),
])
def test_openaire_types_as_the_harvester_maps_them(label, code):
    assert repository_type(label) == code


def test_the_harvester_and_the_importer_share_one_table():
    from stinet.ingest import types
    from stinet.sources import mapping

    assert mapping.repository_type is types.repository_type
    assert mapping.pick_type(["info:eu-repo/semantics/doctoralThesis"])[1] == "dissertation"


@pytest.mark.parametrize("label", ["Bài báo hội nghị", "Bài báo hội thảo", "Tài liệu hội thảo",
                                   "Tài liệu hội nghị quốc tế", "Báo cáo tại hội nghị", "Poster hội nghị"])
def test_a_label_naming_a_meeting_is_a_conference_paper(label):
    """Not an article ("Bài báo ...") nor unmapped ("Tài liệu ..."): it was given at a conference or workshop."""
    assert map_type(label) == "conference"
