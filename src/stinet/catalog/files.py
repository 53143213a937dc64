"""Services for full texts: attach, OCR, delete and release files of works; every change audited.

Each service takes the acting user as `by` (checked here: administrators and editors of the
holding organisation) or `by=None` for a trusted caller (the CLI) named by `actor`.
Bytes are checked (type, size) and their text extracted before anything is written; the file
goes under MEDIA_ROOT at a path named by its SHA-256, the row and the audit entry in one
transaction (the bytes are removed again if it fails), and the search index follows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from stinet.accounts.permissions import edits_organisation, require
from stinet.catalog import fileaccess, fulltext
from stinet.catalog.models import Holding, Organisation, Work, WorkFile
from stinet.catalog.services import CatalogError, audit, get_organisation
from stinet.catalog.vocab import ACCESS_LEVELS

MAX_BYTES = int(float(os.environ.get("STINET_FILES_MAX_MB", "100")) * 1024 * 1024)


class FileRefused(CatalogError):
    """A file that cannot be attached, changed or read, with a one-line reason."""


def _acting(by: Any, actor: str) -> tuple[str, Any]:
    """The audit label and user of whoever acts."""
    return (by.get_username(), by) if by is not None else (actor, None)


def _require_editor(by: Any, org: Organisation) -> None:
    """Refuse unless a trusted caller, an administrator or an editor of the organisation acts."""
    if by is not None:
        require(edits_organisation(by, org.pk),
                _("only the network administrators and the editors of %(org)s manage the files of its holdings")
                % {"org": org.code})


def media_root() -> Path:
    """Where stored files live."""
    return Path(settings.MEDIA_ROOT)


def stored_path(file: WorkFile) -> Path:
    """The stored bytes of a file."""
    return media_root() / file.path


def parse_embargo(value: str | dt.date | None) -> dt.date | None:
    """An embargo date from YYYY-MM-DD (None or '' for none)."""
    if value is None or isinstance(value, dt.date):
        return value
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FileRefused(_("embargo %(value)r: use a date as YYYY-MM-DD") % {"value": value}) from None


def check_access(access: str) -> str:
    """An access level, or a refusal naming the valid ones."""
    if access not in ACCESS_LEVELS:
        raise FileRefused(_("access %(access)r: one of %(levels)s")
                          % {"access": access, "levels": ", ".join(ACCESS_LEVELS)})
    return access


def check_bytes(data: bytes, name: str, max_bytes: int | None = None) -> str:
    """The media type of acceptable bytes, or a refusal (empty, too big, not a document)."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        raise FileRefused(_("%(name)s: %(size)s bytes is more than the %(limit)s byte limit (STINET_FILES_MAX_MB)")
                          % {"name": name, "size": len(data), "limit": limit})
    try:
        return fulltext.sniff(data, name)
    except fulltext.FileError as exc:
        raise FileRefused(str(exc)) from None


def holder_of(work: Work, org_code: str | None) -> tuple[Organisation, Holding]:
    """The organisation a file is attached for, and its holding of the work."""
    holdings = list(work.holdings.select_related("organisation"))
    if org_code:
        try:
            org = get_organisation(org_code)
        except CatalogError:  # said as the other refusals (FileRefused), without the CLI's hint
            raise FileRefused(_("organisation %(code)r does not exist") % {"code": org_code}) from None
        holding = next((h for h in holdings if h.organisation_id == org.pk), None)
        if holding is None:
            raise FileRefused(_("organisation %(org)s holds no copy of work %(work)s")
                              % {"org": org.code, "work": work.pk})
        return org, holding
    if not holdings:
        raise FileRefused(_("no organisation holds work %(work)s: a file is attached for one that holds it")
                          % {"work": work.pk})
    if len(holdings) != 1:
        codes = ", ".join(h.organisation.code for h in holdings)
        raise FileRefused(_("work %(work)s is held by %(codes)s: name the organisation (--org)")
                          % {"work": work.pk, "codes": codes})
    return holdings[0].organisation, holdings[0]


