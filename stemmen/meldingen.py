"""E-mail notifications. Each mail has a key: a retried task never sends it twice."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import Aanvraag, Fase, Idee, Meldingsinstelling, Reactie, Ronde, VerzondenBericht


def _wil(user: Any, veld: str) -> bool:
    inst = Meldingsinstelling.objects.filter(user=user).values_list(veld, flat=True).first()
    return True if inst is None else bool(inst)


def _stuur(user: Any, sleutel: str, template: str, context: dict[str, Any]) -> bool:
    if not user.is_active or not user.email:
        return False
    try:
        with transaction.atomic():
            VerzondenBericht.objects.create(sleutel=sleutel[:120], user=user)
            with translation.override(user.taal or settings.LANGUAGE_CODE):
                ctx = {**context, "user": user, "site_url": settings.SITE_URL.rstrip("/")}
                subject = render_to_string(f"stemmen/mail/{template}_onderwerp.txt", ctx).strip()
                body = render_to_string(f"stemmen/mail/{template}.txt", ctx)
            send_mail(
                settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
                body,
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
    except IntegrityError:
        return False  # already sent
    return True


def idee_beoordeeld(idee_id: int) -> int:
    idee = Idee.objects.select_related("indiener", "ronde").filter(pk=idee_id).first()
    if idee is None or idee.beoordeeld_op is None or idee.indiener is None:
        return 0
    if not _wil(idee.indiener, "idee_beoordeeld"):
        return 0
    sleutel = f"beoordeeld:{idee.pk}:{idee.beoordeeld_op.timestamp():.0f}"
    return int(_stuur(idee.indiener, sleutel, "idee_beoordeeld", {"idee": idee}))


def reactie_op_idee(reactie_id: int) -> int:
    reactie = (
        Reactie.objects.select_related("idee__indiener", "auteur").filter(pk=reactie_id).first()
    )
    if reactie is None or not reactie.zichtbaar:
        return 0
    ontvanger = reactie.idee.indiener
    if (
        ontvanger is None
        or ontvanger.pk == reactie.auteur_id
        or not _wil(ontvanger, "reactie_op_idee")
    ):
        return 0
    return int(
        _stuur(
            ontvanger,
            f"reactie:{reactie.pk}",
            "reactie_op_idee",
            {"reactie": reactie, "idee": reactie.idee},
        )
    )


def _bewoners(ronde: Ronde) -> Any:
    from groningenmodel.models import User

    return (
        User.objects.filter(
            is_active=True,
            bewoner__geverifieerd=True,
            bewoner__adres__straat__buurt__wijk_id=ronde.wijk_id,
        )
        .exclude(stemmen_instelling__fase_wijziging=False)
        .order_by("pk")
    )


def fase_wijziging(ronde_id: int, fase: str) -> int:
    ronde = Ronde.objects.select_related("wijk").filter(pk=ronde_id).first()
    if ronde is None or fase == Fase.CONCEPT:
        return 0
    n = 0
    for user in _bewoners(ronde).iterator():
        n += _stuur(
            user,
            f"fase:{ronde.pk}:{fase}:{user.pk}",
            "fase_wijziging",
            {"ronde": ronde, "fase": Fase(fase)},
        )
    return n


def aanvraag_besloten(aanvraag_id: int) -> int:
    aanvraag = Aanvraag.objects.select_related("aanvrager").filter(pk=aanvraag_id).first()
    if aanvraag is None or not aanvraag.is_besloten or aanvraag.aanvrager is None:
        return 0
    return int(
        _stuur(
            aanvraag.aanvrager,
            f"aanvraag:{aanvraag.pk}",
            "aanvraag_besloten",
            {"aanvraag": aanvraag},
        )
    )
