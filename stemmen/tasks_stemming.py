"""Celery tasks of the voting part: take ids, call one service, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import services_stemming as svc


@shared_task(name="stemmen.ronde_tellen")
def ronde_tellen(ronde_id: int, actor_id: int | None = None) -> int:
    """Tally a round (on demand by staff, or from the beat when voting has closed)."""
    from groningenmodel.models import User

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return svc.ronde_tellen(ronde_id=ronde_id, actor=actor).pk


@shared_task(name="stemmen.rondes_tellen_gesloten")
def rondes_tellen_gesloten() -> int:
    """Beat: every round whose voting closed and that has no result yet is tallied."""
    return svc.rondes_tellen_gesloten()


@shared_task(name="stemmen.peiling_mail")
def peiling_mail(peiling_id: int, zetel_id: int) -> bool:
    return svc.peiling_mail_sturen(peiling_id=peiling_id, zetel_id=zetel_id)