def _write(data: bytes, sha: str, mime: str) -> tuple[str, bool]:
    """Store the bytes at their content address (atomically); the relative path and whether it is new."""
    relative = f"files/{sha[:2]}/{sha}{fulltext.EXTENSIONS.get(mime, '.bin')}"
    target = media_root() / relative
    if target.exists():
        return relative, False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return relative, True


def _forget_bytes(relative: str) -> None:
    """Remove stored bytes that no file refers to any more."""
    if not WorkFile.objects.filter(path=relative).exists():
        (media_root() / relative).unlink(missing_ok=True)


def summary(file: WorkFile) -> dict[str, Any]:
    """What the audit log keeps of a file."""
    return {"work": file.work_id, "org": file.organisation.code, "name": file.original_name,
            "sha256": file.sha256, "size": file.size, "access": file.access,
            "embargo_until": file.embargo_until.isoformat() if file.embargo_until else None,
            "text_status": file.text_status, "source_url": file.source_url}


def attach_file(work_id: int, data: bytes, name: str, *, org_code: str | None = None, access: str = "public",
                embargo: str | dt.date | None = None, source_url: str = "", by: Any = None,
                actor: str = "cli", max_bytes: int | None = None) -> WorkFile:
    """Attach a full text to a work for one of its holding organisations, extracting its text."""
    work = Work.objects.filter(pk=work_id).first()
    if work is None:
        raise FileRefused(_("work %(work)s does not exist") % {"work": work_id})
    org, holding = holder_of(work, org_code)
    _require_editor(by, org)
    access, until = check_access(access), parse_embargo(embargo)
    given = Path(name or "file").name
    name = given[:255]
    mime = check_bytes(data, name, max_bytes)
    sha = hashlib.sha256(data).hexdigest()
    same = WorkFile.objects.filter(work=work, sha256=sha).first()
    if same is not None:
        raise FileRefused(_("%(name)s: this file is attached to work %(work)s already (file %(file)s)")
                          % {"name": name, "work": work.pk, "file": same.pk})
    try:
        found = fulltext.extract(data, mime, name)
    except fulltext.FileError as exc:
        raise FileRefused(str(exc)) from None
    kept = fulltext.file_name(given, mime)  # under the extension of its content, whatever it was called
    label, user = _acting(by, actor)
    relative, new = _write(data, sha, mime)
    try:
        with transaction.atomic():
            file = WorkFile.objects.create(
                work=work, organisation=org, holding=holding, original_name=kept, path=relative, mime=mime,
                size=len(data), sha256=sha, access=access, embargo_until=until, text=found.text,
                text_status=found.status, text_encoding=found.encoding, text_note=found.note[:300],
                pages=found.pages, source_url=source_url[:1000], created_by=user)
            audit(label, "file-attach", file, after=summary(file) | ({"given_name": given} if kept != given else {}),
                  user=user)
    except IntegrityError:
        if new:
            _forget_bytes(relative)
        raise FileRefused(_("%(name)s: this file is attached to work %(work)s already")
                          % {"name": name, "work": work.pk}) from None
    except BaseException:
        if new:
            _forget_bytes(relative)
        raise
    _reindex(work.pk)
    return file


def renamed(given: str, file: WorkFile) -> str:
    """The line telling whoever attached a file that it is kept under its content's extension, or ''."""
    given = Path(given or "file").name
    if Path(given).suffix.lower() == Path(file.original_name).suffix.lower():
        return ""
    return (_("%(given)s holds a %(kind)s file: it is kept as %(name)s")
            % {"given": given, "kind": fulltext.EXTENSIONS.get(file.mime, file.mime), "name": file.original_name})


def _reindex(work_id: int) -> None:
    """Bring the work's search document up to date (its readable full texts)."""
    from stinet.search.indexing import works_changed

    works_changed([work_id])


