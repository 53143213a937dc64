"""Importing MARC 21 (ISO 2709) and MARCXML files: conformance samples, mapping, round trip."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from lxml import etree
from pymarc import Field, Leader, Record

from stinet.catalog.models import ImportRun, Work
from stinet.ingest import marc
from stinet.ingest.readers import ImportFileError
from stinet.ingest.services import import_file
from tests.conftest import shared_path
from tests.ingest.test_marc_mapping import df, record_with

pytestmark = pytest.mark.django_db

# Files pymarc reads without error (READ_RESULTS.tsv: records_ok, records_failed 0) and that hold
# MARC 21 bibliographic records: every record imports.
GOOD = [
    ("marc4j/065001035.mrc", 40), ("marc4j/54-56-008008027.mrc", 5), ("marc4j/brkrtest.mrc", 8),
    ("marc4j/brkrtest_UTF8.mrc", 8), ("marc4j/chabon-loc.mrc", 2), ("marc4j/chabon.mrc", 2),
    ("marc4j/cyrillic_capital_e.mrc", 2), ("marc4j/selectedRecs.mrc", 11), ("marc4j/summerland.mrc", 1),
    ("marc4j/u335.mrc", 1), ("marc4j/bad_leaders_10_11.mrc", 1), ("marc4j/unordered-directory-entries.mrc", 1),
    ("pymarc/marc.dat", 20), ("pymarc/test.dat", 10), ("pymarc/regression45.dat", 12),
    ("pymarc/marc8.dat", 1), ("pymarc/one.dat", 1), ("pymarc/multi_isbn.dat", 1), ("pymarc/diacritic.dat", 1),
    ("pymarc/utf8_with_leader_flag.dat", 1), ("pymarc/alphatag.dat", 1),
    # MARCXML valid against MARC21slim.xsd
    ("pymarc/batch.xml", 2), ("pymarc/utf8.xml", 1), ("marc4j/chabon.xml", 2), ("marc4j/summerland.xml", 1),
    ("marc4j/OCLC_814388508.xml", 1), ("marc4j/summerlandwith710.xml", 1),
]

# Malformed files: (file, new, rejected, {record number: start of the reason}).
MALFORMED = [
    # records 1 and 8 are the same record (no 001): the second is a duplicate
    ("pymarc/bad_records.mrc", 1, 7, {2: "the base address of data in the leader is beyond",
                                      3: "the base address of data in the leader is missing",
                                      4: "the record directory is not valid",
                                      8: "no id, and the same title, year and first author as record 1: "}),
    ("marc4j/008008027.mrc", 18, 1, {19: "the record is shorter than its leader says"}),
    ("marc4j/bad_hathi_records.mrc", 4, 1, {4: "no end-of-record mark"}),  # record 5 read after it
    ("marc4j/bad_oversize_field_bad_directory.mrc", 4, 1, {2: "the record directory is not valid"}),
    ("marc4j/pride-and-prejudice-with-many-errors.mrc", None, None,
     {2: "the text is not valid UTF-8 (byte 0xb9), although leader/09 says UTF-8"}),
    ("marc4j/incomplete_esc_seq.mrc", 0, 1, {1: "MARC-8 text cannot be decoded"}),
    ("pymarc/bad_subfield_code.dat", 0, 1, {1: "no end-of-record mark"}),  # a leader, nothing readable
    ("marc4j/185258.mrc", 0, 1, {1: "a non-ASCII byte (0xb2)"}),
    ("pymarc/bad_eacc_encoding.dat", 0, 1, {1: "MARC-8 text cannot be decoded: 4 unmapped"}),
    ("pymarc/utf8_without_leader_flag.dat", 0, 1, {1: "MARC-8 text cannot be decoded"}),
    ("pymarc/1251.dat", 0, 6, {1: "MARC-8 text cannot be decoded"}),
    ("pymarc/testunimarc.dat", 0, 1, {1: "no 245 title: this looks like UNIMARC"}),
    ("marc4j/sample1.mrc", 3, 5, {2: "not a bibliographic record (leader/06 'x'"}),
    ("marc4j/chabon-missing-subfield-code.xml", 0, 1, {1: "MARCXML: datafield 020 has a <subfield> without"}),
    ("marc4j/chabon-missing-controlfield-tag.xml", 0, 1, {1: "MARCXML: a <controlfield> without its tag"}),
    ("marc4j/chabon-bad-subfields-element.xml", 0, 1, {1: "MARCXML: datafield 020 holds <subfields>"}),
    ("pymarc/bad_tag.xml", 0, 1, {1: "MARCXML: the leader is not valid"}),
]


def sample(name: str) -> Path:
    """A file of the shared MARC conformance samples."""
    return shared_path("conformance", "marc", *name.split("/"))


def read_results() -> dict[str, tuple[int, int]]:
    """records_ok and records_failed per binary file, from READ_RESULTS.tsv."""
    found = {}
    for line in sample("READ_RESULTS.tsv").read_text().splitlines():
        cells = line.split("\t")
        if len(cells) >= 3 and cells[1].isdigit():
            found[cells[0]] = (int(cells[1]), int(cells[2]))
    return found


def vietnamese_record(**changes: str) -> Record:
    """A UTF-8 MARC 21 record as a Vietnamese university library catalogues a master's thesis."""
    record = Record(leader=Leader("00000nam a2200000 a 4500"))
    text = {"title": "Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long :", "author": "Nguyễn, Văn An,",
            **changes}
    record.add_field(
        Field(tag="001", data="000123"), Field(tag="003", data="VN-HPU"),
        Field(tag="008", data="160512s2016    vm            000 0 vie d"),
        df("020", "  ", ("a", "978-604-0-00000-0 (pbk.)")),
        df("041", "0 ", ("a", "vie")),
        df("084", "  ", ("a", "1.06"), ("2", "vnfos")),
        df("100", "1 ", ("a", text["author"])),
        df("245", "10", ("a", text["title"]), ("b", "luận văn thạc sĩ sinh học /"),
           ("c", "Nguyễn Văn An ; người hướng dẫn: Trần Bình.")),
        df("246", "31", ("a", "Coral reef biodiversity")),
        df("250", "  ", ("a", "Tái bản lần 1.")),
        df("260", "  ", ("a", "Hải Phòng :"), ("b", "Trường Đại học Hải Phòng,"), ("c", "c2016.")),
        df("300", "  ", ("a", "120 tr. ;"), ("c", "30 cm.")),
        df("502", "  ", ("b", "Thạc sĩ"), ("c", "Trường Đại học Hải Phòng"), ("d", "2016")),
        df("506", "1 ", ("a", "Hạn chế: chỉ bạn đọc nội bộ")),
        df("520", "  ", ("a", "Khảo sát rạn san hô.")),
        df("650", " 7", ("a", "Đa dạng sinh học"), ("z", "Hạ Long"), ("2", "Bộ TK TVQG")),
        df("653", "  ", ("a", "san hô"), ("a", "biển")),
        df("700", "1 ", ("a", "Trần, Bình,"), ("e", "người hướng dẫn.")),
        df("700", "1 ", ("a", "Lê, Thị Hoa"), ("4", "edt")),
        df("700", "1 ", ("a", "Phạm, Văn Dũng")),
        df("700", "1 ", ("a", "Hồ, Lan,"), ("e", "dịch.")),
        df("700", "1 ", ("a", "Vũ, Minh"), ("4", "trl")),
        df("852", "  ", ("a", "Thư viện Khoa học tổng hợp"), ("h", "TK 1")),
        df("852", "  ", ("a", "HPU"), ("b", "Kho luận văn"), ("h", "LV 577.7"), ("i", "N576")),
        df("856", "40", ("u", "ftp://old.example/x"), ("u", "https://lib.dhhp.edu.vn/lv/123")),
    )
    return record


