"""A work merged into another by hand remembers which: its address leads there."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("oai", "0001_initial")]

    operations = [
        migrations.AddField(model_name="tombstone", name="merged_into",
                            field=models.BigIntegerField(blank=True, null=True)),
    ]
