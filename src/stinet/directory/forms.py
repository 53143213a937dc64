"""Web forms of the directory: filters, the request to join, profiles, services, decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stinet.catalog.models import FieldOfScience
from stinet.catalog.vocab import ORG_KINDS
from stinet.directory.listing import provinces, used_fields
from stinet.directory.vocab import SERVICE_KINDS
from stinet.portal.typedtext import TypedForm


def _choices(table: dict[str, tuple[str, str]], lang: str, blank: Any = None) -> list[tuple[str, str]]:
    """Choices from a vocabulary in the interface language, optionally after a blank one."""
    items = [(code, en if lang == "en" else vi) for code, (vi, en) in table.items()]
    return ([("", blank)] if blank is not None else []) + items


class FilterForm(TypedForm):
    """The directory's filters (all optional)."""

    q = forms.CharField(required=False, label=_("Name"), max_length=200)
    member = forms.ChoiceField(required=False, label=_("Membership"))
    kind = forms.ChoiceField(required=False, label=_("Kind"))
    province = forms.ChoiceField(required=False, label=_("Province"))
    field = forms.ChoiceField(required=False, label=_("Field of science"))
    service = forms.ChoiceField(required=False, label=_("Offers the service"))

    def __init__(self, *args: Any, lang: str = "vi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", _("All")), ("yes", _("Members of the network")),
                                         ("no", _("Other organisations"))]
        self.fields["kind"].choices = _choices(ORG_KINDS, lang, _("All kinds"))
        self.fields["province"].choices = [("", _("All provinces"))] + [(p, p) for p in provinces()]
        self.fields["field"].choices = [("", _("All fields"))] + [(c, f"{c} {n}") for c, n in used_fields(lang)]
        self.fields["service"].choices = _choices(SERVICE_KINDS, lang, _("Any service"))


class _CertificateFields(TypedForm):
    """The S&T enterprise certificate ("Giấy chứng nhận doanh nghiệp KH&CN"): all three parts or none."""

    certificate_number = forms.CharField(required=False, max_length=100, label=_("S&T enterprise certificate number"))
    certificate_date = forms.DateField(required=False, label=_("Certificate date"),
                                       widget=forms.DateInput(attrs={"type": "date"}))
    certificate_issuer = forms.CharField(required=False, max_length=300, label=_("Certificate issued by"))

    def clean(self) -> dict[str, Any]:
        """The rules of stinet.directory.rules.check_certificate, with messages in the interface language."""
        data = super().clean()
        parts = ("certificate_number", "certificate_date", "certificate_issuer")
        if any(name in self.errors for name in parts):
            return data
        given = {name: bool(data.get(name)) for name in parts}
        enterprise = data.get("kind", self.initial.get("kind")) == "enterprise"
        if (any(given.values()) or enterprise) and not all(given.values()):
            for name, ok in given.items():
                if not ok:
                    self.add_error(name, _("An S&T enterprise certificate needs its number, date and issuer."))
        date = data.get("certificate_date")
        if date and date > timezone.localdate():
            self.add_error("certificate_date", _("The certificate date is in the future."))
        return data


