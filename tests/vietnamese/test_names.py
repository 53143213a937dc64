"""Person names: titles, Family/Given order, casing, matching."""

import pytest

from stinet.vietnamese import (
    ACADEMIC_TITLES,
    PersonName,
    clean_person_name,
    name_key,
    names_match,
    parse_person_name,
    split_people,
    split_titles,
)


@pytest.mark.parametrize(
    ("text", "titles", "rest"),
    [
        ("GS. Nguyễn Văn An", ["GS."], "Nguyễn Văn An"),
        ("PGS.TS. Lê Thị Hoa", ["PGS.", "TS."], "Lê Thị Hoa"),
        ("PGS. TS. Lê Thị Hoa", ["PGS.", "TS."], "Lê Thị Hoa"),
        ("GS.TSKH Trần Bình", ["GS.", "TSKH."], "Trần Bình"),
        ("ThS. KS. Phạm Hùng", ["ThS.", "KS."], "Phạm Hùng"),
        ("TS Đỗ Minh", ["TS."], "Đỗ Minh"),
        ("NCS. Hồ Lan", ["NCS."], "Hồ Lan"),
        ("Assoc. Prof. John Smith", ["Assoc. Prof."], "John Smith"),
        ("Dr. Jane Roe, PhD", ["Dr.", "Ph.D."], "Jane Roe"),
        ("Tsang Wai", [], "Tsang Wai"),
        ("Cao Văn Sâm", [], "Cao Văn Sâm"),
        # after the name: after a comma, in brackets, after a dash, or in capitals after a space
        ("Nguyễn Thị Thu Hà, ThS.", ["ThS."], "Nguyễn Thị Thu Hà"),
        ("Trịnh Quốc Khánh, PGS.TS", ["PGS.", "TS."], "Trịnh Quốc Khánh"),
        ("Lê Văn Sơn (PGS.TS)", ["PGS.", "TS."], "Lê Văn Sơn"),
        ("Lê Văn Sơn [GS.TSKH]", ["GS.", "TSKH."], "Lê Văn Sơn"),
        ("Lê Văn Sơn - ThS", ["ThS."], "Lê Văn Sơn"),
        ("Trịnh Quốc Khánh PGS. TS", ["PGS.", "TS."], "Trịnh Quốc Khánh"),
        ("Đỗ Thị Ngọc, Ks", ["KS."], "Đỗ Thị Ngọc"),
        ("Đỗ Thị Ngọc, tiến sĩ", ["TS."], "Đỗ Thị Ngọc"),
        # any case and punctuation
        ("PGS.TS. Lê Văn Sơn", ["PGS.", "TS."], "Lê Văn Sơn"),
        ("PGS-TS Lê Văn Sơn", ["PGS.", "TS."], "Lê Văn Sơn"),
        ("PGS/TS Lê Văn Sơn", ["PGS.", "TS."], "Lê Văn Sơn"),
        ("Th.S Phạm Thu", ["ThS."], "Phạm Thu"),
        ("Ths. Phạm Thu", ["ThS."], "Phạm Thu"),
        ("THS Phạm Thu", ["ThS."], "Phạm Thu"),
        ("ths. Phạm Thu", ["ThS."], "Phạm Thu"),
        ("ts.bs Phạm Thu", ["TS.", "BS."], "Phạm Thu"),
        # medical specialist titles: a doctor (BS.) or pharmacist (DS.) and the level
        ("BS.CKI Trịnh Quốc Khánh", ["BS.", "CKI."], "Trịnh Quốc Khánh"),
        ("BS.CKII Trịnh Quốc Khánh", ["BS.", "CKII."], "Trịnh Quốc Khánh"),
        ("BSCKII. Lê Văn Sơn", ["BS.", "CKII."], "Lê Văn Sơn"),
        ("BSCKI Lê Văn Sơn", ["BS.", "CKI."], "Lê Văn Sơn"),
        ("BS CK1 Lê Văn Sơn", ["BS.", "CKI."], "Lê Văn Sơn"),
        ("BS CK2 Lê Văn Sơn", ["BS.", "CKII."], "Lê Văn Sơn"),
        ("BS. CKII Lê Văn Sơn", ["BS.", "CKII."], "Lê Văn Sơn"),
        ("BSNT Lê Văn Sơn", ["BS.", "NT."], "Lê Văn Sơn"),
        ("DSCKI Lê Văn Sơn", ["DS.", "CKI."], "Lê Văn Sơn"),
        ("DSCKII Lê Văn Sơn", ["DS.", "CKII."], "Lê Văn Sơn"),
        ("ThS.BSCKII Lê Văn Sơn", ["ThS.", "BS.", "CKII."], "Lê Văn Sơn"),
        ("Lê Văn Sơn, BS.CKI", ["BS.", "CKI."], "Lê Văn Sơn"),
        # spelled out
        ("Cử nhân Nguyễn Văn An", ["CN."], "Nguyễn Văn An"),
        ("Phó giáo sư Nguyễn Văn An", ["PGS."], "Nguyễn Văn An"),
        ("TIẾN SĨ KHOA HỌC NGUYỄN VĂN AN", ["TSKH."], "NGUYỄN VĂN AN"),
        # role markers are not titles
        ("PGS.TS. Trịnh Quốc Khánh (chủ biên)", ["PGS.", "TS."], "Trịnh Quốc Khánh"),
        ("Lê An (PGS.TS, chủ biên)", ["PGS.", "TS."], "Lê An"),
        # a bare title of two capitals after a space may be initials; with a dot, or not alone, it is a title
        ("Nguyen Van CN", [], "Nguyen Van CN"),
        ("Nguyen TS", [], "Nguyen TS"),
        ("Lê CN.", ["CN."], "Lê"),
        ("Nguyễn Văn An GS TS", ["GS.", "TS."], "Nguyễn Văn An"),
        ("Nguyễn Văn An PGS", ["PGS."], "Nguyễn Văn An"),
        # the given names of "Family, Given" are no title; a name that is all title is the name
        ("Lê, Tiến Sĩ", [], "Lê, Tiến Sĩ"),
        ("Lê, tiến sĩ", ["TS."], "Lê"),
        ("Nguyen, Ts", ["TS."], "Nguyen"),
        ("Cử Nhân", [], "Cử Nhân"),
        ("Tiến Sĩ", [], "Tiến Sĩ"),
    ],
)
def test_split_titles(text: str, titles: list[str], rest: str) -> None:
    assert split_titles(text) == (titles, rest)


