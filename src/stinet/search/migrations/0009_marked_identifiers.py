"""The start of an ISBN or ISSN (isbn:978-604) is looked for among the ISBNs or ISSNs alone: the index keeps
each one also as a word with its kind before its digits (query.marked_identifier). The works that have one are
indexed again, by either engine (the embedded one takes them at once, or at its next writer's commit when
another process holds it)."""

from django.db import migrations

WORKS = 500  # works indexed at a time


def forwards(apps, schema_editor):
    # Today's code writes the documents (as every edit does), after the catalogue's latest migration
    from stinet.search import indexing

    Work = apps.get_model("catalog", "Work")
    ids = list(Work.objects.filter(identifiers__has_any_keys=["isbn", "issn"]).order_by("pk")
               .values_list("pk", flat=True))
    for start in range(0, len(ids), WORKS):
        indexing.works_changed(ids[start:start + WORKS])


class Migration(migrations.Migration):
    dependencies = [("search", "0008_longer_title_sort"), ("catalog", "0018_record_keys")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
