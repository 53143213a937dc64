"""Pure rules of the directory (no database): request transitions, certificates, codes, matching."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from stinet.vietnamese import fold, tokens


class DirectoryError(ValueError):
    """A refused directory change, with a one-line reason."""


# status -> statuses a decision may move a join request to; decided requests are final.
JOIN_TRANSITIONS: dict[str, frozenset[str]] = {
    "pending": frozenset({"approved", "rejected"}),
    "approved": frozenset(),
    "rejected": frozenset(),
}


def check_transition(current: str, new: str) -> None:
    """Refuse a decision that the transition table does not allow."""
    if new not in JOIN_TRANSITIONS.get(current, frozenset()):
        from stinet.catalog.vocab import interface_lang, label
        from stinet.directory.vocab import JOIN_STATUSES

        lang = interface_lang()  # the statuses' labels, not their codes ("đang ở trạng thái approved")
        raise DirectoryError(_("join request is %(current)s: it cannot become %(new)s")
                             % {"current": label(JOIN_STATUSES, current, lang).lower(),
                                "new": label(JOIN_STATUSES, new, lang).lower()})


def check_certificate(kind: str, number: str, date: dt.date | None, issuer: str, today: dt.date) -> None:
    """An S&T enterprise certificate is all three of number, date and issuer, or none of them.

    An organisation of kind "enterprise" (S&T enterprise) must have one.
    """
    given = [bool(number.strip()), date is not None, bool(issuer.strip())]
    if any(given) and not all(given):
        parts = (pgettext("certificate", "number"), pgettext("certificate", "date"), pgettext("certificate", "issuer"))
        missing = [name for name, ok in zip(parts, given, strict=True) if not ok]
        raise DirectoryError(_("S&T enterprise certificate: give its %(missing)s too")
                             % {"missing": _(" and ").join(missing)})
    if kind == "enterprise" and not all(given):
        raise DirectoryError(_("S&T enterprise: the certificate number, date and issuer are required"))
    if date is not None and date > today:
        raise DirectoryError(_("S&T enterprise certificate date %(date)s is in the future")
                             % {"date": date.isoformat()})


def suggest_code(short_name: str, name: str) -> str:
    """An organisation code from its abbreviation ('ĐHHP' -> 'DHHP'), else its initials."""
    short = re.sub(r"[^A-Za-z0-9_-]", "", fold(short_name).upper())
    if short:
        return short[:32]
    initials = "".join(word[0] for word in tokens(name) if word)
    return initials.upper()[:32]


def matches(query: str, *texts: str) -> bool:
    """Every word of the query starts a word of the texts, with or without diacritics."""
    wanted = tokens(query)
    if not wanted:
        return True
    words = [w for text in texts for w in tokens(text)]
    return all(any(w.startswith(q) for w in words) for q in wanted)


def field_matches(codes: list[str], wanted: str) -> bool:
    """An organisation's field codes cover the wanted one: itself, a sub-field or its parent field."""
    wanted = wanted.strip()
    return not wanted or any(c.startswith(wanted) or wanted.startswith(c) for c in codes)
