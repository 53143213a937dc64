"""Blocking keys carry what duplicate matching tests first (the work's type, year and, on keys
not made of it, its normal title), in an index that covers the lookup: finding a batch's
candidates no longer reads a row of Work per candidate (scattered over gigabytes at 10^6).

The columns are added in place (Django would rebuild the table on SQLite, minutes on a large
catalogue) and filled from the works; the old index goes once the new one is built.
"""

from django.db import migrations, models

TABLE, WORK = "catalog_workkey", "catalog_work"
CHUNK = 5000


def _fields() -> list[models.Field]:
    """The new columns, as the model declares them."""
    fields = [models.CharField(blank=True, default="", max_length=20),
              models.PositiveSmallIntegerField(blank=True, null=True),
              models.CharField(blank=True, default="", max_length=200)]
    for field, name in zip(fields, ("type", "year", "title"), strict=True):
        field.set_attributes_from_name(name)
    return fields


def forwards(apps, schema_editor) -> None:
    from stinet.catalog.matching import title_key

    q = schema_editor.quote_name
    model = apps.get_model("catalog", "WorkKey")
    for field in _fields():
        definition, params = schema_editor.column_sql(model, field, include_default=True)
        if check := field.db_parameters(connection=schema_editor.connection)["check"]:
            definition += f" CHECK ({check})"  # as Django's own AddField would (year >= 0)
        schema_editor.execute(f"ALTER TABLE {TABLE} ADD COLUMN {q(field.column)} {definition}", params or None)
    schema_editor.execute(
        f"UPDATE {TABLE} SET {q('type')} = (SELECT w.{q('type')} FROM {WORK} w WHERE w.id = {TABLE}.work_id), "
        f"{q('year')} = (SELECT w.{q('year')} FROM {WORK} w WHERE w.id = {TABLE}.work_id)")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT k.id, w.title FROM {TABLE} k JOIN {WORK} w ON w.id = k.work_id "
                       f"WHERE k.kind IN ('author', 'ident') ORDER BY k.id")
        rows = cursor.fetchall()
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(f"UPDATE {TABLE} SET title = %s WHERE id = %s",
                               [(title_key(title), key_id) for key_id, title in rows[start:start + CHUNK]])
    if schema_editor.connection.vendor == "postgresql":  # the updates' deferred foreign-key checks,
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # which would forbid CREATE INDEX
    schema_editor.execute(f"CREATE INDEX workkey_lookup ON {TABLE} "
                          f"(value, kind, work_id, {q('year')}, {q('type')}, title)")
    schema_editor.execute("DROP INDEX workkey_value")


def backwards(apps, schema_editor) -> None:
    schema_editor.execute(f"CREATE INDEX workkey_value ON {TABLE} (value, kind)")
    schema_editor.execute("DROP INDEX workkey_lookup")
    for column in ("type", "year", "title"):
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN {schema_editor.quote_name(column)}")


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0008_fewer_indexes"),
    ]

    operations = [migrations.SeparateDatabaseAndState(
        state_operations=[
            migrations.RemoveIndex(model_name="workkey", name="workkey_value"),
            *(migrations.AddField(model_name="workkey", name=field.name, field=field) for field in _fields()),
            migrations.AddIndex(model_name="workkey", index=models.Index(
                fields=["value", "kind", "work", "year", "type", "title"], name="workkey_lookup")),
        ],
        database_operations=[migrations.RunPython(forwards, backwards)],
    )]
