"""Experts' pages and API: directory, finder, profile, own page; who sees contact details and who may edit."""

import pytest

from stinet.people.models import Expert, ExpertWork
from stinet.people.services import create_expert, decide_works, update_expert
from tests.forms import button_names, form_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(an, other_scientist, people_catalogue):
    """Three public experts and a hidden one; An has confirmed coral works."""
    decide_works(an, [people_catalogue[k] for k in ("P1", "P2", "P3")], "confirmed")
    binh = Expert.objects.get(user=other_scientist)
    update_expert(binh, {"degree": "ThS", "fields": ["3"], "email": "binh@example.vn", "show_contact": True})
    decide_works(binh, [people_catalogue["P5"]], "confirmed")
    create_expert("GS.TSKH. Đặng Hữu Anh", fields=["106"])
    create_expert("Lê Văn Ẩn", public=False, email="hidden@example.vn", show_contact=True)
    return {"an": an, "binh": binh}


def test_directory_lists_public_experts_by_given_name(client, directory):
    page = client.get("/experts/").content.decode()
    names = ["Nguyễn Văn An", "Đặng Hữu Anh", "Trần Thị Bình"]  # An < Anh < Bình, whatever the family name
    positions = [page.index(n) for n in names]
    assert positions == sorted(positions)
    assert "Lê Văn Ẩn" not in page
    assert "an@example.edu.vn" not in page and "binh@example.vn" not in page  # lists never show contact


@pytest.mark.parametrize(("query", "shown", "hidden"), [
    ("field=1", ["Nguyễn Văn An", "Đặng Hữu Anh"], ["Trần Thị Bình"]),  # 106 is under 1
    ("field=3", ["Trần Thị Bình"], ["Nguyễn Văn An"]),
    ("degree=ThS", ["Trần Thị Bình"], ["Nguyễn Văn An", "Đặng Hữu Anh"]),
    ("title=GS", ["Đặng Hữu Anh"], ["Nguyễn Văn An"]),
    ("org=hpu", ["Nguyễn Văn An"], ["Trần Thị Bình"]),
])
def test_directory_filters(client, directory, query, shown, hidden):
    page = client.get(f"/experts/?{query}").content.decode()
    assert all(n in page for n in shown) and not any(n in page for n in hidden)


