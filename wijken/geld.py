"""Money is integer cents; this formats it for people (Dutch style: € 1.234,56)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language


def euro(cents: int | None, *, decimals: bool = True) -> str:
    if cents is None:
        return "—"
    neg = cents < 0
    cents = abs(int(cents))
    whole, rest = divmod(cents, 100)
    en = (get_language() or "nl").startswith("en")
    thousands, dec = (",", ".") if en else (".", ",")
    groups = f"{whole:,}".replace(",", thousands)
    text = f"{groups}{dec}{rest:02d}" if decimals else groups
    return f"{'−' if neg else ''}€\u00a0{text}"


def parse_euro(text: str) -> int:
    """'1.234,56', '1234.56', '€ 500' → cents. Raises ValueError."""
    t = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if not t:
        raise ValueError("empty")
    if "," in t and "." in t:
        # The last separator is the decimal one.
        if t.rfind(",") > t.rfind("."):
            t = t.replace(".", "").replace(",", ".")
        else:
            t = t.replace(",", "")
    elif "," in t:
        t = t.replace(",", ".")
    elif t.count(".") == 1 and len(t.split(".")[1]) == 3:
        t = t.replace(".", "")  # 1.500 → 1500 (Dutch thousands)
    try:
        value = Decimal(t)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    cents = value * 100
    if cents != cents.to_integral_value():
        raise ValueError(text)
    return int(cents)
