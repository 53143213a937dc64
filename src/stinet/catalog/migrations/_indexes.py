"""What migrations that swap indexes share (Django's migration loader skips modules named _*)."""


def single_column_indexes(schema_editor, table: str, column: str) -> list[str]:
    """Names of the plain (not unique) indexes on exactly this one column, as the database reports them."""
    with schema_editor.connection.cursor() as cursor:
        found = schema_editor.connection.introspection.get_constraints(cursor, table)
    return [name for name, info in found.items()
            if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == [column]]


def drop_single_column_indexes(schema_editor, table: str, column: str) -> None:
    """Drop the plain indexes on this one column by the names the database reports (SQLite would
    otherwise rebuild the table, which takes minutes on a large catalogue)."""
    for name in single_column_indexes(schema_editor, table, column):
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def restore_single_column_index(schema_editor, table: str, column: str) -> None:
    """Index this one column again (going backwards), unless an index on it exists."""
    if not single_column_indexes(schema_editor, table, column):
        name = schema_editor.quote_name(f"{table}_{column}_restored")
        schema_editor.execute(f"CREATE INDEX {name} ON {schema_editor.quote_name(table)} "
                              f"({schema_editor.quote_name(column)})")
