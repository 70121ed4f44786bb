from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .permissions import rollen


def site(request: HttpRequest) -> dict[str, Any]:
    from wijken.models import Wijk

    def wijk_keuze() -> list[tuple[str, str]]:
        return list(Wijk.objects.order_by("naam").values_list("slug", "naam"))

    return {
        "wijk_keuze": wijk_keuze,
        "mijn_rollen": lambda: rollen(request.user),
    }
