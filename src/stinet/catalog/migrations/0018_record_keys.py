"""Every record of a work is matched, not only the one that describes it (catalog.dedup.remember_records):
a holding that joined another record's work keeps what matching compares of its record (Holding.matching)
and its blocking keys (WorkKey.holding). The records that joined works before are read again from their
source records (as the importer reads them) to fill these in; one that no longer reads is left out.
"""

import django.db.models.deletion
from django.db import migrations, models

import stinet.catalog.jsontext

CHUNK = 500


def forwards(apps, schema_editor):
    # Today's code reads the records (as the importer does), on the columns this migration knows of only
    from stinet.catalog import dedup
    from stinet.catalog.models import SourceRecord
    from stinet.catalog.rebuild import record_values

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, work_id, source_id FROM catalog_holding WHERE work_id IN "
                       "(SELECT work_id FROM catalog_holding GROUP BY work_id HAVING COUNT(*) > 1) "
                       "ORDER BY work_id, created_at, id")
        rows = cursor.fetchall()
    joined, seen = [], set()
    for holding_id, work_id, source_id in rows:  # a work's first holding describes it; the others joined it
        if work_id in seen and source_id is not None:
            joined.append((holding_id, work_id, source_id))
        seen.add(work_id)
    encodings: dict = {}  # the legacy encoding each run's records show, read once
    for start in range(0, len(joined), CHUNK):
        chunk = joined[start:start + CHUNK]
        sources = SourceRecord.objects.select_related("organisation").only(
            "id", "format", "payload", "run_id", "organisation__code").in_bulk([s for _h, _w, s in chunk])
        found = []
        for holding_id, work_id, source_id in chunk:
            item = record_values(sources[source_id], encodings) if source_id in sources else None
            if item is not None:
                found.append((holding_id, work_id, dedup.matching_view(item.work), None))
        dedup.remember_records(found)


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
