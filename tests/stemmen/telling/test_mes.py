"""Method of Equal Shares: hand-computed cases, textbook examples, tie-breaking,
explanations, and a property test against a per-voter Fraction reference."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from stemmen.telling import TallyOptions, tally
from stemmen.telling import outcome as oc
from stemmen.telling.rules.base import Instance
from stemmen.telling.rules.mes import mes_once, method_of_equal_shares

from .conftest import make_election
from .reference import ref_mes, ref_mes_add1

NO_SUB = TallyOptions(use_sub_budgets=False)


def small_case() -> object:
    # 4 voters, budget 400: each voter holds 100.
    # A (200) by v0,v1: t=100, rho=1/2;  B (300) by all: t=75, rho=1/4;  C (100) by v2: rho=1
    return make_election(
        {"A": 200, "B": 300, "C": 100},
        [["A", "B"], ["A", "B"], ["B", "C"], ["B"]],
        400,
    )


def test_hand_computed_round_by_round() -> None:
    out = tally(small_case(), "mes", NO_SUB)  # type: ignore[arg-type]
    # round 1: B (rho 1/4), everyone pays 75 and keeps 25;
    # then A needs 200 from 2 x 25 and C 100 from 25: neither affordable.
    assert out.selected == ["B"]
    b = out.explanations["B"]
    assert b.code == oc.MES_SELECTED
    assert b.params["rho"] == Fraction(1, 4)
    assert b.params["payment"] == 75
    assert b.params["supporters"] == 4
    assert b.params["paid_all_left"] == 0
    a = out.explanations["A"]
    assert a.code == oc.MES_NOT_AFFORDABLE
    assert a.params["supporters_money_left"] == 50
    assert a.params["shortfall"] == 150
    assert a.params["initial_rho"] == Fraction(1, 2)
    assert a.params["voter_budget_needed"] == 100
    assert a.params["dropped_in_round"] == 2
    c = out.explanations["C"]
    assert c.params["supporters_money_left"] == 25
    assert c.params["affordable_at_start"] is True


def test_add1_stops_before_overspending() -> None:
    # per-voter budget 100, 101, ...: from 175 on, A becomes affordable after B and the
    # outcome {B, A, C} costs 600 > 400, so add1 returns the previous outcome {B}.
    inst = Instance.from_election(small_case())  # type: ignore[arg-type]
    res = method_of_equal_shares(inst, add1=True)
    assert [inst.ids[p] for p in res.run.selected] == ["B"]
    assert res.iterations == 76  # 100 .. 175
    assert res.history[-1][0] == 175
    assert res.run.per_voter == 174
    run175 = mes_once(inst, Fraction(175))
    assert [inst.ids[p] for p in run175.selected] == ["B", "A", "C"]  # 600 > 400


def test_mes_greedy_completion() -> None:
    out = tally(small_case(), "mes-greedy", NO_SUB)  # type: ignore[arg-type]
    # MES picks B; greedy by votes then tries A (2 votes, 200 > 100 left), then C fits.
    assert out.selected == ["B", "C"]
    assert out.explanations["C"].code == oc.COMPLETION_SELECTED
    assert out.explanations["A"].params["completion"] == oc.COMPLETION_DOES_NOT_FIT
    assert out.total_cost == 400


def test_proportionality_textbook_example() -> None:
    # 6 voters want the a-projects, 4 voters the b-projects; 10 units of budget, all
    # projects cost 2.  Greedy gives the majority everything; MES gives each group a
    # share of the budget proportional to its size: 3 a-projects and 2 b-projects.
    costs = {f"a{i}": 2 for i in range(1, 6)} | {f"b{i}": 2 for i in range(1, 6)}
    ballots = [[f"a{i}" for i in range(1, 6)]] * 6 + [[f"b{i}" for i in range(1, 6)]] * 4
    e = make_election(costs, ballots, 10)
    greedy = tally(e, "greedy", NO_SUB)
    assert greedy.selected == ["a1", "a2", "a3", "a4", "a5"]
    mes = tally(e, "mes", NO_SUB)
    assert sorted(mes.selected) == ["a1", "a2", "a3", "b1", "b2"]
    # each a-voter pays 1/3 per project (rho = 1/6), each b-voter 1/2 (rho = 1/4)
    assert mes.explanations["a1"].params["rho"] == Fraction(1, 6)
    assert mes.explanations["b1"].params["rho"] == Fraction(1, 4)


def test_equalshares_net_style_example_with_poor_supporters() -> None:
    # 3 voters, budget 30 (10 each).  X (12) by v0,v1: t=6, rho=1/2.  Y (15) by all:
    # t=5, rho=1/3 -> Y first, everyone keeps 5.  Then X needs 12 from 5+5: no.
    # Z (6) by v2 and v1: t=3, rho=1/2 at start; after Y: 5+5 >= 6, t=3 -> selected.
    e = make_election(
        {"X": 12, "Y": 15, "Z": 6},
        [["X", "Y"], ["X", "Y", "Z"], ["Y", "Z"]],
        30,
    )
    out = tally(e, "mes", NO_SUB)
    assert out.selected == ["Y", "Z"]
    assert out.explanations["Z"].params["payment"] == 3
    assert out.explanations["Z"].params["rho"] == Fraction(1, 2)
    assert out.explanations["X"].params["supporters_money_left"] == 7  # 5 + 2


def test_poor_supporter_pays_everything_left() -> None:
    # 4 voters with 6 each.  P (12) by v0..v2: t=4, rho=1/3; Q (8) by v0, v3: rho=1/2.
    # After P, v0 has 2 left: Q is paid by v0's last 2 and 6 from v3 (t = 6, rho = 3/4).
    e = make_election(
        {"P": 12, "Q": 8},
        [["P", "Q"], ["P"], ["P"], ["Q"]],
        24,
    )
    out = tally(e, "mes", NO_SUB)
    assert out.selected == ["P", "Q"]
    q = out.explanations["Q"].params
    assert q["payment"] == 6
    assert q["paid_all_left"] == 1
    assert q["rho"] == Fraction(3, 4)
    assert q["round"] == 2


def test_ties_go_to_the_smallest_id_as_a_string() -> None:
    # two identical projects: "10" sorts before "9" (string order, as pabutools)
    e = make_election({"9": 50, "10": 50}, [["9", "10"]] * 4, 50)
    assert tally(e, "mes", NO_SUB).selected == ["10"]
    assert tally(e, "greedy", NO_SUB).selected == ["10"]


def test_no_support_and_zero_cost() -> None:
    e = make_election({"A": 10, "B": 10, "F": 0}, [["A", "F"], ["A"]], 20)
    out = tally(e, "mes", NO_SUB)
    assert out.selected == ["A"]
    assert out.explanations["B"].code == oc.MES_NO_SUPPORT
    # cost utility: a free project gives no utility (pabutools Cost_Sat ignores it)
    assert out.explanations["F"].code == oc.MES_ZERO_UTILITY
    approval = tally(e, "mes", TallyOptions(utility="approval", use_sub_budgets=False))
    assert approval.selected[0] == "F" and "A" in approval.selected


def test_approval_utility_differs_from_cost_utility() -> None:
    # cost utility prefers the expensive popular project; approval utility the cheap
    # one per unit of money
    e = make_election(
        {"big": 60, "s1": 20, "s2": 20},
        [["big", "s1"], ["big", "s1"], ["big", "s2"], ["s2"]],
        80,
    )
    cost = tally(e, "mes", NO_SUB)
    appr = tally(e, "mes", TallyOptions(utility="approval", use_sub_budgets=False))
    assert cost.selected[0] == "big"
    assert appr.selected[0] in ("s1", "s2")
    assert cost.selected != appr.selected


def test_empty_election() -> None:
    e = make_election({"A": 10}, [], 100)
    assert tally(e, "mes", NO_SUB).selected == []
    assert tally(e, "mes-add1", NO_SUB).selected == []


ballot_st = st.lists(st.integers(min_value=0, max_value=5), max_size=6, unique=True)


@settings(max_examples=120, deadline=None)
@given(
    costs=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=6),
    ballots=st.lists(ballot_st, min_size=1, max_size=12),
    budget=st.integers(min_value=1, max_value=120),
)
def test_mes_matches_reference(costs: list[int], ballots: list[list[int]], budget: int) -> None:
    m = len(costs)
    ballots = [[p for p in b if p < m] for b in ballots]
    ids = [f"p{i}" for i in range(m)]
    e = make_election(
        dict(zip(ids, costs, strict=True)), [[ids[p] for p in b] for b in ballots], budget
    )
    ours = tally(e, "mes", NO_SUB).selected
    assert ours == ref_mes(ids, costs, ballots, budget)
    appr = tally(e, "mes", TallyOptions(utility="approval", use_sub_budgets=False)).selected
    assert appr == ref_mes(ids, costs, ballots, budget, utility="approval")


@settings(max_examples=40, deadline=None)
@given(
    costs=st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=5),
    ballots=st.lists(ballot_st, min_size=1, max_size=8),
    budget=st.integers(min_value=1, max_value=60),
)
def test_mes_add1_matches_reference(
    costs: list[int], ballots: list[list[int]], budget: int
) -> None:
    m = len(costs)
    ballots = [[p for p in b if p < m] for b in ballots]
    ids = [f"p{i}" for i in range(m)]
    e = make_election(
        dict(zip(ids, costs, strict=True)), [[ids[p] for p in b] for b in ballots], budget
    )
    out = tally(e, "mes-add1", NO_SUB)
    assert out.selected == ref_mes_add1(ids, costs, ballots, budget)
    assert out.total_cost <= budget


@settings(max_examples=60, deadline=None)
@given(
    costs=st.lists(st.integers(min_value=1, max_value=10**6), min_size=2, max_size=8),
    n=st.integers(min_value=1, max_value=300),
    seed=st.integers(min_value=0, max_value=10**6),
)
def test_mes_exact_on_larger_random_instances(costs: list[int], n: int, seed: int) -> None:
    import random

    rng = random.Random(seed)
    m = len(costs)
    ids = [f"p{i}" for i in range(m)]
    ballots = [rng.sample(range(m), rng.randint(0, m)) for _ in range(n)]
    budget = rng.randint(1, sum(costs))
    e = make_election(
        dict(zip(ids, costs, strict=True)), [[ids[p] for p in b] for b in ballots], budget
    )
    out = tally(e, "mes", NO_SUB)
    assert out.selected == ref_mes(ids, costs, ballots, budget)
    # explanations agree with the outcome and with the money
    for pid, ex in out.explanations.items():
        assert ex.selected == (pid in out.selected)
        if ex.code == oc.MES_NOT_AFFORDABLE:
            assert ex.params["supporters_money_left"] < ex.params["cost"]


def test_exact_payment_recovers_from_a_wrong_float_hint() -> None:
    import numpy as np

    from stemmen.telling.rules.mes import _Budgets

    b = _Budgets(4, Fraction(10), max_rounds=2)
    sup = np.arange(4, dtype=np.int64)
    # make voter 0 poor: it pays 8 for a project only it supports (t = 8)
    big_t, rem = b.payment(8, sup[:1], 8.0)
    assert b.pay(sup[:1], big_t, rem) == 0
    # budgets now 2, 10, 10, 10; cost 26 -> v0 pays 2, the others 8 each
    for hint in (0.0, 8.0, 100.0):  # wrong, right, wrong guesses of t
        big_t, rem = b.payment(26, sup, hint)
        assert Fraction(big_t, rem * b.L) == 8
        assert rem == 3
    assert Fraction(b.sum_num(sup), b.L) == 32
