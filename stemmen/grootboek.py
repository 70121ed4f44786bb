"""The link to the wijk's open budget ledger (wijken.services): commitments for chosen
ideas and granted applications, expenditures while an idea is carried out."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wijken import services as ledger
from wijken.models import Boeking, Budgetpot


def boek_verplichting(
    *, pot: Budgetpot | None, bedrag: int, bron: Any, door: Any, omschrijving: str
) -> Boeking:
    """A commitment for ``bron`` (an idea or application); once per cause."""
    if pot is None:
        raise ValidationError(_("Link a budget pot first: the commitment is booked in the ledger."))
    return ledger.boeking_verplichting(
        pot=pot,
        bedrag_centen=bedrag,
        door=door,
        omschrijving=omschrijving,
        bron=bron,
        bron_label=str(bron)[:255],
        sleutel=f"stemmen:{bron._meta.model_name}:{bron.pk}:verplichting",
    )


def boek_uitgave(
    *, verplichting: Boeking | None, bedrag: int, door: Any, omschrijving: str, sleutel: str
) -> Boeking:
    if verplichting is None:
        raise ValidationError(_("This idea has no commitment in the ledger to spend against."))
    return ledger.boeking_uitgave(
        verplichting=verplichting,
        bedrag_centen=bedrag,
        door=door,
        omschrijving=omschrijving,
        sleutel=sleutel,
    )
