"""Verification bundles: everything needed to re-run a draw, as plain JSON.

A bundle holds the published inputs (pseudonymous ids only), the parameters, the seed,
its commitment and the outcome. :func:`verify_bundle` re-runs the draw and compares.
Kinds: ``quota_selection``, ``invitation_draw`` and ``uniform_draw``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError
from .invitation import InvitationDraw, RegisterEntry, invitation_draw
from .rng import combine_seed_parts, seed_commitment
from .selection import Person, Quota, SelectionProblem, SelectionResult, select_panel
from .uniform import UniformDrawResult, uniform_draw
from .version import BUNDLE_FORMAT, ENGINE_VERSION

#: Person probabilities may differ by at most this between the bundle and a re-run.
PROBABILITY_TOLERANCE = 1e-6


def _header(kind: str, seed: str, seed_parts: Sequence[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format": BUNDLE_FORMAT,
        "kind": kind,
        "engine_version": ENGINE_VERSION,
        "seed": seed,
        "seed_commitment": seed_commitment(seed),
    }
    if seed_parts:
        out["seed_parts"] = list(seed_parts)
    return out


def selection_outcome(result: SelectionResult) -> dict[str, Any]:
    return {
        "panel": list(result.panel),
        "panel_index": result.panel_index,
        "min_probability": result.distribution.min_probability,
        "probabilities": result.probabilities,
        "distribution": result.distribution.panels_json(),
    }


def selection_bundle(
    problem: SelectionProblem, result: SelectionResult, seed_parts: Sequence[str] | None = None
) -> dict[str, Any]:
    """Bundle for a quota selection (``problem`` must carry pseudonymous ids only)."""
    return _header("quota_selection", result.seed, seed_parts) | {
        "inputs": {
            "panel_size": problem.panel_size,
            "algorithm": result.algorithm,
            "household_rule": problem.household_rule,
            "quotas": [
                {
                    "feature": q.feature,
                    "value": q.value,
                    "min": q.min,
                    "max": q.max,
                    "min_flex": q.min_flex,
                    "max_flex": q.max_flex,
                }
                for q in problem.quotas
            ],
            "people": [
                {"id": p.id, "features": dict(p.features), "household": p.household}
                for p in problem.people
            ],
        },
        "outcome": selection_outcome(result),
    }


def invitation_bundle(
    register: Sequence[RegisterEntry],
    draw: InvitationDraw,
    reserves_per_stratum: int | None,
    seed_parts: Sequence[str] | None = None,
) -> dict[str, Any]:
    return _header("invitation_draw", draw.seed, seed_parts) | {
        "inputs": {
            "n": draw.n,
            "reserves_per_stratum": reserves_per_stratum,
            "register": [[e.person_id, e.household_id, e.stratum] for e in register],
        },
        "outcome": {"strata": draw.as_dict()["strata"]},
    }


def uniform_bundle(
    candidates: Sequence[str],
    result: UniformDrawResult,
    label: str = "default",
    seed_parts: Sequence[str] | None = None,
) -> dict[str, Any]:
    return _header("uniform_draw", result.seed, seed_parts) | {
        "inputs": {
            "candidates": list(candidates),
            "k": result.k,
            "label": label,
            "declines": list(result.declined),
        },
        "outcome": {
            "selected": list(result.selected),
            "replacements": [list(r) for r in result.replacements],
        },
    }


@dataclass
class VerificationResult:
    matches: bool
    kind: str
    commitment_ok: bool
    engine_version_bundle: str
    engine_version_now: str = ENGINE_VERSION
    messages: list[str] = field(default_factory=list)
    recomputed: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "matches": self.matches,
            "kind": self.kind,
            "commitment_ok": self.commitment_ok,
            "engine_version_bundle": self.engine_version_bundle,
            "engine_version_now": self.engine_version_now,
            "messages": self.messages,
        }


def bundle_problem(bundle: dict[str, Any]) -> SelectionProblem:
    inp = bundle["inputs"]
    return SelectionProblem.build(
        people=[Person(p["id"], dict(p["features"]), p.get("household")) for p in inp["people"]],
        quotas=[
            Quota(
                q["feature"],
                q["value"],
                int(q["min"]),
                int(q["max"]),
                q.get("min_flex"),
                q.get("max_flex"),
            )
            for q in inp["quotas"]
        ],
        panel_size=int(inp["panel_size"]),
        household_rule=bool(inp.get("household_rule", False)),
    )


def verify_bundle(bundle: dict[str, Any]) -> VerificationResult:
    """Re-run the draw described by ``bundle`` and compare with its recorded outcome."""
    if bundle.get("format") != BUNDLE_FORMAT:
        raise InputError(
            f"Unknown bundle format {bundle.get('format')!r}.",
            code="bad_bundle",
            format=bundle.get("format"),
        )
    kind = str(bundle.get("kind"))
    seed = str(bundle["seed"])
    messages: list[str] = []
    commitment_ok = seed_commitment(seed) == str(bundle.get("seed_commitment", "")).lower()
    if not commitment_ok:
        messages.append("The seed does not match the published seed commitment.")
    if bundle.get("seed_parts") and combine_seed_parts(bundle["seed_parts"]) != seed:
        commitment_ok = False
        messages.append("The seed is not the combination of the listed seed parts.")
    version = str(bundle.get("engine_version", ""))
    if version != ENGINE_VERSION:
        messages.append(f"Bundle made with engine {version}, re-run with {ENGINE_VERSION}.")
    recorded = bundle["outcome"]
    same = True
    recomputed: dict[str, Any]
    if kind == "quota_selection":
        problem = bundle_problem(bundle)
        result = select_panel(problem, seed, bundle["inputs"].get("algorithm", "leximin"))
        recomputed = selection_outcome(result)
        if list(recorded["panel"]) != recomputed["panel"]:
            same = False
            messages.append("The re-run drew a different panel.")
        old, new = recorded.get("probabilities", {}), recomputed["probabilities"]
        if set(old) != set(new):
            same = False
            messages.append("The re-run has a different set of people.")
        else:
            diff = max((abs(old[k] - new[k]) for k in new), default=0.0)
            if diff > PROBABILITY_TOLERANCE:
                same = False
                messages.append(f"Selection probabilities differ by up to {diff:.2e}.")
    elif kind == "invitation_draw":
        inp = bundle["inputs"]
        register = [RegisterEntry(str(a), str(b), str(c)) for a, b, c in inp["register"]]
        draw = invitation_draw(register, int(inp["n"]), seed, inp.get("reserves_per_stratum"))
        recomputed = {"strata": draw.as_dict()["strata"]}
        if recomputed["strata"] != recorded["strata"]:
            same = False
            messages.append("The re-run drew different invitations or reserves.")
    elif kind == "uniform_draw":
        inp = bundle["inputs"]
        res = uniform_draw(
            inp["candidates"],
            int(inp["k"]),
            seed,
            inp.get("declines", []),
            inp.get("label", "default"),
        )
        recomputed = {
            "selected": list(res.selected),
            "replacements": [list(r) for r in res.replacements],
        }
        if recomputed != {
            "selected": recorded["selected"],
            "replacements": recorded["replacements"],
        }:
            same = False
            messages.append("The re-run drew different people.")
    else:
        raise InputError(f"Unknown bundle kind {kind!r}.", code="bad_bundle", kind=kind)
    if same and commitment_ok:
        messages.insert(0, "The re-run gives the same outcome.")
    return VerificationResult(
        matches=same and commitment_ok,
        kind=kind,
        commitment_ok=commitment_ok,
        engine_version_bundle=version,
        messages=messages,
        recomputed=recomputed,
    )
