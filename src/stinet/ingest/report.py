"""The report of one import: what was new, changed, unchanged, rejected and converted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

MAX_LISTED = 200  # rejections and conversions listed one by one; the rest are counted
# A CSV file's text encodings other than UTF-8 (vietnamese.decode_text), by the names people know them by
TEXT_ENCODINGS = {"cp1258": "Windows-1258", "cp1252": "Windows-1252", "utf-16": "UTF-16"}


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
    extra_columns: list[str] = field(default_factory=list)  # kept as extra data under a name pages know
    derived_ids: int = 0
    skipped_resume: int = 0
    headings: int = 0
    skipped: int = 0  # rows that are not records (column numbers, repeated headers), not rejected
    file_notes: list[dict[str, object]] = field(default_factory=list)  # Note as dicts, up to MAX_LISTED
    notes_unlisted: int = 0
    position_word: str = "line"  # how a rejection's position reads: "line" or "record" (MARC)
    quiet: frozenset[int] = frozenset()  # lines whose conversions and labels were counted already (a restarted list)
    rejected_at: dict[int, str] | None = None  # every rejection, line -> reason, when kept (`import --rejects`)

    def reject(self, line: int, reason: str) -> None:
        """Count a rejected row and keep its reason."""
        self.rejected += 1
        if self.rejected_at is not None:
            self.rejected_at[line] = reason
        if len(self.rejections) < MAX_LISTED:
            self.rejections.append({"line": line, "reason": reason})

    def converted(self, line: int, column: str, encoding: str, before: str, after: str) -> None:
        """Count a value converted from a legacy encoding (or from decomposed Unicode) and keep a few examples."""
        if line in self.quiet:
            return
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
        self.merge_rejections(part)
        self.unmapped_types.update(part.unmapped_types)
        self.conversions.update(part.conversions)
        self.converted_examples.extend(part.converted_examples[: max(20 - len(self.converted_examples), 0)])
        self.derived_ids += part.derived_ids
        self.headings += part.headings

    def merge_rejections(self, part: ImportReport) -> None:
        """Add the rejections of one chunk."""
        self.rejected += part.rejected
        self.rejections.extend(part.rejections[: max(MAX_LISTED - len(self.rejections), 0)])
        if self.rejected_at is not None and part.rejected_at:
            self.rejected_at.update(part.rejected_at)

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
            "unknown_columns": self.unknown_columns, "extra_columns": self.extra_columns,
            "derived_ids": self.derived_ids,
            "skipped_resume": self.skipped_resume, "headings": self.headings,
            "skipped": self.skipped, "file_notes": self.file_notes, "notes_unlisted": self.notes_unlisted,
            "position_word": self.position_word,
        }

    def counts(self) -> dict[str, int]:
        """The four headline counts."""
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "rejected": self.rejected}

    def lines(self) -> list[str]:
        """Human-readable report, one finding per line, in the interface language."""
        out = [_("%(source)s: %(new)s new, %(updated)s updated, %(unchanged)s unchanged, %(rejected)s rejected")
               % {"source": self.source, "new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                  "rejected": self.rejected}]
        if self.merged:
            out.append(ngettext(
                "merged: %(n)s new record is a copy of a work another member holds "
                "(now one work with several holdings)",
                "merged: %(n)s new records are copies of works other members hold "
                "(now one work with several holdings)", self.merged) % {"n": self.merged})
        if self.review:
            out.append(ngettext(
                "to review: %(n)s new record looks like a work another member holds, "
                "but not enough to merge them ('stinet dedup list')",
                "to review: %(n)s new records look like works other members hold, "
                "but not enough to merge them ('stinet dedup list')", self.review) % {"n": self.review})
        if self.skipped_resume:
            n = self.skipped_resume
            out.append((ngettext("resumed: %(n)s record already stored by the interrupted run",
                                 "resumed: %(n)s records already stored by the interrupted run", n)
                        if self.position_word == "record" else
                        ngettext("resumed: %(n)s row already stored by the interrupted run",
                                 "resumed: %(n)s rows already stored by the interrupted run", n)) % {"n": n})
        for item in self.rejections:
            out.append(_("rejected: %(where)s: %(reason)s") % {"where": self.where(item["line"]),
                                                               "reason": item["reason"]})
        if self.rejected > len(self.rejections):
            out.append(_("rejected: ... and %(n)s more") % {"n": self.rejected - len(self.rejections)})
        for note in self.file_notes:
            out.append(f"{note_label(str(note['kind']))}: {self.where(note['line'])}: {note['text']}")
        if self.notes_unlisted:
            out.append(_("note: %(source)s: ... and %(n)s more rows skipped or to check")
                       % {"source": self.source, "n": self.notes_unlisted})
        for label, n in self.unmapped_types.most_common():
            out.append(_("type label not mapped (stored as 'other'): %(label)r x%(n)s") % {"label": label, "n": n})
        if self.format == "csv" and (named := TEXT_ENCODINGS.get(self.encoding)):  # whole file: said once
            out.append(_("file read as %(encoding)s text and stored as Unicode (NFC)") % {"encoding": named})
        for enc, n in self.conversions.most_common():
            if enc == "nfd":  # Unicode already, its letters and marks apart: composed (NFC) as the catalogue keeps text
                out.append(ngettext("converted from decomposed Unicode (NFD) to composed Unicode (NFC): %(n)s value",
                                    "converted from decomposed Unicode (NFD) to composed Unicode (NFC): %(n)s values",
                                    n) % {"n": n})
                continue
            out.append(ngettext("converted from %(encoding)s to Unicode: %(n)s value",
                                "converted from %(encoding)s to Unicode: %(n)s values", n)
                       % {"encoding": enc.upper(), "n": n})
        for example in self.converted_examples:  # where and what, to check (NFD and NFC look alike: not shown)
            if example["encoding"] != "nfd":
                out.append(_("converted: %(where)s, %(column)s: %(before)r -> %(after)r")
                           % {"where": self.where(example["line"]), "column": example["column"],
                              "before": example["before"], "after": example["after"]})
        if self.extra_columns:
            out.append(_("columns kept as extra data (shown on the work page): %(columns)s")
                       % {"columns": ", ".join(repr(c) for c in self.extra_columns)})
        for column in self.unknown_columns:
            out.append(_("unknown column kept as extra data: %(column)r") % {"column": column})
        if self.headings:
            out.append(_("rows with a single cell skipped as headings or notes: %(n)s") % {"n": self.headings})
        if self.derived_ids:
            out.append(_("rows without an identifier (key derived from title/year/author): %(n)s")
                       % {"n": self.derived_ids})
        return out

    def where(self, line: object) -> str:
        """A place in the file as the report names it: "a.csv, line 3", "x.mrc, record 7", or the file."""
        if line is None:
            return self.source
        if self.position_word == "record":
            return _("%(source)s, record %(line)s") % {"source": self.source, "line": line}
        return _("%(source)s, line %(line)s") % {"source": self.source, "line": line}


def note_label(kind: str) -> str:
    """How the report labels a note of this kind (see Note)."""
    labels = {"skipped": pgettext("import report", "skipped"), "check": pgettext("import report", "check"),
              "note": pgettext("import report", "note")}
    return labels.get(kind, kind)
