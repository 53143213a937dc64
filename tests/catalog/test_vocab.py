"""How a work page names its extra data: STINet's own names, common DSpace and MARC fields, the rest as is."""

from __future__ import annotations

import pytest

from stinet.catalog.vocab import extra_label


@pytest.mark.parametrize(("key", "vi", "en"), [
    ("dc.title.alternative[en]", "Nhan đề khác (tiếng Anh)", "Alternative title (English)"),
    ("dc.description.abstract[en_US]", "Tóm tắt (tiếng Anh)", "Abstract (English)"),
    ("dc.rights", "Quyền", "Rights"), ("dc.rights[vi]", "Quyền", "Rights"),
    ("dc.title.alternative[fr]", "Nhan đề khác (tiếng Pháp)", "Alternative title (French)"),
    ("dc.format.extent[]", "Số trang, dung lượng", "Extent"), ("DC.Rights[*]", "Quyền", "Rights"),
    ("dc.title[de]", "Nhan đề (de)", "Title (de)"), ("marc.300", "Mô tả vật lý", "Physical description"),
    ("Số đăng ký kết quả", "Số đăng ký kết quả", "Result registration number"),
    ("dc.custom.thing", "dc.custom.thing", "dc.custom.thing"), ("cột 5", "cột 5", "cột 5"),
    ("column 5", "cột 5", "column 5"), ("column 12", "cột 12", "column 12"), ("Column 5", "Column 5", "Column 5"),
    ("column 5a", "column 5a", "column 5a"),
    ("Kinh phí", "Kinh phí", "Kinh phí"),
])
def test_extra_labels(key, vi, en):
    assert (extra_label(key), extra_label(key, "en")) == (vi, en)