class JoinForm(_CertificateFields):
    """An organisation asks to join the network."""

    name_vi = forms.CharField(max_length=300, label=_("Name of the organisation (Vietnamese)"))
    name_en = forms.CharField(required=False, max_length=300, label=_("English name"))
    short_name = forms.CharField(required=False, max_length=50, label=_("Abbreviation"))
    kind = forms.ChoiceField(label=_("Kind"))
    province = forms.CharField(required=False, max_length=100, label=_("Province"))
    website = forms.URLField(required=False, max_length=200, label=_("Website"), assume_scheme="https")
    address = forms.CharField(required=False, max_length=300, label=_("Address"))
    contact_name = forms.CharField(max_length=200, label=_("Contact person"))
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    contact_phone = forms.CharField(required=False, max_length=50, label=_("Contact phone"))
    message = forms.CharField(required=False, max_length=3000, label=_("Message"),
                              widget=forms.Textarea(attrs={"rows": 4}))
    # A trap for robots: hidden from people, so anything in it means the form was not filled by a person.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"),
                               widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
                               template_name="directory/_honeypot.html")

    field_order = ["name_vi", "name_en", "short_name", "kind", "province", "website", "address", "contact_name",
                   "contact_email", "contact_phone", "certificate_number", "certificate_date", "certificate_issuer",
                   "message", "homepage"]

    def __init__(self, *args: Any, lang: str = "vi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _choices(ORG_KINDS, lang)
        self.order_fields(self.field_order)


def field_choices(lang: str) -> list[tuple[str, str]]:
    """Fields of science at the two top levels, one per code."""
    seen: dict[str, str] = {}
    for f in FieldOfScience.objects.filter(level__lte=2).order_by("code", "-scheme"):
        seen.setdefault(f.code, f"{f.code} {f.name_en if lang == 'en' and f.name_en else f.name_vi}")
    return sorted(seen.items())


class ProfileForm(_CertificateFields):
    """An organisation's directory entry; the administrator also sees the name, kind and membership."""

    name_vi = forms.CharField(max_length=300, label=_("Name of the organisation (Vietnamese)"))
    name_en = forms.CharField(required=False, max_length=300, label=_("English name"))
    kind = forms.ChoiceField(label=_("Kind"))
    is_member = forms.BooleanField(required=False, label=_("Member of the network"))
    short_name = forms.CharField(required=False, max_length=50, label=_("Abbreviation"))
    province = forms.CharField(required=False, max_length=100, label=_("Province"))
    website = forms.URLField(required=False, max_length=200, label=_("Website"), assume_scheme="https")
    address = forms.CharField(required=False, max_length=300, label=_("Address"))
    phone = forms.CharField(required=False, max_length=50, label=_("Phone"))
    email = forms.EmailField(required=False, label=_("E-mail"))
    description = forms.CharField(required=False, label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}),
                                  max_length=20000)
    description_en = forms.CharField(required=False, label=_("Description in English"),
                                     widget=forms.Textarea(attrs={"rows": 3}), max_length=20000)
    fos = forms.MultipleChoiceField(required=False, label=_("Fields of science"),
                                       widget=forms.CheckboxSelectMultiple(attrs={"class": "fos"}))
    contact_name = forms.CharField(required=False, max_length=200, label=_("Contact person"))
    contact_email = forms.EmailField(required=False, label=_("Contact e-mail"))
    contact_phone = forms.CharField(required=False, max_length=50, label=_("Contact phone"))
    publish_contact = forms.BooleanField(required=False, label=_("Show the contact person to the public"))

    ADMIN_ONLY = ("name_vi", "kind", "is_member")
    field_order = ["name_vi", "name_en", "kind", "is_member", "short_name", "province", "website", "address", "phone",
                   "email", "description", "description_en", "fos", "contact_name", "contact_email", "contact_phone",
                   "publish_contact", "certificate_number", "certificate_date", "certificate_issuer"]

    def __init__(self, *args: Any, lang: str = "vi", admin: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _choices(ORG_KINDS, lang)
        self.fields["fos"].choices = field_choices(lang)
        self.order_fields(self.field_order)
        if not admin:
            for name in self.ADMIN_ONLY:
                del self.fields[name]


class ServiceForm(TypedForm):
    """An information service of an organisation."""

    kind = forms.ChoiceField(label=_("Kind of service"))
    name = forms.CharField(max_length=300, label=_("Name of the service"))
    description = forms.CharField(required=False, label=_("What is offered"), widget=forms.Textarea(attrs={"rows": 3}),
                                  max_length=20000)
    audience = forms.CharField(required=False, max_length=300, label=_("For whom"))
    how_to_ask = forms.CharField(required=False, label=_("How to ask"), widget=forms.Textarea(attrs={"rows": 2}),
                                 max_length=5000)
    url = forms.URLField(required=False, max_length=200, label=_("Web address"), assume_scheme="https")
    free = forms.BooleanField(required=False, label=_("Free of charge"))
    fee = forms.CharField(required=False, max_length=300, label=_("Fee"))

    def __init__(self, *args: Any, lang: str = "vi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _choices(SERVICE_KINDS, lang)


class ApproveForm(TypedForm):
    """The code the new member gets."""

    code = forms.CharField(max_length=32, label=_("Code in the network"))


class RejectForm(TypedForm):
    """Why a request is rejected (mailed to the applicant)."""

    reason = forms.CharField(max_length=2000, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
