"""Dates typed into forms, day first (see stinet.locale_formats), and shown as Vietnam writes them
(03/02/2026); the other formats are Django's."""

from stinet.locale_formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"]
