"""Login (throttled), logout, and the back-office start page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from stinet.accounts import throttle
from stinet.accounts.permissions import editable_organisations, is_admin
from stinet.catalog.models import Match, Organisation


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form, refusing a name that failed too often from the same address."""

    def clean(self) -> dict[str, Any]:
        """Check the throttle, then the password; count a failure."""
        username = self.cleaned_data.get("username") or ""
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        if throttle.blocked(username, address):
            raise forms.ValidationError(_("Too many failed attempts. Try again in 15 minutes."), code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.failed(username, address)
            raise
        throttle.succeeded(username, address)
        return cleaned


class StinetLoginView(LoginView):
    """The login page."""

    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """The back office's start page: what this user may manage."""
    allowed = editable_organisations(request.user)
    orgs = Organisation.objects.all() if allowed is None else Organisation.objects.filter(pk__in=allowed)
    context = {"orgs": orgs, "admin": is_admin(request.user),
               "reviews": Match.objects.filter(status="review").count() if is_admin(request.user) else 0}
    return render(request, "accounts/manage.html", context)
