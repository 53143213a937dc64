"""`stinet import --rejects`: every rejected row in a CSV file, to fix and import again."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from stinet.catalog.models import Work
from stinet.ingest import services
from stinet.ingest.rejects import LINE_COLUMN, REASON_COLUMN, write_rejects
from stinet.ingest.report import MAX_LISTED
from stinet.ingest.services import import_file
from stinet.vietnamese import encode
from tests.ingest.test_marc import sample


def read_rejects(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_every_rejection_is_kept_beyond_the_reports_list(org, tmp_path, monkeypatch, workers):
    """The report lists MAX_LISTED rejections; the rejects file has all of them, as the file gave them."""
    monkeypatch.setenv("STINET_IMPORT_WORKERS", workers)
    monkeypatch.setattr(services, "CHUNK_SIZE", 50)
    bad = MAX_LISTED + 50
    lines = ["id,dc.title,dc.date.issued,Ghi chú"]
    lines += [f"b{i},Tên {i},20l{i % 10},ghi chú {i}" for i in range(bad)]  # a year misread from a scan
    lines += [f"g{i},Tên tốt {i},2015," for i in range(30)] + ["g0,Lặp,2016,"]
    source = tmp_path / "hpu.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_file(source, "HPU", keep_rejected=True)
    assert (report.new, report.rejected, len(report.rejections)) == (30, bad + 1, MAX_LISTED)
    target = tmp_path / "out.csv"
    assert write_rejects(source, report.format, report.rejected_at, target) == bad + 1
    rows = read_rejects(target)
    assert list(rows[0]) == [LINE_COLUMN, REASON_COLUMN, "id", "dc.title", "dc.date.issued", "Ghi chú"]
    assert rows[0] == {LINE_COLUMN: "2", REASON_COLUMN: "dc.date.issued: cannot read '20l0' as a date or year",
                       "id": "b0", "dc.title": "Tên 0", "dc.date.issued": "20l0", "Ghi chú": "ghi chú 0"}
    assert rows[-1][REASON_COLUMN] == "id: 'g0' appears twice in this file" and rows[-1]["dc.title"] == "Lặp"
    assert [int(r[LINE_COLUMN]) for r in rows] == [*range(2, bad + 2), len(lines)]


def test_the_fixed_rejects_file_imports_as_it_is(org, tmp_path):
    """Its line and reason columns are ignored: not unknown columns kept as extra data."""
    source = tmp_path / "hpu.csv"
    source.write_text("id,dc.title,dc.date.issued\nr1,Một,2015\nr2,,2016\nr3,Ba,20l5\n", encoding="utf-8")
    report = import_file(source, "HPU", keep_rejected=True)
    target = tmp_path / "hpu.csv.rejected.csv"
    write_rejects(source, report.format, report.rejected_at, target)
    fixed = target.read_text(encoding="utf-8-sig").replace("r2,,2016", "r2,Hai,2016").replace("20l5", "2015")
    target.write_text(fixed, encoding="utf-8")
    again = import_file(target, "HPU")
    assert again.counts() == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    assert again.unknown_columns == []
    assert Work.objects.get(holdings__local_id="r3").extra == {}


def test_legacy_text_is_written_as_the_file_has_it_and_converted_when_imported_again(org, tmp_path):
    title = "Nghiên cứu nuôi trồng thủy sản ven biển"
    source = tmp_path / "tcvn3.csv"
    text = encode("id,Tên đề tài,Năm", "tcvn3") + f"\nt1,{encode(title, 'tcvn3')},20l5\n"
    source.write_bytes(text.encode("cp1252"))
    report = import_file(source, "HPU", keep_rejected=True)
    target = tmp_path / "out.csv"
    write_rejects(source, report.format, report.rejected_at, target)
    rows = read_rejects(target)
    assert rows[0]["Tên đề tài"] == encode(title, "tcvn3")  # the header in Unicode, the value as written
    target.write_text(target.read_text(encoding="utf-8-sig").replace("20l5", "2015"), encoding="utf-8")
    import_file(target, "HPU")
    assert Work.objects.get(holdings__local_id="t1").title == title


def test_the_reason_column_says_nothing_of_the_encoding_of_the_row(org, tmp_path):
    """A Unicode reason ("dc.date.issued: không đọc được ...") beside TCVN3 cells made the row read as typed in
    Unicode: the short "Côc SHTT" (TCVN3 "Cục SHTT") was stored as it was."""
    text = (encode("id,Tên đề tài,Cơ quan chủ trì", "tcvn3") + ",stinet.reason\n"
            + f"t1,{encode('Nghiên cứu nuôi trồng thủy sản ven biển', 'tcvn3')},{encode('Cục SHTT', 'tcvn3')},"
            + "Năm (dc.date.issued): không đọc được '20x' là ngày hoặc năm\n")
    path = tmp_path / "fixed.csv"
    path.write_bytes(text.encode("utf-8"))
    assert import_file(path, "HPU").counts()["new"] == 1
    assert Work.objects.get().publisher == "Cục SHTT"


def test_marc_records_are_written_as_the_rows_they_were_mapped_to(org, tmp_path):
    source = sample("pymarc/bad_records.mrc")
    report = import_file(source, "HPU", keep_rejected=True)
    target = tmp_path / "out.csv"
    assert write_rejects(source, report.format, report.rejected_at, target) == report.rejected > 0
    rows = read_rejects(target)
    assert "dc.title" in rows[0] and rows[0][REASON_COLUMN] == report.rejections[0]["reason"]


def test_the_report_keeps_no_full_list_unless_asked(org, write_csv):
    report = import_file(write_csv([{"id": "x", "dc.title": ""}]), "HPU")
    assert report.rejected == 1 and report.rejected_at is None
    assert "rejected_at" not in report.as_dict()


def test_the_command_writes_each_files_rejects_to_the_folder(run, tmp_path):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text("id,dc.title\nr1,Một\nr2,\n", encoding="utf-8")
    good.write_text("id,dc.title\ng1,Tốt\n", encoding="utf-8")
    result = run("import", str(bad), str(good), "--org", "HPU", "--rejects", str(tmp_path / "rejects"))
    assert result.returncode == 0, result.stderr
    target = tmp_path / "rejects" / "bad.csv.rejected.csv"
    assert f"các dòng bị từ chối đã được ghi vào {target} (1), để sửa rồi nhập lại" in result.stdout
    assert read_rejects(target) == [{LINE_COLUMN: "3", REASON_COLUMN: "dc.title: thiếu nhan đề", "id": "r2",
                                     "dc.title": ""}]
    assert sorted(p.name for p in (tmp_path / "rejects").iterdir()) == ["bad.csv.rejected.csv"]


def test_a_row_that_cannot_be_read_keeps_the_cells_that_can(org, tmp_path):
    """An unclosed quote or a NUL byte wrote a row of empty cells: imported as it was, every row lacked a title."""
    source = tmp_path / "broken.csv"
    source.write_bytes(b'id,dc.title,dc.date.issued\nU1,T\xe1\xbb\x91t,2015\nU2,"Unclosed quote,2016\n'
                       b"U3,Good again,2017\nU4,Nul\x00byte,2018\n")
    report = import_file(source, "HPU", keep_rejected=True)
    target = tmp_path / "out.csv"
    write_rejects(source, report.format, report.rejected_at, target)
    rows = read_rejects(target)
    assert [(r["id"], r["dc.title"], r["dc.date.issued"]) for r in rows] == [
        ("U2", '"Unclosed quote', "2016"), ("U4", "Nulbyte", "2018")]  # the line as written; the NUL left out


def test_a_resumed_import_lists_the_rejections_of_the_rows_it_resumed_after(org, write_csv, monkeypatch):
    """The rows stored before the interruption are read again for their ids: their rejections were dropped."""
    from tests.ingest.test_import import import_interrupted, row

    rows = [row(f"Công trình số {i}", id=f"r{i}") for i in range(25)]
    rows[3] = row("Năm sai", id="bad3", dc_date_issued="20l5")
    rows[7] = row("Mã lặp", id="r1")
    path = write_csv(rows)
    import_interrupted(path, monkeypatch)
    report = import_file(path, "HPU", keep_rejected=True)
    assert report.skipped_resume == 15 and report.rejected == 2  # both among the 15 rows stored before
    assert sorted(report.rejected_at) == [5, 9]
    assert [r["line"] for r in report.rejections] == [5, 9]


def test_the_command_names_each_files_rejects_apart_and_removes_an_outdated_one(run, tmp_path):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "data.csv", tmp_path / "b" / "data.csv"
    first.write_text("id,dc.title\nA1,Một\nA2,\n", encoding="utf-8")
    second.write_text("id,dc.title\nB1,Hai\nB2,\n", encoding="utf-8")
    folder = tmp_path / "rejects"
    assert run("import", str(first), str(second), "--org", "HPU", "--rejects", str(folder)).returncode == 0
    assert [r["id"] for r in read_rejects(folder / "data.csv.rejected.csv")] == ["A2"]  # overwritten by B2
    assert [r["id"] for r in read_rejects(folder / "data (2).csv.rejected.csv")] == ["B2"]
    first.write_text("id,dc.title\nA1,Một\nA2,Hai\n", encoding="utf-8")
    again = run("import", str(first), "--org", "HPU", "--rejects", str(folder))
    assert f"không có dòng bị từ chối: đã xoá {folder / 'data.csv.rejected.csv'}" in again.stdout
    assert not (folder / "data.csv.rejected.csv").exists()  # its row would undo the correction if imported


def test_a_rejects_target_that_cannot_be_written_stops_before_any_import(run, tmp_path):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    source = tmp_path / "w.csv"
    source.write_text("id,dc.title\nW1,Một\nW2,\n", encoding="utf-8")
    (tmp_path / "rejects" / "w.csv.rejected.csv").mkdir(parents=True)
    refused = run("import", str(source), "--org", "HPU", "--rejects", str(tmp_path / "rejects"))
    assert refused.returncode == 1
    assert refused.stderr.strip() == f"stinet: error: {tmp_path / 'rejects' / 'w.csv.rejected.csv'}: là một thư mục"
    assert "w.csv:" not in refused.stdout  # nothing imported (it was, and a hidden .part file was named)
