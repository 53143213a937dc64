"""A member's source of records: an OAI-PMH endpoint (or an uploaded file) harvested on a schedule."""

from __future__ import annotations

from django.db import models

from stinet.catalog.models import ImportRun, Organisation

DEFAULT_INTERVAL_DAYS = 182  # the network's plan: every 6 months at least
KINDS = (("oai", "OAI-PMH"), ("file", "File"))


class Source(models.Model):
    """Where an organisation's records come from, when they are fetched next and how the last run went.

    A failing source is never disabled: it keeps its schedule, its last error and, when a
    harvest stopped half-way, the resumption token where the next run starts.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sources")
    label = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=KINDS, default="oai")
    base_url = models.URLField(max_length=1000, blank=True)
    metadata_prefix = models.CharField(max_length=50, default="oai_dc")
    set_spec = models.CharField(max_length=300, blank=True)
    file_path = models.CharField(max_length=1000, blank=True)  # kind "file": the uploaded file
    interval = models.PositiveIntegerField(default=DEFAULT_INTERVAL_DAYS)  # days between runs
    # Loopback/private/link-local addresses are refused unless an administrator allows them.
    allow_private = models.BooleanField(default=False)
    # Upper bound of the last complete harvest, as the server's datestamp at its granularity.
    last_datestamp = models.CharField(max_length=40, blank=True)
    resume_token = models.TextField(blank=True)  # where an interrupted list continues
    resume_started = models.CharField(max_length=40, blank=True)  # upper bound of that list
    next_run_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    last_error = models.TextField(blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    # The worker's lock: "running" with a heartbeat; a stale heartbeat is taken over.
    status = models.CharField(max_length=10, default="idle")  # idle | running
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__code", "label"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=["oai", "file"]), name="source_kind"),
        ]

    def __str__(self) -> str:
        """Organisation code and label."""
        return f"{self.organisation.code}: {self.label}"

    @property
    def health(self) -> str:
        """ok | failing | running | never: what the hub's health view shows."""
        if self.status == "running":
            return "running"
        if self.last_error:  # a run that failed before it was recorded (a file gone) is failing, not "never run"
            return "failing"
        return "never" if self.last_run is None else "ok"


class WorkerBeat(models.Model):
    """When a `stinet worker` last looked for due sources: the sources page says when none is running (a run
    asked for, or a large upload, would wait for one)."""

    name = models.CharField(max_length=100, unique=True)  # the process, as catalog.processes names it
    seen_at = models.DateTimeField()
    poll_seconds = models.PositiveIntegerField()  # its next round is due this long after seen_at
    stopped = models.BooleanField(default=False)  # stopped as asked (Ctrl-C, SIGTERM) at seen_at

    def __str__(self) -> str:
        return f"worker {self.name}, {'stopped' if self.stopped else 'seen'} {self.seen_at:%Y-%m-%d %H:%M}"
