"""Text out of attached full texts (PDF, DOCX, DOC, TXT), with legacy Vietnamese fonts converted.

Pure functions on bytes (no Django): the file services store what these return.
PDF text comes from pypdf (it keeps Vietnamese letters and word spacing better than
pdfminer.six, which spaces out the letters of legacy-font PDFs), DOCX from python-docx,
Word 97-2003 .doc from its piece table (stinet.catalog.worddoc). Text typeset in TCVN3
(.VnTime) or VNI fonts reads as Latin-1 symbols ("Nghiªn cøu"); it is detected page by
page and converted with stinet.vietnamese, as imported metadata are. A PDF with (almost) no
text layer is a scan: its status says so, and `ocr` reads it with Tesseract when installed.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from stinet.vietnamese import detect, detect_encoding_of_bytes, is_syllable, nfc, to_unicode
from stinet.vietnamese.text import CONTROLS

PDF, DOCX, DOC, TXT = ("application/pdf",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       "application/msword", "text/plain")
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", DOC: ".doc", TXT: ".txt"}
# The extensions a file of each type keeps (a macro-enabled .docm is a .docx inside); another is replaced.
OWN_EXTENSIONS = {PDF: (".pdf",), DOCX: (".docx", ".docm", ".dotx", ".dotm"), DOC: (".doc", ".dot"),
                  TXT: (".txt",)}
# Extensions a document sent under the wrong type may carry, replaced by its own; anything else after
# a dot is part of the name ("Báo cáo T.Hà", "report.final") and the extension is added to it.
_EXTENSION = re.compile(r"\.(?:pdf|docx?|docm|dot[xm]?|txt|rtf|odt|xlsx?|xlsm|pptx?|zip|html?|xml|jpe?g|png|tiff?)$",
                        re.IGNORECASE)
MIN_LETTERS_PER_PAGE = 25  # fewer letters than this per page on average: a scan without a text layer
# The text kept of a file: what search indexes of it (stinet.search.documents) and quotes.
MAX_TEXT_CHARS = 400_000
_BUDGET = 2 * MAX_TEXT_CHARS  # characters read for it: text in a legacy encoding is longer
# A PDF's streams are inflated by pypdf, each within its own cap (75 MB), one page at a time;
# the text is taken page by page until MAX_TEXT_CHARS, a page whose contents inflate past
# MAX_PAGE_CONTENT_MB is left unread (a map; or a small bomb: pypdf takes seconds a megabyte of
# text to show) and reading stops after MAX_PDF_CONTENT_MB of contents in all.
MAX_PAGE_CONTENT_MB = 4
MAX_PDF_CONTENT_MB = 64
_MB = 1024 * 1024
OCR_LANGUAGE = "vie"
# Glyphs that PDF readers give for TCVN3 code points the font encodings move: 0xAD (ư) comes out
# as a minus sign, 0xB7 (ã) as a bullet operator, each often followed by a stray space.
_TCVN3_GLYPHS = {"\u2212": "\u00ad", "\u2219": "\u00b7"}
_GLYPH_SPACE = re.compile(r"(\S*)( ?)([\u2212\u2219])( ?)(\S*)")
_LETTERS = re.compile(r"[^\W\d_]")


class FileError(ValueError):
    """A file that cannot be taken as a full text, with a one-line reason."""


@dataclass
class Extraction:
    """What a file yields: its text (NFC), how it was read, its page count and a note."""

    text: str
    status: str  # ok | converted | scanned | ocr | unreadable | unsupported
    pages: int | None = None
    encoding: str = ""  # the legacy encoding converted from (tcvn3, vni), if any
    note: str = ""


def sniff(data: bytes, name: str = "") -> str:
    """The media type of a file from its first bytes (the name only tells plain text apart)."""
    if not data:
        raise FileError(_("%(name)s: the file is empty") % {"name": name or "file"})
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        from stinet.catalog.wordxml import check_entries

        check_entries(data, name or "file")
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            pass
        raise FileError(_("%(name)s: a ZIP archive that is not a Word document (.docx)") % {"name": name or "file"})
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        _check_word(data, name or "file")
        return DOC
    if name.lower().endswith(".txt") and (data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" not in data[:4096]):
        return TXT
    raise FileError(_("%(name)s: not a PDF, Word (.docx, .doc) or text (.txt) file") % {"name": name or "file"})


def file_name(name: str, mime: str, limit: int = 255) -> str:
    """The name a file is kept and served under: the given base name with the extension of its
    content (a Word document sent as paper.pdf is paper.docx), at most `limit` characters."""
    own = next((e for e in OWN_EXTENSIONS.get(mime, ()) if name.lower().endswith(e)), None)
    if own:
        stem, extension = name[:-len(own)], name[-len(own):]
    else:
        found = _EXTENSION.search(name)
        stem, extension = (name[:found.start()] if found and found.start() else name), EXTENSIONS.get(mime, "")
    return (stem[:limit - len(extension)] or "file") + extension


def _check_word(data: bytes, name: str) -> None:
    """Refuse an Office 97-2003 file that is no Word document, is damaged or needs a password."""
    from stinet.catalog.worddoc import word_problem

    problem = word_problem(data)
    if problem == "not-word":
        raise FileError(_("%(name)s: an Office file that is not a Word document (.doc)") % {"name": name})
    if problem == "encrypted":
        raise FileError(_("%(name)s: the Word document is protected by a password: attach a copy without one")
                        % {"name": name})
    if problem:
        raise FileError(_("%(name)s: a damaged Office file that cannot be opened") % {"name": name})


def extract(data: bytes, mime: str, name: str = "") -> Extraction:
    """The text of a file of a sniffed type. A file that is not what its type says (a PDF that does
    not open, one locked by a password) is refused with FileError; one whose text cannot be read
    gets the status "unreadable"."""
    reader = {PDF: _pdf, DOCX: _docx, DOC: _doc, TXT: _txt}.get(mime)
    if reader is None:
        return Extraction("", "unsupported", note=f"unsupported format {mime}")
    try:
        return reader(data, name or "file")
    except FileError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file is reported, not fatal
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return Extraction("", "unreadable", note=f"cannot read the {EXTENSIONS.get(mime, mime)} file: {reason}")


def _clean(text: str) -> str:
    """NFC text without control characters, at most two line breaks in a row."""
    text = CONTROLS.sub(" ", nfc(text.replace("\r\n", "\n").replace("\r", "\n")))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def repair_tcvn3_glyphs(text: str) -> str:
    """Put back TCVN3 ư and ã that a PDF font encoding turned into − and ∙ (and a stray space).

    A space beside such a glyph is dropped only when the joined word reads as one syllable
    ("t− íng" is "tướng"; "Trung −¬ng" stays two words).
    """
    if "\u2212" not in text and "\u2219" not in text:
        return text

    def join(m: re.Match[str]) -> str:
        head, before, glyph, after, tail = m.groups()
        glyph = _TCVN3_GLYPHS[glyph]
        if (before or after) and head and tail:
            joined = to_unicode(head + glyph + tail, "tcvn3").text
            word = re.match(r"[^\W\d_]*", joined)
            if word and is_syllable(word.group(0)):
                return head + glyph + tail
        return head + before + glyph + after + tail

    text = _GLYPH_SPACE.sub(join, text)
    return text.translate(str.maketrans(_TCVN3_GLYPHS))


def convert_legacy(parts: list[str]) -> tuple[list[str], str]:
    """Parts (pages, paragraphs) with TCVN3/VNI text converted; the main legacy encoding found."""
    found: Counter[str] = Counter()
    out = []
    for part in parts:
        candidate = part
        if "\u2212" in part or "\u2219" in part:
            repaired = repair_tcvn3_glyphs(part)
            if detect(repaired) == "tcvn3":
                candidate = repaired
        encoding = detect(candidate)
        if encoding in ("tcvn3", "vni"):
            converted = to_unicode(candidate, encoding)
            out.append(converted.text)
            found[encoding] += bool(converted.encoding)
        else:
            out.append(part)
    return out, (found.most_common(1)[0][0] if found else "")


def _finish(parts: list[str], pages: int | None, separator: str = "\n\n") -> Extraction:
    """Legacy conversion and clean-up of the parts of a document, with the status to match; the
    text is cut at MAX_TEXT_CHARS (and only about _BUDGET characters are converted)."""
    kept, size = [], 0
    for part in parts:
        if size > _BUDGET:
            break
        kept.append(part)
        size += len(part) + len(separator)
    converted, encoding = convert_legacy(kept)
    text, cut = cut_text(_clean(separator.join(p for p in converted if p.strip())))
    notes = [f"text converted from {encoding.upper()}" if encoding else "", cut]
    return Extraction(text, "converted" if encoding else "ok", pages, encoding, "; ".join(n for n in notes if n))


def cut_text(text: str) -> tuple[str, str]:
    """A text cut at MAX_TEXT_CHARS, and a note when it was."""
    if len(text) <= MAX_TEXT_CHARS:
        return text, ""
    return text[:MAX_TEXT_CHARS].rstrip(), f"only the first {MAX_TEXT_CHARS:,} characters of the text are kept"


def letters(text: str) -> int:
    """How many letters a text holds (a measure of a real text layer)."""
    return len(_LETTERS.findall(text))


def _open_pdf(data: bytes, name: str) -> Any:
    """A pypdf reader of a PDF that opens (decrypted when only an owner password restricts it), or
    FileError: damaged beyond opening, without pages, or locked by a password to open it.

    An AES-encrypted PDF needs the `cryptography` package (installed with pypdf[crypto]): should it
    be missing, pypdf's DependencyError passes through (the file is then kept as unreadable, as it
    may well open for its readers)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileError(_("%(name)s: the PDF is protected by a password: attach a copy without one")
                            % {"name": name})
        count = len(reader.pages)
    except (FileError, DependencyError):
        raise
    except Exception:  # noqa: BLE001 - pypdf says "damaged" in many ways
        raise FileError(_("%(name)s: a damaged PDF that cannot be opened") % {"name": name}) from None
    if not count:
        raise FileError(_("%(name)s: a PDF without pages") % {"name": name})
    return reader


