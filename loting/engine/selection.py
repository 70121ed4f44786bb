"""Quota selection: LEXIMIN / maximin distributions over panels, solved with HiGHS.

People with identical feature values are interchangeable, so the optimisation runs over
*types* (classes of interchangeable people) and panels are *compositions*: a count per
type. With the household rule on, every member of a household with more than one member
in the pool is its own type and a household row ``sum(members) <= 1`` joins the pricing
problem, which keeps the formulation exact (people in single-person households with the
same features remain interchangeable).

Two exact routes to the same LEXIMIN (Flanigan et al., Nature 596, 2021):

1. *Relaxation first.* Every distribution over feasible panels meets the quotas, the
   panel size and the household rule in expectation, so the LEXIMIN over those linear
   constraints on the type probabilities (a compact LP, ``relaxed_leximin``) is at least
   as good as any distribution's. When column generation finds a distribution over
   panels whose type probabilities reach it (``reach``), that distribution is the
   LEXIMIN. On realistic quota sets this is the usual case and needs one column
   generation instead of one per level.
2. *Level by level* (``leximin``, used when the relaxed target is out of reach): per
   level, column generation on the master LP over panels ``max z  s.t.  sum_p x_p
   c_pt/n_t >= z`` (``>= f_t`` for fixed types), ``sum_p x_p = 1``; its row duals ``y``
   are the dual LP ``min mu - sum_fixed f_t y_t  s.t.  sum_t y_t c_t/n_t <= mu`` for
   every panel ``c``, ``sum_unfixed y_t = 1``, ``y >= 0``. Types with a positive weight
   in the verified dual are fixed at the level's value; repeat until all are fixed.

In both, the pricing problem (a small ILP over type counts) is answered by its LP
relaxation when that is conclusive, a local-search heuristic supplies many columns per
round, and only the exact pricing decides convergence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import highspy
import numpy as np

from .errors import InfeasibleQuotasError, InputError, LotingError, QuotaRelaxation
from .rng import SeedStream, seed_commitment

ALGORITHMS = ("leximin", "maximin")
#: Pricing value may exceed the dual cap by at most this before a column is added.
CONVERGENCE_TOL = 1e-9
#: Dual weights above this fix a type at the current level.
FIX_TOL = 1e-6
#: Panel probabilities are rounded to multiples of 1/WEIGHT_UNITS before sampling.
WEIGHT_UNITS = 1_000_000
_INF = highspy.kHighsInf
#: Extra columns (one-swap neighbours of the priced panel) added per pricing round.
NEIGHBOURS = 5
#: Known panels used as starting points of the local-search pricing heuristic.
LOCAL_STARTS = 20
#: Local search is switched off when it needs more swap steps than this per column.
LS_STEPS_PER_COLUMN = 15
#: Maximum steepest-ascent swaps per local-search start.
ASCENT_STEPS = 40
#: The relaxed LEXIMIN is accepted when a distribution reaches it within this.
REACH_TOL = 1e-9
#: A quota (type) whose expected count (probability) is this close to a bound is tight.
FACE_TOL = 1e-9


@dataclass(frozen=True)
class Quota:
    """Min/max number of panel members with ``feature == value`` (flex bounds optional)."""

    feature: str
    value: str
    min: int
    max: int
    min_flex: int | None = None
    max_flex: int | None = None


@dataclass(frozen=True)
class Person:
    """A pool member: pseudonymous ``id``, feature values, optional household key."""

    id: str
    features: Mapping[str, str] = field(hash=False)
    household: str | None = None


@dataclass(frozen=True)
class SelectionProblem:
    people: tuple[Person, ...]
    quotas: tuple[Quota, ...]
    panel_size: int
    household_rule: bool = False

    @staticmethod
    def build(
        people: Iterable[Person],
        quotas: Iterable[Quota],
        panel_size: int,
        household_rule: bool = False,
    ) -> SelectionProblem:
        return SelectionProblem(tuple(people), tuple(quotas), int(panel_size), bool(household_rule))


@dataclass(frozen=True)
class PersonType:
    """A class of interchangeable people."""

    key: str
    values: tuple[str, ...]
    members: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class PanelComposition:
    """A feasible panel as a count per type (indices into ``Distribution.types``)."""

    counts: tuple[int, ...]
    probability: float


@dataclass(frozen=True)
class Distribution:
    algorithm: str
    panel_size: int
    features: tuple[str, ...]
    types: tuple[PersonType, ...]
    panels: tuple[PanelComposition, ...]
    type_probabilities: tuple[float, ...]

    def person_probabilities(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for t, prob in zip(self.types, self.type_probabilities, strict=True):
            for pid in t.members:
                out[pid] = prob
        return dict(sorted(out.items()))

    @property
    def min_probability(self) -> float:
        return min(self.type_probabilities)

    def rounded_weights(self) -> list[int]:
        """Panel probabilities as integers summing to WEIGHT_UNITS (largest remainder)."""
        return largest_remainder([p.probability for p in self.panels], WEIGHT_UNITS)

    def panels_json(self) -> list[dict[str, Any]]:
        return [
            {
                "probability": p.probability,
                "counts": {self.types[i].key: c for i, c in enumerate(p.counts) if c},
            }
            for p in self.panels
        ]


@dataclass(frozen=True)
class SelectionResult:
    distribution: Distribution
    panel: tuple[str, ...]
    panel_index: int
    seed: str
    seed_commitment: str

    @property
    def algorithm(self) -> str:
        return self.distribution.algorithm

    @property
    def probabilities(self) -> dict[str, float]:
        return self.distribution.person_probabilities()


def largest_remainder(shares: Sequence[float], total: int) -> list[int]:
    """Round non-negative ``shares`` (summing to ~1) to integers summing to ``total``.

    Floors of ``share * total``; the remaining units go to the largest fractional parts,
    ties to the lower index.
    """
    s = sum(shares)
    scaled = [x / s * total for x in shares]
    floors = [int(np.floor(x)) for x in scaled]
    rest = total - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in order[:rest]:
        floors[i] += 1
    return floors


# ----------------------------------------------------------------------------- compile


@dataclass
class _Compiled:
    features: tuple[str, ...]
    types: tuple[PersonType, ...]
    quotas: tuple[Quota, ...]
    quota_types: list[list[int]]
    households: list[list[int]]
    k: int

    @property
    def sizes(self) -> np.ndarray:
        return np.array([t.size for t in self.types], dtype=float)


def compile_problem(problem: SelectionProblem) -> _Compiled:
    """Validate and canonicalise: sorted features, values, people and types."""
    k = problem.panel_size
    if k < 1:
        raise InputError("The panel size must be at least 1.", code="bad_panel_size", panel_size=k)
    if k > len(problem.people):
        raise InputError(
            f"The panel size {k} is larger than the pool ({len(problem.people)} people).",
            code="panel_larger_than_pool",
            panel_size=k,
            pool_size=len(problem.people),
        )
    values: dict[str, set[str]] = {}
    seen_q: set[tuple[str, str]] = set()
    for q in problem.quotas:
        if (q.feature, q.value) in seen_q:
            raise InputError(
                f"Duplicate quota for {q.feature}={q.value}.",
                code="duplicate_quota",
                feature=q.feature,
                value=q.value,
            )
        seen_q.add((q.feature, q.value))
        if q.min < 0 or q.min > q.max:
            raise InputError(
                f"Quota {q.feature}={q.value}: min {q.min} must be between 0 and max {q.max}.",
                code="bad_quota_bounds",
                feature=q.feature,
                value=q.value,
                min=q.min,
                max=q.max,
            )
        values.setdefault(q.feature, set()).add(q.value)
    if not values:
        raise InputError("No quotas given.", code="no_quotas")
    features = tuple(sorted(values))
    ids: set[str] = set()
    groups: dict[tuple[str, ...], list[str]] = {}
    household_of: dict[str, str] = {}
    for person in problem.people:
        if person.id in ids:
            raise InputError(
                f"Duplicate person id {person.id!r}.", code="duplicate_id", id=person.id
            )
        ids.add(person.id)
        vals: list[str] = []
        for f in features:
            v = person.features.get(f)
            if v is None or v not in values[f]:
                raise InputError(
                    f"Person {person.id!r} has value {v!r} for {f!r}, which has no quota.",
                    code="unknown_feature_value",
                    id=person.id,
                    feature=f,
                    value=v,
                )
            vals.append(v)
        groups.setdefault(tuple(vals), []).append(person.id)
        household_of[person.id] = (
            person.household if person.household is not None else "\x00" + person.id
        )
    multi: set[str] = set()
    if problem.household_rule:
        counts: dict[str, int] = {}
        for h in household_of.values():
            counts[h] = counts.get(h, 0) + 1
        multi = {h for h, c in counts.items() if c > 1}

    def tkey(vals: tuple[str, ...]) -> str:
        return "|".join(f"{f}={v}" for f, v in zip(features, vals, strict=True))

    raw: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = []
    for gvals, members in groups.items():
        shared = sorted(m for m in members if household_of[m] not in multi)
        if shared:
            raw.append((gvals, "", tuple(shared)))
        for m in sorted(m for m in members if household_of[m] in multi):
            raw.append((gvals, m, (m,)))
    raw.sort()
    types = tuple(
        PersonType(key=tkey(vals) + (f"#{single}" if single else ""), values=vals, members=members)
        for vals, single, members in raw
    )
    quotas = tuple(sorted(problem.quotas, key=lambda q: (q.feature, q.value)))
    fidx = {f: i for i, f in enumerate(features)}
    quota_types = [
        [i for i, t in enumerate(types) if t.values[fidx[q.feature]] == q.value] for q in quotas
    ]
    hh_types: dict[str, list[int]] = {}
    for i, t in enumerate(types):
        if t.size == 1 and household_of[t.members[0]] in multi:
            hh_types.setdefault(household_of[t.members[0]], []).append(i)
    households = [hh_types[h] for h in sorted(hh_types)]
    return _Compiled(features, types, quotas, quota_types, households, k)


# ----------------------------------------------------------------------------- HiGHS


def _new_highs() -> highspy.Highs:
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    return h


def _ones(n: int) -> np.ndarray:
    return np.ones(n, dtype=float)


class _Pricer:
    """ILP over type counts: maximise ``sum_t w_t c_t`` over feasible compositions.

    ``solve`` runs the ILP. ``solve_above`` first solves the LP relaxation (a separate,
    warm-started HiGHS model whose costs are the only thing that changes): when its
    optimum is at most the threshold no panel can exceed it, and when its optimal vertex
    is integral that vertex is an optimal panel. Only otherwise does it run the ILP.
    Both shortcuts are exact, so the result is the same as with the ILP alone.
    """

    def __init__(self, comp: _Compiled) -> None:
        self.comp = comp
        t_count = len(comp.types)
        self.idx = np.arange(t_count, dtype=np.int32)
        self.h = self._model(integer=True)
        self.lp = self._model(integer=False)
        self.lp.setOptionValue("presolve", "off")
        self.ilp_calls = 0
        self.lp_calls = 0
        #: Optimal value of the last LP relaxation (an upper bound on every panel's value).
        self.last_bound: float | None = None

    def _model(self, integer: bool) -> highspy.Highs:
        comp = self.comp
        t_count = len(comp.types)
        h = _new_highs()
        h.setOptionValue("mip_rel_gap", 1e-10)
        h.setOptionValue("mip_abs_gap", 1e-12)
        if integer:
            # Small ILPs: presolve and the feasibility-jump heuristic cost more than
            # they save (measured); neither changes what is optimal.
            h.setOptionValue("presolve", "off")
            h.setOptionValue("mip_heuristic_run_feasibility_jump", False)
        h.addVars(t_count, np.zeros(t_count), comp.sizes)
        idx = self.idx
        if integer:
            h.changeColsIntegrality(
                t_count, idx, np.array([highspy.HighsVarType.kInteger] * t_count)
            )
        h.addRow(comp.k, comp.k, t_count, idx, _ones(t_count))
        for q, ts in zip(comp.quotas, comp.quota_types, strict=True):
            h.addRow(q.min, q.max, len(ts), np.array(ts, dtype=np.int32), _ones(len(ts)))
        for hh in comp.households:
            h.addRow(0.0, 1.0, len(hh), np.array(hh, dtype=np.int32), _ones(len(hh)))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        return h

    def set_bounds(
        self, lo: np.ndarray, hi: np.ndarray, type_lo: np.ndarray, type_hi: np.ndarray
    ) -> None:
        """Quota bounds (per quota) and count bounds (per type) of both models."""
        n_q = len(lo)
        rows = np.arange(1, n_q + 1, dtype=np.int32)
        for h in (self.h, self.lp):
            h.changeRowsBounds(n_q, rows, lo.astype(float), hi.astype(float))  # type: ignore[attr-defined]
            h.changeColsBounds(len(type_lo), self.idx, type_lo.astype(float), type_hi.astype(float))

    def solve(self, weights: np.ndarray) -> tuple[int, ...] | None:
        self.ilp_calls += 1
        self.h.changeColsCost(len(weights), self.idx, np.asarray(weights, dtype=float))
        self.h.run()
        status = self.h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            if status == highspy.HighsModelStatus.kInfeasible:
                return None
            raise LotingError(
                f"HiGHS pricing problem ended with status {status}.", code="solver_error"
            )
        values = self.h.getSolution().col_value
        return tuple(round(v) for v in values)

    def lp_price(
        self, weights: np.ndarray, threshold: float
    ) -> tuple[bool, tuple[int, ...] | None]:
        """LP relaxation of the pricing problem: ``(False, None)`` when no panel's value can
        exceed ``threshold``; otherwise ``(True, panel)`` with an optimal panel when the
        optimal vertex is integral, ``(True, None)`` when it is not (or HiGHS failed)."""
        self.lp_calls += 1
        w = np.asarray(weights, dtype=float)
        self.lp.changeColsCost(len(w), self.idx, w)
        self.lp.run()
        self.last_bound = None
        if self.lp.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            self.lp.clearSolver()
            return True, None
        x = np.array(self.lp.getSolution().col_value)
        self.last_bound = float(self.lp.getInfo().objective_function_value)
        if self.last_bound <= threshold:
            return False, None
        r = np.round(x)
        if np.all(np.abs(x - r) <= 1e-9):
            return True, tuple(int(v) for v in r.tolist())
        return True, None

    def solve_above(self, weights: np.ndarray, threshold: float) -> tuple[int, ...] | None:
        """An optimal panel for ``weights``, or None when no panel's value can exceed
        ``threshold`` (certified by the LP relaxation). Needs a feasible instance."""
        above, counts = self.lp_price(weights, threshold)
        if not above:
            return None
        return counts if counts is not None else self.solve(weights)


def _relaxations(comp: _Compiled) -> list[QuotaRelaxation]:
    """Smallest total slack (ILP) on min/max bounds and, failing that, the panel size."""
    for use_flex in (True, False):
        result = _slack_ilp(comp, use_flex)
        if result is not None:
            return result
    return []  # pragma: no cover - the ILP with free panel-size slack is always feasible


def _slack_ilp(comp: _Compiled, use_flex: bool) -> list[QuotaRelaxation] | None:
    t_count = len(comp.types)
    nq = len(comp.quotas)
    h = _new_highs()
    lb = [0.0] * t_count
    ub = list(comp.sizes)
    cost = [0.0] * t_count
    for q in comp.quotas:  # s_lo
        floor = q.min_flex if (use_flex and q.min_flex is not None and q.min_flex <= q.min) else 0
        lb.append(0.0)
        ub.append(float(q.min - floor))
        cost.append(1.0)
    for q in comp.quotas:  # s_hi
        cap = (
            q.max_flex if (use_flex and q.max_flex is not None and q.max_flex >= q.max) else comp.k
        )
        lb.append(0.0)
        ub.append(float(max(cap - q.max, 0)))
        cost.append(1.0)
    lb.append(0.0)  # panel-size slack, expensive
    ub.append(float(comp.k))
    cost.append(1000.0)
    n = len(lb)
    h.addVars(n, np.array(lb), np.array(ub))
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(cost))
    h.addRow(
        comp.k,
        comp.k,
        t_count + 1,
        np.array([*range(t_count), n - 1], dtype=np.int32),
        _ones(t_count + 1),
    )
    for qi, (q, ts) in enumerate(zip(comp.quotas, comp.quota_types, strict=True)):
        cols = np.array([*ts, t_count + qi], dtype=np.int32)
        h.addRow(q.min, _INF, len(cols), cols, _ones(len(cols)))
        cols = np.array([*ts, t_count + nq + qi], dtype=np.int32)
        vals = np.array([1.0] * len(ts) + [-1.0])
        h.addRow(-_INF, q.max, len(cols), cols, vals)
    for hh in comp.households:
        h.addRow(0.0, 1.0, len(hh), np.array(hh, dtype=np.int32), _ones(len(hh)))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    x = [round(v) for v in h.getSolution().col_value]
    out: list[QuotaRelaxation] = []
    for qi, q in enumerate(comp.quotas):
        if x[t_count + qi] > 0:
            out.append(QuotaRelaxation(q.feature, q.value, "min", q.min, q.min - x[t_count + qi]))
        if x[t_count + nq + qi] > 0:
            out.append(
                QuotaRelaxation(q.feature, q.value, "max", q.max, q.max + x[t_count + nq + qi])
            )
    if x[n - 1] > 0:
        out.append(QuotaRelaxation("", "", "panel_size", comp.k, comp.k - x[n - 1]))
    return out


def _add_panel_columns(
    h: highspy.Highs, new: np.ndarray, row_of: np.ndarray, conv: int, sizes: np.ndarray
) -> None:
    """Add panels (rows of ``new``, counts per type) as master columns: ``c_t/n_t`` in the
    row ``row_of[t]`` of every type in the panel, and 1 in the convexity row ``conv``."""
    if not len(new):
        return
    rr, cc = np.nonzero(new)  # row-major: grouped by panel
    n_new = len(new)
    ends = np.searchsorted(rr, np.arange(1, n_new + 1))
    idx = np.insert(row_of[cc], ends, conv)
    vals = np.insert(new[rr, cc] / sizes[cc], ends, 1.0)
    starts = np.searchsorted(rr, np.arange(n_new)) + np.arange(n_new)
    h.addCols(
        n_new,
        np.zeros(n_new),
        np.zeros(n_new),
        np.full(n_new, _INF),
        len(idx),
        starts.astype(np.int32),
        idx.astype(np.int32),
        vals,
    )


# ----------------------------------------------------------------------------- solver


class _Solver:
    def __init__(self, comp: _Compiled) -> None:
        self.comp = comp
        self.sizes = comp.sizes
        self.pricer = _Pricer(comp)
        self.panels: list[tuple[int, ...]] = []
        self._mat = np.zeros((0, len(comp.types)))
        self.ls_enabled = True
        self.ls_steps = 0
        self.ls_found = 0
        t_count = len(comp.types)
        self.amat = np.zeros((len(comp.quotas), t_count), dtype=np.int64)
        for qi, ts in enumerate(comp.quota_types):
            self.amat[qi, ts] = 1
        self.lo = np.array([q.min for q in comp.quotas], dtype=np.int64)
        self.hi = np.array([q.max for q in comp.quotas], dtype=np.int64)
        qindex = {(q.feature, q.value): qi for qi, q in enumerate(comp.quotas)}
        self.vcode = np.array(
            [
                [qindex[(f, v)] for f, v in zip(comp.features, t.values, strict=True)]
                for t in comp.types
            ],
            dtype=np.int64,
        ).reshape(t_count, len(comp.features))
        n_feat = self.vcode.shape[1]
        self.diffmask: np.ndarray | None = None
        self.fbits = (1 << np.arange(min(n_feat, 62), dtype=np.int64)).astype(np.int64)
        if n_feat <= 62 and t_count <= 2000:
            diff = np.zeros((t_count, t_count), dtype=np.int64)
            for f in range(n_feat):
                col = self.vcode[:, f]
                diff |= (col[:, None] != col[None, :]).astype(np.int64) << f
            self.diffmask = diff
        # The same masks in the smallest unsigned integer type, and A transposed.
        self.diffbits: np.ndarray | None = None
        if self.diffmask is not None:
            bit_type = next(
                d for d in (np.uint8, np.uint16, np.uint32, np.uint64) if np.iinfo(d).bits >= n_feat
            )
            self.diffbits = self.diffmask.astype(bit_type)
        self.amat_t = np.ascontiguousarray(self.amat.T)
        self.amat_tf = self.amat_t.astype(float)
        # bitmat[q, t] = 2**f when type t has the value of quota q for feature f: a
        # boolean row over quotas times bitmat gives per-type feature bitmasks (exact in
        # floating point up to 52 features).
        self.bitmat: np.ndarray | None = None
        if self.diffbits is not None and n_feat <= 52:
            bitmat = np.zeros((len(comp.quotas), t_count))
            for f in range(n_feat):
                bitmat[self.vcode[:, f], np.arange(t_count)] = float(1 << f)
            self.bitmat = bitmat
        self.hh_of = np.full(t_count, -1, dtype=np.int64)
        for hi_, ts in enumerate(comp.households):
            self.hh_of[ts] = hi_
        self.panel_set: set[tuple[int, ...]] = set()
        self._uncoverable: list[int] | None = None

    def _swaps(
        self, c: np.ndarray, weights: np.ndarray, threshold: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Feasible swaps (one member of type ``outs[i]`` out, one of type ``j`` in) whose
        panel value exceeds ``threshold``: returns (out types, in types, gains)."""
        outs, ok, gain = self._swap_mask(c, weights, threshold)
        oi, ti = np.nonzero(ok)
        return outs[oi], ti, gain[oi, ti]

    def _swap_mask(
        self, c: np.ndarray, weights: np.ndarray, threshold: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(out types, feasibility mask |outs| x T, gains |outs| x T) of the swaps above."""
        outs = np.flatnonzero(c > 0)
        value = float(np.dot(weights, c))
        gain = weights[None, :] - weights[outs][:, None]  # |outs| x T
        ok = (value + gain > threshold) & (c < self.sizes)[None, :]
        ok[np.arange(len(outs)), outs] = False
        if ok.any():
            qcount = self.amat @ c
            can_dec = qcount > self.lo
            can_inc = qcount < self.hi
            if self.diffmask is not None:
                # Bit f set: feature f differs / may lose a member / may gain a member.
                out_ok = can_dec[self.vcode[outs]] @ self.fbits
                in_ok = can_inc[self.vcode] @ self.fbits
                ok &= (self.diffmask[outs] & ~(out_ok[:, None] & in_ok[None, :])) == 0
            else:
                for f in range(self.vcode.shape[1]):
                    vo = self.vcode[outs, f]
                    vi = self.vcode[:, f]
                    ok &= (vo[:, None] == vi[None, :]) | (
                        can_dec[vo][:, None] & can_inc[vi][None, :]
                    )
            if len(self.comp.households):
                occupied = np.zeros(len(self.comp.households) + 1, dtype=bool)
                hh_in_panel = self.hh_of[c > 0]
                occupied[hh_in_panel[hh_in_panel >= 0]] = True
                hi_ = self.hh_of
                ho = self.hh_of[outs]
                ok &= (hi_[None, :] < 0) | ~occupied[hi_][None, :] | (hi_[None, :] == ho[:, None])
        return outs, ok, gain

    def neighbours(
        self, counts: tuple[int, ...], weights: np.ndarray, threshold: float, limit: int
    ) -> list[tuple[int, ...]]:
        """Feasible one-swap neighbours of ``counts`` with value above ``threshold``, best first.

        A cheap way to add several violated dual constraints per (expensive) pricing ILP;
        exactness still rests on the ILP, which has the last word on convergence.
        """
        c = np.array(counts)
        o, t, g = self._swaps(c, weights, threshold)
        out = []
        for j in np.lexsort((t, o, -g))[:limit]:
            n = c.copy()
            n[o[j]] -= 1
            n[t[j]] += 1
            out.append(tuple(n.tolist()))
        return out

    def _ascend_batch(
        self, starts: np.ndarray, weights: np.ndarray, threshold: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """Steepest ascent from every row of ``starts`` (panels x types), all at once.

        Each step takes, per panel, the feasible swap (one member of type ``o`` out, one
        of type ``i`` in) with the largest gain ``w_i - w_o > 0``, ties to the smallest
        ``(o, i)``, until no swap improves the panel (at most ASCENT_STEPS swaps). Returns
        the local optima and, per local optimum, its best one-swap neighbour whose value
        exceeds ``threshold`` (same tie rule; a row of -1 when there is none).

        The in-types are scanned in order of decreasing weight (ties by index), so the
        best in-type for an out-type is the first feasible one: the feasibility masks
        are small integers and booleans, and only one gain per out-type is computed.
        (A type never improves on itself, and every type that would comes before it in
        that order, so the ascent needs no exclusion of self-swaps; the neighbours do.)
        """
        t_count = len(self.comp.types)
        c_all = np.array(starts, dtype=np.int64).reshape(-1, t_count)
        n_b = len(c_all)
        nbr = np.full((n_b, t_count), -1, dtype=np.int64)
        perm = np.lexsort((np.arange(t_count), -weights))  # in-types, best first
        rank = np.empty(t_count, dtype=np.int64)
        rank[perm] = np.arange(t_count)
        w_p = weights[perm]
        sizes_p = self.sizes[perm]
        vcode_p = self.vcode[perm]
        diff_p = self.diffbits[:, perm] if self.diffbits is not None else None
        bits_p = self.bitmat[:, perm] if self.bitmat is not None else None
        hh_p = self.hh_of[perm]
        n_hh = len(self.comp.households)
        n_feat = self.vcode.shape[1]
        active = np.arange(n_b)
        for step in range(ASCENT_STEPS + 1):
            if not len(active):
                break
            last = step == ASCENT_STEPS  # no more swaps: only the neighbours
            c = c_all[active]
            n_a = len(active)
            if not last:
                self.ls_steps += n_a
            # The types in each panel, in increasing order; padding repeats the last one.
            rows, cols = np.nonzero(c)
            per = np.bincount(rows, minlength=n_a)
            width = int(per.max())
            pos = np.arange(len(rows)) - np.repeat(np.cumsum(per) - per, per)
            outs = np.repeat(cols[np.cumsum(per) - 1], width).reshape(n_a, width)
            outs[rows, pos] = cols
            qcount = c.astype(float) @ self.amat_tf
            can_dec = qcount > self.lo
            can_inc = qcount < self.hi
            room = c[:, perm] < sizes_p
            if diff_p is not None and bits_p is not None:
                dt = diff_p.dtype
                # Bit f: the out-type's value of feature f may lose a member / the
                # in-type's value may gain one (sums of distinct powers of two).
                out_bits = (can_dec @ self.bitmat).astype(dt)
                in_bits = (can_inc @ bits_p).astype(dt)
                ob = np.take_along_axis(out_bits, outs, 1)
                ok = (diff_p[outs] & ~(ob[:, :, None] & in_bits[:, None, :])) == 0
                ok &= room[:, None, :]
            else:
                ok = np.repeat(room[:, None, :], width, axis=1)
                for f in range(n_feat):
                    vo = self.vcode[outs, f]
                    dec = np.take_along_axis(can_dec, vo, 1)
                    ok &= (vo[:, :, None] == vcode_p[None, None, :, f]) | (
                        dec[:, :, None] & can_inc[:, vcode_p[:, f]][:, None, :]
                    )
            if n_hh:
                occupied = np.zeros((n_a, n_hh + 1), dtype=bool)
                hh_o = self.hh_of[outs]
                occupied[np.repeat(np.arange(n_a), width), hh_o.ravel()] = True
                occupied[:, -1] = False  # index -1: not in a multi-person household
                ok &= (
                    ~occupied[:, hh_p][:, None, :] | (hh_p[None, None, :] == hh_o[:, :, None])
                ) | (hh_p < 0)[None, None, :]
            first = ok.argmax(axis=2)  # best feasible in-type per out-type (perm index)
            gain = np.where(
                np.take_along_axis(ok, first[:, :, None], 2)[:, :, 0],
                w_p[first] - weights[outs],
                -np.inf,
            )
            j = gain.argmax(axis=1)  # first maximum: the smallest out-type
            up = (gain[np.arange(n_a), j] > 1e-12) & (not last)
            done = np.flatnonzero(~up)
            if len(done):
                # Best neighbour above the threshold: the same scan without self-swaps.
                okd = ok[done]
                okd[
                    np.repeat(np.arange(len(done)), width),
                    np.tile(np.arange(width), len(done)),
                    rank[outs[done]].ravel(),
                ] = False
                fd = okd.argmax(axis=2)
                gd = np.where(
                    np.take_along_axis(okd, fd[:, :, None], 2)[:, :, 0],
                    w_p[fd] - weights[outs[done]],
                    -np.inf,
                )
                jd = gd.argmax(axis=1)
                value = c[done] @ weights
                above = value + gd[np.arange(len(done)), jd] > threshold
                for i in np.flatnonzero(above).tolist():
                    d = int(done[i])
                    n = c[d].copy()
                    n[outs[d, jd[i]]] -= 1
                    n[perm[fd[i, jd[i]]]] += 1
                    nbr[active[d]] = n
            move = np.flatnonzero(up)
            if not len(move):
                break
            b_idx = active[move]
            c_all[b_idx, outs[move, j[move]]] -= 1
            c_all[b_idx, perm[first[move, j[move]]]] += 1
            active = b_idx
        return c_all, nbr

    def matrix(self) -> np.ndarray:
        """The known panels as a float matrix (panels x types), cached."""
        if self._mat.shape[0] != len(self.panels):
            new = np.array(self.panels[self._mat.shape[0] :], dtype=float).reshape(
                -1, len(self.comp.types)
            )
            self._mat = np.vstack([self._mat, new])
        return self._mat

    def add_panel(self, counts: tuple[int, ...]) -> bool:
        if counts in self.panel_set:
            return False
        self.panel_set.add(counts)
        self.panels.append(counts)
        return True

    def initial_panels(self) -> list[int]:
        """Cover every type that can be in some feasible panel; return the uncoverable.

        Local search from known panels first; the ILP decides when it finds nothing new.
        """
        if self._uncoverable is not None:
            return self._uncoverable
        t_count = len(self.comp.types)
        covered = np.zeros(t_count, dtype=bool)
        counts = self.pricer.solve(1.0 / self.sizes)
        if counts is None:
            raise InfeasibleQuotasError(_relaxations(self.comp), self.comp.k)
        self.add_panel(counts)
        covered |= np.array(counts) > 0
        while not covered.all():
            weights = np.where(covered, 0.0, 1.0 / self.sizes)
            vals = self.matrix() @ weights
            start = self.matrix()[int(np.argmax(vals))]
            cand = tuple(self._ascend_batch(start, weights, _INF)[0][0].tolist())
            if not (np.array(cand)[~covered] > 0).any():
                ilp = self.pricer.solve(weights)
                assert ilp is not None
                cand = ilp
            c = np.array(cand)
            if not ((c > 0) & ~covered).any():
                break
            self.add_panel(cand)
            covered |= c > 0
        self._uncoverable = [int(i) for i in np.flatnonzero(~covered)]
        return self._uncoverable

    def local_search(self, weights: np.ndarray, threshold: float) -> list[tuple[int, ...]]:
        """Heuristic pricing: steepest-ascent swaps from the best known panels.

        Returns panels (not yet known) whose value exceeds ``threshold``. Never used to
        decide convergence: only the exact ILP does that.
        """
        if not self.panels or not self.ls_enabled:
            return []
        mat = self.matrix()
        vals = mat @ weights
        starts = mat[np.argsort(-vals, kind="stable")[:LOCAL_STARTS]]
        optima, nbrs = self._ascend_batch(starts, weights, threshold)
        found: list[tuple[int, ...]] = []
        for opt, nbr in zip(optima, nbrs, strict=True):
            c = tuple(opt.tolist())
            if (
                float(np.dot(weights, opt)) > threshold
                and c not in self.panel_set
                and c not in found
            ):
                found.append(c)
                n = tuple(nbr.tolist())
                if nbr[0] >= 0 and n not in self.panel_set and n not in found:
                    found.append(n)
        self.ls_found += len(found)
        # Deterministic switch-off (step counts, never wall time): when the heuristic
        # needs many swap steps per column (large panels), the exact ILP is cheaper.
        if self.ls_steps > 200 and self.ls_steps > LS_STEPS_PER_COLUMN * max(1, self.ls_found):
            self.ls_enabled = False
        return found

    def relaxed_leximin(self, maximin_only: bool) -> np.ndarray | None:
        """LEXIMIN (or maximin) probabilities per type over the relaxation.

        The relaxation keeps only what every distribution over feasible panels satisfies
        in expectation: ``0 <= pi_t <= 1``, ``sum_t n_t pi_t = k``, each quota
        ``min <= sum n_t pi_t <= max`` over its types and each household
        ``sum pi_t <= 1``. It is a compact LP (no panels); its levels are computed like
        the exact ones (fix the types with a positive dual weight, repeat). Its LEXIMIN
        is the exact one whenever some distribution over panels reaches it (``reach``).
        Maximin: the optimal level ``z`` for every type. None when HiGHS does not solve
        a level (numerical trouble; the exact method takes over).
        """
        comp = self.comp
        t_count = len(comp.types)
        n = self.sizes
        h = _new_highs()
        h.setOptionValue("presolve", "off")
        h.addVars(t_count + 1, np.r_[np.zeros(t_count), -_INF], np.r_[np.ones(t_count), _INF])
        h.changeColCost(t_count, 1.0)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.addRow(comp.k, comp.k, t_count, np.arange(t_count, dtype=np.int32), n)
        for q, ts in zip(comp.quotas, comp.quota_types, strict=True):
            h.addRow(q.min, q.max, len(ts), np.array(ts, dtype=np.int32), n[ts])
        for hh in comp.households:
            h.addRow(0.0, 1.0, len(hh), np.array(hh, dtype=np.int32), _ones(len(hh)))
        first = 1 + len(comp.quotas) + len(comp.households)
        # Type rows: pi_t - z >= 0 (pi_t >= level once fixed).
        h.addRows(
            t_count,
            np.zeros(t_count),
            np.full(t_count, _INF),
            2 * t_count,
            np.arange(0, 2 * t_count, 2, dtype=np.int32),
            np.column_stack([np.arange(t_count), np.full(t_count, t_count)])
            .ravel()
            .astype(np.int32),
            np.tile([1.0, -1.0], t_count),
        )
        fixed = np.full(t_count, np.nan)
        while True:
            h.run()
            status = h.getModelStatus()
            if status == highspy.HighsModelStatus.kInfeasible and np.isnan(fixed).all():
                # Not even the expected counts can meet the quotas.
                raise InfeasibleQuotasError(_relaxations(comp), comp.k)
            if status != highspy.HighsModelStatus.kOptimal:
                return None
            level = max(0.0, float(h.getInfo().objective_function_value))
            if maximin_only:
                return np.full(t_count, level)
            y = np.abs(np.array(h.getSolution().row_dual[first:]))
            free = np.isnan(fixed)
            newly = np.flatnonzero(free & (y > FIX_TOL))
            if not len(newly):
                cand = np.flatnonzero(free)
                newly = cand[[int(np.argmax(y[cand]))]]
            fixed[newly] = level
            for t in newly.tolist():
                h.changeCoeff(first + t, t_count, 0.0)
                h.changeRowBounds(first + t, level, _INF)
            if not np.isnan(fixed).any():
                return fixed

    def _cover(self, need: np.ndarray) -> bool:
        """Known panels that contain every type in ``need``: local search from the known
        panels, else the pricing problem. False when the pricing problem proves that
        some type in ``need`` is in none of its panels."""
        if not self.panels:
            counts = self.pricer.solve_above(1.0 / self.sizes, -_INF)
            if counts is None:
                return False
            self.add_panel(counts)
        while True:
            mat = self.matrix()
            uncovered = need & ~(mat > 0).any(axis=0)
            if not uncovered.any():
                return True
            weights = np.where(uncovered, 1.0 / self.sizes, 0.0)
            starts = mat[np.argsort(-(mat @ weights), kind="stable")[:LOCAL_STARTS]]
            progress = False
            for opt in self._ascend_batch(starts, weights, _INF)[0]:
                if (opt[uncovered] > 0).any():
                    progress |= self.add_panel(tuple(opt.tolist()))
                    uncovered &= opt == 0
            if progress:
                continue
            best = self.pricer.solve_above(weights, 0.0)
            if best is None or not (np.array(best)[uncovered] > 0).any():
                return False
            self.add_panel(best)

    def reach(self, target: np.ndarray) -> tuple[float, np.ndarray]:
        """Panel probabilities whose type probabilities are at least ``target``.

        Column generation on ``max z  s.t.  sum_p x_p c_pt/n_t >= z target_t,
        sum_p x_p = 1, x >= 0, z <= 1``, priced as in ``leximin``. Returns ``(1 - z, x)``
        with ``x`` over ``self.panels``: 0 once the target is reached, otherwise a
        positive shortfall, or ``inf`` when the pricing proves the target out of reach.

        Every panel of a distribution reaching ``target`` meets each bound that
        ``target`` meets with equality (a quota at its min or max in expectation, a type
        with probability 0 or 1), so the exact pricing searches only such panels (the
        *face* of ``target``); local search is not restricted (its other panels help
        the master LP on its way).
        """
        t_count = len(self.comp.types)
        lo0 = np.array([q.min for q in self.comp.quotas], dtype=float)
        hi0 = np.array([q.max for q in self.comp.quotas], dtype=float)
        expected = self.amat @ (target * self.sizes)
        at_min = np.abs(expected - lo0) <= FACE_TOL
        at_max = np.abs(expected - hi0) <= FACE_TOL
        lo = np.where(at_max, hi0, lo0)
        hi = np.where(at_min, lo0, hi0)
        type_lo = np.where(target >= 1.0 - FACE_TOL, self.sizes, 0.0)
        type_hi = np.where(target <= FACE_TOL, 0.0, self.sizes)
        self.pricer.set_bounds(lo, hi, type_lo, type_hi)
        try:
            return self._reach(target)
        finally:
            self.pricer.set_bounds(lo0, hi0, np.zeros(t_count), self.sizes)

    def _reach(self, target: np.ndarray) -> tuple[float, np.ndarray]:
        t_count = len(self.comp.types)
        if not self._cover(target > 0):
            return _INF, np.zeros(len(self.panels))
        active = np.flatnonzero(target > 0)
        row_of = np.full(t_count, -1, dtype=np.int64)
        row_of[active] = np.arange(len(active))
        conv = len(active)
        h = _new_highs()
        h.setOptionValue("presolve", "off")
        h.setOptionValue("simplex_strategy", 4)
        h.addVar(-_INF, 1.0)  # z, column 0
        h.changeColCost(0, 1.0)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        n_a = len(active)
        h.addRows(
            n_a,
            np.zeros(n_a),
            np.full(n_a, _INF),
            n_a,
            np.arange(n_a, dtype=np.int32),
            np.zeros(n_a, dtype=np.int32),
            -target[active],
        )
        h.addRow(1.0, 1.0, 0, np.zeros(0, dtype=np.int32), np.zeros(0))
        cols_added = 0
        while True:
            _add_panel_columns(h, self.matrix()[cols_added:], row_of, conv, self.sizes)
            cols_added = len(self.panels)
            h.run()
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                raise LotingError("Reach LP failed.", code="solver_error")
            sol = h.getSolution()
            x = np.array(sol.col_value[1:])
            shortfall = 1.0 - float(h.getInfo().objective_function_value)
            if shortfall <= REACH_TOL:
                return max(shortfall, 0.0), x
            y = np.zeros(t_count)
            y[active] = np.abs(np.array(sol.row_dual[:n_a]))
            cap = abs(float(sol.row_dual[conv]))
            weights = y / self.sizes
            threshold = cap + CONVERGENCE_TOL
            above, counts = self.pricer.lp_price(weights, threshold)
            bound = self.pricer.last_bound
            scale = float(np.dot(target, y))
            if bound is not None and scale > 0 and bound / scale < 1.0 - REACH_TOL:
                return _INF, x  # no distribution reaches the target (Lagrangian bound)
            if not above:
                return shortfall, x
            added = 0
            if counts is not None and self.add_panel(counts):
                added += 1
                for c in self.neighbours(counts, weights, threshold, NEIGHBOURS):
                    added += self.add_panel(c)
            for c in self.local_search(weights, threshold):
                added += self.add_panel(c)
            if added:
                continue
            if counts is None:  # fractional LP vertex: the ILP decides
                counts = self.pricer.solve(weights)
                if counts is not None and float(np.dot(weights, counts)) > threshold:
                    if self.add_panel(counts):
                        for c in self.neighbours(counts, weights, threshold, NEIGHBOURS):
                            self.add_panel(c)
                        continue
            return shortfall, x

    def leximin(self, maximin_only: bool) -> tuple[dict[int, float], np.ndarray]:
        """LEXIMIN levels (or the maximin level) and panel probabilities over ``self.panels``.

        Master LP over panels (columns ``x_p``) with one row per coverable type
        ``sum_p x_p c_pt/n_t - z >= 0`` (``>= level`` once the type is fixed) and
        ``sum_p x_p = 1``; maximise ``z``. Its row duals are the type weights ``y`` and the
        cap ``mu`` of the dual LP in the module docstring. New panels are new columns, so
        HiGHS re-solves from a primal feasible basis of only ``types + 1`` rows.
        """
        comp = self.comp
        t_count = len(comp.types)
        uncoverable = self.initial_panels()
        fixed: dict[int, float] = dict.fromkeys(uncoverable, 0.0)
        active = [t for t in range(t_count) if t not in fixed]
        row_of = np.full(t_count, -1, dtype=np.int64)
        row_of[active] = np.arange(len(active))
        conv = len(active)
        h = _new_highs()
        h.setOptionValue("presolve", "off")
        h.setOptionValue("simplex_strategy", 4)
        h.addVar(-_INF, _INF)  # z, column 0
        h.changeColCost(0, 1.0)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        n_a = len(active)
        h.addRows(
            n_a,
            np.zeros(n_a),
            np.full(n_a, _INF),
            n_a,
            np.arange(n_a, dtype=np.int32),
            np.zeros(n_a, dtype=np.int32),
            np.full(n_a, -1.0),
        )
        h.addRow(1.0, 1.0, 0, np.zeros(0, dtype=np.int32), np.zeros(0))
        cols_added = 0

        def sync_cols() -> None:
            nonlocal cols_added
            _add_panel_columns(h, self.matrix()[cols_added:], row_of, conv, self.sizes)
            cols_added = len(self.panels)

        def solve_master() -> tuple[np.ndarray, float, float, np.ndarray]:
            relax_rounds = 0
            while True:
                sync_cols()
                h.run()
                if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
                    sol = h.getSolution()
                    duals = np.abs(np.array(sol.row_dual))
                    y = np.zeros(t_count)
                    y[active] = duals[:n_a]
                    x = np.array(sol.col_value[1:])
                    obj = float(h.getInfo().objective_function_value)
                    return y, float(sol.row_dual[conv]), obj, x
                # Numerical trouble: the fixed levels are marginally unreachable; relax them.
                relax_rounds += 1
                if relax_rounds > 50:
                    raise LotingError("LEXIMIN did not converge numerically.", code="solver_error")
                for t in list(fixed):
                    if t not in uncoverable:
                        fixed[t] = max(0.0, fixed[t] - 1e-7)
                        h.changeRowBounds(int(row_of[t]), fixed[t], _INF)
                h.clearSolver()

        while True:
            while True:
                y, mu, level, x = solve_master()
                weights = y / self.sizes
                cap = abs(mu)
                threshold = cap + CONVERGENCE_TOL
                # Exact test first (LP relaxation: cheap, and its bound certifies
                # convergence); then local search for many more columns at once.
                above, counts = self.pricer.lp_price(weights, threshold)
                if not above:
                    break
                added = 0
                if counts is not None and self.add_panel(counts):
                    added += 1
                    for c in self.neighbours(counts, weights, threshold, NEIGHBOURS):
                        added += self.add_panel(c)
                for c in self.local_search(weights, threshold):
                    added += self.add_panel(c)
                if added:
                    continue
                if counts is None:  # fractional LP vertex: the ILP decides
                    counts = self.pricer.solve(weights)
                    if counts is not None and float(np.dot(weights, counts)) > threshold:
                        if self.add_panel(counts):
                            for c in self.neighbours(counts, weights, threshold, NEIGHBOURS):
                                self.add_panel(c)
                            continue
                break
            level = max(0.0, level)
            if maximin_only:
                return (
                    {t: level for t in range(t_count) if t not in uncoverable}
                    | dict.fromkeys(uncoverable, 0.0),
                    x,
                )
            newly = [t for t in range(t_count) if t not in fixed and y[t] > FIX_TOL]
            if not newly:
                candidates = [t for t in range(t_count) if t not in fixed]
                newly = [max(candidates, key=lambda t: (y[t], -t))]
            for t in newly:
                fixed[t] = level
                h.changeCoeff(int(row_of[t]), 0, 0.0)
                h.changeRowBounds(int(row_of[t]), level, _INF)
            if len(fixed) == t_count:
                return fixed, x


def find_distribution(problem: SelectionProblem, algorithm: str = "leximin") -> Distribution:
    """The LEXIMIN (default) or maximin distribution over panel compositions."""
    if algorithm not in ALGORITHMS:
        raise InputError(
            f"Unknown algorithm {algorithm!r}; use one of {', '.join(ALGORITHMS)}.",
            code="unknown_algorithm",
            algorithm=algorithm,
        )
    comp = compile_problem(problem)
    solver = _Solver(comp)
    maximin = algorithm == "maximin"
    target = solver.relaxed_leximin(maximin_only=maximin)
    shortfall, x = solver.reach(target) if target is not None else (_INF, np.zeros(0))
    if shortfall > REACH_TOL:
        _, x = solver.leximin(maximin_only=maximin)
    p = np.clip(x, 0.0, 1.0)
    p[p < 1e-12] = 0.0
    p = p / p.sum()
    order = sorted(range(len(solver.panels)), key=lambda i: solver.panels[i])
    panels = tuple(PanelComposition(solver.panels[i], float(p[i])) for i in order if p[i] > 0)
    mat = np.array([pc.counts for pc in panels], dtype=float)
    probs = np.array([pc.probability for pc in panels]) @ mat / solver.sizes
    total = float(np.dot(probs, solver.sizes))
    if abs(total - comp.k) > 1e-6 * max(1, comp.k):
        raise LotingError(
            f"Internal check failed: probabilities sum to {total}, not {comp.k}.",
            code="solver_error",
        )
    return Distribution(
        algorithm=algorithm,
        panel_size=comp.k,
        features=comp.features,
        types=comp.types,
        panels=panels,
        type_probabilities=tuple(float(x) for x in probs),
    )


def draw_from_distribution(distribution: Distribution, seed: str) -> tuple[int, tuple[str, ...]]:
    """Draw one panel: a composition by rounded weight, then members uniformly per type.

    Stream ``quota-selection/panel``: ``weighted_index(rounded_weights)``. Stream
    ``quota-selection/members``: for each type in canonical order with count ``c > 0``,
    ``sample(sorted members, c)``. Returns (composition index, sorted ids).
    """
    weights = distribution.rounded_weights()
    index = SeedStream(seed, "quota-selection/panel").weighted_index(weights)
    members = SeedStream(seed, "quota-selection/members")
    chosen: list[str] = []
    for t, c in zip(distribution.types, distribution.panels[index].counts, strict=True):
        if c:
            chosen.extend(members.sample(list(t.members), c))
    return index, tuple(sorted(chosen))


def select_panel(
    problem: SelectionProblem, seed: str, algorithm: str = "leximin"
) -> SelectionResult:
    """Compute the distribution and draw one panel from it with ``seed``."""
    dist = find_distribution(problem, algorithm)
    index, panel = draw_from_distribution(dist, seed)
    return SelectionResult(dist, panel, index, seed, seed_commitment(seed))
