"""Resumption: keyset pages, self-contained signed tokens, changes and deletions during a harvest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import signing
from django.test import Client
from lxml import etree

from stinet.catalog.models import Work
from stinet.oai import tokens
from stinet.oai.repository import PAGE_SIZE
from stinet.oai.services import record_deletion

from .conftest import NS, error_code, harvest, identifiers, token_of

pytestmark = pytest.mark.django_db
T0 = datetime(2024, 3, 1, 8, 0, 0, 500000, tzinfo=UTC)


def ident(work_id: int) -> str:
    """The OAI identifier of a work id."""
    return f"oai:stinet.local:work/{work_id}"


def test_harvest_over_pages_returns_each_record_once(oai, make_works):
    ids = make_works(130, T0) + make_works(60, T0 + timedelta(seconds=1), prefix="X") + make_works(
        70, T0 - timedelta(days=1), prefix="Y")
    seen = harvest(oai, metadataPrefix="oai_dc")
    assert sorted(seen) == sorted(ident(i) for i in ids) and len(seen) == len(set(seen)) == 260
    first = oai(verb="ListRecords", metadataPrefix="oai_dc")
    assert len(identifiers(first)) == PAGE_SIZE
    token = token_of(first)
    assert token.get("cursor") == "0" and token.get("completeListSize") == "260"
    second = oai(verb="ListRecords", resumptionToken=token.text)
    assert token_of(second).get("cursor") == "100"
    last = oai(verb="ListRecords", resumptionToken=token_of(second).text)
    end = token_of(last)
    assert end.text is None and end.get("cursor") == "200" and len(identifiers(last)) == 60


def test_exactly_one_full_page_needs_no_token(oai, make_works):
    make_works(PAGE_SIZE, T0)
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(identifiers(root)) == PAGE_SIZE and token_of(root) is None


def test_pages_ordered_by_datestamp_then_id(oai, make_works):
    late = make_works(3, T0 + timedelta(hours=1))
    early = make_works(3, T0, prefix="E")
    root = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert identifiers(root) == [ident(i) for i in early + late]


def test_token_is_self_contained_and_survives_a_restart(oai, make_works):
    make_works(250, T0)
    token = token_of(oai(verb="ListIdentifiers", metadataPrefix="marcxml")).text
    query, position = tokens.decode(token, "ListIdentifiers")
    assert (query.prefix, position.cursor, position.total) == ("marcxml", 100, 250)
    # A new client and no server-side state: the token alone says where to go on.
    response = Client().get("/oai", {"verb": "ListIdentifiers", "resumptionToken": token})
    root = etree.fromstring(response.content)
    assert len(identifiers(root)) == 100 and token_of(root).get("cursor") == "100"


@pytest.mark.parametrize("tamper", [
    lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # signature changed
    lambda t: "." + t[2:],  # payload changed
    lambda t: signing.dumps({"v": 1, "q": ["ListIdentifiers", "oai_dc", None, None, None],
                             "a": ["2024-01-01T00:00:00+00:00", 0, 0, 1]}, salt="other", compress=True),
    lambda t: signing.dumps({"v": 1, "q": ["ListIdentifiers"], "a": []}, salt=tokens.SALT),  # signed, malformed
    lambda t: signing.dumps({"v": 1, "q": ["ListRecords", "oai_dc", None, None, None],
                             "a": ["2024-01-01T00:00:00+00:00", 0, 0, 1]}, salt=tokens.SALT),  # other verb
])
def test_tampered_token_is_refused(oai, make_works, tamper):
    make_works(150, T0)
    token = token_of(oai(verb="ListIdentifiers", metadataPrefix="oai_dc")).text
    root = oai(verb="ListIdentifiers", resumptionToken=tamper(token))
    assert error_code(root) == "badResumptionToken"
    assert root.find("o:request", NS).get("verb") == "ListIdentifiers"


def test_token_signed_with_another_secret_is_refused(oai, make_works, settings):
    make_works(150, T0)
    token = token_of(oai(verb="ListIdentifiers", metadataPrefix="oai_dc")).text
    settings.SECRET_KEY = "a-different-secret-key-for-another-server"
    assert error_code(oai(verb="ListIdentifiers", resumptionToken=token)) == "badResumptionToken"


def test_updates_and_deletions_during_a_harvest(oai, make_works):
    ids = make_works(320, T0)
    served_early, later, doomed = ids[5], ids[250], ids[10]

    def change(page: int) -> None:
        if page == 1:  # after the first page: touch one served and one unserved work, delete a served one
            Work.objects.get(pk=served_early).save()
            Work.objects.get(pk=later).save()
            work = Work.objects.get(pk=doomed)
            record_deletion(work)
            work.delete()

    seen = harvest(oai, between=change, metadataPrefix="oai_dc")
    assert set(seen) == {ident(i) for i in ids}  # nothing skipped
    assert seen.count(ident(served_early)) == 2  # served again at the end, as updated
    assert seen.count(ident(later)) == 1 and seen.count(ident(doomed)) == 2
    assert seen[-3:] == [ident(served_early), ident(later), ident(doomed)]


def test_deep_page_costs_the_same_queries_as_the_first(oai, make_works, django_assert_num_queries):
    make_works(450, T0)
    first = oai(verb="ListRecords", metadataPrefix="oai_dc")
    token = token_of(first).text
    for _ in range(3):
        root = oai(verb="ListRecords", resumptionToken=token)
        token = token_of(root).text
    # works: same datestamp / later datestamp ranges; their holdings; tombstones: the two ranges
    with django_assert_num_queries(5):
        oai(verb="ListRecords", resumptionToken=token)
