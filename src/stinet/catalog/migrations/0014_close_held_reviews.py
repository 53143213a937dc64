"""Doubtful pairs and merges as they are now (stinet.catalog.dedup).

A doubtful pair whose organisation holds the look-alike work already (another of its records joined
it after the pair was queued, or before the check on a file's own records) could never be merged:
it is closed, kept apart, with the reason. A merge that was split before splits were recorded on
the merge itself says so now, and the separate record of the split goes into it.
"""

from django.db import migrations
from django.utils import timezone

MERGED = ("merged", "manual", "confirmed")
SPLIT = "split by an administrator"
CHUNK = 500


def held_reason(org_code, local_id):
    """The words of stinet.catalog.dedup.held_reason."""
    return (f"closed: {org_code} holds this work already ({org_code}:{local_id}): "
            "two records of one source stay apart")


def close_held_reviews(apps, schema_editor):
    """Close the doubtful pairs with works their organisation holds."""
    Match = apps.get_model("catalog", "Match")
    Holding = apps.get_model("catalog", "Holding")
    now = timezone.now()
    waiting = list(Match.objects.filter(status="review").select_related("organisation").order_by("pk"))
    for start in range(0, len(waiting), CHUNK):
        part = waiting[start:start + CHUNK]
        holders = {}
        for work_id, org_id, local_id in Holding.objects.filter(
                work_id__in={m.work_id for m in part}).order_by("local_id").values_list(
                "work_id", "organisation_id", "local_id"):
            holders.setdefault((work_id, org_id), local_id)
        stale = [m for m in part if (m.work_id, m.organisation_id) in holders]
        for m in stale:
            m.status, m.decided_at = "kept-apart", now
            m.reasons = [*m.reasons, held_reason(m.organisation.code, holders[(m.work_id, m.organisation_id)])]
        Match.objects.bulk_update(stale, ["status", "reasons", "decided_at"])


def record_splits_on_merges(apps, schema_editor):
    """A split recorded apart goes into the merges it undid (those of its record into its work)."""
    Match = apps.get_model("catalog", "Match")
    for split in Match.objects.filter(status="split").order_by("created_at", "pk"):
        merges = list(Match.objects.filter(organisation_id=split.organisation_id, local_id=split.local_id,
                                           work_id=split.work_id, status__in=MERGED,
                                           created_at__lte=split.created_at))
        if not merges:
            continue
        for m in merges:
            m.status, m.other_work_id, m.decided_by = "split", split.other_work_id, split.decided_by
            m.decided_at = split.decided_at or split.created_at
            m.reasons = [*m.reasons, SPLIT]
        Match.objects.bulk_update(merges, ["status", "other_work", "reasons", "decided_by", "decided_at"])
        split.delete()


def forwards(apps, schema_editor):
    close_held_reviews(apps, schema_editor)
    record_splits_on_merges(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0013_longer_title_sort")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
