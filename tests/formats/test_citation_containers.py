"""Journals and proceedings, dates and schema.org types in the citation formats."""

from __future__ import annotations

import json

import pytest

from stinet.catalog.models import Work
from stinet.formats import bibtex, citing, jsonld, ris

URL = "https://stinet.example.vn/works/5/"
JOURNAL = "Tạp chí Khoa học và Công nghệ Biển"


def article(**values) -> Work:
    fields = {"pk": 5, "type": "article", "title": "Rạn san hô Cát Bà", "year": 2019, "publisher": JOURNAL,
              "creators": [{"name": "Nguyễn Văn An", "role": "author"}], "identifiers": {"issn": ["1859-3097"]}}
    return Work(**{**fields, **values})


def meta(work: Work) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in jsonld.citation_meta(work, URL):
        found.setdefault(name, []).append(value)
    return found


def test_the_journal_of_an_article_kept_as_its_publisher():
    work = article()
    tags = meta(work)
    assert tags["citation_journal_title"] == [JOURNAL] and "citation_publisher" not in tags
    text = bibtex.dumps(work)
    assert text.startswith("@article{") and f"  journal = {{{JOURNAL}}},\n" in text and "publisher =" not in text
    lines = ris.dumps(work).split("\r\n")
    assert f"T2  - {JOURNAL}" in lines and f"JF  - {JOURNAL}" in lines and not any(x.startswith("PB") for x in lines)
    data = jsonld.as_dict(work, URL)
    assert data["isPartOf"] == {"@type": "Periodical", "name": JOURNAL, "issn": "1859-3097"}
    assert "publisher" not in data


def test_journal_volume_issue_and_pages_sent_as_extra_columns():
    work = article(publisher="Viện Hàn lâm KH&CN Việt Nam", extra={
        "dc.relation.ispartof[vi]": JOURNAL, "oaire.citation.volume": "19", "oaire.citation.issue": "3",
        "Trang": "tr. 245-260"})
    tags = meta(work)
    assert tags["citation_journal_title"] == [JOURNAL] and tags["citation_publisher"] == ["Viện Hàn lâm KH&CN Việt Nam"]
    assert (tags["citation_volume"], tags["citation_issue"]) == (["19"], ["3"])
    assert (tags["citation_firstpage"], tags["citation_lastpage"]) == (["245"], ["260"])
    text = bibtex.dumps(work)
    for line in (f"journal = {{{JOURNAL}}}", "volume = {19}", "number = {3}", "pages = {245--260}",
                 r"publisher = {Viện Hàn lâm KH\&CN Việt Nam}"):
        assert f"  {line}," in text, line
    lines = ris.dumps(work).split("\r\n")
    assert {"VL  - 19", "IS  - 3", "SP  - 245", "EP  - 260", "PB  - Viện Hàn lâm KH&CN Việt Nam"} <= set(lines)
    data = jsonld.as_dict(work, URL)
    assert data["isPartOf"] == {"@type": "PublicationIssue", "issueNumber": "3", "isPartOf": {
        "@type": "PublicationVolume", "volumeNumber": "19", "isPartOf": {
            "@type": "Periodical", "name": JOURNAL, "issn": "1859-3097"}}}
    assert (data["pageStart"], data["pageEnd"]) == ("245", "260")


def test_the_proceedings_of_a_conference_paper():
    proceedings = "Kỷ yếu Hội nghị Khoa học và Công nghệ Biển toàn quốc"
    work = article(type="conference", publisher=proceedings)
    assert meta(work)["citation_conference_title"] == [proceedings]
    assert "citation_journal_title" not in meta(work)
    text = bibtex.dumps(work)
    assert text.startswith("@inproceedings{") and f"  booktitle = {{{proceedings}}},\n" in text
    assert f"T2  - {proceedings}\r\n" in ris.dumps(work) and "JF  -" not in ris.dumps(work)


