"""Template filters of the directory: vocabulary labels in the interface language."""

from __future__ import annotations

from django import template

from stinet.catalog.vocab import ORG_KINDS, interface_lang, label
from stinet.directory.vocab import JOIN_STATUSES, SERVICE_KINDS

register = template.Library()


@register.filter
def org_kind(code: str) -> str:
    """Label of an organisation kind."""
    return label(ORG_KINDS, code, interface_lang())


@register.filter
def service_kind(code: str) -> str:
    """Label of an information service kind."""
    return label(SERVICE_KINDS, code, interface_lang())


@register.filter
def join_status(code: str) -> str:
    """Label of a join request status."""
    return label(JOIN_STATUSES, code, interface_lang())


@register.filter
def org_name(org: object) -> str:
    """An organisation's name in the interface language."""
    return org.name(interface_lang())  # type: ignore[attr-defined]
