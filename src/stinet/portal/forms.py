"""How every form of the site is drawn: one form template and one field template (settings.FORM_RENDERER)."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest


class FormRenderer(DjangoTemplates):
    """`{{ form }}` and `{{ field.as_field_group }}` through portal/forms/: a field's errors carry the
    id its input points at (aria-describedby, with aria-invalid), a group of checkboxes or radio
    buttons is a fieldset named by its legend, and a required field is marked and the mark said."""

    form_template_name = "portal/forms/form.html"
    field_template_name = "portal/forms/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        """The template, with `required` (some shown field is) for the form's note on the mark."""
        if template_name == self.form_template_name:
            context = {**context, "required": any(f.field.required for f, _ in context["fields"])}
        return super().render(template_name, context, request)