def get_file(work_id: int, file_id: int) -> WorkFile:
    """A file of a work, or a refusal."""
    file = WorkFile.objects.select_related("organisation", "work").filter(pk=file_id, work_id=work_id).first()
    if file is None:
        raise FileRefused(_("work %(work)s has no file %(file)s") % {"work": work_id, "file": file_id})
    return file


def delete_file(file_id: int, *, by: Any = None, actor: str = "cli") -> None:
    """Remove a file (its bytes too when no other work shares them)."""
    file = WorkFile.objects.select_related("organisation").filter(pk=file_id).first()
    if file is None:
        raise FileRefused(_("file %(file)s does not exist") % {"file": file_id})
    _require_editor(by, file.organisation)
    label, user = _acting(by, actor)
    with transaction.atomic():
        before = summary(file)
        audit(label, "file-delete", file, before=before, user=user)
        file.delete()
    _forget_bytes(file.path)
    _reindex(before["work"])


def change_file(file_id: int, *, access: str | None = None, embargo: str | dt.date | None = "",
                by: Any = None, actor: str = "cli") -> WorkFile:
    """Change a file's access level or embargo (embargo '' leaves it, None removes it)."""
    file = WorkFile.objects.select_related("organisation").filter(pk=file_id).first()
    if file is None:
        raise FileRefused(_("file %(file)s does not exist") % {"file": file_id})
    _require_editor(by, file.organisation)
    before = summary(file)
    if access is not None:
        file.access = check_access(access)
    if embargo != "":
        file.embargo_until = parse_embargo(embargo)
        file.embargo_released = False
    label, user = _acting(by, actor)
    with transaction.atomic():
        file.save()
        audit(label, "file-change", file, before=before, after=summary(file), user=user)
    _reindex(file.work_id)
    return file


def ocr_file(file_id: int, *, by: Any = None, actor: str = "cli") -> WorkFile:
    """Read a scanned PDF with Tesseract (Vietnamese) and keep its text."""
    file = WorkFile.objects.select_related("organisation").filter(pk=file_id).first()
    if file is None:
        raise FileRefused(_("file %(file)s does not exist") % {"file": file_id})
    _require_editor(by, file.organisation)
    try:
        found = fulltext.ocr(stored_path(file).read_bytes(), file.mime, name=file.served_name)
    except fulltext.FileError as exc:
        raise FileRefused(_("file %(file)s: %(reason)s") % {"file": file_id, "reason": exc}) from None
    before = {"text_status": file.text_status, "chars": len(file.text)}
    file.text, file.text_status, file.text_note = found.text, found.status, found.note[:300]
    label, user = _acting(by, actor)
    with transaction.atomic():
        file.save(update_fields=["text", "text_status", "text_note", "updated_at"])
        audit(label, "file-ocr", file, before=before, after={"text_status": file.text_status,
                                                              "chars": len(file.text)}, user=user)
    _reindex(file.work_id)
    return file


def scanned_files(include_done: bool = False) -> Iterator[WorkFile]:
    """Files waiting for OCR (scanned PDFs), or every PDF when `include_done`."""
    files = WorkFile.objects.filter(mime=fulltext.PDF).defer("text").order_by("pk")
    if not include_done:
        files = files.filter(text_status="scanned")
    return files.iterator()


def release_embargoes(on: dt.date | None = None, actor: str = "cli") -> list[int]:
    """Re-index the works whose files' embargoes have ended (run daily); the works' ids."""
    files = list(WorkFile.objects.filter(embargo_until__lte=on or fileaccess.today(), embargo_released=False)
                 .only("pk", "work_id"))
    if not files:
        return []
    works = sorted({f.work_id for f in files})
    with transaction.atomic():
        WorkFile.objects.filter(pk__in=[f.pk for f in files]).update(embargo_released=True)
        for file in files:
            audit(actor, "file-release", file, after={"work": file.work_id})
    _reindex_many(works)
    return works


def _reindex_many(work_ids: list[int]) -> None:
    """Re-index several works."""
    from stinet.search.indexing import works_changed

    works_changed(work_ids)
