"""The rules' working view of an election: integer (scaled) money and a project mask."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np
import numpy.typing as npt

from stemmen.telling.model import Ballots, Election, Money, VoteType

ScoreKind = Literal["votes", "points", "borda"]
BordaVariant = Literal["ballot", "projects"]


@dataclass(slots=True)
class Instance:
    """Costs and budget in units of ``1 / scale`` of the currency (exact integers).

    ``eligible`` marks the projects this run may select (sub-budget groups, rounds).
    """

    ids: list[str]
    costs: list[int]
    budget: int
    scale: int
    ballots: Ballots
    vote_type: VoteType
    eligible: npt.NDArray[np.bool_]

    @classmethod
    def from_election(cls, election: Election) -> Instance:
        costs, budget = election.scaled_costs()
        return cls(
            ids=[p.id for p in election.projects],
            costs=costs,
            budget=budget,
            scale=election.money_scale,
            ballots=election.ballots,
            vote_type=election.vote_type,
            eligible=np.ones(election.num_projects, dtype=np.bool_),
        )

    def restricted(self, eligible: npt.NDArray[np.bool_], budget: int) -> Instance:
        return Instance(
            self.ids, self.costs, budget, self.scale, self.ballots, self.vote_type, eligible
        )

    @property
    def num_projects(self) -> int:
        return len(self.ids)

    @property
    def num_voters(self) -> int:
        return self.ballots.num_voters

    def money(self, scaled: int | Fraction) -> Money:
        """Scaled units back to currency (exact)."""
        value = Fraction(scaled) / self.scale
        return int(value) if value.denominator == 1 else value


def _bincount_exact(
    index: npt.NDArray[np.int64], weights: npt.NDArray[np.int64] | None, length: int
) -> list[int]:
    if weights is None:
        return [int(x) for x in np.bincount(index, minlength=length)]
    out = np.zeros(length, dtype=np.int64)
    np.add.at(out, index, weights)
    return [int(x) for x in out]


def project_scores(
    inst: Instance, kind: ScoreKind, borda_variant: BordaVariant = "ballot"
) -> list[int]:
    """Exact integer score per project.

    - ``votes``: number of ballots that list the project (approvals; for cumulative
      ballots every listed project, as pabutools' ``Cost_Sat`` counts them).
    - ``points``: cumulative points; equals ``votes`` for approval / choose-1 ballots and
      the Borda score (below) for ordinal ballots.
    - ``borda``: ordinal positional score.  ``ballot`` (default, as pabulib's ``score``
      column): a ballot of length k gives k, k-1, ..., 1 points; ``projects``: classic
      Borda, m-1, m-2, ... with m the number of projects.
    """
    b = inst.ballots
    m = inst.num_projects
    if kind == "votes":
        return _bincount_exact(b.indices, None, m)
    if kind == "points" and inst.vote_type == "cumulative":
        return _bincount_exact(b.indices, b.points, m)
    if kind == "points" and inst.vote_type != "ordinal":
        return _bincount_exact(b.indices, None, m)
    pos = b.positions()
    if borda_variant == "ballot":
        lengths = np.repeat(b.lengths, b.lengths)
        weights = lengths - pos
    else:
        weights = (m - 1) - pos
    return _bincount_exact(b.indices, weights.astype(np.int64), m)
