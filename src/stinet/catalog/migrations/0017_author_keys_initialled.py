"""First-author keys with the middle names as initials (stinet.catalog.matching.author_year_key): a
record of "Đỗ V. Hùng" and a work of "Đỗ Văn Hùng" share a key, so that they are compared (their
titles, written "tại Cát Bà" and "ở Cát Bà", share none). The stored keys are rewritten from
themselves: no work is read.
"""

from django.db import migrations

CHUNK = 5000


def forwards(apps, schema_editor):
    from stinet.catalog.matching import initialled

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, value FROM catalog_workkey WHERE kind = 'author' ORDER BY id")
        rows = cursor.fetchall()
        changed = []
        for key_id, value in rows:
            name, bar, year = value.rpartition("|")
            new = f"{initialled(name)}{bar}{year}" if bar else value
            if new != value:
                changed.append((new, key_id))
        for start in range(0, len(changed), CHUNK):
            cursor.executemany("UPDATE catalog_workkey SET value = %s WHERE id = %s", changed[start:start + CHUNK])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0016_closed_reviews_kept_apart")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
