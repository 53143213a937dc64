"""Reading MARC files: ISO 2709 (.mrc, .marc, .dat, .iso) with pymarc and MARCXML with lxml.

Each record becomes one row (canonical field -> text, see ingest/marc.py) numbered by its
position in the file. A record that cannot be read or decoded becomes a row carrying only an
error, so the report names it and the other records still import. A file that is not MARC at
all is refused with one line before anything is written.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from lxml import etree, sax
from pymarc import MARCReader, Record, Subfield
from pymarc.exceptions import FatalReaderError, PymarcException
from pymarc.marcxml import XmlHandler

from stinet.ingest.marc import ERROR, HEADER, to_row
from stinet.ingest.readers import ImportFileError, Table
from stinet.vietnamese import detect
from stinet.vietnamese.legacy import LATIN1_ENCODINGS

NAMESPACE = "http://www.loc.gov/MARC21/slim"
_RECORD, _DATAFIELD, _SUBFIELD = (f"{{{NAMESPACE}}}{n}" for n in ("record", "datafield", "subfield"))
_UNPARSED = re.compile(r"Unable to parse character 0x([0-9a-f]+)|Multi-byte position \d+ exceeds")
_OAI = "http://www.openarchives.org/OAI/2.0/"
_LEADER = re.compile(rb"^\d{5}[ -~]{7}\d{5}[ -~]{7}")
_PADDING = b" \t\r\n\x00\x1a"
_BEFORE_LEADER = b"\xef\xbb\xbf \t\r\n"  # what some tools write before the first record: a BOM, line breaks
_REASONS = {  # translated when a record is rejected
    "RecordLengthInvalid": gettext_noop("the record length in the leader is not a number"),
    "TruncatedRecord": gettext_noop("the record is shorter than its leader says (truncated file)"),
    "EndOfRecordNotFound": gettext_noop("no end-of-record mark where the leader's record length ends"),
    "RecordLeaderInvalid": gettext_noop("the leader is not valid"),
    "RecordDirectoryInvalid": gettext_noop("the record directory is not valid"),
    "BaseAddressInvalid": gettext_noop("the base address of data in the leader is beyond the record"),
    "BaseAddressNotFound": gettext_noop("the base address of data in the leader is missing"),
    "NoFieldsFound": gettext_noop("the record has no fields"),
}
# pymarc logs each indicator it repairs; the repair is harmless and would flood the CLI output
logging.getLogger("pymarc").setLevel(logging.ERROR)


def open_marc(path: Path, fmt: str) -> Table:
    """Check a MARC file as a whole and return its table of records, or raise ImportFileError."""
    return _open_marcxml(path) if fmt == "marcxml" else _open_iso2709(path)


def marc_rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """(record number, canonical field -> text) for every record of a checked MARC file."""
    if table.format == "marcxml":
        yield from _marcxml_rows(table)
    else:
        yield from _iso2709_rows(table)


def _mapped(record: Record, holder: tuple[str, ...]) -> dict[str, str]:
    """The row of a decoded record; an error row when its data defeat the mapping."""
    try:
        return to_row(record, holder)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as exc:
        return {ERROR: _("cannot map the record (%(error)s)") % {"error": f"{type(exc).__name__}: {exc}"}}


# --- ISO 2709 ----------------------------------------------------------------------------------

def _reader(handle: io.BufferedReader, to_unicode: bool = True) -> MARCReader:
    """pymarc's reader: UTF-8 when leader/09 says so, MARC-8 otherwise; decoding errors not hidden."""
    return MARCReader(handle, to_unicode=to_unicode, force_utf8=False, utf8_handling="strict",
                      hide_utf8_warnings=False)


