"""Fields of science (lĩnh vực KH&CN): QĐ 12/2008/QĐ-BKHCN and TT 24/2025/TT-BKHCN tables."""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import IO

from django.utils.translation import gettext as _

__all__ = [
    "HEADER",
    "SCHEMES",
    "Field",
    "FieldTableError",
    "builtin",
    "load_csv",
    "normalise_code",
    "top_level",
]

SCHEMES: tuple[str, ...] = ("2008", "2025")
HEADER: tuple[str, ...] = ("code", "level", "parent", "name_vi", "name_en")

# Both schemes code level n with a fixed number of digits: 1, 3, 5 (and 7 for 2025 level 4).
_LEVEL_BY_LENGTH: dict[str, dict[int, int]] = {
    "2008": {1: 1, 3: 2, 5: 3},
    "2025": {1: 1, 3: 2, 5: 3, 7: 4},
}
_ALL_LENGTHS = frozenset(n for lengths in _LEVEL_BY_LENGTH.values() for n in lengths)
_DIGITS = re.compile(r"[0-9]+")
_DOTTED = re.compile(r"[0-9]+(?:\.[0-9]+)*")
_LEADING_CODE = re.compile(r"([0-9]+(?:\.[0-9]+)*)\.?\s*[-–—:.)]?\s+\S")

# Level-1 names are the same six fields in both schemes; English and spelling variants as aliases.
_TOP_LEVEL_NAMES: dict[str, tuple[str, ...]] = {
    "1": ("Khoa học tự nhiên", "Natural sciences"),
    "2": (
        "Khoa học kỹ thuật và công nghệ",
        "Kỹ thuật và công nghệ",
        "Engineering and technology",
    ),
    "3": (
        "Khoa học y, dược",
        "Khoa học y dược",
        "Medical and pharmaceutical sciences",
        "Medical and health sciences",
    ),
    "4": ("Khoa học nông nghiệp", "Agricultural sciences", "Agricultural and veterinary sciences"),
    "5": ("Khoa học xã hội", "Social sciences"),
    "6": ("Khoa học nhân văn", "Humanities", "Humanities and the arts"),
}


class FieldTableError(ValueError):
    """A field-of-science table file is malformed."""


@dataclass(frozen=True)
class Field:
    """One code of a field-of-science classification."""

    code: str
    level: int
    parent: str | None
    name_vi: str
    name_en: str
    scheme: str  # "2008" or "2025"


def _check_scheme(scheme: str) -> None:
    """Raise ValueError unless scheme is a known scheme."""
    if scheme not in SCHEMES:
        raise ValueError(_("unknown scheme %(scheme)r; expected one of %(known)s")
                         % {"scheme": scheme, "known": ", ".join(SCHEMES)})


def _column(index: int) -> str:
    """Name a 0-based CSV column for error messages."""
    return HEADER[index] if index < len(HEADER) else f"#{index + 1}"


def _fail(source: str, line: int, column: str, problem: str) -> FieldTableError:
    """Build the one-line error for a bad cell."""
    return FieldTableError(_("%(file)s, line %(line)s, column %(column)s: %(problem)s")
                           % {"file": source, "line": line, "column": column, "problem": problem})


def _read_rows(handle: Iterable[str]) -> list[tuple[int, list[str]]]:
    """Read CSV records with the line number each one starts on."""
    reader = csv.reader(handle)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for record in reader:
        rows.append((start, record))
        start = reader.line_num + 1
    return rows


def load_csv(path_or_file: str | os.PathLike[str] | IO[str], scheme: str) -> list[Field]:
    """Load and validate a field table (code,level,parent,name_vi,name_en) for a scheme."""
    _check_scheme(scheme)
    if isinstance(path_or_file, (str, os.PathLike)):
        source = os.fspath(path_or_file)
        with open(source, encoding="utf-8-sig", newline="") as handle:
            rows = _read_rows(handle)
    else:
        source = str(getattr(path_or_file, "name", "<stream>"))
        rows = _read_rows(path_or_file)
    return _validate(rows, scheme, source)


def _check_header(rows: list[tuple[int, list[str]]], source: str) -> None:
    """The first row must be exactly the expected header."""
    if not rows:
        raise _fail(source, 1, HEADER[0], _("file is empty; expected header %(header)s") % {"header": ",".join(HEADER)})
    line, header = rows[0]
    if header:
        header = [header[0].removeprefix("\ufeff"), *header[1:]]
    for index in range(max(len(header), len(HEADER))):
        got = header[index] if index < len(header) else None
        want = HEADER[index] if index < len(HEADER) else None
        if got != want:
            raise _fail(source, line, _column(index), _("header must be %(header)s; got %(got)r")
                        % {"header": ",".join(HEADER), "got": got})


def _check_code(code: str, level_text: str, scheme: str, seen: set[str]) -> tuple[str, str] | None:
    """(column, problem) of a row's code and level, or None."""
    lengths = _LEVEL_BY_LENGTH[scheme]
    if not _DIGITS.fullmatch(code):
        return "code", _("code must be ASCII digits only; got %(code)r") % {"code": code}
    if len(code) not in lengths:
        allowed = ", ".join(str(n) for n in lengths)
        return "code", _("code %(code)r has %(n)s digits; scheme %(scheme)s uses %(allowed)s") % {
            "code": code, "n": len(code), "scheme": scheme, "allowed": allowed}
    if code in seen:
        return "code", _("duplicate code %(code)r") % {"code": code}
    if level_text != str(lengths[len(code)]):
        return "level", _("level for code %(code)r must be %(level)s; got %(got)r") % {
            "code": code, "level": lengths[len(code)], "got": level_text}
    return None


