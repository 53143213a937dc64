"""Catalogue records: organisations, works, holdings, provenance, fields of science, audit."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from stinet.catalog.jsontext import TextJSONEncoder
from stinet.catalog.reasons import said
from stinet.catalog.vocab import ACCESS_LEVELS, CREATOR_ROLES, ORG_KINDS, WORK_TYPES, choices
from stinet.vietnamese import sort_key

# A title's collation key is ~3.3 characters per letter (the letters, then marks and case): 1,000 keep
# titles of ~300 letters in order ("... giai đoạn 2016-2020" and "... 2021-2025" had one key at 255)
TITLE_SORT_CHARS = 1000


def title_sort_key(title: str) -> str:
    """The key works are sorted by title with (Vietnamese order), as stored."""
    return sort_key(title)[:TITLE_SORT_CHARS]


class Organisation(models.Model):
    """A member of the network or another S&T organisation."""

    code = models.SlugField(max_length=32, unique=True)
    name_vi = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=choices(ORG_KINDS), default="other")
    province = models.CharField(max_length=100, blank=True)
    website = models.URLField(blank=True)
    is_member = models.BooleanField(default=False)
    is_hub = models.BooleanField(default=False)  # the network's hub (one at most): it makes the reports
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["updated_at", "id"], name="organisation_changed")]  # the national feed
        constraints = [models.UniqueConstraint(fields=["is_hub"], condition=models.Q(is_hub=True),
                                               name="organisation_one_hub")]

    def __str__(self) -> str:
        return f"{self.code} — {self.name_vi}"

    def name(self, lang: str = "vi") -> str:
        """Name in the requested language, falling back to Vietnamese."""
        return self.name_en if lang == "en" and self.name_en else self.name_vi


class FieldOfScience(models.Model):
    """A code of the Vietnamese classification of S&T fields (2025 or 2008 scheme)."""

    scheme = models.CharField(max_length=4)  # "2025" (Circular 24/2025) or "2008" (Decision 12)
    code = models.CharField(max_length=16)
    level = models.PositiveSmallIntegerField()
    parent_code = models.CharField(max_length=16, blank=True)
    name_vi = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["scheme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="fos_scheme_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_vi}"


class Work(models.Model):
    """One distinct resource of the union catalogue, held by one or more organisations."""

    type = models.CharField(max_length=20, choices=choices(WORK_TYPES), default="other")
    title = models.TextField()
    title_en = models.TextField(blank=True)
    title_sort = models.CharField(max_length=TITLE_SORT_CHARS)  # title_sort_key (sorting is the search index's)
    # [{"name": "Nguyễn Văn An", "role": "author"}, ...] in the order given by the source.
    creators = models.JSONField(encoder=TextJSONEncoder, default=list)
    degree = models.CharField(max_length=200, blank=True)
    grantor = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)  # indexed with created_at (work_year_created)
    date = models.CharField(max_length=10, blank=True)  # ISO date or part of one, as given
    abstract = models.TextField(blank=True)
    subjects = models.JSONField(encoder=TextJSONEncoder, default=list)
    field_code = models.CharField(max_length=16, blank=True)  # Circular 24/2025 code
    field_code_old = models.CharField(max_length=16, blank=True)  # Decision 12/2008 code
    language = models.CharField(max_length=8, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    # {"isbn": [...], "issn": [...], "doi": [...], "handle": [...], "uri": [...]}
    identifiers = models.JSONField(encoder=TextJSONEncoder, default=dict)
    extra = models.JSONField(encoder=TextJSONEncoder, default=dict)  # unknown source columns, kept and shown
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # indexed with the id (work_datestamp_id)

    class Meta:
        ordering = ["id"]
        # OAI-PMH pages by (datestamp, id): keyset paging needs both in one index; the statistics' growth
        # over time counts works by year of entry, within a period of publication, from an index alone
        indexes = [models.Index(fields=["updated_at", "id"], name="work_datestamp_id"),
                   models.Index(fields=["year", "created_at"], name="work_year_created")]

    def __str__(self) -> str:
        return self.title[:80]

    def people(self, role: str) -> list[str]:
        """Names of the creators with one role, in source order."""
        return [c["name"] for c in self.creators if c.get("role", "author") == role]

    @property
    def authors(self) -> list[str]:
        """Authors (role author or editor) in source order."""
        return [c["name"] for c in self.creators if c.get("role", "author") in ("author", "editor")]

    @property
    def advisors(self) -> list[str]:
        """Thesis advisors."""
        return self.people("advisor")

    @property
    def creator_roles(self) -> list[tuple[str, list[str]]]:
        """(role, names) of every role among the creators: the vocabulary's in its order, then any other."""
        found = list(dict.fromkeys(c.get("role", "author") for c in self.creators))
        order = [r for r in CREATOR_ROLES if r in found] + [r for r in found if r not in CREATOR_ROLES]
        return [(role, self.people(role)) for role in order]


