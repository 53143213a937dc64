"""The hub's health view of sources and the report page of each run (server-rendered)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from stinet.accounts.forms import OrganisationChoiceField
from stinet.accounts.permissions import editable_organisations, edits_organisation, is_admin, require
from stinet.catalog.models import ImportRun, Organisation
from stinet.sources.models import Source
from stinet.sources.scheduler import worker_last_seen, worker_running
from stinet.sources.services import add_source, change_source, not_a_manager, remove_source, request_run

PREFIXES = [("oai_dc", "oai_dc"), ("marcxml", "marcxml")]


class SourceForm(forms.Form):
    """A new OAI-PMH source of an organisation the user edits."""

    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), to_field_name="code",
                                           label=_lazy("Organisation"))
    base_url = forms.URLField(label=_lazy("OAI-PMH URL"), max_length=1000, assume_scheme="https")
    label = forms.CharField(required=False, max_length=200, label=_lazy("Name of the source"),
                            help_text=_lazy("Default: the host name of the URL."))
    metadata_prefix = forms.ChoiceField(choices=PREFIXES, label=_lazy("Metadata format (metadataPrefix)"))
    set_spec = forms.CharField(required=False, max_length=200, label=_lazy("Set (setSpec)"),
                               help_text=_lazy("Empty: the whole repository."))
    interval = forms.IntegerField(min_value=1, max_value=3650, initial=182, label=_lazy("Days between harvests"))
    allow_private = forms.BooleanField(required=False, label=_lazy("Allow a loopback or private address"))

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        _offer_organisations(self, user)
        if not is_admin(user):  # only the hub may harvest loopback or private addresses
            del self.fields["allow_private"]


def _offer_organisations(form: forms.Form, user: object) -> None:
    """Offer the organisations whose sources the user manages, the one chosen already when there is one."""
    allowed = editable_organisations(user)
    orgs = Organisation.objects.all() if allowed is None else Organisation.objects.filter(pk__in=allowed)
    field = form.fields["organisation"]
    field.queryset = orgs.order_by("code")
    if allowed is not None and len(allowed) == 1:
        field.initial = field.queryset.first()


class UploadForm(forms.Form):
    """A file of an organisation's records (its system's export), imported as a file source."""

    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), to_field_name="code",
                                           label=_lazy("Organisation"))
    file = forms.FileField(label=_lazy("File"), allow_empty_file=True,
                           help_text=_lazy("Excel (.xlsx, .xls), CSV, MARC 21 (.mrc), MARCXML or Dublin Core (.xml), "
                                           "as the member's system exports them. A file uploaded again under its "
                                           "name updates its records."))

    prefix = "upload"  # beside the form of a new source on one page: ids of its own

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        _offer_organisations(self, user)


def _visible(request: HttpRequest) -> object:
    """The sources this user may see and manage."""
    sources = Source.objects.select_related("organisation", "last_run").order_by("organisation__code", "label")
    allowed = editable_organisations(request.user)
    return sources if allowed is None else sources.filter(organisation_id__in=allowed)


@login_required
def health(request: HttpRequest) -> HttpResponse:
    """Sources with their last run, counts, status, last error and next run; add a source (users who edit
    an organisation: the others are told they manage none)."""
    allowed = editable_organisations(request.user)
    if allowed is not None and not allowed:
        require(request.method != "POST", _("you do not edit any organisation, so you manage no sources"))
        return render(request, "sources/health.html", {"manages_none": True})
    form = SourceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            source = add_source(data["organisation"].code, data["base_url"], label=data["label"],
                                prefix=data["metadata_prefix"], set_spec=data["set_spec"], interval=data["interval"],
                                allow_private=data.get("allow_private", False), actor=request.user.get_username(),
                                user=request.user)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Source added: %(label)s") % {"label": source.label})
            return redirect("sources:health")
    return _health_page(request, form, UploadForm(user=request.user))


def _health_page(request: HttpRequest, form: SourceForm, upload_form: UploadForm, status: int = 200) -> HttpResponse:
    return render(request, "sources/health.html", {"sources": _visible(request), "form": form,
                                                   "upload_form": upload_form,
                                                   "worker_running": worker_running(),
                                                   "worker_seen": worker_last_seen(),
                                                   "site_language": settings.LANGUAGE_CODE}, status=status)


def _queued(request: HttpRequest, text: str) -> None:
    """Say that the worker does something at its next round, or, when none runs, that it waits for one."""
    if worker_running():
        messages.success(request, text)
    else:
        messages.warning(request, text + " " + _("No worker is running now: it waits until 'stinet worker' runs."))


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    """Receive a file of an organisation's records: refused at once in one line when it cannot be imported;
    imported now when small (fewer rows than a parallel import needs), else by the worker at its next round."""
    from stinet.ingest.services import PARALLEL_MIN_ROWS
    from stinet.sources.harvesting import failure_line
    from stinet.sources.services import SourceBusy, run_source
    from stinet.sources.uploads import receive

    allowed = editable_organisations(request.user)
    require(allowed is None or bool(allowed), _("you do not edit any organisation, so you manage no sources"))
    form = UploadForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        file = form.cleaned_data["file"]
        try:
            source, rows = receive(form.cleaned_data["organisation"], file.name, file.chunks(), user=request.user,
                                   actor=request.user.get_username())
        except ValueError as exc:
            form.add_error("file", str(exc))
    if not form.is_valid():
        return _health_page(request, SourceForm(user=request.user), form, status=400)
    if rows is None or rows >= PARALLEL_MIN_ROWS:
        _queued(request, _("File received: %(name)s. The worker imports it at its next round; its report "
                           "then shows here.") % {"name": source.label})
        return redirect("sources:health")
    try:
        report = run_source(source, parsers=1)
    except SourceBusy:
        messages.success(request, _("File received: %(name)s. The worker is importing it; its report then shows "
                                    "here.") % {"name": source.label})
        return redirect("sources:health")
    except Exception as exc:  # noqa: BLE001 - the run is recorded as failed, with the same line
        messages.error(request, failure_line(exc))
        return redirect("sources:health")
    messages.success(request, _("Imported %(name)s: %(new)s new, %(updated)s updated, %(rejected)s rejected.")
                     % {"name": source.label, "new": report.new, "updated": report.updated,
                        "rejected": report.rejected})
    source.refresh_from_db()
    return redirect("sources:run", run_id=source.last_run_id) if source.last_run_id else redirect("sources:health")


class ChangeForm(forms.Form):
    """What may change in a saved source."""

    label = forms.CharField(max_length=200, label=_lazy("Name of the source"))
    # text, checked by the service as `source add` checks it (Django's URL check refuses hosts such as
    # http://dspace:8080/ that a source may have: the page could not save its name or interval)
    base_url = forms.CharField(label=_lazy("OAI-PMH URL"), max_length=1000, required=False,
                              help_text=_lazy("The repository moved: its new address is harvested afresh, its "
                                              "records staying the source's own."))
    metadata_prefix = forms.ChoiceField(choices=PREFIXES, label=_lazy("Metadata format (metadataPrefix)"),
                                        help_text=_lazy("Another format is harvested afresh."))
    set_spec = forms.CharField(required=False, max_length=200, label=_lazy("Set (setSpec)"),
                               help_text=_lazy("Empty: the whole repository. Another set is harvested afresh."))
    interval = forms.IntegerField(min_value=1, max_value=3650, label=_lazy("Days between harvests"))

    def __init__(self, *args: object, source: Source, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if source.kind != "oai":  # a file has no address, format or set (its reader knows it)
            for name in ("base_url", "metadata_prefix", "set_spec"):
                del self.fields[name]
        from stinet.sources.uploads import is_upload

        if source.kind == "file" and is_upload(source.file_path):  # imported once, not at an interval
            del self.fields["interval"]


@login_required
def edit(request: HttpRequest, source_id: int) -> HttpResponse:
    """Change a source's label, format, set or schedule."""
    source = get_object_or_404(Source.objects.select_related("organisation"), pk=source_id)
    require(edits_organisation(request.user, source.organisation_id), not_a_manager(source.organisation.code))
    initial = {"label": source.label, "metadata_prefix": source.metadata_prefix, "set_spec": source.set_spec,
               "interval": source.interval, "base_url": source.base_url}
    form = ChangeForm(request.POST or None, initial=initial, source=source)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change_source(source, label=data["label"], prefix=data.get("metadata_prefix"),
                          set_spec=data.get("set_spec"), interval=data.get("interval"),
                          base_url=data.get("base_url") or None,
                          actor=request.user.get_username(), user=request.user)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Source changed: %(label)s") % {"label": source.label})
            return redirect("sources:health")
    return render(request, "sources/edit.html", {"source": source, "form": form})


