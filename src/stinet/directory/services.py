"""Changing the directory: profiles, information services and requests to join; all audited.

Every function takes the acting user and checks it through `stinet.accounts.permissions`;
`user=None` is the server's operator at the command line (trusted, audited as "cli").
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stinet.accounts.permissions import edits_organisation, is_admin, require
from stinet.catalog.limits import too_long
from stinet.catalog.models import FieldOfScience, Organisation
from stinet.catalog.services import CatalogError, add_organisation, audit, touch_held_works
from stinet.catalog.vocab import ORG_KINDS
from stinet.directory.models import InfoService, JoinRequest, OrganisationProfile
from stinet.directory.rules import DirectoryError, check_certificate, check_transition, suggest_code
from stinet.directory.vocab import SERVICE_KINDS
from stinet.vietnamese import fold, nfc
from stinet.vietnamese.text import without_controls

log = logging.getLogger(__name__)

PROFILE_FIELDS = ("short_name", "address", "phone", "email", "description", "description_en", "fields",
                  "contact_name", "contact_email", "contact_phone", "publish_contact",
                  "certificate_number", "certificate_date", "certificate_issuer")
EDITOR_ORG_FIELDS = ("name_en", "province", "website")  # an organisation's own editors may change these
ADMIN_ORG_FIELDS = ("name_vi", "kind", "is_member")  # only the network administrator
IN_RECORDS = ("name_vi", "name_en", "is_member")  # shown in the works' OAI-PMH records (852, sets)
# what a refusal calls them
ADMIN_ORG_FIELD_NAMES = {"name_vi": gettext_lazy("the Vietnamese name"), "kind": gettext_lazy("the kind"),
                         "is_member": gettext_lazy("the membership")}
DECIDES_REQUESTS = gettext_lazy("only the network administrator decides requests to join")
# a key a function does not take, by what it changes
UNKNOWN_FIELD = {"profile": gettext_lazy("directory entry: unknown field %(name)r"),
                 "service": gettext_lazy("information service: unknown field %(name)r"),
                 "join request": gettext_lazy("request to join: unknown field %(name)r")}
SERVICE_FIELDS = ("kind", "name", "description", "audience", "how_to_ask", "url", "free", "fee")
JOIN_FIELDS = ("name_vi", "name_en", "short_name", "kind", "province", "website", "address", "contact_name",
               "contact_email", "contact_phone", "message", "certificate_number", "certificate_date",
               "certificate_issuer")
_URL = URLValidator(schemes=["http", "https"])


def _actor(user: Any) -> tuple[str, Any]:
    """Audit label and user row of the acting user (None: the command line)."""
    if user is None:
        return "cli", None
    if getattr(user, "is_authenticated", False):
        return user.get_username(), user
    return "public", None


def edit_refusal(org: Organisation) -> str:
    """Why someone who does not edit this organisation is refused."""
    return _("you may not edit the directory entry of %(code)s") % {"code": org.code}


def _may_edit(user: Any, org: Organisation) -> None:
    """Refuse unless the user edits this organisation (its member editors, administrators, the CLI)."""
    if user is not None:
        require(edits_organisation(user, org.pk), edit_refusal(org))


def _clean(values: Mapping[str, Any], allowed: tuple[str, ...], what: str) -> dict[str, Any]:
    """Known keys only (what: a key of UNKNOWN_FIELD), text in NFC without outer spaces or control
    characters, no longer than its column (PostgreSQL refused a 5,000-digit phone with a 500)."""
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise DirectoryError(UNKNOWN_FIELD[what] % {"name": unknown[0]})
    cleaned = {k: without_controls(nfc(v)).strip() if isinstance(v, str) else v for k, v in values.items()}
    for key, value in cleaned.items():
        if refusal := too_long(key, value, _max_length(key)):
            raise DirectoryError(refusal)
    return cleaned


def _max_length(name: str) -> int | None:
    """The shortest column of that name among the directory's models (None: no limit)."""
    limits = [f.max_length for model in (Organisation, OrganisationProfile, InfoService, JoinRequest)
              for f in model._meta.get_fields() if f.name == name and getattr(f, "max_length", None)]
    return min(limits) if limits else None


def _check_email(value: str, what: str) -> None:
    """A valid e-mail address, or empty."""
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise DirectoryError(_("%(what)s %(value)r is not a valid e-mail address")
                                 % {"what": what, "value": value}) from None


def _check_url(value: str, what: str) -> None:
    """A valid http(s) address, or empty."""
    if value:
        try:
            _URL(value)
        except ValidationError:
            raise DirectoryError(_("%(what)s %(value)r is not a valid web address (http:// or https://)")
                                 % {"what": what, "value": value}) from None


