"""Load the shipped field-of-science tables (2025 top level; 2008 to level 3)."""

from django.db import migrations


def load(apps, schema_editor):
    """Insert the builtin codes of both schemes."""
    from stinet.catalog import fos

    model = apps.get_model("catalog", "FieldOfScience")
    for scheme in ("2025", "2008"):
        model.objects.bulk_create([
            model(scheme=scheme, code=f.code, level=f.level, parent_code=f.parent or "",
                  name_vi=f.name_vi, name_en=f.name_en)
            for f in fos.builtin(scheme)
        ], ignore_conflicts=True)


def unload(apps, schema_editor):
    """Remove every code."""
    apps.get_model("catalog", "FieldOfScience").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
