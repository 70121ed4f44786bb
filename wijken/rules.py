"""Permission rules of the wijken app (see groningenmodel.permissions)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from groningenmodel.permissions import (
    is_authenticated,
    is_beheerder,
    is_gebiedsteam,
    public_rule,
    rule,
    staff_of_wijk,
)
from groningenmodel.privacy import register_section


@public_rule("wijken.view")
def _view(user: Any, obj: Any) -> bool:
    """Profiles, wijkkompas figures and the open budget are public."""
    return True


@rule("wijken.edit_profiel")
def _edit_profiel(user: Any, wijk: Any) -> bool:
    return staff_of_wijk(user, wijk)


@rule("wijken.view_history")
def _view_history(user: Any, wijk: Any) -> bool:
    return staff_of_wijk(user, wijk)


@rule("wijken.book")
def _book(user: Any, wijk: Any) -> bool:
    """Book ledger entries and create budget pots for this wijk."""
    return staff_of_wijk(user, wijk)


@rule("wijken.import_adressen")
def _import_adressen(user: Any, stadsdeel: Any) -> bool:
    return is_beheerder(user) or (stadsdeel is not None and is_gebiedsteam(user, stadsdeel.pk))


@rule("wijken.import_kompas")
def _import_kompas(user: Any, obj: Any) -> bool:
    """Wijkkompas figures are city-wide (with a city average): administrators."""
    return is_beheerder(user)


@rule("wijken.mijn_adres")
def _mijn_adres(user: Any, obj: Any) -> bool:
    """Every signed-in person may link their account to their address."""
    return is_authenticated(user)


@rule("wijken.adresverificaties")
def _adresverificaties(user: Any, stadsdeel: Any) -> bool:
    """The list of open address verifications of a stadsdeel, and printing its letters."""
    return is_beheerder(user) or (stadsdeel is not None and is_gebiedsteam(user, stadsdeel.pk))


@rule("wijken.adresverificatie_balie")
def _adresverificatie_balie(user: Any, verificatie: Any) -> bool:
    """Verify one request at the desk: area team of the address's stadsdeel."""
    return verificatie is not None and staff_of_wijk(user, verificatie.wijk)


@register_section(_("Address"))
def _adres(user: Any) -> list[tuple[str, str]]:
    from .models import Bewoner

    b = Bewoner.objects.filter(user=user).select_related("adres__straat__buurt__wijk").first()
    if b is None:
        return []
    return [
        (str(_("Address")), str(b.adres)),
        (str(_("Neighbourhood")), b.wijk.naam),
        (str(_("Year of birth")), str(b.geboortejaar or "—")),
        (str(_("Address verified")), str(_("yes")) if b.geverifieerd else str(_("no"))),
    ]


@register_section(_("Address verification request"))
def _adresverificatie(user: Any) -> list[tuple[str, str]]:
    from .models import AdresVerificatie

    v = (
        AdresVerificatie.objects.filter(user=user)
        .select_related("adres__straat__buurt__wijk")
        .first()
    )
    if v is None:
        return []
    rows = [
        (str(_("Address")), str(v.adres)),
        (str(_("Year of birth")), str(v.geboortejaar)),
        (str(_("Requested")), f"{v.aangevraagd_op:%Y-%m-%d}"),
        (str(_("Letter sent")), f"{v.verstuurd_op:%Y-%m-%d}" if v.verstuurd_op else "—"),
        (str(_("Wrong codes")), str(v.pogingen)),
    ]
    return rows


@register_section(_("Ledger entries you booked"))
def _boekingen(user: Any) -> list[tuple[str, str]]:
    from .geld import euro
    from .models import Boeking

    rows = Boeking.objects.filter(geboekt_door=user).select_related("pot__wijk")[:200]
    return [
        (
            f"{b.datum:%Y-%m-%d} #{b.pk}",
            f"{b.get_soort_display()} {euro(b.bedrag_centen)} · {b.pot}",
        )
        for b in rows
    ]
