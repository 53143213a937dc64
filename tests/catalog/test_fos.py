"""Tests for stinet.catalog.fos: field-of-science tables and code normalisation."""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import pytest
from django.utils import translation

from stinet.catalog import fos
from stinet.catalog.fos import Field, FieldTableError

HEADER = "code,level,parent,name_vi,name_en\n"


@pytest.fixture(autouse=True)
def _english():
    """The refusals are checked in English here; test_the_refusals_are_in_vietnamese_by_default checks one."""
    with translation.override("en"):
        yield
GOOD_2008 = (
    HEADER
    + "1,1,,Khoa học tự nhiên,Natural sciences\n"
    + "101,2,1,Toán học và thống kê,Mathematics and statistics\n"
    + "10101,3,101,Toán học cơ bản,Pure mathematics\n"
    + "2,1,,Khoa học kỹ thuật và công nghệ,Engineering and technology\n"
)
GOOD_2025 = (
    HEADER
    + "1,1,,Khoa học tự nhiên,Natural sciences\n"
    + ("101,2,1,A,A\n10101,3,101,B,B\n1010101,4,10101,C,C\n")
)
TOP_CODES = ["1", "2", "3", "4", "5", "6"]


def write(tmp_path: Path, text: str, name: str = "fields.csv") -> Path:
    """Write a CSV fixture and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- load_csv: good files -------------------------------------------------------------------


def test_load_csv_good_file(tmp_path: Path) -> None:
    fields = fos.load_csv(write(tmp_path, GOOD_2008), "2008")
    assert [f.code for f in fields] == ["1", "101", "10101", "2"]
    assert fields[0] == Field("1", 1, None, "Khoa học tự nhiên", "Natural sciences", "2008")
    assert fields[2].parent == "101"
    assert fields[2].level == 3


def test_load_csv_accepts_file_object_and_2025_level_4() -> None:
    fields = fos.load_csv(io.StringIO(GOOD_2025), "2025")
    assert [(f.code, f.level, f.parent) for f in fields] == [
        ("1", 1, None),
        ("101", 2, "1"),
        ("10101", 3, "101"),
        ("1010101", 4, "10101"),
    ]
    assert {f.scheme for f in fields} == {"2025"}


def test_load_csv_normalises_names_to_nfc(tmp_path: Path) -> None:
    decomposed = "Khoa ho\u0323c tự nhiên"  # "học" with a combining dot below
    fields = fos.load_csv(write(tmp_path, HEADER + f"1,1,,  {decomposed} ,Natural\n"), "2008")
    assert fields[0].name_vi == "Khoa học tự nhiên"


def test_load_csv_allows_parent_defined_later(tmp_path: Path) -> None:
    text = HEADER + "101,2,1,Toán,Maths\n1,1,,Tự nhiên,Natural\n"
    assert [f.code for f in fos.load_csv(write(tmp_path, text), "2008")] == ["101", "1"]


def test_load_csv_rejects_unknown_scheme(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown scheme"):
        fos.load_csv(write(tmp_path, GOOD_2008), "2013")


# --- load_csv: each bad case gives its message ------------------------------------------------

BAD_CASES = [
    pytest.param(
        "",
        "line 1, column code: file is empty; expected header code,level,parent,name_vi,name_en",
        id="empty-file",
    ),
    pytest.param(
        "code,level,parent,name,name_en\n1,1,,A,A\n",
        "line 1, column name_vi: header must be code,level,parent,name_vi,name_en; got 'name'",
        id="header-renamed",
    ),
    pytest.param(
        "code,level,parent,name_vi\n",
        "line 1, column name_en: header must be code,level,parent,name_vi,name_en; got None",
        id="header-short",
    ),
    pytest.param(
        HEADER + "1,1,,A\n",
        "line 2, column name_en: expected 5 columns, got 4",
        id="row-short",
    ),
    pytest.param(
        HEADER + "1,1,,A,A,extra\n",
        "line 2, column #6: expected 5 columns, got 6",
        id="row-long",
    ),
    pytest.param(
        HEADER + "1,1,,A,A\n1.01,2,1,B,B\n",
        "line 3, column code: code must be ASCII digits only; got '1.01'",
        id="code-not-digits",
    ),
    pytest.param(
        HEADER + "1,1,,A,A\n 101,2,1,B,B\n",
        "line 3, column code: code must be ASCII digits only; got ' 101'",
        id="code-with-space",
    ),
    pytest.param(
        HEADER + "1,1,,A,A\n10,2,1,B,B\n",
        "line 3, column code: code '10' has 2 digits; scheme 2008 uses 1, 3, 5",
        id="code-bad-length",
    ),
    pytest.param(
        HEADER + "1,1,,A,A\n101,2,1,B,B\n10101,3,101,C,C\n1010101,4,10101,D,D\n",
        "line 5, column code: code '1010101' has 7 digits; scheme 2008 uses 1, 3, 5",
        id="level-4-not-in-2008",
    ),
    pytest.param(
        HEADER + "1,1,,A,A\n1,1,,A,A\n",
        "line 3, column code: duplicate code '1'",
        id="duplicate-code",
    ),
    pytest.param(
        HEADER + "1,1,,A,A\n101,3,1,B,B\n",
        "line 3, column level: level for code '101' must be 2; got '3'",
        id="level-inconsistent",
    ),
    pytest.param(
        HEADER + "1,,,A,A\n",
        "line 2, column level: level for code '1' must be 1; got ''",
        id="level-missing",
    ),
    pytest.param(
        HEADER + "1,1,2,A,A\n2,1,,B,B\n",
        "line 2, column parent: level-1 code '1' must have no parent; got '2'",
        id="top-level-with-parent",
    ),
    pytest.param(
        HEADER + "1,1,,A,A\n101,2,,B,B\n",
        "line 3, column parent: code '101' needs a parent",
        id="parent-missing",
    ),
    pytest.param(
        HEADER + "1,1,,A,A\n201,2,2,B,B\n",
        "line 3, column parent: parent '2' of '201' is not in the file",
        id="parent-not-in-file",
    ),
    pytest.param(
        HEADER + "1,1,,A,A\n101,2,1,B,B\n10101,3,1,C,C\n",
        "line 4, column parent: parent '1' of level-3 code '10101' must be level 2",
        id="parent-not-one-level-up",
    ),
    pytest.param(
        HEADER + "1,1,,A,A\n2,1,,A,A\n101,2,1,B,B\n20101,3,101,C,C\n",
        "line 5, column parent: code '20101' does not start with parent '101'",
        id="parent-not-prefix",
    ),
    pytest.param(
        HEADER + "1,1,, ,A\n",
        "line 2, column name_vi: name_vi of '1' is empty",
        id="name-vi-empty",
    ),
    pytest.param(
        HEADER + "1,1,,A,\n",
        "line 2, column name_en: name_en of '1' is empty",
        id="name-en-empty",
    ),
    pytest.param(
        HEADER + "1,1,,A,A\n101,2,9,B,B\n10,2,1,C,C\n",
        "line 3, column parent: parent '9' of '101' is not in the file",
        id="first-bad-row-wins",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_CASES)
def test_load_csv_bad_file_message(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text, "bad.csv")
    with pytest.raises(FieldTableError) as excinfo:
        fos.load_csv(path, "2008")
    assert str(excinfo.value) == f"{path}, {message}"
    assert "\n" not in str(excinfo.value)
    assert isinstance(excinfo.value, ValueError)


def test_load_csv_bad_stream_names_the_stream() -> None:
    stream = io.StringIO(HEADER + "1,1,,A,A\n101,2,1,B,B\n1010,3,101,C,C\n")
    with pytest.raises(FieldTableError) as excinfo:
        fos.load_csv(stream, "2025")
    assert str(excinfo.value) == (
        "<stream>, line 4, column code: code '1010' has 4 digits; scheme 2025 uses 1, 3, 5, 7"
    )


def test_load_csv_counts_lines_across_quoted_newlines(tmp_path: Path) -> None:
    text = HEADER + '1,1,,"A\nB",A\n101,2,1,,B\n'
    with pytest.raises(FieldTableError, match=r", line 4, column name_vi: "):
        fos.load_csv(write(tmp_path, text), "2008")


# --- builtin tables ---------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", fos.SCHEMES)
def test_builtin_has_six_top_fields(scheme: str) -> None:
    top = {f.code: f.name_vi for f in fos.builtin(scheme) if f.level == 1}
    assert top == {
        "1": "Khoa học tự nhiên",
        "2": "Khoa học kỹ thuật và công nghệ",
        "3": "Khoa học y, dược",
        "4": "Khoa học nông nghiệp",
        "5": "Khoa học xã hội",
        "6": "Khoa học nhân văn",
    }


@pytest.mark.parametrize("scheme", fos.SCHEMES)
def test_builtin_every_parent_exists_one_level_up(scheme: str) -> None:
    fields = fos.builtin(scheme)
    by_code = {f.code: f for f in fields}
    assert len(by_code) == len(fields)
    for field in fields:
        assert field.scheme == scheme
        if field.level == 1:
            assert field.parent is None
        else:
            assert field.parent in by_code, field
            assert by_code[field.parent].level == field.level - 1
            assert field.code.startswith(field.parent)
        assert top_level_of(field, by_code) == fos.top_level(field.code)


def top_level_of(field: Field, by_code: dict[str, Field]) -> str:
    """Walk parents up to level 1."""
    while field.parent is not None:
        field = by_code[field.parent]
    return field.code


def test_builtin_default_scheme_is_2025() -> None:
    assert fos.builtin() == fos.builtin("2025")


def test_builtin_2008_shape() -> None:
    fields = fos.builtin("2008")
    counts = {level: sum(f.level == level for f in fields) for level in (1, 2, 3)}
    assert counts == {1: 6, 2: 46, 3: 322}
    by_code = {f.code: f for f in fields}
    assert by_code["101"].name_vi == "Toán học và thống kê"
    assert by_code["102"].name_vi == "Khoa học máy tính và thông tin"
    assert by_code["201"].name_vi == "Kỹ thuật dân dụng"
    assert by_code["10101"].name_vi == "Toán học cơ bản"
    assert by_code["699"].name_en == "Other humanities"


def test_builtin_returns_a_fresh_list() -> None:
    first = fos.builtin("2008")
    first.clear()
    assert len(fos.builtin("2008")) == 374


def test_builtin_rejects_unknown_scheme() -> None:
    with pytest.raises(ValueError, match="unknown scheme"):
        fos.builtin("2013")


def test_shipped_mapping_codes_exist_in_both_tables() -> None:
    data = resources.files("stinet.catalog") / "fos_data" / "mapping_2008_2025.csv"
    with data.open("r", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    old = {f.code for f in fos.builtin("2008")}
    new = {f.code for f in fos.builtin("2025")}
    assert rows, "mapping is empty"
    for row in rows:
        assert row["old_code"] in old
        assert row["new_code"] in new
    assert {row["old_code"] for row in rows} >= set(TOP_CODES)


# --- top_level --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("1", "1"),
        ("6", "6"),
        ("101", "1"),
        ("10101", "1"),
        ("211", "2"),
        ("39999", "3"),
        ("699", "6"),
        ("1010101", "1"),  # 2025 level 4
        ("6040799", "6"),
    ],
)
def test_top_level(code: str, expected: str) -> None:
    assert fos.top_level(code) == expected


@pytest.mark.parametrize("code", ["", "0", "7", "10", "1010", "100", "10001", "1.01", " 1", "x"])
def test_top_level_rejects_non_codes(code: str) -> None:
    with pytest.raises(ValueError, match="not a field-of-science code"):
        fos.top_level(code)


# --- normalise_code ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("101", "101"),
        ("1.01", "101"),
        ("10101", "10101"),
        ("1", "1"),
        (" 2 ", "2"),
        ("1.2", "102"),
        ("2.10", "210"),
        ("1.01.01", "10101"),
        ("101.01", "10101"),
        ("1.", "1"),
        ("1 . 01", "101"),
        ("1010101", "1010101"),
        ("1. Khoa học tự nhiên", "1"),
        ("101 - Toán học và thống kê", "101"),
        ("102: Khoa học máy tính và thông tin", "102"),
        ("Khoa học tự nhiên", "1"),
        ("  khoa HỌC   tự nhiên ", "1"),
        ("Khoa hoc tu nhien", "1"),
        ("khoa hoc ky thuat va cong nghe", "2"),
        ("Khoa học kĩ thuật và công nghệ", "2"),
        ("Khoa học y, dược", "3"),
        ("Khoa học y dược", "3"),
        ("KHOA HOC Y - DUOC", "3"),
        ("Khoa học nông nghiệp", "4"),
        ("Khoa học xã hội", "5"),
        ("khoa hoc nhan van", "6"),
        ("Natural sciences", "1"),
        ("Humanities", "6"),
        ("Khoa ho\u0323c tự nhiên", "1"),  # decomposed input
    ],
)
def test_normalise_code(raw: str, expected: str) -> None:
    assert fos.normalise_code(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "0", "7", "9.01", "100", "1.0", "10", "1010", "2008", "1.123", "abc", "Toán học"],
)
def test_normalise_code_returns_none(raw: str) -> None:
    assert fos.normalise_code(raw) is None


def test_normalise_code_results_are_valid_codes() -> None:
    for raw in ["1.01", "Khoa học xã hội", " 6 ", "2.11"]:
        code = fos.normalise_code(raw)
        assert code is not None
        assert fos.top_level(code) == code[0]


def test_the_refusals_are_in_vietnamese_by_default(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text(HEADER + "1,1,,A,A\n1,1,,B,B\n", encoding="utf-8")
    with translation.override("vi"), pytest.raises(FieldTableError, match=r"t.csv, dòng 3, cột code: mã '1' bị trùng"):
        fos.load_csv(table, "2025")
