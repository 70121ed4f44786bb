"""Sub-budgets per theme (category) or buurt (neighbourhood), respected by every rule."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stemmen.telling import Election, SubBudget, TallyOptions, tally
from stemmen.telling import outcome as oc

from .conftest import make_election

RULES = ("greedy", "greedy-no-skip", "mes", "mes-add1", "mes-greedy", "borda")


def themed() -> Election:
    costs = {"G1": 30, "G2": 30, "S1": 40, "S2": 20, "X": 10}
    votes = {"G1": 5, "G2": 4, "S1": 3, "S2": 2, "X": 1}
    ballots = [[p for p, v in votes.items() if v > i] for i in range(5)]
    return make_election(
        costs,
        ballots,
        100,
        categories={"G1": ("groen",), "G2": ("groen",), "S1": ("spelen",), "S2": ("spelen",)},
        sub_budgets=[SubBudget("category", "groen", 50), SubBudget("category", "spelen", 40)],
    )


def test_greedy_per_theme_then_the_rest() -> None:
    out = tally(themed(), "greedy")
    # groen (50): G1 fits, G2 not (20 left); spelen (40): S1 fits, S2 not (0 left);
    # X has no theme and runs with what is left of the total (30).
    assert out.selected == ["G1", "S1", "X"]
    g2 = out.explanations["G2"]
    assert g2.code == oc.GREEDY_DOES_NOT_FIT
    assert g2.params["group"] == "groen"
    assert g2.params["group_budget"] == 50
    assert g2.params["budget_before"] == 20
    assert [g["group"] for g in out.details["groups"]] == ["groen", "spelen", None]
    assert out.details["groups"][2]["budget"] == 30


def test_leftover_budget_funds_more_by_score() -> None:
    out = tally(themed(), "greedy", TallyOptions(leftover="greedy"))
    # 20 left after the groups: G2 (30) does not fit, S2 (20) does
    assert out.selected == ["G1", "S1", "X", "S2"]
    assert out.explanations["S2"].code == oc.LEFTOVER_SELECTED
    assert out.explanations["G2"].params["leftover_budget"] == 20
    assert out.total_cost == 100


def test_without_sub_budgets_the_majority_theme_takes_more() -> None:
    out = tally(themed(), "greedy", TallyOptions(use_sub_budgets=False))
    assert out.selected == ["G1", "G2", "S1"]


def test_neighbourhood_budgets() -> None:
    e = make_election({"n1": 60, "n2": 60, "z1": 40}, [["n1", "n2", "z1"]] * 3, 160)
    for i, nb in enumerate(("Noord", "Noord", "Zuid")):
        p = e.projects[i]
        e.projects[i] = type(p)(id=p.id, cost=p.cost, neighborhood=nb)
    e.sub_budgets = [SubBudget("neighborhood", "Noord", 100), SubBudget("neighborhood", "Zuid", 60)]
    for rule in RULES:
        out = tally(e, rule)
        noord = sum(60 for p in out.selected if p.startswith("n"))
        assert noord <= 100, rule
        assert "z1" in out.selected, rule
    assert tally(e, "greedy", TallyOptions(use_sub_budgets=False)).selected == ["n1", "n2", "z1"]


@settings(max_examples=60, deadline=None)
@given(
    costs=st.lists(st.integers(min_value=1, max_value=40), min_size=2, max_size=7),
    groups=st.lists(st.sampled_from(["a", "b", ""]), min_size=7, max_size=7),
    ballots=st.lists(st.lists(st.integers(0, 6), unique=True, max_size=5), min_size=1, max_size=10),
    limits=st.tuples(st.integers(0, 60), st.integers(0, 60)),
    budget=st.integers(min_value=1, max_value=120),
    rule=st.sampled_from(RULES),
)
def test_every_rule_respects_sub_budgets(
    costs: list[int],
    groups: list[str],
    ballots: list[list[int]],
    limits: tuple[int, int],
    budget: int,
    rule: str,
) -> None:
    m = len(costs)
    ids = [f"p{i}" for i in range(m)]
    cats = {ids[i]: ((groups[i],) if groups[i] else ()) for i in range(m)}
    e = make_election(
        dict(zip(ids, costs, strict=True)),
        [[ids[p] for p in b if p < m] for b in ballots],
        budget,
        categories=cats,
        sub_budgets=[SubBudget("category", "a", limits[0]), SubBudget("category", "b", limits[1])],
    )
    out = tally(e, rule)
    cost = dict(zip(ids, costs, strict=True))
    assert sum(cost[p] for p in out.selected) <= budget
    for g, limit in zip(("a", "b"), limits, strict=True):
        assert sum(cost[p] for p in out.selected if cats[p] == (g,)) <= limit
    assert len(set(out.selected)) == len(out.selected)
    assert set(out.explanations) == set(ids)
