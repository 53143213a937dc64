"""Building the demo network through the real import path: members' CSV files, then imports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from stinet.catalog.models import Organisation, Work
from stinet.catalog.services import add_organisation, network_hub, set_hub
from stinet.demo.generator import ORGANISATIONS, generate, write_csv
from stinet.demo.orgs import HUB
from stinet.ingest.services import import_file, import_session

LOADING = ".loading"  # in the demo folder until the demo is whole: a run stopped before is resumed

def _organisations() -> list[str]:
    """Create the demo organisations that do not exist yet; returns the member codes."""
    for org in ORGANISATIONS:
        if not Organisation.objects.filter(code=org["code"]).exists():
            add_organisation(org["code"], org["name_vi"], name_en=org["name_en"], kind=org["kind"],
                             province=org["province"], website=org["website"],
                             member=org["member"], actor="demo")
    if not network_hub():
        set_hub(HUB, actor="demo")
    return [o["code"] for o in ORGANISATIONS if o["member"]]


def load_demo(n: int = 5200, progress_bar: Callable[[int | None, str], Any] | None = None,
              folder: Path | None = None) -> Iterator[str]:
    """Create the demo network unless the catalogue has works already (or resume one whose import was
    stopped: the same files imported again change nothing they stored); yields report lines."""
    folder = folder or Path(settings.DATA_DIR) / "demo"
    marker = folder / LOADING
    existing = Work.objects.count()
    if existing and not marker.exists():
        yield _("the catalogue already has %(n)s works; demo data not loaded again") % {"n": existing}
        return
    if existing:
        yield _("resuming the demo network's import, stopped at %(n)s works") % {"n": existing}
    members = _organisations()
    folder.mkdir(parents=True, exist_ok=True)
    marker.touch()
    rows = list(generate(n))
    with import_session():  # the members' files in one session: the index merges once
        for code in members:
            path = folder / f"{code}.csv"
            count = write_csv(path, rows, org=code)
            if not count:
                continue
            if progress_bar is None:
                report = import_file(path, code, actor="demo")
            else:
                with progress_bar(count, path.name) as bar:
                    report = import_file(path, code, actor="demo",
                                         progress=lambda done, bar=bar: bar.update(done - bar.n))
            yield report.lines()[0]
            # its other findings, not the rejected rows one by one
            yield from replace(report, rejections=[], rejected=0).lines()[1:]
    yield _("demo network ready: %(members)s members, %(works)s works") % {"members": len(members),
                                                                           "works": Work.objects.count()}
    for app in ("accounts", "directory", "people", "tasks", "news"):  # each whole or not at all (a rerun adds it)
        with transaction.atomic():
            lines = list(import_module(f"stinet.{app}.demo").load())
        yield from lines
    marker.unlink()
