"""What a task's document must be: a file that begins as a document of its extension does."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

# how a document of each kind begins (an executable renamed "report.pdf" is refused): PDF, Office Open XML and
# OpenDocument (ZIP), Office 97-2003 (OLE), RTF; text has no NUL byte (UTF-16 aside)
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCUMENT_STARTS = {".pdf": (b"%PDF-",), ".docx": (_ZIP,), ".xlsx": (_ZIP,), ".odt": (_ZIP,), ".ods": (_ZIP,),
                   ".doc": (_OLE,), ".xls": (_OLE,), ".rtf": (b"{\\rtf",)}


def content_refusal(name: str, suffix: str, upload: Any) -> str:
    """Why the file's first bytes are not a document of its extension ("" when they are)."""
    position = upload.tell() if hasattr(upload, "tell") else None
    head = upload.read(4096) if hasattr(upload, "read") else b""
    if position is not None:
        upload.seek(position)
    head = head if isinstance(head, bytes) else str(head).encode()
    starts = DOCUMENT_STARTS.get(suffix)
    if starts is not None:
        fits = any(head.lstrip()[:len(s)] == s if suffix == ".pdf" else head.startswith(s) for s in starts)
    else:  # .txt, .csv
        fits = head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" not in head
    if fits:
        return ""
    return _("%(name)s: the file's content is not a %(suffix)s document") % {"name": name, "suffix": suffix}