def _pdf(data: bytes, name: str) -> Extraction:
    """Text of each page of a PDF. Pages that are images with (almost) no letters are scanned: the
    document is then "scanned" (OCR reads those pages), keeping the text of its other pages. A
    short born-digital text is no scan: a page without images is text, however short."""
    reader = _open_pdf(data, name)
    pages, unread = _read_pages(reader)
    count = len(pages)
    scans = _scanned_pages(reader, pages)
    texts = [p or "" for p in pages]
    if len(scans) and (len(scans) == sum(p is not None for p in pages) or not any(letters(p) for p in texts)):
        return Extraction("", "scanned", count, note="; ".join(
            n for n in ("no text layer (a scanned document): run OCR to search it", unread) if n))
    found = _finish(texts, count)
    if not scans:
        return Extraction(found.text, found.status, count, found.encoding,
                          "; ".join(n for n in (found.note, unread) if n))
    scanned = IMAGE_PAGES.format(pages=_numbers(scans))
    return Extraction(found.text, "scanned", count, found.encoding,
                      "; ".join(n for n in (scanned, found.note, unread) if n))


IMAGE_PAGES = "pages {pages} are images without text: run OCR to read them"
_IMAGE_PAGES = re.compile(re.escape(IMAGE_PAGES).replace(re.escape("{pages}"), "([0-9, .]+?)"))


