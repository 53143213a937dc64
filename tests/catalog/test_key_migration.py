"""Migrations 0009-0010 on an existing catalogue: keys filled with what matching reads, holdings re-indexed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from stinet.catalog.matching import title_key

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE, AFTER = [("catalog", "0008_fewer_indexes")], [("catalog", "0009_workkey_candidates")]


def _migrate(target: list[tuple[str, str]] | None = None) -> None:
    """Migrate to `target` (None: the latest migrations)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target or executor.loader.graph.leaf_nodes())


def test_keys_of_works_stored_before_get_type_year_and_title():
    _migrate(BEFORE)
    try:
        with connection.cursor() as cur:
            cur.execute("INSERT INTO catalog_work (id, type, title, title_en, creators, degree, grantor, year, date, "
                        "abstract, subjects, field_code, field_code_old, language, publisher, identifiers, extra, "
                        "title_sort, created_at, updated_at) VALUES (%s, %s, %s, '', '[]', '', '', %s, '', '', '[]', "
                        "'', '', '', '', '{}', '{}', '', %s, %s)",
                        [7, "thesis", "Đánh giá chất lượng nước vịnh Hạ Long : luận văn thạc sĩ", 2016,
                         "2024-01-01 00:00:00+00:00", "2024-01-01 00:00:00+00:00"])
            cur.executemany("INSERT INTO catalog_workkey (work_id, kind, value) VALUES (%s, %s, %s)",
                            [(7, "ty", "danh gia chat luong nuoc vinh ha long|2016"),
                             (7, "author", "nguyen van an|2016")])
        _migrate(AFTER)
        with connection.cursor() as cur:
            cur.execute("SELECT kind, type, year, title FROM catalog_workkey ORDER BY kind")
            rows = cur.fetchall()
        assert rows == [("author", "thesis", 2016, title_key("Đánh giá chất lượng nước vịnh Hạ Long")),
                        ("ty", "thesis", 2016, "")]
        assert rows[0][3] == "danh gia chat luong nuoc vinh ha long"
    finally:
        _migrate()
        with connection.cursor() as cur:
            cur.execute("DELETE FROM catalog_workkey")
            cur.execute("DELETE FROM catalog_work")


def test_holdings_are_indexed_by_work_and_organisation_instead_of_work_alone():
    def indexes() -> dict[str, list[str]]:
        with connection.cursor() as cur:
            found = connection.introspection.get_constraints(cur, "catalog_holding")
        return {name: info["columns"] for name, info in found.items() if info["index"] and not info["unique"]}

    _migrate(AFTER)
    try:
        assert ["work_id"] in indexes().values() and "holding_work_org" not in indexes()
        _migrate()
        assert indexes()["holding_work_org"] == ["work_id", "organisation_id"]
        assert ["work_id"] not in indexes().values()
    finally:
        _migrate()


def test_records_that_joined_works_before_get_their_view_and_keys(org, write_csv):
    """Migration 0018: the records that joined another's work are read again from their source records."""
    from stinet.catalog.models import Holding, WorkKey
    from stinet.catalog.services import add_organisation
    from stinet.ingest.services import import_file
    from tests.conftest import row

    add_organisation("LIB", "Thư viện Khoa học tổng hợp", kind="library", member=True)
    thesis = dict(dc_type="Luận văn thạc sĩ", dc_date_issued="2016", dc_contributor_author="Nguyễn Văn An")
    import_file(write_csv([row("Rạn san hô đảo Cát Bà", id="u1", **thesis)], "u.csv"), "HPU")
    import_file(write_csv([row("Rạn san hô đảo Cát Bà.", id="L1", **thesis)], "l.csv"), "LIB")
    try:
        _migrate([("catalog", "0017_author_keys_initialled")])
        _migrate()
        library, university = Holding.objects.get(local_id="L1"), Holding.objects.get(local_id="u1")
        assert library.matching == {"title": "Rạn san hô đảo Cát Bà.", "type": "thesis", "year": 2016,
                                    "degree": "", "authors": ["Nguyễn Văn An"], "identifiers": {}}
        assert university.matching is None  # it describes the work
        assert {kind for kind, in WorkKey.objects.filter(holding=library).values_list("kind")} == {"ty", "t", "author"}
    finally:
        _migrate()
