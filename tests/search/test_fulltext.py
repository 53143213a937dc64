"""Full texts in search, on either backend: matched, flagged and quoted only for those who may read them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from stinet.catalog import fileaccess
from stinet.catalog.fileaccess import viewer_levels
from stinet.catalog.files import attach_file, delete_file, release_embargoes
from stinet.search.base import SearchError, SearchRequest
from stinet.search.service import search_json
from stinet.sources import scheduler
from tests.catalog import documents
from tests.catalog.fixtures import ROLES, refetch, work_id

TEA = "Kỹ thuật trồng cây chè"
SECRET = "Bọ xít muỗi gây hại nghiêm trọng trên nương chè vùng Mộc Châu."
QUERY = "bo xit muoi"
# access level of the file -> the roles that find the work by its text and see a passage of it
FINDERS = {
    "public": set(ROLES),
    "members": {"holder_editor", "other_editor", "admin"},
    "metadata": {"admin"},
}


def attach(access: str = "public", embargo: dt.date | None = None, lines: list[str] | None = None,
           title: str = TEA) -> int:
    """Attach a PDF holding the secret sentence to a work of HPU; the file's id."""
    return attach_file(work_id(title), documents.pdf(lines or [SECRET]), "Toàn văn luận văn.pdf",
                       access=access, embargo=embargo).pk


def search(q: str, user: object) -> dict:
    """The search JSON as this user gets it."""
    return search_json(SearchRequest(q=q, fulltext_access=viewer_levels(refetch(user))))


@pytest.mark.parametrize("access", sorted(FINDERS))
@pytest.mark.parametrize("role", ROLES)
def test_full_text_is_searched_and_quoted_only_for_those_who_may_read_it(people, media, access, role):
    attach(access)
    data = search(QUERY, people[role])
    if role in FINDERS[access]:
        assert data["total"] == 1
        hit = data["results"][0]
        assert hit["title"].startswith(TEA) and hit["fulltext"] is True
        assert "<mark>muỗi</mark>" in hit["highlight"]["fulltext"] and "Mộc Châu" in hit["highlight"]["fulltext"]
    else:
        assert data["total"] == 0 and "Mộc Châu" not in json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("role", ROLES)
def test_no_passage_of_a_closed_text_leaks_into_a_result_found_by_its_description(people, media, role):
    attach("members")
    data = search("chè", people[role])
    tea = next(r for r in data["results"] if r["title"].startswith(TEA))
    readable = role in FINDERS["members"]
    assert tea["fulltext"] is readable
    assert ("Mộc Châu" in json.dumps(data, ensure_ascii=False)) is readable


def test_works_without_a_matching_text_are_not_flagged(people, media):
    attach("public")
    data = search("chè", people["anonymous"])
    flags = {r["title"]: r["fulltext"] for r in data["results"]}
    assert flags and sum(flags.values()) == 1 and flags[next(t for t in flags if t.startswith(TEA))]


def test_a_description_match_ranks_above_a_full_text_match(people, media):
    attach("public", lines=["Nương chè gần rạn san hô ven biển."])
    data = search("rạn san hô", people["anonymous"])
    titles = [r["title"] for r in data["results"]]
    assert titles[0].startswith("Nghiên cứu đa dạng sinh học rạn san hô") and titles[-1].startswith(TEA)
    assert [r["fulltext"] for r in data["results"]] == [False, True]


def test_fielded_and_excluded_words_do_not_look_into_full_texts(people, media):
    attach("public")
    assert search(f"title:{QUERY}", people["admin"])["total"] == 0
    everything = search("", people["admin"])["total"]
    assert search("-muoi", people["admin"])["total"] == everything  # exclusions judge descriptions only


def test_an_embargoed_text_is_searchable_only_once_the_embargo_has_ended(people, media, monkeypatch):
    today = fileaccess.today()
    attach("public", embargo=today + dt.timedelta(days=1))
    for role in ROLES:
        assert search(QUERY, people[role])["total"] == 0, role
    assert release_embargoes() == []  # nothing has ended yet
    monkeypatch.setattr(fileaccess, "today", lambda: today + dt.timedelta(days=2))
    assert search(QUERY, people["anonymous"])["total"] == 0  # not indexed before the release
    said: list[str] = []
    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)  # keep the test's transaction
    scheduler.worker(once=True, echo=said.append)  # the harvest worker releases them on its rounds
    assert said == ["full texts whose embargo ended are now searchable in 1 works"]
    data = search(QUERY, people["anonymous"])
    hit = data["results"][0]
    assert data["total"] == 1 and hit["fulltext"] and "Mộc Châu" in hit["highlight"]["fulltext"]
    assert release_embargoes() == []  # released once


