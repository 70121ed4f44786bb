"""Plain data types for the tally engine (no Django).

Money is exact: every amount is an ``int`` or a :class:`fractions.Fraction` in the
election's own currency.  The rules work on integers: :class:`Election` scales all
costs and budgets by the least common multiple of their denominators (``money_scale``),
so a file with costs in cents is tallied in cents and reported back in euros.

Ballots are stored compactly (CSR layout, like ``scipy.sparse``): for voter ``i`` the
projects on the ballot are ``indices[indptr[i]:indptr[i + 1]]`` (project positions, in
ballot order, which is the ranking order for ordinal ballots) and, for cumulative
ballots, ``points`` holds the points given, aligned with ``indices``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

import numpy as np
import numpy.typing as npt

VoteType = Literal["approval", "cumulative", "ordinal", "choose-1"]
VOTE_TYPES: tuple[str, ...] = ("approval", "cumulative", "ordinal", "choose-1")

Money = int | Fraction

IntArray = npt.NDArray[np.int64]


def to_money(value: object) -> Money:
    """Parse an amount exactly (``"1500"``, ``"1500.50"``, ``"1500,50"``, ints, Fractions).

    Floats are refused: they are not exact.
    """
    if isinstance(value, bool):
        raise TypeError("a bool is not an amount")
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else value
    if isinstance(value, str):
        text = value.strip().replace(",", ".").replace("_", "")
        if not text:
            raise ValueError("empty amount")
        frac = Fraction(text)
        return int(frac) if frac.denominator == 1 else frac
    raise TypeError(f"not an exact amount: {value!r} ({type(value).__name__})")


def money_str(value: Money) -> str:
    """Render an amount as pabulib writes it: ``"1500"`` or ``"1500.5"`` (exact when it can be)."""
    if isinstance(value, int) or value.denominator == 1:
        return str(int(value))
    den = value.denominator
    # terminating decimal when the denominator has only factors 2 and 5
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den == 1:
        digits = max(twos, fives)
        scaled = value * 10**digits
        sign = "-" if scaled < 0 else ""
        whole, frac = divmod(abs(int(scaled)), 10**digits)
        return f"{sign}{whole}.{str(frac).rjust(digits, '0').rstrip('0')}"
    return f"{value.numerator}/{value.denominator}"


@dataclass(frozen=True, slots=True)
class Project:
    """An idea on the ballot.

    ``categories`` are themes (pabulib ``category``); ``targets`` are target groups
    (pabulib ``target``); ``neighborhood`` is the buurt (pabulib ``neighborhood``).
    ``extra`` keeps every other PROJECTS column verbatim (name, votes, selected, ...).
    """

    id: str
    cost: Money
    name: str = ""
    categories: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    neighborhood: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cost", to_money(self.cost))
        if self.cost < 0:
            raise ValueError(f"project {self.id}: negative cost")


@dataclass(frozen=True, slots=True)
class SubBudget:
    """An upper bound on the summed cost of the selected projects of one group.

    ``kind`` is ``"category"`` (a theme; pabulib ``budget_per_category``) or
    ``"neighborhood"`` (a buurt; pabulib ``budget_per_neighborhood``).
    """

    kind: Literal["category", "neighborhood"]
    group: str
    limit: Money

    def __post_init__(self) -> None:
        object.__setattr__(self, "limit", to_money(self.limit))


class Ballots:
    """Compact ballots (CSR).  Build with one of the ``from_*`` class methods."""

    __slots__ = ("indptr", "indices", "points", "voter_ids", "_by_project")

    def __init__(
        self,
        indptr: npt.ArrayLike,
        indices: npt.ArrayLike,
        points: npt.ArrayLike | None = None,
        voter_ids: Sequence[str] | None = None,
    ) -> None:
        self.indptr: IntArray = np.ascontiguousarray(indptr, dtype=np.int64)
        self.indices: IntArray = np.ascontiguousarray(indices, dtype=np.int64)
        self.points: IntArray | None = (
            None if points is None else np.ascontiguousarray(points, dtype=np.int64)
        )
        if self.indptr.ndim != 1 or len(self.indptr) == 0 or self.indptr[0] != 0:
            raise ValueError("indptr must be a 1-d array starting with 0")
        if np.any(np.diff(self.indptr) < 0) or self.indptr[-1] != len(self.indices):
            raise ValueError("indptr must be non-decreasing and end at len(indices)")
        if self.points is not None and len(self.points) != len(self.indices):
            raise ValueError("points must align with indices")
        self.voter_ids: list[str] | None = list(voter_ids) if voter_ids is not None else None
        if self.voter_ids is not None and len(self.voter_ids) != self.num_voters:
            raise ValueError("one voter id per ballot")
        self._by_project: tuple[IntArray, IntArray] | None = None

    # -- constructors -------------------------------------------------------------
    @classmethod
    def from_lists(
        cls,
        ballots: Iterable[Sequence[int]],
        points: Iterable[Sequence[int]] | None = None,
        voter_ids: Sequence[str] | None = None,
    ) -> Ballots:
        """Ballots from lists of project positions (ranked order for ordinal ballots)."""
        rows = [list(b) for b in ballots]
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(r) for r in rows], out=indptr[1:])
        flat = np.fromiter((p for r in rows for p in r), dtype=np.int64, count=int(indptr[-1]))
        pts = None
        if points is not None:
            prow = [list(p) for p in points]
            if [len(p) for p in prow] != [len(r) for r in rows]:
                raise ValueError("points must align with ballots")
            pts = np.fromiter((x for r in prow for x in r), dtype=np.int64, count=int(indptr[-1]))
        return cls(indptr, flat, pts, voter_ids)

    @classmethod
    def from_pairs(
        cls,
        voters: npt.ArrayLike,
        projects: npt.ArrayLike,
        *,
        num_voters: int | None = None,
        points: npt.ArrayLike | None = None,
        ranks: npt.ArrayLike | None = None,
    ) -> Ballots:
        """Ballots from parallel arrays of (voter position, project position) rows, e.g.
        a database query ``values_list("voter_index", "idea_index", "rank")``.

        Rows may come in any order; for rankings pass ``ranks`` (smaller = better).
        ``num_voters`` counts voters without any row too (empty ballots).
        """
        v = np.asarray(voters, dtype=np.int64)
        p = np.asarray(projects, dtype=np.int64)
        if v.shape != p.shape or v.ndim != 1:
            raise ValueError("voters and projects must be 1-d arrays of equal length")
        n = int(v.max()) + 1 if num_voters is None and len(v) else (num_voters or 0)
        if len(v) and (int(v.min()) < 0 or int(v.max()) >= n):
            raise ValueError("voter position out of range")
        keys = [v] if ranks is None else [np.asarray(ranks), v]
        order = np.lexsort(keys) if ranks is not None else np.argsort(v, kind="stable")
        counts = np.bincount(v, minlength=n)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        pts = None if points is None else np.asarray(points, dtype=np.int64)[order]
        return cls(indptr, p[order], pts)

    @classmethod
    def from_dense(cls, matrix: npt.ArrayLike) -> Ballots:
        """Ballots from a dense ``voters x projects`` matrix.

        Non-zero entries are support; for cumulative ballots the entries are the points.
        (Order within a ballot is by project position, so this is not for rankings.)
        """
        mat = np.asarray(matrix)
        if mat.ndim != 2:
            raise ValueError("expected a 2-d matrix")
        rows, cols = np.nonzero(mat)
        counts = np.bincount(rows, minlength=mat.shape[0])
        indptr = np.zeros(mat.shape[0] + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        pts = None
        if mat.dtype != np.bool_ and np.any((mat != 0) & (mat != 1)):
            pts = mat[rows, cols].astype(np.int64)
        return cls(indptr, cols, pts)

    # -- views ----------------------------------------------------------------------
    @property
    def num_voters(self) -> int:
        return len(self.indptr) - 1

    @property
    def lengths(self) -> IntArray:
        return np.diff(self.indptr)

    def ballot(self, i: int) -> list[int]:
        return [int(p) for p in self.indices[self.indptr[i] : self.indptr[i + 1]]]

    def ballot_points(self, i: int) -> list[int]:
        if self.points is None:
            return [1] * int(self.indptr[i + 1] - self.indptr[i])
        return [int(p) for p in self.points[self.indptr[i] : self.indptr[i + 1]]]

    def voter_of_entry(self) -> IntArray:
        """For every entry of ``indices`` the voter (row) it belongs to."""
        return np.repeat(np.arange(self.num_voters, dtype=np.int64), self.lengths)

    def positions(self) -> IntArray:
        """For every entry its 0-based position within its ballot (rank - 1)."""
        starts = np.repeat(self.indptr[:-1], self.lengths)
        return np.arange(len(self.indices), dtype=np.int64) - starts

    def supporters(self, num_projects: int) -> tuple[IntArray, IntArray]:
        """Transpose: ``(ptr, voters)`` with the voters listing project ``p`` in
        ``voters[ptr[p]:ptr[p + 1]]`` (ascending voter order).  Cached."""
        if self._by_project is None or len(self._by_project[0]) != num_projects + 1:
            keys = self.indices.astype(np.uint16) if num_projects < 2**16 else self.indices
            order = np.argsort(keys, kind="stable")  # radix sort for 16-bit keys
            voters = self.voter_of_entry()[order]
            counts = np.bincount(self.indices, minlength=num_projects)
            ptr = np.zeros(num_projects + 1, dtype=np.int64)
            np.cumsum(counts, out=ptr[1:])
            self._by_project = (ptr, voters)
        return self._by_project

    def __len__(self) -> int:
        return self.num_voters

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ballots):
            return NotImplemented
        same_points = (self.points is None and other.points is None) or (
            self.points is not None
            and other.points is not None
            and np.array_equal(self.points, other.points)
        )
        return (
            np.array_equal(self.indptr, other.indptr)
            and np.array_equal(self.indices, other.indices)
            and same_points
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Ballots(voters={self.num_voters}, entries={len(self.indices)})"


@dataclass
class Election:
    """Everything a rule needs: projects, ballots, budget, sub-budgets.

    ``meta`` keeps the pabulib META section (strings), for the writer and for the CLI
    (``rule``, thresholds, lengths...).  Rules only read the typed fields.
    """

    projects: list[Project]
    ballots: Ballots
    budget: Money
    vote_type: VoteType = "approval"
    sub_budgets: list[SubBudget] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.budget = to_money(self.budget)
        if self.vote_type not in VOTE_TYPES:
            raise ValueError(f"unknown vote type {self.vote_type!r}")
        ids = [p.id for p in self.projects]
        if len(set(ids)) != len(ids):
            raise ValueError("project ids must be unique")
        m = len(self.projects)
        if len(self.ballots.indices) and (
            int(self.ballots.indices.min()) < 0 or int(self.ballots.indices.max()) >= m
        ):
            raise ValueError("a ballot names a project position out of range")
        if self.vote_type == "cumulative" and self.ballots.points is None:
            raise ValueError("cumulative ballots need points")

    @property
    def num_projects(self) -> int:
        return len(self.projects)

    @property
    def num_voters(self) -> int:
        return self.ballots.num_voters

    def index_of(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.projects)}

    @property
    def money_scale(self) -> int:
        """Smallest integer that makes every cost, budget and sub-budget integral."""
        scale = 1
        amounts: list[Money] = [self.budget, *(p.cost for p in self.projects)]
        amounts += [s.limit for s in self.sub_budgets]
        for a in amounts:
            if isinstance(a, Fraction):
                scale = math.lcm(scale, a.denominator)
        return scale

    def scaled_costs(self) -> tuple[list[int], int]:
        """Costs and budget as integers in units of ``1 / money_scale``."""
        s = self.money_scale
        costs = [int(p.cost * s) for p in self.projects]
        return costs, int(self.budget * s)


def project_order_key(project_id: str) -> str:
    """The documented tie-break key: the project id as a string (code-point order)."""
    return project_id
