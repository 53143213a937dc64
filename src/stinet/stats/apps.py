"""The stats app: the statistics dashboard, /api/stats, XLSX/PDF reports, Circular 15/2018 forms."""

from django.apps import AppConfig


class StatsConfig(AppConfig):
    """Django app configuration for statistics and reports."""

    name = "stinet.stats"
    label = "stats"
    verbose_name = "Statistics and reports"
