from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="praatplaat.raad_melden", bind=True, max_retries=3, default_retry_delay=60)
def raad_melden(self, afsprakenset_id: int, versie: int) -> int:  # type: ignore[no-untyped-def]
    """Tell the council a set awaits review (idempotent: once per set version)."""
    return services.raad_melden(afsprakenset_id=afsprakenset_id, versie=versie)