def _open_iso2709(path: Path) -> Table:
    """Count the records (structure only); refuse a file whose first record is no MARC at all."""
    with path.open("rb") as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a non-ASCII subfield code: pymarc repairs it
        head = handle.read(24)
        handle.seek(_first_leader(handle))
        total = readable = 0
        encodings: set[str] = set()
        reader = _reader(handle, to_unicode=False)
        while True:
            start = handle.tell()
            try:
                record = next(reader)
            except StopIteration:
                break
            total += record is not None or bool((reader.current_chunk or b"").strip(_PADDING))
            if record is not None:
                readable += 1
                encodings.add("utf-8" if str(record.leader)[9:10] == "a" else "marc-8")
            elif isinstance(reader.current_exception, FatalReaderError):
                if not _resume_after(handle, start):
                    break
                reader = _reader(handle, to_unicode=False)
    if not readable and not _LEADER.match(head):
        raise ImportFileError(_not_iso2709(path, head))
    return Table(path, "marc", list(HEADER), total, "+".join(sorted(encodings)) or "marc", unit="record")


def _first_leader(handle: io.BufferedReader) -> int:
    """Where the first record begins: after a byte-order mark or line breaks some tools write before it
    (0 when none, or when no leader follows them)."""
    head = handle.read(64)
    handle.seek(0)
    rest = head.lstrip(_BEFORE_LEADER)
    return len(head) - len(rest) if rest and _LEADER.match(rest) else 0


def _not_iso2709(path: Path, head: bytes) -> str:
    """The refusal of a file that is not MARC, saying what it looks like instead."""
    text = head.lstrip(_BEFORE_LEADER)
    if text.startswith(b"<"):
        message = _("%(file)s: not a MARC (ISO 2709) file: the first record has no valid leader "
                    "(it looks like XML: use --format marcxml for MARCXML)")
    elif text.startswith(b"PK\x03\x04") or text.startswith(b"\xd0\xcf\x11\xe0"):
        message = _("%(file)s: not a MARC (ISO 2709) file: the first record has no valid leader "
                    "(it looks like a spreadsheet: use .xlsx/.xls)")
    else:
        message = _("%(file)s: not a MARC (ISO 2709) file: the first record has no valid leader")
    return message % {"file": path.name}


def _iso2709_rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """Decode and map every record; unreadable or undecodable ones become error rows. After a record whose
    leader or directory cannot be read, reading goes on after the end-of-record mark (0x1D) that ends it,
    as lenient MARC readers do: the good records after a bad one are not lost."""
    size = table.path.stat().st_size
    with table.path.open("rb") as handle:
        handle.seek(_first_leader(handle))
        reader = _reader(handle)
        number = 0
        while True:
            start = handle.tell()
            if (step := _next(reader)) is None:
                break
            number += 1
            record, reason = step
            if record is None:
                if isinstance(reader.current_exception, FatalReaderError):
                    rest = size - handle.tell()
                    if _resume_after(handle, start):
                        reader = _reader(handle)
                    elif rest > 1:
                        reason = _("%(reason)s; reading stopped here, %(n)s bytes after it not read") % {
                            "reason": reason, "n": rest}
                yield number, {ERROR: reason}
            else:
                yield number, _mapped(record, table.holder)


def _resume_after(handle: io.BufferedReader, start: int) -> bool:
    """Put the file after the end-of-record mark that ends the record beginning at `start` (whose leader
    says a wrong length), before the next record; False when no record follows (the rest is read)."""
    handle.seek(start)
    position = start
    while block := handle.read(1 << 16):
        if (found := block.find(b"\x1d")) >= 0:
            after = position + found + 1
            handle.seek(after)
            rest = handle.read(24)
            handle.seek(after)
            return bool(rest.strip(_PADDING))
        position += len(block)
    return False


def _next(reader: MARCReader) -> tuple[Record | None, str] | None:
    """The next record, or (None, reason) for a broken one; None at the end of the file."""
    captured = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stderr(captured):
        warnings.simplefilter("ignore")  # a non-ASCII subfield code: pymarc repairs it
        try:
            record = next(reader)
        except StopIteration:
            return None
    chunk = reader.current_chunk or b""
    if record is None:
        if not chunk.strip(_PADDING):
            return None  # padding after the last record
        return None, _reason(reader.current_exception)
    problem = _marc8_problem(captured.getvalue())
    if str(record.leader)[9:10] != "a" and (legacy := _legacy_record(chunk)) is not None:
        return legacy, ""  # Vietnamese in TCVN3 or VNI bytes, as pre-Unicode library systems wrote it
    if problem:
        if _looks_utf8(chunk):
            problem = _("%(problem)s; the text looks like UTF-8 although leader/09 says MARC-8") % {"problem": problem}
        return None, problem
    return record, ""