def test_a_removed_file_is_no_longer_found(people, media):
    file_id = attach("public")
    assert search(QUERY, people["anonymous"])["total"] == 1
    delete_file(file_id)
    assert search(QUERY, people["anonymous"])["total"] == 0


def test_a_scanned_file_without_text_is_not_found(people, media):
    attach_file(work_id(TEA), documents.scanned_pdf(), "scan.pdf")
    assert search("chè", people["admin"])["results"][0]["fulltext"] is False


def test_reindexing_keeps_the_full_texts(people, media):
    from stinet.search.indexing import rebuild

    attach("members")
    rebuild()
    assert search(QUERY, people["other_editor"])["total"] == 1
    assert search(QUERY, people["anonymous"])["total"] == 0


def test_unknown_levels_are_refused():
    with pytest.raises(SearchError, match="fulltext_access"):
        search_json(SearchRequest(q="x", fulltext_access=frozenset({"secret"})))


def test_results_page_shows_found_in_full_text_to_those_who_may_read(client, people, media):
    attach("members")
    page = client.get("/search/", {"q": QUERY}).content.decode()
    assert "Tìm thấy trong toàn văn" not in page and "Mộc Châu" not in page
    client.force_login(people["other_editor"])
    page = client.get("/search/", {"q": QUERY}).content.decode()
    assert "Tìm thấy trong toàn văn" in page and "<mark>muỗi</mark>" in page


def test_api_search_flags_full_text_results(client, people, media):
    attach("members")
    assert client.get("/api/search", {"q": QUERY}).json()["total"] == 0
    client.force_login(people["admin"])
    data = client.get("/api/search", {"q": QUERY}).json()
    assert data["total"] == 1 and data["results"][0]["fulltext"] is True
    assert "Mộc Châu" in data["results"][0]["highlight"]["fulltext"]


def test_a_long_text_is_indexed_up_to_the_cap(people, media):
    from stinet.search.documents import MAX_FULLTEXT_CHARS

    filler = " ".join(f"đoạn văn số {i} về kỹ thuật canh tác" for i in range(20000))  # ~700,000 characters
    text = f"{filler} cuối văn bản có chữ hạnhnhân. {SECRET}"
    assert len(text) > MAX_FULLTEXT_CHARS
    attach_file(work_id(TEA), text.encode(), "dai.txt")
    assert search("doan van so 19999", people["anonymous"])["total"] == 0  # past the cap
    found = search("so 9000 ky thuat", people["anonymous"])
    assert found["total"] == 1 and "<mark>9000</mark>" in found["results"][0]["highlight"]["fulltext"]


def test_an_index_of_an_older_schema_is_rebuilt_on_first_use(catalogue, settings):
    import tantivy

    from stinet.catalog.models import Work
    from stinet.search import indexing

    if settings.SEARCH_BACKEND != "tantivy":
        pytest.skip("the embedded index only")
    indexing.reset()
    for old in settings.SEARCH_INDEX_DIR.iterdir():
        old.unlink()
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title")
    writer = tantivy.Index(builder.build(), path=str(settings.SEARCH_INDEX_DIR)).writer()
    writer.add_document(tantivy.Document(id=[1], title=["old"]))
    writer.commit()
    writer.wait_merging_threads()
    assert indexing.backend().count() == Work.objects.count() > 0
    assert search_json(SearchRequest(q="san hô"))["total"] >= 1


def test_a_quoted_phrase_found_in_a_full_text_is_quoted_from_it(people, media):
    """Review 21: with a phrase's words marked side by side only, a phrase alone found the text but quoted none."""
    attach("public")
    hit = search('"bo xit muoi"', people["admin"])["results"][0]
    assert hit["fulltext"] is True and "<mark>muỗi</mark>" in hit["highlight"]["fulltext"]
