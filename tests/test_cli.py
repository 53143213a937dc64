"""The `stinet` command as a user runs it: a fresh data folder, real processes, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import time

import pytest


def test_org_import_search_round_trip(run, tmp_path):
    added = run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member")
    assert added.stdout == "đã thêm tổ chức HPU: Trường Đại học Hải Phòng (thành viên mạng lưới)\n"
    data = tmp_path / "hpu.csv"
    data.write_text("dc.title,dc.contributor.author,dc.date.issued,dc.type,id\n"
                    "Nghiên cứu đa dạng sinh học biển,Nguyễn Văn An,2016,Luận văn thạc sĩ,1\n"
                    ",Không tên,2017,Bài báo,2\n", encoding="utf-8")
    result = run("import", str(data), "--org", "HPU")
    assert result.returncode == 0, result.stderr
    assert "hpu.csv: 1 mới, 0 cập nhật, 0 không đổi, 1 bị từ chối" in result.stdout  # Vietnamese by default
    assert "bị từ chối: hpu.csv, dòng 3: dc.title: thiếu nhan đề" in result.stdout
    found = run("search", "da dang sinh hoc", "--json")
    assert found.returncode == 0, found.stderr
    payload = json.loads(found.stdout)
    assert payload["total"] == 1 and payload["results"][0]["type"] == "thesis"
    assert set(payload["facets"]) == {"type", "year", "org", "field", "language", "access"}
    text = run("search", "sinh học", "--type", "thesis", "--year-from", "2010")
    assert text.stdout.startswith("1 kết quả\n") and "Nghiên cứu đa dạng sinh học biển" in text.stdout
    assert run("search", "sinh học", "--lang", "en").stdout.startswith("1 result\n")
    for words in (("-biển", "sinh", "học"), ("sinh học", "-biển"), ("--", "-biển sinh học")):  # an exclusion first
        assert run("search", *words).stdout.startswith("0 kết quả\n"), words
    several = json.loads(run("search", "sinh", "học", "--json").stdout)  # words as several arguments
    assert several["query"] == "sinh học" and several["total"] == 1
    mistyped = run("search", "sinh", "--limt", "3")
    assert mistyped.returncode == 2 and "Không có tùy chọn '--limt'" in mistyped.stderr
    listed = run("org", "list").stdout.split()
    assert listed[:3] == ["HPU", "thành", "viên"] and listed[3] == "1"


@pytest.mark.parametrize(("args", "message"), [
    (("org", "add", "bad code", "X"), "mã tổ chức 'bad code': chỉ dùng chữ cái, chữ số, '-' hoặc '_'"),
    (("export", "--format", "csv", "-o", "/nonexistent/folder/x.csv"),  # the system's words are English
     "stinet: error: /nonexistent/folder/x.csv: không có tệp hoặc thư mục này"),
    (("import", "/tmp", "--org", "X"), "stinet: error: /tmp: là thư mục, không phải tệp"),  # not Click's usage
    (("import", "/dev/null", "--org", "X", "--format", "csv"),
     "stinet: error: /dev/null: không phải tệp thông thường (là thiết bị hoặc đường ống)"),
])
def test_failures_exit_non_zero_with_one_line(run, args, message):
    result = run(*args)
    assert result.returncode != 0
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_every_reason_the_system_gives_for_a_file_is_translated():
    from django.utils import translation

    from stinet.cli import _SYSTEM_REASONS

    with translation.override("vi"):
        untranslated = [r for r in set(_SYSTEM_REASONS.values()) if translation.gettext(r) == r]
    assert not untranslated, untranslated


@pytest.mark.parametrize(("args", "message"), [
    (("search", "x", "--limit", "0"), "Giá trị không hợp lệ cho '--limit': 0 không nằm trong khoảng 1<=x<=100."),
    (("search", "x", "--year-from", "2020", "--year-to", "2010"), "--year-from: 2020 lớn hơn --year-to 2010"),
])
def test_search_options_are_named_as_typed_not_as_the_api_names_them(run, args, message):
    """A usage error (exit 2) names the option; the search service's refusals name page_size, year_from."""
    result = run(*args)
    assert result.returncode == 2 and message in result.stderr.splitlines()[-1]


def test_import_for_an_unknown_organisation_is_refused(run, tmp_path):
    data = tmp_path / "x.csv"
    data.write_text("dc.title\nA\n")
    result = run("import", str(data), "--org", "NOPE")
    assert result.returncode == 1
    assert result.stderr.strip() == "stinet: error: tổ chức 'NOPE' không tồn tại (thêm bằng 'stinet org add')"