def _legacy_record(chunk: bytes) -> Record | None:
    """The record read byte for byte (Latin-1) when its text is Vietnamese in TCVN3 or VNI, not MARC-8 (a
    CDS/ISIS or early library system's export: MARC-8 read "Nghi®n cøu" as "Nghi®n cu̜"; the importer then
    converts the legacy text as in any cell); None when it reads as MARC-8 (or is ASCII)."""
    if chunk.isascii():
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            raw = Record(data=chunk, to_unicode=False)  # values as bytes
    except (PymarcException, ValueError, IndexError, UnicodeDecodeError):
        return None
    for field in raw.get_fields():
        if field.is_control_field():
            field.data = _latin1(field.data)
        else:
            field.subfields = [Subfield(code, _latin1(value)) for code, value in field.subfields]
    text = " ".join(value for field in raw.get_fields() if not field.is_control_field()
                    for _code, value in field.subfields if not value.isascii())
    return raw if text and detect(text) in LATIN1_ENCODINGS else None


def _latin1(value: bytes | str) -> str:
    """Bytes as the Latin-1 characters TCVN3 and VNI text is read as (vietnamese.legacy)."""
    return value.decode("latin-1") if isinstance(value, bytes) else value


def _reason(exc: BaseException | None) -> str:
    """A librarian's wording of pymarc's error for a record."""
    if isinstance(exc, UnicodeDecodeError):
        bad = exc.object[exc.start:exc.start + 1] if isinstance(exc.object, bytes) else b""
        if exc.encoding == "utf-8":
            return _("the text is not valid UTF-8 (byte 0x%(byte)s), although leader/09 says UTF-8") % {
                "byte": bad.hex()}
        if exc.encoding == "marc8_to_unicode":
            return _("MARC-8 text cannot be decoded (%(reason)s)") % {"reason": exc.reason}
        return _("a non-ASCII byte (0x%(byte)s) in the leader, directory or indicators") % {"byte": bad.hex()}
    name = type(exc).__name__
    if name == "ValueError":
        return _("a number in the leader or directory is not valid (%(error)s)") % {"error": exc}
    if name in _REASONS:
        return _(_REASONS[name])
    return _("the record cannot be read (%(error)s)") % {"error": f"{name}: {exc}"}


def _marc8_problem(messages: str) -> str:
    """The MARC-8 characters pymarc's converter could not map (it writes them on stderr)."""
    codes = [m.group(1) for m in _UNPARSED.finditer(messages)]
    # a space inside a non-Latin character set is reported too, yet converted correctly
    bad = [c or "multibyte" for c in codes if c != "20"]
    if not bad:
        return ""
    shown = ", ".join(dict.fromkeys(f"0x{c}" if c != "multibyte" else _("an incomplete multibyte character")
                                    for c in bad[:5]))
    return ngettext("MARC-8 text cannot be decoded: %(n)s unmapped character (%(shown)s)",
                    "MARC-8 text cannot be decoded: %(n)s unmapped characters (%(shown)s)", len(bad)) % {
        "n": len(bad), "shown": shown}


def _looks_utf8(chunk: bytes) -> bool:
    """True when a record's bytes are UTF-8 with non-ASCII text (a record that says MARC-8 may be UTF-8)."""
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not text.isascii()


# --- MARCXML -----------------------------------------------------------------------------------

