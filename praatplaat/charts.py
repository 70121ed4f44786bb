"""Server-side inline SVG charts for evaluations (radar per evaluation, trend over time)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

KLEUREN = ["#0b5c36", "#0a5a8c", "#8a4b00", "#6a1b9a"]


def radar(labels: Sequence[str], scores: Sequence[int], *, chart_id: str, titel: str) -> SafeString:
    """A radar chart of scores 1–5 on len(labels) axes."""
    size, c, r = 320, 160, 110
    n = len(labels)

    def punt(i: int, waarde: float) -> tuple[float, float]:
        hoek = -math.pi / 2 + 2 * math.pi * i / n
        return c + r * waarde / 5 * math.cos(hoek), c + r * waarde / 5 * math.sin(hoek)

    delen = []
    for ring in range(1, 6):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (punt(i, ring) for i in range(n)))
        delen.append(f'<polygon points="{pts}" fill="none" stroke="#c9d1d9" stroke-width="1"/>')
    for i, label in enumerate(labels):
        x, y = punt(i, 5)
        delen.append(f'<line x1="{c}" y1="{c}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c9d1d9"/>')
        lx, ly = punt(i, 5.9)
        anchor = "middle" if abs(lx - c) < 10 else ("start" if lx > c else "end")
        delen.append(
            f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}" font-size="12" '
            f'fill="#1b1f23">{escape(label)}</text>'
        )
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (punt(i, s) for i, s in enumerate(scores)))
    delen.append(
        f'<polygon points="{pts}" fill="#0b5c36" fill-opacity="0.25" stroke="#0b5c36" '
        'stroke-width="2"/>'
    )
    for i, s in enumerate(scores):
        x, y = punt(i, s)
        delen.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#0b5c36"/>')
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{0}" viewBox="-120 -10 {1} {2}" '
        'width="{3}" xmlns="http://www.w3.org/2000/svg"><title id="{0}">{4}</title>{5}</svg>',
        chart_id,
        size + 240,
        size + 20,
        size + 240,
        titel,
        mark_safe("".join(delen)),  # noqa: S308 — built from escaped parts above
    )


def trend(evaluaties: Sequence[Any], labels: Sequence[str], *, chart_id: str) -> SafeString:
    """Line chart: each kompas value's score per evaluation date (oldest left)."""
    punten = list(reversed(evaluaties))
    w, h, ml, mr, mt, mb = 560, 240, 40, 40, 20, 40
    pw, ph = w - ml - mr, h - mt - mb
    n = len(punten)

    def x(i: int) -> float:
        return ml + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return mt + ph - ph * (v - 1) / 4

    delen = []
    for v in range(1, 6):
        delen.append(
            f'<line x1="{ml}" y1="{y(v):.1f}" x2="{w - mr}" y2="{y(v):.1f}" stroke="#e1e4e8"/>'
            f'<text x="{ml - 8}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#1b1f23">{v}</text>'
        )
    for i, e in enumerate(punten):
        delen.append(
            f'<text x="{x(i):.1f}" y="{h - 18}" text-anchor="middle" font-size="11" '
            f'fill="#1b1f23">{e.datum:%Y-%m}</text>'
        )
    for k, (code, _label, _s, _t) in enumerate(punten[0].scores if punten else []):
        kleur = KLEUREN[k % len(KLEUREN)]
        pts = " ".join(f"{x(i):.1f},{y(getattr(e, code)):.1f}" for i, e in enumerate(punten))
        dash = [
            "",
            ' stroke-dasharray="6 3"',
            ' stroke-dasharray="2 3"',
            ' stroke-dasharray="8 2 2 2"',
        ][k % 4]
        delen.append(
            f'<polyline points="{pts}" fill="none" stroke="{kleur}" stroke-width="2"{dash}/>'
        )
        for i, e in enumerate(punten):
            delen.append(
                f'<circle cx="{x(i):.1f}" cy="{y(getattr(e, code)):.1f}" r="3" fill="{kleur}"/>'
            )
    legenda = []
    for k, label in enumerate(labels):
        lx = ml + k * (pw / max(len(labels), 1))
        legenda.append(
            f'<rect x="{lx:.1f}" y="{h - 10}" width="10" height="10" '
            f'fill="{KLEUREN[k % len(KLEUREN)]}"/>'
            f'<text x="{lx + 14:.1f}" y="{h - 1}" font-size="11" fill="#1b1f23">'
            f"{escape(label)}</text>"
        )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{0}" viewBox="0 0 {1} {2}" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{0}">{3}</title>{4}</svg>',
        chart_id,
        w,
        h + 4,
        _(
            "Scores of the four compass values over time (1 to 5); the table beside it has the numbers."
        ),
        mark_safe("".join(delen + legenda)),  # noqa: S308
    )
