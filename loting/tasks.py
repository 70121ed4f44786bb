"""Celery tasks of the loting app: each takes an id, calls one service and is idempotent
(settings: acks_late + reject_on_worker_lost; results are written in one transaction
keyed by the lottery, so a retried or repeated task finds the work done or redoes it
with the same seed and the same outcome)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from . import services


@shared_task(name="loting.draw_invitations", acks_late=True, reject_on_worker_lost=True)
def draw_invitations(loting_id: int) -> bool:
    return services.invitations_draw(loting_id=loting_id)


@shared_task(name="loting.select_panel", acks_late=True, reject_on_worker_lost=True)
def select_panel(loting_id: int) -> bool:
    return services.selection_run(loting_id=loting_id)


@shared_task(name="loting.make_letters", acks_late=True, reject_on_worker_lost=True)
def make_letters(loting_id: int) -> bool:
    return services.letters_run(loting_id=loting_id)


@shared_task(name="loting.verify", acks_late=True, reject_on_worker_lost=True)
def verify(verificatie_id: int) -> bool:
    return services.verification_run(verificatie_id=verificatie_id)


@shared_task(name="loting.retention")
def retention() -> int:
    return services.pool_retention()


@shared_task(name="loting.requeue_stale")
def requeue_stale() -> list[int]:
    return services.stale_tasks_requeue()


@shared_task(name="loting.panel_bericht_mail")
def panel_bericht_mail(bericht_id: int, mails: list[list[str]]) -> int:
    from .models import PanelBericht

    bericht = PanelBericht.objects.get(pk=bericht_id)
    base = settings.SITE_URL.rstrip("/")
    n = 0
    with override("nl"):
        for email, token in mails:
            body = "\n\n".join(
                [
                    bericht.tekst,
                    _("Your personal link:") + f" {base}/loting/bericht/{token}/",
                    _("You receive this message as a member of the %(orgaan)s.")
                    % {"orgaan": bericht.orgaan.naam},
                ]
            )
            send_mail(bericht.onderwerp, body, None, [email])
            n += 1
    return n