class ImportRun(models.Model):
    """One import of a file (or, later, one harvest) and its report."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="runs")
    source_name = models.CharField(max_length=500)
    format = models.CharField(max_length=20)
    status = models.CharField(max_length=20, default="running")  # running | done | failed
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)  # committed rows: where a resume starts
    counts = models.JSONField(default=dict)  # new / updated / unchanged / rejected
    report = models.JSONField(default=dict)  # rejections, unmapped types, conversions, columns
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.organisation.code}: {self.source_name} ({self.status})"


class SourceRecord(models.Model):
    """A record as received from a member, kept for provenance and change detection."""

    # source_org_id leads with the organisation: no second index on it alone
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, db_index=False)
    local_id = models.CharField(max_length=300)
    format = models.CharField(max_length=20)
    payload = models.JSONField(encoder=TextJSONEncoder)  # the row or record exactly as read, column -> value
    digest = models.CharField(max_length=64)  # of what the catalogue keeps of it, to tell unchanged records
    run = models.ForeignKey(ImportRun, null=True, on_delete=models.SET_NULL)
    received_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "local_id"], name="source_org_id"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.local_id}"


class Holding(models.Model):
    """An organisation's copy of a work: where it is and how to get it."""

    # holding_work_org leads with the work (and answers "does this member hold it" from the index alone)
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="holdings", db_index=False)
    # holding_org_id leads with the organisation: a second index on it alone would only slow imports
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="holdings", db_index=False)
    local_id = models.CharField(max_length=300)
    call_number = models.CharField(max_length=100, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    access = models.CharField(max_length=10, choices=choices(ACCESS_LEVELS), default="metadata")
    source = models.OneToOneField(SourceRecord, null=True, on_delete=models.SET_NULL)
    # What matching compares of the record (catalog.dedup.matching_view) while it does not describe its work
    # (it joined another member's work): a later record like it is compared with it too, not only with the
    # work's description (which its first holder may have changed since). None: the work's own values.
    matching = models.JSONField(encoder=TextJSONEncoder, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "local_id"], name="holding_org_id"),
        ]
        indexes = [models.Index(fields=["work", "organisation"], name="holding_work_org")]

    def __str__(self) -> str:
        return f"{self.organisation.code}:{self.local_id}"


