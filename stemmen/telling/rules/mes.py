"""Method of Equal Shares (MES), exact, with the add1 completion.

Semantics follow pabutools 1.2.3 ``method_of_equal_shares`` with additive utilities that
are the same for every supporter of a project: ``cost`` utilities (``Cost_Sat``:
u_i(p) = cost(p) if i lists p) or ``approval`` utilities (``Cardinality_Sat``: 1).

Each voter starts with ``budget / n``.  In every round, for every remaining project p
with supporters S_p the smallest payment t with ``sum_{i in S_p} min(b_i, t) >= c_p`` is
computed; its affordability is ``rho = t / u_p``.  The project with the smallest rho
is funded (ties: smallest project id, as pabutools' lexicographic tie-breaking); each
supporter pays ``min(b_i, t)``.  Projects whose supporters hold less than their cost are
dropped.  The rule stops when nothing is affordable.

add1 (pabutools ``voter_budget_increment=1``): rerun with every voter's starting budget
raised by one currency unit until the outcome is exhaustive (no further MES project
fits in the budget) -> return it, or costs more than the budget -> return the previous
outcome.

Speed with exactness (see :class:`_Budgets`): a supporter of a funded project pays
either the full payment t_r or all it has left (and then holds 0 for good), so a
voter's exact budget is ``start - sum of the t_r it paid``; with every t_r over one
common integer denominator, the money of any set of voters is a few numpy counts plus
O(rounds) integer operations -- no per-voter big numbers.  Candidates are screened in
float64 (lazily, in order of a lower bound on rho, which only grows), with rigorous
bounds on the float error; every decision (dropping an unaffordable project, the
candidate set, the winner, ties, who pays less than t) is settled in exact integers
wherever the float margin does not prove it, so rounding can never change the outcome.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

import numpy as np
import numpy.typing as npt

from stemmen.telling.rules.base import Instance

Utility = Literal["cost", "approval"]


@dataclass(slots=True)
class MesRound:
    """One funded project."""

    project: int
    rho: Fraction
    payment: Fraction  # t: what a supporter with enough money pays (scaled units)
    supporters: int
    paid_all_left: int  # supporters with less than t, who paid all they had left


@dataclass(slots=True)
class MesRun:
    per_voter: Fraction  # starting budget per voter (scaled units)
    selected: list[int]
    rounds: list[MesRound]
    dropped_round: dict[int, int]  # project -> round (1-based) it became unaffordable
    mes_projects: list[int]  # projects MES considered (supported, positive utility)
    spent: int
    final: _Budgets | None = None  # the voters' budgets at the end
    supporters: dict[int, npt.NDArray[np.int64]] = field(default_factory=dict)

    @property
    def supporters_left(self) -> dict[int, Fraction]:
        """Non-selected MES project -> its supporters' money at the end (exact)."""
        if self.final is None:
            return {}
        chosen = set(self.selected)
        b = self.final
        return {
            p: Fraction(b.sum_num(self.supporters[p]), b.L)
            for p in self.mes_projects
            if p not in chosen
        }


@dataclass(slots=True)
class MesResult:
    run: MesRun
    iterations: int = 1
    completion: str = "none"
    history: list[tuple[Fraction, int]] = field(default_factory=list)  # (per_voter, cost)


