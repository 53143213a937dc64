"""PostgreSQL only: keep the two ranking vectors in the table's own rows.

Every match of a search is ranked with `document` and `document_x` (and tested with
`document` again for the phrase bonus). Stored out of line (the default for values that make
a row longer than ~2 kB), each use read the value back through the TOAST table's index: about
16 buffer reads per row, three quarters of the time of a search for a word most works contain.
Storage MAIN moves the texts out of line first and keeps the vectors in the row.

The new storage applies to rows written from now on, so the table is rewritten once
(VACUUM FULL, which cannot run in a transaction: the migration is not atomic).
"""

from django.db import migrations

# The ranking vectors, and what every search reads of each match (facets, sorting): MAIN makes
# the texts (EXTENDED) go out of line first, and these only when a row still does not fit a page.
IN_ROW = ("document", "document_x", "title_sort", "orgs", "access", "type", "field", "language")


def forwards(apps, schema_editor):
    """Store the vectors in the rows and rewrite the rows there are."""
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f"ALTER COLUMN {name} SET STORAGE MAIN" for name in IN_ROW)
    schema_editor.execute(f"ALTER TABLE search_searchdocument {columns}")
    schema_editor.execute("VACUUM FULL search_searchdocument")


def backwards(apps, schema_editor):
    """Back to the default storage (rows written from then on)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f"ALTER COLUMN {name} SET STORAGE EXTENDED" for name in IN_ROW)
    schema_editor.execute(f"ALTER TABLE search_searchdocument {columns}")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("search", "0004_postgres_fulltext_vectors")]
    operations = [migrations.RunPython(forwards, backwards, atomic=False)]
