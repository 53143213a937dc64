"""Demo data: a Haiphong-like S&T information network and its members' works."""

from stinet.demo.generator import ALL_COLUMNS, COLUMNS, DEMO_COLUMNS, generate, write_csv
from stinet.demo.orgs import FIELDS_OF_SCIENCE, MEMBERS, ORGANISATIONS

__all__ = [
    "ALL_COLUMNS",
    "COLUMNS",
    "DEMO_COLUMNS",
    "FIELDS_OF_SCIENCE",
    "MEMBERS",
    "ORGANISATIONS",
    "generate",
    "write_csv",
]
