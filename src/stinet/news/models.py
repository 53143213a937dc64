"""News items of the network: announcements, events (workshops) and training courses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

KINDS: dict[str, tuple[str, str]] = {
    "news": ("Tin tức", "News"),
    "event": ("Sự kiện", "Event"),
    "training": ("Khoá đào tạo", "Training course"),
}
EVENT_KINDS = ("event", "training")


class NewsQuerySet(models.QuerySet):
    """Published items, upcoming events, latest items."""

    def published(self) -> NewsQuerySet:
        """What the public may see."""
        return self.filter(published=True)

    def upcoming(self) -> NewsQuerySet:
        """Events and courses not over yet, soonest first."""
        now = timezone.now()
        running = Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)
        return self.filter(running, kind__in=EVENT_KINDS).order_by("starts_at", "pk")

    def latest(self) -> NewsQuerySet:
        """Newest first by publication."""
        return self.order_by("-published_at", "-pk")


class NewsItem(models.Model):
    """One news item, event or training course; the body is plain text (paragraphs split by blank lines)."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=[(k, v[1]) for k, v in KINDS.items()], default="news")
    summary = models.CharField(max_length=500, blank=True)
    body = models.TextField(max_length=50000, blank=True)  # a 2,000,000-character paste was kept (QA 26)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    place = models.CharField(max_length=300, blank=True)
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=False) & Q(
                ends_at__gte=models.F("starts_at")), name="news_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The item's public page."""
        return reverse("news:item", args=[self.slug])

    @property
    def is_event(self) -> bool:
        """Events and training courses have a date and a place."""
        return self.kind in EVENT_KINDS

    @property
    def kind_label(self) -> str:
        """The kind's name in the active language."""
        from stinet.catalog.vocab import interface_lang, label

        return label(KINDS, self.kind, interface_lang())
