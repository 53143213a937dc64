"""stinet.appcli.local_time: every time the commands print, in the site's time zone with its offset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from stinet.appcli import local_time

MOMENT = datetime(2026, 11, 23, 3, 15, 42, tzinfo=UTC)


@pytest.mark.parametrize(("zone", "moment", "shown"), [
    ("Asia/Ho_Chi_Minh", MOMENT, "2026-11-23 10:15 (+07)"),
    ("Asia/Ho_Chi_Minh", datetime(2026, 11, 22, 20, 0, tzinfo=UTC), "2026-11-23 03:00 (+07)"),  # the next day
    ("Asia/Ho_Chi_Minh", MOMENT.astimezone(timezone(timedelta(hours=-5))), "2026-11-23 10:15 (+07)"),
    ("Asia/Ho_Chi_Minh", "2026-11-23T03:15:42+00:00", "2026-11-23 10:15 (+07)"),  # as --json prints it
    ("Asia/Ho_Chi_Minh", "2026-11-23T03:15:42.123456Z", "2026-11-23 10:15 (+07)"),  # as the feed stamps it
    ("UTC", MOMENT, "2026-11-23 03:15 (+00)"),
    ("Asia/Kolkata", MOMENT, "2026-11-23 08:45 (+05:30)"),
    ("America/Sao_Paulo", MOMENT, "2026-11-23 00:15 (-03)"),
    ("Asia/Ho_Chi_Minh", None, "-"),
    ("Asia/Ho_Chi_Minh", "", "-"),
])
def test_a_time_in_the_site_zone_with_its_offset(settings, zone, moment, shown):
    settings.TIME_ZONE = zone
    assert local_time(moment) == shown


def test_a_naive_time_is_refused(settings):
    """Times are stored aware (USE_TZ); a naive one would be a guess of its zone."""
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    with pytest.raises(ValueError, match="naive"):
        local_time(datetime(2026, 11, 23, 3, 15))  # noqa: DTZ001 - the naive time under test
