"""Celery tasks of the wijken app: take ids, call one service; safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import services_adres


@shared_task(name="wijken.adresverificaties_opruimen")
def adresverificaties_opruimen() -> int:
    """Beat (daily): void the address verifications whose letter code has expired."""
    return services_adres.adresverificaties_opruimen()
