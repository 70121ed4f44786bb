"""Benchmark and cross-check of the tally engine (stemmen/telling) against pabutools.

Run from the worktree root:  /work/main/.venv/bin/python bench/bench_telling.py

- Creates (if absent) the peer virtualenv ``.bench-venv/telling`` with the pinned
  pabutools from ``bench/peers-telling.txt`` (never committed) and runs pabutools in a
  subprocess (``bench/peer_pabutools.py``) on the same files.  Only the rule call is
  timed on both sides (not parsing); our time is the best of 3 runs of ``tally()`` with
  the ballot transposition cache cleared before each run.
- Correctness targets (every file in the data folder):
  * greedy (pabutools Cost_Sat = greedy by votes) and MES (Cost_Sat) equal pabutools;
  * greedy by points (pabutools with a points x cost satisfaction) on cumulative and
    ordinal files;
  * MES + add1 equals pabutools where pabutools finishes within the per-file time limit
    (it is slow: one MES run per +1 of voter budget), and always on the files whose
    official rule is equalshares/add1;
  * where the file has a ``selected`` column and its rule is greedy, greedy-no-skip,
    greedy-threshold or equalshares(/add1): our outcome for that rule equals it.
- Speed target: greedy and MES at least 50x faster than pabutools on
  Netherlands_Amsterdam_252.pb and Poland_Warszawa_2023_Mokotow.pb.

Prints a table per instance and PASS/FAIL lines; exits 1 on any miss.
Options: --files GLOB, --add1-timeout SECONDS (default 60), --quick (speed files only).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stemmen.telling import TallyOptions, pabulib, tally  # noqa: E402
from stemmen.telling.model import Election  # noqa: E402

DATA = Path(os.environ.get("PABULIB_DIR", ROOT.parent.parent / "shared" / "data" / "pabulib"))
if not DATA.exists():
    DATA = Path("/work/shared/data/pabulib")
VENV = ROOT / ".bench-venv" / "telling"
PEERS = ROOT / "bench" / "peers-telling.txt"
PEER_SCRIPT = ROOT / "bench" / "peer_pabutools.py"
SPEED_FILES = ("Netherlands_Amsterdam_252.pb", "Poland_Warszawa_2023_Mokotow.pb")
SPEED_FACTOR = 50.0
OFFICIAL_RULES = {
    "greedy": "greedy",
    "greedy-no-skip": "greedy-no-skip",
    "greedy-threshold": "greedy-threshold",
    "equalshares": "mes",
    "equalshares/add1": "mes-add1",
}


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    py = venv_python()
    pinned = PEERS.read_text().strip()
    marker = VENV / ".installed"
    if py.exists() and marker.exists() and marker.read_text() == pinned:
        return py
    base = shutil.which("python3") or sys.executable
    print(f"creating peer virtualenv {VENV} ({pinned}) ...", flush=True)
    subprocess.run([base, "-m", "venv", str(VENV)], check=True)
    subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", "-r", str(PEERS)],
        check=True,
    )
    marker.write_text(pinned)
    return py


def peer(py: Path, path: Path, rules: list[str], timeout: float) -> dict[str, dict]:
    """Run pabutools; returns {rule: {"time", "selected"}} for the rules that finished."""
    try:
        proc = subprocess.run(
            [str(py), str(PEER_SCRIPT), str(path), *rules],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        stdout = proc.stdout
        if proc.returncode != 0:
            print(f"  pabutools failed on {path.name}: {proc.stderr.strip()[-300:]}")
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout
        stdout = out.decode() if isinstance(out, bytes) else (out or "")
    results: dict[str, dict] = {}
    for line in stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            results.update(json.loads(line))
    return results


def ours(election: Election, rule: str, opts: TallyOptions, repeat: int = 3) -> tuple[float, list[str]]:
    best = float("inf")
    selected: list[str] = []
    for _ in range(repeat):
        election.ballots._by_project = None  # no cached transposition between runs
        start = time.perf_counter()
        out = tally(election, rule, opts)
        best = min(best, time.perf_counter() - start)
        selected = sorted(out.selected)
    return best, selected


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", default="*.pb")
    ap.add_argument("--add1-timeout", type=float, default=60.0)
    ap.add_argument("--quick", action="store_true", help="only the two speed instances")
    args = ap.parse_args()

    py = ensure_venv()
    files = sorted(Path(p) for p in glob.glob(str(DATA / args.files)))
    if args.quick:
        files = [f for f in files if f.name in SPEED_FILES]
    if not files:
        print(f"no files in {DATA}")
        return 1
    failures: list[str] = []
    notes: list[str] = []
    header = f"{'instance':<46} {'rule':<15} {'ours ms':>9} {'pabutools ms':>13} {'ratio':>8}  equal"
    t_start = time.perf_counter()
    for path in files:
        pf = pabulib.read(path)
        e = pf.election
        vote_type = e.vote_type
        rules = ["greedy", "mes"]
        if vote_type in ("cumulative", "ordinal"):
            rules.append("greedy-points")
        base = peer(py, path, rules, timeout=600)
        add1_timeout = args.add1_timeout
        official_rule = e.meta.get("rule", "").strip().lower()
        if official_rule == "equalshares/add1":
            add1_timeout = max(add1_timeout, 600.0)
        base.update(peer(py, path, ["mes-add1"], timeout=add1_timeout))

        print(f"\n{path.name}  ({vote_type}, {e.num_voters} voters, {e.num_projects} projects, rule {official_rule})")
        print(header)
        our_rules = {
            "greedy": ("greedy", TallyOptions(score="votes", use_sub_budgets=False)),
            "greedy-points": ("greedy", TallyOptions(score="points", use_sub_budgets=False)),
            "mes": ("mes", TallyOptions(use_sub_budgets=False)),
            "mes-add1": ("mes-add1", TallyOptions(use_sub_budgets=False)),
        }
        for label in [*rules, "mes-add1"]:
            rule, opts = our_rules[label]
            t_ours, sel = ours(e, rule, opts, repeat=1 if label == "mes-add1" else 3)
            theirs = base.get(label)
            if theirs is None:
                limit = add1_timeout if label == "mes-add1" else 600
                print(f"{path.name[:46]:<46} {label:<15} {t_ours * 1000:>9.1f} {'timeout':>13} {'-':>8}  n/a (pabutools > {limit:.0f}s)")
                if label != "mes-add1" or official_rule == "equalshares/add1":
                    failures.append(f"{path.name} {label}: pabutools did not finish")
                else:
                    notes.append(f"{path.name} {label}: not compared (pabutools > {limit:.0f}s)")
                continue
            equal = sel == theirs["selected"]
            ratio = theirs["time"] / t_ours if t_ours > 0 else float("inf")
            print(f"{path.name[:46]:<46} {label:<15} {t_ours * 1000:>9.1f} {theirs['time'] * 1000:>13.1f} {ratio:>8.1f}  {'yes' if equal else 'NO'}")
            if not equal:
                failures.append(f"{path.name} {label}: outcome differs from pabutools")
            if path.name in SPEED_FILES and label in ("greedy", "mes"):
                verdict = "PASS" if ratio >= SPEED_FACTOR else "FAIL"
                print(f"  speed {label}: {ratio:.1f}x faster than pabutools (target {SPEED_FACTOR:.0f}x): {verdict}")
                if verdict == "FAIL":
                    failures.append(f"{path.name} {label}: only {ratio:.1f}x faster")
        official = pf.selected_ids()
        if official is not None and official_rule in OFFICIAL_RULES:
            rule = OFFICIAL_RULES[official_rule]
            from stemmen.telling.cli import options_for

            opts = options_for(e, rule, {})
            out = tally(e, rule, opts)
            equal = sorted(out.selected) == sorted(official)
            print(f"  official outcome ({official_rule} -> {rule}): {'equal' if equal else 'DIFFERENT'}")
            if not equal:
                failures.append(f"{path.name}: {rule} differs from the official selected column")
    total = time.perf_counter() - t_start
    print()
    for n in notes:
        print(f"note: {n}")
    if failures:
        for f in failures:
            print(f"FAIL: {f}")
        print(f"FAIL ({len(failures)} misses, {total:.0f}s)")
        return 1
    print(f"PASS (all targets met, {len(files)} files, {total:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
