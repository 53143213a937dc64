"""Creators' names as members type them: titles before or after the name and role markers stay out of
the stored name ("Trịnh Quốc Khánh, PGS.TS" -> "Trịnh Quốc Khánh"), and "(chủ biên)" makes an editor."""

from __future__ import annotations

import pytest

from stinet.catalog.models import Work
from stinet.ingest.services import import_file
from tests.conftest import row

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", [
    "Trịnh Quốc Khánh, PGS.TS", "BS.CKI Trịnh Quốc Khánh", "Trịnh Quốc Khánh (PGS.TS)", "Th.S Trịnh Quốc Khánh",
    "BSCKII. Trịnh Quốc Khánh", "Trịnh, Quốc Khánh, ThS.",
])
def test_titles_before_or_after_the_name_are_not_stored(org, write_csv, typed):
    import_file(write_csv([row("Điều trị tăng huyết áp", id="t1", dc_date_issued="2020",
                               dc_contributor_author=typed)]), "HPU")
    assert Work.objects.get().creators == [{"name": "Trịnh Quốc Khánh", "role": "author"}]


@pytest.mark.parametrize(("typed", "stored"), [
    ("Nguyễn, Thành Viên", "Nguyễn Thành Viên"), ("Le, Dich", "Le Dich"), ("Cử Nhân", "Cử Nhân"),
])
def test_given_names_that_are_role_markers_or_titles_stay_in_the_name(org, write_csv, typed, stored):
    """'Family, Given' whose given names are a marker ('thành viên', 'dịch') is an author of that name, not
    a family name alone nor a contributor; a name that is all title is kept, not dropped."""
    import_file(write_csv([row("Điều trị tăng huyết áp", id="t1", dc_date_issued="2020",
                               dc_contributor_author=typed)]), "HPU")
    assert Work.objects.get().creators == [{"name": stored, "role": "author"}]


def test_a_csv_row_with_titles_after_and_specialist_titles_stores_the_names(org, write_csv):
    path = write_csv([
        row("Tên R7 hai", id="R7-2", dc_date_issued="2020", dc_contributor_author="Trịnh Quốc Khánh, PGS.TS"),
        row("Tên R7 ba", id="R7-3", dc_date_issued="2020", dc_contributor_author="BS.CKI Trịnh Quốc Khánh"),
    ])
    assert import_file(path, "HPU").counts()["new"] == 2
    assert Work.objects.get(holdings__local_id="R7-2").authors == ["Trịnh Quốc Khánh"]
    assert Work.objects.get(holdings__local_id="R7-3").authors == ["Trịnh Quốc Khánh"]


def test_role_markers_give_the_role_in_author_and_contributor_columns(org, write_csv):
    """'(chủ biên)' is an editor, '(dịch)' a translator; an advisor column keeps its role whatever the
    marker says."""
    import_file(write_csv([row(
        "Giáo trình dược lý", id="m1", dc_date_issued="2019",
        dc_contributor_author="Trịnh Quốc Khánh (chủ biên)||Lê Văn Sơn (đồng chủ biên)||Nguyễn Văn An (dịch)"
                              "||Phạm Thu (chủ nhiệm)||Đỗ Minh",
        dc_contributor="Hồ Lan (hiệu đính)", dc_contributor_advisor="Trần Bình (chủ biên)",
    )]), "HPU")
    assert Work.objects.get().creators == [
        {"name": "Trịnh Quốc Khánh", "role": "editor"}, {"name": "Lê Văn Sơn", "role": "editor"},
        {"name": "Nguyễn Văn An", "role": "translator"}, {"name": "Phạm Thu", "role": "author"},
        {"name": "Đỗ Minh", "role": "author"}, {"name": "Trần Bình", "role": "advisor"},
        {"name": "Hồ Lan", "role": "editor"},
    ]


