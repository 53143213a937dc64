"""PostgreSQL only: generated tsvector columns, GIN and trigram indexes for the search table."""

from django.db import migrations

DOCUMENT = """
ALTER TABLE search_searchdocument ADD COLUMN document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, title), 'A') ||
    setweight(to_tsvector('simple'::regconfig, creators), 'B') ||
    setweight(to_tsvector('simple'::regconfig, subjects), 'C') ||
    setweight(to_tsvector('simple'::regconfig, abstract || ' ' || other || ' ' || equiv), 'D')
) STORED;
ALTER TABLE search_searchdocument ADD COLUMN document_x tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, title_x), 'A') ||
    setweight(to_tsvector('simple'::regconfig, text_x), 'B')
) STORED;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX search_document_gin ON search_searchdocument USING gin (document);
CREATE INDEX search_document_x_gin ON search_searchdocument USING gin (document_x);
CREATE INDEX search_title_trgm ON search_searchdocument USING gin (title gin_trgm_ops);
CREATE INDEX search_subjects_trgm ON search_searchdocument USING gin (subjects gin_trgm_ops);
CREATE INDEX search_orgs_gin ON search_searchdocument USING gin (orgs jsonb_path_ops);
CREATE INDEX search_type_year ON search_searchdocument (type, year);
CREATE INDEX search_title_sort ON search_searchdocument (title_sort COLLATE "C");
"""


def forwards(apps, schema_editor):
    """Add the full-text columns and indexes when the database is PostgreSQL."""
    if schema_editor.connection.vendor == "postgresql":
        for statement in DOCUMENT.split(";\n"):
            if statement.strip():
                schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
