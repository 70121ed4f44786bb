"""Peer side of bench_telling.py: runs pabutools on one .pb file, prints JSON.

Runs inside the separate virtualenv ``.bench-venv/telling`` (pabutools pinned in
``bench/peers-telling.txt``).  Only the rule call is timed, not the parsing.

usage: peer_pabutools.py FILE.pb RULE [RULE ...]
rules: greedy (Cost_Sat), greedy-points (score x cost satisfaction: density = points /
       Borda score), mes (Cost_Sat), mes-add1 (Cost_Sat, voter_budget_increment=1)
"""

from __future__ import annotations

import json
import sys
import time

from pabutools.election import Cost_Sat, parse_pabulib
from pabutools.election.ballot import AbstractCardinalBallot, AbstractOrdinalBallot
from pabutools.election.satisfaction import AdditiveSatisfaction
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares


def _points_times_cost(instance, profile, ballot, project, precomputed_values):
    if project not in ballot:
        return 0
    if isinstance(ballot, AbstractCardinalBallot):
        score = ballot[project]
    elif isinstance(ballot, AbstractOrdinalBallot):
        score = len(ballot) - ballot.index(project)
    else:
        score = 1
    return score * project.cost


class PointsCostSat(AdditiveSatisfaction):
    """Satisfaction = points (cumulative) or ballot-Borda score (ordinal) times cost, so
    the greedy density is the plain score, as in pabulib's ``score`` column."""

    def __init__(self, instance, profile, ballot):
        AdditiveSatisfaction.__init__(self, instance, profile, ballot, _points_times_cost)


def main() -> None:
    path, rules = sys.argv[1], sys.argv[2:]
    instance, profile = parse_pabulib(path)
    out: dict[str, dict[str, object]] = {}
    for rule in rules:
        start = time.perf_counter()
        if rule == "greedy":
            res = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
        elif rule == "greedy-points":
            res = greedy_utilitarian_welfare(instance, profile, sat_class=PointsCostSat)
        elif rule == "mes":
            res = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
        elif rule == "mes-add1":
            res = method_of_equal_shares(
                instance, profile, sat_class=Cost_Sat, voter_budget_increment=1
            )
        else:
            raise SystemExit(f"unknown rule {rule}")
        elapsed = time.perf_counter() - start
        out[rule] = {"time": elapsed, "selected": sorted(p.name for p in res)}
        print(json.dumps({rule: out[rule]}), flush=True)


if __name__ == "__main__":
    main()
