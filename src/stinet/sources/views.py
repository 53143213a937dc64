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
        allowed = editable_organisations(user)
        orgs = Organisation.objects.all() if allowed is None else Organisation.objects.filter(pk__in=allowed)
        self.fields["organisation"].queryset = orgs.order_by("code")
        if not is_admin(user):  # only the hub may harvest loopback or private addresses
            del self.fields["allow_private"]


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
    return render(request, "sources/health.html", {"sources": _visible(request), "form": form,
                                                   "site_language": settings.LANGUAGE_CODE})


class ChangeForm(forms.Form):
    """What may change in a saved source."""

    label = forms.CharField(max_length=200, label=_lazy("Name of the source"))
    metadata_prefix = forms.ChoiceField(choices=PREFIXES, label=_lazy("Metadata format (metadataPrefix)"),
                                        help_text=_lazy("Another format is harvested afresh."))
    set_spec = forms.CharField(required=False, max_length=200, label=_lazy("Set (setSpec)"),
                               help_text=_lazy("Empty: the whole repository. Another set is harvested afresh."))
    interval = forms.IntegerField(min_value=1, max_value=3650, label=_lazy("Days between harvests"))


@login_required
def edit(request: HttpRequest, source_id: int) -> HttpResponse:
    """Change a source's label, format, set or schedule."""
    source = get_object_or_404(Source.objects.select_related("organisation"), pk=source_id)
    require(edits_organisation(request.user, source.organisation_id), not_a_manager(source.organisation.code))
    initial = {"label": source.label, "metadata_prefix": source.metadata_prefix, "set_spec": source.set_spec,
               "interval": source.interval}
    form = ChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change_source(source, label=data["label"], prefix=data["metadata_prefix"], set_spec=data["set_spec"],
                          interval=data["interval"], actor=request.user.get_username(), user=request.user)
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
    messages.success(request, _("The worker will harvest %(label)s at its next round.") % {"label": source.label})
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
