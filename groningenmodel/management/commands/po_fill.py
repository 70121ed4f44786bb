from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from groningenmodel.po import fill, parse


class Command(BaseCommand):
    help = "Fill empty entries of a .po file from a JSON file {msgid: msgstr}; list what is left."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("po", type=Path)
        parser.add_argument("--json", type=Path, help="translations to fill in")

    def handle(self, *args: Any, po: Path, json: Path | None = None, **options: Any) -> None:  # noqa: A002
        if json is not None:
            import json as _json

            n = fill(po, _json.loads(json.read_text(encoding="utf-8")))
            self.stdout.write(f"filled {n}")
        for e in parse(po):
            if not e.translated:
                self.stdout.write(_dump(e))


def _dump(e: Any) -> str:
    return json.dumps(
        e.msgid if e.msgid_plural is None else [e.msgid, e.msgid_plural], ensure_ascii=False
    )
