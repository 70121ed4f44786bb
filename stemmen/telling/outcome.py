"""Outcome and explanation types.

Every project gets one :class:`Explanation`: a stable ``code`` plus ``params`` so the
Django layer can render a sentence in Dutch or English.  The codes are listed (with
their parameters) in ``stemmen/telling/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from stemmen.telling.model import Money, money_str

# -- explanation codes ------------------------------------------------------------------
# greedy family (greedy, greedy-no-skip, greedy-threshold, borda, greedy completion)
GREEDY_SELECTED = "greedy.selected"
GREEDY_DOES_NOT_FIT = "greedy.does_not_fit"
GREEDY_GROUP_FULL = "greedy.group_budget_does_not_fit"
GREEDY_STOPPED = "greedy.stopped_before"
GREEDY_BELOW_THRESHOLD = "greedy.below_threshold"
# method of equal shares
MES_SELECTED = "mes.selected"
MES_NOT_AFFORDABLE = "mes.not_affordable"
MES_NO_SUPPORT = "mes.no_support"
MES_ZERO_UTILITY = "mes.zero_utility"
# completion after MES (utilitarian greedy)
COMPLETION_SELECTED = "completion.selected"
COMPLETION_DOES_NOT_FIT = "completion.does_not_fit"
# leftover budget after sub-budgets
LEFTOVER_SELECTED = "leftover.selected"
# projects outside any run (e.g. not eligible in this round)
NOT_ELIGIBLE = "not_eligible"

ALL_CODES: tuple[str, ...] = (
    GREEDY_SELECTED,
    GREEDY_DOES_NOT_FIT,
    GREEDY_GROUP_FULL,
    GREEDY_STOPPED,
    GREEDY_BELOW_THRESHOLD,
    MES_SELECTED,
    MES_NOT_AFFORDABLE,
    MES_NO_SUPPORT,
    MES_ZERO_UTILITY,
    COMPLETION_SELECTED,
    COMPLETION_DOES_NOT_FIT,
    LEFTOVER_SELECTED,
    NOT_ELIGIBLE,
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Fraction):
        return money_str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a project won or lost.

    ``params`` values are ints, strings, bools, ``None``, lists or exact
    :class:`~fractions.Fraction` amounts (money in the election's currency; MES ``rho``).
    :meth:`as_dict` renders Fractions as exact strings (``"1500.5"`` or ``"10/3"``).
    """

    project_id: str
    selected: bool
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "project_id": self.project_id,
            "selected": self.selected,
            "code": self.code,
            "params": _jsonable(self.params),
        }


@dataclass(slots=True)
class Outcome:
    """Result of a tally: the selected ids (in the order the rule picked them) and an
    explanation for every project, plus rule-level details."""

    rule: str
    selected: list[str]
    explanations: dict[str, Explanation]
    budget: Money
    total_cost: Money
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def selected_set(self) -> frozenset[str]:
        return frozenset(self.selected)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "selected": list(self.selected),
            "budget": _jsonable(self.budget),
            "total_cost": _jsonable(self.total_cost),
            "details": _jsonable(self.details),
            "explanations": [e.as_dict() for e in self.explanations.values()],
        }
