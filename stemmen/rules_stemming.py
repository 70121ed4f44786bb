"""Permission rules of the voting part (imported from stemmen/rules.py)."""

from __future__ import annotations

from typing import Any

from groningenmodel.permissions import is_bewoner, public_rule, rule, staff_of_wijk

from .models import Fase, Ronde, fase_index
from .models_stemming import Peiling


def _ronde(obj: Any) -> Ronde:
    return obj


@rule("stemmen.vote")
def _vote(user: Any, obj: Any) -> bool:
    """Vote with an account: residents of the wijk, once the round is visible."""
    ronde = _ronde(obj)
    return ronde.fase != Fase.CONCEPT and is_bewoner(user, ronde.wijk_id)


@public_rule("stemmen.vote_code")
def _vote_code(user: Any, obj: Any) -> bool:
    """Vote with a voting code from a letter: anyone holding a code (checked in the view)."""
    return _ronde(obj).fase != Fase.CONCEPT


@public_rule("stemmen.view_uitslag")
def _view_uitslag(user: Any, obj: Any) -> bool:
    """The result is public once voting has closed; staff of the wijk see it earlier."""
    ronde = _ronde(obj)
    return fase_index(ronde.fase) >= fase_index(Fase.UITSLAG) or staff_of_wijk(user, ronde.wijk)


@rule("stemmen.run_stemming")
def _run_stemming(user: Any, obj: Any) -> bool:
    """Voting codes, paper ballots, tallies, turnout, pabulib import/export."""
    wijk = obj.wijk if isinstance(obj, Ronde | Peiling) else obj
    return staff_of_wijk(user, wijk)


@rule("stemmen.manage_peiling")
def _manage_peiling(user: Any, obj: Any) -> bool:
    wijk = obj.wijk if isinstance(obj, Peiling) else obj
    return staff_of_wijk(user, wijk)


@public_rule("stemmen.answer_peiling")
def _answer_peiling(user: Any, obj: Any) -> bool:
    """Panel members answer through their personal link (the token is checked in the view)."""
    return True


from . import privacy_stemming  # noqa: E402,F401
