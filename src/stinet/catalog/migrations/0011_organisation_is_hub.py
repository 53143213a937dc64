"""The network's hub: the member organisation that runs the network and signs its reports."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalog", "0010_holding_work_org")]

    operations = [
        migrations.AddField(model_name="organisation", name="is_hub", field=models.BooleanField(default=False)),
    ]
