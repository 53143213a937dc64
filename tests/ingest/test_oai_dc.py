"""Importing Dublin Core files (DESIGN §5: `stinet import --format oai_dc`): saved OAI-PMH answers
from real repositories and files of oai_dc records, mapped as the harvester maps them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from stinet.catalog.models import Holding, Work
from stinet.cli import main
from stinet.ingest.readers import ImportFileError
from stinet.ingest.services import import_file
from tests.conftest import shared_path

pytestmark = pytest.mark.django_db


def test_a_saved_list_records_answer_of_a_real_repository_imports_and_reimports_unchanged(org):
    path = shared_path("conformance", "oai-pmh", "pyoai-erasmus-dspace", "fake1_00005.xml")
    report = import_file(path, "HPU", fmt="oai_dc")
    assert (report.new, report.rejected) == (16, 0)
    assert Holding.objects.filter(local_id__startswith="hdl:1765/").count() == 16  # OAI identifiers: as a harvest
    assert import_file(path, "HPU", fmt="oai_dc").unchanged == 16
    assert Work.objects.filter(title="Railway stations and a geography of networks", year=2003).exists()


def test_an_xml_file_is_read_as_dublin_core_when_it_is_and_deleted_records_are_skipped(org):
    report = import_file(shared_path("conformance", "oai-pmh", "sickle", "ListRecords.xml"), "HPU")
    assert report.format == "oai_dc" and report.new == 1
    assert any("1 deleted record in the file skipped" in n["text"] for n in report.file_notes)


def test_a_file_of_oai_dc_records(org, tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(
        '<records xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<oai_dc:dc><dc:title>Nghiên cứu đa dạng sinh học rạn san hô</dc:title>'
        '<dc:creator>Nguyễn Văn An</dc:creator><dc:date>2016</dc:date><dc:type>Luận văn thạc sĩ</dc:type>'
        '<dc:identifier>http://repo.example.vn/handle/1/7</dc:identifier></oai_dc:dc>'
        '<oai_dc:dc><dc:creator>Không có nhan đề</dc:creator></oai_dc:dc></records>', encoding="utf-8")
    report = import_file(path, "HPU", fmt="oai_dc")
    assert report.new == 1 and report.rejected == 1 and "title" in report.rejections[0]["reason"]
    work = Work.objects.get()
    assert (work.type, work.year, work.creators[0]["name"]) == ("thesis", 2016, "Nguyễn Văn An")


def test_files_without_records_are_refused_in_one_line(org, tmp_path):
    identify = shared_path("conformance", "oai-pmh", "pyoai-erasmus-dspace", "fake1_00001.xml")
    with pytest.raises(ImportFileError, match=r"^fake1_00001.xml: no oai_dc records: an OAI-PMH Identify answer$"):
        import_file(identify, "HPU", fmt="oai_dc")
    broken = tmp_path / "broken.xml"
    broken.write_text("<OAI-PMH><ListRecords>", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"^broken.xml: not well-formed XML \(line 1"):
        import_file(broken, "HPU", fmt="oai_dc")
    assert not Work.objects.exists()


def test_records_of_another_format_and_the_descriptions_of_sets_are_refused_in_one_line(org):
    """A ListRecords in datacite gave 50 "rejected" records; the oai_dc descriptions of a ListSets 4."""
    zenodo = ("conformance", "oai-pmh", "zenodo")
    datacite = shared_path(*zenodo, "zenodo_ListRecords_list_records-04_http200.xml")
    with pytest.raises(ImportFileError, match=r"^zenodo_ListRecords_list_records-04_http200.xml: the records are in "
                                              r"datacite, not oai_dc \(import them as oai_dc, or marcxml for MARC\)$"):
        import_file(datacite, "HPU", fmt="oai_dc")
    sets = shared_path(*zenodo, "zenodo_ListSets_list_sets-00_http200.xml")
    with pytest.raises(ImportFileError, match=r"^zenodo_ListSets_list_sets-00_http200.xml: no oai_dc records: an "
                                              r"OAI-PMH ListSets answer$"):
        import_file(sets, "HPU", fmt="oai_dc")
    assert not Work.objects.exists()


def test_the_command_takes_the_format(org):
    path = shared_path("conformance", "oai-pmh", "pyoai-erasmus-dspace", "fake1_00005.xml")
    out = CliRunner().invoke(main, ["import", str(path), "--org", "HPU", "--format", "oai_dc"])
    assert out.exit_code == 0 and "16 new, 0 updated, 0 unchanged, 0 rejected" in out.output
