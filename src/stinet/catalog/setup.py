"""First-run set-up of the embedded database: the schema (and the shipped reference tables)."""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def ensure_database() -> None:
    """Apply pending migrations (they also load the field-of-science tables)."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)
