"""PostgreSQL only: the words of the search documents with their counts, for the spelling correction."""

from django.db import migrations

TABLES = """
CREATE TABLE search_vocabulary (word text COLLATE "C" NOT NULL, weight "char" NOT NULL, ndoc integer NOT NULL);
CREATE INDEX search_vocabulary_word ON search_vocabulary (word, weight);
CREATE TABLE search_vocabulary_state (written bigint NOT NULL);
INSERT INTO search_vocabulary_state VALUES (-1)
"""  # written -1: filled at the end of the next import, harvest or rebuild (postgres_backend.refresh_vocabulary)
DROP = "DROP TABLE search_vocabulary_state; DROP TABLE search_vocabulary"


def forwards(apps, schema_editor):
    """Make the vocabulary's tables when the database is PostgreSQL."""
    if schema_editor.connection.vendor == "postgresql":
        for statement in TABLES.split(";\n"):
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    """Drop them again."""
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP.split("; "):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_pending_index")]
    operations = [migrations.RunPython(forwards, backwards)]
