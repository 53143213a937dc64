"""The PostgreSQL backend's search table (unused on the embedded default)."""

from __future__ import annotations

from django.db import models

from stinet.catalog.models import TITLE_SORT_CHARS, Work


class SearchDocument(models.Model):
    """Folded and exact texts of one work, plus facet values; tsvector columns are generated.

    On PostgreSQL the migration adds `document` (folded words weighted A title, B creators,
    C subjects, D abstract/other/equivalences) and `document_x` (words with diacritics),
    with GIN indexes, and a trigram index on the title for typo-tolerant matching; and one
    vector per access level of the full texts (`ftv_public`, `ftv_members`, `ftv_metadata`).
    """

    work = models.OneToOneField(Work, primary_key=True, on_delete=models.CASCADE)
    title = models.TextField()
    title_x = models.TextField()
    creators = models.TextField()
    subjects = models.TextField()
    abstract = models.TextField()
    other = models.TextField()
    text_x = models.TextField()
    equiv = models.TextField()
    type = models.CharField(max_length=20)
    year = models.SmallIntegerField(null=True)
    orgs = models.JSONField(default=list)
    access = models.JSONField(default=list)
    field = models.CharField(max_length=16)
    language = models.CharField(max_length=8)
    title_sort = models.CharField(max_length=TITLE_SORT_CHARS)
    # folded full texts per access level (migration 0004 adds their tsvectors on PostgreSQL)
    ft_public = models.TextField(default="")
    ft_members = models.TextField(default="")
    ft_metadata = models.TextField(default="")

    def __str__(self) -> str:
        return f"search document of work {self.work_id}"


class PendingIndex(models.Model):
    """A work an edit could not re-index because another process held the embedded engine's only
    writer (an import, a harvest): that process indexes it at its next commit, or the next writer."""

    work_id = models.BigIntegerField()  # not a key: the work may be gone by then (its document goes too)
    queued_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"work {self.work_id} to re-index"
