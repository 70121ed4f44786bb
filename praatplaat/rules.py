"""Permission rules of the praatplaat."""

from __future__ import annotations

from typing import Any

from groningenmodel.permissions import (
    is_gebiedsteam,
    is_raadslid,
    public_rule,
    rule,
    staff_of_wijk,
)


@public_rule("praatplaat.view")
def _view(user: Any, obj: Any) -> bool:
    """Conversations, agreements, comments and evaluations are public (transparency)."""
    return True


@rule("praatplaat.manage")
def _manage(user: Any, wijk: Any) -> bool:
    """Lead conversations, write agreements, record evaluations: the wijk's gebiedsteam."""
    return staff_of_wijk(user, wijk)


@rule("praatplaat.comment")
def _comment(user: Any, wijk: Any) -> bool:
    """Council members comment; the wijk's staff reply in the thread."""
    return is_raadslid(user) or staff_of_wijk(user, wijk)


@rule("praatplaat.council_overview")
def _overview(user: Any, obj: Any) -> bool:
    return is_raadslid(user) or is_gebiedsteam(user)


@rule("praatplaat.raadsrol")
def _raadsrol(user: Any, wijk: Any) -> bool:
    """Only the council records its own role in a wijk."""
    return is_raadslid(user)


@rule("praatplaat.view_names")
def _view_names(user: Any, wijk: Any) -> bool:
    """Names at the table (recorded only with consent) are not published."""
    return is_raadslid(user) or staff_of_wijk(user, wijk)
