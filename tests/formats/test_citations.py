"""RIS and BibTeX serializers."""

import pytest

from stinet.catalog.models import Work
from stinet.formats import bibtex, ris


@pytest.fixture
def work():
    return Work(pk=7, type="thesis", title="Nghiên cứu {chè} & 100% sạch", year=2018, date="2018-05-02",
                creators=[{"name": "Lê Văn Cường", "role": "author"}, {"name": "Trần Bình", "role": "advisor"}],
                subjects=["cây chè"], grantor="Đại học Thái Nguyên", identifiers={"isbn": ["978-0-00"]})


def test_ris(work):
    text = ris.dumps(work)
    assert text.startswith("TY  - THES\r\n") and text.endswith("ER  - \r\n")
    assert "AU  - Lê, Văn Cường\r\n" in text and "A3  - Trần, Bình\r\n" in text  # RIS: "Family, Given"
    assert "PY  - 2018\r\n" in text and "SN  - 978-0-00\r\n" in text


def test_bibtex_escapes_specials(work):
    text = bibtex.dumps(work)
    assert text.startswith("@mastersthesis{le2018_7,")
    assert r"title = {{Nghiên cứu \textbraceleft{}chè\textbraceright{} \& 100\% sạch}}" in text
    assert "school = {Đại học Thái Nguyên}" in text and "author = {Lê, Văn Cường}" in text


@pytest.mark.parametrize("value", ["a}b", "{mở không đóng", "}{", "\\}"])
def test_bibtex_reads_whatever_braces_a_value_has(work, value):
    """BibTeX counts braces whatever comes before them: a lone \\} closed the value and pybtex refused the file."""
    from pybtex.database import parse_string

    work.abstract, work.subjects = f"Tóm tắt {value} hết.", [value, "c{d"]
    entry = next(iter(parse_string(bibtex.dumps(work), "bibtex").entries.values()))
    assert entry.fields["abstract"].startswith("Tóm tắt ") and entry.fields["abstract"].endswith(" hết.")


def test_bibtex_url_and_doi_are_verbatim(work):
    """biblatex reads url and doi verbatim (the styles pass them to \\url, \\doi): `\\_` would be in the link."""
    work.identifiers = {"doi": ["10.1234/abc_def.1"],
                        "uri": ["https://repo.example.vn/bitstream/123/45/file_name%20v2.pdf?a=1&b={x} y"]}
    text = bibtex.dumps(work)
    assert "doi = {10.1234/abc_def.1}" in text
    assert "url = {https://repo.example.vn/bitstream/123/45/file_name%20v2.pdf?a=1&b=%7Bx%7D%20y}" in text
