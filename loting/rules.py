"""Permission rules of the loting app."""

from __future__ import annotations

from typing import Any

from groningenmodel.permissions import is_authenticated, public_rule, rule, staff_of_wijk


def _wijk_of(obj: Any) -> Any:
    """The wijk of a Wijk, Loting, Orgaan, Zetel or Uitnodiging."""
    for attr in ("wijk", "orgaan", "loting"):
        if hasattr(obj, attr) and obj.__class__.__name__ != "Wijk":
            return _wijk_of(getattr(obj, attr))
    return obj


@public_rule("loting.view")
def _view(user: Any, obj: Any) -> bool:
    """Public lottery pages, bundles and verification: everyone."""
    return True


@public_rule("loting.respond")
def _respond(user: Any, obj: Any) -> bool:
    """Answering an invitation with its code: no account needed."""
    return True


@rule("loting.manage")
def _manage(user: Any, obj: Any) -> bool:
    """Run lotteries, record answers, manage seats: gebiedsteam of the wijk's stadsdeel."""
    return staff_of_wijk(user, _wijk_of(obj))


@rule("loting.manage_any")
def _manage_any(user: Any, obj: Any) -> bool:
    """The staff overview of lotteries: any gebiedsteam member (filtered per stadsdeel)."""
    from groningenmodel.permissions import is_gebiedsteam

    return is_gebiedsteam(user)


@rule("loting.own_data")
def _own_data(user: Any, obj: Any) -> bool:
    return is_authenticated(user)
