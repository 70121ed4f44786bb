"""What the idea rounds hold about a person (shown on 'Your data')."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groningenmodel.privacy import register_eraser, register_section

from .models import Aanvraag, Idee, Reactie, Steun


@register_section(gettext_lazy("Ideas and initiatives"))
def _stemmen(user: Any) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for titel in Idee.objects.filter(indiener=user).values_list("titel", flat=True):
        rows.append((_("Idea you submitted"), titel))
    for titel in Idee.objects.filter(mede_indieners=user).values_list("titel", flat=True):
        rows.append((_("Idea you take part in"), titel))
    n = Steun.objects.filter(user=user).count()
    if n:
        rows.append((_("Ideas you support"), str(n)))
    n = Reactie.objects.filter(auteur=user).count()
    if n:
        rows.append((_("Comments you wrote"), str(n)))
    for titel in Aanvraag.objects.filter(aanvrager=user).values_list("titel", flat=True):
        rows.append((_("Your initiative application"), titel))
    return rows


@register_eraser
def _erase(user: Any) -> None:
    """Ideas and applications stay (they are public record and tied to the open budget)
    without the person's name; their comments are emptied; support and settings go."""
    Reactie.objects.filter(auteur=user).update(
        auteur=None,
        tekst="",
        status=Reactie.Status.VERBORGEN,
        moderatie_reden=_("Removed at the author's request."),
    )
    Steun.objects.filter(user=user).delete()