class Suggestion(models.Model):
    """A creator name or subject term offered by autocomplete, with how often it occurs."""

    kind = models.CharField(max_length=10)  # "author" | "subject"
    text = models.CharField(max_length=300)
    folded = models.CharField(max_length=300)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "text"], name="suggestion_kind_text"),
        ]
        indexes = [models.Index(fields=["folded"], name="suggestion_folded")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"


class AuditEntry(models.Model):
    """Who changed what, when, with the values before and after."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(max_length=200)  # "cli", "import HPU file.csv", a user name
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    before = models.JSONField(encoder=TextJSONEncoder, null=True, blank=True)
    after = models.JSONField(encoder=TextJSONEncoder, null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type} {self.object_id}"


class WorkKey(models.Model):
    """A blocking key of a work (folded title, first author + year, identifier) for matching."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="keys")
    # None: a key of the work's description; else of this holding's record, one that joined the work (its
    # Holding.matching): the keys of every record of a work find it
    holding = models.ForeignKey(Holding, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                                db_index=False)
    kind = models.CharField(max_length=8)  # ty | t0 | t (title) | author | ident
    value = models.CharField(max_length=200)
    # What the cheap tests of dedup.decide read of the work, copied here so that looking a key up
    # reads one stretch of the index instead of a row of Work per candidate (at 10^6 works those
    # rows are scattered over gigabytes). The normal title only on keys that do not hold it.
    type = models.CharField(max_length=20, blank=True, default="")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["value", "kind", "work", "year", "type", "title"], name="workkey_lookup"),
                   models.Index(fields=["holding"], condition=models.Q(holding__isnull=False),
                                name="workkey_holding")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class Match(models.Model):
    """A member's record merged into a work, or a doubtful pair left apart for review."""

    STATUSES = ("merged", "review", "confirmed", "kept-apart", "split", "manual")
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="matches")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    local_id = models.CharField(max_length=300)
    # for a doubtful pair: the separate work the record became
    other_work = models.ForeignKey(Work, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(encoder=TextJSONEncoder, default=list)
    status = models.CharField(max_length=12, choices=[(s, s) for s in STATUSES])
    decided_by = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="match_status")]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.local_id} ~ work {self.work_id} ({self.status} {self.score:.2f})"

    @property
    def reasons_said(self) -> str:
        """The reasons in the interface language, on one line (stored: English phrases)."""
        return said(self.reasons)


class MatchRule(models.Model):
    """An administrator's decision about one record and one work, respected by later imports."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    local_id = models.CharField(max_length=300)
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(max_length=6, choices=[("never", "never merge"), ("always", "always merge")])
    decided_by = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "local_id", "work"],
                                               name="matchrule_unique")]

    def __str__(self) -> str:
        return f"{self.rule}: {self.organisation_id}:{self.local_id} / work {self.work_id}"


class WorkFile(models.Model):
    """A full text (PDF, DOCX, ...) attached to a work by a holding organisation, with its access rules.

    The bytes live under MEDIA_ROOT at a path named by their SHA-256 (`path`); the extracted
    text is kept here for search and snippets. `access` is public, members (network members
    only) or metadata (not downloadable); nobody but administrators and the organisation's
    editors reads it before `embargo_until`.
    """

    TEXT_STATUSES = ("ok", "converted", "scanned", "ocr", "unreadable", "unsupported")
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="files")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="files")
    holding = models.ForeignKey(Holding, null=True, blank=True, on_delete=models.SET_NULL, related_name="files")
    original_name = models.CharField(max_length=255)
    path = models.CharField(max_length=200)  # relative to MEDIA_ROOT: files/ab/<sha256>.pdf
    mime = models.CharField(max_length=100)
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    access = models.CharField(max_length=10, choices=choices(ACCESS_LEVELS), default="public")
    embargo_until = models.DateField(null=True, blank=True)  # readable by everyone entitled from this day
    embargo_released = models.BooleanField(default=False)  # its text was re-indexed when the embargo ended
    text = models.TextField(blank=True)
    text_status = models.CharField(max_length=12, choices=[(s, s) for s in TEXT_STATUSES], default="ok")
    text_encoding = models.CharField(max_length=8, blank=True)  # legacy encoding converted from
    text_note = models.CharField(max_length=300, blank=True)  # why a text is missing or doubtful
    pages = models.PositiveIntegerField(null=True, blank=True)
    source_url = models.URLField(max_length=1000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["work_id", "id"]
        constraints = [models.UniqueConstraint(fields=["work", "sha256"], name="workfile_work_sha256")]
        indexes = [models.Index(fields=["embargo_until"], name="workfile_embargo")]

    def __str__(self) -> str:
        return f"work {self.work_id}: {self.original_name}"

    @property
    def served_name(self) -> str:
        """The name it is listed and downloaded under: its given name with the extension of its content
        (a file attached before names followed content may still carry another)."""
        from stinet.catalog.fulltext import file_name

        return file_name(self.original_name, self.mime)
