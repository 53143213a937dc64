"""Importing a member's file into the catalogue: checked first, stored in atomic batches."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stinet.catalog.models import Holding, ImportRun, Organisation
from stinet.catalog.runs import owned, recover_ended_runs
from stinet.catalog.services import Incoming, get_organisation, store_batch
from stinet.catalog.stops import stops_held
from stinet.catalog.vocab import named_extra
from stinet.ingest.parsing import ParseContext, chunks, column_fields, parse_chunk, parse_chunk_in, row_context
from stinet.ingest.readers import ImportFileError, Table, distinct_headers, open_table
from stinet.ingest.record import DERIVED
from stinet.ingest.report import ImportReport
from stinet.ingest.workers import fewer_collections, ordered, pool, worker_niceness
from stinet.search import indexing

BATCH_SIZE = 500
CHUNK_SIZE = 250  # rows parsed together (in a worker process for large files)
PARALLEL_MIN_ROWS = 1000  # forking the parsers costs far less than parsing this many rows here
INDEX_COMMIT_BATCHES = 100  # the search index is committed every this many batches (~50,000 rows;
# each commit makes Tantivy flush and merge segments, a few per cent of an import; a resumed import
# re-indexes what the interrupted one stored)
Progress = Callable[[int], None]


def _columns(table: Table, report: ImportReport) -> dict[str, str]:
    """Header -> canonical field; unknown columns are reported (and kept as extra data); a repeated
    column name is numbered (every column is read) and noted."""
    table.header, renamed = distinct_headers(table.header)
    for name, later in renamed.items():
        table.note("note", table.header_line, _("the header has %(name)r %(n)s times: the later columns are read as "
                                                "%(names)s (a field of one value keeps their values as extra data)")
                   % {"name": name, "n": len(later) + 1, "names": ", ".join(repr(n) for n in later)})
    mapping, unknown = column_fields(table.header)
    report.extra_columns.extend(c for c in unknown if named_extra(c))
    report.unknown_columns.extend(c for c in unknown if not named_extra(c))
    if "dc.title" not in mapping.values():
        found = ", ".join(" ".join(h.split()) for h in table.header if h.strip())  # one line: no cell's line breaks
        raise ImportFileError(
            _("%(file)s: no title column (expected 'dc.title' or a header such as 'Tên đề tài', 'Nhan đề'); "
              "found: %(found)s") % {"file": table.path.name, "found": found[:200]}
        )
    return mapping


def _interrupted() -> str:
    """What an import stopped by Ctrl-C or a stop signal says on its run."""
    return _("interrupted (Ctrl-C or a stop signal): what it stored is kept and searchable, importing the same file "
             "again resumes")


def check_columns(table: Table) -> None:
    """Refuse a file with no title column as its import would, before it is kept (an upload: QA 26)."""
    _columns(table, ImportReport(table.path.name))


def _workers(rows_total: int | None) -> int:
    """Worker processes for parsing: none for small files, else one per core (at most 4).

    The settings of the workers are checked here, before anything is stored.
    """
    worker_niceness()
    configured = os.environ.get("STINET_IMPORT_WORKERS", "").strip()
    if configured:
        if not configured.isdigit() or int(configured) < 1:
            raise ValueError(_("STINET_IMPORT_WORKERS: %(value)r is not a number of processes (1 or more)")
                             % {"value": configured})
        return int(configured)
    if (rows_total or 0) < PARALLEL_MIN_ROWS:
        return 1
    return min(os.cpu_count() or 1, 4)


def parsed_chunks(ctx: ParseContext, rows: Iterable[tuple[int, dict[str, str]]],
                  workers: int) -> Iterator[tuple[list[Incoming], ImportReport, int]]:
    """(records, partial report, rows read) per chunk, in the file's order.

    With several workers the chunks are parsed in forked processes (parsing touches no
    database) while this process stores the previous ones. Inside an import session the
    workers are forked once and serve every file, each in the language active here.
    """
    chunked = chunks(rows, CHUNK_SIZE)
    if workers <= 1:
        yield from (parse_chunk(ctx, chunk) for chunk in chunked)
        return
    parse = functools.partial(parse_chunk_in, translation.get_language(), ctx)
    if _session is None:
        with pool(workers) as executor:
            yield from ordered(executor, parse, chunked, ahead=2 * workers)
        return
    if _session.workers < workers:  # a bigger file than the session's workers were forked for
        _session.close()
        _session.executor, _session.workers = pool(workers), workers
    try:
        yield from ordered(_session.executor, parse, chunked, ahead=2 * workers)
    except BaseException:
        _session.close()  # tasks of this file may still run in it (or it broke): the next file forks anew
        raise


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


@dataclass
class _Session:
    """An import session's parsing workers, kept from one file to the next."""

    executor: ProcessPoolExecutor | None = None
    workers: int = 0

    def close(self) -> None:
        """Stop the workers (the next file that needs them forks new ones)."""
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
        self.executor, self.workers = None, 0


