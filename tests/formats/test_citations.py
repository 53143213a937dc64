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
    assert r"title = {{Nghiên cứu \{chè\} \& 100\% sạch}}" in text
    assert "school = {Đại học Thái Nguyên}" in text and "author = {Lê, Văn Cường}" in text
