"""JSON stored without escaping letters (TextJSONEncoder): a change of state only, no table rebuilt."""

from django.db import migrations, models

import stinet.catalog.jsontext


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0006_organisation_organisation_changed'),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=[
        migrations.AlterField(
            model_name='auditentry',
            name='after',
            field=models.JSONField(blank=True, encoder=stinet.catalog.jsontext.TextJSONEncoder, null=True),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='before',
            field=models.JSONField(blank=True, encoder=stinet.catalog.jsontext.TextJSONEncoder, null=True),
        ),
        migrations.AlterField(
            model_name='match',
            name='reasons',
            field=models.JSONField(default=list, encoder=stinet.catalog.jsontext.TextJSONEncoder),
        ),
        migrations.AlterField(
            model_name='sourcerecord',
            name='payload',
            field=models.JSONField(encoder=stinet.catalog.jsontext.TextJSONEncoder),
        ),
        migrations.AlterField(
            model_name='work',
            name='creators',
            field=models.JSONField(default=list, encoder=stinet.catalog.jsontext.TextJSONEncoder),
        ),
        migrations.AlterField(
            model_name='work',
            name='extra',
            field=models.JSONField(default=dict, encoder=stinet.catalog.jsontext.TextJSONEncoder),
        ),
        migrations.AlterField(
            model_name='work',
            name='identifiers',
            field=models.JSONField(default=dict, encoder=stinet.catalog.jsontext.TextJSONEncoder),
        ),
        migrations.AlterField(
            model_name='work',
            name='subjects',
            field=models.JSONField(default=list, encoder=stinet.catalog.jsontext.TextJSONEncoder),
        ),
    ], database_operations=[])]
