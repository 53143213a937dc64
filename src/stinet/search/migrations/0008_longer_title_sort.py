"""Title collation keys of up to 1,000 characters in the PostgreSQL backend's search table (see
catalog 0013); its index on the key stays (a larger varchar needs no rebuild)."""

from django.db import migrations, models

# A change of type resets the column's storage to the type's default: the key is read for every match
# of a search sorted by title, so it stays in the row (storage MAIN, as migration 0005 set it).
KEEP_IN_ROW = "ALTER TABLE search_searchdocument ALTER COLUMN title_sort SET STORAGE MAIN"


def forwards(apps, schema_editor):
    """Widen the column on PostgreSQL."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument ALTER COLUMN title_sort TYPE varchar(1000)")
        schema_editor.execute(KEEP_IN_ROW)


def backwards(apps, schema_editor):
    """Narrow it again (keys cut to 255 characters)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument ALTER COLUMN title_sort TYPE varchar(255) "
                              "USING left(title_sort, 255)")
        schema_editor.execute(KEEP_IN_ROW)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_postgres_vocabulary"), ("catalog", "0013_longer_title_sort")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AlterField("searchdocument", "title_sort", models.CharField(max_length=1000))],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
