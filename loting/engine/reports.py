"""Reports on a selection: probabilities per person and per feature value, min/mean/Gini,
and the quota table (target min/max against the drawn panel)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .selection import Person, Quota, SelectionResult


@dataclass(frozen=True)
class QuotaRow:
    feature: str
    value: str
    min: int
    max: int
    pool: int
    expected: float
    selected: int
    mean_probability: float

    @property
    def met(self) -> bool:
        return self.min <= self.selected <= self.max


@dataclass(frozen=True)
class SelectionReport:
    min_probability: float
    mean_probability: float
    max_probability: float
    gini: float
    quota_table: tuple[QuotaRow, ...]
    probabilities: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        return {
            "min_probability": self.min_probability,
            "mean_probability": self.mean_probability,
            "max_probability": self.max_probability,
            "gini": self.gini,
            "quota_table": [asdict(r) | {"met": r.met} for r in self.quota_table],
            "probabilities": self.probabilities,
        }


def gini(values: Sequence[float]) -> float:
    """Gini coefficient (0 = all equal), ``sum_i sum_j |x_i - x_j| / (2 n^2 mean)``."""
    xs = sorted(values)
    n = len(xs)
    total = sum(xs)
    if n == 0 or total <= 0:
        return 0.0
    weighted = sum((2 * (i + 1) - n - 1) * x for i, x in enumerate(xs))
    return max(0.0, weighted / (n * total))


def selection_report(
    people: Sequence[Person], quotas: Sequence[Quota], result: SelectionResult
) -> SelectionReport:
    probs = result.probabilities
    values = list(probs.values())
    chosen = set(result.panel)
    rows = []
    for q in sorted(quotas, key=lambda q: (q.feature, q.value)):
        members = [p for p in people if p.features.get(q.feature) == q.value]
        expected = sum(probs[p.id] for p in members)
        rows.append(
            QuotaRow(
                feature=q.feature,
                value=q.value,
                min=q.min,
                max=q.max,
                pool=len(members),
                expected=expected,
                selected=sum(1 for p in members if p.id in chosen),
                mean_probability=expected / len(members) if members else 0.0,
            )
        )
    return SelectionReport(
        min_probability=min(values),
        mean_probability=sum(values) / len(values),
        max_probability=max(values),
        gini=gini(values),
        quota_table=tuple(rows),
        probabilities=probs,
    )


def probabilities_by_feature_value(
    people: Sequence[Person], quotas: Sequence[Quota], probabilities: Mapping[str, float]
) -> dict[str, dict[str, float]]:
    """Mean selection probability per feature value, ``{feature: {value: mean}}``."""
    features = sorted({q.feature for q in quotas})
    acc: dict[str, dict[str, list[float]]] = {}
    for p in people:
        for f in features:
            v = p.features[f]
            acc.setdefault(f, {}).setdefault(v, []).append(probabilities[p.id])
    return {
        f: {v: sum(xs) / len(xs) for v, xs in sorted(d.items())} for f, d in sorted(acc.items())
    }
