"""Public entry points: :func:`tally` (an :class:`Election`) and :func:`tally_arrays`
(plain ids, costs and compact ballots, for the Django layer)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt

from stemmen.telling import outcome as oc
from stemmen.telling.model import (
    Ballots,
    Election,
    Money,
    Project,
    SubBudget,
    VoteType,
    to_money,
)
from stemmen.telling.outcome import Explanation, Outcome
from stemmen.telling.rules.base import BordaVariant, Instance, ScoreKind, project_scores
from stemmen.telling.rules.greedy import fill_greedy, run_greedy
from stemmen.telling.rules.mes import MesResult, Utility, method_of_equal_shares

RuleName = Literal[
    "greedy",
    "greedy-no-skip",
    "greedy-threshold",
    "borda",
    "mes",
    "mes-add1",
    "mes-greedy",
    "mes-add1-greedy",
]
RULES: tuple[str, ...] = get_args(RuleName)


@dataclass(frozen=True, slots=True)
class TallyOptions:
    """Knobs of the rules; the defaults reproduce pabutools / pabulib.

    score:
        what greedy sorts on.  ``None`` = ``points`` for the greedy rules (approvals
        for approval ballots, points for cumulative, ballot-Borda for ordinal: pabulib's
        ``score`` column) and ``borda`` for the Borda rule.  ``votes`` counts ballots
        listing the project (pabutools' greedy with ``Cost_Sat``).
    min_score / min_share:
        greedy-threshold: a project needs ``score >= min_score`` (absolute, pabulib's
        ``min_project_score_threshold``) and/or ``score >= min_share * voters``.
    utility:
        MES utilities: ``cost`` (pabutools ``Cost_Sat``) or ``approval`` (``Cardinality_Sat``).
    use_sub_budgets:
        respect the election's sub-budgets (per category / neighbourhood).
    leftover:
        after the per-group runs, ``greedy`` funds further projects by score with the
        budget that is left (ignoring the group limits), ``none`` does not.
    """

    score: ScoreKind | None = None
    min_score: int | Fraction | None = None
    min_share: Fraction | None = None
    utility: Utility = "cost"
    use_sub_budgets: bool = True
    leftover: Literal["none", "greedy"] = "none"
    borda_variant: BordaVariant = "ballot"
    completion_score: ScoreKind = "votes"


def _score_kind(rule: str, inst: Instance, opts: TallyOptions) -> ScoreKind:
    if opts.score is not None:
        return opts.score
    if rule == "borda":
        return "borda" if inst.vote_type == "ordinal" else "points"
    return "points"


def _score_name(kind: ScoreKind, inst: Instance) -> str:
    if kind == "points" and inst.vote_type == "ordinal":
        return "borda"
    if kind == "points" and inst.vote_type != "cumulative":
        return "votes"
    return kind


@dataclass(slots=True)
class _RunResult:
    selected: list[int]
    spent: int
    explanations: dict[int, Explanation]
    details: dict[str, Any]


def _run_greedy_rule(inst: Instance, rule: str, opts: TallyOptions) -> _RunResult:
    kind = _score_kind(rule, inst, opts)
    scores = project_scores(inst, kind, opts.borda_variant)
    threshold: int | Fraction | None = None
    if rule == "greedy-threshold" or opts.min_score is not None or opts.min_share is not None:
        candidates: list[int | Fraction] = []
        if opts.min_score is not None:
            candidates.append(opts.min_score)
        if opts.min_share is not None:
            candidates.append(opts.min_share * inst.num_voters)
        threshold = max(candidates) if candidates else None
    res = run_greedy(
        inst,
        scores,
        skip=rule != "greedy-no-skip",
        min_score=threshold,
        score_name=_score_name(kind, inst),
    )
    details: dict[str, Any] = {"score": _score_name(kind, inst)}
    if threshold is not None:
        details["threshold"] = threshold
    return _RunResult(res.selected, res.spent, res.explanations, details)


def _mes_explanations(inst: Instance, result: MesResult) -> dict[int, Explanation]:
    run = result.run
    ptr, _ = inst.ballots.supporters(inst.num_projects)
    out: dict[int, Explanation] = {}
    per_voter = run.per_voter
    for r_index, rnd in enumerate(run.rounds, start=1):
        p = rnd.project
        out[p] = Explanation(
            inst.ids[p],
            True,
            oc.MES_SELECTED,
            {
                "round": r_index,
                "rho": rnd.rho,
                "payment": inst.money(rnd.payment),
                "supporters": rnd.supporters,
                "paid_all_left": rnd.paid_all_left,
                "cost": inst.money(inst.costs[p]),
                "voter_budget": inst.money(per_voter),
            },
        )
    chosen = set(run.selected)
    supporters_left = run.supporters_left
    for p in run.selected:
        if p not in out:  # free projects with approval utilities
            out[p] = Explanation(inst.ids[p], True, oc.MES_SELECTED, {"round": 0, "cost": 0})
    for p in range(inst.num_projects):
        if p in chosen or not inst.eligible[p]:
            continue
        k = int(ptr[p + 1] - ptr[p])
        cost = inst.costs[p]
        if k == 0:
            out[p] = Explanation(
                inst.ids[p], False, oc.MES_NO_SUPPORT, {"cost": inst.money(cost), "supporters": 0}
            )
            continue
        if p not in supporters_left:
            out[p] = Explanation(
                inst.ids[p], False, oc.MES_ZERO_UTILITY, {"cost": inst.money(cost), "supporters": k}
            )
            continue
        start_money = per_voter * k
        left = supporters_left[p]
        needed = Fraction(cost, k)  # per-voter budget that would have bought it at the start
        initial_rho: Fraction | None = None
        if needed <= per_voter:
            initial_rho = needed / (cost if cost else 1)
        out[p] = Explanation(
            inst.ids[p],
            False,
            oc.MES_NOT_AFFORDABLE,
            {
                "cost": inst.money(cost),
                "supporters": k,
                "supporters_money_start": inst.money(start_money),
                "supporters_money_left": inst.money(left),
                "shortfall": inst.money(cost - left),
                "affordable_at_start": needed <= per_voter,
                "initial_rho": initial_rho,
                "voter_budget_needed": inst.money(needed),
                "voter_budget": inst.money(per_voter),
                "dropped_in_round": run.dropped_round.get(p),
            },
        )
    return out


def _run_mes_rule(inst: Instance, rule: str, opts: TallyOptions) -> _RunResult:
    add1 = rule in ("mes-add1", "mes-add1-greedy")
    result = method_of_equal_shares(inst, utility=opts.utility, add1=add1)
    run = result.run
    explanations = _mes_explanations(inst, result)
    details: dict[str, Any] = {
        "utility": opts.utility,
        "voter_budget": inst.money(run.per_voter),
        "iterations": result.iterations,
        "mes_selected": [inst.ids[p] for p in run.selected],
    }
    selected = list(run.selected)
    spent = run.spent
    if rule.endswith("-greedy"):
        scores = project_scores(inst, opts.completion_score, opts.borda_variant)
        fill = fill_greedy(
            inst,
            scores,
            selected,
            inst.budget - spent,
            selected_code=oc.COMPLETION_SELECTED,
            not_fit_code=oc.COMPLETION_DOES_NOT_FIT,
            score_name=_score_name(opts.completion_score, inst),
        )
        for p, e in fill.explanations.items():
            if e.selected:
                explanations[p] = e
            else:
                prev = explanations.get(p)
                params = dict(prev.params) if prev else {}
                params["completion"] = e.code
                params["completion_budget_left"] = e.params.get("budget_before")
                explanations[p] = Explanation(
                    inst.ids[p], False, prev.code if prev else e.code, params
                )
        selected += fill.selected
        spent += fill.spent
    return _RunResult(selected, spent, explanations, details)


def _run(inst: Instance, rule: str, opts: TallyOptions) -> _RunResult:
    if rule in ("greedy", "greedy-no-skip", "greedy-threshold", "borda"):
        return _run_greedy_rule(inst, rule, opts)
    if rule in ("mes", "mes-add1", "mes-greedy", "mes-add1-greedy"):
        return _run_mes_rule(inst, rule, opts)
    raise ValueError(f"unknown rule {rule!r}; choose from {', '.join(RULES)}")


def _group_of(project: Project, sub: SubBudget) -> bool:
    if sub.kind == "category":
        return sub.group in project.categories
    return project.neighborhood == sub.group


def _with(e: Explanation, **extra: Any) -> Explanation:
    return replace(e, params={**e.params, **extra})


def tally(election: Election, rule: str, options: TallyOptions | None = None) -> Outcome:
    """Run ``rule`` on ``election`` and explain every project.

    With sub-budgets (and ``options.use_sub_budgets``), the rule runs once per group
    with the group's limit as budget (each project in the first group it belongs to,
    in the order of ``election.sub_budgets``); projects in no limited group run
    afterwards with what is left of the total budget; then, if
    ``options.leftover == "greedy"``, further projects are funded by score with the
    remaining total budget.
    """
    opts = options or TallyOptions()
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; choose from {', '.join(RULES)}")
    inst = Instance.from_election(election)
    explanations: dict[int, Explanation] = {}
    selected: list[int] = []
    spent = 0
    details: dict[str, Any] = {}
    subs = election.sub_budgets if opts.use_sub_budgets else []
    if not subs:
        res = _run(inst, rule, opts)
        selected, spent, explanations, details = (
            res.selected,
            res.spent,
            res.explanations,
            res.details,
        )
    else:
        assigned = np.full(inst.num_projects, -1, dtype=np.int64)
        for gi, sub in enumerate(subs):
            for p, proj in enumerate(election.projects):
                if assigned[p] < 0 and _group_of(proj, sub):
                    assigned[p] = gi
        groups_detail: list[dict[str, Any]] = []
        runs: list[tuple[str | None, npt.NDArray[np.bool_], int | None]] = [
            (sub.group, assigned == gi, int(sub.limit * inst.scale)) for gi, sub in enumerate(subs)
        ]
        runs.append((None, assigned < 0, None))
        for group, mask, limit in runs:
            if not mask.any():
                continue
            left = inst.budget - spent
            budget = left if limit is None else min(limit, left)
            res = _run(inst.restricted(mask, budget), rule, opts)
            selected += res.selected
            spent += res.spent
            for p, e in res.explanations.items():
                explanations[p] = _with(e, group=group, group_budget=inst.money(budget))
            groups_detail.append(
                {
                    "group": group,
                    "budget": inst.money(budget),
                    "spent": inst.money(res.spent),
                    "selected": [inst.ids[p] for p in res.selected],
                    **res.details,
                }
            )
        details["groups"] = groups_detail
        if opts.leftover == "greedy":
            scores = project_scores(inst, _score_kind(rule, inst, opts), opts.borda_variant)
            fill = fill_greedy(
                inst,
                scores,
                selected,
                inst.budget - spent,
                selected_code=oc.LEFTOVER_SELECTED,
                not_fit_code=oc.GREEDY_DOES_NOT_FIT,
            )
            for p, e in fill.explanations.items():
                if e.selected:
                    explanations[p] = e
                elif p in explanations:
                    explanations[p] = _with(
                        explanations[p], leftover_budget=e.params.get("budget_before")
                    )
            selected += fill.selected
            spent += fill.spent
            details["leftover_selected"] = [inst.ids[p] for p in fill.selected]
    for p in range(inst.num_projects):
        if p not in explanations:
            explanations[p] = Explanation(
                inst.ids[p], False, oc.NOT_ELIGIBLE, {"cost": inst.money(inst.costs[p])}
            )
    ordered = {inst.ids[p]: explanations[p] for p in range(inst.num_projects)}
    return Outcome(
        rule=rule,
        selected=[inst.ids[p] for p in selected],
        explanations=ordered,
        budget=election.budget,
        total_cost=inst.money(spent),
        details=details,
    )


def tally_arrays(
    *,
    project_ids: Sequence[str],
    costs: Sequence[Money | str],
    budget: Money | str,
    ballots: Ballots | npt.ArrayLike | Sequence[Sequence[int]],
    rule: str,
    vote_type: VoteType = "approval",
    points: Sequence[Sequence[int]] | None = None,
    categories: Sequence[Sequence[str]] | None = None,
    neighborhoods: Sequence[str | None] | None = None,
    sub_budgets: Sequence[SubBudget] = (),
    options: TallyOptions | None = None,
) -> Outcome:
    """Tally from plain arrays (what the Django layer has).

    ``ballots`` is a :class:`Ballots`, a dense ``voters x projects`` matrix (0/1, or points
    for cumulative) or a list of lists of project positions (ranked order for ordinal;
    with ``points`` aligned for cumulative).  Costs and budget are exact (int, Fraction or
    decimal strings such as ``"1250.50"``; no floats).
    """
    if len(costs) != len(project_ids):
        raise ValueError("one cost per project")
    projects = [
        Project(
            id=str(pid),
            cost=to_money(cost),
            categories=tuple(categories[i]) if categories is not None else (),
            neighborhood=neighborhoods[i] if neighborhoods is not None else None,
        )
        for i, (pid, cost) in enumerate(zip(project_ids, costs, strict=True))
    ]
    if isinstance(ballots, Ballots):
        bal = ballots
    elif isinstance(ballots, np.ndarray) and ballots.ndim == 2:
        bal = Ballots.from_dense(ballots)
    else:
        bal = Ballots.from_lists(ballots, points)  # type: ignore[arg-type]
    election = Election(
        projects=projects,
        ballots=bal,
        budget=to_money(budget),
        vote_type=vote_type,
        sub_budgets=list(sub_budgets),
    )
    return tally(election, rule, options)
