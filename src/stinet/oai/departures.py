"""Departures from sets, whatever path changes a work's sets (imports, merges, edits, the admin).

A work is in the set org:CODE while a member organisation CODE holds it, in the set org while any
member does, and in type:TYPE. When it leaves one (a holding removed or moved to another work, its
type changed, its organisation no longer a member or its code changed) a Departure remembers it:
a harvester of that set then sees the record deleted there, as it sees a deleted work, and drops it
from its copy of the set. A work back in the set is answered live again (the listing skips the
departures of works in their set now). A deleted work's tombstone says the rest: its departures go.

Bulk `QuerySet.update()` calls bypass signals; the catalogue's services change types, holdings and
memberships through `save()` and `delete()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_init, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from stinet.catalog.models import Holding, Organisation, Work

from .models import Departure


def depart(work_ids: Iterable[int], spec: str) -> None:
    """Remember that these works left the set `spec` now (again: the later date)."""
    now = timezone.now()
    rows = [Departure(work_id=work_id, set_spec=spec, datestamp=now) for work_id in dict.fromkeys(work_ids)]
    if rows:
        Departure.objects.bulk_create(rows, batch_size=500, update_conflicts=True,
                                      unique_fields=["work_id", "set_spec"], update_fields=["datestamp"])


def _left_by(holding: Holding, work_id: int) -> None:
    """A work loses a holding: it leaves its organisation's set unless that member holds it otherwise,
    and the set of all members' works when no other member holds it."""
    org = Organisation.objects.filter(pk=holding.organisation_id).values("code", "is_member").first()
    if org is None or not org["is_member"]:
        return
    others = Holding.objects.filter(work_id=work_id, organisation__is_member=True).exclude(pk=holding.pk)
    if not others.filter(organisation_id=holding.organisation_id).exists():
        depart([work_id], f"org:{org['code']}")
    if not others.exists():
        depart([work_id], "org")


def _entered(work_id: int) -> None:
    """A work joined a member (a holding added or moved to it): if it had left a set, its datestamp moves
    to now, so that an incremental harvest of the set it is back in gets it again."""
    if Departure.objects.filter(work_id=work_id).exists():
        Work.objects.filter(pk=work_id).update(updated_at=timezone.now())


@receiver(post_init, sender=Work, dispatch_uid="oai-work-init")
def _work_loaded(sender: Any, instance: Work, **kwargs: Any) -> None:
    """Note the type a work was read with (not read when deferred: no query)."""
    instance._oai_type = instance.__dict__.get("type")


@receiver(pre_save, sender=Work, dispatch_uid="oai-work-pre")
def _work_saving(sender: Any, instance: Work, **kwargs: Any) -> None:
    """A stored work whose type changes leaves the set of its old type (recorded once it is saved)."""
    old = getattr(instance, "_oai_type", None)
    changed = instance.pk is not None and old and old != instance.__dict__.get("type", old)
    instance._oai_left = f"type:{old}" if changed else None


@receiver(post_save, sender=Work, dispatch_uid="oai-work-post")
def _work_saved(sender: Any, instance: Work, **kwargs: Any) -> None:
    """Record a departure; the type it has now is the one a later save compares with."""
    if left := getattr(instance, "_oai_left", None):
        depart([instance.pk], left)
        instance._oai_left = None
    instance._oai_type = instance.__dict__.get("type")


@receiver(post_delete, sender=Work, dispatch_uid="oai-work-delete")
def _work_deleted(sender: Any, instance: Work, **kwargs: Any) -> None:
    """A deleted work's tombstone answers for every set it was in, and those it had left
    (record_deletion): its departures go."""
    Departure.objects.filter(work_id=instance.pk).delete()


@receiver(post_init, sender=Holding, dispatch_uid="oai-holding-init")
def _holding_loaded(sender: Any, instance: Holding, **kwargs: Any) -> None:
    """Note the work a holding was read with."""
    instance._oai_work = instance.__dict__.get("work_id")


@receiver(pre_save, sender=Holding, dispatch_uid="oai-holding-pre")
def _holding_saving(sender: Any, instance: Holding, **kwargs: Any) -> None:
    """A holding moved to another work (a record split off or merged by hand): the old work lost it."""
    old = getattr(instance, "_oai_work", None)
    if instance.pk is not None and old is not None and old != instance.work_id:
        _left_by(instance, old)


@receiver(post_save, sender=Holding, dispatch_uid="oai-holding-post")
def _holding_saved(sender: Any, instance: Holding, created: bool = False, **kwargs: Any) -> None:
    """A work that gains a holding may be back in a set; the work it belongs to now is the one a later save
    compares with."""
    if created or getattr(instance, "_oai_work", None) != instance.work_id:
        _entered(instance.work_id)
    instance._oai_work = instance.work_id


@receiver(pre_delete, sender=Holding, dispatch_uid="oai-holding-delete")
def _holding_deleting(sender: Any, instance: Holding, **kwargs: Any) -> None:
    """A removed holding (a record deleted at its source): its work leaves the member's set. Not when
    the work itself is being deleted (its tombstone says it)."""
    if not isinstance(kwargs.get("origin"), Work):
        _left_by(instance, instance.work_id)


@receiver(pre_save, sender=Organisation, dispatch_uid="oai-org-pre")
def _org_saving(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    """Note the code and membership before a save."""
    instance._oai_before = (Organisation.objects.filter(pk=instance.pk).values("code", "is_member").first()
                            if instance.pk else None)


@receiver(post_save, sender=Organisation, dispatch_uid="oai-org-post")
def _org_saved(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    """A member that stopped being one, or changed its code: its works left its set (org:OLD)."""
    before = getattr(instance, "_oai_before", None)
    if not before or not before["is_member"] or (instance.is_member and instance.code == before["code"]):
        return
    held = Holding.objects.filter(organisation_id=instance.pk).values_list("work_id", flat=True)
    depart(held, f"org:{before['code']}")
    if not instance.is_member:  # and the set of members' works, where no other member holds them
        others = Holding.objects.filter(work_id=OuterRef("work_id"), organisation__is_member=True).exclude(
            organisation_id=instance.pk)
        depart(Holding.objects.filter(organisation_id=instance.pk).filter(~Exists(others))
               .values_list("work_id", flat=True), "org")