_session: _Session | None = None  # inside import_session()


@contextlib.contextmanager
def import_session() -> Iterator[None]:
    """Several imports in a row (`stinet import A.csv B.xlsx`, the benchmarks).

    Each file is still committed to the search index when it ends (durable and searchable, as
    alone), but the index's segment merges are waited for once, at the end, instead of after
    every file: with 10^6 works indexed, that wait was a fifth of importing many small files.
    The parsing workers are forked once too (forking a storing process grown to gigabytes took
    ~0.1-0.3 s per file), and keep their caches of names and titles from file to file.
    """
    global _session
    if _session is not None:  # a session inside a session: the outer one keeps everything
        yield
        return
    _session = _Session()
    try:
        with indexing.bulk(), fewer_collections():
            yield
    finally:
        _session.close()
        _session = None


def import_file(path: str | Path, org_code: str, fmt: str | None = None, *,
                actor: str = "cli", progress: Progress | None = None,
                started: Callable[[int | None], None] | None = None, keep_rejected: bool = False,
                workers: int | None = None) -> ImportReport:
    """Import a CSV/XLSX/XLS/MARC/MARCXML file for one organisation and return its report.

    The file is checked as a whole first (nothing is written for a broken file); records are
    then stored in atomic batches of BATCH_SIZE. An interrupted import of the same file resumes
    after the last committed batch; any re-import updates in place and never duplicates.
    `started` is told the file's number of rows (None when the format does not say) once the
    file is checked, before any is stored; `progress` then the rows done so far. `keep_rejected`:
    the report keeps every rejection (rejected_at), not only the first MAX_LISTED (rejects.py). `workers`:
    the parsing processes (None: as the file's size and STINET_IMPORT_WORKERS say; 1 in a web request).
    """
    path = Path(path)
    org = get_organisation(org_code)
    table = open_table(path, fmt)
    if started is not None:
        started(table.rows_total)
    table.holder = (org.code, org.name_vi, org.name_en)
    report = ImportReport(source=path.name, format=table.format, encoding=table.encoding,
                          position_word=table.unit, rejected_at={} if keep_rejected else None)
    mapping = _columns(table, report)
    workers = _workers(table.rows_total) if workers is None else workers
    file_digest = _file_digest(path)
    recover_ended_runs()  # a run killed outright: what it stored after the index's last commit, indexed now
    interrupted = _resume_point(org, file_digest)
    skip = interrupted.rows_done if interrupted else 0
    if interrupted is not None:  # its stored rows may not have reached the index
        indexing.works_changed(Holding.objects.filter(source__run=interrupted)
                               .values_list("work_id", flat=True))
        indexing.commit()  # now, even inside a bulk session: this run may be interrupted too
    run = ImportRun.objects.create(organisation=org, source_name=path.name, format=table.format,
                                   report=owned({"file_digest": file_digest}))
    rows, ctx = table.rows(), row_context(table.header, table.format, mapping, org.code)
    seen: dict[str, int] = {}  # the identifiers read so far, with the line of each
    if skip:
        report.skipped_resume = skip
        # the rows stored before the interruption, read again (not stored): their identifiers, so that a later
        # row repeating one is refused as it would have been without the interruption, and their rejections,
        # which the report (and `import --rejects`) lists as for an uninterrupted import
        for items, part, _read in parsed_chunks(ctx, itertools.islice(rows, skip), 1):
            report.merge_rejections(part)
            for item in items:
                _first_with_its_id(item, seen, report)
    try:
        # closed at once on a failure: its workers stop now, not when the traceback is collected
        with fewer_collections(), contextlib.closing(parsed_chunks(ctx, rows, workers)) as chunked:
            _store_all(org, run, chunked, report, actor, progress, skip, seen)
    except BaseException as exc:
        report.add_notes(table.notes, table.more_notes)  # what reading found so far
        _finish(run, report, "failed", error=_interrupted() if isinstance(exc, KeyboardInterrupt)
                else str(exc) or type(exc).__name__)  # "Stopped" and "KeyboardInterrupt" were shown (QA 26)
        raise
    report.add_notes(table.notes, table.more_notes)  # rows skipped or to check, other sheets: all read now
    _finish(run, report, "done")
    return report