def image_pages(note: str) -> str:
    """The image pages ("2, 3") that the note of a partly scanned PDF names, or ''."""
    found = _IMAGE_PAGES.match(note)
    return found.group(1) if found else ""


def _numbers(indexes: list[int]) -> str:
    """Page numbers (from 1) of page indexes, the first ten."""
    return ", ".join(str(i + 1) for i in indexes[:10]) + (", ..." if len(indexes) > 10 else "")


def _read_pages(reader: Any) -> tuple[list[str | None], str]:
    """The text of each page (None when not read) and a note naming the pages left unread.

    Pages are read until _BUDGET characters are found; one whose contents inflate past
    MAX_PAGE_CONTENT_MB (or that pypdf refuses to inflate) is skipped, and reading stops after
    MAX_PDF_CONTENT_MB of contents."""
    from pypdf.errors import LimitReachedError

    texts: list[str | None] = []
    heavy: list[int] = []
    chars = inflated = 0
    for i, page in enumerate(reader.pages):
        if chars > _BUDGET or inflated > MAX_PDF_CONTENT_MB * _MB:
            break
        try:
            contents = page.get_contents()
            size = len(contents.get_data()) if contents is not None else 0
        except LimitReachedError:  # pypdf's own cap on a stream
            size = MAX_PAGE_CONTENT_MB * _MB + 1
        inflated += size
        if size > MAX_PAGE_CONTENT_MB * _MB:
            heavy.append(i)
            texts.append(None)
            continue
        texts.append(page.extract_text() or "")
        chars += len(texts[-1])
    notes = [f"pages {_numbers(heavy)} not read: more than {MAX_PAGE_CONTENT_MB} MB of contents each"
             if heavy else ""]
    if len(texts) < len(reader.pages) and chars <= _BUDGET:
        notes.append(f"pages {len(texts) + 1}-{len(reader.pages)} not read: "
                     f"more than {MAX_PDF_CONTENT_MB} MB of page contents in all")
    return texts + [None] * (len(reader.pages) - len(texts)), "; ".join(n for n in notes if n)


