"""Fast reading and writing of many rows for imports: reserved ids, one executemany per table,
and lookups by long lists of values.

Django's bulk_create builds a model instance per row and cannot return ids on every
backend; an import of 10^6 records spends most of its time there. Values still go through
the fields' own database preparation (JSON, datetimes), so what is stored is identical.
Likewise a queryset filtered on 500 local identifiers prepares each value and compiles the
query again for every batch: the lookups an import makes per batch are plain SQL.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection, models

IN_CHUNK = 5000  # values per IN (...) list


class JSONText(str):
    """A value already serialised as JSON (by a parsing worker, off the storing process): stored as is.

    It must be what the field's own encoder would write (json.dumps with ensure_ascii off, see
    catalog.jsontext), so that a row is the same whichever process serialised it.
    """


# What json.dumps(value, ensure_ascii=False[, sort_keys=True]) uses, made once instead of per call.
_ENCODERS = {False: json.JSONEncoder(ensure_ascii=False), True: json.JSONEncoder(ensure_ascii=False, sort_keys=True)}


def json_text(value: Any, sort_keys: bool = False) -> JSONText:
    """`value` serialised as the catalogue's JSON fields store it."""
    return JSONText(_ENCODERS[sort_keys].encode(value))


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys for `model`, never reusing one (call inside a transaction)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                        [table, count])
            return [row[0] for row in cur.fetchall()]
        # SQLite: the write lock is held from BEGIN IMMEDIATE; AUTOINCREMENT keeps sqlite_sequence
        cur.execute(f'SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), '
                    f'coalesce((SELECT max(id) FROM "{table}"), 0))', [table])
        start = int(cur.fetchone()[0]) + 1
    return list(range(start, start + count))


def insert_rows(model: type[models.Model], names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT rows (values in the order of `names`, field names) with one executemany."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in names]
    prepare = [_preparer(f, connection) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"
    values = [tuple(p(v) for p, v in zip(prepare, row, strict=True)) for row in rows]
    with connection.cursor() as cur:
        cur.executemany(sql, values)


def _preparer(field: models.Field, conn: Any) -> Any:
    """How a value of this field is sent to the database (plain values pass through)."""
    if isinstance(field, models.JSONField):  # what JSONField.get_db_prep_save ends up calling
        adapt, encoder = conn.ops.adapt_json_value, field.encoder
        if conn.vendor == "postgresql":
            from psycopg.types.json import Jsonb

            def ready(text: JSONText) -> Any:
                return Jsonb(text, dumps=str)
        else:
            ready = str
        return lambda value: (None if value is None and field.null  # SQL NULL, as the ORM saves None (not JSON null)
                              else ready(value) if isinstance(value, JSONText) else adapt(value, encoder))
    if isinstance(field, models.DateTimeField):  # a batch shares one timestamp: adapt it once
        seen: dict[Any, Any] = {}

        def prepare(value: Any) -> Any:
            if value not in seen:
                seen[value] = field.get_db_prep_save(value, conn)
            return seen[value]

        return prepare
    return lambda value: value


def select_in(sql: str, values: Sequence[object], *params: object) -> list[tuple[Any, ...]]:
    """Rows of `sql` whose one '{marks}' placeholder takes the values, in chunks (after `params`)."""
    rows: list[tuple[Any, ...]] = []
    with connection.cursor() as cur:
        for start in range(0, len(values), IN_CHUNK):
            part = list(values[start:start + IN_CHUNK])
            cur.execute(sql.format(marks=", ".join(["%s"] * len(part))), [*params, *part])
            rows.extend(cur.fetchall())
    return rows


def json_value(value: Any) -> Any:
    """A JSON column as a plain SQL query returns it (text on SQLite and, with Django, on PostgreSQL)."""
    return json.loads(value) if isinstance(value, str) else value
