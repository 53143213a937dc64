"""REST endpoints of the directory app: /api/orgs (list and one) and /api/directory (services, edits, requests).

Contact persons appear only where the organisation chose to publish them, or to its own editors
and the network administrator. Changes need a session login (and the CSRF token) and a role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import ConfigDict, StrictBool

from stinet.accounts.permissions import editable_organisations, is_admin, require
from stinet.api.schemas import Error, OrgOut
from stinet.catalog.models import Organisation
from stinet.catalog.vocab import ORG_KINDS, label
from stinet.directory import services
from stinet.directory.listing import (
    DirectoryQuery,
    by_code,
    field_labels,
    find_organisations,
    find_services,
    organisations,
)
from stinet.directory.models import InfoService, JoinRequest
from stinet.directory.vocab import SERVICE_KINDS
from stinet.search.service import FIELD_CODE

orgs_router = Router(tags=["organisations"])
router = Router(tags=["directory"])


class FieldOut(Schema):
    """A field of science."""

    code: str
    label: str


class ContactOut(Schema):
    """A contact person of an organisation."""

    name: str
    email: str
    phone: str


class CertificateOut(Schema):
    """The S&T enterprise certificate ("Giấy chứng nhận doanh nghiệp khoa học và công nghệ")."""

    number: str
    date: dt.date | None
    issuer: str


class ServiceOut(Schema):
    """An S&T information service: what is offered, to whom, how to ask."""

    id: int
    org: str
    org_name: str
    kind: str
    kind_label: str
    name: str
    description: str
    audience: str
    how_to_ask: str
    url: str
    free: bool
    fee: str


class DirectoryOrgOut(OrgOut):
    """An organisation with its directory entry (OrgOut's fields and more)."""

    kind_label: str
    short_name: str
    address: str
    phone: str
    email: str
    description: str
    description_en: str
    fields: list[FieldOut]
    certificate: CertificateOut | None
    contact: ContactOut | None
    services: list[ServiceOut]
    page: str


class ClosedIn(Schema):
    """A JSON body that takes only its own keys: another one is refused, naming it (not ignored)."""

    model_config = ConfigDict(extra="forbid")


# The default of a key PATCH may leave out: it is not a value (the key is left out of the change),
# so the key's type need not take null.
KEEP: Any = None


class ProfileIn(ClosedIn):
    """Changes to an organisation's entry; absent fields stay as they are (name_vi, kind, is_member:
    the network administrator only). Null is refused ("" empties a text, [] the fields) but for the
    certificate date, which has no other empty value."""

    name_vi: str = KEEP
    name_en: str = KEEP
    kind: str = KEEP
    is_member: StrictBool = KEEP  # true or false: "yes", "false" or 0 is refused, not read as one
    province: str = KEEP
    website: str = KEEP
    short_name: str = KEEP
    address: str = KEEP
    phone: str = KEEP
    email: str = KEEP
    description: str = KEEP
    description_en: str = KEEP
    fields: list[str] = KEEP
    contact_name: str = KEEP
    contact_email: str = KEEP
    contact_phone: str = KEEP
    publish_contact: StrictBool = KEEP
    certificate_number: str = KEEP
    certificate_date: dt.date | None = None
    certificate_issuer: str = KEEP


class ServiceIn(ClosedIn):
    """An information service to add or change."""

    kind: str = "other"
    name: str
    description: str = ""
    audience: str = ""
    how_to_ask: str = ""
    url: str = ""
    free: StrictBool = True
    fee: str = ""


class JoinRequestOut(Schema):
    """A request to join the network (administrators)."""

    id: int
    name_vi: str
    name_en: str
    short_name: str
    kind: str
    province: str
    website: str
    contact_name: str
    contact_email: str
    message: str
    status: str
    created_at: dt.datetime
    decided_by: str
    decided_at: dt.datetime | None
    reason: str
    org: str | None


class ApproveIn(ClosedIn):
    """The new member's code (default: from its abbreviation)."""

    code: str = ""


class RejectIn(ClosedIn):
    """Why the request is rejected."""

    reason: str


def _lang(lang: str) -> str:
    """'en' or the default 'vi'."""
    return "en" if lang == "en" else "vi"


@contextmanager
def _refusals() -> Iterator[None]:
    """A refused permission answers 403, a refused change 400, each with one line."""
    try:
        yield
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or gettext("you may not do this")) from None
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None


