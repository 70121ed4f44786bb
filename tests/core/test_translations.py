"""Dutch is the default language: every string in the source has a Dutch translation."""

from __future__ import annotations

import shutil
from pathlib import Path

from groningenmodel.management.commands.messages_update import APPS, update_catalogues
from groningenmodel.po import parse

ROOT = Path(__file__).resolve().parents[2]


def test_every_string_has_a_dutch_translation(tmp_path):
    # Work on a copy, so the test sees what makemessages would find without touching the tree.
    for name in ["groningenmodel", "templates", "locale", "manage.py", *APPS]:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(
                src, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
            )
        else:
            shutil.copy(src, tmp_path / name)
    missing = []
    total = 0
    for po in update_catalogues(tmp_path):
        for e in parse(po):
            total += 1
            if not e.translated:
                missing.append(f"{po.relative_to(tmp_path)}: {e.msgid!r}")
    assert total > 100
    assert not missing, "untranslated (run make messages, then fill them in):\n" + "\n".join(
        missing
    )


def test_po_parser_reads_plurals_and_fuzzy(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\n#, fuzzy\nmsgid "a"\nmsgstr "b"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "een"\nmsgstr[1] ""\n\n'
        'msgid "long "\n"text"\nmsgstr "lange "\n"tekst"\n',
        encoding="utf-8",
    )
    entries = {e.msgid: e for e in parse(po)}
    assert not entries["a"].translated  # fuzzy
    assert entries["one"].msgid_plural == "many" and not entries["one"].translated
    assert entries["long text"].msgstr == ["lange tekst"] and entries["long text"].translated
