"""Uploaded files already imported are not imported again at their interval (QA 26: that undid every correction
made since). A file source whose file lies under the data folder's uploads/ and whose last run succeeded gets no
next run; one that failed keeps its retry."""

from pathlib import Path

from django.conf import settings
from django.db import migrations


def imported_once(apps, schema_editor):
    source = apps.get_model("sources", "Source")
    uploads = (Path(settings.DATA_DIR) / "uploads").resolve()
    done = source.objects.filter(kind="file", last_success_at__isnull=False, last_error="",
                                 next_run_at__isnull=False)
    for pk, file_path in done.values_list("pk", "file_path"):
        if file_path and Path(file_path).resolve().parent.parent.parent == uploads:
            source.objects.filter(pk=pk).update(next_run_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ("sources", "0003_worker_beat_stopped"),
    ]

    operations = [
        migrations.RunPython(imported_once, migrations.RunPython.noop),
    ]
