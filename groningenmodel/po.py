"""A minimal reader/writer for gettext .po files (no extra dependency).

Used by the translation-completeness test and by ``manage.py po_fill``, which fills
empty Dutch entries from a JSON file ``{msgid: msgstr}`` (plural entries take a list
``[singular, plural]``). Keeps every other line as it is.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    msgctxt: str | None = None
    fuzzy: bool = False
    obsolete: bool = False

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(s for s in self.msgstr) and not self.fuzzy


def _unquote(s: str) -> str:
    return str(ast.literal_eval(s.strip()))


def parse(path: Path) -> list[Entry]:
    return parse_text(path.read_text(encoding="utf-8"))


def parse_text(text: str) -> list[Entry]:
    entries: list[Entry] = []
    cur = Entry()
    key: tuple[str, int] | None = None
    started = False

    def flush() -> None:
        nonlocal cur, started
        if started:
            entries.append(cur)
        cur = Entry()
        started = False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
            continue
        if line.startswith("#~"):
            cur.obsolete = True
            continue
        if line.startswith("#,") and "fuzzy" in line:
            cur.fuzzy = True
            continue
        if line.startswith("#"):
            continue
        started = True
        if line.startswith("msgctxt "):
            cur.msgctxt = _unquote(line[8:])
            key = ("msgctxt", 0)
        elif line.startswith("msgid_plural "):
            cur.msgid_plural = _unquote(line[13:])
            key = ("msgid_plural", 0)
        elif line.startswith("msgid "):
            cur.msgid = _unquote(line[6:])
            key = ("msgid", 0)
        elif line.startswith("msgstr["):
            idx = int(line[7 : line.index("]")])
            while len(cur.msgstr) <= idx:
                cur.msgstr.append("")
            cur.msgstr[idx] = _unquote(line[line.index("]") + 1 :])
            key = ("msgstr", idx)
        elif line.startswith("msgstr "):
            cur.msgstr = [_unquote(line[7:])]
            key = ("msgstr", 0)
        elif line.startswith('"') and key:
            text = _unquote(line)
            name, idx = key
            if name == "msgid":
                cur.msgid += text
            elif name == "msgid_plural":
                cur.msgid_plural = (cur.msgid_plural or "") + text
            elif name == "msgctxt":
                cur.msgctxt = (cur.msgctxt or "") + text
            else:
                cur.msgstr[idx] += text
    flush()
    return [e for e in entries if e.msgid and not e.obsolete]


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(path: Path, translations: dict[str, str | list[str]]) -> int:
    """Fill empty (or fuzzy) entries whose msgid is in ``translations``; returns the count."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    filled = 0
    out = []
    for block in blocks:
        parsed = parse_text(block)
        if not parsed or parsed[0].translated or parsed[0].msgid not in translations:
            out.append(block)
            continue
        e = parsed[0]
        value = translations[e.msgid]
        lines = block.split("\n")
        first_msgstr = next(i for i, ln in enumerate(lines) if ln.startswith("msgstr"))
        head = [
            ln.replace(", fuzzy", "") if ln.startswith("#,") else ln for ln in lines[:first_msgstr]
        ]
        head = [ln for ln in head if ln.strip() != "#,"]
        if e.msgid_plural is not None:
            vals = value if isinstance(value, list) else [value, value]
            head += [f"msgstr[{i}] {_quote(v)}" for i, v in enumerate(vals)]
        else:
            head.append(f"msgstr {_quote(value if isinstance(value, str) else value[0])}")
        out.append("\n".join(head))
        filled += 1
    path.write_text("\n\n".join(out), encoding="utf-8")
    return filled
