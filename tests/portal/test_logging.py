"""What the server log shows of refused requests and of errors."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import PermissionDenied


def _records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "django.request"]


@pytest.mark.django_db
def test_a_refused_request_is_logged_in_one_line_without_a_traceback(client, caplog, settings):
    """QA 21: every 403 of a crawl printed a whole traceback (PermissionDenied)."""
    from django.utils.log import configure_logging

    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    caplog.set_level(logging.WARNING, logger="django.request")
    logging.getLogger("django.request").addHandler(caplog.handler)  # django.request does not propagate to root
    try:
        _refuse_then_fail(caplog, settings)
    finally:
        logging.getLogger("django.request").removeHandler(caplog.handler)


def _refuse_then_fail(caplog: pytest.LogCaptureFixture, settings) -> None:
    from django.core.handlers.exception import response_for_exception
    from django.test import RequestFactory

    request = RequestFactory().get("/manage/users/")
    try:
        raise PermissionDenied("not a manager")
    except PermissionDenied as exc:
        assert response_for_exception(request, exc).status_code == 403
    (record,) = _records(caplog)
    assert record.getMessage() == "Forbidden (Permission denied): /manage/users/" and record.exc_info is None
    caplog.clear()
    try:
        raise RuntimeError("a bug")
    except RuntimeError as exc:
        settings.DEBUG_PROPAGATE_EXCEPTIONS = False
        assert response_for_exception(request, exc).status_code == 500
    (record,) = _records(caplog)
    assert record.exc_info is not None  # a server error keeps its traceback
