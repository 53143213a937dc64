"""The registration sheet of a task as a Word document, for those entitled."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from stinet.accounts.permissions import require
from stinet.feed import sheet
from stinet.feed.rules import may_get_sheet
from stinet.tasks import visibility
from stinet.tasks.models import Task

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def registration_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """GET /tasks/<id>/registration-sheet.docx: the filled sheet (managers, the PI, the host's editors)."""
    task = get_object_or_404(Task.objects.select_related("host__profile", "investigator__expert"), pk=pk)
    if not visibility.may_see(request.user, task):
        raise Http404("no such task")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require(may_get_sheet(request.user, task),
            _("only the task managers, the principal investigator and the host's editors may get this sheet"))
    response = HttpResponse(sheet.render(task), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{sheet.filename(task)}"'
    return response
