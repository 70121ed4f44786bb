"""Quota selection: properties on random instances, brute force on tiny pools, errors,
and the published reference instances."""

import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loting.engine import (
    InfeasibleQuotasError,
    InputError,
    Person,
    Quota,
    SelectionProblem,
    find_distribution,
    read_people,
    read_quotas,
    select_panel,
)

from .bruteforce import brute_force_leximin, feasible_panels

DATA = Path("/work/shared/data/sortition")
if not DATA.exists():  # CI clones shared/ next to the repository
    DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "sortition"
needs_data = pytest.mark.usefixtures()  # the data must be there: see the test below


def test_the_sortition_data_is_there():
    assert (DATA / "example_small_20" / "respondents.csv").exists(), DATA


@st.composite
def instances(draw, max_people=10, max_households=None):
    n = draw(st.integers(min_value=2, max_value=max_people))
    n_features = draw(st.integers(min_value=1, max_value=3))
    features = {
        f"f{j}": [f"v{i}" for i in range(draw(st.integers(min_value=2, max_value=3)))]
        for j in range(n_features)
    }
    k = draw(st.integers(min_value=1, max_value=n - 1))
    household_rule = draw(st.booleans())
    hh_count = draw(st.integers(min_value=max(1, n // 2), max_value=n))
    people = []
    for i in range(n):
        feats = {f: draw(st.sampled_from(vals)) for f, vals in features.items()}
        hh = (
            f"h{draw(st.integers(min_value=0, max_value=hh_count - 1))}" if household_rule else None
        )
        people.append(Person(f"p{i:02d}", feats, hh))
    quotas = []
    skewed = draw(st.booleans())  # skewed quotas give several LEXIMIN levels (and infeasibility)
    for f, vals in features.items():
        counts = Counter(p.features[f] for p in people)
        for v in vals:
            share = k * counts[v] / n
            if skewed:
                lo = draw(st.integers(min_value=0, max_value=min(k, counts[v])))
                hi = draw(st.integers(min_value=lo, max_value=k))
            else:
                lo = draw(st.integers(min_value=0, max_value=max(0, int(share))))
                hi = max(lo, draw(st.integers(min_value=min(k, int(share) + 1), max_value=k)))
            quotas.append(Quota(f, v, lo, hi))
    return SelectionProblem.build(people, quotas, k, household_rule)


def _check_panel(problem: SelectionProblem, panel):
    by_id = {p.id: p for p in problem.people}
    assert len(panel) == problem.panel_size
    assert len(set(panel)) == len(panel)
    for q in problem.quotas:
        c = sum(1 for pid in panel if by_id[pid].features[q.feature] == q.value)
        assert q.min <= c <= q.max, (q, c)
    if problem.household_rule:
        hh = [by_id[pid].household or f"\0{pid}" for pid in panel]
        assert len(set(hh)) == len(hh)


@given(instances(max_people=10), st.text(max_size=6))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_leximin_matches_brute_force_on_tiny_pools(problem, seed):
    expected = brute_force_leximin(
        list(problem.people), list(problem.quotas), problem.panel_size, problem.household_rule
    )
    if expected is None:
        with pytest.raises(InfeasibleQuotasError) as exc:
            find_distribution(problem)
        assert exc.value.code == "infeasible_quotas"
        assert exc.value.relaxations
        return
    result = select_panel(problem, seed)
    probs = result.probabilities
    assert sorted(probs.values()) == pytest.approx(expected, abs=1e-6)
    assert sum(probs.values()) == pytest.approx(problem.panel_size, abs=1e-6)
    _check_panel(problem, result.panel)
    # every composition in the support is a feasible panel (checked person by person)
    feasible = {
        frozenset(problem.people[i].id for i in p)
        for p in feasible_panels(
            list(problem.people), list(problem.quotas), problem.panel_size, problem.household_rule
        )
    }
    assert frozenset(result.panel) in feasible


@given(instances(max_people=30), st.text(max_size=6))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_properties_on_random_instances(problem, seed):
    try:
        lex = select_panel(problem, seed, "leximin")
    except InfeasibleQuotasError as exc:
        # the suggested relaxation must really be feasible
        relaxed = _apply(problem, exc.relaxations)
        find_distribution(relaxed)
        return
    mm = find_distribution(problem, "maximin")
    _check_panel(problem, lex.panel)
    assert sum(lex.probabilities.values()) == pytest.approx(problem.panel_size, abs=1e-6)
    assert sum(mm.person_probabilities().values()) == pytest.approx(problem.panel_size, abs=1e-6)
    assert lex.distribution.min_probability >= mm.min_probability - 1e-6
    assert sum(p.probability for p in lex.distribution.panels) == pytest.approx(1.0, abs=1e-9)
    again = select_panel(problem, seed, "leximin")
    assert again.panel == lex.panel
    assert again.distribution == lex.distribution
    mm_result = select_panel(problem, seed, "maximin")
    _check_panel(problem, mm_result.panel)


def _apply(problem, relaxations):
    quotas = []
    for q in problem.quotas:
        lo, hi = q.min, q.max
        for r in relaxations:
            if (r.feature, r.value) == (q.feature, q.value):
                if r.bound == "min":
                    lo = r.suggested
                elif r.bound == "max":
                    hi = r.suggested
        quotas.append(Quota(q.feature, q.value, lo, hi, q.min_flex, q.max_flex))
    k = problem.panel_size
    for r in relaxations:
        if r.bound == "panel_size":
            k = r.suggested
    return SelectionProblem.build(problem.people, quotas, k, problem.household_rule)


def test_two_levels_exact():
    # 6 of type a, 2 of type b, exactly one b on a panel of 3: b at 1/2, a at 2/6
    people = [Person(f"a{i}", {"g": "a"}) for i in range(6)] + [
        Person(f"b{i}", {"g": "b"}) for i in range(2)
    ]
    problem = SelectionProblem.build(people, [Quota("g", "a", 0, 3), Quota("g", "b", 1, 1)], 3)
    probs = find_distribution(problem).person_probabilities()
    assert probs["a0"] == pytest.approx(1 / 3, abs=1e-9)
    assert probs["b1"] == pytest.approx(1 / 2, abs=1e-9)
    expected = brute_force_leximin(people, list(problem.quotas), 3)
    assert sorted(probs.values()) == pytest.approx(expected, abs=1e-9)


def test_unselectable_people_get_zero():
    people = [Person(f"p{i}", {"age": "child" if i < 2 else "adult"}) for i in range(6)]
    problem = SelectionProblem.build(
        people, [Quota("age", "child", 0, 0), Quota("age", "adult", 0, 3)], 2
    )
    probs = find_distribution(problem).person_probabilities()
    assert probs["p0"] == 0.0 and probs["p1"] == 0.0
    assert probs["p2"] == pytest.approx(0.5, abs=1e-9)
    assert sorted(probs.values()) == pytest.approx(
        brute_force_leximin(people, list(problem.quotas), 2), abs=1e-9
    )


def test_panel_frequencies_follow_the_distribution():
    people = [Person(f"p{i}", {"g": "a" if i < 4 else "b"}) for i in range(8)]
    quotas = [Quota("g", "a", 1, 1), Quota("g", "b", 1, 1)]
    problem = SelectionProblem.build(people, quotas, 2)
    counts = Counter()
    for s in range(400):
        counts.update(select_panel(problem, f"seed{s}").panel)
    assert set(counts) == {p.id for p in people}
    assert all(60 <= c <= 140 for c in counts.values()), counts  # expected 100 each


def test_household_rule_changes_the_answer():
    # two people in one household; the rule forbids selecting both
    people = [
        Person("a", {"g": "x"}, "h1"),
        Person("b", {"g": "x"}, "h1"),
        Person("c", {"g": "y"}, "h2"),
    ]
    quotas = [Quota("g", "x", 2, 2), Quota("g", "y", 0, 1)]
    find_distribution(SelectionProblem.build(people, quotas, 2, household_rule=False))
    with pytest.raises(InfeasibleQuotasError) as exc:
        find_distribution(SelectionProblem.build(people, quotas, 2, household_rule=True))
    assert ("g", "x") in exc.value.conflicting


def test_infeasible_quotas_name_the_conflict():
    people = [
        Person(f"p{i}", {"gender": "f" if i < 3 else "m", "age": "young" if i % 2 else "old"})
        for i in range(10)
    ]
    quotas = [
        Quota("gender", "f", 5, 6),  # only 3 women in the pool
        Quota("gender", "m", 0, 6),
        Quota("age", "young", 0, 6),
        Quota("age", "old", 0, 6),
    ]
    with pytest.raises(InfeasibleQuotasError) as exc:
        find_distribution(SelectionProblem.build(people, quotas, 6))
    err = exc.value
    assert err.conflicting == [("gender", "f")]
    [relax] = err.relaxations
    assert (relax.bound, relax.current, relax.suggested) == ("min", 5, 3)
    assert "gender=f" in err.message and "from 5 to 3" in err.message
    assert err.as_dict()["code"] == "infeasible_quotas"
    assert err.params["relaxations"][0]["suggested"] == 3


def test_infeasible_sum_of_maxima():
    people = [Person(f"p{i}", {"g": "a" if i < 5 else "b"}) for i in range(10)]
    quotas = [Quota("g", "a", 0, 2), Quota("g", "b", 0, 2)]
    with pytest.raises(InfeasibleQuotasError) as exc:
        find_distribution(SelectionProblem.build(people, quotas, 6))
    total_raise = sum(r.suggested - r.current for r in exc.value.relaxations if r.bound == "max")
    assert total_raise == 2
    assert {f for f, _ in exc.value.conflicting} == {"g"}


def test_flex_bounds_guide_the_relaxation():
    people = [Person(f"p{i}", {"g": "a" if i < 5 else "b"}) for i in range(10)]
    quotas = [Quota("g", "a", 0, 2, 0, 2), Quota("g", "b", 0, 2, 0, 4)]  # only b may go up
    with pytest.raises(InfeasibleQuotasError) as exc:
        find_distribution(SelectionProblem.build(people, quotas, 6))
    assert [(r.value, r.bound, r.suggested) for r in exc.value.relaxations] == [("b", "max", 4)]


@pytest.mark.parametrize(
    ("people", "quotas", "k", "code"),
    [
        ([Person("a", {"g": "x"})], [Quota("g", "x", 0, 1)], 2, "panel_larger_than_pool"),
        ([Person("a", {"g": "x"})], [Quota("g", "x", 0, 1)], 0, "bad_panel_size"),
        (
            [Person("a", {"g": "z"}), Person("b", {"g": "x"})],
            [Quota("g", "x", 0, 1)],
            1,
            "unknown_feature_value",
        ),
        (
            [Person("a", {"g": "x"}), Person("a", {"g": "x"})],
            [Quota("g", "x", 0, 2)],
            1,
            "duplicate_id",
        ),
        ([Person("a", {"g": "x"})], [Quota("g", "x", 2, 1)], 1, "bad_quota_bounds"),
    ],
)
def test_input_errors(people, quotas, k, code):
    with pytest.raises(InputError) as exc:
        find_distribution(SelectionProblem.build(people, quotas, k))
    assert exc.value.code == code


def test_unknown_algorithm():
    with pytest.raises(InputError):
        find_distribution(
            SelectionProblem.build([Person("a", {"g": "x"})], [Quota("g", "x", 0, 1)], 1), "nash"
        )


def test_input_order_does_not_change_the_outcome():
    people = [Person(f"p{i}", {"g": "ab"[i % 2], "h": "xyz"[i % 3]}) for i in range(24)]
    quotas = [
        Quota("g", "a", 3, 5),
        Quota("g", "b", 3, 5),
        Quota("h", "x", 2, 4),
        Quota("h", "y", 2, 4),
        Quota("h", "z", 1, 4),
    ]
    a = select_panel(SelectionProblem.build(people, quotas, 8), "order")
    b = select_panel(
        SelectionProblem.build(list(reversed(people)), list(reversed(quotas)), 8), "order"
    )
    assert a.panel == b.panel
    assert a.probabilities == b.probabilities


def _load(name):
    quotas = read_quotas(DATA / name / "categories.csv")
    people = read_people(DATA / name / "respondents.csv", quotas)
    return people, quotas


@needs_data
@pytest.mark.parametrize(
    ("name", "k", "pool"), [("example_small_20", 20, 200), ("example_large_200", 200, 2000)]
)
def test_reference_instances_leximin_ten_percent(name, k, pool):
    people, quotas = _load(name)
    assert len(people) == pool
    t = time.perf_counter()
    result = select_panel(SelectionProblem.build(people, quotas, k), "ref")
    assert time.perf_counter() - t < 60
    assert result.distribution.min_probability == pytest.approx(0.10, abs=1e-6)
    assert sum(result.probabilities.values()) == pytest.approx(k, abs=1e-6)
    _check_panel(SelectionProblem.build(people, quotas, k), result.panel)


@needs_data
def test_scotland_leximin_beats_or_equals_maximin():
    quotas = read_quotas(DATA / "scotland_150_22" / "features.csv")
    people = read_people(
        DATA / "scotland_150_22" / "candidates.csv",
        quotas,
        "nationbuilder_id",
        ["primary_address1", "primary_zip"],
    )
    problem = SelectionProblem.build(people, quotas, 22, household_rule=True)
    lex = select_panel(problem, "scotland")
    mm = find_distribution(problem, "maximin")
    _check_panel(problem, lex.panel)
    assert lex.distribution.min_probability >= mm.min_probability - 1e-9
    assert lex.distribution.min_probability == pytest.approx(1 / 11, abs=1e-6)
    lex_sorted = sorted(lex.probabilities.values())
    mm_sorted = sorted(mm.person_probabilities().values())
    # leximin: the sorted vector is lexicographically >= maximin's (up to tolerance)
    for a, b in zip(lex_sorted, mm_sorted, strict=True):
        if abs(a - b) > 1e-6:
            assert a > b
            break


@given(
    instances(max_people=12),
    st.lists(st.integers(min_value=0, max_value=20), min_size=12, max_size=12),
    st.integers(min_value=0, max_value=40),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_lp_first_pricing_agrees_with_the_ilp(problem, raw_weights, raw_threshold):
    """solve_above (LP relaxation first) returns an optimal panel whenever one exceeds
    the threshold, and None only when no panel does."""
    import numpy as np

    from loting.engine.selection import _Pricer, compile_problem

    comp = compile_problem(problem)
    pricer = _Pricer(comp)
    if pricer.solve(np.zeros(len(comp.types))) is None:
        return  # infeasible quotas: solve_above needs a feasible instance
    w = np.array(raw_weights[: len(comp.types)] + [1] * max(0, len(comp.types) - 12)) / 7.0
    best = pricer.solve(w)
    assert best is not None
    best_value = float(np.dot(w, best))
    threshold = raw_threshold / 7.0
    got = pricer.solve_above(w, threshold)
    if got is None:
        assert best_value <= threshold + 1e-9
    else:
        assert abs(float(np.dot(w, got)) - best_value) <= 1e-9
        feasible = {tuple(c) for c in _feasible_counts(comp)}
        assert tuple(got) in feasible


def _feasible_counts(comp):
    """All feasible compositions of a tiny compiled problem (brute force)."""
    import itertools

    ranges = [range(t.size + 1) for t in comp.types]
    for counts in itertools.product(*ranges):
        if sum(counts) != comp.k:
            continue
        if any(
            not (q.min <= sum(counts[i] for i in ts) <= q.max)
            for q, ts in zip(comp.quotas, comp.quota_types, strict=True)
        ):
            continue
        if any(sum(counts[i] for i in hh) > 1 for hh in comp.households):
            continue
        yield counts


# ---------------------------------------------------------------- relaxation first, then exact


@st.composite
def tight_instances(draw, max_people=8):
    """Binary features and quotas within one of the proportional share: the expectation
    relaxation is often not tight on these (a few percent), so both paths are used."""
    n = draw(st.integers(min_value=3, max_value=max_people))
    n_features = draw(st.integers(min_value=3, max_value=4))
    k = draw(st.integers(min_value=1, max_value=n - 1))
    household_rule = draw(st.booleans())
    people = [
        Person(
            f"p{i}",
            {f"f{j}": draw(st.sampled_from(["v0", "v1"])) for j in range(n_features)},
            f"h{draw(st.integers(min_value=0, max_value=n // 2))}" if household_rule else None,
        )
        for i in range(n)
    ]
    quotas = []
    for j in range(n_features):
        for v in ("v0", "v1"):
            share = round(k * sum(1 for p in people if p.features[f"f{j}"] == v) / n)
            lo = max(0, share - draw(st.integers(min_value=0, max_value=1)))
            hi = min(k, share + draw(st.integers(min_value=0, max_value=1)))
            quotas.append(Quota(f"f{j}", v, lo, hi))
    return SelectionProblem.build(people, quotas, k, household_rule)


@given(tight_instances())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_leximin_matches_brute_force_when_the_relaxation_is_not_tight(problem):
    expected = brute_force_leximin(
        list(problem.people), list(problem.quotas), problem.panel_size, problem.household_rule
    )
    if expected is None:
        with pytest.raises(InfeasibleQuotasError):
            find_distribution(problem)
        return
    dist = find_distribution(problem)
    assert sorted(dist.person_probabilities().values()) == pytest.approx(expected, abs=1e-6)
    mm = find_distribution(problem, "maximin")
    assert mm.min_probability == pytest.approx(expected[0], abs=1e-6)


def _relaxed_and_exact(problem):
    """(relaxed LEXIMIN per type, level-by-level column generation per type)."""
    import numpy as np

    from loting.engine.selection import _Solver, compile_problem

    comp = compile_problem(problem)
    relaxed = _Solver(comp).relaxed_leximin(maximin_only=False)
    fixed, _ = _Solver(comp).leximin(maximin_only=False)
    return relaxed, np.array([fixed[t] for t in range(len(comp.types))])


@pytest.mark.parametrize(
    ("features", "quotas", "k"),
    [
        # Relaxed LEXIMIN gives everyone 1/3 or more; the only feasible panel is p3+p4.
        (
            ["110", "001", "011", "000", "101"],
            [(1, 1, 0, 2), (1, 1, 0, 1), (0, 2, 1, 1)],
            2,
        ),
        # Same minimum (1/2), different deeper levels.
        (
            ["0011", "1110", "0111", "0000", "1011", "1100"],
            [(2, 2, 2, 2), (1, 2, 2, 3), (1, 1, 2, 4), (2, 3, 2, 3)],
            4,
        ),
    ],
)
def test_relaxation_gap_falls_back_to_the_exact_levels(features, quotas, k):
    people = [
        Person(f"p{i}", {f"f{j}": f"v{c}" for j, c in enumerate(bits)})
        for i, bits in enumerate(features)
    ]
    qs = []
    for j, bounds in enumerate(quotas):
        qs.append(Quota(f"f{j}", "v0", bounds[0], bounds[1]))
        qs.append(Quota(f"f{j}", "v1", bounds[2], bounds[3]))
    problem = SelectionProblem.build(people, qs, k)
    expected = brute_force_leximin(people, qs, k)
    relaxed, exact = _relaxed_and_exact(problem)
    assert sorted(relaxed) != pytest.approx(sorted(exact), abs=1e-6)  # the gap is real
    probs = find_distribution(problem).person_probabilities()
    assert sorted(probs.values()) == pytest.approx(expected, abs=1e-6)


@given(instances(max_people=30))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_relaxed_path_agrees_with_the_level_by_level_path(problem):
    """Whenever the relaxed LEXIMIN is reached, it equals the level-by-level LEXIMIN."""
    import numpy as np

    from loting.engine.selection import REACH_TOL, _Solver, compile_problem

    try:
        comp = compile_problem(problem)
        solver = _Solver(comp)
        target = solver.relaxed_leximin(maximin_only=False)
    except InfeasibleQuotasError:
        return
    assert target is not None
    shortfall, x = solver.reach(target)
    if shortfall > REACH_TOL:
        return
    probs = x @ solver.matrix() / solver.sizes
    _, exact = _relaxed_and_exact(problem)
    assert np.allclose(probs, exact, atol=1e-6)
    assert np.allclose(target, exact, atol=1e-6)