def write_marc(path: Path, *records: Record) -> Path:
    """Records in ISO 2709, UTF-8 (leader/09 'a')."""
    path.write_bytes(b"".join(r.as_marc() for r in records))
    return path


# --- conformance samples -----------------------------------------------------------------------

@pytest.mark.parametrize(("name", "count"), GOOD)
def test_good_samples_import_every_record(org, name, count):
    path = sample(name)
    expected = read_results().get(name)
    if expected is not None:  # binary files: the count pymarc reads, no failure
        assert expected == (count, 0)
    report = import_file(path, "HPU")
    assert report.rejected == 0, report.rejections[:3]
    assert report.new == count
    assert ImportRun.objects.get().status == "done"


@pytest.mark.parametrize(("name", "new", "rejected", "reasons"), MALFORMED)
def test_malformed_records_are_rejected_one_by_one_and_the_good_ones_import(org, name, new, rejected,
                                                                            reasons):
    report = import_file(sample(name), "HPU")
    if new is not None:
        assert (report.new, report.rejected) == (new, rejected), report.rejections[:3]
    found = {r["line"]: r["reason"] for r in report.rejections}
    for number, reason in reasons.items():
        assert str(found[number]).startswith(reason), found[number]
    first = min(reasons)
    assert f"rejected: {Path(name).name}, record {first}: {reasons[first]}" in "\n".join(report.lines())


