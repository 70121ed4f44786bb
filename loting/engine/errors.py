"""Engine exceptions with structured, translatable messages (``code`` + ``params``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


class LotingError(Exception):
    """Base class. ``code`` is a stable identifier, ``params`` the values for the message."""

    code: str = "loting_error"

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.params: dict[str, Any] = params

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "params": self.params}


class InputError(LotingError):
    """Malformed input: unknown feature value, duplicate id, min > max, bad panel size, ..."""

    code = "input_error"


@dataclass(frozen=True)
class QuotaRelaxation:
    """How much one bound must move to make the quotas feasible.

    ``bound`` is ``"min"``, ``"max"`` or ``"panel_size"``; ``current`` the bound now and
    ``suggested`` the bound that, together with the other suggestions, is feasible.
    """

    feature: str
    value: str
    bound: str
    current: int
    suggested: int

    def describe(self) -> str:
        if self.bound == "panel_size":
            return f"lower the panel size from {self.current} to {self.suggested}"
        verb = "lower" if self.bound == "min" else "raise"
        return f"{verb} the {self.bound} of {self.feature}={self.value} from {self.current} to {self.suggested}"


class InfeasibleQuotasError(LotingError):
    """No panel of the requested size meets all quotas (and the household rule).

    ``relaxations`` lists a smallest set of bound changes (found with an integer
    program with slack variables) that makes the quotas feasible; ``conflicting``
    names the quotas involved, as ``(feature, value)`` pairs.
    """

    code = "infeasible_quotas"

    def __init__(self, relaxations: list[QuotaRelaxation], panel_size: int) -> None:
        self.relaxations = relaxations
        self.conflicting = sorted(
            {(r.feature, r.value) for r in relaxations if r.bound != "panel_size"}
        )
        if relaxations:
            hint = "; ".join(r.describe() for r in relaxations)
            names = ", ".join(f"{f}={v}" for f, v in self.conflicting) or "panel size"
            message = (
                f"No panel of {panel_size} people meets all quotas. Quotas in conflict: {names}. "
                f"Suggested relaxation: {hint}."
            )
        else:
            message = f"No panel of {panel_size} people meets all quotas."
        super().__init__(
            message,
            panel_size=panel_size,
            conflicting=[list(c) for c in self.conflicting],
            relaxations=[asdict(r) for r in relaxations],
        )
