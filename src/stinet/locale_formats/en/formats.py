"""Dates typed into forms, day first (see stinet.locale_formats), and shown with the month's name
(3 Feb 2026: 03/02/2026 reads as 2 March to some English readers); the other formats are Django's."""

from stinet.locale_formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"]
