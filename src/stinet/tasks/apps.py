"""The tasks app: S&T tasks from proposal to published result."""

from django.apps import AppConfig


class TasksConfig(AppConfig):
    """Django app configuration for S&T tasks."""

    name = "stinet.tasks"
    label = "tasks"
    verbose_name = "S&T tasks"
