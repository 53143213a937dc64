"""ORCID identifiers: normalise and validate (ISO 7064 MOD 11-2 check character, via python-stdnum).

python-stdnum has no module named for ORCID; an ORCID iD is an ISNI-format number (16 characters,
the last a MOD 11-2 check character that may be X), so its `iso7064.mod_11_2` does the checking.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError
from stdnum.iso7064 import mod_11_2

_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?orcid\.org/", re.IGNORECASE)


class OrcidError(ValueError):
    """Not a valid ORCID iD, with the reason in one line."""


def compact(value: str) -> str:
    """The 16 characters of an ORCID iD written with or without its URL, hyphens or spaces."""
    return re.sub(r"[\s-]", "", _PREFIX.sub("", value.strip())).upper()


def validate(value: str) -> str:
    """The ORCID iD in its standard form '0000-0002-1825-0097', or OrcidError; '' stays ''."""
    number = compact(value)
    if not number:
        return ""
    if len(number) != 16 or not number[:15].isdigit() or not (number[15].isdigit() or number[15] == "X"):
        raise OrcidError(_("ORCID %(value)r: must be 16 digits (the last may be X), e.g. 0000-0002-1825-0097")
                         % {"value": value.strip()})
    try:
        mod_11_2.validate(number)
    except ValidationError:
        raise OrcidError(_("ORCID %(value)r: the check digit is wrong (a typing mistake?)")
                         % {"value": value.strip()}) from None
    return "-".join(number[i:i + 4] for i in range(0, 16, 4))


def is_valid(value: str) -> bool:
    """True for a well-formed ORCID iD with the right check character."""
    try:
        return bool(validate(value))
    except OrcidError:
        return False


def url(orcid: str) -> str:
    """The ORCID iD as the URL ORCID asks people to display."""
    return f"https://orcid.org/{orcid}" if orcid else ""
