"""A request under /api/ with a method its endpoint does not take is refused in JSON, one line in the
interface language, with the methods it does take (django-ninja answers English HTML)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


class JsonMethodRefusal:
    """Middleware: a 405 under /api/ that is not JSON becomes {"detail": ...}, its Allow header kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (response.status_code != 405 or not request.path.startswith("/api/")
                or response.get("Content-Type", "").startswith("application/json")):
            return response
        allowed = response.get("Allow", "")
        refusal = JsonResponse({"detail": _("%(method)s is not allowed at %(path)s: use %(allowed)s") % {
            "method": request.method, "path": request.path, "allowed": allowed}}, status=405)
        refusal["Allow"] = allowed
        return refusal
