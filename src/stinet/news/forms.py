"""The editor's form of a news item."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from stinet.catalog.vocab import interface_lang, label
from stinet.news.models import KINDS
from stinet.news.services import Draft
from stinet.portal.typedtext import TypedForm


def _kind_choices() -> list[tuple[str, str]]:
    """Kinds labelled in the active language."""
    lang = interface_lang()
    return [(code, label(KINDS, code, lang)) for code in KINDS]


def _when() -> forms.DateTimeInput:
    """A date-and-time picker."""
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class NewsForm(TypedForm):
    """Title, kind, summary, plain-text body, and for events their dates and place."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=_kind_choices)
    summary = forms.CharField(label=gettext_lazy("Summary"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=gettext_lazy("Text (plain text; a blank line starts a paragraph)"), required=False,
                           max_length=50000, widget=forms.Textarea(attrs={"rows": 12}))
    starts_at = forms.DateTimeField(label=gettext_lazy("Starts"), required=False, widget=_when())
    ends_at = forms.DateTimeField(label=gettext_lazy("Ends"), required=False, widget=_when())
    place = forms.CharField(label=gettext_lazy("Place"), max_length=300, required=False)
    published = forms.BooleanField(label=gettext_lazy("Published"), required=False)

    def draft(self) -> Draft:
        """The cleaned fields as a draft for the service."""
        return Draft(**self.cleaned_data)
