"""``manage.py pb_tally FILE.pb --rule mes-add1 --json``: tally a pabulib file.

A thin wrapper: the logic (and its tests) live in :mod:`stemmen.telling.cli`.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from stemmen.telling.cli import add_arguments, execute


class Command(BaseCommand):
    help = "Tally a pabulib .pb file (greedy, greedy-no-skip, MES, MES+add1, Borda)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self.stdout.write(execute(options))
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