def test_titles_list() -> None:
    for title in ("GS.", "PGS.", "TS.", "TSKH.", "ThS.", "KS.", "BS.", "CN.", "DS.", "NCS.",
                  "GS.TS.", "PGS.TS.", "PGS. TS.", "Prof.", "Dr.", "Assoc. Prof."):
        assert title in ACADEMIC_TITLES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Doãn, Văn Minh", "Doãn Văn Minh"),
        ("Nguyễn,  Văn An", "Nguyễn Văn An"),
        ("NGUYEN, VAN AN", "Nguyen Van An"),
        ("Smith, John", "John Smith"),
        ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
        ("TS.  ĐẶNG\u00a0THỊ   ÚT", "Đặng Thị Út"),
        ("Nguye\u0302\u0303n Văn An", "Nguyễn Văn An"),
        ("McDonald, Ronald", "Ronald McDonald"),
        ("Nguyễn V.A.", "Nguyễn V. A."),
        ("Jennings, Linda M.", "Linda M. Jennings"),
        ("NetLibrary, Inc.", "NetLibrary, Inc."),  # a company's legal form is no given name
        ("King, Martin Luther, Jr.", "Martin Luther King Jr."),  # was "Martin Luther Jr. King"
        ("Công ty Vinamilk, JSC", "Công ty Vinamilk, JSC"),
        # what the QA sweep found kept (the stored name, then, in brackets)
        ("Nguyễn Thị Thu Hà, ThS.", "Nguyễn Thị Thu Hà"),  # (Nguyễn Thị Thu Hà ThS.)
        ("Trịnh Quốc Khánh, PGS.TS", "Trịnh Quốc Khánh"),  # (Trịnh Quốc Khánh PGS. TS)
        ("BS.CKI Trịnh Quốc Khánh", "Trịnh Quốc Khánh"),  # (CKI Trịnh Quốc Khánh)
        ("BSCKII. Lê Văn Sơn", "Lê Văn Sơn"),  # (BSCKII. Lê Văn Sơn)
        ("Th.S Phạm Thu", "Phạm Thu"),  # (Th. S Phạm Thu)
        ("Trịnh Quốc Khánh (chủ biên)", "Trịnh Quốc Khánh"),  # (Trịnh Quốc Khánh (chủ biên))
        # titles before and after, role markers, "Family, Given" together
        ("Lê Văn Sơn (PGS.TS)", "Lê Văn Sơn"),
        ("Lê Văn Sơn, PGS.TS (chủ biên)", "Lê Văn Sơn"),
        ("Lê Văn Sơn (chủ biên), PGS.TS", "Lê Văn Sơn"),
        ("Doãn, Văn Minh, ThS.", "Doãn Văn Minh"),
        ("Doãn, Văn Minh (dịch)", "Doãn Văn Minh"),
        ("Trịnh Quốc Khánh PGS.TS", "Trịnh Quốc Khánh"),
        ("TS.BS Trịnh Quốc Khánh", "Trịnh Quốc Khánh"),
        ("Chủ biên: PGS.TS. Trịnh Quốc Khánh", "Trịnh Quốc Khánh"),
        ("Trịnh Quốc Khánh - chủ biên", "Trịnh Quốc Khánh"),
        ("Trịnh Quốc Khánh, chủ biên", "Trịnh Quốc Khánh"),
        ("Nguyễn Văn An (Chủ nhiệm đề tài)", "Nguyễn Văn An"),
        ("Smith, John (ed.)", "John Smith"),
        ("TRỊNH QUỐC KHÁNH, PGS.TS", "Trịnh Quốc Khánh"),
        # not titles: real names, initials, names after the comma
        ("Nguyễn Văn Cử", "Nguyễn Văn Cử"),
        ("Cù Thị Cử", "Cù Thị Cử"),
        ("Tsang Wai", "Tsang Wai"),
        ("Đỗ Thị Ks", "Đỗ Thị Ks"),
        ("Nguyễn V. An", "Nguyễn V. An"),
        ("Nguyễn V. Ts", "Nguyễn V. Ts"),
        ("T.S. Eliot", "T. S. Eliot"),
        ("Doãn, Văn Minh", "Doãn Văn Minh"),
        ("Smith, Ed", "Ed Smith"),
        ("Nguyễn, Bác", "Nguyễn Bác"),
        ("Nguyễn Văn An - Trần Bình", "Nguyễn Văn An - Trần Bình"),
        ("Nguyễn Văn An (1950-2010)", "Nguyễn Văn An (1950-2010)"),
        ("Sở KH và CN", "Sở KH và CN"),  # an organisation's name ends as it ends
        # given names that are role markers or titles in "Family, Given", marked or folded, any case
        ("Nguyễn, Thành Viên", "Nguyễn Thành Viên"),
        ("Nguyen, Thanh Vien", "Nguyen Thanh Vien"),
        ("NGUYEN, THANH VIEN", "Nguyen Thanh Vien"),
        ("nguyễn, thành viên", "Nguyễn Thành Viên"),
        ("Tran, Thu Ky", "Tran Thu Ky"),
        ("Vũ, Thư Ký", "Vũ Thư Ký"),
        ("Le, Dich", "Le Dich"),
        ("Lê, Dịch", "Lê Dịch"),
        ("Pham, Chu Tri", "Pham Chu Tri"),
        ("Nguyễn, Chủ Biên", "Nguyễn Chủ Biên"),
        ("Lê, Tiến Sĩ", "Lê Tiến Sĩ"),
        ("Nguyễn, Thành Viên (chủ biên)", "Nguyễn Thành Viên"),
        ("Nguyễn, Thành Viên, ThS.", "Nguyễn Thành Viên"),
        # a title-like word is no title when it would leave nothing or take a name's letters
        ("Cử Nhân", "Cử Nhân"),
        ("Tiến Sĩ", "Tiến Sĩ"),
        ("Nguyen Van CN", "Nguyen Van CN"),
        ("Lê CN", "Lê CN"),
        ("Nguyen TS", "Nguyen TS"),
        # ...but a marker after a longer name, or in lower case with its marks, is a marker
        ("Nguyễn Văn An, Thành Viên", "Nguyễn Văn An"),
        ("Tran Quoc Khanh, chu bien", "Tran Quoc Khanh"),
        ("Nguyễn, dịch", "Nguyễn"),
        # QA 16c: architects', academicians' and honorary titles, "(CB)" and "và cộng sự"
        ("KTS. Trần Văn Bình", "Trần Văn Bình"),
        ("TS.KTS. Nguyễn Văn Dũng", "Nguyễn Văn Dũng"),
        ("GS.VS. Nguyễn Văn Hiệu", "Nguyễn Văn Hiệu"),
        ("NGƯT. PGS.TS. Lê Văn Anh", "Lê Văn Anh"),
        ("NGND. GS.TSKH. Phạm Văn Cường", "Phạm Văn Cường"),
        ("TTND. BS. Lê Thị Hoa", "Lê Thị Hoa"),
        ("Nguyễn Văn An (CB)", "Nguyễn Văn An"),
        ("Nguyễn Văn An và cộng sự", "Nguyễn Văn An"),
        ("Nguyen Van An va cs", "Nguyen Van An"),
        ("Nguyen VS", "Nguyen VS"),  # initials
        ("Vũ Văn Sơn", "Vũ Văn Sơn"),
        # QA 16c: a lower-case particle leads a Western family name, not the Vietnamese one Văn
        ("van der Berg, Jan", "Jan van der Berg"),
        ("van Gogh, Vincent", "Vincent van Gogh"),
        ("Văn, Minh", "Văn Minh"),
        ("Van, Minh", "Van Minh"),
        # titles or a bracketed marker alone name nobody
        ("PGS.TS.", ""),
        ("(chủ biên)", ""),
        # QA 20: titles spelled out before a comma, ranks, a lawyer; a workplace after the name
        ("Phó Giáo sư, Tiến sĩ Lý Văn Nam", "Lý Văn Nam"),
        ("Đại tá, TS. Trần Quân", "Trần Quân"),
        ("Thượng tá Lê Văn Oanh", "Lê Văn Oanh"),
        ("ĐẠI TÁ NGUYỄN VĂN AN", "Nguyễn Văn An"),
        ("LS. Hồ Văn Phúc", "Hồ Văn Phúc"),
        ("TS Hoàng Văn Phong - Viện Sinh thái", "Hoàng Văn Phong"),
        ("Nguyễn Văn Giang (Viện Hóa học)", "Nguyễn Văn Giang"),
        ("Nguyễn Thị Lan (Bộ Y tế) (chủ biên)", "Nguyễn Thị Lan"),
        ("Trần Trung Tá", "Trần Trung Tá"),  # a given name, not a rank
        ("Viện Hàn lâm KHCN Việt Nam - Viện Sinh thái", "Viện Hàn lâm KHCN Việt Nam - Viện Sinh thái"),
        ("Lê, Tiến Sĩ", "Lê Tiến Sĩ"),
    ],
)
def test_clean_person_name(text: str, expected: str) -> None:
    assert clean_person_name(text) == expected


