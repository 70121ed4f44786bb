from django.core.management.base import BaseCommand

from loting.engine import cli


class Command(BaseCommand):
    help = "Quota selection (LEXIMIN/maximin) from CSV files; see loting/engine/README.md."

    def add_arguments(self, parser):
        cli.add_select_arguments(parser)

    def handle(self, *args, **options):
        code = cli.run_select(options, self.stdout)
        if code:
            raise SystemExit(code)