def _service(s: InfoService, lang: str) -> dict[str, Any]:
    """One service as the API shows it."""
    return {"id": s.pk, "org": s.organisation.code, "org_name": s.organisation.name(lang), "kind": s.kind,
            "kind_label": label(SERVICE_KINDS, s.kind, lang), "name": s.name, "description": s.description,
            "audience": s.audience, "how_to_ask": s.how_to_ask, "url": s.url, "free": s.free, "fee": s.fee}


def _org(o: Organisation, lang: str, fields: dict[str, str], edited: set[int] | None) -> dict[str, Any]:
    """One organisation with its entry; the contact person only when published or for its editors."""
    p = services.profile_of(o)
    own = edited is None or o.pk in edited
    contact = ({"name": p.contact_name, "email": p.contact_email, "phone": p.contact_phone}
               if p and p.contact_name and (p.publish_contact or own) else None)
    certificate = ({"number": p.certificate_number, "date": p.certificate_date, "issuer": p.certificate_issuer}
                   if p and p.certificate_number else None)
    return {"code": o.code, "name_vi": o.name_vi, "name_en": o.name_en, "kind": o.kind, "province": o.province,
            "website": o.website, "member": o.is_member, "works": getattr(o, "n", 0),
            "kind_label": label(ORG_KINDS, o.kind, lang),
            **{k: getattr(p, k) if p else "" for k in ("short_name", "address", "phone", "email", "description",
                                                         "description_en")},
            "fields": [{"code": c, "label": fields.get(c, c)} for c in (p.fields if p else [])],
            "certificate": certificate, "contact": contact,
            "services": [_service(s, lang) for s in o.info_services.all()],
            "page": reverse("portal:org", args=[o.code])}


def _edited(request: HttpRequest) -> set[int] | None:
    """Organisations whose unpublished contacts this user may see (None: all, an empty set: none)."""
    user = request.user
    return editable_organisations(user) if user.is_authenticated else set()


@orgs_router.get("", response={200: list[DirectoryOrgOut], 400: Error}, summary="Organisations")
def org_list(request: HttpRequest, member: bool | None = None, kind: str = "", province: str = "", q: str = "",
             field: str = "", service: str = "", lang: str = "vi") -> Any:
    """Organisations of the directory in Vietnamese alphabetical order, with their profile and services.

    Filters: member=true|false, kind (university, institute, library, hospital, agency, centre,
    enterprise, other), province, field (field-of-science code), service (kind of information
    service), q (name, abbreviation or code, with or without diacritics). `works` counts holdings.
    """
    lang = _lang(lang)
    _known("kind", kind, ORG_KINDS)
    _known("service", service, SERVICE_KINDS)
    if field and not FIELD_CODE.fullmatch(field.strip()):
        raise HttpError(400, gettext("%(name)s: %(value)r is not a field of science code (1 to 6, or one below "
                                     "them such as 502 or 50201)") % {"name": "field", "value": field})
    found = find_organisations(DirectoryQuery(q=q, member=member, kind=kind, province=province, field=field,
                                              service=service), lang)
    fields = field_labels({c for o in found for c in (getattr(services.profile_of(o), "fields", None) or [])}, lang)
    edited = _edited(request)
    return [_org(o, lang, fields, edited) for o in found]


@orgs_router.get("/{code}", response={200: DirectoryOrgOut, 404: Error}, summary="One organisation")
def org_detail(request: HttpRequest, code: str, lang: str = "vi") -> Any:
    """An organisation with its profile, fields of science, certificate and information services."""
    lang = _lang(lang)
    org = by_code(organisations(), code)
    profile = services.profile_of(org)
    return _org(org, lang, field_labels(profile.fields if profile else [], lang), _edited(request))


@router.get("/services", response={200: list[ServiceOut], 400: Error}, summary="Information services of the network")
def service_list(request: HttpRequest, kind: str = "", q: str = "", lang: str = "vi") -> Any:
    """Who offers which S&T information service; kind: lookup, document_delivery, translation,
    consulting, training, digitisation, analysis, other."""
    lang = _lang(lang)
    _known("kind", kind, SERVICE_KINDS)
    return [_service(s, lang) for s in find_services(kind, q, lang)]


