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
    from stinet.ingest.services import import_file

    for org in ORGANISATIONS:
        if not Organisation.objects.filter(code=org["code"]).exists():
            add_organisation(org["code"], org["name_vi"], kind=org["kind"], member=org["member"])
    files = data_dir / "bench-files"
    files.mkdir(exist_ok=True)
    rows_iter, part, imported, seconds = generate(n), 0, 0, 0.0
    while chunk := [r for _, r in zip(range(CHUNK), rows_iter, strict=False)]:
        part += 1
        by_org: dict[str, list[dict[str, str]]] = {}
        for row in chunk:
            by_org.setdefault(row["org"], []).append(row)
        for code, rows in by_org.items():
            path = files / f"{code}-{part}.csv"
            write_csv(path, rows)
            start = time.perf_counter()
            report = import_file(path, code, actor="bench")
            seconds += time.perf_counter() - start
            imported += report.new + report.updated
            path.unlink()
        if on_round:
            on_round(imported, seconds)
    return imported, seconds