def _check_parent(code: str, level: int, parent: str, levels: dict[str, int]) -> str | None:
    """The problem with a row's parent, or None."""
    if level == 1:
        return _("level-1 code %(code)r must have no parent; got %(parent)r") % {"code": code, "parent": parent} \
            if parent else None
    if not parent:
        return _("code %(code)r needs a parent") % {"code": code}
    if parent not in levels:
        return _("parent %(parent)r of %(code)r is not in the file") % {"parent": parent, "code": code}
    if levels[parent] != level - 1:
        return _("parent %(parent)r of level-%(level)s code %(code)r must be level %(above)s") % {
            "parent": parent, "level": level, "code": code, "above": level - 1}
    if not code.startswith(parent):
        return _("code %(code)r does not start with parent %(parent)r") % {"code": code, "parent": parent}
    return None


def _row(line: int, record: list[str], scheme: str, source: str, seen: set[str],
         levels: dict[str, int]) -> Field:
    """One checked row as a Field, or FieldTableError naming its line and column."""
    if len(record) != len(HEADER):
        index = min(len(record), len(HEADER))
        raise _fail(source, line, _column(index), _("expected %(want)s columns, got %(got)s")
                    % {"want": len(HEADER), "got": len(record)})
    code, level_text, parent, name_vi, name_en = record
    if problem := _check_code(code, level_text, scheme, seen):
        raise _fail(source, line, *problem)
    level = _LEVEL_BY_LENGTH[scheme][len(code)]
    if problem_text := _check_parent(code, level, parent, levels):
        raise _fail(source, line, "parent", problem_text)
    names = [" ".join(unicodedata.normalize("NFC", n).split()) for n in (name_vi, name_en)]
    for column, name in zip(("name_vi", "name_en"), names, strict=True):
        if not name:
            raise _fail(source, line, column, _("%(column)s of %(code)r is empty") % {"column": column, "code": code})
    return Field(code, level, parent or None, names[0], names[1], scheme)


def _validate(rows: list[tuple[int, list[str]]], scheme: str, source: str) -> list[Field]:
    """Check header and rows; return Fields or raise FieldTableError for the first bad row."""
    _check_header(rows, source)
    lengths = _LEVEL_BY_LENGTH[scheme]
    levels = {record[0]: lengths.get(len(record[0]), 0) for _line, record in reversed(rows[1:])
              if len(record) == len(HEADER) and _DIGITS.fullmatch(record[0])}
    fields: list[Field] = []
    seen: set[str] = set()
    for line, record in rows[1:]:
        if record:
            fields.append(_row(line, record, scheme, source, seen, levels))
            seen.add(record[0])
    return fields


@cache
def _builtin(scheme: str) -> tuple[Field, ...]:
    """Load and cache a shipped table."""
    resource = (
        resources.files(__package__ or "stinet.catalog") / "fos_data" / f"fields_{scheme}.csv"
    )
    with resource.open("r", encoding="utf-8", newline="") as handle:
        return tuple(_validate(_read_rows(handle), scheme, f"fos_data/fields_{scheme}.csv"))


def builtin(scheme: str = "2025") -> list[Field]:
    """Return the shipped table for a scheme ("2008" or "2025")."""
    _check_scheme(scheme)
    return list(_builtin(scheme))


def _is_code(code: str) -> bool:
    """Tell whether a string has the shape of a code of either scheme."""
    return (
        _DIGITS.fullmatch(code) is not None
        and len(code) in _ALL_LENGTHS
        and "1" <= code[0] <= "6"
        and all(code[i : i + 2] != "00" for i in range(1, len(code), 2))
    )


def top_level(code: str) -> str:
    """Return the level-1 ancestor code of a code of either scheme."""
    if not isinstance(code, str) or not _is_code(code):
        raise ValueError(_("not a field-of-science code: %(code)r") % {"code": code})
    return code[0]


def _fold(text: str) -> str:
    """Fold a name for matching: lower case, no diacritics, no punctuation, kĩ = kỹ."""
    text = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.sub(r"[\W_]+", " ", text).split()
    return " ".join("ky" if word == "ki" else word for word in words)


_FOLDED_TOP_LEVEL: dict[str, str] = {
    _fold(name): code for code, names in _TOP_LEVEL_NAMES.items() for name in names
}


def _from_dotted(text: str) -> str | None:
    """Turn "1", "101", "1.01", "1.1", "1.01.01" or "101.01" into a code, or None."""
    if not _DOTTED.fullmatch(text):
        return None
    head, *rest = text.split(".")
    if any(len(part) > 2 for part in rest):
        return None
    code = head + "".join(part.zfill(2) for part in rest)
    return code if _is_code(code) else None


def normalise_code(raw: str) -> str | None:
    """Return the code a member meant ("1.01", " 2 ", "Khoa học tự nhiên", ...) or None."""
    if not isinstance(raw, str):
        return None
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    if not text:
        return None
    compact = text.replace(" ", "").rstrip(".")
    code = _from_dotted(compact)
    if code is not None:
        return code
    match = _LEADING_CODE.match(text)
    if match is not None:
        return _from_dotted(match.group(1))
    return _FOLDED_TOP_LEVEL.get(_fold(text))
