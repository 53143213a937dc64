"""The profile form (the scientist's own, or an administrator's for anyone)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stinet.accounts.forms import OrganisationChoiceField
from stinet.catalog.models import FieldOfScience, Organisation
from stinet.catalog.vocab import label
from stinet.people.directory import shipped_fields
from stinet.people.models import ACADEMIC_TITLES, DEGREES, Expert
from stinet.portal.typedtext import TypedForm


def field_choices(lang: str = "vi") -> list[tuple[str, str]]:
    """Fields of science at levels 1 and 2 (codes shared by both schemes), in code order."""
    names: dict[str, str] = {}
    for f in FieldOfScience.objects.filter(level__lte=2).order_by("-scheme", "code"):
        names.setdefault(f.code, f.name_en if lang == "en" and f.name_en else f.name_vi)
    for code, name in shipped_fields(lang, max_level=2).items():
        names.setdefault(code, name)
    return [(code, f"{code} {'— ' if len(code) > 1 else ''}{name}") for code, name in sorted(names.items())]


def _choices(table: dict[str, tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    """Choices of a vocabulary with a 'none' first."""
    return [("", "—"), *((code, f"{code}. {label(table, code, lang)}") for code in table)]


class ProfileForm(TypedForm):
    """What a scientist keeps in their profile; administrators also link it to a user."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    academic_title = forms.ChoiceField(label=_("Academic title"), required=False)
    degree = forms.ChoiceField(label=_("Degree"), required=False)
    organisation = OrganisationChoiceField(label=_("Organisation"), queryset=Organisation.objects.order_by("code"),
                                           to_field_name="code", required=False)
    position = forms.CharField(label=_("Unit and position"), max_length=200, required=False)
    fields = forms.MultipleChoiceField(label=_("Fields of science"), required=False,
                                       widget=forms.SelectMultiple(attrs={"size": 8}))
    interests = forms.CharField(label=_("Research interests"), required=False, max_length=5000,
                                widget=forms.Textarea(attrs={"rows": 4}))
    other_names = forms.CharField(label=_("Other spellings of your name in publications (one a line)"),
                                  required=False, widget=forms.Textarea(attrs={"rows": 2}))
    orcid = forms.CharField(label="ORCID", max_length=40, required=False,
                            widget=forms.TextInput(attrs={"placeholder": "0000-0002-1825-0097"}))
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    show_contact = forms.BooleanField(label=_("Show my contact details to everyone"), required=False)
    public = forms.BooleanField(label=_("List my profile in the public directory"), required=False, initial=True)
    user = forms.CharField(label=_("User account (user name)"), max_length=150, required=False)

    def __init__(self, *args: Any, lang: str = "vi", admin: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["academic_title"].choices = _choices(ACADEMIC_TITLES, lang)
        self.fields["degree"].choices = _choices(DEGREES, lang)
        self.fields["fields"].choices = field_choices(lang)
        if not admin:
            del self.fields["user"]

    @staticmethod
    def initial_of(expert: Expert) -> dict[str, Any]:
        """Form values of a saved profile."""
        return {"full_name": expert.full_name, "academic_title": expert.academic_title, "degree": expert.degree,
                "organisation": expert.organisation, "position": expert.position, "fields": expert.fields,
                "interests": expert.interests, "other_names": "\n".join(expert.other_names),
                "orcid": expert.orcid, "email": expert.email, "phone": expert.phone, "website": expert.website,
                "show_contact": expert.show_contact, "public": expert.public,
                "user": expert.user.get_username() if expert.user_id else ""}

    def changes(self) -> dict[str, Any]:
        """Cleaned values in the shape the services take."""
        data = dict(self.cleaned_data)
        data["other_names"] = [n.strip() for n in data.get("other_names", "").splitlines() if n.strip()]
        if "user" in data:
            data["user"] = data["user"].strip() or None
        return data
