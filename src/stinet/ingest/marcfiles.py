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

from lxml import etree, sax
from pymarc import MARCReader, Record
from pymarc.exceptions import FatalReaderError, PymarcException
from pymarc.marcxml import XmlHandler

from stinet.ingest.marc import ERROR, HEADER, to_row
from stinet.ingest.readers import ImportFileError, Table

NAMESPACE = "http://www.loc.gov/MARC21/slim"
_RECORD, _DATAFIELD, _SUBFIELD = (f"{{{NAMESPACE}}}{n}" for n in ("record", "datafield", "subfield"))
_UNPARSED = re.compile(r"Unable to parse character 0x([0-9a-f]+)|Multi-byte position \d+ exceeds")
_LEADER = re.compile(rb"^\d{5}[ -~]{7}\d{5}[ -~]{7}")
_PADDING = b" \t\r\n\x00\x1a"
_REASONS = {
    "RecordLengthInvalid": "the record length in the leader is not a number",
    "TruncatedRecord": "the record is shorter than its leader says (truncated file)",
    "EndOfRecordNotFound": "no end-of-record mark where the leader's record length ends",
    "RecordLeaderInvalid": "the leader is not valid",
    "RecordDirectoryInvalid": "the record directory is not valid",
    "BaseAddressInvalid": "the base address of data in the leader is beyond the record",
    "BaseAddressNotFound": "the base address of data in the leader is missing",
    "NoFieldsFound": "the record has no fields",
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
        return {ERROR: f"cannot map the record ({type(exc).__name__}: {exc})"}


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
        handle.seek(0)
        total = readable = 0
        encodings: set[str] = set()
        reader = _reader(handle, to_unicode=False)
        for record in reader:
            total += record is not None or bool((reader.current_chunk or b"").strip(_PADDING))
            if record is not None:
                readable += 1
                encodings.add("utf-8" if str(record.leader)[9:10] == "a" else "marc-8")
    if not readable and not _LEADER.match(head):
        raise ImportFileError(f"{path.name}: not a MARC (ISO 2709) file: the first record has no valid "
                              f"leader{_hint(head)}")
    return Table(path, "marc", list(HEADER), total, "+".join(sorted(encodings)) or "marc", unit="record")


def _hint(head: bytes) -> str:
    """What the file looks like instead, for the refusal message."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return " (it looks like XML: use --format marcxml for MARCXML)"
    if text.startswith(b"PK\x03\x04") or text.startswith(b"\xd0\xcf\x11\xe0"):
        return " (it looks like a spreadsheet: use .xlsx/.xls)"
    return ""


def _iso2709_rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """Decode and map every record; unreadable or undecodable ones become error rows."""
    size = table.path.stat().st_size
    with table.path.open("rb") as handle:
        reader = _reader(handle)
        number = 0
        while (step := _next(reader)) is not None:
            number += 1
            record, reason = step
            if record is None:
                rest = size - handle.tell()
                if isinstance(reader.current_exception, FatalReaderError) and rest > 1:
                    reason += f"; reading stopped here, {rest} bytes after it not read"
                yield number, {ERROR: reason}
            else:
                yield number, _mapped(record, table.holder)


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
    if problem := _marc8_problem(captured.getvalue()):
        return None, problem + _utf8_hint(chunk)
    return record, ""


def _reason(exc: BaseException | None) -> str:
    """A librarian's wording of pymarc's error for a record."""
    if isinstance(exc, UnicodeDecodeError):
        bad = exc.object[exc.start:exc.start + 1] if isinstance(exc.object, bytes) else b""
        if exc.encoding == "utf-8":
            return f"the text is not valid UTF-8 (byte 0x{bad.hex()}), although leader/09 says UTF-8"
        if exc.encoding == "marc8_to_unicode":
            return f"MARC-8 text cannot be decoded ({exc.reason})"
        return f"a non-ASCII byte (0x{bad.hex()}) in the leader, directory or indicators"
    name = type(exc).__name__
    if name == "ValueError":
        return f"a number in the leader or directory is not valid ({exc})"
    return _REASONS.get(name, f"the record cannot be read ({name}: {exc})")


def _marc8_problem(messages: str) -> str:
    """The MARC-8 characters pymarc's converter could not map (it writes them on stderr)."""
    codes = [m.group(1) for m in _UNPARSED.finditer(messages)]
    # a space inside a non-Latin character set is reported too, yet converted correctly
    bad = [c or "multibyte" for c in codes if c != "20"]
    if not bad:
        return ""
    shown = ", ".join(dict.fromkeys(f"0x{c}" if c != "multibyte" else "an incomplete multibyte character"
                                    for c in bad[:5]))
    return f"MARC-8 text cannot be decoded: {len(bad)} unmapped character(s) ({shown})"


def _utf8_hint(chunk: bytes) -> str:
    """A hint when a record that says MARC-8 is really UTF-8."""
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError:
        return ""
    return "; the text looks like UTF-8 although leader/09 says MARC-8" if not text.isascii() else ""


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
            raise ImportFileError(f"{path.name}: not XML but a MARC (ISO 2709) file: use --format marc") from None
        message = str(exc.msg or exc).splitlines()[0] if str(exc.msg or exc) else "syntax error"
        raise ImportFileError(f"{path.name}: not well-formed XML (line {exc.lineno}: {message})") from None
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ImportFileError(f"{path.name}: the XML declares entities; refused ({kind} needs none)")
    return tree


def _open_marcxml(path: Path) -> Table:
    """Parse the whole file; refuse anything but a MARC21 slim collection or record."""
    tree = parse_xml(path, "MARCXML")
    root = tree.getroot()
    qname = etree.QName(root)
    if qname.namespace != NAMESPACE or qname.localname not in ("collection", "record"):
        where = f" in namespace {qname.namespace}" if qname.namespace else " without a namespace"
        raise ImportFileError(f"{path.name}: not MARCXML: the root element is <{qname.localname}>{where}, "
                              f"not a MARC21 slim <collection> or <record>")
    records = [root] if qname.localname == "record" else root.findall(_RECORD)
    if not records:
        raise ImportFileError(f"{path.name}: the MARCXML collection holds no records")
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
            yield number, {ERROR: f"MARCXML: {_reason(exc)}"}
            continue
        yield number, (_mapped(handler.records[0], table.holder) if handler.records
                       else {ERROR: "MARCXML: an empty <record>"})


def _xml_problem(element: etree._Element) -> str:
    """What makes a MARCXML record unreadable (a field without tag, a subfield without code)."""
    for field in element:
        name = etree.QName(field).localname if isinstance(field.tag, str) else ""
        if name in ("controlfield", "datafield") and not field.get("tag"):
            return f"MARCXML: a <{name}> without its tag attribute"
        if name != "datafield":
            continue
        for sub in field:
            if sub.tag != _SUBFIELD:
                return f"MARCXML: datafield {field.get('tag')} holds <{etree.QName(sub).localname}>, not <subfield>"
            if not sub.get("code"):
                return f"MARCXML: datafield {field.get('tag')} has a <subfield> without its code"
    return ""
