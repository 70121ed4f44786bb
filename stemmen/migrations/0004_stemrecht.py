"""One ballot per right to vote: ``Kiezer.stemrecht`` (unique per round) is shared by an
account linked to a registered inhabitant and the voting code printed for that
inhabitant.  Existing rows keep their channel identity as their right to vote."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F


def stemrecht_vullen(apps, schema_editor):
    Kiezer = apps.get_model("stemmen", "Kiezer")
    Kiezer.objects.filter(stemrecht="").update(stemrecht=F("sleutel"))


class Migration(migrations.Migration):
    dependencies = [
        ("stemmen", "0003_stemming"),
        ("wijken", "0005_bewoner_inwoner"),
    ]

    operations = [
        migrations.AddField(
            model_name="kiezer",
            name="stemrecht",
            field=models.CharField(default="", max_length=40),
            preserve_default=False,
        ),
        migrations.RunPython(stemrecht_vullen, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="kiezer",
            constraint=models.UniqueConstraint(
                fields=("ronde", "stemrecht"), name="kiezer_een_stem_per_stemrecht"
            ),
        ),
        migrations.AddField(
            model_name="stemcode",
            name="inwoner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wijken.inwoner",
            ),
        ),
    ]
