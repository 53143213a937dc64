"""Every record of a work is matched, not only the one that describes it (catalog.dedup.remember_records):
a holding that joined another record's work keeps what matching compares of its record (Holding.matching)
and its blocking keys (WorkKey.holding). The records that joined works before are read again from their
source records (as the importer reads them) to fill these in; one that no longer reads is left out.
"""

import django.db.models.deletion
from django.db import migrations, models

import stinet.catalog.jsontext

WORKS = 500  # works read at a time (their holdings with them)


def forwards(apps, schema_editor):
    # Today's code reads the records (as the importer does), on the columns this migration knows of only
    from stinet.catalog import dedup
    from stinet.catalog.models import Holding, SourceRecord
    from stinet.catalog.rebuild import record_values

    encodings: dict = {}  # the legacy encoding each run's records show, read once
    last = 0
    with schema_editor.connection.cursor() as cursor:
        while True:  # a page of the works several members hold at a time
            cursor.execute("SELECT work_id FROM catalog_holding WHERE work_id > %s GROUP BY work_id "
                           "HAVING COUNT(*) > 1 ORDER BY work_id LIMIT %s", [last, WORKS])
            works = [work_id for (work_id,) in cursor.fetchall()]
            if not works:
                break
            last = works[-1]
            cursor.execute(f"SELECT id, work_id, source_id FROM catalog_holding WHERE work_id IN "
                           f"({', '.join(['%s'] * len(works))}) ORDER BY work_id, created_at, id", works)
            joined, seen = [], set()
            for holding_id, work_id, source_id in cursor.fetchall():  # a work's first holding describes it
                if work_id in seen and source_id is not None:
                    joined.append((holding_id, work_id, source_id))
                seen.add(work_id)
            sources = SourceRecord.objects.select_related("organisation").only(
                "id", "format", "payload", "run_id", "organisation__code").in_bulk([s for _h, _w, s in joined])
            found = []
            for holding_id, work_id, source_id in joined:
                item = record_values(sources[source_id], encodings) if source_id in sources else None
                if item is not None:
                    found.append((holding_id, work_id, dedup.matching_view(item.work), None))
            Holding.objects.bulk_update([Holding(pk=h, matching=view) for h, _w, view, _k in found], ["matching"],
                                        batch_size=WORKS)
            dedup.remember_records(found, new=True)  # (no key of a holding exists yet to replace)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0017_author_keys_initialled"),
    ]

    operations = [
        migrations.AddField(
            model_name="holding",
            name="matching",
            field=models.JSONField(blank=True, editable=False, encoder=stinet.catalog.jsontext.TextJSONEncoder,
                                   null=True),
        ),
        migrations.AddField(
            model_name="workkey",
            name="holding",
            field=models.ForeignKey(blank=True, db_index=False, null=True,
                                    on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                    to="catalog.holding"),
        ),
        migrations.AddIndex(
            model_name="workkey",
            index=models.Index(condition=models.Q(("holding__isnull", False)), fields=["holding"],
                               name="workkey_holding"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
