"""Server-side inline SVG charts (no JavaScript). Every chart has a title and a short
description for screen readers; pages show the numbers in a table beside it."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = int | float | Decimal

# Colours with at least 3:1 contrast against white (WCAG 1.4.11 non-text contrast).
PALET = [
    "#0b5c36",  # groen
    "#1f4e9c",  # blauw
    "#a4112a",  # rood
    "#6b4500",  # bruin
    "#6a2c91",  # paars
    "#00666e",  # petrol
    "#b3400b",  # oranje
    "#3d4a57",  # leisteen
    "#7a1f5c",  # aubergine
    "#4d6b00",  # olijf
]


@dataclass(frozen=True)
class Reeks:
    label: str
    punten: Sequence[tuple[int, Number | None]]
    kleur: str = PALET[0]
    gestreept: bool = False


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if hi == lo:
        hi = lo + 1
    raw = (hi - lo) / max(1, n - 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    t = start
    while t <= hi + step * 0.001:
        ticks.append(round(t, 10))
        t += step
    if ticks[-1] < hi:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _fmt_default(v: float) -> str:
    from django.utils.formats import number_format

    return number_format(
        v, decimal_pos=0 if float(v).is_integer() else 1, use_l10n=True, force_grouping=True
    )


def lijngrafiek(
    *,
    id: str,
    titel: str,
    beschrijving: str,
    reeksen: Sequence[Reeks],
    fmt: Callable[[float], str] = _fmt_default,
    breedte: int = 560,
    hoogte: int = 260,
) -> SafeString:
    """Lines over years (x: years, y: values); a legend names each line."""
    jaren = sorted({j for r in reeksen for j, v in r.punten if v is not None})
    waarden = [float(v) for r in reeksen for _j, v in r.punten if v is not None]
    links, rechts, boven, onder = 64, 16, 40, 34
    if not jaren or not waarden:
        return mark_safe("")
    lo, hi = min(waarden), max(waarden)
    if lo >= 0 and lo < 0.35 * hi:
        lo = 0.0
    ticks = _nice_ticks(lo, hi)
    y0, y1 = ticks[0], ticks[-1]
    pw, ph = breedte - links - rechts, hoogte - boven - onder

    def x(j: int) -> float:
        if len(jaren) == 1:
            return links + pw / 2
        return links + pw * (jaren.index(j) / (len(jaren) - 1))

    def y(v: float) -> float:
        return boven + ph * (1 - (v - y0) / ((y1 - y0) or 1))

    out = [
        f'<svg class="chart" viewBox="0 0 {breedte} {hoogte}" width="{breedte}" height="{hoogte}" '
        f'role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{id}-t">{escape(titel)}</title><desc id="{id}-d">{escape(beschrijving)}</desc>',
    ]
    for t in ticks:
        out.append(
            f'<line x1="{links}" x2="{breedte - rechts}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
            f'stroke="#c9d1d9" stroke-width="1"/>'
            f'<text x="{links - 6}" y="{y(t) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#1b1f23">{escape(fmt(t))}</text>'
        )
    for j in jaren:
        out.append(
            f'<text x="{x(j):.1f}" y="{hoogte - onder + 18}" text-anchor="middle" font-size="12" '
            f'fill="#1b1f23">{j}</text>'
        )
    lx = links
    for i, r in enumerate(reeksen):
        pts = [(x(j), y(float(v))) for j, v in r.punten if v is not None]
        dash = ' stroke-dasharray="6 4"' if r.gestreept else ""
        if len(pts) > 1:
            d = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
            out.append(
                f'<polyline points="{d}" fill="none" stroke="{r.kleur}" stroke-width="2.5"{dash}/>'
            )
        for px, py in pts:
            if i % 2:
                out.append(
                    f'<rect x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8" fill="#fff" '
                    f'stroke="{r.kleur}" stroke-width="2"/>'
                )
            else:
                out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{r.kleur}"/>')
        # Legend (top)
        out.append(
            f'<line x1="{lx}" x2="{lx + 24}" y1="14" y2="14" stroke="{r.kleur}" '
            f'stroke-width="2.5"{dash}/>'
            f'<text x="{lx + 30}" y="18" font-size="12" fill="#1b1f23">{escape(r.label)}</text>'
        )
        lx += 40 + 7 * len(r.label)
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — every label is escaped above


def staafgrafiek(
    *,
    id: str,
    titel: str,
    beschrijving: str,
    groepen: Sequence[str],
    reeksen: Sequence[tuple[str, Sequence[Number]]],
    fmt: Callable[[float], str] = _fmt_default,
    breedte: int = 560,
    hoogte: int = 280,
) -> SafeString:
    """Stacked bars: one bar per group (e.g. year), one segment per series (category)."""
    if not groepen or not reeksen:
        return mark_safe("")
    totalen = [sum(float(r[1][g]) for r in reeksen) for g in range(len(groepen))]
    legend_rows = math.ceil(len(reeksen) / 2)
    links, rechts, boven, onder = 72, 16, 16, 30 + 18 * legend_rows
    ticks = _nice_ticks(0, max(totalen) or 1)
    y1 = ticks[-1]
    pw, ph = breedte - links - rechts, hoogte - boven - onder
    slot = pw / len(groepen)
    bw = min(56, slot * 0.6)

    def y(v: float) -> float:
        return boven + ph * (1 - v / (y1 or 1))

    out = [
        f'<svg class="chart" viewBox="0 0 {breedte} {hoogte}" width="{breedte}" height="{hoogte}" '
        f'role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{id}-t">{escape(titel)}</title><desc id="{id}-d">{escape(beschrijving)}</desc>',
    ]
    for t in ticks:
        out.append(
            f'<line x1="{links}" x2="{breedte - rechts}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
            f'stroke="#c9d1d9" stroke-width="1"/>'
            f'<text x="{links - 6}" y="{y(t) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#1b1f23">{escape(fmt(t))}</text>'
        )
    for g, naam in enumerate(groepen):
        cx = links + slot * (g + 0.5)
        acc = 0.0
        for i, (_label, vals) in enumerate(reeksen):
            v = float(vals[g])
            if v <= 0:
                continue
            top = y(acc + v)
            out.append(
                f'<rect x="{cx - bw / 2:.1f}" y="{top:.1f}" width="{bw:.1f}" '
                f'height="{y(acc) - top:.1f}" fill="{PALET[i % len(PALET)]}" '
                f'stroke="#fff" stroke-width="1"/>'
            )
            acc += v
        out.append(
            f'<text x="{cx:.1f}" y="{boven + ph + 18}" text-anchor="middle" font-size="12" '
            f'fill="#1b1f23">{escape(naam)}</text>'
        )
    col_w = (breedte - 20) / 2
    for i, (label, _vals) in enumerate(reeksen):
        lx = 10 + col_w * (i % 2)
        ly = boven + ph + 34 + 18 * (i // 2)
        out.append(
            f'<rect x="{lx:.1f}" y="{ly - 10}" width="12" height="12" '
            f'fill="{PALET[i % len(PALET)]}"/>'
            f'<text x="{lx + 17:.1f}" y="{ly}" font-size="12" fill="#1b1f23">{escape(label)}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — every label is escaped above


def balkgrafiek(
    *,
    id: str,
    titel: str,
    beschrijving: str,
    rijen: Sequence[tuple[str, Number]],
    fmt: Callable[[float], str] = _fmt_default,
    breedte: int = 560,
) -> SafeString:
    """Horizontal bars, one per row (label, value)."""
    if not rijen:
        return mark_safe("")
    links, rechts, rij_h = 150, 70, 22
    hoogte = 10 + rij_h * len(rijen)
    hi = max(float(v) for _l, v in rijen) or 1.0
    pw = breedte - links - rechts
    out = [
        f'<svg class="chart" viewBox="0 0 {breedte} {hoogte}" width="{breedte}" height="{hoogte}" '
        f'role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{id}-t">{escape(titel)}</title><desc id="{id}-d">{escape(beschrijving)}</desc>',
    ]
    for i, (label, v) in enumerate(rijen):
        yy = 5 + i * rij_h
        w = pw * float(v) / hi
        out.append(
            f'<text x="{links - 6}" y="{yy + 15}" text-anchor="end" font-size="12" '
            f'fill="#1b1f23">{escape(label)}</text>'
            f'<rect x="{links}" y="{yy + 3}" width="{w:.1f}" height="{rij_h - 6}" fill="{PALET[0]}"/>'
            f'<text x="{links + w + 5:.1f}" y="{yy + 15}" font-size="12" '
            f'fill="#1b1f23">{escape(fmt(float(v)))}</text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — every label is escaped above
