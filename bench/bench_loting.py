"""Benchmark of the loting engine against sortition-algorithms (Sortition Foundation).

Run from the worktree root:  /work/main/.venv/bin/python bench/bench_loting.py
Creates the peer virtualenv .bench-venv/loting (never committed) if absent, runs the peer
in a subprocess with the same inputs, times only the selection, prints a table and
PASS/FAIL per target, and exits non-zero when a target is missed.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loting.engine import (  # noqa: E402
    Person,
    Quota,
    RegisterEntry,
    SeedStream,
    SelectionProblem,
    invitation_draw,
    read_people,
    read_quotas,
    select_panel,
)

PEER_VENV = ROOT / ".bench-venv" / "loting"
PEER_REQS = ROOT / "bench" / "peers-loting.txt"
PEER_SCRIPT = ROOT / "bench" / "peer_sortition_algorithms.py"
PEER_TIMEOUT = float(os.environ.get("LOTING_BENCH_PEER_TIMEOUT", "180"))
DATA_CANDIDATES = [
    Path("/work/shared/data/sortition"),
    ROOT.parent / "shared" / "data" / "sortition",
]
DATA = next((p for p in DATA_CANDIDATES if p.exists()), DATA_CANDIDATES[0])
SEED = "bench-loting-2026"
REPEATS = 3


def ensure_peer() -> Path:
    python = PEER_VENV / "bin" / "python"
    marker = PEER_VENV / ".requirements.sha256"
    want = hashlib.sha256(PEER_REQS.read_bytes()).hexdigest()
    if python.exists() and marker.exists() and marker.read_text().strip() == want:
        return python
    print(f"creating peer virtualenv {PEER_VENV} ...", flush=True)
    subprocess.run(["python3", "-m", "venv", str(PEER_VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(PEER_REQS)], check=True)
    marker.write_text(want + "\n")
    return python


def run_peer(python: Path, spec: dict) -> dict:
    try:
        r = subprocess.run(
            [str(python), str(PEER_SCRIPT)],
            input=json.dumps(spec),
            capture_output=True,
            text=True,
            timeout=PEER_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return {"time": None, "min_probability": None, "note": f"timeout >{PEER_TIMEOUT:.0f}s"}
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("{")]
    if r.returncode != 0 or not lines:
        return {"time": None, "min_probability": None, "note": "error: " + r.stderr.strip()[-200:]}
    return json.loads(lines[-1])


def time_ours(problem: SelectionProblem, repeats: int) -> tuple[float, float, float]:
    """Best wall time, best CPU time, and the minimum selection probability."""
    times, cpus = [], []
    result = None
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        result = select_panel(problem, SEED, "leximin")
        times.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    assert result is not None
    return min(times), min(cpus), result.distribution.min_probability


# ----------------------------------------------------------------------------- instances


def scotland():
    d = DATA / "scotland_150_22"
    quotas = read_quotas(d / "features.csv")
    people = read_people(
        d / "candidates.csv", quotas, "nationbuilder_id", ["primary_address1", "primary_zip"]
    )
    with open(d / "features.csv", encoding="utf-8") as fh:
        feats = list(csv.DictReader(fh))
    with open(d / "candidates.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    spec = {
        "features": feats,
        "people": rows,
        "id_column": "nationbuilder_id",
        "panel_size": 22,
        "address_columns": ["primary_address1", "primary_zip"],
    }
    return SelectionProblem.build(people, quotas, 22, household_rule=True), spec


def flanigan(name: str, k: int):
    d = DATA / name
    quotas = read_quotas(d / "categories.csv")
    people = read_people(d / "respondents.csv", quotas)
    spec = {
        "features": [
            {"feature": q.feature, "value": q.value, "min": q.min, "max": q.max} for q in quotas
        ],
        "people": [{"id": p.id, **p.features} for p in people],
        "id_column": "id",
        "panel_size": k,
        "address_columns": [],
    }
    return SelectionProblem.build(people, quotas, k), spec


BUURTEN = [("Oosterpark-Noord", 0.24), ("Oosterpark-Zuid", 0.2), ("De Linie", 0.17), ("Florakwartier", 0.15),
           ("Zeeheldenbuurt", 0.13), ("Oosterhoogebrug", 0.11)]  # fmt: skip
AGES = [
    ("18-29", 0.24, 0.55),
    ("30-44", 0.25, 0.8),
    ("45-59", 0.23, 1.05),
    ("60-74", 0.18, 1.5),
    ("75+", 0.10, 1.3),
]
GENDERS = [("vrouw", 0.5, 1.1), ("man", 0.48, 0.9), ("anders", 0.02, 1.0)]
EDUCATION = [("laag", 0.3, 0.5), ("middel", 0.4, 1.0), ("hoog", 0.3, 1.8)]


def _pick(stream: SeedStream, weights: list[float]) -> int:
    return stream.weighted_index([round(w * 1_000_000) for w in weights])


def wijk(pool: int = 1000, k: int = 400):
    """Synthetic wijk panel: respondents skewed older and higher-educated; quotas from the
    population shares (buurt, age band, gender) with a tolerance of 1% of the panel + 2."""
    s = SeedStream("bench-wijk-oosterpark", "generate")
    people = []
    for i in range(pool):
        a = _pick(s, [share * resp for _, share, resp in AGES])
        e = _pick(s, [share * resp for _, share, resp in EDUCATION])
        g = _pick(s, [share * resp for _, share, resp in GENDERS])
        b = _pick(s, [share for _, share in BUURTEN])
        people.append(
            Person(
                f"r{i:04d}",
                {
                    "buurt": BUURTEN[b][0],
                    "leeftijd": AGES[a][0],
                    "gender": GENDERS[g][0],
                    "opleiding": EDUCATION[e][0],
                },
            )
        )
    tol = 2 + k // 100
    quotas = []
    for feature, table in (("buurt", [(n, sh) for n, sh in BUURTEN]), ("leeftijd", [(n, sh) for n, sh, _ in AGES]),
                           ("gender", [(n, sh) for n, sh, _ in GENDERS])):  # fmt: skip
        for name, share in table:
            target = round(share * k)
            quotas.append(Quota(feature, name, max(0, target - tol), target + tol))
    spec = {
        "features": [
            {"feature": q.feature, "value": q.value, "min": q.min, "max": q.max} for q in quotas
        ],
        "people": [{"id": p.id, **p.features} for p in people],
        "id_column": "id",
        "panel_size": k,
        "address_columns": [],
    }
    return SelectionProblem.build(people, quotas, k), spec


def register(n_addresses: int = 250_000):
    s = SeedStream("bench-register", "generate")
    entries = []
    for a in range(n_addresses):
        street = f"straat{a % 1200:04d}"
        for r in range(1 + s.below(3) if a % 4 == 0 else 1):
            entries.append(RegisterEntry(f"bsn{a:06d}-{r}", f"adres{a:06d}", street))
    return entries


# ----------------------------------------------------------------------------- main


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def main() -> int:
    peer = ensure_peer()
    rows = []
    targets: list[tuple[str, bool, str]] = []

    # scotland_150_22 --------------------------------------------------------------
    problem, spec = scotland()
    ours_t, ours_cpu, ours_min = time_ours(problem, REPEATS)
    peer_runs = [run_peer(peer, spec) for _ in range(REPEATS)]
    ok_runs = [r for r in peer_runs if r.get("time") is not None]
    their_t = min(r["time"] for r in ok_runs) if ok_runs else None
    their_cpu = min(r["cpu"] for r in ok_runs) if ok_runs else None
    their_min = min(r["min_probability"] for r in ok_runs) if ok_runs else None
    cpu_note = f"CPU: ours {ours_cpu:.3f} s, theirs {fmt(their_cpu, '.3f')} s"
    rows.append(
        ("scotland_150_22", len(problem.people), 22, ours_t, their_t, ours_min, their_min, cpu_note)
    )
    targets.append(
        (
            "scotland_150_22: our LEXIMIN min >= their maximin min - 1e-6",
            their_min is not None and ours_min >= their_min - 1e-6,
            f"{ours_min:.9f} vs {fmt(their_min, '.9f')}",
        )
    )
    targets.append(
        (
            "scotland_150_22: ours >= 5x faster than their maximin (wall time)",
            their_t is not None and their_t >= 5 * ours_t,
            f"ratio {fmt(their_t / ours_t if their_t else None, '.1f')}x",
        )
    )

    targets.append(
        (
            "scotland_150_22: ours >= 5x faster than their maximin (CPU time)",
            their_cpu is not None and their_cpu >= 5 * ours_cpu,
            f"ratio {fmt(their_cpu / ours_cpu if their_cpu else None, '.1f')}x",
        )
    )

    # Flanigan et al. reference instances --------------------------------------------
    for name, k in (("example_small_20", 20), ("example_large_200", 200)):
        problem, spec = flanigan(name, k)
        ours_t, _, ours_min = time_ours(problem, REPEATS)
        theirs = run_peer(peer, spec)
        rows.append(
            (
                name,
                len(problem.people),
                k,
                ours_t,
                theirs.get("time"),
                ours_min,
                theirs.get("min_probability"),
                theirs.get("note", ""),
            )
        )
        targets.append(
            (
                f"{name}: LEXIMIN min probability 10.0% (published)",
                abs(ours_min - 0.10) <= 1e-6,
                f"{ours_min:.9f}",
            )
        )
        if name == "example_large_200":
            targets.append(
                (f"{name}: under 60 s (published 1,161.8 s)", ours_t < 60, f"{ours_t:.3f} s")
            )

    # synthetic wijk panel -------------------------------------------------------------
    problem, spec = wijk()
    ours_t, _, ours_min = time_ours(problem, 1)
    theirs = run_peer(peer, spec)
    rows.append(
        (
            "wijk_1000_400 (synthetic)",
            1000,
            400,
            ours_t,
            theirs.get("time"),
            ours_min,
            theirs.get("min_probability"),
            theirs.get("note", ""),
        )
    )
    targets.append(("wijk_1000_400: under 60 s", ours_t < 60, f"{ours_t:.3f} s"))
    targets.append(
        (
            "wijk_1000_400: our LEXIMIN min >= their maximin min - 1e-6 (when they finish)",
            theirs.get("min_probability") is None or ours_min >= theirs["min_probability"] - 1e-6,
            f"{ours_min:.9f} vs {fmt(theirs.get('min_probability'), '.9f')}",
        )
    )

    # invitation draw ----------------------------------------------------------------
    entries = register()
    n_addr = len({e.household_id for e in entries})
    t = time.perf_counter()
    draw = invitation_draw(entries, 2000, SEED)
    inv_t = time.perf_counter() - t
    assert len(draw.invited) == 2000
    rows.append(
        (
            f"invitation_draw ({n_addr:,} addresses)",
            len(entries),
            2000,
            inv_t,
            None,
            None,
            None,
            "no peer",
        )
    )
    targets.append(
        ("invitation draw 2,000 of 250,000 addresses: under 5 s", inv_t < 5, f"{inv_t:.3f} s")
    )

    # table --------------------------------------------------------------------------
    header = (
        "instance",
        "pool",
        "panel",
        "our time",
        "their time",
        "ratio",
        "our min p",
        "their min p",
        "note",
    )
    table = [header]
    for name, pool, k, ot, tt, om, tm, note in rows:
        ratio = f"{tt / ot:.1f}x" if tt and ot else "-"
        table.append((name, f"{pool:,}", str(k), f"{ot:.3f} s", fmt(tt, ".3f") + (" s" if tt else ""), ratio,
                      fmt(om, ".6f"), fmt(tm, ".6f"), note))  # fmt: skip
    widths = [max(len(str(r[i])) for r in table) for i in range(len(header))]
    for i, r in enumerate(table):
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print("ours: loting.engine LEXIMIN (HiGHS via highspy); theirs: sortition-algorithms "
          "maximin (highspy backend; its LEXIMIN needs Gurobi); times = selection only, "
          f"best of {REPEATS} runs for the first three rows (the machine is shared; the best run is the least disturbed).")  # fmt: skip
    print()
    failed = 0
    for label, ok, detail in targets:
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {label}  ({detail})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
