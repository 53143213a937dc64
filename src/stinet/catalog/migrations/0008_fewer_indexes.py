"""Indexes that only slowed imports: a work's collation key (sorting is the search index's), its
datestamp alone (work_datestamp_id leads with it) and the organisation of source records and
holdings (their unique (organisation, local id) constraints lead with it).

The indexes are dropped by name as the database reports them (SQLite would otherwise rebuild
each table, which takes minutes on a large catalogue); the model state changes as usual.
"""

from django.db import migrations, models

from stinet.catalog.migrations._indexes import drop_single_column_indexes, restore_single_column_index

DROPPED = (("catalog_work", "title_sort"), ("catalog_work", "updated_at"),
           ("catalog_sourcerecord", "organisation_id"), ("catalog_holding", "organisation_id"))


def drop(apps, schema_editor) -> None:
    for table, column in DROPPED:
        drop_single_column_indexes(schema_editor, table, column)


def restore(apps, schema_editor) -> None:
    for table, column in DROPPED:
        restore_single_column_index(schema_editor, table, column)


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