def test_finder_page_ranks_and_explains(client, directory):
    page = client.get("/experts/?q=san+ho&lang=vi", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert page.index("Nguyễn Văn An") < page.index("Trần Thị Bình")
    assert "3 công trình về “san ho”" in page
    work = directory["an"].work_links.filter(status="confirmed").first().work_id
    assert f'href="/works/{work}/"' in page
    assert "Đặng Hữu Anh" not in page


def test_profile_shows_confirmed_works_and_hides_contact_unless_allowed(client, directory, people_catalogue):
    an, binh = directory["an"], directory["binh"]
    page = client.get(f"/experts/{an.pk}/").content.decode()
    assert "PGS.TS. Nguyễn Văn An" in page and "Tẩy trắng san hô" in page
    assert f'href="/works/{people_catalogue["P1"]}/"' in page
    assert "Quản lý cảng cá" not in page  # still only suggested
    assert "an@example.edu.vn" not in page and "0225 3123456" not in page
    assert "binh@example.vn" in client.get(f"/experts/{binh.pk}/").content.decode()


def test_hidden_profiles_are_not_found(client, directory):
    hidden = Expert.objects.get(full_name="Lê Văn Ẩn")
    assert client.get(f"/experts/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/experts/{hidden.pk}").status_code == 404


def test_the_scientist_sees_own_contact_and_suggestions(client, directory, scientist):
    client.force_login(scientist)
    an = directory["an"]
    page = client.get(f"/experts/{an.pk}/").content.decode()
    assert "an@example.edu.vn" in page
    me = client.get("/experts/me/").content.decode()
    assert "Quản lý cảng cá" in me  # the suggestion waiting
    names = button_names(me)  # each decision names its work (the visible word first)
    assert "Của tôi: Quản lý cảng cá Hải Phòng" in names and "Không phải của tôi: Quản lý cảng cá Hải Phòng" in names
    assert len(names) == len(set(names)), names
    data = client.get(f"/api/experts/{an.pk}").json()
    assert data["contact"]["email"] == "an@example.edu.vn"
    assert [w["title"] for w in data["private"]["suggested"]] == ["Quản lý cảng cá Hải Phòng"]
    english = client.get("/experts/me/?lang=en").content.decode()  # QA 26: the organisations named in Vietnamese
    assert ">HPU — Hai Phong University</option>" in english and "HPU — Trường Đại học Hải Phòng" not in english


def test_scientist_confirms_and_rejects_on_own_page(client, directory, scientist, people_catalogue):
    client.force_login(scientist)
    an = directory["an"]
    response = client.post(f"/experts/{an.pk}/works/", {"work": people_catalogue["P4"], "decision": "confirmed"})
    assert response.status_code == 302 and response["Location"] == "/experts/me/"
    assert ExpertWork.objects.get(expert=an, work_id=people_catalogue["P4"]).status == "confirmed"
    client.post(f"/experts/{an.pk}/works/", {"work": people_catalogue["P1"], "decision": "rejected"})
    assert ExpertWork.objects.get(expert=an, work_id=people_catalogue["P1"]).status == "rejected"
    response = client.post("/experts/me/", {"full_name": "Nguyễn Văn An", "academic_title": "GS", "degree": "TS",
                                            "organisation": "HPU", "orcid": "0000-0002-1825-0097",
                                            "interests": "San hô", "public": "on"})
    assert response.status_code == 302
    an.refresh_from_db()
    assert (an.academic_title, an.orcid, an.show_contact) == ("GS", "0000-0002-1825-0097", False)


def test_bad_orcid_on_the_form_is_shown_not_saved(client, directory, scientist):
    client.force_login(scientist)
    response = client.post("/experts/me/", {"full_name": "Nguyễn Văn An", "orcid": "0000-0002-1825-0098",
                                            "public": "on"})
    assert response.status_code == 400  # refused, as the other forms (QA 26)
    assert "sai chữ số kiểm tra" in response.content.decode()
    assert '<div class="form-errors" role="alert">' in response.content.decode()  # the service's refusal is said
    assert form_problems(response.content.decode()) == []
    assert Expert.objects.get(pk=directory["an"].pk).orcid == ""


def test_another_scientist_cannot_edit_or_decide(client, directory, other_scientist, people_catalogue):
    an = directory["an"]
    client.force_login(other_scientist)
    assert client.get(f"/experts/{an.pk}/edit/").status_code == 403
    assert client.post(f"/experts/{an.pk}/edit/", {"full_name": "X", "public": "on"}).status_code == 403
    assert client.post(f"/experts/{an.pk}/works/", {"work": people_catalogue["P4"],
                                                    "decision": "confirmed"}).status_code == 403
    assert client.post(f"/experts/{an.pk}/suggest/").status_code == 403
    assert client.get("/experts/new/").status_code == 403
    assert ExpertWork.objects.get(expert=an, work_id=people_catalogue["P4"]).status == "suggested"
    data = client.get(f"/api/experts/{an.pk}").json()
    assert data["contact"] is None and data["private"] is None


def test_anonymous_is_sent_to_log_in(client, directory):
    an = directory["an"]
    assert client.get("/experts/me/").status_code == 302
    assert client.post(f"/experts/{an.pk}/works/", {"work": 1, "decision": "rejected"}).status_code == 302
    assert set(ExpertWork.objects.filter(expert=an).values_list("status", flat=True)) == {"confirmed", "suggested"}


def test_a_scientist_without_profile_creates_it_and_gets_suggestions(client, people_catalogue, db):
    from tests.people.conftest import make_user

    user = make_user("nkh_moi", "scientist")
    client.force_login(user)
    assert "Họ và tên" in client.get("/experts/me/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    response = client.post("/experts/me/", {"full_name": "TS. Trần Thị Bình", "public": "on"})
    assert response.status_code == 302
    expert = Expert.objects.get(user=user)
    assert (expert.full_name, expert.degree) == ("Trần Thị Bình", "TS")
    assert set(expert.work_links.values_list("work_id", flat=True)) == {people_catalogue["P5"], people_catalogue["P8"]}
    reader = make_user("docgia2")
    client.force_login(reader)
    assert client.get("/experts/me/").status_code == 403


def test_admin_edits_any_profile(client, directory, admin):
    client.force_login(admin)
    binh = directory["binh"]
    assert client.get(f"/experts/{binh.pk}/edit/").status_code == 200
    response = client.post(f"/experts/{binh.pk}/edit/", {"full_name": "Trần Thị Bình", "degree": "TS",
                                                         "user": "nkh_binh", "public": "on"})
    assert response.status_code == 302
    binh.refresh_from_db()
    assert binh.degree == "TS" and binh.user.username == "nkh_binh" and binh.public


def test_api_finder_and_directory(client, directory):
    data = client.get("/api/experts?q=san+ho&lang=en").json()
    assert data["total"] == 2
    first = data["results"][0]
    assert first["name"] == "Nguyễn Văn An" and first["works_matched"] == 3
    assert first["explanation"] == "3 works about “san ho”"
    assert len(first["relevant_works"]) == 3 and first["url"].endswith(f"/experts/{directory['an'].pk}/")
    assert "email" not in str(data) and "an@example" not in str(data)
    listing = client.get("/api/experts?field=1").json()
    assert [r["name"] for r in listing["results"]] == ["Nguyễn Văn An", "Đặng Hữu Anh"]
    assert listing["results"][0]["score"] is None
    assert client.get("/api/experts?page=0").status_code == 400


def test_api_profile_contact_only_when_allowed(client, directory):
    an, binh = directory["an"], directory["binh"]
    data = client.get(f"/api/experts/{an.pk}").json()
    assert data["contact"] is None and data["private"] is None
    assert data["orcid"] == "" and data["academic_title"] == "PGS"
    assert len(data["works_list"]) == 3
    assert client.get(f"/api/experts/{binh.pk}").json()["contact"]["email"] == "binh@example.vn"


def test_openapi_describes_the_expert_endpoints(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/experts", "/api/experts/{expert_id}"} <= set(spec["paths"])
    finder = spec["paths"]["/api/experts"]["get"]
    assert finder["summary"] and "finder" in finder["description"]


def test_expert_answers_are_what_the_openapi_description_says(client, directory):
    from tests.api.openapi import assert_conforms

    found = assert_conforms(client, "/api/experts", "/api/experts")
    assert any(e["organisation"] for e in found["results"]) and any(e["fields"] for e in found["results"])
    for expert in found["results"]:
        assert_conforms(client, "/api/experts/{expert_id}", f"/api/experts/{expert['id']}")
    assert_conforms(client, "/api/experts", "/api/experts?q=san+ho")


@pytest.mark.parametrize("q", ["year:abc", "type:foo", "san hô " * 200])
def test_a_query_the_finder_refuses_is_said_on_the_page(client, directory, q):
    response = client.get("/experts/", {"q": q})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert client.get("/api/experts", {"q": q}).status_code == 400


def test_the_finder_keeps_the_exclusions_of_a_topic():
    from stinet.people.finder import phrase_form

    assert phrase_form("san hô -type:thesis") is None and phrase_form("san hô -year:2020") is None
    assert phrase_form("san hô -rạn") == '"san hô" -"rạn"'


def test_directory_and_api_use_a_fixed_number_of_queries(client, directory, django_assert_max_num_queries):
    for i in range(10):
        create_expert(f"Phạm Văn Số{i}", organisation="HPU", fields=["1", "106"])
    for url in ("/experts/", "/api/experts", "/experts/?q=san+ho", "/api/experts?q=san+ho"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_a_translated_work_says_so_on_the_profile_and_the_own_page(client, directory, scientist, write_csv):
    from stinet.catalog.models import Holding
    from stinet.ingest.services import import_file
    from stinet.people.services import suggest_works
    from tests.conftest import row

    import_file(write_csv([row("Sinh thái học rạn san hô", id="P9", dc_date_issued="2021",
                               dc_contributor_author="John Smith||Nguyễn Văn An (dịch)")], "dich.csv"), "HPU")
    an, work = directory["an"], Holding.objects.get(local_id="P9").work_id
    suggest_works(an)
    assert ExpertWork.objects.get(expert=an, work_id=work).role == "translator"
    client.force_login(scientist)
    assert "(người dịch)" in client.get("/experts/me/?lang=vi").content.decode()
    decide_works(an, [work], "confirmed")
    page = client.get(f"/experts/{an.pk}/?lang=vi").content.decode()
    assert "2021 · người dịch" in page


def test_a_works_language_is_marked_on_the_profile_for_screen_readers(client, directory, people_catalogue):
    """QA 21: English titles on a Vietnamese page were read with the Vietnamese voice (no lang attribute)."""
    from stinet.catalog.models import Work

    work_id = people_catalogue["P1"]
    Work.objects.filter(pk=work_id).update(language="en")
    page = client.get(f"/experts/{directory['an'].pk}/").content.decode()
    assert f'href="/works/{work_id}/" lang="en">' in page