def test_import_of_a_missing_file_is_refused(run):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng").returncode == 0
    result = run("import", "missing.csv", "--org", "HPU")
    assert result.returncode == 1 and result.stderr.strip() == "stinet: error: missing.csv: không tìm thấy tệp"


def test_several_files_are_imported_in_one_command_each_with_its_report(run, tmp_path):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng").returncode == 0
    first, second, broken, third = (tmp_path / n for n in ("a.csv", "b.csv", "broken.csv", "c.csv"))
    first.write_text("dc.title,id\nRạn san hô Cát Bà,1\n", encoding="utf-8")
    second.write_text("dc.title,id\nNuôi trồng thủy sản ven biển,2\n", encoding="utf-8")
    broken.write_bytes(b"dc.title,id\nx\0y,3\n")
    third.write_text("dc.title,id\nCảng biển Hải Phòng,4\n", encoding="utf-8")
    result = run("import", str(first), str(second), "--org", "HPU")
    assert result.returncode == 0, result.stderr
    assert f"== {first}" in result.stdout and f"== {second}" in result.stdout
    assert "a.csv: 1 mới" in result.stdout and "b.csv: 1 mới" in result.stdout
    stopped = run("import", str(first), str(broken), str(third), "--org", "HPU")
    assert stopped.returncode == 1 and "broken.csv" in stopped.stderr
    assert len(stopped.stderr.strip().splitlines()) == 1
    assert "a.csv: 0 mới, 0 cập nhật, 1 không đổi" in stopped.stdout
    for query, total in (("san ho", 1), ("thuy san", 1), ("cang bien", 0)):  # the files before it stay
        assert json.loads(run("search", query, "--json").stdout)["total"] == total, query
    missing = run("import", str(third), str(tmp_path / "typo.csv"), "--org", "HPU")
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"stinet: error: {tmp_path / 'typo.csv'}: không tìm thấy tệp"
    assert json.loads(run("search", "cang bien", "--json").stdout)["total"] == 0  # checked before any import


def test_every_command_has_help(run):
    for args in (("--help",), ("org", "add", "--help"), ("import", "--help"), ("search", "--help"),
                 ("serve", "--help"), ("demo", "--help"), ("reindex", "--help")):
        result = run(*args)
        assert result.returncode == 0 and result.stdout.startswith("Cách dùng: "), args  # Vietnamese by default


def test_fields_load_replaces_a_scheme_and_refuses_a_bad_table(run, tmp_path):
    good = tmp_path / "fields.csv"
    good.write_text("code,level,parent,name_vi,name_en\n1,1,,Khoa học tự nhiên,Natural sciences\n"
                    "101,2,1,Toán học và thống kê,Mathematics and statistics\n", encoding="utf-8")
    result = run("fields", "load", str(good), "--scheme", "2025")
    assert result.returncode == 0 and result.stdout == "đã nạp 2 mã của bảng phân loại 2025\n"
    bad = tmp_path / "bad.csv"
    bad.write_text("code,level,parent,name_vi,name_en\n101,2,9,Toán,Maths\n", encoding="utf-8")
    result = run("fields", "load", str(bad), "--scheme", "2025")
    assert result.returncode == 1 and "bad.csv" in result.stderr and len(result.stderr.splitlines()) == 1


