"""Regenerate tests/stemmen/telling/data/pabutools_1.2.3_outcomes.json.

Runs bench/peer_pabutools.py (in the peer virtualenv made by bench_telling.py) on every
pabulib file: greedy and MES with Cost_Sat, greedy by points on cumulative/ordinal files,
and MES + add1 with a per-file time limit (files where pabutools does not finish get no
``mes-add1`` entry).  Slow: about half an hour.

usage: /work/main/.venv/bin/python bench/make_pabutools_fixture.py [--add1-timeout 120]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_telling import DATA, ROOT, ensure_venv, peer  # noqa: E402

OUT = ROOT / "tests" / "stemmen" / "telling" / "data" / "pabutools_1.2.3_outcomes.json"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--add1-timeout", type=float, default=120.0)
    args = ap.parse_args()
    py = ensure_venv()
    result: dict[str, dict[str, list[str]]] = {}
    for path in sorted(DATA.glob("*.pb")):
        text = path.read_text(encoding="utf-8-sig")
        rules = ["greedy", "mes"]
        if "vote_type;cumulative" in text or "vote_type;ordinal" in text:
            rules.append("greedy-points")
        got = peer(py, path, rules, timeout=900)
        got.update(peer(py, path, ["mes-add1"], timeout=args.add1_timeout))
        result[path.name] = {k: v["selected"] for k, v in got.items()}
        print(path.name, sorted(result[path.name]), flush=True)
    OUT.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
