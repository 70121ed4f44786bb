"""Deterministic synthetic idea rounds for benchmarks (default 100,000 ballots x 100 ideas).

The Django layer uses :func:`synthetic_election` to bench the Celery tally task end to
end; ``bench/bench_telling.py`` can time the engine on it.  Same arguments, same
election (numpy PCG64 seeded generator; no global state).

Model: every idea has a popularity ``p_j`` (Beta(2, 8): most ideas draw 5-40%
support, a few more) and a buurt and a theme; every voter approves each idea
independently with probability ``p_j`` scaled by a personal activity factor, capped at
``max_length`` approvals (the most-liked kept).  Costs are whole euros between 2,000 and
60,000 (rounded to 100).  Ordinal ballots rank the approved ideas by a noisy
preference; cumulative ballots spread ``points_per_voter`` points over them.
"""

from __future__ import annotations

import numpy as np

from stemmen.telling.model import Ballots, Election, Project, SubBudget, VoteType

BUURTEN = ("Oosterpark", "De Wijert", "Selwerd", "Vinkhuizen", "Beijum")
THEMAS = ("groen", "spelen", "ontmoeten", "verkeer", "cultuur")


def synthetic_election(
    num_voters: int = 100_000,
    num_projects: int = 100,
    *,
    seed: int = 20260101,
    vote_type: VoteType = "approval",
    max_length: int = 10,
    budget: int | None = None,
    points_per_voter: int = 10,
    with_sub_budgets: bool = False,
) -> Election:
    """A reproducible election; ``budget`` defaults to about a quarter of the total cost."""
    if num_voters < 0 or num_projects < 1:
        raise ValueError("need at least one project and a non-negative number of voters")
    rng = np.random.Generator(np.random.PCG64(seed))
    popularity = rng.beta(2.0, 8.0, size=num_projects)
    costs = (rng.integers(20, 601, size=num_projects) * 100).astype(np.int64)
    buurt = rng.integers(0, len(BUURTEN), size=num_projects)
    thema = rng.integers(0, len(THEMAS), size=num_projects)
    projects = [
        Project(
            id=f"idee-{j + 1:03d}",
            cost=int(costs[j]),
            name=f"Idee {j + 1} ({THEMAS[thema[j]]}, {BUURTEN[buurt[j]]})",
            categories=(THEMAS[thema[j]],),
            neighborhood=BUURTEN[buurt[j]],
        )
        for j in range(num_projects)
    ]
    total_cost = int(costs.sum())
    if budget is None:
        budget = max(int(costs.max()), (total_cost // 4) // 1000 * 1000)

    indptr_parts: list[np.ndarray] = []
    index_parts: list[np.ndarray] = []
    point_parts: list[np.ndarray] = []
    offset = 0
    chunk = 10_000
    lengths_all: list[np.ndarray] = []
    for start in range(0, num_voters, chunk):
        rows = min(chunk, num_voters - start)
        activity = rng.gamma(2.0, 0.5, size=(rows, 1))
        prob = np.clip(popularity[None, :] * activity, 0.0, 0.95)
        noise = rng.random((rows, num_projects))
        approve = noise < prob
        # keep at most max_length approvals: the ones with the strongest preference
        pref = np.where(approve, noise / np.maximum(prob, 1e-12), np.inf)
        order = np.argsort(pref, axis=1, kind="stable")
        counts = np.minimum(approve.sum(axis=1), max_length)
        empty = counts == 0  # everyone votes for at least one idea
        if empty.any():
            forced = rng.integers(0, num_projects, size=int(empty.sum()))
            order[empty, 0] = forced
            counts[empty] = 1
        mask = np.arange(num_projects)[None, :] < counts[:, None]
        if vote_type == "ordinal":
            chosen = order[mask]
        else:
            chosen = np.sort(np.where(mask, order, num_projects), axis=1)
            chosen = chosen[chosen < num_projects]
        index_parts.append(chosen.astype(np.int64))
        lengths_all.append(counts.astype(np.int64))
        if vote_type == "cumulative":
            pts = np.zeros(len(chosen), dtype=np.int64)
            pos = 0
            for c in counts.tolist():
                split = rng.multinomial(points_per_voter - c, [1.0 / c] * c) + 1
                pts[pos : pos + c] = split
                pos += c
            point_parts.append(pts)
        offset += int(counts.sum())
    lengths = np.concatenate(lengths_all) if lengths_all else np.zeros(0, dtype=np.int64)
    indptr = np.zeros(num_voters + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    indices = np.concatenate(index_parts) if index_parts else np.zeros(0, dtype=np.int64)
    points = None
    if vote_type == "cumulative":
        points = np.concatenate(point_parts) if point_parts else np.zeros(0, dtype=np.int64)
    del indptr_parts
    ballots = Ballots(indptr, indices, points, [f"v{i + 1}" for i in range(num_voters)])
    subs: list[SubBudget] = []
    if with_sub_budgets:
        share = budget // len(BUURTEN)
        subs = [SubBudget("neighborhood", b, share) for b in BUURTEN]
    meta = {
        "description": f"synthetic idea round (seed {seed})",
        "country": "Netherlands",
        "unit": "Groningen",
        "instance": f"synthetic-{seed}",
        "rule": "unknown",
        "max_length": str(max_length),
    }
    if vote_type == "cumulative":
        meta["max_sum_points"] = str(points_per_voter)
    return Election(
        projects=projects,
        ballots=ballots,
        budget=budget,
        vote_type=vote_type,
        sub_budgets=subs,
        meta=meta,
    )
