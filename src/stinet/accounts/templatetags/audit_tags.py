"""Template filters of the audit log: action codes and object types in the interface language."""

from __future__ import annotations

from django import template

from stinet.accounts.audit_labels import action_label, object_label

register = template.Library()


@register.filter
def audit_action(code: str) -> str:
    """An audit entry's action in words (an unknown code as it is)."""
    return action_label(code)


@register.filter
def audit_object(code: str) -> str:
    """An audit entry's object type in words (an unknown one as it is)."""
    return object_label(code)
