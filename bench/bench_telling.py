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
Options: --files GLOB, --add1-timeout SECONDS (default 15; the equalshares/add1 files
always get 900), --jobs N (parallel pabutools runs), --quick (speed files only).
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stemmen.telling import TallyOptions, pabulib, tally  # noqa: E402
from stemmen.telling.cli import options_for  # noqa: E402
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


def ours(
    election: Election, rule: str, opts: TallyOptions, repeat: int = 3
) -> tuple[float, list[str]]:
    best = float("inf")
    selected: list[str] = []
    for _ in range(repeat):
        election.ballots._by_project = None  # no cached transposition between runs
        start = time.perf_counter()
        out = tally(election, rule, opts)
        best = min(best, time.perf_counter() - start)
        selected = sorted(out.selected)
    return best, selected


def peer_jobs(
    py: Path, path: Path, vote_type: str, official_rule: str, add1_timeout: float
) -> dict[str, dict]:
    rules = ["greedy", "mes"]
    if vote_type in ("cumulative", "ordinal"):
        rules.append("greedy-points")
    base = peer(py, path, rules, timeout=900)
    limit = max(add1_timeout, 900.0) if official_rule == "equalshares/add1" else add1_timeout
    base.update(peer(py, path, ["mes-add1"], timeout=limit))
    base["_add1_limit"] = {"time": limit, "selected": []}
    return base


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", default="*.pb")
    ap.add_argument("--add1-timeout", type=float, default=15.0)
    ap.add_argument("--quick", action="store_true", help="only the two speed instances")
    ap.add_argument("--jobs", type=int, default=2, help="parallel pabutools runs (non-speed files)")
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
    t_start = time.perf_counter()
    parsed = {f: pabulib.read(f) for f in files}

    # pabutools: the speed instances alone (sequential, nothing else running), then the
    # others in parallel
    peers: dict[Path, dict[str, dict]] = {}
    speed = [f for f in files if f.name in SPEED_FILES]
    others = [f for f in files if f.name not in SPEED_FILES]
    for f in speed:
        e = parsed[f].election
        print(f"pabutools on {f.name} ...", flush=True)
        peers[f] = peer(py, f, ["greedy", "mes"], timeout=900)
    # our timings on the speed instances, also with nothing else running
    our_speed: dict[tuple[Path, str], tuple[float, list[str]]] = {}
    for f in speed:
        e = parsed[f].election
        our_speed[(f, "greedy")] = ours(
            e, "greedy", TallyOptions(score="votes", use_sub_budgets=False), repeat=5
        )
        our_speed[(f, "mes")] = ours(e, "mes", TallyOptions(use_sub_budgets=False), repeat=5)
    for f in speed:
        e = parsed[f].election
        peers[f].update(peer(py, f, ["mes-add1"], timeout=args.add1_timeout))
        peers[f]["_add1_limit"] = {"time": args.add1_timeout, "selected": []}
    print(f"pabutools on {len(others)} more files ({args.jobs} at a time) ...", flush=True)
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {
            f: pool.submit(
                peer_jobs,
                py,
                f,
                parsed[f].election.vote_type,
                parsed[f].meta.get("rule", "").strip().lower(),
                args.add1_timeout,
            )
            for f in others
        }
        for f, fut in futures.items():
            peers[f] = fut.result()

    header = (
        f"{'instance':<46} {'rule':<14} {'ours ms':>9} {'pabutools ms':>13} {'ratio':>8}  equal"
    )
    our_rules = {
        "greedy": ("greedy", TallyOptions(score="votes", use_sub_budgets=False)),
        "greedy-points": ("greedy", TallyOptions(score="points", use_sub_budgets=False)),
        "mes": ("mes", TallyOptions(use_sub_budgets=False)),
        "mes-add1": ("mes-add1", TallyOptions(use_sub_budgets=False)),
    }
    for path in files:
        pf = parsed[path]
        e = pf.election
        official_rule = e.meta.get("rule", "").strip().lower()
        base = peers[path]
        labels = ["greedy", "mes"]
        if e.vote_type in ("cumulative", "ordinal"):
            labels.append("greedy-points")
        labels.append("mes-add1")
        print(
            f"\n{path.name}  ({e.vote_type}, {e.num_voters} voters, {e.num_projects} projects, "
            f"rule {official_rule})"
        )
        print(header)
        for label in labels:
            rule, opts = our_rules[label]
            if (path, label) in our_speed:
                t_ours, sel = our_speed[(path, label)]
            else:
                t_ours, sel = ours(e, rule, opts, repeat=1 if label == "mes-add1" else 3)
            theirs = base.get(label)
            if theirs is None:
                limit = base.get("_add1_limit", {}).get("time", 900) if label == "mes-add1" else 900
                print(
                    f"{path.name[:46]:<46} {label:<14} {t_ours * 1000:>9.1f} {'timeout':>13} "
                    f"{'-':>8}  n/a (pabutools > {limit:.0f}s)"
                )
                if label != "mes-add1" or official_rule == "equalshares/add1":
                    failures.append(f"{path.name} {label}: pabutools did not finish")
                else:
                    notes.append(f"{path.name} {label}: not compared (pabutools > {limit:.0f}s)")
                continue
            equal = sel == theirs["selected"]
            ratio = theirs["time"] / t_ours if t_ours > 0 else float("inf")
            print(
                f"{path.name[:46]:<46} {label:<14} {t_ours * 1000:>9.1f} {theirs['time'] * 1000:>13.1f} "
                f"{ratio:>8.1f}  {'yes' if equal else 'NO'}"
            )
            if not equal:
                failures.append(f"{path.name} {label}: outcome differs from pabutools")
            if path.name in SPEED_FILES and label in ("greedy", "mes"):
                verdict = "PASS" if ratio >= SPEED_FACTOR else "FAIL"
                print(
                    f"  speed {label}: {ratio:.1f}x faster than pabutools "
                    f"(target {SPEED_FACTOR:.0f}x): {verdict}"
                )
                if verdict == "FAIL":
                    failures.append(f"{path.name} {label}: only {ratio:.1f}x faster")
        official = pf.selected_ids()
        if official is not None and official_rule in OFFICIAL_RULES:
            rule = OFFICIAL_RULES[official_rule]
            out = tally(e, rule, options_for(e, rule, {}))
            equal = sorted(out.selected) == sorted(official)
            print(
                f"  official outcome ({official_rule} -> {rule}): {'equal: PASS' if equal else 'DIFFERENT: FAIL'}"
            )
            if not equal:
                failures.append(f"{path.name}: {rule} differs from the official selected column")
    total = time.perf_counter() - t_start
    print()
    for n in notes:
        print(f"note: {n}")
    if failures:
        for f in failures:
            print(f"FAIL: {f}")
        print(f"FAIL ({len(failures)} misses, {len(files)} files, {total:.0f}s)")
        return 1
    print(f"PASS (all targets met, {len(files)} files, {total:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
