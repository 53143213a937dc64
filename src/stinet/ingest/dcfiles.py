"""Reading Dublin Core files: an OAI-PMH answer saved to disk (ListRecords, GetRecord) or a file of
`oai_dc:dc` records, mapped as the harvester maps them (sources/mapping.py).

A record keeps its OAI identifier as its local identifier, so importing the dump of a member's
repository and later harvesting it give the same holdings. Deleted headers are skipped and
counted in the report's notes. A file without a single oai_dc record is refused with one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree

from stinet.ingest.readers import ImportFileError, Table
from stinet.ingest.record import ERROR

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
_DC, _RECORD, _HEADER = f"{{{OAI_DC}}}dc", f"{{{OAI}}}record", f"{{{OAI}}}header"


def open_oai_dc(path: Path) -> Table:
    """Parse the whole file and find its records, or raise ImportFileError."""
    from stinet.ingest.marcfiles import parse_xml
    from stinet.sources.mapping import FIELDS

    tree = parse_xml(path, "Dublin Core")
    root = tree.getroot()
    records: list[tuple[str, etree._Element | None]] = []  # identifier, oai_dc:dc (None: deleted)
    deleted = 0
    if root.tag == _DC:
        records.append(("", root))
    elif root.find(f".//{_RECORD}") is not None:
        for record in root.iter(_RECORD):
            header = record.find(_HEADER)
            identifier = (header.findtext(f"{{{OAI}}}identifier") or "").strip() if header is not None else ""
            if header is not None and header.get("status") == "deleted":
                deleted += 1
                continue
            records.append((identifier, record.find(f".//{_DC}")))
        if records and all(dc is None for _identifier, dc in records):  # a ListRecords in datacite, marc21...
            raise ImportFileError(_("%(file)s: the records are in %(format)s, not oai_dc (import them as oai_dc, "
                                    "or marcxml for MARC)") % {"file": path.name, "format": _format(root)})
    elif root.tag != f"{{{OAI}}}OAI-PMH":  # an OAI-PMH answer without records (ListSets' descriptions): none
        records.extend(("", dc) for dc in root.iter(_DC))
    if not records:
        raise ImportFileError((ngettext("%(file)s: no oai_dc records: %(what)s, and its %(n)s record is deleted",
                                        "%(file)s: no oai_dc records: %(what)s, and its %(n)s records are deleted",
                                        deleted) if deleted else _("%(file)s: no oai_dc records: %(what)s"))
                              % {"file": path.name, "what": _what(root), "n": deleted})
    table = Table(path, "oai_dc", list(FIELDS), len(records), (tree.docinfo.encoding or "utf-8").lower(),
                  unit="record")
    if deleted:
        table.note("note", None, ngettext("%(n)s deleted record in the file skipped",
                                          "%(n)s deleted records in the file skipped", deleted) % {"n": deleted})
    table._records = records  # type: ignore[attr-defined]  # parsed once, reused by rows()
    return table


def _format(root: etree._Element) -> str:
    """The metadata format of an OAI-PMH answer's records: its request's metadataPrefix, else the
    element its first record's metadata holds."""
    request = root.find(f"{{{OAI}}}request")
    if request is not None and request.get("metadataPrefix"):
        return str(request.get("metadataPrefix"))
    held = next((e for e in root.iterfind(f".//{{{OAI}}}metadata/*") if isinstance(e.tag, str)), None)
    return f"<{etree.QName(held).localname}>" if held is not None else "?"


def _what(root: etree._Element) -> str:
    """What a file without records is: an OAI-PMH answer to another verb, or another root element."""
    qname = etree.QName(root)
    if root.tag == f"{{{OAI}}}OAI-PMH":
        answer = next((etree.QName(e).localname for e in root if isinstance(e.tag, str)
                       and etree.QName(e).localname not in ("responseDate", "request")), "")
        return _("an OAI-PMH %(verb)s answer") % {"verb": answer} if answer else _("an empty OAI-PMH answer")
    if qname.namespace:
        return _("the root element is <%(name)s> in namespace %(namespace)s") % {
            "name": qname.localname, "namespace": qname.namespace}
    return _("the root element is <%(name)s>") % {"name": qname.localname}


def oai_dc_rows(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """(record number, canonical field -> text) for every record of a checked file."""
    from stinet.ingest.record import RowError
    from stinet.sources.mapping import MappingError, oai_dc_row

    for number, (identifier, dc) in enumerate(table._records, 1):  # type: ignore[attr-defined]
        if dc is None:
            yield number, {ERROR: _("record %(id)s: no oai_dc metadata") % {"id": identifier or number}}
            continue
        try:
            yield number, oai_dc_row(identifier, dc, table.holder)
        except (RowError, MappingError, ValueError) as exc:
            yield number, {ERROR: str(exc)}