def test_many_errors_file_keeps_its_readable_records(org):
    ok, failed = read_results()["marc4j/pride-and-prejudice-with-many-errors.mrc"]
    report = import_file(sample("marc4j/pride-and-prejudice-with-many-errors.mrc"), "HPU")
    # pymarc's count assumed utf8_handling='replace'; undecodable records are rejected here instead
    assert report.new + report.rejected == ok + failed == 383
    assert report.new > 250 and Work.objects.count() > 250
    assert not Work.objects.filter(title__contains="\ufffd").exists()


def test_reading_goes_on_after_a_record_whose_length_is_wrong_and_says_where_it_stopped_else(org, tmp_path):
    """The records after one whose leader gives a wrong length are read from the end-of-record mark that
    ends it (they were lost: "reading stopped here"); when none follows, that is said."""
    report = import_file(sample("marc4j/bad_too_long_plus_2.mrc"), "HPU")
    assert (report.new, report.rejected) == (2, 1)
    assert Work.objects.filter(title__startswith="Masterpieces of modern Chinese fiction").exists()
    first = sample("marc4j/bad_too_long_plus_2.mrc").read_bytes().split(b"\x1d")[1] + b"\x1d"  # a good record
    broken = tmp_path / "tail.mrc"
    broken.write_bytes(first + b"00100" + first[5:-1] + b"x" * 300)  # then one shorter than it says, no mark after
    report = import_file(broken, "HPU")
    assert report.rejected == 1 and "reading stopped here" in report.rejections[-1]["reason"]


def test_marc8_pairs_decode_like_their_utf8_transcripts(org, tmp_path):
    marc8 = sample("pymarc/test_marc8.txt").read_bytes().splitlines()
    utf8 = sample("pymarc/test_utf8.txt").read_text("utf-8").splitlines()
    pairs = [(m, u) for m, u in zip(marc8, utf8, strict=True) if marc.trim(u)]
    records = []
    for number, (raw, _) in enumerate(pairs):
        records.append(_raw_marc8_record(str(number), raw))
    path = tmp_path / "marc8.mrc"
    path.write_bytes(b"".join(records))
    report = import_file(path, "HPU")
    assert report.rejected == 0 and report.new == len(pairs)
    for number, (_, expected) in enumerate(pairs):
        title = Work.objects.get(holdings__local_id=str(number)).title
        assert title == " ".join(unicodedata.normalize("NFC", marc.trim(expected)).split()), number


def _raw_marc8_record(control: str, title: bytes) -> bytes:
    """An ISO 2709 record whose 245 $a holds MARC-8 bytes (leader/09 blank)."""
    fields = [("001", control.encode()), ("245", b"00\x1fa" + title)]
    directory, data, offset = b"", b"", 0
    for tag, body in fields:
        body += b"\x1e"
        directory += tag.encode() + b"%04d%05d" % (len(body), offset)
        data += body
        offset += len(body)
    base = 24 + len(directory) + 1
    length = base + len(data) + 1
    leader = b"%05dnam  22%05d   4500" % (length, base)
    return leader + directory + b"\x1e" + data + b"\x1d"