def test_export_and_dedup_commands(run, tmp_path):
    import csv

    run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member")
    run("org", "add", "LIB", "Thư viện", "--member")
    for code, title, ident in (("HPU", "Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long", "u1"),
                               ("LIB", "Đa dạng sinh học của các rạn san hô ở Hạ Long, Quảng Ninh", "L1")):
        data = tmp_path / f"{code}.csv"
        with data.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["dc.title", "dc.contributor.author", "dc.date.issued", "dc.type", "id"])
            writer.writerow([title, "Nguyễn Văn An", "2016", "Luận văn thạc sĩ", ident])
        assert run("import", str(data), "--org", code).returncode == 0
    listed = run("dedup", "list")
    assert listed.returncode == 0 and "review" in listed.stdout and "LIB:L1 -> tài liệu " in listed.stdout
    assert "; cùng tác giả thứ nhất; cùng năm)" in listed.stdout and "same year" not in listed.stdout  # as on the page
    match_id = listed.stdout.split("]")[0].lstrip("[")
    settled = run("dedup", "settle", match_id, "--merge")
    assert settled.returncode == 0 and settled.stdout == f"cặp {match_id}: đã gộp\n"
    found = json.loads(run("search", "san ho", "--json").stdout)
    assert found["total"] == 1 and {h["org"] for h in found["results"][0]["holdings"]} == {"HPU", "LIB"}
    out = tmp_path / "all.csv"
    result = run("export", "--format", "csv", "--output", str(out))
    assert result.returncode == 0 and "đã xuất 1 tài liệu dạng csv" in result.stderr
    assert "Nghiên cứu đa dạng sinh học" in out.read_text(encoding="utf-8-sig")
    assert run("export", "--format", "ris", "--query", "san ho").stdout.startswith("TY  - THES")
    dash = run("export", "--format", "ris", "--query", "san ho", "-o", "-", cwd=tmp_path)  # QA 26: a file named "-"
    assert dash.stdout.startswith("TY  - THES") and not (tmp_path / "-").exists()
    mine = tmp_path / "lib.csv"
    assert run("export", "--format", "csv", "--org", "LIB", "--output", str(mine)).returncode == 0
    assert next(csv.DictReader(mine.open(encoding="utf-8-sig")))["id"] == "L1"  # LIB's own id, not HPU's
    assert run("import", str(mine), "--org", "LIB").stdout.startswith("lib.csv: 0 mới,")  # in place
    refused = run("export", "--format", "csv", "--org", "NOPE")
    assert refused.stderr == "stinet: error: tổ chức 'NOPE' không tồn tại (thêm bằng 'stinet org add')\n"
    assert run("dedup", "settle", "999", "--merge").stderr.startswith("stinet: error: không có cặp nghi trùng 999")
    both = run("dedup", "settle", "999", "--merge", "--keep-apart")
    assert both.returncode == 2 and "hãy chọn --merge hoặc --keep-apart (chỉ một trong hai)" in both.stderr
    assert "hãy chọn --merge hoặc --keep-apart" in run("dedup", "settle", "999").stderr
    assert run("dedup", "list", "--limit", "-5").returncode == 2
    work = found["results"][0]["id"]
    split = run("dedup", "split", "LIB", "L1")
    assert split.returncode == 0 and split.stdout.startswith("LIB:L1 nay là tài liệu ")
    assert split.stdout.endswith(f" (đã tách khỏi tài liệu {work})\n")
    merged = run("dedup", "merge", "LIB", "L1", str(work))
    assert merged.returncode == 0 and merged.stdout == f"LIB:L1 nay thuộc tài liệu {work}\n"
    assert run("reindex").stdout == "đã lập chỉ mục 1 tài liệu\n"


def test_user_add_with_roles(run):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    ok = run("user", "add", "editor", "--password", "a-long-pass-phrase-42", "--role", "member_editor", "--org", "HPU")
    assert ok.returncode == 0 and ok.stdout == "đã thêm người dùng editor (member_editor)\n"
    missing_org = run("user", "add", "x", "--password", "a-long-pass-phrase-42", "--role", "member_editor")
    assert missing_org.returncode != 0 and "vai trò 'member_editor' cần --org" in missing_org.stderr
    weak = run("user", "add", "y", "--password", "123")
    assert weak.returncode == 1 and weak.stderr.startswith("stinet: error: mật khẩu: ")


def test_output_cut_short_by_a_pipe_is_no_error(run, tmp_path):
    """`stinet export ... | head`: the reader went away; no 'Broken pipe' error line."""
    import csv
    import os
    import subprocess

    from tests.conftest import STINET

    data = tmp_path / "many.csv"
    with data.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "dc.title", "dc.description.abstract"])
        writer.writerows([str(i), f"Tài liệu {i}", "Tóm tắt dài. " * 60] for i in range(400))
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng").returncode == 0
    assert run("import", str(data), "--org", "HPU").returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINET_")}
    env["STINET_DATA_DIR"] = str(tmp_path / "cli-data")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = " ".join(f"'{a}'" for a in STINET) + " export --format csv | head -c 3"
    done = subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, timeout=120)
    assert done.stdout == "\ufeff" and done.stderr == ""  # the CSV's byte order mark, and no error


def test_an_export_links_the_works_pages_and_a_failed_one_leaves_the_file_as_it_was(run, tmp_path):
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    data = tmp_path / "hpu.csv"
    data.write_text("id,dc.title,dc.description.abstract\n1,Một,ngắn\n2,Hai," + "dài " * 9000 + "\n", encoding="utf-8")
    assert run("import", str(data), "--org", "HPU").returncode == 0
    exported = tmp_path / "all.json"
    assert run("export", "--format", "json", "-o", str(exported)).returncode == 0
    assert [w["url"] for w in json.loads(exported.read_text())] == ["http://127.0.0.1:8000/works/1/",
                                                                    "http://127.0.0.1:8000/works/2/"]
    sheet = tmp_path / "hpu.xlsx"
    sheet.write_bytes(b"last week's export")
    failed = run("export", "--format", "xlsx", "--org", "HPU", "-o", str(sheet))
    assert failed.returncode == 1 and len(failed.stderr.splitlines()) == 1
    assert failed.stderr.startswith("stinet: error: 2, dc.description.abstract: 35999 ký tự")
    assert sheet.read_bytes() == b"last week's export" and not [p for p in tmp_path.iterdir() if "part" in p.name]


