"""The directory's pure rules, as tables of cases."""

import datetime as dt

import pytest

from stinet.directory.rules import (
    DirectoryError,
    check_certificate,
    check_transition,
    field_matches,
    matches,
    suggest_code,
)

TODAY = dt.date(2026, 1, 15)


@pytest.mark.parametrize(("current", "new", "ok"), [
    ("pending", "approved", True),
    ("pending", "rejected", True),
    ("approved", "rejected", False),
    ("rejected", "approved", False),
    ("approved", "approved", False),
    ("pending", "pending", False),
    ("unknown", "approved", False),
])
def test_join_transitions(current, new, ok):
    if ok:
        check_transition(current, new)
    else:
        with pytest.raises(DirectoryError, match=f"is {current}"):
            check_transition(current, new)


@pytest.mark.parametrize(("kind", "number", "date", "issuer", "error"), [
    ("university", "", None, "", None),
    ("enterprise", "12/DNKHCN", dt.date(2020, 1, 2), "Sở KH&CN Hải Phòng", None),
    ("university", "12/DNKHCN", dt.date(2020, 1, 2), "Sở KH&CN", None),
    ("enterprise", "", None, "", "are required"),
    ("enterprise", "12/DNKHCN", None, "", "date and issuer"),
    ("other", "", dt.date(2020, 1, 2), "", "number and issuer"),
    ("other", "12", dt.date(2020, 1, 2), "  ", "issuer"),
    ("enterprise", "12", dt.date(2026, 2, 1), "Sở", "in the future"),
])
def test_certificate(kind, number, date, issuer, error):
    if error is None:
        check_certificate(kind, number, date, issuer, TODAY)
    else:
        with pytest.raises(DirectoryError, match=error):
            check_certificate(kind, number, date, issuer, TODAY)


@pytest.mark.parametrize(("short", "name", "code"), [
    ("ĐHHP", "Trường Đại học Hải Phòng", "DHHP"),
    ("Sở KH&CN", "Sở Khoa học và Công nghệ", "SOKHCN"),
    ("", "Viện Nghiên cứu Hải sản", "VNCHS"),
    ("", "Đài Khí tượng", "DKT"),
    ("HP BIOTECH", "", "HPBIOTECH"),
])
def test_suggest_code(short, name, code):
    assert suggest_code(short, name) == code


@pytest.mark.parametrize(("query", "texts", "found"), [
    ("", ("Trường Đại học Hải Phòng",), True),
    ("dai hoc hai phong", ("Trường Đại học Hải Phòng",), True),
    ("Đại học Hải", ("Trường Đại học Hải Phòng",), True),
    ("DAI HOC", ("Trường Đại học Hải Phòng",), True),
    ("hai ph", ("Trường Đại học Hải Phòng",), True),
    ("da nang", ("Trường Đại học Hải Phòng",), False),
    ("dhhp", ("Trường Đại học Hải Phòng", "", "ĐHHP"), True),
    ("hoc vien", ("Trường Đại học Hải Phòng",), False),
])
def test_matches(query, texts, found):
    assert matches(query, *texts) is found


@pytest.mark.parametrize(("codes", "wanted", "found"), [
    (["105"], "", True),
    (["105"], "1", True),
    (["1"], "105", True),
    (["105"], "2", False),
    ([], "1", False),
    (["203", "5"], "502", True),
])
def test_field_matches(codes, wanted, found):
    assert field_matches(codes, wanted) is found