def test_a_column_headed_chu_bien_gives_editors(org, tmp_path):
    """As "(chủ biên)" after a name and MARC's relator "chủ biên"."""
    sheet = tmp_path / "sach.csv"
    sheet.write_text("Mã,Tên tài liệu,Chủ biên,Tác giả,Năm\nS1,Giáo trình dược lý,Trịnh Quốc Khánh,Lê Văn Sơn,2019\n",
                     encoding="utf-8")
    import_file(sheet, "HPU")
    assert Work.objects.get().creators == [{"name": "Lê Văn Sơn", "role": "author"},
                                           {"name": "Trịnh Quốc Khánh", "role": "editor"}]


def test_a_column_headed_nguoi_dich_gives_translators(org, tmp_path):
    """A translated book: its translators are neither its authors nor anonymous contributors."""
    sheet = tmp_path / "sach.csv"
    sheet.write_text("Mã,Tên tài liệu,Tác giả,Người dịch,Năm\n"
                     "S1,Sinh thái học biển,John Smith,Lê Văn Sơn; Hồ Lan,2019\n", encoding="utf-8")
    import_file(sheet, "HPU")
    work = Work.objects.get()
    assert work.authors == ["John Smith"] and work.people("translator") == ["Lê Văn Sơn", "Hồ Lan"]


@pytest.mark.parametrize("typed", [
    "PGS.TS. Nguyễn Văn An\nTS. Trần Thị Bình (chủ biên)\r\nThS. Lê Văn Cường",  # Alt+Enter in one cell
    "PGS.TS. Nguyễn Văn An, TS. Trần Thị Bình (chủ biên), ThS. Lê Văn Cường",
    # a DSpace-style CSV (dc.* headers) too: a ';' between people (it was one name with the titles inside)
    "GS.TS. Nguyễn Văn An; PGS. TS Trần Thị Bình (chủ biên); ThS. Lê Văn Cường",
])
def test_several_people_in_one_cell_one_per_line_or_between_commas_are_several_creators(org, write_csv, typed):
    """QA 16c: they were one person, "Nguyễn Văn An TS. Trần Thị Bình ThS. Lê Văn Cường"; a comma that
    joins a family name to given names still joins ("Trịnh, Quốc Khánh": see above)."""
    import_file(write_csv([row("Điều trị tăng huyết áp", id="t1", dc_date_issued="2020",
                               dc_contributor_author=typed)]), "HPU")
    assert Work.objects.get().creators == [{"name": "Nguyễn Văn An", "role": "author"},
                                           {"name": "Trần Thị Bình", "role": "editor"},
                                           {"name": "Lê Văn Cường", "role": "author"}]


def test_people_joined_by_semicolons_in_one_column_and_by_bars_in_another_are_each_once(org, write_csv):
    """dc.creator "An; Bình" beside dc.contributor.author "An||Bình": two people, not "An; Bình" and both again."""
    import_file(write_csv([row("Rạn san hô", id="c1", dc_creator="Nguyễn Văn An; Trần Thị Bình",
                               dc_contributor_author="Nguyễn Văn An||Trần Thị Bình")]), "HPU")
    assert [p["name"] for p in Work.objects.get().creators] == ["Nguyễn Văn An", "Trần Thị Bình"]


@pytest.mark.parametrize("body", [
    "Viện Hàn lâm Khoa học và Công nghệ Việt Nam - Viện Sinh thái và Tài nguyên sinh vật",
    "Bộ Khoa học và Công nghệ - Cục Thông tin Khoa học và Công nghệ Quốc gia",
    "Trường Đại học Bách khoa Hà Nội (Viện Cơ khí)",
])
def test_an_organisation_and_its_unit_stay_whole(org, write_csv, body):
    """A workplace after a person's name goes; an organisation's unit after its name is the author."""
    import_file(write_csv([row("Báo cáo tổng kết", id="o1", dc_contributor_author=body)]), "HPU")
    assert [p["name"] for p in Work.objects.get().creators] == [body]