def _check_fields(codes: Any) -> list[str]:
    """Field-of-science codes that exist in one of the schemes, without repeats."""
    if isinstance(codes, str):
        codes = [c for c in codes.replace(";", ",").split(",")]
    codes = list(dict.fromkeys(str(c).strip() for c in codes or [] if str(c).strip()))
    known = set(FieldOfScience.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise DirectoryError(_("field of science %(code)r is not a known code") % {"code": unknown[0]})
    return codes


def profile_of(org: Organisation) -> OrganisationProfile | None:
    """The organisation's directory profile, or None when it has none yet."""
    return getattr(org, "profile", None)


def _snapshot(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """Field values for the audit log (dates as ISO text)."""
    out = {}
    for name in names:
        value = getattr(obj, name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def update_profile(user: Any, org: Organisation, values: Mapping[str, Any]) -> OrganisationProfile:
    """Change an organisation's directory entry: its profile and some of its catalogue record."""
    _may_edit(user, org)
    data = _clean(values, PROFILE_FIELDS + EDITOR_ORG_FIELDS + ADMIN_ORG_FIELDS, "profile")
    admin_only = [k for k in ADMIN_ORG_FIELDS if k in data and data[k] != getattr(org, k)]
    if admin_only and user is not None and not is_admin(user):
        raise DirectoryError(_("only the network administrator may change %(field)s") % {
            "field": ADMIN_ORG_FIELD_NAMES[admin_only[0]]})
    profile = profile_of(org) or OrganisationProfile(organisation=org)
    org_data = {k: data.pop(k) for k in EDITOR_ORG_FIELDS + ADMIN_ORG_FIELDS if k in data}
    if "fields" in data:
        data["fields"] = _check_fields(data["fields"])
    _check_email(data.get("email", profile.email), _("e-mail"))
    _check_email(data.get("contact_email", profile.contact_email), _("contact e-mail"))
    _check_url(org_data.get("website", org.website), _("website"))
    if "kind" in org_data and org_data["kind"] not in ORG_KINDS:
        raise DirectoryError(_("organisation kind %(kind)r: one of %(kinds)s")
                             % {"kind": org_data["kind"], "kinds": ", ".join(ORG_KINDS)})
    if "name_vi" in org_data and not org_data["name_vi"]:
        raise DirectoryError(_("%(what)s: must not be empty") % {"what": _("organisation name")})
    merged = {k: data.get(k, getattr(profile, k)) for k in ("certificate_number", "certificate_issuer")}
    check_certificate(org_data.get("kind", org.kind), merged["certificate_number"],
                      data.get("certificate_date", profile.certificate_date), merged["certificate_issuer"],
                      timezone.localdate())
    label, row = _actor(user)
    with transaction.atomic():
        before = {**_snapshot(org, tuple(org_data)), **(_snapshot(profile, tuple(data)) if profile.pk else {})}
        for key, value in org_data.items():
            setattr(org, key, value)
        if org_data:
            org.save(update_fields=[*org_data, "updated_at"])
        if any(before.get(k) != getattr(org, k) for k in IN_RECORDS if k in org_data):
            touch_held_works(org)
        for key, value in data.items():
            setattr(profile, key, value)
        profile.save()
        after = {**_snapshot(org, tuple(org_data)), **_snapshot(profile, tuple(data))}
        audit(label, "update", profile, before=before or None, after=after, user=row)
    org.profile = profile
    return profile


def _check_service(data: dict[str, Any]) -> None:
    """A service has a name and a known kind; its address is a web address."""
    if "name" in data and not data["name"]:
        raise DirectoryError(_("%(what)s: must not be empty") % {"what": _("service name")})
    if "kind" in data and data["kind"] not in SERVICE_KINDS:
        raise DirectoryError(_("service kind %(kind)r: one of %(kinds)s")
                             % {"kind": data["kind"], "kinds": ", ".join(SERVICE_KINDS)})
    _check_url(data.get("url", ""), _("service address"))


def add_service(user: Any, org: Organisation, values: Mapping[str, Any]) -> InfoService:
    """A new information service of the organisation."""
    _may_edit(user, org)
    data = _clean(values, SERVICE_FIELDS, "service")
    data.setdefault("name", "")
    _check_service(data)
    label, row = _actor(user)
    with transaction.atomic():
        service = InfoService.objects.create(organisation=org, **data)
        audit(label, "create", service, after={"organisation": org.code, **_snapshot(service, tuple(data))},
              user=row)
    return service


def change_service(user: Any, service: InfoService, values: Mapping[str, Any]) -> InfoService:
    """Change an information service of an organisation."""
    _may_edit(user, service.organisation)
    data = _clean(values, SERVICE_FIELDS, "service")
    _check_service(data)
    label, row = _actor(user)
    with transaction.atomic():
        before = _snapshot(service, tuple(data))
        for key, value in data.items():
            setattr(service, key, value)
        service.save()
        audit(label, "update", service, before=before, after=_snapshot(service, tuple(data)), user=row)
    return service


def remove_service(user: Any, service: InfoService) -> None:
    """Delete an information service of an organisation."""
    _may_edit(user, service.organisation)
    label, row = _actor(user)
    with transaction.atomic():
        audit(label, "delete", service, before={"organisation": service.organisation.code,
                                                **_snapshot(service, SERVICE_FIELDS)}, user=row)
        service.delete()


def _same_name(name: str) -> str:
    """The comparable form of an organisation name."""
    return " ".join(fold(name).split())


def submit_join_request(values: Mapping[str, Any], language: str = "vi") -> JoinRequest:
    """Record an organisation's request to join the network (anyone may ask)."""
    data = _clean(values, JOIN_FIELDS, "join request")
    for key, what in (("name_vi", _("organisation name")), ("contact_name", _("contact person")),
                      ("contact_email", _("contact e-mail"))):
        if not data.get(key):
            raise DirectoryError(_("%(what)s: must not be empty") % {"what": what})
    _check_email(data["contact_email"], _("contact e-mail"))
    _check_url(data.get("website", ""), _("website"))
    kind = data.get("kind") or "other"
    if kind not in ORG_KINDS:
        raise DirectoryError(_("organisation kind %(kind)r: one of %(kinds)s")
                             % {"kind": kind, "kinds": ", ".join(ORG_KINDS)})
    check_certificate(kind, data.get("certificate_number", ""), data.get("certificate_date"),
                      data.get("certificate_issuer", ""), timezone.localdate())
    wanted = _same_name(data["name_vi"])
    if any(_same_name(n) == wanted for n in Organisation.objects.values_list("name_vi", flat=True)):
        raise DirectoryError(_("%(name)s is in the directory already") % {"name": data["name_vi"]})
    if any(_same_name(n) == wanted for n in JoinRequest.objects.filter(status="pending")
           .values_list("name_vi", flat=True)):
        raise DirectoryError(_("a request of %(name)s is waiting for a decision already") % {"name": data["name_vi"]})
    with transaction.atomic():
        request = JoinRequest.objects.create(**data, language="en" if language == "en" else "vi")
        audit("public", "create", request, after={"name_vi": request.name_vi, "email": request.contact_email})
    return request


def approve_join_request(user: Any, request: JoinRequest, code: str = "") -> Organisation:
    """Accept a request: the organisation becomes a member with its directory profile; mail the applicant."""
    if user is not None:
        require(is_admin(user), str(DECIDES_REQUESTS))
    check_transition(request.status, "approved")
    code = code.strip() or suggest_code(request.short_name, request.name_vi)
    label, row = _actor(user)
    with transaction.atomic():
        try:
            org = add_organisation(code, request.name_vi, name_en=request.name_en, kind=request.kind,
                                   province=request.province, website=request.website, member=True, actor=label)
        except CatalogError as exc:
            raise DirectoryError(str(exc)) from None
        OrganisationProfile.objects.create(
            organisation=org, short_name=request.short_name, address=request.address,
            contact_name=request.contact_name, contact_email=request.contact_email,
            contact_phone=request.contact_phone, certificate_number=request.certificate_number,
            certificate_date=request.certificate_date, certificate_issuer=request.certificate_issuer)
        _decide(request, "approved", row, label, organisation=org)
    return org


def reject_join_request(user: Any, request: JoinRequest, reason: str) -> JoinRequest:
    """Refuse a request with a reason the applicant receives by e-mail."""
    if user is not None:
        require(is_admin(user), str(DECIDES_REQUESTS))
    reason = nfc(reason).strip()
    if not reason:
        raise DirectoryError(_("reason: say why the request is rejected"))
    check_transition(request.status, "rejected")
    label, row = _actor(user)
    with transaction.atomic():
        _decide(request, "rejected", row, label, reason=reason)
    return request


def _decide(request: JoinRequest, status: str, user: Any, label: str, *, reason: str = "",
            organisation: Organisation | None = None) -> None:
    """Store a decision, audit it and mail the applicant once the transaction commits."""
    before = request.status
    request.status, request.reason, request.organisation = status, reason, organisation
    request.decided_by, request.decided_by_label, request.decided_at = user, label, timezone.now()
    request.save()
    audit(label, "approve" if status == "approved" else "reject", request, before={"status": before},
          after={"status": status, "reason": reason, "organisation": organisation.code if organisation else None},
          user=user)
    transaction.on_commit(lambda: notify_applicant(request))


def notify_applicant(request: JoinRequest) -> bool:
    """Mail the decision to the applicant in their language; a mail failure is logged, not raised."""
    with translation.override(request.language):
        name = request.name_vi
        if request.status == "approved":
            subject = _("Your organisation has joined the S&T information network")
            body = _("Dear %(person)s,\n\nthe request of %(org)s to join the network has been approved. "
                     "Its code in the network is %(code)s.") % {
                "person": request.contact_name, "org": name, "code": request.organisation.code
                if request.organisation else ""}
        else:
            subject = _("Your request to join the S&T information network")
            body = _("Dear %(person)s,\n\nthe request of %(org)s to join the network has not been approved. "
                     "Reason: %(reason)s") % {"person": request.contact_name, "org": name, "reason": request.reason}
    try:
        send_mail(subject, body, None, [request.contact_email])
    except Exception:  # the decision stands; the administrator can write to the applicant
        log.exception("could not mail the decision on join request %s", request.pk)
        return False
    return True
