"""The people app: experts and scientists: profiles, their works and tasks, and the expert finder."""

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Django app configuration for experts."""

    name = "stinet.people"
    label = "people"
    verbose_name = "Experts"
