from django.core.management.base import BaseCommand

from loting.engine import cli


class Command(BaseCommand):
    help = "Re-run a draw from its verification bundle; exit 0 on match, 1 on mismatch."

    def add_arguments(self, parser):
        cli.add_verify_arguments(parser)

    def handle(self, *args, **options):
        code = cli.run_verify(options, self.stdout)
        if code:
            raise SystemExit(code)
