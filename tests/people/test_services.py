"""Profiles and their works through the services: validation, suggestions, decisions, permissions, audit."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from stinet.catalog.models import AuditEntry
from stinet.people.models import Expert, ExpertWork
from stinet.people.services import ExpertError, create_expert, decide_work, decide_works, suggest_works, update_expert

pytestmark = pytest.mark.django_db


def _statuses(expert):
    return dict(ExpertWork.objects.filter(expert=expert).values_list("work__holdings__local_id", "status"))


def test_create_takes_titles_from_the_name_and_keeps_keys(an):
    assert (an.full_name, an.academic_title, an.degree) == ("Nguyễn Văn An", "PGS", "TS")
    assert an.display_name == "PGS.TS. Nguyễn Văn An"
    assert an.name_key == "nguyen van an"
    assert an.field_codes == " 1 "
    assert an.organisation.code == "HPU"
    assert AuditEntry.objects.filter(object_type="expert", object_id=str(an.pk), action="create").exists()


def test_suggestions_find_every_spelling_and_no_namesake(an, people_catalogue):
    found = _statuses(an)
    assert set(found) == {"P1", "P2", "P3", "P4"}  # PGS.TS. / NGUYEN VAN AN / Nguyễn V. An / "Nguyễn, Văn An"
    assert set(found.values()) == {"suggested"}
    links = {x.work.holdings.get().local_id: x for x in ExpertWork.objects.filter(expert=an)}
    assert links["P1"].score == 1.0 and links["P3"].score < 1.0
    assert links["P4"].role == "advisor"
    assert links["P3"].matched_name == "Nguyễn V. An"


def test_rejected_works_are_never_suggested_again(an, people_catalogue):
    decide_work(an, people_catalogue["P3"], "rejected")
    decide_work(an, people_catalogue["P1"], "confirmed")
    assert suggest_works(an) == 0
    found = _statuses(an)
    assert found["P3"] == "rejected" and found["P1"] == "confirmed"
    assert ExpertWork.objects.get(expert=an, work_id=people_catalogue["P3"]).decided_at is not None


@translation.override("en")  # the refusals compared in English
def test_a_work_that_was_not_suggested_can_be_claimed(an, people_catalogue):
    assert decide_works(an, [people_catalogue["P5"]], "confirmed") == 1
    assert _statuses(an)["P5"] == "confirmed"
    assert decide_works(an, [people_catalogue["P5"]], "confirmed") == 0  # unchanged
    with pytest.raises(ExpertError, match="work 999999 does not exist"):
        decide_works(an, [999999], "confirmed")
    with pytest.raises(ExpertError, match="decision"):
        decide_works(an, [people_catalogue["P5"]], "maybe")


@translation.override("en")
def test_a_scientist_confirms_only_works_that_bear_their_names(an, scientist, admin, people_catalogue):
    stranger, namesake = people_catalogue["P5"], people_catalogue["P6"]  # Trần Thị Bình's; Nguyễn Văn Anh's
    for work in (stranger, namesake):
        with pytest.raises(ExpertError) as refused:
            decide_works(an, [people_catalogue["P1"], work], "confirmed", user=scientist)
        assert str(refused.value) == (f"work {work}: none of its creators bears this profile's names; ask the "
                                      "network administrator to link it")
    assert set(_statuses(an).values()) == {"suggested"}  # nothing confirmed by the refused request
    assert decide_works(an, [stranger], "rejected", user=scientist) == 1  # "not mine" is always allowed
    with pytest.raises(ExpertError, match=f"work {stranger}: none of its creators"):
        decide_works(an, [stranger], "confirmed", user=scientist)  # a rejection does not make it claimable
    assert decide_works(an, [people_catalogue["P1"], people_catalogue["P3"]], "confirmed", user=scientist) == 2
    assert decide_works(an, [stranger], "confirmed", user=admin) == 1
    assert _statuses(an)["P5"] == "confirmed"


@pytest.mark.parametrize(("changes", "message"), [
    ({"orcid": "0000-0002-1825-0098"}, "check digit"),
    ({"degree": "PhD"}, "degree 'PhD'"),
    ({"academic_title": "TS"}, "academic title 'TS'"),
    ({"fields": ["999"]}, "field of science '999'"),
    ({"organisation": "NOPE"}, "organisation 'NOPE' does not exist"),
    ({"email": "not-an-address"}, "email"),
    ({"website": "javascript:alert(1)"}, "website"),
    ({"full_name": "PGS.TS."}, "name: must not be empty"),
    ({"salary": 1}, "unknown profile field 'salary'"),
    ({"interests": "x" * 5001}, "interests: 5,001 characters, at most 5,000"),  # 700,000 characters were stored
    ({"phone": "0" * 51}, "phone: 51 characters, at most"),
])
@translation.override("en")  # the refusals compared in English
def test_bad_values_are_refused_with_one_line(an, changes, message):
    with pytest.raises(ExpertError, match=message):
        update_expert(an, changes)


@translation.override("en")
def test_an_orcid_id_belongs_to_one_profile_only(an):
    """QA 25: two experts were saved with one ORCID iD (typed once plainly, once as its address)."""
    update_expert(an, {"orcid": "0000-0002-1825-0097"})
    other = create_expert("Trần Văn Trường")
    with pytest.raises(ExpertError, match="ORCID 0000-0002-1825-0097 is already the iD of another expert's profile"):
        update_expert(other, {"orcid": "https://orcid.org/0000-0002-1825-0097"})
    other.refresh_from_db()
    assert other.orcid == ""
    update_expert(an, {"orcid": "0000-0002-1825-0097", "interests": "Sinh học biển"})  # its own: kept
    update_expert(an, {"orcid": ""})
    update_expert(other, {"orcid": "0000-0002-1825-0097"})  # given up by the first: free
    Expert.objects.filter(pk=an.pk).update(orcid="0000-0002-1825-0097")  # shared before the check (review 25)
    an.refresh_from_db()
    update_expert(an, {"orcid": "0000-0002-1825-0097", "interests": "Hải dương học"})  # the form sends it unchanged
    with pytest.raises(ExpertError, match="is already the iD of another expert's profile"):
        create_expert("Lê Thị Ba", orcid="0000-0002-1825-0097")


def test_update_normalises_and_audits_only_what_changed(an):
    update_expert(an, {"orcid": "https://orcid.org/0000-0002-1694-233x", "fields": ["106", "1"],
                       "other_names": [" An Van Nguyen "]})
    an.refresh_from_db()
    assert an.orcid == "0000-0002-1694-233X"
    assert an.field_codes == " 106 1 "
    assert an.other_names == ["An Van Nguyen"]
    entry = AuditEntry.objects.filter(object_type="expert", action="update").first()
    assert set(entry.after) == {"orcid", "fields", "other_names"}


@translation.override("en")  # the refusals compared in English
def test_a_user_has_one_profile(an, scientist):
    with pytest.raises(ExpertError, match="has a profile already"):
        create_expert("Nguyễn Văn An", account=scientist)
    with pytest.raises(ExpertError, match="does not exist"):
        create_expert("Lê Văn Cường", account="nobody")


def test_another_scientist_cannot_edit_my_profile_or_decide_my_works(an, other_scientist, people_catalogue):
    work = people_catalogue["P1"]
    for forbidden in (lambda: update_expert(an, {"interests": "x"}, user=other_scientist),
                      lambda: decide_work(an, work, "confirmed", user=other_scientist),
                      lambda: decide_work(an, work, "rejected", user=other_scientist),
                      lambda: suggest_works(an, user=other_scientist),
                      lambda: create_expert("Lê Văn Cường", user=other_scientist, account=an.user)):
        with pytest.raises(PermissionDenied):
            forbidden()
    assert set(_statuses(an).values()) == {"suggested"}
    assert Expert.objects.get(pk=an.pk).interests == "Rạn san hô, sinh thái biển"


@translation.override("en")  # the refusals compared in English
def test_the_scientist_edits_but_only_administrators_relink(an, scientist, admin, other_scientist):
    update_expert(an, {"interests": "San hô"}, user=scientist)
    assert decide_work(an, ExpertWork.objects.filter(expert=an).first().work_id, "confirmed", user=scientist)
    with pytest.raises(PermissionDenied):
        update_expert(an, {"user": None}, user=scientist)
    update_expert(an, {"user": None, "public": False}, user=admin)
    an.refresh_from_db()
    assert an.user is None and not an.public
    with pytest.raises(ExpertError, match="has a profile already"):
        update_expert(an, {"user": "nkh_binh"}, user=admin)


def test_scientists_create_only_their_own_profile(scientist, admin, other_scientist, db):
    from tests.people.conftest import make_user

    mine = create_expert("Lê Văn Cường", user=scientist, account=scientist)
    assert mine.user == scientist
    with pytest.raises(PermissionDenied):
        create_expert("Lê Văn Dũng", user=scientist)  # someone else's (unlinked)
    reader = make_user("docgia")
    with pytest.raises(PermissionDenied):
        create_expert("Lê Văn Em", user=reader, account=reader)  # not a scientist
    assert create_expert("Lê Văn Giang", user=admin).user is None
