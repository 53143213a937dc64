"""Answers checked against the OpenAPI description the app serves, as an outside client reads it."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator


def assert_conforms(client: Any, path: str, url: str, status: int = 200) -> Any:
    """GET url, check its status and that its JSON is what the spec says `path` answers; returns it."""
    spec = client.get("/api/openapi.json").json()
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:200])
    content = spec["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]
    schema = {**content["schema"], "components": spec["components"]}  # "#/components/..." resolves here
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in Draft202012Validator(schema).iter_errors(response.json())]
    assert errors == [], (url, errors[:5])
    return response.json()