class _Budgets:
    """Exact voter budgets without per-voter big integers, plus a float64 copy.

    A supporter of a funded project either pays the full payment ``t_r`` of that round
    or, if poorer, everything it has left (and then holds 0 for good).  So the exact
    budget of voter i is ``0`` if it was ever emptied (``zeroed[i]``), else
    ``start - sum(t_r for the rounds r it paid in)`` (``paid[i, r]``).  With all ``t_r``
    and ``start`` as integers over one common denominator ``L`` (``tnum``, ``snum``),
    sums of budgets over a set of voters are a few numpy counts and O(rounds) integer
    operations.

    The float copy ``fb`` is kept by float subtraction of correctly rounded payments, so
    ``|fb[i] - b[i]| <= err`` with ``err = (rounds + 2) * start * 2**-50`` (each round
    adds at most two roundings of size <= start * 2**-53).  Comparisons whose float
    margin exceeds ``err`` are therefore exact; the others are done in integers.
    """

    def __init__(self, n: int, start: Fraction, max_rounds: int) -> None:
        self.L: int = start.denominator
        self.snum: int = start.numerator
        self.tnum: list[int] = []
        self.paid: npt.NDArray[np.bool_] = np.zeros((n, max(max_rounds, 1)), dtype=np.bool_)
        self.zeroed: npt.NDArray[np.bool_] = np.zeros(n, dtype=np.bool_)
        self.fb: npt.NDArray[np.float64] = np.full(n, float(start))
        self.start = float(start)

    @property
    def rounds(self) -> int:
        return len(self.tnum)

    @property
    def err(self) -> float:
        return (self.rounds + 2) * self.start * 2.0**-50

    def sum_num(self, who: npt.NDArray[np.int64]) -> int:
        """Exact money of these voters, as a numerator over ``L``."""
        alive = who[~self.zeroed[who]]
        if len(alive) == 0:
            return 0
        total = len(alive) * self.snum
        r = self.rounds
        if r:
            counts = self.paid[alive, :r].sum(axis=0)
            total -= sum(int(c) * t for c, t in zip(counts.tolist(), self.tnum, strict=True) if c)
        return total

    def each_num(self, who: npt.NDArray[np.int64]) -> list[int]:
        """Exact budgets of (a few) voters, numerators over ``L``."""
        out: list[int] = []
        r = self.rounds
        for i in who.tolist():
            if self.zeroed[i]:
                out.append(0)
                continue
            rows = np.nonzero(self.paid[i, :r])[0].tolist()
            out.append(self.snum - sum(self.tnum[j] for j in rows))
        return out

    def payment(self, cost: int, sup: npt.NDArray[np.int64], t_hint: float) -> tuple[int, int]:
        """Exact smallest t with sum min(b_i, t) >= cost, as ``(T, rem)`` meaning
        ``t = T / (rem * L)``; ``rem`` is the number of supporters paying t in full.
        The float hint guesses who pays less; the guess is then verified exactly."""
        target = cost * self.L
        poor = self.fb[sup] < t_hint
        rem = len(sup) - int(poor.sum())
        if rem > 0:
            big_t = target - self.sum_num(sup[poor])
            if big_t > 0 and self._consistent(sup, poor, big_t, rem):
                return big_t, rem
        # exact fallback: scan the supporters by budget
        ordered = sorted(self.each_num(sup))
        paid = 0
        k = len(ordered)
        for i, b in enumerate(ordered):
            remaining = k - i
            if target - paid <= b * remaining:
                return target - paid, remaining
            paid += b
        raise ValueError("project is not affordable")  # pragma: no cover

    def _consistent(
        self, sup: npt.NDArray[np.int64], poor: npt.NDArray[np.bool_], big_t: int, rem: int
    ) -> bool:
        """Exactly: every 'poor' supporter has b <= t and every other one b >= t."""
        t = big_t / (rem * self.L)
        band = self.err + abs(t) * 2.0**-50
        fb = self.fb[sup]
        if ((fb < t - band) & ~poor).any() or ((fb > t + band) & poor).any():
            return False
        near = np.abs(fb - t) <= band
        if near.any():
            nums = self.each_num(sup[near])
            for x, is_poor in zip(nums, poor[near].tolist(), strict=True):
                if (is_poor and x * rem > big_t) or (not is_poor and x * rem < big_t):
                    return False
        return True

    def pay(self, sup: npt.NDArray[np.int64], big_t: int, rem: int) -> int:
        """Supporters pay min(b_i, t) with t = big_t / (rem * L); returns how many
        paid less than t (all they had left).  Call right after :meth:`payment`."""
        t = Fraction(big_t, rem * self.L)
        t_float = float(t)
        fb = self.fb[sup]
        poor = fb < t_float  # b <= t: pays all it has and is left with 0
        short = poor.copy()  # b < t: paid less than t
        # settle the float-ambiguous ones exactly
        band = self.err + t_float * 2.0**-50
        near = np.nonzero(np.abs(fb - t_float) <= band)[0]
        if len(near):
            nums = self.each_num(sup[near])
            for j, x in zip(near.tolist(), nums, strict=True):
                poor[j] = x * rem <= big_t
                short[j] = x * rem < big_t
        new_l = math.lcm(self.L, t.denominator)
        if new_l != self.L:
            f = new_l // self.L
            self.tnum = [x * f for x in self.tnum]
            self.snum *= f
            self.L = new_l
        r = self.rounds
        self.tnum.append(t.numerator * (self.L // t.denominator))
        rich = sup[~poor]
        self.paid[rich, r] = True
        self.zeroed[sup[poor]] = True
        self.fb[rich] = np.maximum(self.fb[rich] - t_float, 0.0)
        self.fb[sup[poor]] = 0.0
        return int(short.sum())


def _float_payment(cost: int, bs: npt.NDArray[np.float64]) -> float:
    """Smallest t with sum min(b, t) >= cost, in floats (the float estimate that the
    exact computation starts from; the caller has checked affordability)."""
    k = len(bs)
    even = cost / k
    if float(bs.min()) >= even:  # nobody is short: everyone pays cost / k
        return even
    b = np.sort(bs)
    cum = np.cumsum(b)
    excl = cum - b
    tj = (cost - excl) / np.arange(k, 0, -1, dtype=np.float64)
    ok = tj <= b
    j = int(np.argmax(ok))
    return float(tj[j]) if ok[j] else float(b[-1])


def mes_once(
    inst: Instance,
    per_voter: Fraction,
    *,
    utility: Utility = "cost",
) -> MesRun:
    """One run of MES with the given starting budget per voter (scaled units)."""
    n = inst.num_voters
    m = inst.num_projects
    ptr, voters = inst.ballots.supporters(m)
    selected: list[int] = []
    rounds: list[MesRound] = []
    dropped: dict[int, int] = {}
    spent = 0
    mes_projects: list[int] = []
    zero_cost: list[int] = []
    for p in range(m):
        if not inst.eligible[p] or ptr[p + 1] == ptr[p]:
            continue
        if inst.costs[p] == 0:
            if utility == "approval":  # pabutools: free supported projects come first
                zero_cost.append(p)
            continue
        mes_projects.append(p)
    selected.extend(sorted(zero_cost, key=lambda p: inst.ids[p]))
    if n == 0:
        return MesRun(per_voter, selected, rounds, dropped, mes_projects, spent)

    budgets = _Budgets(n, per_voter, len(mes_projects))
    sup = {p: voters[ptr[p] : ptr[p + 1]] for p in mes_projects}
    util = {p: (inst.costs[p] if utility == "cost" else 1) for p in mes_projects}
    active = set(mes_projects)
    lower = dict.fromkeys(mes_projects, 0.0)  # lower bounds on rho; rho only grows
    rnd = 0
    while active:
        rnd += 1
        best_upper = float("inf")  # smallest upper bound on rho seen this round
        evaluated: dict[int, tuple[float, float]] = {}  # p -> (t_float, error bound on t)
        err = budgets.err
        for p in sorted(active, key=lambda q: (lower[q], inst.ids[q])):
            if lower[p] > best_upper:
                break
            cost = inst.costs[p]
            bs = budgets.fb[sup[p]]
            k = len(bs)
            total_f = float(bs.sum())
            # rigorous bound on the float error of the supporters' total
            slack = k * err + (k + 2) * abs(total_f) * 2.0**-52
            if total_f < cost - slack or (
                total_f < cost + slack and budgets.sum_num(sup[p]) < cost * budgets.L
            ):
                active.discard(p)
                dropped[p] = rnd
                continue
            t_f = _float_payment(cost, bs)
            eps = 2.0 * slack + abs(t_f) * 2.0**-40  # bound on |t_f - t| (rem >= 1)
            u = util[p]
            lower[p] = max(lower[p], (t_f - eps) / u)
            evaluated[p] = (t_f, eps)
            best_upper = min(best_upper, (t_f + eps) / u)
        if not evaluated:
            break
        best: tuple[Fraction, str, int, int, int] | None = None
        for p, (t_f, eps) in evaluated.items():
            if (t_f - eps) / util[p] > best_upper:
                continue  # provably worse than another project
            big_t, rem = budgets.payment(inst.costs[p], sup[p], t_f)
            rho = Fraction(big_t, rem * budgets.L * util[p])
            if best is None or (rho, inst.ids[p]) < best[:2]:
                best = (rho, inst.ids[p], p, big_t, rem)
        assert best is not None
        rho, _, q, big_t, rem = best
        t = Fraction(big_t, rem * budgets.L)
        poor = budgets.pay(sup[q], big_t, rem)
        selected.append(q)
        spent += inst.costs[q]
        rounds.append(MesRound(q, rho, t, len(sup[q]), poor))
        active.discard(q)
    return MesRun(per_voter, selected, rounds, dropped, mes_projects, spent, budgets, sup)


def _exhaustive(inst: Instance, run: MesRun) -> bool:
    """pabutools ``is_exhaustive(outcome, available_projects=MES projects)``."""
    chosen = set(run.selected)
    left = inst.budget - run.spent
    return not any(p not in chosen and inst.costs[p] <= left for p in run.mes_projects)


def method_of_equal_shares(
    inst: Instance,
    *,
    utility: Utility = "cost",
    add1: bool = False,
    increment: int | None = None,
    max_iterations: int = 1_000_000,
) -> MesResult:
    """MES on ``inst``; with ``add1`` the per-voter budget grows by ``increment`` scaled
    units (default: one currency unit) as pabutools' ``voter_budget_increment``."""
    n = inst.num_voters
    start = Fraction(inst.budget, n) if n else Fraction(0)
    run = mes_once(inst, start, utility=utility)
    if not add1 or n == 0:
        return MesResult(run, 1, "none", [(start, run.spent)])
    step = inst.scale if increment is None else increment
    history = [(start, run.spent)]
    previous: MesRun | None = None
    per_voter = start
    iterations = 1
    while True:
        if run.spent > inst.budget:
            final = previous if previous is not None else _empty_like(run)
            return MesResult(final, iterations, "add1", history)
        if _exhaustive(inst, run) or iterations >= max_iterations:
            return MesResult(run, iterations, "add1", history)
        previous = run
        per_voter += step
        run = mes_once(inst, per_voter, utility=utility)
        iterations += 1
        history.append((per_voter, run.spent))


def _empty_like(run: MesRun) -> MesRun:
    return MesRun(run.per_voter, [], [], {}, run.mes_projects, 0)