VIETNAMESE_MARC8 = [
    # ANSEL: 0xBC ơ, 0xBD ư, 0xB3 đ, 0xA3 Đ; combining marks precede their letter
    ("Nghiên cứu đa dạng sinh học", b"Nghi\xe3en c\xe2\xbdu \xb3a d\xf2ang sinh h\xf2oc"),
    ("Trường Đại học Hải Phòng", b"Tr\xbd\xe1\xbcng \xa3\xf2ai h\xf2oc H\xe0ai Ph\xe1ong"),
    ("Nguyễn Thị Ngọc Ánh", b"Nguy\xe3\xe4en Th\xf2i Ng\xf2oc \xe2Anh"),
]


@pytest.mark.parametrize(("expected", "raw"), VIETNAMESE_MARC8)
def test_vietnamese_in_marc8_is_stored_as_nfc(org, tmp_path, expected, raw):
    path = tmp_path / "vn-marc8.mrc"
    path.write_bytes(_raw_marc8_record("1", raw))
    import_file(path, "HPU")
    title = Work.objects.get().title
    assert title == expected and unicodedata.is_normalized("NFC", title)


# Vietnamese in TCVN3 or VNI bytes, leader/09 blank: exports of pre-Unicode library systems (CDS/ISIS)
LEGACY_BYTES = [
    ("Nghiên cứu đa dạng sinh học", "Nghiªn cøu ®a d¹ng sinh häc".encode("latin-1")),  # TCVN3
    ("Bài giảng kinh tế biển", "Bµi gi¶ng kinh tÕ biÓn".encode("latin-1")),
    ("Nghiên cứu đa dạng sinh học", "Nghieân cöùu ña daïng sinh hoïc".encode("latin-1")),  # VNI
]


@pytest.mark.parametrize(("expected", "raw"), LEGACY_BYTES)
def test_vietnamese_in_tcvn3_or_vni_bytes_of_a_marc8_record_is_converted(org, tmp_path, expected, raw):
    """QA 20: read as MARC-8, "Nghi®n cu̜ ʼa d£ng sinh hc̃" was stored (or the record refused for its
    unmapped characters); read byte for byte, the importer converts it as any TCVN3 or VNI cell."""
    path = tmp_path / "isis.mrc"
    path.write_bytes(_raw_marc8_record("1", raw))
    report = import_file(path, "HPU")
    assert report.counts()["new"] == 1 and Work.objects.get().title == expected


# --- mapping -------------------------------------------------------------------------------------

def test_a_vietnamese_record_maps_every_field(org, tmp_path):
    report = import_file(write_marc(tmp_path / "hpu.mrc", vietnamese_record()), "HPU")
    assert report.counts() == {"new": 1, "updated": 0, "unchanged": 0, "rejected": 0}
    assert report.format == "marc" and report.encoding == "utf-8"
    work = Work.objects.get()
    holding = work.holdings.get()
    assert holding.local_id == "VN-HPU:000123"
    assert work.title == "Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long: luận văn thạc sĩ sinh học"
    assert work.title_en == "Coral reef biodiversity"
    assert work.people("author") == ["Nguyễn Văn An", "Phạm Văn Dũng"]
    assert work.advisors == ["Trần Bình"] and work.people("editor") == ["Lê Thị Hoa"]
    assert work.people("translator") == ["Hồ Lan", "Vũ Minh"]
    assert (work.type, work.degree, work.grantor) == ("thesis", "Thạc sĩ", "Trường Đại học Hải Phòng")
    assert (work.year, work.publisher, work.language) == (2016, "Trường Đại học Hải Phòng", "vi")
    assert work.subjects == ["Đa dạng sinh học -- Hạ Long", "san hô", "biển"]
    assert work.abstract == "Khảo sát rạn san hô."
    assert work.identifiers == {"isbn": ["978-604-0-00000-0"], "uri": ["https://lib.dhhp.edu.vn/lv/123"]}
    assert work.field_code == "106"
    assert work.extra == {"marc.250": "Tái bản lần 1.", "marc.300": "120 tr. ; 30 cm."}  # "tr." keeps its period
    assert holding.call_number == "LV 577.7 N576"  # the 852 of the importing organisation
    assert holding.url == "https://lib.dhhp.edu.vn/lv/123" and holding.access == "members"


