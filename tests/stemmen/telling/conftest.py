"""Shared helpers for the tally engine tests (no Django, no database)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from stemmen.telling import Ballots, Election, Project, SubBudget

DATA = Path("/work/shared/data/pabulib")
if not DATA.exists():  # a checkout beside shared/
    DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "pabulib"


def make_election(
    costs: dict[str, int],
    ballots: Sequence[Sequence[str]],
    budget: int,
    *,
    vote_type: str = "approval",
    points: Sequence[Sequence[int]] | None = None,
    categories: dict[str, tuple[str, ...]] | None = None,
    sub_budgets: Sequence[SubBudget] = (),
) -> Election:
    projects = [
        Project(id=pid, cost=c, categories=(categories or {}).get(pid, ()))
        for pid, c in costs.items()
    ]
    index = {p.id: i for i, p in enumerate(projects)}
    bal = Ballots.from_lists([[index[x] for x in b] for b in ballots], points)
    return Election(
        projects=projects,
        ballots=bal,
        budget=budget,
        vote_type=vote_type,  # type: ignore[arg-type]
        sub_budgets=list(sub_budgets),
    )


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.exists():
        pytest.skip("pabulib data folder not found")
    return DATA
