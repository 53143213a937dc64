"""Models of the directory app: organisation profiles, information services, requests to join.

The organisation itself is `stinet.catalog.models.Organisation` (code, names, kind, province,
website, membership); this app keeps what the directory adds to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from stinet.catalog.models import Organisation
from stinet.catalog.vocab import ORG_KINDS, choices
from stinet.directory.vocab import JOIN_STATUSES, SERVICE_KINDS


class OrganisationProfile(models.Model):
    """What the directory shows of an organisation beyond the catalogue's record of it."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="profile")
    short_name = models.CharField(max_length=50, blank=True)  # abbreviation, e.g. "ĐHHP"
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    description = models.TextField(max_length=20000, blank=True)
    description_en = models.TextField(max_length=20000, blank=True)
    fields = models.JSONField(default=list, blank=True)  # field-of-science codes, e.g. ["2", "105"]
    # A contact person: shown to the public only when the organisation chose to publish it.
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    publish_contact = models.BooleanField(default=False)
    # "Giấy chứng nhận doanh nghiệp khoa học và công nghệ" of an S&T enterprise.
    certificate_number = models.CharField(max_length=100, blank=True)
    certificate_date = models.DateField(null=True, blank=True)
    certificate_issuer = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"profile of {self.organisation.code}"

    @property
    def has_certificate(self) -> bool:
        """True when the S&T enterprise certificate is recorded."""
        return bool(self.certificate_number)


class InfoService(models.Model):
    """An S&T information service an organisation offers: what, to whom, how to ask."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="info_services")
    kind = models.CharField(max_length=20, choices=choices(SERVICE_KINDS), default="other")
    name = models.CharField(max_length=300)
    description = models.TextField(max_length=20000, blank=True)
    audience = models.CharField(max_length=300, blank=True)  # to whom: "researchers, students, enterprises"
    how_to_ask = models.TextField(max_length=5000, blank=True)
    url = models.URLField(blank=True)
    free = models.BooleanField(default=True)
    fee = models.CharField(max_length=300, blank=True)  # fee note when not free
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__code", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.organisation.code}: {self.name}"


class JoinRequest(models.Model):
    """An organisation's request to join the network, decided by the network administrator."""

    name_vi = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    short_name = models.CharField(max_length=50, blank=True)
    kind = models.CharField(max_length=20, choices=choices(ORG_KINDS), default="other")
    province = models.CharField(max_length=100, blank=True)
    website = models.URLField(blank=True)
    address = models.CharField(max_length=300, blank=True)
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=50, blank=True)
    message = models.TextField(max_length=3000, blank=True)
    certificate_number = models.CharField(max_length=100, blank=True)
    certificate_date = models.DateField(null=True, blank=True)
    certificate_issuer = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=5, default="vi")  # of the applicant, for the decision e-mail
    status = models.CharField(max_length=10, choices=choices(JOIN_STATUSES), default="pending")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_by_label = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(max_length=5000, blank=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="joinrequest_status")]

    def __str__(self) -> str:
        return f"join request {self.pk}: {self.name_vi} ({self.status})"
