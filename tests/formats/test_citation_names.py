"""Creators in citations: family and given names in their place, each role where the format wants it."""

from __future__ import annotations

import re

import pytest

from stinet.catalog.models import Work
from stinet.formats import bibtex, jsonld, ris
from stinet.vietnamese.names import is_organisation, split_name

URL = "https://stinet.example.vn/works/9/"


@pytest.mark.parametrize(("stored", "family", "given"), [
    ("Nguyễn Đức Tài", "Nguyễn", "Đức Tài"),
    ("Doãn Văn Minh", "Doãn", "Văn Minh"),  # the importer's join of "Doãn, Văn Minh"
    ("Nguyen Van An", "Nguyen", "Van An"),  # no marks
    ("NGUYEN VAN AN", "NGUYEN", "VAN AN"),
    ("Nguyễn V. An", "Nguyễn", "V. An"),
    ("Giáp Văn Dương", "Giáp", "Văn Dương"),  # a family name the importer's list lacks
    ("Hầu A Lềnh", "Hầu", "A Lềnh"),
    ("Kim Anh", "Kim", "Anh"),
    ("Đức Tài Nguyễn", "Nguyễn", "Đức Tài"),  # Western order
    ("Tai Nguyen", "Nguyen", "Tai"),
    ("Van Nguyen", "Nguyen", "Van"),
    ("John Smith", "Smith", "John"),  # how the importer stores "Smith, John"
    ("John A. Smith", "Smith", "John A."),
    ("Kim Anderson", "Anderson", "Kim"),  # Kim is a Vietnamese family name too
    ("Jan van der Berg", "van der Berg", "Jan"),
    ("Ludwig van Beethoven", "van Beethoven", "Ludwig"),
    ("Smith, John", "Smith", "John"),  # still 'Family, Given'
    ("Madonna", "Madonna", ""),
])
def test_split_name(stored, family, given):
    assert split_name(stored) == (family, given)


@pytest.mark.parametrize(("name", "organisation"), [
    ("Viện Hàn lâm Khoa học và Công nghệ Việt Nam", True),
    ("Bộ Y tế", True),
    ("Sở KH&CN Hải Phòng", True),
    ("Trường Đại học Hải Phòng", True),
    ("World Health Organization", True),
    ("Hanoi University of Science and Technology", True),
    ("Nguyễn Văn Khoa", False),
    ("Lại Thanh Trường", False),
    ("Khoa Nguyen", False),
    ("John Smith", False),
])
def test_organisations_are_told_from_people(name, organisation):
    assert is_organisation(name) is organisation


def test_the_importer_stores_western_names_in_display_order(db, org, write_csv):
    from stinet.ingest.services import import_file
    from tests.conftest import row

    import_file(write_csv([row("Marine biodiversity", id="w", dc_contributor_author="Smith, John||Doãn, Văn Minh")]),
                "HPU")
    work = Work.objects.get()
    assert work.authors == ["John Smith", "Doãn Văn Minh"]
    assert "AU  - Smith, John\r\n" in ris.dumps(work) and "AU  - Doãn, Văn Minh\r\n" in ris.dumps(work)
    assert bibtex.dumps(work).startswith(f"@misc{{smith_{work.pk},")


@pytest.fixture
def work():
    return Work(pk=9, type="book", title="Sinh học biển", year=2016, creators=[
        {"name": "Nguyễn Đức Tài", "role": "author"},
        {"name": "John Smith", "role": "author"},
        {"name": "Viện Hải dương học", "role": "author"},
        {"name": "Trần Thị Bình", "role": "editor"},
        {"name": "Lê Văn Cường", "role": "contributor"},
        {"name": "Phạm Văn Dũng", "role": "contributor"},
        {"name": "Hoàng Minh Đức", "role": "advisor"},
    ], publisher="Nhà xuất bản Khoa học tự nhiên và Công nghệ")


