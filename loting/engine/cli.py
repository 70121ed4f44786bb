"""Command-line logic behind ``manage.py sortition_select`` / ``sortition_verify``.

Usable without Django: ``python -m loting.engine.cli select ...`` / ``... verify B.json``.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from .bundle import selection_bundle, verify_bundle
from .csvio import read_people, read_quotas
from .errors import LotingError
from .reports import selection_report
from .rng import combine_seed_parts, seed_commitment
from .selection import ALGORITHMS, SelectionProblem, select_panel
from .version import ENGINE_VERSION


def add_select_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--quotas",
        required=True,
        help="quota CSV (feature,value,min,max or category,feature,min,max)",
    )
    parser.add_argument("--people", required=True, help="people CSV, one row per person")
    parser.add_argument("--panel-size", type=int, required=True, dest="panel_size")
    parser.add_argument("--algorithm", choices=ALGORITHMS, default="leximin")
    parser.add_argument(
        "--id-column", dest="id_column", default=None, help="id column (default: row number)"
    )
    parser.add_argument(
        "--household-columns",
        dest="household_columns",
        default="",
        help="comma-separated address columns; at most one person per household",
    )
    parser.add_argument("--seed", default=None, help="seed (default: a fresh random one)")
    parser.add_argument(
        "--seed-part",
        dest="seed_parts",
        action="append",
        default=None,
        help="seed part (repeatable, order-independent); combined into the seed",
    )
    parser.add_argument(
        "--commit-only",
        dest="commit_only",
        action="store_true",
        help="print the seed commitment and stop",
    )
    parser.add_argument("--json", dest="json", action="store_true", help="print JSON")
    parser.add_argument(
        "--bundle-out", dest="bundle_out", default=None, help="write the verification bundle here"
    )


def add_verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bundle", help="verification bundle (JSON)")
    parser.add_argument("--json", dest="json", action="store_true", help="print JSON")


def _seed(opts: Mapping[str, Any]) -> tuple[str, list[str] | None]:
    parts = opts.get("seed_parts")
    if parts:
        return combine_seed_parts(parts), list(parts)
    if opts.get("seed"):
        return str(opts["seed"]), None
    return secrets.token_hex(16), None


def run_select(opts: Mapping[str, Any], out: TextIO) -> int:
    seed, parts = _seed(opts)
    if opts.get("commit_only"):
        out.write(json.dumps({"seed_commitment": seed_commitment(seed)}) + "\n")
        return 0
    try:
        quotas = read_quotas(opts["quotas"])
        hh_cols = [c.strip() for c in (opts.get("household_columns") or "").split(",") if c.strip()]
        people = read_people(opts["people"], quotas, opts.get("id_column"), hh_cols)
        problem = SelectionProblem.build(
            people, quotas, int(opts["panel_size"]), household_rule=bool(hh_cols)
        )
        result = select_panel(problem, seed, opts.get("algorithm") or "leximin")
    except LotingError as exc:
        out.write(
            json.dumps({"error": exc.as_dict()}) + "\n"
            if opts.get("json")
            else f"Error: {exc.message}\n"
        )
        return 2
    report = selection_report(people, quotas, result)
    if opts.get("bundle_out"):
        with open(opts["bundle_out"], "w", encoding="utf-8") as fh:
            json.dump(selection_bundle(problem, result, parts), fh, ensure_ascii=False, indent=1)
    payload = {
        "probabilities": result.probabilities,
        "min_probability": result.distribution.min_probability,
        "panel": list(result.panel),
        "seed_commitment": result.seed_commitment,
        "seed": seed,
        "algorithm": result.algorithm,
        "engine_version": ENGINE_VERSION,
        "gini": report.gini,
        "mean_probability": report.mean_probability,
        "quota_table": report.as_dict()["quota_table"],
    }
    if opts.get("json"):
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        return 0
    out.write(f"{result.algorithm}: pool {len(people)}, panel {problem.panel_size}\n")
    out.write(
        f"min probability {report.min_probability:.6f}, mean {report.mean_probability:.6f}, gini {report.gini:.4f}\n"
    )
    out.write(f"seed {seed}\nseed commitment {result.seed_commitment}\n")
    for r in report.quota_table:
        out.write(
            f"  {r.feature}={r.value}: min {r.min} max {r.max} selected {r.selected} expected {r.expected:.2f}\n"
        )
    out.write("panel: " + ", ".join(result.panel) + "\n")
    return 0


def run_verify(opts: Mapping[str, Any], out: TextIO) -> int:
    with open(opts["bundle"], encoding="utf-8") as fh:
        bundle = json.load(fh)
    try:
        result = verify_bundle(bundle)
    except (LotingError, KeyError, TypeError, ValueError) as exc:
        msg = exc.message if isinstance(exc, LotingError) else f"malformed bundle: {exc!r}"
        out.write(
            json.dumps({"matches": False, "error": msg}) + "\n"
            if opts.get("json")
            else f"Error: {msg}\n"
        )
        return 1
    if opts.get("json"):
        out.write(json.dumps(result.as_dict()) + "\n")
    else:
        out.write(("MATCH" if result.matches else "MISMATCH") + "\n")
        for m in result.messages:
            out.write(f"  {m}\n")
    return 0 if result.matches else 1


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loting-engine")
    sub = parser.add_subparsers(dest="command", required=True)
    add_select_arguments(sub.add_parser("select", help="quota selection"))
    add_verify_arguments(sub.add_parser("verify", help="verify a bundle"))
    args = parser.parse_args(argv)
    stream = out if out is not None else sys.stdout
    if args.command == "select":
        return run_select(vars(args), stream)
    return run_verify(vars(args), stream)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