@pytest.mark.parametrize(
    ("cell", "people"),
    [
        ("Nguyễn Văn An\nTrần Thị Bình", ["Nguyễn Văn An", "Trần Thị Bình"]),  # Alt+Enter
        ("PGS.TS. Nguyễn Văn An, Trần Thị Bình", ["PGS.TS. Nguyễn Văn An", " Trần Thị Bình"]),
        ("Nguyen Van An, Tran Thi Binh (chủ biên)", ["Nguyen Van An", " Tran Thi Binh (chủ biên)"]),
        # a comma that joins a name's parts, or a marker, splits nothing
        ("Doãn, Văn Minh", ["Doãn, Văn Minh"]),
        ("Nguyễn, Văn An", ["Nguyễn, Văn An"]),
        ("Smith, John", ["Smith, John"]),
        ("King, Martin Luther, Jr.", ["King, Martin Luther, Jr."]),
        ("NetLibrary, Inc.", ["NetLibrary, Inc."]),
        ("Nguyễn Văn An, Thành Viên", ["Nguyễn Văn An, Thành Viên"]),
        ("Lê Văn Sơn, PGS.TS.", ["Lê Văn Sơn, PGS.TS."]),
        ("van der Berg, Jan", ["van der Berg, Jan"]),
    ],
)
def test_split_people(cell: str, people: list[str]) -> None:
    assert split_people(cell) == people