def test_bibtex_names_family_first_organisations_whole_editors_apart(work):
    text = bibtex.dumps(work)
    assert text.startswith("@book{nguyen2016_9,")
    assert "  author = {Nguyễn, Đức Tài and Smith, John and {Viện Hải dương học}},\n" in text
    assert "  editor = {Trần, Thị Bình},\n" in text
    # BibTeX has no field for contributors and advisors: they are left out, not made authors
    assert "Lê Văn Cường" not in text and "Hoàng" not in text


def test_bibtex_key_of_a_western_name_is_the_family_name():
    work = Work(pk=3, type="article", title="Cat Ba", year=2016, creators=[{"name": "John Smith"}],
                publisher="Marine Biology")
    assert bibtex.key(work) == "smith2016_3"


def test_bibtex_and_inside_a_name_splits_nothing():
    work = Work(pk=4, type="report", title="T", creators=[{"name": "Anders And", "role": "author"}])
    assert "author = {{And}, Anders}" in bibtex.dumps(work)


def test_ris_has_each_role_under_its_tag(work):
    text = ris.dumps(work)
    assert "AU  - Nguyễn, Đức Tài\r\nAU  - Smith, John\r\nAU  - Viện Hải dương học\r\n" in text
    assert "ED  - Trần, Thị Bình\r\n" in text and "AU  - Trần" not in text
    assert "A4  - Lê, Văn Cường\r\nA4  - Phạm, Văn Dũng\r\n" in text
    assert "A3  - Hoàng, Minh Đức\r\n" in text


def test_scholar_tags_have_family_first_and_editors_apart(work):
    meta = jsonld.citation_meta(work, URL)
    assert [v for k, v in meta if k == "citation_author"] == ["Nguyễn, Đức Tài", "Smith, John", "Viện Hải dương học"]
    assert [v for k, v in meta if k == "citation_editor"] == ["Trần, Thị Bình"]


def test_jsonld_has_every_role(work):
    data = jsonld.as_dict(work, URL)
    assert data["author"][0] == {"@type": "Person", "name": "Nguyễn Đức Tài", "familyName": "Nguyễn",
                                 "givenName": "Đức Tài"}
    assert data["author"][2] == {"@type": "Organization", "name": "Viện Hải dương học"}
    assert [e["name"] for e in data["editor"]] == ["Trần Thị Bình"]
    assert data["contributor"] == [
        {"@type": "Role", "roleName": "advisor", "contributor": {
            "@type": "Person", "name": "Hoàng Minh Đức", "familyName": "Hoàng", "givenName": "Minh Đức"}},
        {"@type": "Person", "name": "Lê Văn Cường", "familyName": "Lê", "givenName": "Văn Cường"},
        {"@type": "Person", "name": "Phạm Văn Dũng", "familyName": "Phạm", "givenName": "Văn Dũng"},
    ]


def test_pybtex_reads_the_family_names(work):
    from pybtex import database

    entry = database.parse_string(bibtex.dumps(work), "bibtex").entries["nguyen2016_9"]
    assert [" ".join(p.last_names) for p in entry.persons["author"]] == ["Nguyễn", "Smith", "{Viện Hải dương học}"]
    assert [" ".join(p.last_names) for p in entry.persons["editor"]] == ["Trần"]


def test_bibtex_entries_stay_well_formed(work):
    text = bibtex.dumps(work)
    assert text.count("{") == text.count("}")
    assert re.fullmatch(r"@book\{nguyen2016_9,\n(  \w+ = \{.*\},\n)*  \w+ = \{.*\}\n\}\n", text)


def test_jsonld_of_an_edited_work_has_no_empty_author_list():
    edited = Work(pk=3, type="book", title="Kỷ yếu hội thảo", creators=[{"name": "Trịnh Quốc Khánh", "role": "editor"}])
    data = jsonld.as_dict(edited, "https://example.org/works/3/")
    assert "author" not in data and data["editor"][0]["name"] == "Trịnh Quốc Khánh"
