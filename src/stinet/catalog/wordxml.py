"""Text of Word .docx files, read as a stream within limits that a ZIP bomb cannot pass.

A .docx is a ZIP archive; a small one can declare (or, lying in its headers, hold) parts that
inflate to gigabytes. So the number of parts is checked from the archive's end record before
zipfile lists them, the parts' declared sizes before anything is inflated, and word/document.xml
is read through a stream that stops at a cap whatever the headers say (zipfile itself stops at the
declared size and then fails the CRC check). The XML goes to lxml's parser as a feed into a
target that keeps paragraphs, not a tree (python-docx builds one for the whole document: a
10 MB document of empty paragraphs took it 25 s and 500 MB), and parsing stops once the text
budget is full. Entities are not resolved.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from django.utils.translation import gettext as _

from stinet.catalog.fulltext import FileError

MB = 1024 * 1024
MAX_ZIP_ENTRIES = 10_000  # parts of an archive (a .docx has tens; with many images, hundreds)
MAX_INFLATED_MB = 1024  # all the parts of a .docx together, as declared
MAX_XML_MB = 64  # word/document.xml, as declared and as read (far more than 400,000 characters need)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_BREAKS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def check_entries(data: bytes, name: str) -> None:
    """Refuse a ZIP archive of more than MAX_ZIP_ENTRIES parts, counted from its end record
    (listing a million empty parts costs zipfile seconds and half a gigabyte)."""
    # The end record holds the count: zipfile's own reader of it (ZIP64 included) tells it before
    # ZipFile builds an object per part. It is private: should a Python release drop it, the check
    # is skipped and the declared sizes below still bound what is inflated.
    read_end = getattr(zipfile, "_EndRecData", None)
    end = read_end(io.BytesIO(data)) if read_end else None
    if end and end[getattr(zipfile, "_ECD_ENTRIES_TOTAL", 4)] > MAX_ZIP_ENTRIES:
        raise FileError(_("%(name)s: a ZIP archive of more than %(limit)s parts") % {"name": name,
                                                                                    "limit": MAX_ZIP_ENTRIES})


def docx_lines(data: bytes, name: str, budget: int) -> list[str]:
    """The paragraphs of a .docx in document order (a table row as its cells joined by tabs),
    about `budget` characters at most; FileError past a limit or for a damaged file."""
    from lxml import etree

    check_entries(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_sizes(archive, name)
            with archive.open("word/document.xml") as raw:
                return _parse(raw, _Lines(budget), name)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, etree.XMLSyntaxError):
        raise FileError(_("%(name)s: a damaged Word document (.docx) that cannot be read") % {"name": name}) from None


def _check_sizes(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an archive whose parts declare more than the caps."""
    if sum(info.file_size for info in archive.infolist()) > MAX_INFLATED_MB * MB:
        raise FileError(_("%(name)s: the Word document (.docx) inflates to more than %(limit)s MB")
                        % {"name": name, "limit": MAX_INFLATED_MB})
    if archive.getinfo("word/document.xml").file_size > MAX_XML_MB * MB:
        raise _too_much_text(name)


def _too_much_text(name: str) -> FileError:
    """The refusal of a document.xml over MAX_XML_MB."""
    return FileError(_("%(name)s: the text of the Word document (word/document.xml) inflates to more than "
                       "%(limit)s MB") % {"name": name, "limit": MAX_XML_MB})


class _Full(Exception):
    """The text budget is full: parsing stops."""


def _parse(raw: Any, target: _Lines, name: str) -> list[str]:
    """Feed the XML to the parser in chunks, counting what was inflated."""
    from lxml import etree

    parser = etree.XMLParser(target=target, resolve_entities=False, no_network=True, load_dtd=False)
    inflated = 0
    try:
        while chunk := raw.read(64 * 1024):
            inflated += len(chunk)
            if inflated > MAX_XML_MB * MB:  # headers that lie about the size do not get past this
                raise _too_much_text(name)
            parser.feed(chunk)
        parser.close()
    except _Full:
        pass
    return target.result()


class _Lines:
    """An lxml parser target: the text of w:t elements, paragraph by paragraph (stacks, as text
    boxes nest paragraphs in paragraphs and tables nest in cells); mc:Fallback (the copy of a
    text box for old readers) is skipped."""

    def __init__(self, budget: int) -> None:
        self.budget, self.size = budget, 0
        self.lines: list[str] = []
        self.paragraphs: list[list[str]] = []
        self.rows: list[list[str]] = []
        self.cells: list[list[str]] = []
        self.in_text, self.skipping, self.runs = False, 0, 0  # runs: w:r open (a w:tab outside one is a tab stop)

    def start(self, tag: str, attrib: Any) -> None:
        """An element opens."""
        if tag == _FALLBACK:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag == _W + "t":
            self.in_text = True
        elif tag == _W + "r":
            self.runs += 1
        elif tag == _W + "p":
            self.paragraphs.append([])
        elif tag == _W + "tr":
            self.rows.append([])
        elif tag == _W + "tc":
            self.cells.append([])
        elif tag in _BREAKS and self.paragraphs and self.runs:
            self._add(_BREAKS[tag])

    def end(self, tag: str) -> None:
        """An element closes."""
        if tag == _FALLBACK:
            self.skipping -= 1
        elif self.skipping:
            return
        elif tag == _W + "t":
            self.in_text = False
        elif tag == _W + "r":
            self.runs -= 1
        elif tag == _W + "p" and self.paragraphs:
            self._emit("".join(self.paragraphs.pop()))
            self._count(1)  # the line break
        elif tag == _W + "tc" and self.cells:
            cell = "\n".join(self.cells.pop())
            if self.rows:
                self.rows[-1].append(cell)
        elif tag == _W + "tr" and self.rows:
            self._emit("\t".join(self.rows.pop()))

    def data(self, text: str) -> None:
        """Characters: kept inside w:t."""
        if self.in_text and not self.skipping and self.paragraphs:
            self._add(text)

    def close(self) -> None:
        """The end of the document."""

    def _add(self, text: str) -> None:
        """Text of the open paragraph."""
        self.paragraphs[-1].append(text)
        self._count(len(text))

    def _count(self, chars: int) -> None:
        """Characters taken from the budget; parsing stops when it is spent."""
        self.size += chars
        if self.size > self.budget:
            raise _Full

    def _emit(self, line: str) -> None:
        """A finished paragraph or row: into the open cell, or the document."""
        (self.cells[-1] if self.cells else self.lines).append(line)

    def result(self) -> list[str]:
        """The lines, with what was still open when the budget filled."""
        return [*self.lines, *("\n".join(cell) for cell in self.cells),
                *("".join(p) for p in self.paragraphs)]
