"""A merged work's description comes from one record: its primary holding's, the first holding.

A work that several members hold shows what the record that made it says (as a union catalogue
keeps its master record): another holder's update changes that holder's holding and source
record only, never what every holder shows. When the primary holding goes (deleted at its
source, split off, merged elsewhere), the work is rebuilt from the next holding's source record,
read again through the importer. When a work is merged into another, what hangs on it (files,
experts' links, the task it reports) moves with it instead of being deleted.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone

from stinet.catalog.models import AuditEntry, Holding, SourceRecord, Work, WorkFile, title_sort_key

WORK_FIELDS = ("type", "title", "title_en", "creators", "degree", "grantor", "year", "date",
               "abstract", "subjects", "field_code", "field_code_old", "language", "publisher",
               "identifiers", "extra")


def primary_holding(work_id: int) -> Holding | None:
    """The holding whose record describes the work: the first one."""
    return Holding.objects.filter(work_id=work_id).order_by("created_at", "pk").first()


def is_primary(holding: Holding) -> bool:
    """True when this holding's record describes its work."""
    first = primary_holding(holding.work_id)
    return first is None or first.pk == holding.pk


NEIGHBOURS = 20  # records of the same run read for the legacy encoding the record's file was in


def record_values(source: SourceRecord, encodings: dict[int | None, Any] | None = None) -> Any:
    """The record a source record holds, read again as the importer reads it (an Incoming), or None
    when it no longer reads (the importer's rules changed, or the payload is not a row). As on import,
    a short legacy-encoded value is read in the encoding the records around it show: here the first
    records of the same run (a TCVN3 file's lone "Sè" is "Số"); `encodings` keeps it by run for the next
    records read."""
    from stinet.ingest.parsing import column_fields, likely_encoding, parse_row, row_context
    from stinet.ingest.report import ImportReport

    payload = source.payload if isinstance(source.payload, dict) else {}
    if not payload:
        return None
    header = [str(h) for h in payload]
    ctx = row_context(header, source.format, column_fields(header)[0], source.organisation.code)
    if encodings is not None and source.run_id in encodings:
        likely = encodings[source.run_id]
    else:
        around = SourceRecord.objects.filter(run_id=source.run_id).order_by("pk").values_list(
            "payload", flat=True) if source.run_id else []
        rows = [(0, {str(k): str(v) for k, v in p.items()}) for p in around[:NEIGHBOURS] if isinstance(p, dict)]
        likely = likely_encoding(rows, ctx.codes) if rows else None
        if encodings is not None and source.run_id is not None:
            encodings[source.run_id] = likely
    return parse_row(ctx, 0, {str(k): str(v) for k, v in payload.items()}, ctx.codes, ImportReport(source=""),
                     likely)


def describe(work: Work, item: Any) -> dict[str, Any]:
    """Give the work the values of a record; the values it had that changed."""
    before = {k: getattr(work, k) for k in WORK_FIELDS if getattr(work, k) != item.work[k]}
    for key in WORK_FIELDS:
        setattr(work, key, item.work[key])
    work.title_sort = title_sort_key(work.title)
    return before


def rebuild(work: Work, actor: str) -> bool:
    """Describe the work by its primary holding's record again; False when that record does not read."""
    from stinet.catalog import dedup

    first = primary_holding(work.pk)
    source = first.source if first is not None else None
    item = record_values(source) if source is not None else None
    if item is None:
        return False
    before = describe(work, item)
    work.save()
    dedup.save_keys([(work.pk, item.work, None)])
    if first is not None and first.matching is not None:
        dedup.forget_record(first)  # its record joined the work once; it describes it now
    if before:
        AuditEntry.objects.create(actor_label=actor, action="rebuild", object_type="work", object_id=str(work.pk),
                                  before=before, after={k: item.work[k] for k in before})
    return True


LINK_WEIGHT = {"confirmed": 2, "rejected": 1}  # an expert's decision outranks a suggestion


READ_TEXT = ("ok", "converted", "ocr")  # text statuses of a file whose text was read


def move_files(files: QuerySet[WorkFile], old: Work, target: Work, actor: str, user: Any = None) -> None:
    """Files that go with their record from one work to another (a merge, a split).

    A work keeps one copy of a file (as attaching one does): where the work they go to has the same
    file already, its copy stays as its holder set it and the moving copy goes (its text with it only
    when the copy kept has none read: a scan read by OCR is not lost). A move never opens a file
    further than its holder's editors did, nor changes another organisation's access. Every file
    moved or dropped is in the audit log."""
    from stinet.catalog.files import summary
    from stinet.catalog.services import audit

    for file in files.select_related("organisation"):
        twin = WorkFile.objects.filter(work=target, sha256=file.sha256).first()
        if twin is None:
            file.work = target
            file.save(update_fields=["work", "updated_at"])
            audit(actor, "file-change", file, before={"work": old.pk}, after={"work": target.pk}, user=user)
            continue
        if file.text_status in READ_TEXT and twin.text_status not in READ_TEXT:
            for name in ("text", "text_status", "text_encoding", "text_note", "pages"):
                setattr(twin, name, getattr(file, name))
            twin.save(update_fields=["text", "text_status", "text_encoding", "text_note", "pages", "updated_at"])
        audit(actor, "file-delete", file, before=summary(file),
              after={"merged_into": target.pk, "kept": twin.pk}, user=user)
        file.delete()  # its bytes stay, shared by content


def holding_files(holding: Holding) -> QuerySet[WorkFile]:
    """The files attached for a holding on its work (those of its organisation attached before files
    named their holding too)."""
    own = Q(holding=holding) | Q(holding__isnull=True, organisation_id=holding.organisation_id)
    return WorkFile.objects.filter(own, work_id=holding.work_id)


def move_dependants(old: Work, target: Work, actor: str, user: Any = None) -> None:
    """What hangs on a work merged into another goes with it: files (move_files), experts' links (a
    decision outranks a suggestion, a confirmation a rejection) and the tasks whose result it is."""
    move_files(WorkFile.objects.filter(work=old), old, target, actor, user)
    link_model = apps.get_model("people", "ExpertWork")
    for link in link_model.objects.filter(work=old):
        twin = link_model.objects.filter(expert_id=link.expert_id, work=target).first()
        if twin is not None and LINK_WEIGHT.get(twin.status, 0) >= LINK_WEIGHT.get(link.status, 0):
            link.delete()
            continue
        if twin is not None:
            twin.delete()
        link.work = target
        link.save(update_fields=["work"])
    apps.get_model("tasks", "Task").objects.filter(result_work=old).update(result_work=target,
                                                                           updated_at=timezone.now())
