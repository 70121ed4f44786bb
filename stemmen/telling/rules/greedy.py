"""Greedy rules: greedy by score within budget, greedy-no-skip, greedy with thresholds.

Projects are ordered by score (descending), ties by project id (ascending, code-point
order, as pabutools' ``lexico_tie_breaking``).  A project that does not fit is skipped
(``greedy``) or ends the selection (``greedy-no-skip``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from stemmen.telling import outcome as oc
from stemmen.telling.outcome import Explanation
from stemmen.telling.rules.base import Instance


@dataclass(slots=True)
class GreedyResult:
    selected: list[int]
    spent: int
    explanations: dict[int, Explanation]


def greedy_order(inst: Instance, scores: Sequence[int], candidates: Sequence[int]) -> list[int]:
    """Candidates sorted by score descending, then project id ascending."""
    return sorted(candidates, key=lambda p: (-scores[p], inst.ids[p]))


def run_greedy(
    inst: Instance,
    scores: Sequence[int],
    *,
    budget: int | None = None,
    skip: bool = True,
    min_score: int | Fraction | None = None,
    exclude: frozenset[int] = frozenset(),
    selected_code: str = oc.GREEDY_SELECTED,
    not_fit_code: str = oc.GREEDY_DOES_NOT_FIT,
    score_name: str = "votes",
) -> GreedyResult:
    """Greedy selection on ``inst`` (eligible projects not in ``exclude``).

    ``budget`` is in scaled units (defaults to the instance budget).  ``min_score``
    makes projects with a lower score ineligible (greedy-threshold).
    """
    left = inst.budget if budget is None else budget
    candidates = [p for p in range(inst.num_projects) if inst.eligible[p] and p not in exclude]
    order = greedy_order(inst, scores, candidates)
    selected: list[int] = []
    explanations: dict[int, Explanation] = {}
    spent = 0
    stopped_at: int | None = None
    rank = 0
    for p in order:
        score = int(scores[p])
        if min_score is not None and score < min_score:
            explanations[p] = Explanation(
                inst.ids[p],
                False,
                oc.GREEDY_BELOW_THRESHOLD,
                {
                    "score": score,
                    "score_name": score_name,
                    "threshold": min_score,
                    "cost": inst.money(inst.costs[p]),
                },
            )
            continue
        rank += 1
        cost = inst.costs[p]
        base = {
            "rank": rank,
            "score": score,
            "score_name": score_name,
            "cost": inst.money(cost),
            "budget_before": inst.money(left),
        }
        if stopped_at is not None:
            explanations[p] = Explanation(
                inst.ids[p],
                False,
                oc.GREEDY_STOPPED,
                {**base, "stopped_at": inst.ids[stopped_at]},
            )
            continue
        if cost <= left:
            left -= cost
            spent += cost
            selected.append(p)
            explanations[p] = Explanation(
                inst.ids[p], True, selected_code, {**base, "budget_after": inst.money(left)}
            )
        else:
            explanations[p] = Explanation(
                inst.ids[p],
                False,
                not_fit_code,
                {**base, "shortfall": inst.money(cost - left)},
            )
            if not skip:
                stopped_at = p
    return GreedyResult(selected, spent, explanations)


def fill_greedy(
    inst: Instance,
    scores: Sequence[int],
    chosen: Sequence[int],
    budget_left: int,
    *,
    selected_code: str,
    not_fit_code: str,
    score_name: str = "votes",
) -> GreedyResult:
    """Utilitarian greedy completion: add unselected eligible projects by score while
    they fit in ``budget_left`` (used after MES and for leftover budget)."""
    return run_greedy(
        inst,
        scores,
        budget=budget_left,
        skip=True,
        exclude=frozenset(chosen),
        selected_code=selected_code,
        not_fit_code=not_fit_code,
        score_name=score_name,
    )


def threshold_from_share(share: Fraction, num_voters: int) -> Fraction:
    """Minimum score for a share of the voters (e.g. ``Fraction(1, 10)`` = 10%)."""
    return share * num_voters
