"""The Content-Security-Policy: the site's own scripts only, so that no template may hold an inline one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "src" / "stinet").glob("*/templates/**/*.html"))
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)  # onclick="...", onload=...
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.IGNORECASE)


def test_no_template_holds_an_inline_script_or_handler():
    assert len(TEMPLATES) > 50
    found = [f"{path.name}: {m.group(0)}" for path in TEMPLATES for pattern in (HANDLER, INLINE_SCRIPT)
             for m in pattern.finditer(path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.django_db
def test_every_page_says_the_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy and "unsafe-eval" not in policy
    snippet = client.get("/widget/snippet/").headers["Content-Security-Policy"]
    assert re.search(r"script-src 'self' 'sha256-[A-Za-z0-9+/=]+'", snippet)  # the preview's height line only
