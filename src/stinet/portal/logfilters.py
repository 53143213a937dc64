"""Logging filters of the site (settings.LOGGING)."""

from __future__ import annotations

import logging


class RefusalsInOneLine(logging.Filter):
    """A refused request (403 for a page the visitor may not open, 404, 405) is logged in its one line, without
    the traceback Django attaches: a crawl of the back office printed 125 of them and hid the real errors.
    A server error (500) keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Drop the traceback of a record of a response below 500."""
        if getattr(record, "status_code", 500) < 500:
            record.exc_info, record.exc_text = None, None
        return True
