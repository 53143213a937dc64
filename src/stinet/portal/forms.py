"""How every form of the site is drawn: one form template and one field template (settings.FORM_RENDERER)."""

from __future__ import annotations

from typing import Any

from django.forms import BoundField
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest


class FormRenderer(DjangoTemplates):
    """`{{ form }}` and `{{ field.as_field_group }}` through portal/forms/: a field's errors carry the
    id its input points at (aria-describedby, with aria-invalid), a group of checkboxes or radio
    buttons is a fieldset named by its legend, and a required field is marked and the mark said. A form
    sent back with wrong fields opens with a summary of them, each a link to its field, which takes the
    focus (autofocus), so that a keyboard or screen reader user starts from what to mend."""

    form_template_name = "portal/forms/form.html"
    field_template_name = "portal/forms/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        """The template, with `required` (some shown field is) for the form's note on the mark, and
        `invalid` (the fields with errors, and theirs) for its summary."""
        if template_name == self.form_template_name:
            context = {**context, "required": any(f.field.required for f, _ in context["fields"]),
                       "invalid": [(f, errors, _target(f)) for f, errors in context["fields"] if errors]}
        return super().render(template_name, context, request)


def _target(field: BoundField) -> str:
    """The id a link to the field leads to: its input's, or for a group of checkboxes its first box's."""
    if field.id_for_label:
        return field.id_for_label
    first = next(iter(field.subwidgets), None)
    return (first.id_for_label if first is not None else "") or field.auto_id or ""
