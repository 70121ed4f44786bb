"""Brute-force reference for tiny pools: enumerate every feasible panel, then LEXIMIN by
LP over *people* (not types), fixing a person when an LP proves they cannot exceed the
current level. Independent of the engine's column generation and dual certificates."""

from itertools import combinations

import highspy
import numpy as np

from loting.engine import Person, Quota


def feasible_panels(
    people: list[Person], quotas: list[Quota], k: int, household_rule: bool
) -> list[tuple[int, ...]]:
    out = []
    for combo in combinations(range(len(people)), k):
        ok = True
        for q in quotas:
            c = sum(1 for i in combo if people[i].features[q.feature] == q.value)
            if not q.min <= c <= q.max:
                ok = False
                break
        if ok and household_rule:
            hh = [people[i].household or f"\0{people[i].id}" for i in combo]
            ok = len(set(hh)) == len(hh)
        if ok:
            out.append(combo)
    return out


def _lp(panels, n, objective_person, fixed, level):
    """max z (objective_person None) or max pi_i, over distributions on panels."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    m = len(panels)
    h.addVars(m + 1, np.zeros(m + 1), np.array([1.0] * m + [1.0]))
    h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
    inc = [[j for j, p in enumerate(panels) if i in p] for i in range(n)]
    for i in range(n):
        cols = inc[i]
        if i in fixed:
            h.addRow(
                fixed[i] - 1e-9,
                highspy.kHighsInf,
                len(cols),
                np.array(cols, dtype=np.int32),
                np.ones(len(cols)),
            )
        elif objective_person is None:
            idx = np.array([*cols, m], dtype=np.int32)
            h.addRow(0.0, highspy.kHighsInf, len(idx), idx, np.array([1.0] * len(cols) + [-1.0]))
        else:
            h.addRow(
                level - 1e-9,
                highspy.kHighsInf,
                len(cols),
                np.array(cols, dtype=np.int32),
                np.ones(len(cols)),
            )
    cost = np.zeros(m + 1)
    if objective_person is None:
        cost[m] = 1.0
    else:
        cost[inc[objective_person]] = 1.0
    h.changeColsCost(m + 1, np.arange(m + 1, dtype=np.int32), cost)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return h.getInfo().objective_function_value


def brute_force_leximin(people, quotas, k, household_rule=False):
    """Sorted LEXIMIN probabilities, or None if no feasible panel exists."""
    panels = feasible_panels(people, quotas, k, household_rule)
    if not panels:
        return None
    n = len(people)
    fixed: dict[int, float] = {}
    while len(fixed) < n:
        z = _lp(panels, n, None, fixed, 0.0)
        stuck = [i for i in range(n) if i not in fixed and _lp(panels, n, i, fixed, z) <= z + 1e-7]
        if not stuck:  # pragma: no cover - numerical safety
            stuck = [min(i for i in range(n) if i not in fixed)]
        for i in stuck:
            fixed[i] = z
    return sorted(fixed.values())
