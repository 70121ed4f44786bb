"""Synthetic generator (determinism, shape, speed of a 100,000 x 100 tally) and the
plain data types (money, ballots, tally_arrays)."""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np
import pytest

from stemmen.telling import (
    Ballots,
    Election,
    Project,
    SubBudget,
    TallyOptions,
    tally,
    tally_arrays,
    to_money,
)
from stemmen.telling.model import money_str
from stemmen.telling.synthetic import synthetic_election


def test_synthetic_is_deterministic_and_shaped() -> None:
    a = synthetic_election(2_000, 30, seed=7)
    b = synthetic_election(2_000, 30, seed=7)
    c = synthetic_election(2_000, 30, seed=8)
    assert a.ballots == b.ballots and a.projects == b.projects and a.budget == b.budget
    assert a.ballots != c.ballots
    lengths = a.ballots.lengths
    assert lengths.min() >= 1 and lengths.max() <= 10
    assert a.num_voters == 2_000 and a.num_projects == 30
    for i in range(50):  # no repeated idea on a ballot
        assert len(set(a.ballots.ballot(i))) == len(a.ballots.ballot(i))
    cum = synthetic_election(500, 20, seed=1, vote_type="cumulative")
    assert cum.ballots.points is not None
    sums = np.add.reduceat(cum.ballots.points, cum.ballots.indptr[:-1])
    assert (sums == 10).all()
    ordinal = synthetic_election(500, 20, seed=1, vote_type="ordinal")
    assert ordinal.vote_type == "ordinal"
    subs = synthetic_election(500, 20, seed=1, with_sub_budgets=True)
    assert len(subs.sub_budgets) == 5


def test_100k_ballots_100_ideas_tally_fast() -> None:
    e = synthetic_election()  # 100,000 x 100
    assert e.num_voters == 100_000 and e.num_projects == 100
    for rule, limit in (("greedy", 1.0), ("mes", 5.0)):
        e.ballots._by_project = None
        start = time.perf_counter()
        out = tally(e, rule)
        elapsed = time.perf_counter() - start
        assert elapsed < limit, (rule, elapsed)
        assert 0 < out.total_cost <= e.budget
        assert len(out.explanations) == 100


def test_money_parsing_is_exact() -> None:
    assert to_money("1250.50") == Fraction(2501, 2)
    assert to_money("1250,50") == Fraction(2501, 2)
    assert to_money("1000") == 1000
    assert to_money(Fraction(4, 2)) == 2
    with pytest.raises(TypeError):
        to_money(0.1)
    with pytest.raises(TypeError):
        to_money(True)
    assert money_str(Fraction(2501, 2)) == "1250.5"
    assert money_str(Fraction(1, 3)) == "1/3"
    assert money_str(Fraction(-1, 4)) == "-0.25"


def test_ballot_constructors_agree() -> None:
    dense = np.array([[1, 0, 1], [0, 0, 0], [0, 1, 1]], dtype=np.int8)
    a = Ballots.from_dense(dense)
    b = Ballots.from_lists([[0, 2], [], [1, 2]])
    assert a == b
    assert a.points is None
    cumulative = Ballots.from_dense(np.array([[2, 0], [0, 3]]))
    assert cumulative.points is not None and cumulative.points.tolist() == [2, 3]
    with pytest.raises(ValueError):
        Ballots([0, 2], [1])
    ptr, voters = b.supporters(3)
    assert ptr.tolist() == [0, 1, 2, 4]
    assert voters.tolist() == [0, 2, 0, 2]


def test_election_validation() -> None:
    with pytest.raises(ValueError, match="unique"):
        Election([Project("a", 1), Project("a", 2)], Ballots.from_lists([]), 5)
    with pytest.raises(ValueError, match="out of range"):
        Election([Project("a", 1)], Ballots.from_lists([[3]]), 5)
    with pytest.raises(ValueError, match="points"):
        Election([Project("a", 1)], Ballots.from_lists([[0]]), 5, vote_type="cumulative")
    with pytest.raises(ValueError, match="negative"):
        Project("a", -1)


def test_tally_arrays_for_the_django_layer() -> None:
    approvals = np.zeros((6, 3), dtype=bool)
    approvals[:4, 0] = True
    approvals[3:, 1] = True
    approvals[5, 2] = True
    out = tally_arrays(
        project_ids=["speeltuin", "bankjes", "kunst"],
        costs=["600.00", "350.50", 50],
        budget="1000",
        ballots=approvals,
        rule="greedy",
        categories=[("spelen",), ("groen",), ("cultuur",)],
        sub_budgets=[SubBudget("category", "groen", 300)],
    )
    # bankjes (350.50) exceeds the groen sub-budget of 300
    assert out.selected == ["speeltuin", "kunst"]
    assert out.explanations["bankjes"].params["group"] == "groen"
    lists = tally_arrays(
        project_ids=["a", "b"],
        costs=[5, 5],
        budget=5,
        ballots=[[1, 0], [1]],
        rule="borda",
        vote_type="ordinal",
        options=TallyOptions(use_sub_budgets=False),
    )
    assert lists.selected == ["b"]
    # explanations come in project order; b: 2 + 1 = 3 points, a: 1
    codes = [x["code"] for x in lists.as_dict()["explanations"]]
    assert codes == ["greedy.does_not_fit", "greedy.selected"]


def test_ballots_from_database_rows() -> None:
    # rows in any order, as a query returns them; voter 2 has no row (empty ballot)
    voters = [3, 0, 0, 3, 1]
    ideas = [2, 1, 0, 0, 2]
    ranks = [2, 1, 2, 1, 1]
    b = Ballots.from_pairs(voters, ideas, num_voters=4, ranks=ranks)
    assert [b.ballot(i) for i in range(4)] == [[1, 0], [2], [], [0, 2]]
    approvals = Ballots.from_pairs(voters, ideas)
    assert approvals.num_voters == 4
    assert sorted(approvals.ballot(3)) == [0, 2]
    pts = Ballots.from_pairs([1, 0, 1], [0, 1, 1], points=[4, 5, 6])
    assert pts.ballot(1) == [0, 1] and pts.ballot_points(1) == [4, 6]
    with pytest.raises(ValueError):
        Ballots.from_pairs([5], [0], num_voters=2)
