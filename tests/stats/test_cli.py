"""`stinet stats` and `stinet report` (in-process, on the test database)."""

from __future__ import annotations

import json

import openpyxl
from click.testing import CliRunner
from pypdf import PdfReader

from stinet.cli import main


def test_stats_json_is_the_api_shape(network, client):
    out = CliRunner().invoke(main, ["stats", "--json", "--from", "2015", "--org", "HPU"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    tables = {t["key"]: t for s in data["sections"] for t in s["tables"]}
    assert data["staff"] is True and "harvest_health" in tables  # the operator sees everything
    api = client.get("/api/stats", {"year_from": 2015, "org": "HPU"}).json()
    api_tables = {t["key"]: t for s in api["sections"] for t in s["tables"]}
    for key in api_tables:
        assert tables[key]["rows"] == api_tables[key]["rows"], key


def test_stats_text(network):
    out = CliRunner().invoke(main, ["stats", "--lang", "en"])
    assert out.exit_code == 0
    assert "Works by type" in out.output and "Master's thesis" in out.output
    assert "Harvest health per source" in out.output
    assert "A work held by several members (or at several access levels) counts in each" in out.output  # QA 25


def test_report_files(network, tmp_path):
    runner = CliRunner()
    xlsx, pdf, form = tmp_path / "t.xlsx", tmp_path / "t.pdf", tmp_path / "f.xlsx"
    assert runner.invoke(main, ["report", "works_by_org", "-o", str(xlsx)]).exit_code == 0
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet["A1"].value == "Tài liệu theo thành viên"
    done = runner.invoke(main, ["report", "harvest_health", "--format", "pdf", "-o", str(pdf)])
    size = f"{pdf.stat().st_size:,}".replace(",", ".")  # grouped as Vietnamese groups them (QA 25: "24,593")
    assert done.exit_code == 0 and done.output == f"đã ghi {pdf} ({size} byte)\n"
    assert "DSpace HPU" in PdfReader(pdf).pages[0].extract_text()
    assert runner.invoke(main, ["report", "04/KHCN-NV", "--to", "2024", "-o", str(form)]).exit_code == 0
    assert openpyxl.load_workbook(form).active["A1"].value == "Biểu số: 04/KHCN-NV"


def test_report_to_standard_output(network, tmp_path, monkeypatch):
    import io

    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["report", "works_by_type", "-o", "-"])
    assert out.exit_code == 0 and not (tmp_path / "-").exists()
    assert openpyxl.load_workbook(io.BytesIO(out.stdout_bytes)).active["A1"].value == "Tài liệu theo loại hình"


def test_report_errors_are_one_line(network, tmp_path):
    runner = CliRunner()
    bad = runner.invoke(main, ["report", "nope", "-o", str(tmp_path / "x.xlsx")])
    assert bad.exit_code == 1 and "không có bảng hay biểu mẫu 'nope': chỉ có all, works_by_type" in bad.output
    assert "04/KHCN-NV" in bad.output and not (tmp_path / "x.xlsx").exists()
    pdf = runner.invoke(main, ["report", "04/KHCN-NV", "--format", "pdf", "-o", str(tmp_path / "x.pdf")])
    assert pdf.exit_code == 2 and "các biểu mẫu báo cáo chỉ xuất ra dạng XLSX" in pdf.output
    org = runner.invoke(main, ["stats", "--org", "XYZ"])
    assert org.exit_code == 1 and "XYZ" in org.output
    for form in ("04/KHCN-NV", "01/KHCN-TC", "02/KHCN-NL"):  # QA 25: 2023-2024 wrote the form of 2024 alone
        years = runner.invoke(main, ["report", form, "--from", "2023", "--to", "2024", "-o", str(tmp_path / "f.xlsx")])
        assert years.exit_code == 1 and years.output == ("stinet: error: mỗi biểu báo cáo chỉ cho một năm, không phải "
                                                         "2023-2024: hãy cho năm đó làm cả năm đầu và năm cuối của kỳ, "
                                                         "hoặc chỉ một trong hai\n")
        assert not (tmp_path / "f.xlsx").exists()


def test_a_period_refused_is_named_in_words_not_by_the_api_parameter(network, client):
    """The page's parameters are from/to, the API's year_from/year_to, the CLI's --from/--to."""
    said = CliRunner().invoke(main, ["stats", "--from", "2020", "--to", "2010"]).output
    assert "năm đầu của kỳ (2020) sau năm cuối (2010)" in said and "year_from" not in said
    page = client.get("/stats/", {"from": "abc"}).content.decode()
    assert "năm đầu của kỳ: &#x27;abc&#x27; không phải là năm" in page
    page = client.get("/stats/", {"to": "1", "lang": "en"}).content.decode()
    assert "last year of the period: 1 is not a year between 1900 and 2100" in page
    said = client.get("/api/stats", {"year_from": 2020, "year_to": 2010, "lang": "en"}).json()["detail"]
    assert said == "the period's first year (2020) is after its last year (2010)"


def test_a_long_name_cut_in_the_printed_table_says_so(capsys):
    """QA 25: names were cut at 50 characters without a sign of it."""
    from stinet.stats.cli import _print_table
    from stinet.stats.tables import Column, Table

    name = "Trung tâm Thông tin, Thống kê khoa học và công nghệ Hải Phòng"
    _print_table(Table("t", "Thành viên", [Column("label", "Tên", "text"), Column("count", "Số", "int")],
                       [{"label": name, "count": 1234}], note="Ghi chú của bảng."), "vi")
    lines = capsys.readouterr().out.splitlines()
    assert lines[3] == name[:49] + "…  1.234" and lines[-1] == "Ghi chú của bảng."
