"""Celery tasks: take ids, call one service or send one kind of mail; safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import meldingen, services


@shared_task(name="stemmen.fasen_bijwerken")
def fasen_bijwerken() -> int:
    """Beat: move every round on to the phase its dates say."""
    return services.rondes_fasen_bijwerken()


@shared_task(name="stemmen.mail_idee_beoordeeld")
def mail_idee_beoordeeld(idee_id: int) -> int:
    return meldingen.idee_beoordeeld(idee_id)


@shared_task(name="stemmen.mail_reactie_op_idee")
def mail_reactie_op_idee(reactie_id: int) -> int:
    return meldingen.reactie_op_idee(reactie_id)


@shared_task(name="stemmen.mail_fase_wijziging")
def mail_fase_wijziging(ronde_id: int, fase: str) -> int:
    return meldingen.fase_wijziging(ronde_id, fase)


@shared_task(name="stemmen.mail_aanvraag_besloten")
def mail_aanvraag_besloten(aanvraag_id: int) -> int:
    return meldingen.aanvraag_besloten(aanvraag_id)


from .tasks_stemming import *  # noqa
