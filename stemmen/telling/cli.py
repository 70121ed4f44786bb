"""``pb_tally``: tally a pabulib file from the command line.

    python -m stemmen.telling.cli FILE.pb --rule mes-add1 --json
    python manage.py pb_tally FILE.pb --rule greedy --json     (Django wrapper)

Prints ``{"selected": [...]}`` with ``--json`` (add ``--explain`` for explanations and
rule details), else a readable table.  Defaults follow the file: the rule in META
(``--rule auto``), its ``min_project_score_threshold`` for the greedy rules, its
``budget_per_category`` / ``budget_per_neighborhood`` and its ``leftover_budget`` policy.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal, cast

from stemmen.telling import pabulib
from stemmen.telling.model import Election, money_str, to_money
from stemmen.telling.rules.base import ScoreKind
from stemmen.telling.tally import RULES, TallyOptions, tally

CLI_RULES = ("auto", *RULES)

#: pabulib META ``rule`` -> our rule name
PABULIB_RULES: dict[str, str] = {
    "greedy": "greedy",
    "greedy-no-skip": "greedy-no-skip",
    "greedy-threshold": "greedy-threshold",
    "equalshares": "mes",
    "equalshares/add1": "mes-add1",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a pabulib .pb file")
    parser.add_argument(
        "--rule",
        choices=CLI_RULES,
        default="auto",
        help="tally rule (default: the file's META rule, else greedy)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--explain", action="store_true", help="with --json: add explanations and details"
    )
    parser.add_argument(
        "--score",
        choices=("auto", "votes", "points", "borda"),
        default="auto",
        help="what greedy sorts on (default: pabulib score: votes/points/ballot-Borda)",
    )
    parser.add_argument(
        "--threshold",
        default=None,
        help="minimum score for the greedy rules (default: META min_project_score_threshold)",
    )
    parser.add_argument(
        "--no-threshold", action="store_true", help="ignore the file's score threshold"
    )
    parser.add_argument(
        "--no-sub-budgets",
        action="store_true",
        help="ignore budget_per_category / budget_per_neighborhood",
    )
    parser.add_argument(
        "--leftover",
        choices=("auto", "none", "greedy"),
        default="auto",
        help="after sub-budgets: fund more projects by score with what is left "
        "(auto: as META leftover_budget says)",
    )
    parser.add_argument(
        "--utility", choices=("cost", "approval"), default="cost", help="MES utilities"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pb_tally", description=__doc__.split("\n")[0])
    add_arguments(parser)
    return parser


def resolve_rule(rule: str, election: Election) -> str:
    if rule != "auto":
        return rule
    return PABULIB_RULES.get(election.meta.get("rule", "").strip().lower(), "greedy")


def options_for(election: Election, rule: str, opts: Mapping[str, Any]) -> TallyOptions:
    """TallyOptions from CLI options and the file's META."""
    meta = election.meta
    threshold: int | Fraction | None = None
    if opts.get("threshold") is not None:
        threshold = to_money(str(opts["threshold"]))
    elif not opts.get("no_threshold") and rule.startswith("greedy"):
        raw = meta.get("min_project_score_threshold")
        if raw:
            threshold = to_money(raw)
    leftover = opts.get("leftover") or "auto"
    if leftover == "auto":
        policy = meta.get("leftover_budget", "").strip().lower()
        leftover = "greedy" if policy.startswith("fund additional projects") else "none"
    score = opts.get("score") or "auto"
    return TallyOptions(
        score=None if score == "auto" else cast(ScoreKind, score),
        min_score=threshold,
        utility=opts.get("utility") or "cost",
        use_sub_budgets=not opts.get("no_sub_budgets"),
        leftover=cast(Literal["none", "greedy"], leftover),
    )


def execute(opts: Mapping[str, Any]) -> str:
    """Run the tally described by ``opts`` (argparse/Django option names); returns the
    text to print.  Raises ``ValueError`` (incl. ``PabulibError``) and ``OSError``."""
    pf = pabulib.read(opts["file"])
    election = pf.election
    rule = resolve_rule(opts.get("rule") or "auto", election)
    outcome = tally(election, rule, options_for(election, rule, opts))
    if opts.get("json"):
        payload: dict[str, Any] = {"selected": outcome.selected}
        if opts.get("explain"):
            payload = {**outcome.as_dict(), "selected": outcome.selected}
        return json.dumps(payload, ensure_ascii=False)
    lines = [
        f"rule: {rule}   budget: {money_str(election.budget)}   "
        f"spent: {money_str(outcome.total_cost)}   voters: {election.num_voters}",
        f"selected ({len(outcome.selected)}): {', '.join(outcome.selected)}",
    ]
    for e in outcome.explanations.values():
        mark = "+" if e.selected else "-"
        params = ", ".join(f"{k}={v}" for k, v in e.as_dict()["params"].items())
        lines.append(f"{mark} {e.project_id}: {e.code} ({params})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        print(execute(vars(args)))
    except (OSError, ValueError) as exc:
        print(f"pb_tally: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
