from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import override

from groningenmodel import demo as core_demo

# Order matters: later loaders use what earlier ones made.
LOADERS = ["wijken.demo", "groningenmodel.demo", "praatplaat.demo", "stemmen.demo", "loting.demo"]


class Command(BaseCommand):
    help = "Load a believable demo municipality (idempotent) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="fraction of real population size"
        )
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, scale: float, quiet: bool, **options: Any) -> None:
        out = None if quiet else self.stdout
        with override("nl"):
            for name in LOADERS:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name == name:
                        continue
                    raise
                if out:
                    out.write(f"Demo: {name}")
                module.load(stdout=out, scale=scale)
        if not quiet:
            self.print_logins()

    def print_logins(self) -> None:
        w = self.stdout.write
        w("")
        w(self.style.SUCCESS("Demo accounts"))
        w(f"  Staff password (all staff accounts): {core_demo.DEMO_PASSWORD}")
        w("  Staff use two-factor login: add the TOTP secret to an authenticator app,")
        w("  or print the current code with: make totp EMAIL=<address>")
        for acc in core_demo.ACCOUNTS:
            extra = (
                f"TOTP secret {core_demo.demo_totp_secret(acc.email)}"
                if acc.totp_secret
                else "log in by e-mail code (printed in this terminal)"
            )
            w(f"  {acc.rol:12} {acc.email:42} {extra}")
