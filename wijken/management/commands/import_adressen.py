from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wijken.imports import adressen_import
from wijken.models import Stadsdeel


class Command(BaseCommand):
    help = "Import a municipal address register extract (CSV). Atomic; --dry-run previews."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv", help="path to the CSV file")
        parser.add_argument("--stadsdeel", help="slug: every row must lie in this stadsdeel")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args: Any, **opts: Any) -> None:
        sd = None
        if opts["stadsdeel"]:
            sd = Stadsdeel.objects.filter(slug=opts["stadsdeel"]).first()
            if sd is None:
                raise CommandError(f"unknown stadsdeel {opts['stadsdeel']!r}")
        with open(opts["csv"], "rb") as f:
            res = adressen_import(bestand=f, stadsdeel=sd, dry_run=opts["dry_run"])
        for regel, fout in res.fouten:
            self.stderr.write(f"line {regel}: {fout}")
        if not res.ok:
            raise CommandError(f"{len(res.fouten)} bad row(s); nothing imported")
        for label, n in res.aantallen_display:
            self.stdout.write(f"{label}: {n}")
        self.stdout.write(
            "dry run: nothing written" if res.dry_run else f"imported {res.rijen} rows"
        )
