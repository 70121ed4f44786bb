from __future__ import annotations

import smtplib

from celery import shared_task

from . import services


@shared_task(
    name="praatplaat.raad_melden",
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=30,
    max_retries=5,
)
def raad_melden(afsprakenset_id: int, versie: int) -> int:
    """Tell the council a set awaits review (idempotent: once per set version)."""
    return services.raad_melden(afsprakenset_id=afsprakenset_id, versie=versie)
