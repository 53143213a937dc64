"""Dates typed into forms, day first (see stinet.locale_formats); the other formats are Django's."""

from stinet.locale_formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS"]
