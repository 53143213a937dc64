"""Keeping the feed's change tracking right, whatever path changes the data (services, admin, shell).

- A record that leaves a part gets a tombstone: an organisation, expert or task deleted; an expert
  profile made non-public or a task that stops being public (the feed carries what the public may
  know of; proposals never enter it); the old code of an organisation or task whose code changed.
  A record that comes back (public again, code reused) loses its tombstone.
- A record made of several rows is touched (its `updated_at` moved to now) when one of its parts
  changes: an organisation by its directory profile and services, an expert by the works they
  confirm, a task by its team members.
- A record that names another is touched when what it says of it changes, so that a harvest of
  the changes sends it again: the tasks hosted by an organisation and its experts when its code or
  name changes or it is deleted; the tasks an expert leads or works on when the profile is made
  public or hidden, linked to another account, or deleted.

Bulk `QuerySet.update()` calls bypass signals; the services of the apps do not use them for these fields.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from stinet.catalog.models import Organisation
from stinet.directory.models import InfoService, OrganisationProfile
from stinet.feed.models import Tombstone
from stinet.people.models import Expert, ExpertWork
from stinet.tasks.models import Task, TaskMember


def bury(part: str, key: str, object_pk: int, reason: str = "deleted") -> None:
    """Remember that a record left the feed now (a second departure moves the date)."""
    Tombstone.objects.update_or_create(part=part, key=str(key), defaults={
        "object_pk": object_pk, "deleted_at": timezone.now(), "reason": reason})


def revive(part: str, key: str) -> None:
    """A record with this id is in the feed again: forget its tombstone."""
    Tombstone.objects.filter(part=part, key=str(key)).delete()


def touch_where(model: Any, condition: Q) -> None:
    """Move the updated_at of every record of a model matching a condition to now, without running
    their save signals."""
    model.objects.filter(condition).update(updated_at=timezone.now())


def touch(model: Any, pk: int | None) -> None:
    """Move a record's updated_at to now."""
    if pk is not None:
        touch_where(model, Q(pk=pk))


def _people_tasks(*users: int | None) -> Q:
    """The tasks some accounts lead or work on (none for no account)."""
    users = tuple(u for u in users if u is not None)
    return Q(investigator_id__in=users) | Q(members__user_id__in=users) if users else Q(pk__in=[])


def _remember(instance: Any, fields: tuple[str, ...]) -> None:
    """Keep the stored values of some fields on the instance before it is saved."""
    old = type(instance).objects.filter(pk=instance.pk).values(*fields).first() if instance.pk else None
    instance._feed_before = old


@receiver(pre_save, sender=Organisation, dispatch_uid="feed-org-pre")
def _org_pre(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    """Note the code before a save (a changed code retires the old id)."""
    _remember(instance, ("code", "name_vi"))


@receiver(post_save, sender=Organisation, dispatch_uid="feed-org-post")
def _org_post(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    """Retire a changed code; the current code is live. The records naming it are sent again."""
    before = getattr(instance, "_feed_before", None)
    if before and before["code"] != instance.code:
        bury("organisations", before["code"], instance.pk, "renamed")
    revive("organisations", instance.code)
    if before and (before["code"], before["name_vi"]) != (instance.code, instance.name_vi):
        _org_named(instance.pk)


def _org_named(pk: int) -> None:
    """The tasks an organisation hosts and its experts say something else of it now."""
    touch_where(Task, Q(host_id=pk))
    touch_where(Expert, Q(organisation_id=pk))


@receiver(pre_delete, sender=Organisation, dispatch_uid="feed-org-pre-delete")
def _org_pre_delete(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    """The records naming an organisation about to be deleted lose it (before the link is cleared)."""
    _org_named(instance.pk)


@receiver(post_delete, sender=Organisation, dispatch_uid="feed-org-delete")
def _org_delete(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    """A deleted organisation."""
    bury("organisations", instance.code, instance.pk)


@receiver([post_save, post_delete], sender=OrganisationProfile, dispatch_uid="feed-org-profile")
@receiver([post_save, post_delete], sender=InfoService, dispatch_uid="feed-org-service")
def _org_part(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A profile or service changed: the organisation's record changed."""
    touch(Organisation, instance.organisation_id)


@receiver(pre_save, sender=Expert, dispatch_uid="feed-expert-pre")
def _expert_pre(sender: Any, instance: Expert, **kwargs: Any) -> None:
    """Note whether the profile was public, and its account."""
    _remember(instance, ("public", "user_id"))


@receiver(post_save, sender=Expert, dispatch_uid="feed-expert-post")
def _expert_post(sender: Any, instance: Expert, **kwargs: Any) -> None:
    """A profile made non-public leaves the feed; a public one is (back) in it."""
    before = getattr(instance, "_feed_before", None)
    if instance.public:
        revive("personnel", str(instance.pk))
    elif before and before["public"]:
        bury("personnel", str(instance.pk), instance.pk, "hidden")
    if before is None or (before["public"], before["user_id"]) != (instance.public, instance.user_id):
        touch_where(Task, _people_tasks(instance.user_id, before["user_id"] if before else None))


@receiver(post_delete, sender=Expert, dispatch_uid="feed-expert-delete")
def _expert_delete(sender: Any, instance: Expert, **kwargs: Any) -> None:
    """A deleted public profile (a hidden one has its tombstone already); its tasks no longer link it."""
    if instance.public:
        bury("personnel", str(instance.pk), instance.pk)
        touch_where(Task, _people_tasks(instance.user_id))


@receiver([post_save, post_delete], sender=ExpertWork, dispatch_uid="feed-expert-work")
def _expert_part(sender: Any, instance: ExpertWork, **kwargs: Any) -> None:
    """A work confirmed, rejected or unlinked: the expert's publications changed."""
    touch(Expert, instance.expert_id)


@receiver(pre_save, sender=Task, dispatch_uid="feed-task-pre")
def _task_pre(sender: Any, instance: Task, **kwargs: Any) -> None:
    """Note the code and whether the task was public."""
    _remember(instance, ("code", "listed_at"))


def _task_public(listed_at: Any) -> bool:
    """Task.objects.public(): approved into a year's list at some point."""
    return listed_at is not None


@receiver(post_save, sender=Task, dispatch_uid="feed-task-post")
def _task_post(sender: Any, instance: Task, **kwargs: Any) -> None:
    """A task that stops being public leaves the feed, a changed code retires the old id."""
    before = getattr(instance, "_feed_before", None)
    was_public = bool(before) and _task_public(before["listed_at"])
    if before and before["code"] != instance.code and was_public:
        bury("tasks", before["code"], instance.pk, "renamed")
    if _task_public(instance.listed_at):
        revive("tasks", instance.code)
    elif was_public:
        bury("tasks", instance.code, instance.pk, "hidden")


@receiver(post_delete, sender=Task, dispatch_uid="feed-task-delete")
def _task_delete(sender: Any, instance: Task, **kwargs: Any) -> None:
    """A deleted public task (proposals never were in the feed)."""
    if _task_public(instance.listed_at):
        bury("tasks", instance.code, instance.pk)


@receiver([post_save, post_delete], sender=TaskMember, dispatch_uid="feed-task-member")
def _task_part(sender: Any, instance: TaskMember, **kwargs: Any) -> None:
    """A team member added, changed or removed: the task's record changed."""
    touch(Task, instance.task_id)
