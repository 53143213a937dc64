"""Tombstones: deleted works remembered for harvesters (deletedRecord policy 'persistent')."""

from __future__ import annotations

from django.db import models


class Tombstone(models.Model):
    """A deleted work: its identifier, when it was deleted and the sets it was in."""

    work_id = models.BigIntegerField(unique=True)  # work ids are never reused
    identifier = models.CharField(max_length=300)  # the OAI identifier it had when deleted
    datestamp = models.DateTimeField()  # when it was deleted; indexed with work_id for paging
    set_specs = models.JSONField(default=list)
    # "|org:HPU|type:thesis|": the set specs as one string, so a set filter is a LIKE on any backend
    set_key = models.CharField(max_length=2000, blank=True)
    merged_into = models.BigIntegerField(null=True, blank=True)  # the work it was merged into by hand, if so

    class Meta:
        ordering = ["datestamp", "work_id"]
        indexes = [models.Index(fields=["datestamp", "work_id"], name="oai_tombstone_keyset")]

    def __str__(self) -> str:
        return f"{self.identifier} (deleted {self.datestamp:%Y-%m-%d %H:%M:%S})"


class Departure(models.Model):
    """A live work that left a set (its holding at a member removed or moved, its type changed, its
    organisation no longer a member): a harvester of that set sees it deleted there."""

    work_id = models.BigIntegerField()
    set_spec = models.CharField(max_length=200)  # "org:HPU", "type:thesis", "org" (no member holds it now)
    datestamp = models.DateTimeField()  # when it left; a second departure moves it

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work_id", "set_spec"], name="oai_departure_once")]
        indexes = [models.Index(fields=["set_spec", "datestamp", "work_id"], name="oai_departure_keyset")]

    def __str__(self) -> str:
        return f"work {self.work_id} left {self.set_spec} ({self.datestamp:%Y-%m-%d %H:%M:%S})"
