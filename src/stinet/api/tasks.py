"""REST endpoints of the tasks app (a router mounted by stinet.api.views)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["tasks"])
