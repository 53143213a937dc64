"""The rows an import rejected, written to a CSV file to fix and import again (`stinet import --rejects`).

The report lists the first MAX_LISTED rejections; this file has all of them, each row as the file
gave it (legacy-encoded text as written: it is converted again on the next import), after two
columns that say where it was and why it was refused. Those two columns are ignored on import, so
the fixed file imports as it is. MARC, MARCXML and Dublin Core records are written as the rows they
were mapped to (the canonical columns of a DSpace-style CSV file).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
from pathlib import Path

from django.utils.translation import gettext as _

from stinet.ingest.readers import distinct_headers, open_table
from stinet.ingest.record import ERROR

LINE_COLUMN, REASON_COLUMN = "stinet.line", "stinet.reason"  # ignored on import (columns.IGNORED)


def rejects_path(folder: Path, source: Path) -> Path:
    """Where the rejected rows of `source` go: "hpu.xlsx" -> FOLDER/hpu.xlsx.rejected.csv."""
    return folder / f"{source.name}.rejected.csv"


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
            for line, raw in rows:
                writer.writerow([line, rejected[line], *(raw.get(c, "") for c in columns)])
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)
    return len(rows)


def rejects_line(count: int, target: Path) -> str:
    """The report's line that says where the rejected rows went."""
    return _("rejected rows written to %(file)s (%(n)s), to fix and import again") % {"file": target, "n": count}
