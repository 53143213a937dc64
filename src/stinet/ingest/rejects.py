"""The rows an import rejected, written to a CSV file to fix and import again (`stinet import --rejects`).

The report lists the first MAX_LISTED rejections; this file has all of them, each row as the file
gave it (legacy-encoded text as written: it is converted again on the next import), after two
columns that say where it was and why it was refused. Those two columns are ignored on import, so
the fixed file imports as it is. MARC, MARCXML and Dublin Core records are written as the rows they
were mapped to (the canonical columns of a DSpace-style CSV file).
"""

from __future__ import annotations

import csv
import errno
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from django.utils.translation import gettext as _

from stinet.ingest.readers import distinct_headers, open_table
from stinet.ingest.record import ERROR

LINE_COLUMN, REASON_COLUMN = "stinet.line", "stinet.reason"  # ignored on import (columns.IGNORED)


def rejects_paths(folder: Path, sources: Sequence[Path]) -> list[Path]:
    """Where the rejected rows of each file go: "hpu.xlsx" -> FOLDER/hpu.xlsx.rejected.csv, and a second file of
    the same name (a/data.csv, b/data.csv) "data (2).csv.rejected.csv". Checked before any file is imported:
    the folder is made and must take a file, and no target may be a folder (OSError naming it)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(folder)) from None
    targets: list[Path] = []
    used: set[str] = set()
    for source in sources:
        name, n = f"{source.name}.rejected.csv", 1
        while name in used:
            n += 1
            name = f"{source.stem} ({n}){source.suffix}.rejected.csv"
        used.add(name)
        if (folder / name).is_dir():
            raise OSError(errno.EISDIR, "is a folder", str(folder / name))
        targets.append(folder / name)
    return targets


def settle(source: Path, fmt: str, rejected: Mapping[int, str], target: Path) -> str | None:
    """Write the file's rejected rows to `target`, or, when there are none, remove the rejects file an earlier
    import of it left there (a fixed row imported again from it would undo a later correction); the
    report's line about it, if any."""
    if rejected:
        return rejects_line(write_rejects(source, fmt, rejected, target), target)
    if target.is_file() and _ours(target):
        target.unlink()
        return _("no rejected rows: %(file)s, written by an earlier import, removed") % {"file": target}
    return None


def _ours(path: Path) -> bool:
    """True when the file begins as a rejects file does (its two columns first)."""
    with path.open("rb") as handle:
        return handle.read(64).removeprefix(b"\xef\xbb\xbf").startswith(f"{LINE_COLUMN},{REASON_COLUMN}".encode())


def write_rejects(source: Path, fmt: str, rejected: Mapping[int, str], target: Path) -> int:
    """Write the rows of `source` at the `rejected` lines (line -> reason) to the CSV file `target`,
    in the file's order; returns how many. The file is written beside `target` and renamed when
    complete: a failure leaves no half-written file."""
    table = open_table(source, fmt)
    table.header = distinct_headers(table.header)[0]  # as the import read it (services._columns)
    rows = [(line, raw) for line, raw in table.rows() if line in rejected]
    columns = [h for h in table.header if h]
    columns += list(dict.fromkeys(k for _line, raw in rows for k in raw if k not in columns and k != ERROR))
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        with part.open("w", encoding="utf-8-sig", newline="") as handle:  # with a BOM: Excel reads it as UTF-8
            writer = csv.writer(handle)
            writer.writerow([LINE_COLUMN, REASON_COLUMN, *columns])
            for line, raw in rows:  # a NUL the reason names is left out (the csv module cannot write it)
                writer.writerow([line, rejected[line], *(raw.get(c, "").replace("\x00", "") for c in columns)])
        part.replace(target)
    except OSError as exc:  # said of the file asked for, not of the hidden one written first
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    finally:
        part.unlink(missing_ok=True)
    return len(rows)


def rejects_line(count: int, target: Path) -> str:
    """The report's line that says where the rejected rows went."""
    return _("rejected rows written to %(file)s (%(n)s), to fix and import again") % {"file": target, "n": count}