def _store_all(org: Organisation, run: ImportRun,
               parsed: Iterable[tuple[list[Incoming], ImportReport, int]], report: ImportReport,
               actor: str, progress: Progress | None, done: int, seen: dict[str, int]) -> None:
    """Store records batch by batch, recording after each commit where a resume would start (`seen`: the
    identifiers of the rows before it, `done` of them)."""
    label = f"import {org.code} {run.source_name}"
    batch: list[Incoming] = []
    flushed = 0

    def flush() -> None:
        nonlocal flushed
        with stops_held():  # stored, indexed and counted, or none of these (a stop waits for the three)
            counts, created, updated = store_batch(org, batch, label, run)
            report.add_counts(counts)
            indexing.records_created(org.code, created)
            indexing.works_changed(updated)
            run.rows_done = done  # batches end with a chunk: every row read so far is stored
            run.save(update_fields=["rows_done"])
        batch.clear()
        flushed += 1
        if flushed % INDEX_COMMIT_BATCHES == 0:
            indexing.commit()

    with indexing.bulk():
        for items, part, rows_read in parsed:
            report.merge(part)
            batch.extend(item for item in items if _first_with_its_id(item, seen, report))
            done += rows_read
            if len(batch) >= BATCH_SIZE:
                flush()
            if progress:
                progress(done)
        flush()


def _first_with_its_id(item: Incoming, seen: dict[str, int], report: ImportReport) -> bool:
    """True for the first record of a file with its identifier (noted in `seen`); a later one is rejected."""
    if item.local_id in seen:
        if item.local_id.startswith(DERIVED):  # a row without an identifier: known by its title, year and author
            said = _("no id, and the same title, year and first author as record %(line)s: the same record twice, "
                     "or give each record an id") if report.position_word == "record" else \
                _("no id, and the same title, year and first author as line %(line)s: the same record twice, "
                  "or give each row an id")
            report.reject(item.line, said % {"line": seen[item.local_id]})
        else:
            report.reject(item.line, _("id: %(id)r appears twice in this file") % {"id": item.local_id})
        return False
    seen[item.local_id] = item.line
    return True


def _finish(run: ImportRun, report: ImportReport, status: str, error: str = "") -> None:
    """Save the run's final status and report, its rejections in the file's order (a chunk's parsing
    rejections were listed before the duplicate ids found when it was stored: record 9 before record 7)."""
    report.rejections.sort(key=lambda r: r["line"] if isinstance(r["line"], int) else 0)
    run.status = status
    run.finished_at = timezone.now()
    run.counts = report.counts()
    run.report = {**run.report, **report.as_dict()}
    run.error = error
    run.save()
