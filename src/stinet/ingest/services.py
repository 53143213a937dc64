"""Importing a member's file into the catalogue: checked first, stored in atomic batches."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.utils import timezone

from stinet.catalog.models import Holding, ImportRun, Organisation
from stinet.catalog.services import Incoming, get_organisation, store_batch
from stinet.ingest.columns import canonical, is_ignored
from stinet.ingest.readers import ImportFileError, Table, open_table
from stinet.ingest.record import RowError, WorkData, build
from stinet.ingest.report import ImportReport
from stinet.search import indexing
from stinet.vietnamese import to_unicode

BATCH_SIZE = 500
INDEX_COMMIT_BATCHES = 20  # the search index is committed every this many batches
Progress = Callable[[int], None]


def _columns(table: Table, report: ImportReport) -> dict[str, str]:
    """Header -> canonical field; unknown columns are reported (and kept as extra data)."""
    mapping: dict[str, str] = {}
    for header in table.header:
        if not header:
            continue
        field = canonical(header)
        if field is not None:
            mapping[header] = field
        elif not is_ignored(header):
            report.unknown_columns.append(header)
    if "dc.title" not in mapping.values():
        raise ImportFileError(
            f"{table.path.name}: no title column (expected 'dc.title' or a header such as "
            f"'Tên đề tài', 'Nhan đề'); found: {', '.join(h for h in table.header if h)[:200]}"
        )
    return mapping


# Fields holding codes, dates and identifiers rather than text: never taken for legacy encodings.
NOT_TEXT = frozenset({"id", "dc.date.issued", "dc.language.iso", "local.access", "dc.subject.fos",
                      "dc.subject.fos.old", "dc.identifier.uri", "dc.identifier.isbn",
                      "dc.identifier.issn", "dc.identifier.doi", "dc.identifier.handle"})


def convert_row(line: int, row: dict[str, str], report: ImportReport,
                skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """Legacy-encoded (TCVN3, VNI, VIQR) and decomposed text converted to NFC Unicode."""
    out: dict[str, str] = {}
    for column, value in row.items():
        result = to_unicode(value) if value and column not in skip else None
        if result is not None and result.encoding not in (None, "nfd"):
            report.converted(line, column, result.encoding, value, result.text)
        out[column] = result.text if result is not None else value
    return out


def _to_incoming(data: WorkData, payload: dict[str, str], fmt: str) -> Incoming:
    """Split normalised data into work and holding values."""
    holding = {"call_number": data.call_number, "url": data.url, "access": data.access}
    return Incoming(data.local_id, data.work_fields(), holding, payload, fmt)


def parse_rows(table: Table, report: ImportReport, mapping: dict[str, str],
               rows: Iterable[tuple[int, dict[str, str]]]) -> Iterator[Incoming]:
    """Validated records from raw rows; bad rows are rejected with their line and reason."""
    loose = table.format != "csv" or not any(h.startswith("dc.") for h in table.header)
    codes = frozenset(h for h, f in mapping.items() if f in NOT_TEXT)
    seen: set[str] = set()
    for line, raw in rows:
        if loose and sum(1 for v in raw.values() if v.strip()) == 1 and len(table.header) > 2:
            # Vietnamese sheets put section headings ("Đề tài nghiên cứu khoa học") between rows
            report.headings += 1
            continue
        row = convert_row(line, raw, report, codes)
        fields = {f: row[h] for h, f in mapping.items() if row.get(h)}
        extra = {h: v for h, v in row.items() if h not in mapping and not is_ignored(h)}
        try:
            data = build(fields, extra, loose=loose)
        except RowError as exc:
            report.reject(line, str(exc))
            continue
        if data.local_id in seen:
            report.reject(line, f"id: {data.local_id!r} appears twice in this file")
            continue
        seen.add(data.local_id)
        report.derived_ids += data.local_id.startswith("auto:")
        if data.unmapped_type:
            report.unmapped_types[data.unmapped_type] += 1
        yield _to_incoming(data, raw, table.format)


def _file_digest(path: Path) -> str:
    """SHA-256 of a file, to recognise a re-run of an interrupted import."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _resume_point(org: Organisation, file_digest: str) -> ImportRun | None:
    """The last run of the same file if it did not finish (a resume starts after its rows)."""
    last = ImportRun.objects.filter(organisation=org, report__file_digest=file_digest).first()
    return last if last is not None and last.status != "done" and last.rows_done else None


def import_file(path: str | Path, org_code: str, fmt: str | None = None, *,
                actor: str = "cli", progress: Progress | None = None) -> ImportReport:
    """Import a CSV/XLSX/XLS file for one organisation and return its report.

    The file is checked as a whole first (nothing is written for a broken file); records are
    then stored in atomic batches of BATCH_SIZE. An interrupted import of the same file resumes
    after the last committed batch; any re-import updates in place and never duplicates.
    """
    path = Path(path)
    org = get_organisation(org_code)
    table = open_table(path, fmt)
    report = ImportReport(source=path.name, format=table.format, encoding=table.encoding)
    mapping = _columns(table, report)
    file_digest = _file_digest(path)
    interrupted = _resume_point(org, file_digest)
    skip = interrupted.rows_done if interrupted else 0
    if interrupted is not None:  # its stored rows may not have reached the index
        indexing.works_changed(Holding.objects.filter(source__run=interrupted)
                               .values_list("work_id", flat=True))
    run = ImportRun.objects.create(organisation=org, source_name=path.name, format=table.format,
                                   report={"file_digest": file_digest})
    rows = table.rows()
    if skip:
        report.skipped_resume = skip
        rows = (r for i, r in enumerate(rows) if i >= skip)
    try:
        _store_all(org, run, parse_rows(table, report, mapping, rows), report, actor, progress, skip)
    except BaseException as exc:
        _finish(run, report, "failed", error=str(exc) or type(exc).__name__)
        raise
    _finish(run, report, "done")
    return report


def _store_all(org: Organisation, run: ImportRun, records: Iterable[Incoming],
               report: ImportReport, actor: str, progress: Progress | None, done: int) -> None:
    """Store records batch by batch, recording after each commit where a resume would start."""
    label = f"import {org.code} {run.source_name}"
    batch: list[Incoming] = []
    consumed = done

    flushed = 0

    def flush() -> None:
        nonlocal flushed
        counts, created, updated = store_batch(org, batch, label, run)
        report.add_counts(counts)
        indexing.records_created(org.code, created)
        indexing.works_changed(updated)
        run.rows_done = consumed
        run.save(update_fields=["rows_done"])
        batch.clear()
        flushed += 1
        if flushed % INDEX_COMMIT_BATCHES == 0:
            indexing.commit()

    with indexing.bulk():
        last_rejected = 0
        for item in records:
            batch.append(item)
            consumed += 1 + (report.rejected - last_rejected)
            last_rejected = report.rejected
            if progress:
                progress(consumed)
            if len(batch) >= BATCH_SIZE:
                flush()
        consumed += report.rejected - last_rejected
        flush()


def _finish(run: ImportRun, report: ImportReport, status: str, error: str = "") -> None:
    """Save the run's final status and report."""
    run.status = status
    run.finished_at = timezone.now()
    run.counts = report.counts()
    run.report = {**run.report, **report.as_dict()}
    run.error = error
    run.save()