def test_a_paper_without_its_journal_is_no_invalid_article():
    work = article(publisher="")
    assert bibtex.dumps(work).startswith("@misc{")
    assert "citation_journal_title" not in meta(work)


def test_other_types_have_no_container():
    work = article(type="report", publisher="Sở Khoa học và Công nghệ Hải Phòng", extra={"Tập": "2"})
    assert citing.container(work) == "" and citing.volume(work) == ""
    assert meta(work)["citation_technical_report_institution"] == ["Sở Khoa học và Công nghệ Hải Phòng"]
    assert "volume" not in bibtex.dumps(work)


@pytest.mark.parametrize(("date", "year", "scholar", "iso", "ris_date"), [
    ("2019-06-03", 2019, "2019/06/03", "2019-06-03", "2019/06/03"),
    ("2019-06", 2019, "2019", "2019-06", None),  # Scholar: a full date or the year alone
    ("2019", 2019, "2019", "2019", None),
    ("", 2019, "2019", "2019", None),
    ("2020-13-45", 2020, "2020", "2020", None),  # month and day impossible
    ("2021-02-30", 2021, "2021", "2021", None),
    ("2021-00", 2021, "2021", "2021", None),
    ("2019-06-03", 2018, "2018", "2018", None),  # a date that contradicts the year
])
def test_dates_are_real_dates(date, year, scholar, iso, ris_date):
    work = article(date=date, year=year)
    assert meta(work)["citation_publication_date"] == [scholar]
    assert jsonld.as_dict(work, URL)["datePublished"] == iso
    da = [line for line in ris.dumps(work).split("\r\n") if line.startswith("DA")]
    assert da == ([f"DA  - {ris_date}"] if ris_date else [])


def test_no_year_no_date():
    work = article(date="", year=None)
    assert "citation_publication_date" not in meta(work) and "datePublished" not in jsonld.as_dict(work, URL)


def test_thesis_jsonld_uses_schema_org_properties():
    work = Work(pk=7, type="thesis", title="Kỹ thuật trồng chè", year=2018, degree="Thạc sĩ Nông nghiệp",
                grantor="Đại học Thái Nguyên", creators=[{"name": "Lê Văn Cường", "role": "author"},
                                                         {"name": "Trần Bình", "role": "advisor"}])
    data = jsonld.as_dict(work, URL)
    assert data["@type"] == "Thesis" and data["inSupportOf"] == "Thạc sĩ Nông nghiệp"
    assert "educationalCredentialAwarded" not in data
    assert data["contributor"] == [{"@type": "Role", "roleName": "advisor", "contributor": {
        "@type": "Person", "name": "Trần Bình", "familyName": "Trần", "givenName": "Bình"}}]
    assert all("roleName" not in person for person in data["author"])
    assert meta(work)["citation_dissertation_institution"] == ["Đại học Thái Nguyên"]


def test_degree_of_another_type_is_not_a_thesis_property():
    assert "inSupportOf" not in jsonld.as_dict(article(degree="Tiến sĩ"), URL)


def test_jsonld_stays_escaped_for_a_script_element():
    work = article(title='</script><b>"x" & y</b>', creators=[{"name": "A <b>", "role": "advisor"}])
    text = jsonld.script(work, URL)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text and "\\u0026" in text
    assert json.loads(text)["name"] == '</script><b>"x" & y</b>'


@pytest.mark.parametrize("kind", ["article", "conference", "book", "thesis", "dissertation", "report", "other"])
def test_bibtex_of_every_type_has_the_fields_bibtex_styles_require(kind):
    """pybtex's plain style refuses an entry without a required field (@article without journal...)."""
    from pybtex import format_from_string

    work = article(type=kind, grantor="Trường Đại học Hải Phòng", degree="Thạc sĩ")
    text = format_from_string(bibtex.dumps(work), "plain", output_backend="text")
    assert "Nguyễn" in text and "Rạn san hô Cát Bà" in text
