"""Invitation draw (allocation, households, reserves, speed) and uniform draws."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loting.engine import (
    InputError,
    RegisterEntry,
    SequentialDraw,
    invitation_draw,
    largest_remainder_allocation,
    uniform_draw,
)


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=3),
        st.integers(min_value=0, max_value=50),
        min_size=1,
        max_size=8,
    ),
    st.data(),
)
@settings(max_examples=100, deadline=None)
def test_allocation_is_largest_remainder(sizes, data):
    total = sum(sizes.values())
    n = data.draw(st.integers(min_value=0, max_value=total))
    alloc = largest_remainder_allocation(sizes, n)
    assert sum(alloc.values()) == n
    if total == 0:
        return
    for s, size in sizes.items():
        quota = Fraction(n * size, total)
        assert quota - 1 < alloc[s] < quota + 1  # floor or ceil of the exact quota
    # the rounded-up strata are exactly those with the largest remainders (tie-break documented)
    ups = {s for s in sizes if alloc[s] > n * sizes[s] // total}
    order = sorted(sizes, key=lambda s: (-(n * sizes[s] % total), -sizes[s], s))
    assert ups == set(order[: len(ups)])


def test_allocation_known_example_and_tie_break():
    # 10 over sizes 5,3,2 of 10 → exact 5,3,2
    assert largest_remainder_allocation({"a": 5, "b": 3, "c": 2}, 10) == {"a": 5, "b": 3, "c": 2}
    # 2 over three equal strata: remainders tie → names that sort first
    assert largest_remainder_allocation({"b": 1, "a": 1, "c": 1}, 2) == {"a": 1, "b": 1, "c": 0}
    # 3 over 7/3/1 (total 11): quotas 1.909, 0.818, 0.273 → 2, 1, 0
    assert largest_remainder_allocation({"x": 7, "y": 3, "z": 1}, 3) == {"x": 2, "y": 1, "z": 0}


def test_allocation_respects_household_caps():
    alloc = largest_remainder_allocation({"a": 10, "b": 10}, 8, caps={"a": 2, "b": 10})
    assert alloc == {"a": 2, "b": 6}
    with pytest.raises(InputError) as exc:
        largest_remainder_allocation({"a": 3}, 4, caps={"a": 3})
    assert exc.value.code == "not_enough_households"


def _register(n_people, n_streets, household_size):
    return [
        RegisterEntry(
            f"p{i:06d}", f"h{i // household_size}", f"street{(i // household_size) % n_streets:03d}"
        )
        for i in range(n_people)
    ]


@given(
    st.integers(min_value=1, max_value=300),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=4),
    st.text(max_size=6),
    st.data(),
)
@settings(max_examples=40, deadline=None)
def test_invitation_draw_properties(n_people, n_streets, hh_size, seed, data):
    register = _register(n_people, n_streets, hh_size)
    households = len({e.household_id for e in register})
    n = data.draw(st.integers(min_value=0, max_value=households))
    draw = invitation_draw(register, n, seed)
    by_id = {e.person_id: e for e in register}
    invited = draw.invited
    assert len(invited) == n
    # one per household, across invited and reserves
    everyone = invited + [p for s in draw.strata for p in s.reserves]
    assert len({by_id[p].household_id for p in everyone}) == len(everyone)
    for s in draw.strata:
        assert set(s.invited).isdisjoint(s.reserves)
        assert all(by_id[p].stratum == s.stratum for p in (*s.invited, *s.reserves))
        assert len(s.invited) == s.allocation
        assert len(s.reserves) == min(s.allocation, s.households - s.allocation)
    # deterministic
    assert invitation_draw(register, n, seed) == draw


def test_invitation_reserves_are_ordered_continuation():
    register = _register(200, 2, 1)
    short = invitation_draw(register, 20, "s", reserves_per_stratum=3)
    long = invitation_draw(register, 20, "s", reserves_per_stratum=8)
    for a, b in zip(short.strata, long.strata, strict=True):
        assert a.invited == b.invited
        assert b.reserves[:3] == a.reserves


def test_invitation_draw_from_250k_addresses():
    # The time it takes is measured in bench/bench_loting.py, not here.
    register = _register(250_000, 400, 2)
    draw = invitation_draw(register, 2000, "performance")
    assert len(draw.invited) == 2000
    household = {e.person_id: e.household_id for e in register}
    assert len({household[p] for p in draw.invited}) == 2000  # one per household


def test_uniform_draw_replacements():
    council = [f"raadslid{i:02d}" for i in range(45)]
    draw = SequentialDraw(council, 6, "cwr-2026")
    first = list(draw.selected)
    assert len(set(first)) == 6
    seen = set(first)
    for _ in range(10):
        victim = draw.selected[0]
        new = draw.decline(victim)
        assert new is not None
        assert new not in seen  # never someone already selected or declined
        seen.add(new)
        assert len(draw.selected) == 6
    replay = uniform_draw(council, 6, "cwr-2026", declines=draw.declined)
    assert list(replay.selected) == draw.selected
    with pytest.raises(InputError):
        draw.decline("nobody")


def test_uniform_draw_exhaustion_and_bounds():
    draw = SequentialDraw(["a", "b"], 2, "x")
    assert draw.decline("a") is None
    assert draw.selected == ["b"]
    with pytest.raises(InputError):
        SequentialDraw(["a"], 2, "x")
