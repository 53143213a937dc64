"""Column headers: DSpace fields and the Vietnamese headers members use."""

import pytest

from stinet.ingest.columns import canonical, is_ignored


@pytest.mark.parametrize(("header", "field"), [
    ("dc.title", "dc.title"), ("dc.title[vi]", "dc.title"), ("Tên đề tài", "dc.title"),
    ("TÊN ĐỀ TÀI", "dc.title"), ("Ten de tai", "dc.title"), ("Tên đề tài/Nhiệm vụ", "dc.title"),
    ("Tác giả", "dc.contributor.author"), ("Năm", "dc.date.issued"), ("Loại tài liệu", "dc.type"),
    ("Từ khóa", "dc.subject"), ("dc.subject.other", "dc.subject"), ("Tóm tắt", "dc.description.abstract"),
    ("Nội dung KH 2003", "dc.description.abstract"), ("dc.identifier.issn", "dc.identifier.issn"),
    ("Đơn vị chủ trì /\nChủ nhiệm đề tài", "local.host_pi"), ("Tªn ®Ò tµi", "dc.title"),
    # QA 16c: cataloguers' abbreviations and longer forms (they were unknown columns: no year, no author)
    ("Năm XB", "dc.date.issued"), ("NXB", "dc.publisher"), ("Nhà XB", "dc.publisher"),
    ("Họ và tên tác giả", "dc.contributor.author"), ("Đồng tác giả", "dc.contributor.author"),
    ("GVHD", "dc.contributor.advisor"), ("Cán bộ hướng dẫn", "dc.contributor.advisor"),
    ("Mã ISBN", "dc.identifier.isbn"), ("Số ĐKCB", "local.callnumber"), ("Kiểu tài liệu", "dc.type"),
    # QA 20: a task list's years, the short type label, a person's name; a header pasted with a zero-width space
    ("Năm thực hiện", "dc.date.issued"), ("Năm bắt đầu", "dc.date.issued"), ("Loại TL", "dc.type"),
    ("Họ và tên", "dc.contributor.author"), ("Họ tên", "dc.contributor.author"),
    ("Tác\u200bgiả", "dc.contributor.author"),
])
def test_canonical(header, field):
    assert canonical(header) == field


def test_unknown_and_ignored():
    assert canonical("Kinh phí") is None
    assert is_ignored("STT") and is_ignored("collection") and not is_ignored("Kinh phí")
    assert not is_ignored("dc.rights") and not is_ignored("dc.format.extent[]")  # metadata: kept as extra data
