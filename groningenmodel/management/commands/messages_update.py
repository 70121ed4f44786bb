from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from groningenmodel.po import parse

APPS = ["wijken", "praatplaat", "loting", "stemmen"]
IGNORE = [".venv", ".bench-venv", "var", "tests", "bench", "test-artifacts", "node_modules"]


def update_catalogues(root: Path) -> list[Path]:
    """Run makemessages (Dutch) for the project catalogue and each app's catalogue."""
    admin = [sys.executable, "-P", "-m", "django", "makemessages", "-l", "nl", "--no-obsolete"]
    env_settings = ["--settings", "groningenmodel.settings", "--pythonpath", str(root)]
    ignores = [f"--ignore={d}" for d in IGNORE + APPS]
    subprocess.run([*admin, *ignores, *env_settings], cwd=root, check=True, capture_output=True)
    files = [root / "locale/nl/LC_MESSAGES/django.po"]
    for app in APPS:
        (root / app / "locale/nl/LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [*admin, "--ignore=engine", "--ignore=telling", *env_settings],
            cwd=root / app,
            check=True,
            capture_output=True,
        )
        files.append(root / app / "locale/nl/LC_MESSAGES/django.po")
    return [f for f in files if f.exists()]


class Command(BaseCommand):
    help = "Update the Dutch catalogues (project + each app) and list untranslated strings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--root", type=Path, default=Path(settings.BASE_DIR))

    def handle(self, *args: Any, root: Path, **options: Any) -> None:
        missing = 0
        for po in update_catalogues(root):
            for e in parse(po):
                if not e.translated:
                    missing += 1
                    self.stdout.write(f"{po.relative_to(root)}: {e.msgid!r}")
        self.stdout.write(f"{missing} untranslated")
