"""A work as JSON: the shape of /api/works/{id}, also used by exports."""

from __future__ import annotations

from typing import Any

from stinet.catalog.models import Work
from stinet.catalog.vocab import WORK_TYPES, extra_label, label

FIELDS = ("id", "type", "title", "title_en", "degree", "grantor", "year", "date", "abstract",
          "subjects", "field_code", "field_code_old", "language", "publisher", "identifiers")


def as_dict(work: Work, url: str = "", lang: str = "vi") -> dict[str, Any]:
    """All metadata of a work and its holdings (holdings and organisations prefetched)."""
    return {
        **{name: getattr(work, name) for name in FIELDS},
        "identifiers": dict(sorted(work.identifiers.items())),  # PostgreSQL's jsonb keeps keys shortest first
        "type_label": label(WORK_TYPES, work.type, lang),
        "creators": [{"name": c["name"], "role": c.get("role", "author")} for c in work.creators],
        # the source's other columns, as the work page shows them (journal, volume, pages, rights ...)
        "extra": [{"key": key, "label": extra_label(key, lang), "value": value} for key, value in work.extra.items()],
        "holdings": [{"org": h.organisation.code, "org_name": h.organisation.name(lang),
                      "local_id": h.local_id, "call_number": h.call_number, "url": h.url,
                      "access": h.access} for h in work.holdings.all()],
        "url": url,
    }
