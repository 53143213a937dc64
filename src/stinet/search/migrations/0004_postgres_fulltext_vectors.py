"""PostgreSQL only: a tsvector and a GIN index per access level of the full texts."""

from django.db import migrations

LEVELS = ("public", "members", "metadata")


def forwards(apps, schema_editor):
    """Add the full-text vectors and their indexes when the database is PostgreSQL."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for level in LEVELS:
        schema_editor.execute(
            f"ALTER TABLE search_searchdocument ADD COLUMN ftv_{level} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, ft_{level})) STORED")
        schema_editor.execute(
            f"CREATE INDEX search_ftv_{level}_gin ON search_searchdocument USING gin (ftv_{level})")


def backwards(apps, schema_editor):
    """Drop them again."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for level in LEVELS:
        schema_editor.execute(f"ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS ftv_{level}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fulltext_fields")]
    operations = [migrations.RunPython(forwards, backwards)]
