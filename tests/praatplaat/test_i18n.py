from __future__ import annotations

from pathlib import Path

from groningenmodel.po import parse

PO = Path(__file__).resolve().parents[2] / "praatplaat/locale/nl/LC_MESSAGES/django.po"


def test_every_praatplaat_string_has_a_dutch_translation() -> None:
    entries = [e for e in parse(PO) if e.msgid and not e.obsolete]
    missing = [e.msgid for e in entries if not e.translated or e.fuzzy]
    assert len(entries) > 300
    assert not missing, missing[:10]
