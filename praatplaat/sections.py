"""The praatplaat's part of the wijk page and of a person's data overview."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


def wijk_sectie(request: Any, wijk: Any) -> dict[str, Any] | None:
    from .models import Evaluatie
    from .selectors import huidige_set

    s = huidige_set(wijk)
    laatste = Evaluatie.objects.filter(wijk=wijk).first()
    return {"set": s, "themas": list(s.themas.all()) if s else [], "evaluatie": laatste}


def persoonsgegevens(user: Any) -> list[tuple[str, str]]:
    from .models import Commentaar, Gesprek, Raadsrol

    rows = []
    n = Commentaar.objects.filter(auteur=user).count()
    if n:
        rows.append((_("Comments on agreement sets"), str(n)))
    g = Gesprek.objects.filter(door=user).count()
    if g:
        rows.append((_("Conversations you recorded"), str(g)))
    r = Raadsrol.objects.filter(door=user).count()
    if r:
        rows.append((_("Council roles you recorded"), str(r)))
    return rows
