"""ORCID iDs: the ISO 7064 MOD 11-2 check character, accepted spellings, the standard form."""

import pytest
from django.utils import translation

from stinet.people.orcid import OrcidError, is_valid, validate


@pytest.mark.parametrize(("value", "expected"), [
    ("0000-0002-1825-0097", "0000-0002-1825-0097"),  # ORCID's own example
    ("0000-0001-5109-3700", "0000-0001-5109-3700"),
    ("0000-0002-1694-233X", "0000-0002-1694-233X"),  # check character X
    ("0000-0002-1694-233x", "0000-0002-1694-233X"),  # lower-case x
    ("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
    ("http://www.orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
    ("orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
    ("0000000218250097", "0000-0002-1825-0097"),
    (" 0000 0002 1825 0097 ", "0000-0002-1825-0097"),
    ("", ""),
])
def test_valid_orcids_in_standard_form(value, expected):
    assert validate(value) == expected
    assert is_valid(value) == bool(expected)


@pytest.mark.parametrize(("value", "reason"), [
    ("0000-0002-1825-0098", "check digit"),  # last digit changed
    ("0000-0002-1825-009X", "check digit"),  # X where a digit belongs
    ("0000-0002-1694-2330", "check digit"),  # a digit where X belongs
    ("0000-0002-1694-2339", "check digit"),
    ("0000-0002-1852-0097", "check digit"),  # two digits swapped
    ("0000-0002-1825-009", "16 digits"),
    ("0000-0002-1825-00971", "16 digits"),
    ("0000-000X-1825-0097", "16 digits"),  # X only at the end
    ("abcd-0002-1825-0097", "16 digits"),
])
def test_invalid_orcids_are_refused_with_the_reason(value, reason):
    with translation.override("en"), pytest.raises(OrcidError, match=reason):
        validate(value)
    assert not is_valid(value)


def test_the_reason_is_said_in_the_interface_language():
    with pytest.raises(OrcidError, match="ORCID '0000-0002-1825-0098': sai chữ số kiểm tra"):
        validate("0000-0002-1825-0098")
    with pytest.raises(OrcidError, match="ORCID '0000-0002': phải gồm 16 chữ số"):
        validate("0000-0002")


def test_demo_orcids_have_the_right_check_digit():
    from stinet.people.demo import demo_orcid

    assert all(is_valid(demo_orcid(n)) for n in range(1, 50))
