"""Every OAI-PMH error condition, as a table: code, HTTP 200, valid XML, request echoed as the spec says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from stinet.catalog.models import Work
from stinet.oai.services import record_deletion

from .conftest import NS, error_code

pytestmark = pytest.mark.django_db

LIVE = "oai:stinet.local:work/{live}"
DELETED = "oai:stinet.local:work/{deleted}"

# (arguments, expected error code); {live} / {deleted} are filled with real work ids.
CASES: list[tuple[dict[str, Any], str]] = [
    ({}, "badVerb"),
    ({"verb": "Explode"}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": ""}, "badVerb"),
    ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "Identify", "foo": "bar"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "marcxml"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "\uff12024-11-25"}, "badArgument"),  # QA 26
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2024-11-2\u0665T00:00:00Z"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T00:00:00"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T00:00:00+07:00"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01", "until": "2024-02-01T00:00:00Z"},
     "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-02-01", "until": "2024-01-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": ""}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai dc"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "org::HPU"}, "badArgument"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "2024-01-01\x01"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": LIVE}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "oai:stinet.local:work/1 2", "metadataPrefix": "oai_dc"}, "badArgument"),
    # not an anyURI: echoed, the response would not be valid (QA 20)
    ({"verb": "GetRecord", "identifier": "a%zz", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "oai:x:[1]", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListMetadataFormats", "identifier": 'a<b>"c'}, "badArgument"),
    ({"verb": "ListSets", "set": "org"}, "badArgument"),
    ({"verb": "ListMetadataFormats", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
    ({"verb": "ListIdentifiers", "resumptionToken": "e30:1abc:xyz"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_marc"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "identifier": LIVE, "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "identifier": "oai:stinet.local:work/999999", "metadataPrefix": "oai_dc"},
     "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": "oai:other.org:work/{live}", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": "oai:stinet.local:work/01", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": "urn:x", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "oai:stinet.local:work/999999"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": DELETED}, "noMetadataFormats"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2100-01-01"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2000-01-01T00:00:00Z"}, "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "type:patent"}, "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "org:NOBODY"}, "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "color:red"}, "noRecordsMatch"),
]


def _fill(value: Any, ids: dict[str, int]) -> Any:
    """Put real ids into a template argument."""
    return [_fill(v, ids) for v in value] if isinstance(value, list) else value.format(**ids)


@pytest.fixture
def ids(catalogue: Any) -> dict[str, int]:
    """A live and a deleted work id."""
    live, doomed = Work.objects.order_by("id")[:2]
    deleted = doomed.pk
    record_deletion(doomed)
    doomed.delete()
    return {"live": live.pk, "deleted": deleted}


@pytest.mark.parametrize(("args", "code"), CASES, ids=[f"{c}-{i}" for i, (_a, c) in enumerate(CASES)])
@pytest.mark.parametrize("post", [False, True], ids=["GET", "POST"])
def test_error_table(oai: Callable[..., Any], ids: dict[str, int], args: dict[str, Any], code: str,
                     post: bool) -> None:
    params = {k: _fill(v, ids) for k, v in args.items()}
    root = oai(post=post, **params)
    assert error_code(root) == code
    request = root.find("o:request", NS)
    if code in ("badVerb", "badArgument"):
        assert request.attrib == {}  # the spec: no attributes echoed for bad requests
    else:
        assert request.attrib == {k: v for k, v in params.items()}
    assert request.text == "http://testserver/oai"


def test_every_error_code_is_in_the_table() -> None:
    codes = {code for _args, code in CASES}
    assert codes == {"badArgument", "badResumptionToken", "badVerb", "cannotDisseminateFormat",
                     "idDoesNotExist", "noMetadataFormats", "noRecordsMatch"}  # noSetHierarchy: we have sets


def test_other_methods_are_refused(client: Any, db: Any) -> None:
    assert client.put("/oai", {"verb": "Identify"}).status_code == 405
    assert client.head("/oai", {"verb": "Identify"}).status_code == 200
