"""What migrations that swap indexes share (Django's migration loader skips modules named _*)."""


def single_column_indexes(schema_editor, table: str, column: str) -> list[str]:
    """Names of the plain (not unique) indexes on exactly this one column, as the database reports them."""
    with schema_editor.connection.cursor() as cursor:
        found = schema_editor.connection.introspection.get_constraints(cursor, table)
    return [name for name, info in found.items()
            if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == [column]]