def parse_xml(path: Path, kind: str) -> etree._ElementTree:
    """A whole XML file of records (kind: MARCXML, Dublin Core), parsed fetching nothing and expanding
    no entities; ImportFileError in one line when it is no XML or declares entities."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             remove_comments=True, remove_pis=True)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        with path.open("rb") as handle:
            head = handle.read(24)
        if _LEADER.match(head):
            raise ImportFileError(_("%(file)s: not XML but a MARC (ISO 2709) file: use --format marc")
                                  % {"file": path.name}) from None
        message = str(exc.msg or exc).splitlines()[0] if str(exc.msg or exc) else _("syntax error")
        raise ImportFileError(_("%(file)s: not well-formed XML (line %(line)s: %(message)s)")
                              % {"file": path.name, "line": exc.lineno, "message": message}) from None
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _entity in dtd.iterentities()):
        raise ImportFileError(_("%(file)s: the XML declares entities; refused (%(kind)s needs none)")
                              % {"file": path.name, "kind": kind})
    return tree


def _open_marcxml(path: Path) -> Table:
    """Parse the whole file; refuse anything but a MARC21 slim collection or record."""
    tree = parse_xml(path, "MARCXML")
    root = tree.getroot()
    qname = etree.QName(root)
    if qname.namespace == _OAI and (found := list(root.iter(_RECORD))):  # an OAI-PMH answer in marcxml
        table = Table(path, "marcxml", list(HEADER), len(found), (tree.docinfo.encoding or "utf-8").lower(),
                      unit="record")
        table._records = found  # type: ignore[attr-defined]
        table.note("note", None, _("an OAI-PMH answer: its MARCXML records are read (deleted ones are not: a "
                                   "harvest, `stinet harvest`, removes them)"))
        return table
    if qname.namespace != NAMESPACE or qname.localname not in ("collection", "record"):
        message = (_("%(file)s: not MARCXML: the root element is <%(name)s> in namespace %(namespace)s, "
                     "not a MARC21 slim <collection> or <record>") if qname.namespace else
                   _("%(file)s: not MARCXML: the root element is <%(name)s> without a namespace, "
                     "not a MARC21 slim <collection> or <record>"))
        raise ImportFileError(message % {"file": path.name, "name": qname.localname, "namespace": qname.namespace})
    records = [root] if qname.localname == "record" else root.findall(_RECORD)
    if not records:
        raise ImportFileError(_("%(file)s: the MARCXML collection holds no records") % {"file": path.name})
    table = Table(path, "marcxml", list(HEADER), len(records),
                  (tree.docinfo.encoding or "utf-8").lower(), unit="record")
    table._records = records  # type: ignore[attr-defined]  # parsed once, reused by rows()
    return table


def _marcxml_rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """Map every <record> of a checked MARCXML file; malformed ones become error rows."""
    for number, element in enumerate(table._records, 1):  # type: ignore[attr-defined]
        problem = _xml_problem(element)
        if problem:
            yield number, {ERROR: problem}
            continue
        handler = XmlHandler(strict=True)
        try:
            sax.saxify(element, handler)
        except (PymarcException, KeyError, ValueError) as exc:
            yield number, {ERROR: "MARCXML: " + _reason(exc)}
            continue
        yield number, (_mapped(handler.records[0], table.holder) if handler.records
                       else {ERROR: _("MARCXML: an empty <record>")})


def _xml_problem(element: etree._Element) -> str:
    """What makes a MARCXML record unreadable (a field without tag, a subfield without code)."""
    for field in element:
        name = etree.QName(field).localname if isinstance(field.tag, str) else ""
        if name in ("controlfield", "datafield") and not field.get("tag"):
            return _("MARCXML: a <%(name)s> without its tag attribute") % {"name": name}
        if name != "datafield":
            continue
        for sub in field:
            if sub.tag != _SUBFIELD:
                return _("MARCXML: datafield %(tag)s holds <%(name)s>, not <subfield>") % {
                    "tag": field.get("tag"), "name": etree.QName(sub).localname}
            if not sub.get("code"):
                return _("MARCXML: datafield %(tag)s has a <subfield> without its code") % {"tag": field.get("tag")}
    return ""
