"""Display helpers for version diffs: snapshot codes → readable labels."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from wijken.models import Archetype

from ..models import AfspraakStatus, InstrumentSoort, SetStatus, Wie

register = template.Library()

_KEUZES: dict[str, Any] = {
    "wie": Wie,
    "archetype": Archetype,
    "soort": InstrumentSoort,
    "titel_instrumenten": InstrumentSoort,
}


@register.simple_tag
def waarde(veld: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    if veld == "status":
        for status in (SetStatus, AfspraakStatus):
            if value in status.values:
                return str(status(value).label)
    keuzes: Any = _KEUZES.get(veld)
    if keuzes is not None and value in keuzes.values:
        return str(keuzes(value).label)
    return str(value)


@register.simple_tag
def soortlabel(soort: str) -> str:
    return {"afspraken": _("Agreement"), "themas": _("Theme"), "instrumenten": _("Instrument")}.get(
        soort, soort
    )


@register.filter
def div100(cents: int) -> int:
    return int(cents) // 100