def test_decomposed_vietnamese_is_stored_nfc(org, tmp_path):
    nfd = unicodedata.normalize("NFD", "Nghiên cứu đa dạng sinh học rạn san hô :")
    import_file(write_marc(tmp_path / "nfd.mrc", vietnamese_record(title=nfd,
                                                                   author=unicodedata.normalize("NFD", "Đặng, Văn Ê"))),
                "HPU")
    work = Work.objects.get()
    assert work.title.startswith("Nghiên cứu đa dạng sinh học rạn san hô: ")
    assert unicodedata.is_normalized("NFC", work.title) and work.authors[0] == "Đặng Văn Ê"


def test_reimport_updates_in_place_keyed_by_001(org, tmp_path):
    first = import_file(write_marc(tmp_path / "v1.mrc", vietnamese_record()), "HPU")
    same = import_file(write_marc(tmp_path / "v1.mrc", vietnamese_record()), "HPU")
    changed = import_file(write_marc(tmp_path / "v2.mrc", vietnamese_record(title="Tên đã sửa /")), "HPU")
    assert (first.new, same.unchanged, changed.updated) == (1, 1, 1)
    assert Work.objects.count() == 1 and Work.objects.get().title.startswith("Tên đã sửa: ")


# --- whole files refused ---------------------------------------------------------------------------

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                  b'<collection xmlns="http://www.loc.gov/MARC21/slim"><record><datafield tag="245" ind1="0"'
                  b' ind2="0"><subfield code="a">&b;</subfield></datafield></record></collection>')


@pytest.mark.parametrize(("name", "content", "fmt", "message"), [
    ("notes.mrc", "Đây là một tệp văn bản, không phải MARC.\n".encode(), None, "not a MARC (ISO 2709) file"),
    ("data.csv", b"dc.title,id\nA,1\n", "marc", "not a MARC (ISO 2709) file"),
    ("export.mrc", b'<?xml version="1.0"?><collection/>', None, "it looks like XML: use --format marcxml"),
    ("sheet.dat", b"PK\x03\x04" + b"\x00" * 40, None, "it looks like a spreadsheet"),
    ("page.xml", b"<html><body>Not MARC</body></html>", None,
     "not MARCXML: the root element is <html> without a namespace"),
    ("broken.xml", b"<collection xmlns='http://www.loc.gov/MARC21/slim'><record>", None, "not well-formed XML"),
    ("empty.xml", b"<collection xmlns='http://www.loc.gov/MARC21/slim'/>", None, "holds no records"),
    ("binary.xml", b"00714cam a2200205 a 4500001001300000", None,
     "not XML but a MARC (ISO 2709) file: use --format marc"),
    ("bomb.xml", BILLION_LAUGHS, None, "the XML declares entities"),
])
def test_files_that_are_not_marc_are_refused_with_one_line(org, tmp_path, name, content, fmt, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=re.escape(message)) as info:
        import_file(path, "HPU", fmt)
    assert "\n" not in str(info.value) and str(info.value).startswith(name)
    assert Work.objects.count() == 0 and ImportRun.objects.count() == 0


@pytest.mark.parametrize("name", ["bom.mrc", "bom.csv"])
def test_a_marc_file_after_a_byte_order_mark_or_a_line_break_is_read(org, tmp_path, name):
    """Some tools write a BOM or a line break first: the file was refused ("no valid leader")."""
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf\r\n" + sample("pymarc/test.dat").read_bytes())
    report = import_file(path, "HPU")
    assert (report.format, report.new, report.rejected) == ("marc", 10, 0)


