"""Deterministic, re-implementable randomness for all loting draws.

Every random choice in the engine goes through :class:`SeedStream`. The exact
specification (so that a third party can re-implement it) is in ``README.md`` next
to this file; the known-answer values there are checked by the test-suite.

Summary of the construction (version 1):

* ``seed`` is a text string; its bytes are its UTF-8 encoding.
* A *stream* is identified by the seed and an ASCII *label* naming its purpose.
  Block ``i`` (``i = 0, 1, 2, ...``) of the stream is::

      SHA-256( b"gronings-loting/v1" || 0x00 || u32(len(seed)) || seed
               || u32(len(label)) || label || u64(i) )

  with ``u32``/``u64`` big-endian unsigned integers. The stream's bytes are the
  concatenation of its blocks.
* ``next_u64`` reads the next 8 bytes as a big-endian unsigned integer.
* ``below(n)`` (uniform integer in ``[0, n)``): if ``n == 1`` return 0 without
  reading; otherwise let ``limit = 2**64 - (2**64 mod n)``, read ``x = next_u64``
  until ``x < limit`` and return ``x mod n`` (rejection sampling, no modulo bias).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator, MutableSequence, Sequence
from typing import TypeVar

T = TypeVar("T")

DOMAIN = b"gronings-loting/v1"
COMBINE_DOMAIN = b"gronings-loting/combine/v1"
_TWO64 = 1 << 64


def _u32(n: int) -> bytes:
    return struct.pack(">I", n)


def seed_commitment(seed: str) -> str:
    """SHA-256 of the UTF-8 seed, lowercase hex. Publish before the draw."""
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def verify_commitment(seed: str, commitment: str) -> bool:
    """True when ``seed`` matches a previously published commitment."""
    return seed_commitment(seed) == commitment.strip().lower()


def combine_seed_parts(parts: Sequence[str]) -> str:
    """Combine several seed parts (e.g. a staff seed and dice rolls) into one seed.

    Order-independent: every part is stripped of surrounding whitespace and UTF-8
    encoded; the byte strings are sorted (bytewise); the result is the lowercase hex
    of ``SHA-256(b"gronings-loting/combine/v1" || u32(len(p1)) || p1 || u32(len(p2)) || p2 ...)``.
    """
    if not parts:
        raise ValueError("at least one seed part is needed")
    encoded = sorted(p.strip().encode("utf-8") for p in parts)
    h = hashlib.sha256(COMBINE_DOMAIN)
    for part in encoded:
        h.update(_u32(len(part)))
        h.update(part)
    return h.hexdigest()


class SeedStream:
    """A stream of pseudo-random bytes derived from ``seed`` and a purpose ``label``."""

    def __init__(self, seed: str, label: str) -> None:
        seed_b = seed.encode("utf-8")
        label_b = label.encode("ascii")
        self.seed = seed
        self.label = label
        self._prefix = DOMAIN + b"\x00" + _u32(len(seed_b)) + seed_b + _u32(len(label_b)) + label_b
        self._counter = 0
        self._buffer = b""
        self._pos = 0

    def _refill(self) -> None:
        block = hashlib.sha256(self._prefix + struct.pack(">Q", self._counter)).digest()
        self._counter += 1
        self._buffer = self._buffer[self._pos :] + block
        self._pos = 0

    def read(self, n: int) -> bytes:
        """The next ``n`` bytes of the stream."""
        while len(self._buffer) - self._pos < n:
            self._refill()
        out = self._buffer[self._pos : self._pos + n]
        self._pos += n
        return out

    def next_u64(self) -> int:
        """The next 8 bytes as a big-endian unsigned integer."""
        value: int = struct.unpack(">Q", self.read(8))[0]
        return value

    def below(self, n: int) -> int:
        """Uniform integer in ``[0, n)`` by rejection sampling (``1 <= n <= 2**64``)."""
        if n < 1 or n > _TWO64:
            raise ValueError(f"below(n) needs 1 <= n <= 2**64, got {n}")
        if n == 1:
            return 0
        limit = _TWO64 - (_TWO64 % n)
        while True:
            x = self.next_u64()
            if x < limit:
                return x % n

    def shuffle_prefix(self, items: MutableSequence[T], m: int | None = None) -> None:
        """Forward Fisher-Yates, stopped after ``m`` positions (all when ``None``).

        For ``i = 0 .. m-1``: ``j = i + below(len - i)``; swap ``items[i]`` and
        ``items[j]``. The first ``m`` items are then a uniform ordered sample; a full
        shuffle is the same procedure run to the end, so prefixes agree.
        """
        n = len(items)
        stop = n if m is None else min(m, n)
        for i in range(stop):
            j = i + self.below(n - i)
            items[i], items[j] = items[j], items[i]

    def shuffle(self, items: MutableSequence[T]) -> None:
        """Full forward Fisher-Yates shuffle in place."""
        self.shuffle_prefix(items)

    def iter_permutation(self, items: Sequence[T]) -> Iterator[T]:
        """Lazily yield the items in the order of the forward Fisher-Yates shuffle."""
        work = list(items)
        n = len(work)
        for i in range(n):
            j = i + self.below(n - i)
            work[i], work[j] = work[j], work[i]
            yield work[i]

    def sample(self, items: Sequence[T], k: int) -> list[T]:
        """The first ``k`` items of the forward Fisher-Yates shuffle of ``items``."""
        if k > len(items):
            raise ValueError("sample larger than population")
        work = list(items)
        self.shuffle_prefix(work, k)
        return work[:k]

    def weighted_index(self, weights: Sequence[int]) -> int:
        """Index ``i`` with probability ``weights[i] / sum(weights)`` (non-negative integers).

        ``r = below(sum(weights))``; return the first ``i`` whose cumulative sum
        ``weights[0] + ... + weights[i]`` exceeds ``r``.
        """
        total = sum(weights)
        if total <= 0 or any(w < 0 for w in weights):
            raise ValueError("weights must be non-negative integers with a positive sum")
        r = self.below(total)
        acc = 0
        for i, w in enumerate(weights):
            acc += w
            if r < acc:
                return i
        raise AssertionError("unreachable")  # pragma: no cover
