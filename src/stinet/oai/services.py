"""Services of the OAI-PMH provider: remembering deletions for harvesters."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from stinet.catalog.models import Work

from .models import Departure, Tombstone
from .protocol import make_identifier
from .sets import set_key, work_set_specs

DEFAULT_REPOSITORY_ID = "stinet.local"


def repository_id() -> str:
    """The repository identifier of OAI identifiers (settings.OAI_REPOSITORY_ID)."""
    return getattr(settings, "OAI_REPOSITORY_ID", "") or DEFAULT_REPOSITORY_ID


def merged_work(work_id: int, hops: int = 10) -> int | None:
    """The live work a work merged away now is (following later merges), or None."""
    for _ in range(hops):
        merged = Tombstone.objects.filter(work_id=work_id).values_list("merged_into", flat=True).first()
        if merged is None:
            return None
        if Work.objects.filter(pk=merged).exists():
            return merged
        work_id = merged
    return None


def record_deletion(work: Work, merged_into: int | None = None) -> Tombstone:
    """Remember a work about to be deleted; call it in the transaction that deletes the work.

    The tombstone keeps the work's identifier and sets (those it had left too), with the deletion time as datestamp,
    so harvesters see the record as deleted (deletedRecord policy "persistent"), and the work it
    was merged into, if it was (its page then leads there).
    """
    with transaction.atomic():
        fresh = Work.objects.prefetch_related("holdings__organisation").get(pk=work.pk)
        specs = work_set_specs(fresh)
        # and the sets it had left: their harvesters may not have listed it since, and keep it still
        specs += sorted(set(Departure.objects.filter(work_id=work.pk, set_spec__contains=":")
                            .values_list("set_spec", flat=True)) - set(specs))
        tombstone, _created = Tombstone.objects.update_or_create(
            work_id=work.pk,
            defaults={"identifier": make_identifier(repository_id(), work.pk), "datestamp": timezone.now(),
                      "set_specs": specs, "set_key": set_key(specs), "merged_into": merged_into},
        )
    return tombstone
