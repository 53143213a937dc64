"""Login (throttled), password change and reset, accepting an invitation, the back-office start page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from stinet.accounts import throttle
from stinet.accounts.forms import AcceptForm, AuditedPasswordResetForm, ThrottledAuthenticationForm
from stinet.accounts.invitations import InvitationError, accept_invitation, open_invitation
from stinet.accounts.permissions import editable_organisations, edits_news, is_admin, roles_of
from stinet.accounts.services import AccountError
from stinet.accounts.signals import address_of
from stinet.catalog.models import Match, Organisation
from stinet.catalog.services import audit
from stinet.directory.models import JoinRequest
from stinet.people.models import Expert
from stinet.people.rules import PROFILE_ROLES
from stinet.tasks.models import Task
from stinet.tasks.visibility import is_manager


class StinetLoginView(auth_views.LoginView):
    """The login page."""

    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        """The safe `next`, unless it is this page (a signed-in user sent back here: a redirection loop,
        which Django answers with an error); then the back office."""
        url = super().get_redirect_url()
        return "" if url and urlsplit(url).path == self.request.path else url


class PasswordChangeView(auth_views.PasswordChangeView):
    """A logged-in user changes their password (audited)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:manage")

    def form_valid(self, form: Any) -> HttpResponse:
        """Save, audit, say so."""
        response = super().form_valid(form)
        user = form.user
        audit(user.get_username(), "password-change", user, user=user)
        messages.success(self.request, _("Your password has been changed."))
        return response


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST (a link followed by a page of another site must not log anyone out); the address
    opened in the browser asks first instead of answering an empty 405, or goes home when nobody is logged in."""

    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The question, with the button that logs out."""
        if not request.user.is_authenticated:
            return redirect("portal:home")
        return render(request, "accounts/logout.html")


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail address; the same answer whether the address is known or not."""

    template_name = "accounts/password_reset.html"
    form_class = AuditedPasswordResetForm
    email_template_name = "accounts/mail/password_reset.txt"
    subject_template_name = "accounts/mail/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    """'If the address is known, a mail is on its way.'"""

    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the mailed link (audited)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        """Save, then audit; the failed logins from this address are forgotten (the owner proved the mailbox is
        theirs: the lock-out kept them out with their new password for 15 minutes)."""
        response = super().form_valid(form)
        user = form.user
        audit(user.get_username(), "password-reset", user, user=user)
        throttle.succeeded(user.get_username(), address_of(self.request))
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    """The new password is set."""

    template_name = "accounts/password_reset_complete.html"


def accept(request: HttpRequest, token: str) -> HttpResponse:
    """An invitee chooses a user name and password; they are logged in with the invited roles."""
    try:
        invitation = open_invitation(token)
    except InvitationError as exc:
        return render(request, "accounts/accept.html", {"refused": str(exc)}, status=410)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = accept_invitation(token, data["username"], data["password1"], data["full_name"])
        except AccountError as exc:
            form.add_error(None, str(exc))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("accounts:manage")
    return render(request, "accounts/accept.html", {"form": form, "invitation": invitation})


PARTY_ROLES = frozenset({"investigator", "council_member", "scientist"})  # their tasks and councils


def _start(user: Any) -> dict[str, Any]:
    """What this user's roles let them do, as the flags and counts of the start page's links."""
    held = {role for role, _org in roles_of(user)}
    admin = is_admin(user)
    allowed = editable_organisations(user)
    tasks = Task.objects.filter(Q(proposer=user) | Q(investigator=user) | Q(councils__members=user))
    return {
        "roles": user.roles.select_related("organisation"),
        "admin": admin, "news_editor": edits_news(user), "task_manager": is_manager(user),
        "sources": allowed is None or bool(allowed),  # harvest sources belong to the organisations one edits
        "orgs": Organisation.objects.all() if allowed is None else Organisation.objects.filter(pk__in=allowed),
        "profile": bool(held & PROFILE_ROLES) or Expert.objects.filter(user=user).exists(),
        "my_tasks": bool(held & PARTY_ROLES) or tasks.exists(),  # proposers without a role too
        "reviews": Match.objects.filter(status="review").count() if admin else 0,
        "requests": JoinRequest.objects.filter(status="pending").count() if admin else 0,
    }


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """The back office's start page: what this user may manage, by their roles."""
    return render(request, "accounts/manage.html", _start(request.user))
