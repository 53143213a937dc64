"""Database queries per request stay fixed, whatever the number of results (no N+1)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

# search backend (0 on the embedded engine; on PostgreSQL its settings and 1 statement) + works +
# holdings with their organisations + organisation and field names for facet labels
SEARCH_QUERIES = 6 if connection.vendor == "postgresql" else 5


@pytest.mark.parametrize("url", ["/api/search?q=", "/api/search?q=sinh+hoc&page_size=50", "/search/?q="])
def test_search_pages_use_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(SEARCH_QUERIES + 1):
        assert client.get(url).status_code == 200


def test_org_list_and_work_page(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/api/orgs")
    work_id = client.get("/api/search?q=").json()["results"][0]["id"]
    with django_assert_max_num_queries(5):
        client.get(f"/works/{work_id}/")
