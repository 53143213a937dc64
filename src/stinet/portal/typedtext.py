"""Forms whose typed texts are Vietnamese Unicode, whatever the keyboard driver wrote (DESIGN.md §4).

A writer whose input method still sends TCVN3 or VNI ("Nghiªn cøu t¸c ®éng", "Nghieân cöùu") types
into a Unicode page: the text reaches the form as those Latin-1 letters. Each free-text field is read
as the importers read a cell (vietnamese.to_unicode: converted only when it reads as Vietnamese in
that encoding and not as Unicode; words left in one inside Unicode text mended). Codes, e-mail and web
addresses, passwords and choices are left as typed.
"""

from __future__ import annotations

from django import forms

from stinet.vietnamese import to_unicode

_NOT_TEXT = (forms.EmailField, forms.URLField, forms.SlugField, forms.RegexField, forms.UUIDField,
             forms.GenericIPAddressField, forms.ChoiceField)


def _free_text(field: forms.Field) -> bool:
    """Whether a field holds text a person writes (a title, a summary, a name)."""
    return (isinstance(field, forms.CharField) and not isinstance(field, _NOT_TEXT)
            and not isinstance(field.widget, forms.PasswordInput))


class TypedForm(forms.Form):
    """A form whose free-text values are converted to Unicode from TCVN3, VNI or VIQR once cleaned."""

    def full_clean(self) -> None:
        super().full_clean()
        cleaned = getattr(self, "cleaned_data", None)
        if not cleaned:
            return
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(value, str) and value and _free_text(field):
                cleaned[name] = to_unicode(value).text