def test_name_key() -> None:
    assert name_key("PGS.TS. Nguyễn, Văn  An") == "nguyen van an"
    assert name_key("Nguyễn V. An") == "nguyen v an"


@pytest.mark.parametrize(
    "other",
    ["NGUYEN VAN AN", "Nguyễn V. An", "TS. Nguyễn Văn An", "Nguyễn, Văn An", "nguyễn văn an",
     "Nguyen V.A.", "PGS. TS. NGUYỄN VĂN AN"],
)
def test_same_person(other: str) -> None:
    assert names_match("Nguyễn Văn An", other)
    assert names_match(other, "Nguyễn Văn An")


@pytest.mark.parametrize(
    "other", ["Nguyễn Văn Anh", "Nguyễn Thị An", "Trần Văn An", "Nguyễn An", "", "Văn An"]
)
def test_different_person(other: str) -> None:
    assert not names_match("Nguyễn Văn An", other)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Trịnh Quốc Khánh (chủ biên)", "Trịnh Quốc Khánh", "editor"),
        ("Trịnh Quốc Khánh (Chủ biên)", "Trịnh Quốc Khánh", "editor"),
        ("Trịnh Quốc Khánh (đồng chủ biên)", "Trịnh Quốc Khánh", "editor"),
        ("Trịnh Quốc Khánh (chu bien)", "Trịnh Quốc Khánh", "editor"),
        ("Trịnh Quốc Khánh (hiệu đính)", "Trịnh Quốc Khánh", "editor"),
        ("Chủ biên: Trịnh Quốc Khánh", "Trịnh Quốc Khánh", "editor"),
        ("Chủ biên : Trịnh Quốc Khánh", "Trịnh Quốc Khánh", "editor"),
        ("Trịnh Quốc Khánh - chủ biên", "Trịnh Quốc Khánh", "editor"),
        ("Lê Văn Sơn (dịch)", "Lê Văn Sơn", "translator"),
        ("Lê Văn Sơn (người dịch)", "Lê Văn Sơn", "translator"),
        ("John Smith (trans.)", "John Smith", "translator"),
        ("Lê Văn Sơn (chủ nhiệm)", "Lê Văn Sơn", "author"),
        ("Lê Văn Sơn (biên soạn)", "Lê Văn Sơn", "author"),
        ("Lê Văn Sơn (người hướng dẫn)", "Lê Văn Sơn", "advisor"),
        ("Lê Văn Sơn (thư ký)", "Lê Văn Sơn", ""),  # stripped, no role of the record
        ("PGS.TS. Lê Văn Sơn", "Lê Văn Sơn", ""),
        ("Lê Văn Sơn", "Lê Văn Sơn", ""),
        ("Smith, Ed", "Ed Smith", ""),  # English markers count in brackets only
        ("Nguyễn, Dịch (1950)", "Nguyễn Dịch (1950)", ""),
        # "Family, Given" with given names that are markers: no role, nothing lost
        ("Le, Dich", "Le Dich", ""),
        ("Lê, Dịch", "Lê Dịch", ""),
        ("Pham, Chu Tri", "Pham Chu Tri", ""),
        ("Nguyễn, Thành Viên", "Nguyễn Thành Viên", ""),
        ("Tran, Thu Ky", "Tran Thu Ky", ""),
        ("Nguyen, Bien Tap", "Nguyen Bien Tap", ""),
        ("Cử Nhân", "Cử Nhân", ""),
        # markers after a bare comma that cannot be given names
        ("Trịnh Quốc Khánh, chủ biên", "Trịnh Quốc Khánh", "editor"),
        ("Tran Quoc Khanh, Chu Bien", "Tran Quoc Khanh", "editor"),
        ("Lê Văn Sơn, dịch", "Lê Văn Sơn", "translator"),
        ("Nguyễn, dịch", "Nguyễn", "translator"),
        ("Nguyễn, Thành Viên - dịch", "Nguyễn Thành Viên", "translator"),
    ],
)
def test_role_markers(text: str, name: str, role: str) -> None:
    parsed = parse_person_name(text)
    assert (parsed.name, parsed.role) == (name, role)


