"""Doubtful pairs closed by a decision made by hand are kept apart, not merged (stinet.catalog.dedup).

A record merged or split by hand closed its other doubtful pairs with the status of a merge made by
hand ("manual"), so the list of merges showed merges that never happened. Those pairs (a "manual"
match that no administrator's merge or rule made) are kept apart now, with the reason: the work the
record was split off into or merged into, the one it is in now. Merging a doubtful pair also recorded the merge twice, the pair confirmed and a
merge by hand beside it: the second goes.
"""

from django.db import migrations

HAND = ("merged by an administrator", "an administrator merged this record by hand")


def forwards(apps, schema_editor):
    Match = apps.get_model("catalog", "Match")
    Holding = apps.get_model("catalog", "Holding")
    closed = [m for m in Match.objects.filter(status="manual").order_by("pk") if not set(m.reasons) & set(HAND)]
    for m in closed:
        now = Holding.objects.filter(organisation_id=m.organisation_id, local_id=m.local_id).values_list(
            "work_id", flat=True).first()
        m.status = "kept-apart"
        if now is None:
            continue
        split = Match.objects.filter(organisation_id=m.organisation_id, local_id=m.local_id, status="split",
                                     other_work_id=now).exists()
        m.reasons = [*m.reasons, f"closed: the record was {'split off' if split else 'merged by hand'} into work {now}"]
    Match.objects.bulk_update(closed, ["status", "reasons"], batch_size=500)
    confirmed = set(Match.objects.filter(status="confirmed").values_list("organisation_id", "local_id", "work_id"))
    twice = [m.pk for m in Match.objects.filter(status="manual", reasons__isnull=False).order_by("pk")
             if (m.organisation_id, m.local_id, m.work_id) in confirmed and HAND[0] in m.reasons]
    for start in range(0, len(twice), 500):
        Match.objects.filter(pk__in=twice[start:start + 500]).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0015_work_year_created")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