def test_an_export_clears_what_a_killed_export_to_that_file_left(run, tmp_path):
    """Session 23's list: an export killed outright (kill -9) left its hidden part file for ever."""
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    gone = subprocess.Popen(["true"])
    gone.wait()  # a process id no process has now
    long_ago = time.time() - 3600
    killed, other_file = tmp_path / f".all.csv.{gone.pid}.part", tmp_path / f".other.csv.{gone.pid}.part"
    running, just_written = tmp_path / f".all.csv.{os.getpid()}.part", tmp_path / ".all.csv.999999999.part"
    for part in (killed, other_file, running, just_written):
        part.write_text("half")
    for part in (killed, other_file, running):
        os.utime(part, (long_ago, long_ago))
    assert run("export", "--format", "csv", "-o", str(tmp_path / "all.csv")).returncode == 0
    assert not killed.exists() and other_file.exists() and running.exists() and just_written.exists()


def test_a_file_of_which_every_record_is_rejected_fails_the_command(run, tmp_path):
    """For scripts and scheduled jobs: exit 1 when nothing of a file reached the catalogue (exit 0 before)."""
    assert run("org", "add", "HPU", "Trường Đại học Hải Phòng", "--member").returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("id,dc.title,dc.date.issued\n1,,2015\n2,,2016\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("id,dc.title\n1,Một\n", encoding="utf-8")
    result = run("import", str(good), str(bad), "--org", "HPU")
    assert result.returncode == 1 and "bad.csv: 0 mới, 0 cập nhật, 0 không đổi, 2 bị từ chối" in result.stdout
    assert result.stderr == "stinet: error: mọi biểu ghi của bad.csv đều bị từ chối: không nhập được gì\n"
    assert run("import", str(good), "--org", "HPU").returncode == 0  # all unchanged: imported


def test_the_progress_bar_of_a_marc_import_counts_records():
    from pathlib import Path

    from django.utils import translation

    from stinet.cli import _records_or_rows

    with translation.override("vi"):
        assert _records_or_rows(Path("a.mrc"), None) == "biểu ghi" == _records_or_rows(Path("a.csv"), "marc")
        assert _records_or_rows(Path("a.xml"), None) == "biểu ghi"  # MARCXML or Dublin Core: records both
        assert _records_or_rows(Path("a.csv"), None) is None and _records_or_rows(Path("a.pdf"), None) is None


def test_an_organisation_website_is_an_http_address(run):
    """QA 16b: `org add --website 'javascript:alert(1)'` was linked on the organisation pages (the
    script ran on a click), and "www.x.vn" became a relative link to a missing page."""
    refused = run("org", "add", "EVIL", "Tổ chức", "--website", "javascript:alert(1)")
    assert refused.returncode == 1
    assert refused.stderr.strip() == "stinet: error: website 'javascript:alert(1)': không phải địa chỉ http(s)"
    assert json.loads(run("org", "list", "--json").stdout) == []


@pytest.mark.django_db
def test_a_website_written_as_a_bare_host_is_an_https_address():
    """QA 16b: "www.x.vn", as members write it, became a relative link to a missing page."""
    from stinet.catalog.services import add_organisation

    assert add_organisation("NOSCH", "Viện", website=" www.vinhthu.example.vn ").website == "https://www.vinhthu.example.vn"
    assert add_organisation("HTTP", "Viện", website="http://a.example.vn/x").website == "http://a.example.vn/x"


@pytest.mark.parametrize(("env", "said"), [
    ({"STINET_SEARCH_BACKEND": "postgres"}, "STINET_SEARCH_BACKEND: 'postgres' needs a PostgreSQL database "
                                            "(STINET_DATABASE_URL)"),
    ({"STINET_SEARCH_BACKEND": "sqlite"}, "STINET_SEARCH_BACKEND: 'sqlite' is not one of 'tantivy', 'postgres'"),
    ({"STINET_DATABASE_URL": "mysql://x/y"}, "STINET_DATABASE_URL: unsupported scheme 'mysql'"),
])
def test_a_setting_refused_is_one_line(tmp_path, env, said):
    """QA 21: the postgres engine asked for on SQLite printed a 64-line traceback; an unknown one was ignored."""
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if not k.startswith("STINET_") and k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-m", "stinet.cli", "search", "biển"], capture_output=True, text=True,
                          env={**clean, "STINET_DATA_DIR": str(tmp_path / "d"), **env}, timeout=120)
    assert (done.returncode, done.stderr) == (1, f"stinet: error: {said}\n")


