"""What the voting part holds about a person: that they voted (never what)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groningenmodel.privacy import register_section

from .models import Ronde
from .models_stemming import Kiezer


@register_section(gettext_lazy("Voting"))
def _stemming(user: Any) -> list[tuple[str, str]]:
    if not getattr(user, "pk", None):
        return []
    ids = Kiezer.objects.filter(sleutel=f"user:{user.pk}").values_list("ronde_id", flat=True)
    return [
        (_("You voted in (what you chose is not linked to you)"), titel)
        for titel in Ronde.objects.filter(pk__in=ids).values_list("titel", flat=True)
    ]
