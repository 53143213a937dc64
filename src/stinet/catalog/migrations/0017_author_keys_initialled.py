"""First-author keys with the middle names as initials (stinet.catalog.matching.author_year_key): a
record of "Đỗ V. Hùng" and a work of "Đỗ Văn Hùng" share a key, so that they are compared (their
titles, written "tại Cát Bà" and "ở Cát Bà", share none). The stored keys are rewritten from
themselves: no work is read.
"""

from django.db import migrations

CHUNK = 5000


def forwards(apps, schema_editor):
    from stinet.catalog.matching import initialled

    last = 0
    with schema_editor.connection.cursor() as cursor:
        while True:  # a page at a time: a catalogue of 10^6 works has as many keys
            cursor.execute("SELECT id, value FROM catalog_workkey WHERE kind = 'author' AND id > %s ORDER BY id "
                           "LIMIT %s", [last, CHUNK])
            rows = cursor.fetchall()
            if not rows:
                break
            last = rows[-1][0]
            changed = []
            for key_id, value in rows:
                name, bar, year = value.rpartition("|")
                new = f"{initialled(name)}{bar}{year}" if bar else value
                if new != value:
                    changed.append((new, key_id))
            cursor.executemany("UPDATE catalog_workkey SET value = %s WHERE id = %s", changed)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0016_closed_reviews_kept_apart")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