@pytest.mark.parametrize(("command", "error", "said"), [
    ("import", "django.db.utils.OperationalError('database or disk is full')",
     "stinet: error: the database: database or disk is full; stored batches are kept, run again to resume\n"),
    ("import", "__import__('concurrent.futures.process').futures.process.BrokenProcessPool('A process in the process "
     "pool was terminated abruptly')",
     "stinet: error: a parsing worker process ended abruptly (out of memory?); stored batches are kept, run again "
     "to resume\n"),
    ("import", "KeyboardInterrupt()", "stinet: interrupted; stored batches are kept, run again to resume\n"),
    # a command that stores nothing in batches has nothing to resume (reindex, export, search said it had)
    ("reindex", "django.db.utils.OperationalError('database or disk is full')",
     "stinet: error: the database: database or disk is full\n"),
    ("reindex", "KeyboardInterrupt()", "stinet: interrupted\n"),
])
def test_a_full_disk_a_killed_worker_or_a_stop_is_one_line(tmp_path, command, error, said):
    """QA 21: a full disk under SQLite printed a 57-line traceback, a parsing worker killed by the memory killer
    a 40-line one."""
    import os
    import subprocess
    import sys

    code = ("import django.db.utils, sys; from stinet import cli\n"
            f"def broken(*a, **k): raise {error}\n"
            "real = cli._setup\n"
            "def setup():\n"
            "    real(); from stinet.ingest import services; services.import_file = broken\n"
            "    from stinet.search import indexing; indexing.rebuild = broken\n"
            "    from stinet.catalog.services import add_organisation; add_organisation('X', 'X')\n"
            "cli._setup = setup\n"
            "sys.argv = ['stinet', *sys.argv[1:]]; cli.main()")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("STINET_") and k != "DJANGO_SETTINGS_MODULE"}
    path = tmp_path / "a.csv"
    path.write_text("dc.title\nx\n", encoding="utf-8")
    argv = [str(path), "--org", "X"] if command == "import" else []
    done = subprocess.run([sys.executable, "-c", code, command, *argv], capture_output=True, text=True, timeout=120,
                          env={**clean, "STINET_DATA_DIR": str(tmp_path / "d"), "STINET_LANGUAGE": "en"})
    assert (done.returncode, done.stderr) == (130 if "Interrupt" in error else 1, said)


FULL_DISK_EXPORT = """
import errno, pathlib, sys
from stinet import cli

class Full:
    '''A file on a disk that fills after 2 KB.'''
    def __init__(self, real):
        self.real, self.written = real, 0
    def write(self, data):
        self.written += len(data)
        if self.written > 2048:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real.write(data)
    def __getattr__(self, name):
        return getattr(self.real, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.real.close()

real_open = pathlib.Path.open
pathlib.Path.open = lambda self, *a, **k: Full(real_open(self, *a, **k)) if self.name.endswith(".part") else \\
    real_open(self, *a, **k)
real_setup = cli._setup
def setup():
    real_setup()
    from stinet.catalog.services import add_organisation
    from stinet.catalog.models import Work
    org = add_organisation("X", "X")
    Work.objects.bulk_create([Work(title=f"Nghiên cứu số {i} " + "x" * 200, type="report") for i in range(300)])
cli._setup = setup
sys.argv = ["stinet", "export", "--format", sys.argv[2], "--output", sys.argv[1]]
cli.main()
"""


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_to_a_full_disk_is_one_line_naming_the_file(tmp_path, fmt):
    """QA 21: the XLSX export printed the error, then 7 lines of a ZipFile destructor's traceback; neither
    named the file."""
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if not k.startswith("STINET_") and k != "DJANGO_SETTINGS_MODULE"}
    target = tmp_path / f"all.{fmt}"
    done = subprocess.run([sys.executable, "-c", FULL_DISK_EXPORT, str(target), fmt], capture_output=True, text=True,
                          timeout=120, env={**clean, "STINET_DATA_DIR": str(tmp_path / "d"), "STINET_LANGUAGE": "en"})
    assert (done.returncode, done.stderr) == (1, f"stinet: error: {target}: no space left on the disk\n")
    assert not target.exists() and not list(tmp_path.glob(".*.part"))
