"""Deletions remembered for the feed (tombstones) and the API keys of its clients."""

from __future__ import annotations

from django.db import models

PARTS: dict[str, tuple[str, str]] = {
    "organisations": ("Tổ chức KH&CN", "S&T organisations"),
    "personnel": ("Nhân lực KH&CN", "S&T personnel"),
    "tasks": ("Nhiệm vụ KH&CN", "S&T tasks"),
}
PREFIXES = {"organisations": "org", "personnel": "expert", "tasks": "task"}


class Tombstone(models.Model):
    """A record that left a part of the feed: deleted, hidden from the public, or renamed (old id)."""

    REASONS = (("deleted", "deleted"), ("hidden", "no longer public"), ("renamed", "code changed"))
    part = models.CharField(max_length=16, choices=[(k, v[1]) for k, v in PARTS.items()])
    key = models.CharField(max_length=64)  # the code (organisations, tasks) or the id (personnel)
    object_pk = models.BigIntegerField()  # the row it was, for reference
    deleted_at = models.DateTimeField()
    reason = models.CharField(max_length=8, choices=REASONS, default="deleted")

    class Meta:
        ordering = ["deleted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["part", "key"], name="feed_tombstone_part_key")]
        indexes = [models.Index(fields=["part", "deleted_at", "id"], name="feed_tombstone_keyset")]

    def __str__(self) -> str:
        return f"{PREFIXES[self.part]}:{self.key} ({self.reason} {self.deleted_at:%Y-%m-%d %H:%M:%S})"

    @property
    def record_id(self) -> str:
        """The stable id the record had in the feed: org:CODE, expert:ID, task:CODE."""
        return f"{PREFIXES[self.part]}:{self.key}"


class FeedClient(models.Model):
    """A system allowed to read the feed (the national STI information system), with a hashed API key."""

    name = models.CharField(max_length=100, unique=True)
    key_prefix = models.CharField(max_length=12)  # shown in lists to tell keys apart
    key_hash = models.CharField(max_length=64, unique=True)  # SHA-256 of the whole key
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=200)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…{', revoked' if self.revoked_at else ''})"

    @property
    def active(self) -> bool:
        """The key may be used."""
        return self.revoked_at is None
