"""Named permission rules of the idea rounds (see groningenmodel.permissions)."""

from __future__ import annotations

from typing import Any

from groningenmodel.permissions import (
    is_authenticated,
    is_bewoner,
    public_rule,
    rule,
    staff_of_wijk,
)

from .models import Aanvraag, Fase, Idee, Reactie, Ronde


def _wijk(obj: Any) -> Any:
    if isinstance(obj, Ronde):
        return obj.wijk
    if isinstance(obj, Idee):
        return obj.ronde.wijk
    if isinstance(obj, Reactie):
        return obj.idee.ronde.wijk
    if isinstance(obj, Aanvraag):
        return obj.wijk
    return obj  # a Wijk


def _ronde(obj: Any) -> Ronde:
    return obj if isinstance(obj, Ronde) else obj.ronde


@public_rule("stemmen.view")
def _view(user: Any, obj: Any) -> bool:
    """Public pages: the overview, a wijk's feed."""
    return True


@public_rule("stemmen.view_ronde")
def _view_ronde(user: Any, obj: Any) -> bool:
    """Rounds and their ideas are public once the round has opened; staff see drafts."""
    ronde = _ronde(obj)
    return ronde.fase != Fase.CONCEPT or staff_of_wijk(user, ronde.wijk)


@rule("stemmen.manage_ronde")
def _manage_ronde(user: Any, obj: Any) -> bool:
    return staff_of_wijk(user, _wijk(obj))


@rule("stemmen.submit_idee")
def _submit_idee(user: Any, obj: Any) -> bool:
    return is_bewoner(user, _wijk(obj).id)


@rule("stemmen.take_part")
def _take_part(user: Any, obj: Any) -> bool:
    """Support, comment, join as co-initiator: residents of the wijk."""
    return is_bewoner(user, _wijk(obj).id)


@rule("stemmen.edit_idee")
def _edit_idee(user: Any, obj: Idee) -> bool:
    return obj.indiener_id == user.pk and is_bewoner(user, obj.ronde.wijk_id)


@rule("stemmen.answer_idee")
def _answer_idee(user: Any, obj: Idee) -> bool:
    return obj.indiener_id == user.pk


@rule("stemmen.report")
def _report(user: Any, obj: Any) -> bool:
    return is_authenticated(user)


@rule("stemmen.moderate")
def _moderate(user: Any, obj: Any) -> bool:
    return staff_of_wijk(user, _wijk(obj))


@rule("stemmen.screen_idee")
def _screen(user: Any, obj: Any) -> bool:
    return staff_of_wijk(user, _wijk(obj))


@rule("stemmen.apply")
def _apply(user: Any, obj: Any) -> bool:
    return is_bewoner(user, _wijk(obj).id)


@rule("stemmen.list_aanvragen")
def _list_aanvragen(user: Any, obj: Any) -> bool:
    """The wijk's applications: staff see all; residents of the wijk see their own."""
    return staff_of_wijk(user, obj) or is_bewoner(user, obj.id)


@rule("stemmen.view_aanvraag")
def _view_aanvraag(user: Any, obj: Aanvraag) -> bool:
    return obj.aanvrager_id == user.pk or staff_of_wijk(user, obj.wijk)


@rule("stemmen.decide_aanvraag")
def _decide(user: Any, obj: Aanvraag) -> bool:
    return staff_of_wijk(user, obj.wijk)


@rule("stemmen.settings")
def _settings(user: Any, obj: Any) -> bool:
    return is_authenticated(user)


from . import rules_stemming  # noqa: E402,F401