def test_an_oai_pmh_answer_in_marcxml_is_read(org, tmp_path):
    """Saved from a member's repository, it was refused: "the root element is <OAI-PMH>"."""
    from pymarc import record_to_xml

    marc = record_to_xml(vietnamese_record(), namespace=True).decode()
    answer = ('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>'
              '<record><header status="deleted"><identifier>oai:x:1</identifier></header></record>'
              f'<record><header><identifier>oai:x:2</identifier></header><metadata>{marc}</metadata></record>'
              '</ListRecords></OAI-PMH>')
    path = tmp_path / "answer.xml"
    path.write_text(answer, encoding="utf-8")
    report = import_file(path, "HPU")
    assert (report.format, report.new, report.rejected) == ("marcxml", 1, 0)
    assert any(line.startswith("note: answer.xml: an OAI-PMH answer: its MARCXML records are read")
               for line in report.lines())


def test_a_utf16_dublin_core_answer_is_recognised_as_such(org, tmp_path):
    """Saved in UTF-16 (iconv, Windows tools), an OAI-PMH answer was taken for MARCXML and refused."""
    path = tmp_path / "answer.xml"
    text = shared_path("conformance", "oai-pmh", "sickle", "GetRecord.xml").read_text(encoding="utf-8")
    path.write_bytes(text.encode("utf-16"))
    report = import_file(path, "HPU")
    assert (report.format, report.new) == ("oai_dc", 1)


def test_an_oai_pmh_response_is_not_marcxml(org):
    path = shared_path("conformance", "oai-pmh", "sickle", "GetRecord.xml")
    with pytest.raises(ImportFileError, match="root element is <OAI-PMH> in namespace"):
        import_file(path, "HPU", fmt="marcxml")
    assert Work.objects.count() == 0
    assert import_file(path, "HPU").format == "oai_dc"  # without --format: read as the Dublin Core it is


@pytest.mark.parametrize(("name", "sample_name", "fmt", "count"), [
    ("export.csv", "pymarc/test.dat", "MARC (ISO 2709)", 10), ("records.txt", "marc4j/chabon.xml", "MARCXML", 2),
    ("records", "pymarc/test.dat", "MARC (ISO 2709)", 10), ("answer.txt", "oai-pmh/sickle/GetRecord.xml",
                                                            "Dublin Core (oai_dc)", 1),
])
def test_a_file_is_read_as_the_format_its_content_shows_whatever_its_name(org, tmp_path, name, sample_name,
                                                                            fmt, count):
    """An export saved as "export.csv" or "records.txt" was read as a CSV file of garbage and refused."""
    path = tmp_path / name
    source = sample(sample_name) if sample_name.startswith(("pymarc", "marc4j")) else shared_path(
        "conformance", *sample_name.split("/"))
    path.write_bytes(source.read_bytes())
    report = import_file(path, "HPU")
    assert (report.new, report.rejected) == (count, 0)
    note = f"note: {name}: read as {fmt}, as its content shows (its name says {path.suffix})"
    assert (note in report.lines()) == bool(path.suffix)  # a name without an extension says nothing


# --- round trip through the MARCXML serializer ---------------------------------------------------

def _round_trip_records() -> list[Record]:
    """A thesis, a dissertation, a book and an article, as a library would send them."""
    thesis = vietnamese_record()
    dissertation = vietnamese_record(title="Ứng dụng KH&CN trong quản lý cảng biển Hải Phòng /",
                                     author="Hoàng, Minh Đức")
    dissertation["001"].data = "000124"
    dissertation["502"]["b"] = "Tiến sĩ"
    book = record_with("00000nam a2200000 a 4500",
                   Field(tag="001", data="B1"),
                   df("020", "  ", ("a", "9786046000000")),
                   df("100", "1 ", ("a", "Đặng, Văn Em.")),
                   df("245", "10", ("a", "Sinh học biển đại cương :"), ("b", "giáo trình")),
                   df("264", " 1", ("b", "NXB Giáo dục,"), ("c", "2010.")),
                   df("300", "  ", ("a", "215 tr. :"), ("b", "minh họa ;"), ("c", "24 cm")),
                   df("540", "  ", ("a", "CC BY-NC 4.0")),
                   df("650", " 7", ("a", "Sinh học biển")))
    article = record_with("00000nab a2200000 a 4500",
                      Field(tag="001", data="A1"),
                      df("100", "1 ", ("a", "Smith, John")),
                      df("245", "10", ("a", "Marine biodiversity of Cat Ba archipelago.")),
                      df("260", "  ", ("c", "2012")),
                      df("653", "  ", ("a", "biodiversity")))
    return [thesis, dissertation, book, article]