def _known(name: str, value: str, known: dict[str, Any]) -> None:
    """A filter's value one of the known codes (or none), else 400 naming it, as /api/search says it
    (an unknown kind gave an empty list, as if no organisation were of it)."""
    if value and value not in known:
        raise HttpError(400, gettext("%(name)s: %(value)r is not one of %(known)s")
                        % {"name": name, "value": value, "known": ", ".join(known)})


@router.patch("/orgs/{code}", response={200: DirectoryOrgOut, 400: Error, 403: Error, 404: Error}, auth=django_auth,
              summary="Change an organisation's entry")
def org_update(request: HttpRequest, code: str, payload: ProfileIn, lang: str = "vi") -> Any:
    """Its member editors and the network administrator change the profile (name, kind and membership:
    the administrator only). A key it does not take is refused, named, with 400."""
    org = by_code(Organisation.objects.all(), code)
    with _refusals():
        services.update_profile(request.user, org, payload.dict(exclude_unset=True))
    return org_detail(request, org.code, lang)


@router.post("/orgs/{code}/services", response={201: ServiceOut, 400: Error, 403: Error, 404: Error},
             auth=django_auth, summary="Add an information service")
def service_add(request: HttpRequest, code: str, payload: ServiceIn) -> Any:
    """A new information service of the organisation (its member editors and the administrator)."""
    org = by_code(Organisation.objects.all(), code)
    with _refusals():
        added = services.add_service(request.user, org, payload.dict())
    return Status(201, _service(added, "vi"))


@router.put("/services/{id:service_id}", response={200: ServiceOut, 400: Error, 403: Error, 404: Error},
            auth=django_auth, summary="Change an information service")
def service_change(request: HttpRequest, service_id: int, payload: ServiceIn) -> Any:
    """Replace a service's description (its organisation's editors and the administrator)."""
    found = get_object_or_404(InfoService.objects.select_related("organisation"), pk=service_id)
    with _refusals():
        services.change_service(request.user, found, payload.dict())
    return _service(found, "vi")


@router.delete("/services/{id:service_id}", response={204: None, 403: Error, 404: Error}, auth=django_auth,
               summary="Delete an information service")
def service_delete(request: HttpRequest, service_id: int) -> Any:
    """Remove a service (its organisation's editors and the administrator)."""
    found = get_object_or_404(InfoService.objects.select_related("organisation"), pk=service_id)
    with _refusals():
        services.remove_service(request.user, found)
    return Status(204, None)


def _request(r: JoinRequest) -> dict[str, Any]:
    """One join request as the API shows it."""
    return {**{k: getattr(r, k) for k in ("name_vi", "name_en", "short_name", "kind", "province", "website",
                                          "contact_name", "contact_email", "message", "status", "created_at",
                                          "decided_at", "reason")},
            "id": r.pk, "decided_by": r.decided_by_label, "org": r.organisation.code if r.organisation else None}


@router.get("/requests", response={200: list[JoinRequestOut], 403: Error}, auth=django_auth,
            summary="Requests to join (administrator)")
def request_list(request: HttpRequest, status: str = "pending") -> Any:
    """Requests to join the network with the given status (pending, approved, rejected, all)."""
    with _refusals():
        require(is_admin(request.user), str(services.DECIDES_REQUESTS))
    rows = JoinRequest.objects.select_related("organisation")
    if status != "all":
        rows = rows.filter(status=status)
    return [_request(r) for r in rows]


@router.post("/requests/{id:request_id}/approve", response={200: DirectoryOrgOut, 400: Error, 403: Error, 404: Error},
             auth=django_auth, summary="Approve a request to join (administrator)")
def request_approve(request: HttpRequest, request_id: int, payload: ApproveIn) -> Any:
    """The organisation becomes a member with its profile; the applicant is mailed."""
    found = get_object_or_404(JoinRequest, pk=request_id)
    with _refusals():
        org = services.approve_join_request(request.user, found, payload.code)
    return org_detail(request, org.code)


@router.post("/requests/{id:request_id}/reject", response={200: JoinRequestOut, 400: Error, 403: Error, 404: Error},
             auth=django_auth, summary="Reject a request to join (administrator)")
def request_reject(request: HttpRequest, request_id: int, payload: RejectIn) -> Any:
    """Refuse with a reason; the applicant is mailed."""
    found = get_object_or_404(JoinRequest, pk=request_id)
    with _refusals():
        services.reject_join_request(request.user, found, payload.reason)
    return _request(found)

