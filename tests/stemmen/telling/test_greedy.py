"""Greedy family and Borda: hand-computed cases, thresholds, tie-breaking, explanations,
and a property test against a reference."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stemmen.telling import TallyOptions, tally
from stemmen.telling import outcome as oc

from .conftest import make_election
from .reference import ref_greedy

NO_SUB = TallyOptions(use_sub_budgets=False)


def election() -> object:
    # votes: A 4, B 3, C 2, D 1; budget 100
    return make_election(
        {"A": 60, "B": 50, "C": 30, "D": 10},
        [["A", "B", "C", "D"], ["A", "B", "C"], ["A", "B"], ["A"]],
        100,
    )


def test_greedy_skips_what_does_not_fit() -> None:
    out = tally(election(), "greedy", NO_SUB)  # type: ignore[arg-type]
    # A (60) fits, B (50) does not (40 left), C (30) fits, D (10) fits
    assert out.selected == ["A", "C", "D"]
    assert out.total_cost == 100
    b = out.explanations["B"]
    assert b.code == oc.GREEDY_DOES_NOT_FIT
    assert b.params == {
        "rank": 2,
        "score": 3,
        "score_name": "votes",
        "cost": 50,
        "budget_before": 40,
        "shortfall": 10,
    }
    a = out.explanations["A"]
    assert a.code == oc.GREEDY_SELECTED
    assert (a.params["budget_before"], a.params["budget_after"]) == (100, 40)


def test_greedy_no_skip_stops_at_first_misfit() -> None:
    out = tally(election(), "greedy-no-skip", NO_SUB)  # type: ignore[arg-type]
    assert out.selected == ["A"]
    assert out.explanations["B"].code == oc.GREEDY_DOES_NOT_FIT
    c = out.explanations["C"]
    assert c.code == oc.GREEDY_STOPPED
    assert c.params["stopped_at"] == "B"
    assert out.explanations["D"].code == oc.GREEDY_STOPPED


def test_greedy_threshold_absolute_and_share() -> None:
    e = election()
    out = tally(e, "greedy-threshold", TallyOptions(min_score=3, use_sub_budgets=False))  # type: ignore[arg-type]
    assert out.selected == ["A"]  # B does not fit; C, D are below 3 votes
    c = out.explanations["C"]
    assert c.code == oc.GREEDY_BELOW_THRESHOLD
    assert (c.params["score"], c.params["threshold"]) == (2, 3)
    # a share of the voters: 50% of 4 voters = 2 votes
    out = tally(
        e, "greedy-threshold", TallyOptions(min_share=Fraction(1, 2), use_sub_budgets=False)
    )  # type: ignore[arg-type]
    assert out.selected == ["A", "C"]
    assert out.explanations["D"].code == oc.GREEDY_BELOW_THRESHOLD
    assert out.details["threshold"] == 2


def test_ties_by_project_id_string_order() -> None:
    # equal votes: "10" < "9" < "a" in string order; only two fit
    e = make_election({"a": 5, "9": 5, "10": 5}, [["a", "9", "10"]], 10)
    out = tally(e, "greedy", NO_SUB)
    assert out.selected == ["10", "9"]
    assert out.explanations["a"].code == oc.GREEDY_DOES_NOT_FIT


def test_zero_vote_projects_fill_leftover_like_pabutools() -> None:
    e = make_election({"A": 5, "Z": 5}, [["A"]], 10)
    assert tally(e, "greedy", NO_SUB).selected == ["A", "Z"]
    # a threshold of one vote keeps unsupported ideas out
    out = tally(e, "greedy", TallyOptions(min_score=1, use_sub_budgets=False))
    assert out.selected == ["A"]


def test_cumulative_points_versus_votes() -> None:
    # B has fewer supporters but more points
    e = make_election(
        {"A": 10, "B": 10},
        [["A"], ["A"], ["B"]],
        10,
        vote_type="cumulative",
        points=[[1], [1], [5]],
    )
    assert tally(e, "greedy", NO_SUB).selected == ["B"]
    assert tally(e, "greedy", TallyOptions(score="votes", use_sub_budgets=False)).selected == ["A"]
    assert tally(e, "greedy", NO_SUB).explanations["B"].params["score_name"] == "points"


def test_borda_on_rankings() -> None:
    # ballot-Borda: a ranking of length k gives k, k-1, ..., 1 (pabulib's score column)
    e = make_election(
        {"X": 10, "Y": 10, "Z": 10},
        [["X", "Y", "Z"], ["Y", "Z", "X"], ["Y", "X"], ["Z"]],
        20,
        vote_type="ordinal",
    )
    out = tally(e, "borda", NO_SUB)
    # X: 3 + 1 + 1 = 5, Y: 2 + 3 + 2 = 7, Z: 1 + 2 + 1 = 4
    assert out.selected == ["Y", "X"]
    assert out.explanations["Y"].params["score"] == 7
    assert out.explanations["X"].params["score"] == 5
    assert out.explanations["Z"].params["score"] == 4
    # classic Borda (m - 1 - position): X 2+0+1=3, Y 1+2+2=5, Z 0+1+2=3 -> tie X/Z by id
    classic = tally(e, "borda", TallyOptions(borda_variant="projects", use_sub_budgets=False))
    assert classic.selected == ["Y", "X"]
    assert classic.explanations["Z"].params["score"] == 3


def test_decimal_costs_are_exact() -> None:
    e = make_election({"A": 1, "B": 1}, [["A"], ["A", "B"]], 1)
    e.projects[0] = type(e.projects[0])(id="A", cost=Fraction("0.70"))
    e.projects[1] = type(e.projects[1])(id="B", cost=Fraction("0.30"))
    out = tally(e, "greedy", NO_SUB)
    assert out.selected == ["A", "B"]  # 0.70 + 0.30 == 1 exactly (floats: 0.99999...)
    assert out.total_cost == 1
    assert out.explanations["B"].params["budget_before"] == Fraction(3, 10)
    assert out.explanations["B"].as_dict()["params"]["budget_before"] == "0.3"


def test_unknown_rule() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        tally(election(), "sortition")  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(
    costs=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=8),
    ballots=st.lists(st.lists(st.integers(0, 7), unique=True, max_size=8), max_size=15),
    budget=st.integers(min_value=0, max_value=150),
    skip=st.booleans(),
)
def test_greedy_matches_reference(
    costs: list[int], ballots: list[list[int]], budget: int, skip: bool
) -> None:
    m = len(costs)
    ballots = [[p for p in b if p < m] for b in ballots]
    ids = [f"p{i}" for i in range(m)]
    e = make_election(
        dict(zip(ids, costs, strict=True)), [[ids[p] for p in b] for b in ballots], budget
    )
    out = tally(e, "greedy" if skip else "greedy-no-skip", NO_SUB)
    votes = [sum(p in b for b in ballots) for p in range(m)]
    assert out.selected == ref_greedy(ids, costs, votes, budget, skip=skip)
    assert out.total_cost <= budget
    for pid, ex in out.explanations.items():
        assert ex.selected == (pid in out.selected)
        if ex.code == oc.GREEDY_DOES_NOT_FIT:
            assert ex.params["cost"] > ex.params["budget_before"]
