"""Holdings indexed by (work, organisation) instead of work alone: duplicate matching asks which
members hold each candidate work, answered from the index without reading the holdings (at 10^6
works those rows are scattered over the table).

The old index is dropped by the name the database reports, as in 0008.
"""

from django.db import migrations, models

from stinet.catalog.migrations._indexes import drop_single_column_indexes, restore_single_column_index

TABLE = "catalog_holding"


def forwards(apps, schema_editor) -> None:
    schema_editor.execute(f"CREATE INDEX holding_work_org ON {TABLE} (work_id, organisation_id)")
    drop_single_column_indexes(schema_editor, TABLE, "work_id")


def backwards(apps, schema_editor) -> None:
    restore_single_column_index(schema_editor, TABLE, "work_id")
    schema_editor.execute("DROP INDEX holding_work_org")


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0009_workkey_candidates"),
    ]

    operations = [migrations.SeparateDatabaseAndState(
        state_operations=[
            migrations.AlterField(
                model_name="holding",
                name="work",
                field=models.ForeignKey(db_index=False, on_delete=models.deletion.CASCADE,
                                        related_name="holdings", to="catalog.work"),
            ),
            migrations.AddIndex(model_name="holding",
                                index=models.Index(fields=["work", "organisation"], name="holding_work_org")),
        ],
        database_operations=[migrations.RunPython(forwards, backwards)],
    )]
