"""Load the questions, bouwstenen, kompas and archetypes of the Gronings model."""

from django.db import migrations


def forwards(apps, schema_editor):
    from praatplaat.inhoud import laad_inhoud

    laad_inhoud(
        apps.get_model("praatplaat", "Onderdeel"),
        apps.get_model("praatplaat", "Vraag"),
        apps.get_model("praatplaat", "ArchetypeBeschrijving"),
    )


class Migration(migrations.Migration):
    dependencies = [("praatplaat", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
