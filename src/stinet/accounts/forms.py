"""Forms of the accounts pages: login (throttled), password reset, roles, invitations, audit filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from stinet.accounts import throttle
from stinet.accounts.invitations import DEFAULT_DAYS, MAX_DAYS
from stinet.accounts.models import ROLES, SCOPED_ROLES, role_label
from stinet.accounts.services import AccountError, check_username
from stinet.accounts.signals import address_of, failed_login
from stinet.catalog.models import Organisation
from stinet.catalog.services import audit
from stinet.catalog.vocab import interface_lang


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form, refusing a name that failed too often from the same address."""

    ERROR_ID = "login-error"  # the refusal's element on the login page: both fields point at it

    def clean(self) -> dict[str, Any]:
        """Check the throttle, then the password; count a failure."""
        username = self.cleaned_data.get("username") or ""
        address = address_of(self.request)
        if throttle.blocked(username, address):
            failed_login(username, self.request, "login-blocked")
            self._refused()
            wait = throttle.minutes_left(username, address)
            raise forms.ValidationError(ngettext("Too many failed attempts. Try again in %(n)d minute.",
                                                 "Too many failed attempts. Try again in %(n)d minutes.", wait)
                                        % {"n": wait}, code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.failed(username, address)
            self._refused()
            raise
        throttle.succeeded(username, address)
        return cleaned

    def _refused(self) -> None:
        """Both fields said to be wrong (which one is not told), and pointed at the refusal."""
        for name in ("username", "password"):
            self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": self.ERROR_ID})


class AuditedPasswordResetForm(PasswordResetForm):
    """Django's reset form; each reset mail sent is audited (the page answers the same for unknown addresses)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """The address field named as the site names it."""
        super().__init__(*args, **kwargs)
        self.fields["email"].label = gettext_lazy("E-mail address")

    def send_mail(self, subject_template_name: str, email_template_name: str, context: dict[str, Any],
                  from_email: str | None, to_email: str, html_email_template_name: str | None = None) -> None:
        """Send the mail, then note it in the audit log."""
        super().send_mail(subject_template_name, email_template_name, context, from_email, to_email,
                          html_email_template_name)
        user = context["user"]
        audit(user.get_username(), "password-reset-mail", user, after={"email": to_email}, user=user)


def _role_choices() -> list[tuple[str, str]]:
    """Roles labelled in the active language."""
    return [(code, role_label(code)) for code in ROLES]


def _role_to_grant() -> list[tuple[str, str]]:
    """The roles, none chosen at first (the first, network administrator, was granted with one click: QA 26)."""
    return [("", "—"), *_role_choices()]


class OrganisationChoiceField(forms.ModelChoiceField):
    """An organisation chosen by its code, each labelled with its code and its name in the interface language."""

    def label_from_instance(self, obj: Any) -> str:
        """'HPU — Hai Phong University' on English pages (the Vietnamese name when there is no English one)."""
        return f"{obj.code} — {obj.name(interface_lang())}"


def _organisations() -> Any:
    """Organisations a member editor may be given, members first."""
    return Organisation.objects.order_by("-is_member", "code")


class RoleForm(forms.Form):
    """One role to grant (a member editor's names the organisation)."""

    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=_role_to_grant)
    organisation = OrganisationChoiceField(label=gettext_lazy("Organisation"), queryset=Organisation.objects.none(),
                                           to_field_name="code", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations()

    def clean(self) -> dict[str, Any]:
        """A member editor's role needs an organisation; other roles take none."""
        data = super().clean()
        if data.get("role") in SCOPED_ROLES and not data.get("organisation"):
            self.add_error("organisation", _("A member editor edits one organisation: choose it."))
        if data.get("role") and data["role"] not in SCOPED_ROLES:
            data["organisation"] = None
        return data


class InviteForm(forms.Form):
    """An invitation: the address and the roles the new user will get."""

    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    roles = forms.MultipleChoiceField(label=gettext_lazy("Roles"), choices=_role_choices,
                                      widget=forms.CheckboxSelectMultiple)
    organisation = OrganisationChoiceField(label=gettext_lazy("Organisation (for a member editor)"),
                                           queryset=Organisation.objects.none(), to_field_name="code", required=False)
    days = forms.IntegerField(label=gettext_lazy("Valid for (days)"), min_value=1, max_value=MAX_DAYS,
                              initial=DEFAULT_DAYS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations()

    def clean(self) -> dict[str, Any]:
        """A member editor's role needs an organisation."""
        data = super().clean()
        if SCOPED_ROLES & set(data.get("roles") or []) and not data.get("organisation"):
            self.add_error("organisation", _("A member editor edits one organisation: choose it."))
        return data

    def role_pairs(self) -> list[tuple[str, str | None]]:
        """(role, organisation code) pairs for the service."""
        org = self.cleaned_data.get("organisation")
        return [(role, org.code if role in SCOPED_ROLES else None) for role in self.cleaned_data["roles"]]


class AcceptForm(forms.Form):
    """The invitee chooses a user name and a password."""

    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=150, required=False)
    password1 = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=gettext_lazy("Password again"), widget=forms.PasswordInput, strip=False)

    def clean_username(self) -> str:
        """Letters, digits and @ . + - _ only (Django's user name validator), said in one line."""
        try:
            return check_username(self.cleaned_data["username"])
        except AccountError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None

    def clean(self) -> dict[str, Any]:
        """The two passwords must be the same."""
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class AuditFilterForm(forms.Form):
    """Filters of the audit log page."""

    who = forms.CharField(label=gettext_lazy("Who"), required=False, max_length=200)
    # codes, as stored; the page's lists (audit-actions, audit-objects) offer the known ones with their labels
    action = forms.CharField(label=gettext_lazy("Action"), required=False, max_length=40,
                             widget=forms.TextInput(attrs={"list": "audit-actions"}))
    object_type = forms.CharField(label=gettext_lazy("Object type"), required=False, max_length=40,
                                  widget=forms.TextInput(attrs={"list": "audit-objects"}))
    object_id = forms.CharField(label=gettext_lazy("Object id"), required=False, max_length=64)
    since = forms.DateField(label=gettext_lazy("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