def test_parsed_names_are_memoised_and_immutable() -> None:
    """The memo hands the same answer each time, and nothing a caller does to it changes the next one."""
    first = parse_person_name("PGS.TS. Lê Văn Sơn (chủ biên)")
    assert first is parse_person_name("PGS.TS. Lê Văn Sơn (chủ biên)")
    assert first == PersonName("Lê Văn Sơn", ("PGS.", "TS."), "editor")
    titles, _rest = split_titles("PGS.TS. Lê Văn Sơn")
    titles.append("GS.")
    assert split_titles("PGS.TS. Lê Văn Sơn") == (["PGS.", "TS."], "Lê Văn Sơn")
    assert clean_person_name("Lê Văn Sơn") == clean_person_name("Lê Văn Sơn (chủ biên)") == "Lê Văn Sơn"
    assert parse_person_name("Lê Văn Sơn").role == ""


@pytest.mark.parametrize(
    "other",
    ["Trịnh Quốc Khánh, PGS.TS", "BS.CKI Trịnh Quốc Khánh", "Trịnh Quốc Khánh (chủ biên)", "Th.S Trịnh Quốc Khánh",
     "TRINH QUOC KHANH, THS"],
)
def test_titles_and_markers_do_not_change_who_it_is(other: str) -> None:
    assert name_key(other) == "trinh quoc khanh"
    assert names_match("Trịnh Quốc Khánh", other)
