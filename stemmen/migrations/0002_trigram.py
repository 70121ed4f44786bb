"""pg_trgm for similar-idea suggestions. CreateExtension does nothing on SQLite."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("stemmen", "0001_initial")]

    operations = [TrigramExtension()]
