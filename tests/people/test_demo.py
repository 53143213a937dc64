"""The people demo: profiles for the demo scientists and frequent creators, works confirmed, run once."""

import pytest

pytestmark = pytest.mark.django_db


def test_demo_profiles_from_the_catalogue(people_catalogue):
    from stinet.people.demo import DEMO_USERS, load
    from stinet.people.models import Expert
    from stinet.people.orcid import is_valid

    lines = list(load())
    assert lines[0].startswith("chuyên gia: ") and "công trình đã xác nhận" in lines[0]
    first = Expert.objects.get(user__username="chunhiem1")
    assert first.full_name in ("Nguyễn Văn An", "Nguyen Van An")  # the most frequent creator (4 spellings)
    assert first.work_links.filter(status="confirmed").count() >= 1
    assert first.organisation.code == "HPU"
    assert {e.user.username for e in Expert.objects.filter(user__isnull=False)} == {u for u, _r in DEMO_USERS}
    assert first.user.roles.filter(role="scientist").exists()
    for expert in Expert.objects.filter(user__isnull=False):  # the account goes by its profile's name: the
        assert expert.user.get_full_name() == expert.full_name  # tasks it leads name their investigator so
    assert all(is_valid(e.orcid) for e in Expert.objects.exclude(orcid=""))
    assert Expert.objects.count() > len(DEMO_USERS)
    again = list(load())
    assert "đã có" in again[0] and "không nạp lại" in again[0]
