"""One hub per network, kept by the database (two concurrent `stinet org hub` could make two)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalog", "0011_organisation_is_hub")]

    operations = [
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(condition=models.Q(is_hub=True), fields=["is_hub"],
                                               name="organisation_one_hub"),
        ),
    ]
