"""REST endpoints of the directory app (a router mounted by stinet.api.views)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["directory"])
