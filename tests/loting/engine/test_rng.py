"""Known-answer and property tests for the seeded random stream (README section 2)."""

import hashlib
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loting.engine.rng import SeedStream, combine_seed_parts, seed_commitment, verify_commitment
from loting.engine.uniform import uniform_draw

SEED = "gronings-model"


def test_commitment_known_answer():
    assert (
        seed_commitment(SEED) == "0338cfa4a4ea514666545e9329fce4a4e74a9a3c2713914942fb05a30a116ee9"
    )
    assert verify_commitment(
        SEED, "0338CFA4A4EA514666545E9329FCE4A4E74A9A3C2713914942FB05A30A116EE9"
    )
    assert not verify_commitment(SEED + " ", seed_commitment(SEED))


def test_block_zero_matches_the_written_construction():
    s, label = SEED.encode(), b"test"
    preimage = (
        b"gronings-loting/v1\x00"
        + struct.pack(">I", len(s))
        + s
        + struct.pack(">I", len(label))
        + label
        + struct.pack(">Q", 0)
    )
    expected = "b3d4c297e8afbc7dd60899a070eab740008c9190f8c827d18c867f0b9e28c164"
    assert hashlib.sha256(preimage).hexdigest() == expected
    assert SeedStream(SEED, "test").read(32).hex() == expected


def test_known_answers():
    s = SeedStream(SEED, "test")
    assert [s.next_u64() for _ in range(3)] == [
        12958195985551441021,
        15422745838298511168,
        39566548574676945,
    ]
    s = SeedStream(SEED, "test")
    assert [s.below(6) + 1 for _ in range(10)] == [2, 1, 4, 1, 4, 1, 4, 6, 2, 5]
    s = SeedStream(SEED, "test")
    items = list(range(10))
    s.shuffle(items)
    assert items == [1, 0, 3, 5, 7, 2, 4, 9, 6, 8]
    # rejection: the first two u64 are >= limit = 2^63 + 1 and are rejected
    assert SeedStream(SEED, "test").below(2**63 + 1) == 39566548574676945
    assert uniform_draw([f"c{i:02d}" for i in range(1, 46)], 6, SEED).selected == (
        "c36",
        "c06",
        "c16",
        "c09",
        "c32",
        "c28",
    )


def test_combine_known_answer_and_order_independence():
    a = combine_seed_parts(["staff-2026-11-22", "dice 3 6 1 4"])
    b = combine_seed_parts([" dice 3 6 1 4 ", "staff-2026-11-22"])
    assert a == b == "039ed27e1e9af8cd10b06ff7fdddbe37345f48ab11231c55cc925e8c2169aa91"
    assert combine_seed_parts(["staff-2026-11-22", "dice 3 6 1 5"]) != a
    with pytest.raises(ValueError):
        combine_seed_parts([])


@given(st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=4), st.randoms())
@settings(max_examples=40, deadline=None)
def test_combine_is_order_independent(parts, rnd):
    shuffled = list(parts)
    rnd.shuffle(shuffled)
    assert combine_seed_parts(parts) == combine_seed_parts(shuffled)


def test_length_prefix_prevents_ambiguity():
    assert combine_seed_parts(["ab", "c"]) != combine_seed_parts(["a", "bc"])
    assert SeedStream("ab", "c").read(8) != SeedStream("a", "bc").read(8)


@given(st.text(max_size=10), st.integers(min_value=1, max_value=2**64))
@settings(max_examples=100, deadline=None)
def test_below_in_range(seed, n):
    s = SeedStream(seed, "prop")
    for _ in range(5):
        assert 0 <= s.below(n) < n


def test_below_rejects_bad_n():
    with pytest.raises(ValueError):
        SeedStream("x", "y").below(0)
    with pytest.raises(ValueError):
        SeedStream("x", "y").below(2**64 + 1)


def test_below_is_roughly_uniform():
    s = SeedStream("uniformity", "test")
    counts = [0] * 6
    for _ in range(60000):
        counts[s.below(6)] += 1
    # 6 sigma band around 10000 (sd ~ 91)
    assert all(abs(c - 10000) < 550 for c in counts), counts


@given(
    st.lists(st.integers(), max_size=30),
    st.text(max_size=5),
    st.integers(min_value=0, max_value=30),
)
@settings(max_examples=60, deadline=None)
def test_shuffle_prefix_is_prefix_of_full_shuffle(items, seed, k):
    full = list(items)
    SeedStream(seed, "p").shuffle(full)
    assert sorted(full) == sorted(items)
    k = min(k, len(items))
    assert SeedStream(seed, "p").sample(items, k) == full[:k]
    assert list(SeedStream(seed, "p").iter_permutation(items)) == full


def test_weighted_index():
    s = SeedStream("w", "t")
    hits = [0, 0, 0]
    for _ in range(3000):
        hits[s.weighted_index([0, 1, 2])] += 1
    assert hits[0] == 0
    assert 800 < hits[1] < 1200
    with pytest.raises(ValueError):
        s.weighted_index([0, 0])
