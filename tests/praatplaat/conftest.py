from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def praatplaat_inhoud(request: Any) -> None:
    """The questions come from a data migration; a transactional test elsewhere flushes
    them, so put them back (idempotent) before every database test here."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue(
        "db"
        if "transaction" not in str(request.node.get_closest_marker("django_db"))
        else "transactional_db"
    )
    from praatplaat.inhoud import laad_inhoud
    from praatplaat.models import ArchetypeBeschrijving, Onderdeel, Vraag

    if not Vraag.objects.filter(wijk__isnull=True).exists():
        laad_inhoud(Onderdeel, Vraag, ArchetypeBeschrijving)
