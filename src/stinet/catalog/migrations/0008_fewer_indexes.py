"""Indexes that only slowed imports: a work's collation key (sorting is the search index's), its
datestamp alone (work_datestamp_id leads with it) and the organisation of source records and
holdings (their unique (organisation, local id) constraints lead with it).

The indexes are dropped by name as the database reports them (SQLite would otherwise rebuild
each table, which takes minutes on a large catalogue); the model state changes as usual.
"""

from django.db import migrations, models

DROPPED = (("catalog_work", "title_sort"), ("catalog_work", "updated_at"),
           ("catalog_sourcerecord", "organisation_id"), ("catalog_holding", "organisation_id"))


def _single_column_indexes(schema_editor, table: str, column: str) -> list[str]:
    """Names of the plain (not unique) indexes on exactly this one column."""
    with schema_editor.connection.cursor() as cursor:
        found = schema_editor.connection.introspection.get_constraints(cursor, table)
    return [name for name, info in found.items()
            if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == [column]]


def drop(apps, schema_editor) -> None:
    for table, column in DROPPED:
        for name in _single_column_indexes(schema_editor, table, column):
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def restore(apps, schema_editor) -> None:
    for table, column in DROPPED:
        if not _single_column_indexes(schema_editor, table, column):
            name = schema_editor.quote_name(f"{table}_{column}_restored")
            schema_editor.execute(f"CREATE INDEX {name} ON {schema_editor.quote_name(table)} "
                                  f"({schema_editor.quote_name(column)})")


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0007_json_text"),
    ]

    operations = [migrations.SeparateDatabaseAndState(
        state_operations=[
            migrations.AlterField(
                model_name="holding",
                name="organisation",
                field=models.ForeignKey(db_index=False, on_delete=models.deletion.PROTECT,
                                        related_name="holdings", to="catalog.organisation"),
            ),
            migrations.AlterField(
                model_name="sourcerecord",
                name="organisation",
                field=models.ForeignKey(db_index=False, on_delete=models.deletion.CASCADE,
                                        to="catalog.organisation"),
            ),
            migrations.AlterField(
                model_name="work",
                name="title_sort",
                field=models.CharField(max_length=255),
            ),
            migrations.AlterField(
                model_name="work",
                name="updated_at",
                field=models.DateTimeField(auto_now=True),
            ),
        ],
        database_operations=[migrations.RunPython(drop, restore)],
    )]
