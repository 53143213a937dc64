"""Title collation keys of up to 1,000 characters (stinet.catalog.models.TITLE_SORT_CHARS).

SQLite does not enforce a column's length, so only PostgreSQL's column changes (a larger varchar:
no table rewrite); on SQLite, altering the field would copy the whole table.
"""

from django.db import migrations, models


def forwards(apps, schema_editor):
    """Widen the column on PostgreSQL."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE catalog_work ALTER COLUMN title_sort TYPE varchar(1000)")


def backwards(apps, schema_editor):
    """Narrow it again (keys cut to 255 characters)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE catalog_work ALTER COLUMN title_sort TYPE varchar(255) "
                              "USING left(title_sort, 255)")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0012_organisation_one_hub")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AlterField("work", "title_sort", models.CharField(max_length=1000))],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