@login_required
@require_POST
def run_now(request: HttpRequest, source_id: int) -> HttpResponse:
    """Ask the worker to harvest a source at its next round."""
    source = get_object_or_404(Source.objects.select_related("organisation"), pk=source_id)
    request_run(source, user=request.user, actor=request.user.get_username())
    _queued(request, _("The worker will harvest %(label)s at its next round.") % {"label": source.label})
    return redirect("sources:health")


@login_required
@require_POST
def remove(request: HttpRequest, source_id: int) -> HttpResponse:
    """Remove a source that is not running; what it harvested stays."""
    source = get_object_or_404(Source.objects.select_related("organisation"), pk=source_id)
    try:
        remove_source(source, actor=request.user.get_username(), user=request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("sources:edit", source_id=source_id)
    messages.success(request, _("Source removed: %(label)s (what it harvested stays)") % {"label": source.label})
    return redirect("sources:health")


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    """One run's report: counts, pages, time, rejections with reasons, notes and where it stopped."""
    run = ImportRun.objects.select_related("organisation").filter(pk=run_id).first()
    if run is None:
        raise Http404(_("no such run"))
    require(edits_organisation(request.user, run.organisation_id),
            _("you do not manage %(code)s") % {"code": run.organisation.code})
    report = run.report or {}
    source = Source.objects.filter(pk=report.get("source_id")).first() if report.get("source_id") else None
    conversions = [(name.upper(), n) for name, n in sorted((report.get("conversions") or {}).items())]
    return render(request, "sources/run.html", {"run": run, "report": report, "source": source,
                                                "counts": run.counts or {}, "conversions": conversions,
                                                "written": _written(report)})


def _written(report: dict) -> str:
    """The language a run's stored messages are in (its error, notes and rejection reasons are kept as the
    process that ran it wrote them; runs recorded before the language was kept: the site's)."""
    return str(report.get("language") or settings.LANGUAGE_CODE)
