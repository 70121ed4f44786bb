"""Slow, obviously-correct reference implementations (pure Fractions, per voter) used
by the property tests.  They follow pabutools 1.2.3 step by step."""

from __future__ import annotations

from fractions import Fraction


def ref_greedy(
    ids: list[str], costs: list[int], scores: list[int], budget: int, *, skip: bool = True
) -> list[str]:
    order = sorted(range(len(ids)), key=lambda p: (-scores[p], ids[p]))
    left = budget
    out: list[str] = []
    for p in order:
        if costs[p] <= left:
            out.append(ids[p])
            left -= costs[p]
        elif not skip:
            break
    return out


def ref_mes(
    ids: list[str],
    costs: list[int],
    ballots: list[list[int]],
    budget: int,
    *,
    per_voter: Fraction | None = None,
    utility: str = "cost",
) -> list[str]:
    """pabutools' mes_inner_algo, one voter at a time (approval sets, cost/approval utility)."""
    n = len(ballots)
    if n == 0:
        return []
    b = [per_voter if per_voter is not None else Fraction(budget, n)] * n
    supporters = {p: [i for i in range(n) if p in ballots[i]] for p in range(len(ids))}
    active = {p for p in supporters if supporters[p] and costs[p] > 0}
    out: list[str] = []
    while True:
        best: tuple[Fraction, str] | None = None
        best_p = -1
        for p in sorted(active):
            sup = sorted(supporters[p], key=lambda i: b[i])
            if sum(b[i] for i in sup) < costs[p]:
                active.discard(p)
                continue
            u = costs[p] if utility == "cost" else 1
            paid = Fraction(0)
            denom = len(sup) * u
            for i in sup:
                rho = (costs[p] - paid) / denom
                if rho * u <= b[i]:
                    break
                paid += b[i]
                denom -= u
            if best is None or (rho, ids[p]) < best:
                best = (rho, ids[p])
                best_p = p
        if best is None:
            return out
        rho = best[0]
        u = costs[best_p] if utility == "cost" else 1
        for i in supporters[best_p]:
            b[i] -= min(b[i], rho * u)
        out.append(ids[best_p])
        active.discard(best_p)


def ref_mes_add1(
    ids: list[str], costs: list[int], ballots: list[list[int]], budget: int
) -> list[str]:
    n = len(ballots)
    if n == 0:
        return []
    per_voter = Fraction(budget, n)
    mes_projects = [p for p in range(len(ids)) if costs[p] > 0 and any(p in b for b in ballots)]
    previous: list[str] = []
    by_id = {ids[p]: p for p in range(len(ids))}
    while True:
        out = ref_mes(ids, costs, ballots, budget, per_voter=per_voter)
        spent = sum(costs[by_id[x]] for x in out)
        if spent > budget:
            return previous
        chosen = {by_id[x] for x in out}
        if not any(p not in chosen and costs[p] <= budget - spent for p in mes_projects):
            return out
        previous = out
        per_voter += 1
