"""Web views of full texts: download (access and embargo enforced), upload and removal by editors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from stinet.accounts.permissions import editable_organisations, require
from stinet.catalog import files as services
from stinet.catalog.fileaccess import embargoed, refusal
from stinet.catalog.fulltext import PDF, image_pages
from stinet.catalog.models import Work, WorkFile
from stinet.catalog.vocab import ACCESS_LEVELS, label

STATUS_LABELS = {
    "ok": "", "converted": "", "ocr": "",
    "scanned": gettext_noop("Scanned document: its text is not searchable yet"),
    "unreadable": gettext_noop("Its text could not be read"),
    "unsupported": gettext_noop("Its text could not be read"),
}


def text_notes(f: WorkFile) -> list[str]:
    """What the work page says of a file's text: converted from a legacy encoding, scanned (which
    pages, when the others have text), unreadable."""
    notes = []
    if f.text_encoding:
        notes.append(_("Text converted from %(encoding)s") % {"encoding": f.text_encoding.upper()})
    pages = image_pages(f.text_note) if f.text_status == "scanned" else ""
    if pages:
        notes.append(_("Partly scanned: pages %(pages)s are images without text (searchable once read by OCR); "
                       "the other pages are searchable") % {"pages": pages})
    elif STATUS_LABELS.get(f.text_status):
        notes.append(_(STATUS_LABELS[f.text_status]))
    return notes


def file_rows(user: Any, work: Work, lang: str, editable: set[int] | None) -> list[dict[str, Any]]:
    """Each file of a work as the user is shown it (the work page, /api/works/{id}): its access, embargo,
    text notes, the reason it does not open for them ('' when it does), whether they may change it
    (`editable`: the organisations they edit, None for all)."""
    rows = []
    for f in WorkFile.objects.filter(work=work).select_related("organisation").defer("text"):
        rows.append({
            "file": f, "access": label(ACCESS_LEVELS, f.access, lang), "org_name": f.organisation.name(lang),
            "embargoed": embargoed(f.embargo_until), "refusal": refusal(user, f),
            "notes": text_notes(f),
            "editable": editable is None or f.organisation_id in editable,
        })
    return rows


def files_context(user: Any, work: Work, lang: str) -> dict[str, Any]:
    """What the work page shows of its files: each with its access, embargo and whether the user may open it."""
    editable = editable_organisations(user)
    holders = [h.organisation for h in work.holdings.all()]
    upload_orgs = [o for o in holders if editable is None or o.pk in editable] if user.is_authenticated else []
    return {"files": file_rows(user, work, lang, editable), "upload_orgs": upload_orgs,
            "access_choices": [(code, label(ACCESS_LEVELS, code, lang)) for code in ACCESS_LEVELS]}


def download(request: HttpRequest, work_id: int, file_id: int) -> HttpResponse:
    """The file itself, for those its access level and embargo let in; 403 with the reason otherwise."""
    f = get_object_or_404(WorkFile.objects.select_related("organisation", "work").defer("text"),
                          pk=file_id, work_id=work_id)
    reason = refusal(request.user, f)
    if reason:
        return render(request, "catalog/file_refused.html", {"work": f.work, "file": f, "reason": reason},
                      status=403)
    path = services.stored_path(f)
    if not path.is_file():
        return render(request, "catalog/file_refused.html",
                      {"work": f.work, "file": f, "reason": _("The stored file is missing; tell the network "
                                                               "administrator.")}, status=404)
    response = FileResponse(path.open("rb"), content_type=f.mime, as_attachment=f.mime != PDF,
                            filename=f.served_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if f.access == "public" and not f.embargo_until \
        else "private, no-store"
    return response


@login_required
@require_POST
def upload(request: HttpRequest, work_id: int) -> HttpResponse:
    """Attach an uploaded file (administrators and editors of a holding organisation)."""
    work = get_object_or_404(Work, pk=work_id)
    editable = editable_organisations(request.user)  # who may, before what they sent (no file: 302 to anyone)
    holders = {h.organisation_id: h.organisation.code for h in work.holdings.select_related("organisation")}
    require(editable is None or not editable.isdisjoint(holders),
            _("only the network administrators and the editors of %(org)s manage the files of its holdings")
            % {"org": ", ".join(sorted(holders.values())) or "—"})
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to upload."))
        return redirect("portal:work", work.pk)
    if upload.size > services.MAX_BYTES:
        messages.error(request, _("The file is too large."))
        return redirect("portal:work", work.pk)
    try:
        added = services.attach_file(
            work.pk, upload.read(), upload.name, org_code=request.POST.get("org") or None,
            access=request.POST.get("access", "public"), embargo=request.POST.get("embargo") or None,
            by=request.user)
    except services.FileRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("File attached: %(name)s") % {"name": added.original_name})
        if note := services.renamed(upload.name, added):
            messages.warning(request, note)
    return redirect("portal:work", work.pk)


@login_required
@require_POST
def remove(request: HttpRequest, work_id: int, file_id: int) -> HttpResponse:
    """Remove a file (administrators and editors of its organisation)."""
    f = get_object_or_404(WorkFile, pk=file_id, work_id=work_id)
    services.delete_file(f.pk, by=request.user)
    messages.success(request, _("File removed."))
    return redirect("portal:work", work_id)
