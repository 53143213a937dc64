"""Files a member's editor uploads on the web (Excel, CSV, MARC, MARCXML, Dublin Core): kept under
DATA_DIR/uploads/ORG/<time>/, checked as an import checks a file (a broken one is refused at once, in one
line, and not kept), and imported as a file source of the organisation: a small file at once, a larger
one by the worker at its next round. A file uploaded again under its name replaces the one before.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.catalog.files import MAX_BYTES
from stinet.catalog.models import Organisation
from stinet.catalog.services import audit
from stinet.ingest.readers import open_table
from stinet.ingest.services import check_columns
from stinet.sources.locks import free_locks
from stinet.sources.models import Source
from stinet.sources.services import add_source, require_manager

MAX_NAME, MAX_NAME_BYTES = 200, 240  # characters a source's name holds; bytes of a name the disk keeps (255)
_UNSAFE = re.compile(r'[\x00-\x1f\x7f:*?"<>|]')  # not in a file name kept on any system


def uploads_dir() -> Path:
    """Where uploaded files are kept."""
    return Path(settings.DATA_DIR) / "uploads"


def receive(org: Organisation, name: str, chunks: Iterable[bytes], *, user: Any = None,
            actor: str = "cli") -> tuple[Source, int | None]:
    """Keep an uploaded file for the organisation's records and make it a file source due now: the source
    and the file's number of rows (None when its format does not say). ValueError, with nothing kept, for
    a file that is too large or cannot be imported, or when the source it replaces is running."""
    require_manager(user, org.pk, org.code)
    safe = _UNSAFE.sub("_", unicodedata.normalize("NFC", name.replace("\\", "/").rpartition("/")[2])).strip(" .")
    safe = _shortened(safe)
    if not safe:
        raise ValueError(_("the file has no name"))
    folder = uploads_dir() / org.code / timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / safe
    try:
        _keep(path, safe, chunks)
        table = open_table(path)  # ImportFileError (a ValueError): one line naming the file and the problem
        check_columns(table)  # no title column: refused now, as its import would be, not kept as a source
        source = _file_source(org, safe, path, user, actor)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return source, table.rows_total


def _shortened(name: str) -> str:
    """A file name a source's name (200 characters) and the disk (255 bytes; a Vietnamese letter takes up to
    three) hold: the end of the name goes, not its extension."""
    suffix = Path(name).suffix[:20]
    stem = name[:len(name) - len(suffix)] if suffix else name
    while stem and (len(stem) + len(suffix) > MAX_NAME or len((stem + suffix).encode()) > MAX_NAME_BYTES):
        stem = stem[:-1]
    return (stem.rstrip(" .") + suffix) if stem.strip(" .") else ""


def _keep(path: Path, name: str, chunks: Iterable[bytes]) -> None:
    """Write the upload, up to MAX_BYTES; ValueError when it is larger or the disk refuses it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        size = 0
        with path.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > MAX_BYTES:
                    raise ValueError(_("%(name)s: more than the %(limit)s MB an upload may be (STINET_FILES_MAX_MB); "
                                       "import it with `stinet import` on the server")
                                     % {"name": name, "limit": MAX_BYTES // (1024 * 1024)})
                out.write(chunk)
    except OSError as exc:  # a full disk, a folder the server may not write
        raise ValueError(_("%(name)s: the server cannot keep it (%(reason)s)")
                         % {"name": name, "reason": exc.strerror or type(exc).__name__}) from None


def _file_source(org: Organisation, name: str, path: Path, user: Any, actor: str) -> Source:
    """The organisation's file source of this name with the new file, due now (a new one if none)."""
    existing = Source.objects.filter(organisation=org, kind="file", label=name).first()
    if existing is None:
        return add_source(org.code, "", kind="file", file_path=str(path), label=name, actor=actor, user=user)
    now = timezone.now()
    if not Source.objects.filter(free_locks(now), pk=existing.pk).update(file_path=str(path), next_run_at=now):
        raise ValueError(_("%(name)s is being imported: upload it again when that run has ended") % {"name": name})
    forget_upload(existing.file_path)
    audit(actor, "update", existing, before={"file": Path(existing.file_path).name},
          after={"file": name, "uploaded": True}, user=user)
    existing.file_path, existing.next_run_at = str(path), now
    return existing


def is_upload(file_path: str) -> bool:
    """Whether a file source's file is one kept by an upload (not a file elsewhere on the server)."""
    return bool(file_path) and Path(file_path).resolve().parent.parent.parent == uploads_dir().resolve()


def forget_upload(file_path: str) -> None:
    """Delete a file kept by an upload (with its folder); a file elsewhere on the server stays."""
    if is_upload(file_path):
        shutil.rmtree(Path(file_path).parent, ignore_errors=True)
