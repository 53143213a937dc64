"""Experts (scientists) with their profiles, and the catalogue works suggested to or confirmed by them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from stinet.catalog.models import Organisation, Work
from stinet.catalog.vocab import choices

# code -> (Vietnamese label, English label); the code is also the abbreviation written before a name.
ACADEMIC_TITLES: dict[str, tuple[str, str]] = {
    "GS": ("Giáo sư", "Professor"),
    "PGS": ("Phó giáo sư", "Associate professor"),
}
DEGREES: dict[str, tuple[str, str]] = {
    "TSKH": ("Tiến sĩ khoa học", "Doctor of science"),
    "TS": ("Tiến sĩ", "Doctor (PhD)"),
    "ThS": ("Thạc sĩ", "Master"),
    "BS": ("Bác sĩ", "Medical doctor"),
    "DS": ("Dược sĩ", "Pharmacist"),
    "KS": ("Kỹ sư", "Engineer"),
    "CN": ("Cử nhân", "Bachelor"),
}
WORK_STATUSES: dict[str, tuple[str, str]] = {
    "suggested": ("Được gợi ý", "Suggested"),
    "confirmed": ("Đã xác nhận", "Confirmed"),
    "rejected": ("Không phải của tôi", "Rejected"),
}


class ExpertQuerySet(models.QuerySet):
    """Experts, with the subset the public may see."""

    def public(self) -> ExpertQuerySet:
        """Profiles shown in the directory, the finder and the API to everyone."""
        return self.filter(public=True)


class Expert(models.Model):
    """A scientist's profile: titles, organisation, fields, interests, ORCID, contact."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="expert")
    full_name = models.CharField(max_length=200)  # NFC, without academic titles
    name_key = models.CharField(max_length=200, db_index=True)  # vietnamese.name_key(full_name)
    sort_name = models.CharField(max_length=255, db_index=True)  # collation key, given name first
    other_names = models.JSONField(default=list, blank=True)  # other spellings used in publications
    academic_title = models.CharField(max_length=4, choices=choices(ACADEMIC_TITLES), blank=True)
    degree = models.CharField(max_length=4, choices=choices(DEGREES), blank=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="experts")
    position = models.CharField(max_length=200, blank=True)  # unit and post, free text
    fields = models.JSONField(default=list, blank=True)  # field-of-science codes (Circular 24/2025)
    field_codes = models.CharField(max_length=500, blank=True)  # " 1 102 " for portable prefix filters
    interests = models.TextField(max_length=5000, blank=True)
    orcid = models.CharField(max_length=19, blank=True)  # 0000-0002-1825-0097, checksum validated
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    show_contact = models.BooleanField(default=False)  # the scientist allows showing contact details
    public = models.BooleanField(default=True)  # listed and shown to everyone
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "id"]
        indexes = [models.Index(fields=["updated_at", "id"], name="expert_changed")]  # the national feed

    def __str__(self) -> str:
        return self.display_name

    @property
    def prefix(self) -> str:
        """Abbreviated titles written before the name: 'PGS.TS.', 'ThS.', ''."""
        return "".join(f"{code}." for code in (self.academic_title, self.degree) if code)

    @property
    def display_name(self) -> str:
        """The name as Vietnamese lists write it: 'PGS.TS. Nguyễn Văn An'."""
        return f"{self.prefix} {self.full_name}".strip()

    def names(self) -> list[str]:
        """The full name and the other spellings, for matching catalogue creators."""
        return [self.full_name, *[n for n in self.other_names if n]]


class ExpertWork(models.Model):
    """A catalogue work suggested to an expert (by name matching), then confirmed or rejected by them."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="work_links")
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="expert_links")
    status = models.CharField(max_length=10, choices=choices(WORK_STATUSES), default="suggested")
    score = models.FloatField(default=0.0)
    matched_name = models.CharField(max_length=300, blank=True)  # the creator name that matched
    role = models.CharField(max_length=20, blank=True)  # the creator's role in the work
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [models.UniqueConstraint(fields=["expert", "work"], name="expertwork_unique")]
        indexes = [models.Index(fields=["work", "status"], name="expertwork_work_status")]

    def __str__(self) -> str:
        return f"{self.expert_id} ~ work {self.work_id} ({self.status})"
