"""Uniform draw of ``k`` from a list, with replacement on decline.

Stream label ``uniform/<label>``; candidates sorted by id (code-point order) and taken in
forward Fisher-Yates order. The first ``k`` are selected; each decline is replaced by the
next candidate in that order, so a replacement is never someone already selected or
declined. Replaying the same declines in the same order gives the same outcome.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .errors import InputError
from .rng import SeedStream, seed_commitment


@dataclass(frozen=True)
class UniformDrawResult:
    seed: str
    seed_commitment: str
    k: int
    selected: tuple[str, ...]
    declined: tuple[str, ...]
    replacements: tuple[tuple[str, str | None], ...]


class SequentialDraw:
    """Draw ``k`` of ``candidates``; call :meth:`decline` for each person who says no."""

    def __init__(
        self, candidates: Iterable[str], k: int, seed: str, label: str = "default"
    ) -> None:
        pool = sorted(set(candidates))
        if k < 0 or k > len(pool):
            raise InputError(
                f"Cannot draw {k} from {len(pool)} candidates.",
                code="bad_count",
                k=k,
                pool=len(pool),
            )
        self.seed = seed
        self.k = k
        self._order: Iterator[str] = SeedStream(seed, f"uniform/{label}").iter_permutation(pool)
        self.selected: list[str] = [next(self._order) for _ in range(k)]
        self.declined: list[str] = []
        self.replacements: list[tuple[str, str | None]] = []

    def decline(self, person_id: str) -> str | None:
        """Replace a selected person who declined; ``None`` when the list is exhausted."""
        if person_id not in self.selected:
            raise InputError(
                f"{person_id!r} is not currently selected.", code="not_selected", id=person_id
            )
        self.selected.remove(person_id)
        self.declined.append(person_id)
        replacement = next(self._order, None)
        if replacement is not None:
            self.selected.append(replacement)
        self.replacements.append((person_id, replacement))
        return replacement

    def result(self) -> UniformDrawResult:
        return UniformDrawResult(
            seed=self.seed,
            seed_commitment=seed_commitment(self.seed),
            k=self.k,
            selected=tuple(self.selected),
            declined=tuple(self.declined),
            replacements=tuple(self.replacements),
        )


def uniform_draw(
    candidates: Iterable[str],
    k: int,
    seed: str,
    declines: Sequence[str] = (),
    label: str = "default",
) -> UniformDrawResult:
    """Draw ``k`` and replay ``declines`` in order (for verification)."""
    draw = SequentialDraw(candidates, k, seed, label)
    for person_id in declines:
        draw.decline(person_id)
    return draw.result()