def _scanned_pages(reader: Any, pages: list[str | None]) -> list[int]:
    """Indexes of the pages read that hold images and fewer than MIN_LETTERS_PER_PAGE letters."""
    return [i for i, text in enumerate(pages)
            if text is not None and letters(text) < MIN_LETTERS_PER_PAGE and len(reader.pages[i].images)]


def _docx(data: bytes, name: str) -> Extraction:
    """Paragraphs and table rows of a .docx, in document order (stinet.catalog.wordxml's limits)."""
    from stinet.catalog.wordxml import docx_lines

    return _finish(docx_lines(data, name, _BUDGET), None, "\n")


def _doc(data: bytes, name: str) -> Extraction:
    """Text of a Word 97-2003 .doc file."""
    from stinet.catalog.worddoc import doc_text

    text = doc_text(data)
    return _finish(text.split("\n"), None, "\n")


def _txt(data: bytes, name: str) -> Extraction:
    """A plain text file in UTF-8, UTF-16 or a Windows code page."""
    text, _charset = detect_encoding_of_bytes(data)
    return _finish(text.split("\n"), None, "\n")


def ocr_available() -> bool:
    """True when the tesseract program and its Vietnamese model are installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return OCR_LANGUAGE in pytesseract.get_languages(config="")
    except Exception:  # noqa: BLE001 - any failure means no OCR
        return False


def ocr(data: bytes, mime: str, language: str = OCR_LANGUAGE, name: str = "") -> Extraction:
    """Read a scanned PDF (its page images) with Tesseract's Vietnamese model; `name` in refusals."""
    if mime != PDF:
        raise FileError(_("OCR reads scanned PDF files, not %(kind)s") % {"kind": EXTENSIONS.get(mime, mime)})
    if not ocr_available():
        raise FileError(_("OCR needs tesseract with its Vietnamese model (Debian package tesseract-ocr-vie)"))
    import pytesseract

    reader = _open_pdf(data, name or "file")
    read, unread = _read_pages(reader)
    pages = [p or "" for p in read]
    for i in _scanned_pages(reader, read):  # the pages with a text layer keep it
        texts = [pytesseract.image_to_string(image.image, lang=language) for image in reader.pages[i].images]
        pages[i] = "\n".join(texts)
    pages, _encoding = convert_legacy(pages)
    text, cut = cut_text(_clean("\n\n".join(p for p in pages if p.strip())))
    if not letters(text):
        return Extraction("", "scanned", len(pages), note="OCR found no text in the page images")
    return Extraction(text, "ocr", len(pages), note="; ".join(n for n in (f"text read by OCR ({language})",
                                                                           cut, unread) if n))
