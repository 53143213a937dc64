"""What the benchmarks share: Django on a data folder, and a catalogue built the real way."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 50_000  # generated rows per round of member files


def setup_django(data_dir: Path | str) -> None:
    """Configure Django on a data folder (the database URL, if any, comes from the environment)."""
    os.environ["STINET_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stinet.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from stinet.catalog.setup import ensure_database

    ensure_database()


def import_generated(n: int, data_dir: Path, on_round: Callable[[int, float], None] | None = None
                     ) -> tuple[int, float]:
    """Import n generated works as the members' CSV files; (records stored, seconds importing)."""
    from stinet.catalog.models import Organisation
    from stinet.catalog.services import add_organisation
    from stinet.demo.generator import ORGANISATIONS, generate, write_csv
    from stinet.ingest.services import import_file, import_session

    for org in ORGANISATIONS:
        if not Organisation.objects.filter(code=org["code"]).exists():
            add_organisation(org["code"], org["name_vi"], kind=org["kind"], member=org["member"])
    files = data_dir / "bench-files"
    files.mkdir(exist_ok=True)
    # Every file is written first and the whole session is timed: the search engine merges its
    # segments in the background, which must not get the generator's time for free.
    rounds: list[list[tuple[str, Path]]] = []
    rows_iter = generate(n)
    while chunk := [r for _, r in zip(range(CHUNK), rows_iter, strict=False)]:
        by_org: dict[str, list[dict[str, str]]] = {}
        for row in chunk:
            by_org.setdefault(row["org"], []).append(row)
        rounds.append([])
        for code, rows in by_org.items():
            path = files / f"{code}-{len(rounds)}.csv"
            write_csv(path, rows)
            rounds[-1].append((code, path))
    imported, start = 0, time.perf_counter()
    with import_session():  # as `stinet import` of several files: the index merges once, at the end
        for round_files in rounds:
            for code, path in round_files:
                report = import_file(path, code, actor="bench")
                imported += report.new + report.updated
                path.unlink()
            if on_round:
                on_round(imported, time.perf_counter() - start)
    seconds = time.perf_counter() - start  # with the session's end: waiting for the index's merges
    return imported, seconds


def twin_quality() -> tuple[float, float, int]:
    """Precision and recall of duplicate merging over the generator's twins (demo.pair), as built.

    A twin pair is found when both records ended in one work; a merge is right when every
    record in a merged work belongs to the same pair. Returns (precision, recall, pairs).
    """
    import json
    from collections import defaultdict

    from django.db import connection

    pair_works: dict[str, set[int]] = defaultdict(set)
    work_keys: dict[int, list[str]] = defaultdict(list)
    with connection.cursor() as cur:
        cur.execute("SELECT h.work_id, s.payload FROM catalog_holding h JOIN catalog_sourcerecord s "
                    "ON s.id = h.source_id")
        for work_id, payload in cur:
            data = json.loads(payload) if isinstance(payload, str) else payload
            key = data.get("demo.pair", "")
            if key:
                pair_works[key].add(work_id)
            work_keys[work_id].append(key)
    merged = [keys for keys in work_keys.values() if len(keys) > 1]
    right = [keys for keys in merged if len(set(keys)) == 1 and keys[0]]
    found = sum(1 for works in pair_works.values() if len(works) == 1)
    return (len(right) / len(merged) if merged else 1.0), (found / len(pair_works) if pair_works else 1.0), \
        len(pair_works)
