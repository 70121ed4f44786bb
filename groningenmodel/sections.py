"""Sections of the wijk page contributed by other apps.

The wijk profile page (``wijken``) shows, besides its own profile, what other apps know
about the wijk: agreements (praatplaat), idea rounds (stemmen), lotteries (loting).
Each app registers a section in its ``AppConfig.ready()``::

    register_wijk_section("loting", order=40, template="loting/_wijk_section.html",
                          context=lambda request, wijk: {"lotingen": ...})

The context function returns a dict (merged with ``wijk`` and ``request``) or None to
hide the section. The wijk page renders every section with ``{% include %}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ContextFn = Callable[[Any, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class WijkSection:
    key: str
    order: int
    template: str
    context: ContextFn


_SECTIONS: dict[str, WijkSection] = {}


def register_wijk_section(key: str, *, order: int, template: str, context: ContextFn) -> None:
    _SECTIONS[key] = WijkSection(key, order, template, context)


def wijk_sections(request: Any, wijk: Any) -> list[dict[str, Any]]:
    """Rendered-ready sections: ``[{"key", "template", "context"}]`` in order."""
    out = []
    for s in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        ctx = s.context(request, wijk)
        if ctx is None:
            continue
        out.append({"key": s.key, "template": s.template, "context": {**ctx, "wijk": wijk}})
    return out
