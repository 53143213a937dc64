"""The report of one import: what was new, changed, unchanged, rejected and converted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

MAX_LISTED = 200  # rejections and conversions listed one by one; the rest are counted


class Note(NamedTuple):
    """What reading a file found besides its records, for the report.

    kind: "skipped" (a row that is not a record: column numbers, a repeated header; not an
    error), "check" (a row stored as it is that the librarian should look at: more or fewer
    cells than the header), "note" (the file as a whole: sheets not read, no data rows).
    """

    kind: str
    line: int | None  # None: the file as a whole
    text: str


@dataclass
class ImportReport:
    """Counts and details of one import, kept on its ImportRun and printed by the CLI."""

    source: str
    format: str = ""
    encoding: str = ""
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    merged: int = 0  # new records that joined a work another member holds
    review: int = 0  # new records kept apart from a doubtful look-alike
    rejections: list[dict[str, object]] = field(default_factory=list)
    unmapped_types: Counter[str] = field(default_factory=Counter)
    conversions: Counter[str] = field(default_factory=Counter)
    converted_examples: list[dict[str, object]] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    derived_ids: int = 0
    skipped_resume: int = 0
    headings: int = 0
    skipped: int = 0  # rows that are not records (column numbers, repeated headers), not rejected
    file_notes: list[dict[str, object]] = field(default_factory=list)  # Note as dicts, up to MAX_LISTED
    notes_unlisted: int = 0
    position_word: str = "line"  # how a rejection's position reads: "line" or "record" (MARC)

    def reject(self, line: int, reason: str) -> None:
        """Count a rejected row and keep its reason."""
        self.rejected += 1
        if len(self.rejections) < MAX_LISTED:
            self.rejections.append({"line": line, "reason": reason})

    def converted(self, line: int, column: str, encoding: str, before: str, after: str) -> None:
        """Count a value converted from a legacy encoding and keep a few examples."""
        self.conversions[encoding] += 1
        if len(self.converted_examples) < 20:
            self.converted_examples.append(
                {"line": line, "column": column, "encoding": encoding,
                 "before": before[:80], "after": after[:80]})

    def add_notes(self, notes: Iterable[Note], more: Mapping[str, int] | None = None) -> None:
        """Add what reading the file found (rows skipped, rows to check, notes on the file), and
        `more`: how many notes of each kind were counted but not kept."""
        for note in notes:
            self.skipped += note.kind == "skipped"
            if len(self.file_notes) < MAX_LISTED:
                self.file_notes.append(note._asdict())
            else:
                self.notes_unlisted += 1
        for kind, n in (more or {}).items():
            self.skipped += n if kind == "skipped" else 0
            self.notes_unlisted += n

    def merge(self, part: ImportReport) -> None:
        """Add what parsing one chunk found (rejections, conversions, labels, headings)."""
        self.rejected += part.rejected
        self.rejections.extend(part.rejections[: max(MAX_LISTED - len(self.rejections), 0)])
        self.unmapped_types.update(part.unmapped_types)
        self.conversions.update(part.conversions)
        self.converted_examples.extend(part.converted_examples[: max(20 - len(self.converted_examples), 0)])
        self.derived_ids += part.derived_ids
        self.headings += part.headings

    def add_counts(self, counts: dict[str, int]) -> None:
        """Add the counts of one stored batch."""
        self.new += counts["new"]
        self.updated += counts["updated"]
        self.unchanged += counts["unchanged"]
        self.merged += counts.get("merged", 0)
        self.review += counts.get("review", 0)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form, stored on the ImportRun."""
        return {
            "source": self.source, "format": self.format, "encoding": self.encoding,
            "counts": self.counts(), "merged": self.merged, "review": self.review,
            "rejections": self.rejections,
            "unmapped_types": dict(self.unmapped_types), "conversions": dict(self.conversions),
            "converted_examples": self.converted_examples,
            "unknown_columns": self.unknown_columns, "derived_ids": self.derived_ids,
            "skipped_resume": self.skipped_resume, "headings": self.headings,
            "skipped": self.skipped, "file_notes": self.file_notes, "notes_unlisted": self.notes_unlisted,
            "position_word": self.position_word,
        }

    def counts(self) -> dict[str, int]:
        """The four headline counts."""
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "rejected": self.rejected}

    def lines(self) -> list[str]:
        """Human-readable report, one finding per line."""
        out = [f"{self.source}: {self.new} new, {self.updated} updated, "
               f"{self.unchanged} unchanged, {self.rejected} rejected"]
        if self.merged:
            out.append(f"merged: {self.merged} new records are copies of works other members hold "
                       f"(now one work with several holdings)")
        if self.review:
            out.append(f"to review: {self.review} new records look like works other members hold, "
                       f"but not enough to merge them ('stinet dedup list')")
        if self.skipped_resume:
            unit = "records" if self.position_word == "record" else "rows"
            out.append(f"resumed: {self.skipped_resume} {unit} already stored by the interrupted run")
        for item in self.rejections:
            out.append(f"rejected: {self.source}, {self.position_word} {item['line']}: {item['reason']}")
        if self.rejected > len(self.rejections):
            out.append(f"rejected: ... and {self.rejected - len(self.rejections)} more")
        for note in self.file_notes:
            where = self.source if note["line"] is None else f"{self.source}, {self.position_word} {note['line']}"
            out.append(f"{note['kind']}: {where}: {note['text']}")
        if self.notes_unlisted:
            out.append(f"note: {self.source}: ... and {self.notes_unlisted} more rows skipped or to check")
        for label, n in self.unmapped_types.most_common():
            out.append(f"type label not mapped (stored as 'other'): {label!r} x{n}")
        for enc, n in self.conversions.most_common():
            out.append(f"converted from {enc.upper()} to Unicode: {n} values")
        for column in self.unknown_columns:
            out.append(f"unknown column kept as extra data: {column!r}")
        if self.headings:
            out.append(f"rows with a single cell skipped as headings or notes: {self.headings}")
        if self.derived_ids:
            out.append(f"rows without an identifier (key derived from title/year/author): "
                       f"{self.derived_ids}")
        return out
