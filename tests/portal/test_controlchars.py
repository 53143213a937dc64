"""A control character in an address never reaches the database (PostgreSQL refuses NUL in text: 500s)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

FILTERS = [("/orgs/", "kind"), ("/orgs/", "province"), ("/orgs/", "service"), ("/api/orgs", "kind"),
           ("/api/orgs", "province"), ("/experts/", "degree"), ("/experts/", "org"), ("/api/experts", "title"),
           ("/tasks/", "status"), ("/tasks/", "host"), ("/api/tasks", "level"), ("/api/tasks", "field"),
           ("/stats/", "org"), ("/api/stats", "org"), ("/widget/", "org"), ("/widget/snippet/", "org"),
           ("/directory/services/", "kind"), ("/api/directory/services", "kind"), ("/search/", "q"),
           ("/stats/export/works_by_type.xlsx", "org")]


@pytest.mark.parametrize(("path", "name"), FILTERS)
def test_a_nul_in_a_filter_is_left_out(client, catalogue, path, name):
    response = client.get(path, {name: "a\x00b"})
    assert response.status_code in (200, 400, 404), (path, name, response.status_code)  # never a 500
    assert client.get(path, {name: "\x00"}).status_code == client.get(path, {name: ""}).status_code


def test_the_filter_reads_as_if_the_control_character_was_not_typed(client, catalogue):
    with_nul = client.get("/api/orgs", {"kind": "uni\x00versity"}).json()
    assert with_nul == client.get("/api/orgs", {"kind": "university"}).json() and with_nul


def test_a_path_with_a_control_character_is_no_page(client, catalogue):
    assert client.get("/api/orgs/%00").status_code == 404
    assert client.get("/orgs/HPU%01/").status_code == 404
