"""Invitation draw from an address register, stratified (by street or buurt).

1. Allocation: ``n`` invitations are spread over strata in proportion to the number of
   eligible people per stratum, by largest remainder (Hamilton): each stratum gets
   ``floor(n * size / total)``; the remaining invitations go one each to the strata
   with the largest remainders ``(n * size) mod total``, ties broken by the larger
   stratum, then by the stratum name (Unicode code-point order). A stratum never gets
   more invitations than it has households; the excess is re-allocated the same way over
   the other strata (repeat until nothing is capped).
2. Draw per stratum, stream label ``invitation/<stratum>``: the stratum's people,
   sorted by id (code-point order), are put in forward Fisher-Yates order; walking that
   order, a person is taken when nobody from their household has been taken yet. The
   first ``allocation`` taken are invited; the next ``reserves`` form the ordered
   reserve list (replacements are taken from its front, in order).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .errors import InputError
from .rng import SeedStream, seed_commitment


@dataclass(frozen=True)
class RegisterEntry:
    """One eligible person in the register (use the address as household id)."""

    person_id: str
    household_id: str
    stratum: str


@dataclass(frozen=True)
class StratumDraw:
    stratum: str
    size: int
    households: int
    allocation: int
    invited: tuple[str, ...]
    reserves: tuple[str, ...]


@dataclass(frozen=True)
class InvitationDraw:
    n: int
    seed: str
    seed_commitment: str
    strata: tuple[StratumDraw, ...] = field(default_factory=tuple)

    @property
    def invited(self) -> list[str]:
        return [p for s in self.strata for p in s.invited]

    @property
    def allocation(self) -> dict[str, int]:
        return {s.stratum: s.allocation for s in self.strata}

    def as_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "seed": self.seed,
            "seed_commitment": self.seed_commitment,
            "strata": [
                {
                    "stratum": s.stratum,
                    "size": s.size,
                    "households": s.households,
                    "allocation": s.allocation,
                    "invited": list(s.invited),
                    "reserves": list(s.reserves),
                }
                for s in self.strata
            ],
        }


def largest_remainder_allocation(
    sizes: Mapping[str, int], n: int, caps: Mapping[str, int] | None = None
) -> dict[str, int]:
    """Allocate ``n`` units over strata proportionally to ``sizes`` (see module doc)."""
    if n < 0:
        raise InputError("The number to draw must not be negative.", code="bad_count", n=n)
    cap = dict(caps) if caps is not None else dict(sizes)
    if n > sum(min(cap[s], sizes[s]) for s in sizes):
        raise InputError(
            f"Cannot draw {n}: the register has only {sum(cap.values())} households.",
            code="not_enough_households",
            n=n,
            available=sum(cap.values()),
        )
    result = dict.fromkeys(sizes, 0)
    open_strata = [s for s in sizes if sizes[s] > 0]
    remaining = n
    while remaining > 0:
        total = sum(sizes[s] for s in open_strata)
        alloc = {s: remaining * sizes[s] // total for s in open_strata}
        rems = {s: remaining * sizes[s] % total for s in open_strata}
        left = remaining - sum(alloc.values())
        for s in sorted(open_strata, key=lambda s: (-rems[s], -sizes[s], s))[:left]:
            alloc[s] += 1
        over = [s for s in open_strata if result[s] + alloc[s] > cap[s]]
        if not over:
            for s in open_strata:
                result[s] += alloc[s]
            break
        for s in over:
            remaining -= cap[s] - result[s]
            result[s] = cap[s]
        open_strata = [s for s in open_strata if s not in over]
    return result


def invitation_draw(
    register: Iterable[RegisterEntry], n: int, seed: str, reserves_per_stratum: int | None = None
) -> InvitationDraw:
    """Draw ``n`` invitations, at most one per household, with ordered reserves.

    ``reserves_per_stratum``: reserve-list length per stratum (default: as many as the
    stratum's allocation).
    """
    by_stratum: dict[str, list[RegisterEntry]] = {}
    seen: set[str] = set()
    for e in register:
        if e.person_id in seen:
            raise InputError(
                f"Duplicate person id {e.person_id!r}.", code="duplicate_id", id=e.person_id
            )
        seen.add(e.person_id)
        by_stratum.setdefault(e.stratum, []).append(e)
    sizes = {s: len(v) for s, v in by_stratum.items()}
    households = {s: len({e.household_id for e in v}) for s, v in by_stratum.items()}
    allocation = largest_remainder_allocation(sizes, n, households)
    strata = []
    for stratum in sorted(by_stratum):
        people = sorted(by_stratum[stratum], key=lambda e: e.person_id)
        want = allocation[stratum]
        reserve_n = want if reserves_per_stratum is None else reserves_per_stratum
        stream = SeedStream(seed, f"invitation/{stratum}")
        taken: list[str] = []
        used: set[str] = set()
        if want + reserve_n > 0:
            for e in stream.iter_permutation(people):
                if e.household_id in used:
                    continue
                used.add(e.household_id)
                taken.append(e.person_id)
                if len(taken) == want + reserve_n:
                    break
        strata.append(
            StratumDraw(
                stratum=stratum,
                size=sizes[stratum],
                households=households[stratum],
                allocation=want,
                invited=tuple(taken[:want]),
                reserves=tuple(taken[want:]),
            )
        )
    return InvitationDraw(
        n=n, seed=seed, seed_commitment=seed_commitment(seed), strata=tuple(strata)
    )
