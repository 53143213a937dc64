"""Shared fixtures: an isolated data folder and search index per test, catalogue factories."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# The tests choose their language (translation.override); a developer's own choice for the command
# line would override it in every command the tests run in this process.
os.environ.pop("STINET_LANGUAGE", None)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file of the shared conformance data; the test is skipped when shared/ is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    return path


STINET = [sys.executable, "-m", "stinet.cli"]


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """`stinet ...` as a user runs it: a real process on a fresh data folder (the embedded default)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINET_")}
    env["STINET_DATA_DIR"] = str(tmp_path / "cli-data")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if "STINET_DATABASE_URL" in os.environ:  # the PostgreSQL run: these need no second database
        pytest.skip("CLI end-to-end runs on the embedded default")

    def stinet(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*STINET, *args], env=env, capture_output=True, text=True, timeout=120, cwd=cwd)

    return stinet


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the site's default language, whatever a request of an earlier test left
    active in this thread (a page asked for with ?lang=en activates English until something resets it)."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _isolated_index(settings: Any, tmp_path: Path) -> Iterator[None]:
    """Each test gets its own data folder and search index."""
    from stinet.catalog import dedup
    from stinet.formats.marcxml import forget_field_names
    from stinet.search import indexing

    dedup.forget_popular_keys()  # learnt per process; each test has its own catalogue
    forget_field_names()
    settings.DATA_DIR = tmp_path / "data"
    settings.SEARCH_INDEX_DIR = tmp_path / "data" / "index"
    indexing.reset()
    yield
    indexing.reset()


@pytest.fixture
def org(db: Any) -> Any:
    """A member organisation 'HPU'."""
    from stinet.catalog.services import add_organisation

    return add_organisation("HPU", "Trường Đại học Hải Phòng", name_en="Hai Phong University",
                            kind="university", member=True)


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write rows (dicts) as a UTF-8 CSV file and return its path."""

    def write(rows: list[dict[str, str]], name: str = "data.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        header = list(dict.fromkeys(k for row in rows for k in row))
        with path.open("w", newline="", encoding=encoding) as fh:
            writer = csv.DictWriter(fh, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)
        return path

    return write


def row(title: str, **fields: str) -> dict[str, str]:
    """A DSpace-style CSV row; keyword names use '_' for '.' (dc_type -> dc.type)."""
    out = {"dc.title": title}
    out.update({k.replace("__", "-").replace("_", "."): v for k, v in fields.items()})
    return out


@pytest.fixture
def catalogue(org: Any, write_csv: Callable[..., Path]) -> Any:
    """A small catalogue imported through the real importer, for search tests."""
    from stinet.catalog.services import add_organisation
    from stinet.ingest.services import import_file

    lib = add_organisation("TVHP", "Thư viện Khoa học tổng hợp Hải Phòng", kind="library",
                           member=True)
    rows = [
        row("Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long", id="1", dc_type="Báo cáo kết quả nghiên cứu",
            dc_date_issued="2016", dc_contributor_author="Nguyễn Văn An||Trần Thị Bình",
            dc_subject="đa dạng sinh học||san hô", dc_description_abstract="Khảo sát đa dạng sinh học rạn san hô.",
            dc_language_iso="vi", local_access="public"),
        row("Kỹ thuật trồng cây chè Shan tuyết", id="2", dc_type="Luận văn thạc sĩ", dc_date_issued="2018",
            dc_contributor_author="Lê Văn Cường", dc_subject="cây chè||nông nghiệp",
            dc_description_abstract="Nghiên cứu kỹ thuật canh tác chè vùng cao.", dc_language_iso="vi"),
        row("Thi truong che xuat khau", id="3", dc_type="Bài báo", dc_date_issued="2019",
            dc_contributor_author="Pham Van Dung", dc_subject="che||xuat khau",
            dc_description_abstract="Phan tich thi truong che.", dc_language_iso="vi"),
        row("Ứng dụng KH&CN trong quản lý cảng biển Hải Phòng", id="4", dc_type="Luận án tiến sĩ",
            dc_date_issued="2021", dc_contributor_author="Hoàng Minh Đức",
            dc_subject="cảng biển||logistics", dc_description_abstract="Ứng dụng khoa học và công nghệ.",
            dc_language_iso="vi"),
        row("Marine biodiversity of Cat Ba archipelago", id="5", dc_type="Article", dc_date_issued="2012",
            dc_contributor_author="Smith, John", dc_subject="biodiversity",
            dc_description_abstract="Biodiversity survey around Cat Ba.", dc_language_iso="en"),
    ]
    import_file(write_csv(rows, "hpu.csv"), "HPU")
    lib_rows = [row("Sinh học biển đại cương", id="L1", dc_type="Sách", dc_date_issued="2010",
                    dc_contributor_author="Đặng Văn Em", dc_subject="sinh học biển",
                    dc_description_abstract="Giáo trình sinh học biển.", local_access="members")]
    import_file(write_csv(lib_rows, "lib.csv"), lib.code)
    return {"HPU": org, "TVHP": lib}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium for the tests marked `browser` (one per test session)."""
    from tests.browser import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture(autouse=True)
def _classification_loaded(request: Any) -> None:
    """The field-of-science codes that a migration loads, back after a transactional test flushed them."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    from stinet.catalog.models import FieldOfScience
    from stinet.catalog.services import load_fields

    if not FieldOfScience.objects.exists():
        load_fields()
