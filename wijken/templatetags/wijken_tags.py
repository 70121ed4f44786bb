from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

from wijken.geld import euro as _euro

register = template.Library()


@register.filter
def euro(cents: int | None) -> str:
    return _euro(cents)


@register.filter
def euro_rond(cents: int | None) -> str:
    return _euro(cents, decimals=False)


@register.filter
def regels(text: str) -> list[str]:
    """Text with one item per line → the non-empty lines."""
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


@register.filter
def procent(share: float | None) -> str:
    if share is None:
        return "—"
    return f"{share * 100:.0f}%"


@register.filter
def getal(value: Any, decimals: int = 0) -> str:
    """A number with the locale's grouping and ``decimals`` decimals ("—" for None)."""
    if value is None:
        return "—"
    return number_format(value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)