def _catalogue_of(code: str) -> list[tuple[object, ...]]:
    """What must survive the round trip, for every work an organisation holds."""
    works = Work.objects.filter(holdings__organisation__code=code).order_by("title")
    return [(w.title, w.authors, w.advisors, w.people("translator"), w.year, w.type, w.subjects,
             w.identifiers.get("isbn", []), w.language, w.degree, w.extra) for w in works]


def test_round_trip_through_the_marcxml_serializer(org, tmp_path):
    from stinet.catalog.services import add_organisation
    from stinet.formats.marcxml import NAMESPACE, to_element

    import_file(write_marc(tmp_path / "hpu.mrc", *_round_trip_records()), "HPU")
    assert Work.objects.count() == 4
    book = Work.objects.get(title__startswith="Sinh học biển")
    assert book.extra == {"marc.300": "215 tr. : minh họa ; 24 cm", "dc.rights": "CC BY-NC 4.0"}
    book.extra["Ghi chú"] = "Bản in: 2 bản"  # a member's own column (887 $2 stinet)
    book.save(update_fields=["extra"])
    collection = etree.Element(f"{{{NAMESPACE}}}collection", nsmap={None: NAMESPACE})
    for work in Work.objects.prefetch_related("holdings__organisation").order_by("pk"):
        collection.append(to_element(work, f"http://stinet.example/works/{work.pk}/"))
    path = tmp_path / "export.xml"
    path.write_bytes(etree.tostring(collection, xml_declaration=True, encoding="UTF-8"))
    add_organisation("TVHP", "Thư viện Khoa học tổng hợp Hải Phòng", kind="library", member=True)
    report = import_file(path, "TVHP")
    assert report.rejected == 0 and report.format == "marcxml"
    assert _catalogue_of("TVHP") == _catalogue_of("HPU")
    types = sorted(t for _, _, _, _, _, t, *_ in _catalogue_of("TVHP"))
    assert types == ["article", "book", "dissertation", "thesis"]


# --- the command line ------------------------------------------------------------------------------

def _stinet(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the stinet command on a fresh data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINET_")}
    env["STINET_DATA_DIR"] = str(tmp_path / "cli-data")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([sys.executable, "-m", "stinet.cli", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def test_cli_imports_marc_and_marcxml(tmp_path):
    if "STINET_DATABASE_URL" in os.environ:
        pytest.skip("CLI end-to-end runs on the embedded default")
    assert _stinet(tmp_path, "org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    data = write_marc(tmp_path / "hpu.dat", vietnamese_record())
    result = _stinet(tmp_path, "import", str(data), "--org", "HPU")
    assert result.returncode == 0, result.stderr
    assert "hpu.dat: 1 mới, 0 cập nhật, 0 không đổi, 0 bị từ chối" in result.stdout  # Vietnamese by default
    bad = _stinet(tmp_path, "import", str(sample("pymarc/bad_records.mrc")), "--org", "HPU", "--format", "marc")
    assert bad.returncode == 0, bad.stderr
    assert ("bị từ chối: bad_records.mrc, biểu ghi 2: địa chỉ bắt đầu dữ liệu ghi trong đầu biểu nằm ngoài biểu ghi"
            in bad.stdout)
    xml = _stinet(tmp_path, "import", str(sample("marc4j/chabon.xml")), "--org", "HPU")
    assert xml.returncode == 0 and "chabon.xml: 2 mới" in xml.stdout, xml.stderr
    refused = _stinet(tmp_path, "import", str(sample("marc4j/chabon.xml")), "--org", "HPU", "--format", "marc")
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    assert "chabon.xml: không phải tệp MARC (ISO 2709)" in refused.stderr
    found = _stinet(tmp_path, "search", "da dang sinh hoc", "--json")
    assert '"type": "thesis"' in found.stdout
