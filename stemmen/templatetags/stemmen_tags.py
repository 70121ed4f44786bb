from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.safestring import SafeString

from stemmen.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.filter
def euro(cents: int | None) -> str:
    """Integer cents as a euro amount: 2000000 → € 20.000."""
    if cents is None:
        return "—"
    if cents % 100:
        return "€ " + number_format(cents / 100, decimal_pos=2, force_grouping=True)
    return "€ " + number_format(cents // 100, force_grouping=True)


@register.filter
def get_item(d: dict, key: str) -> object:
    return d.get(key) if d else None
