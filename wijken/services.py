"""Writes of the wijken app.

Open begroting — the ledger API other apps call
===============================================

Money moves only through these services; every entry is append-only (see
:class:`wijken.models.Boeking`). Amounts are integer cents. Each service locks the pot
row (``select_for_update``) before it checks a balance, so two concurrent bookings
cannot overdraw a pot on PostgreSQL. All raise ``ValidationError`` with a translated
message when a rule refuses the booking.

``bron`` (the cause) is any model instance of any app (stored as
``bron_type="app_label.model"``, ``bron_id=str(pk)``, no import of that app needed) or
an explicit ``("app_label.model", pk)`` tuple; ``bron_label`` is the public text for it
(e.g. the idea's title); ``reden`` a reason (required for manual corrections/releases).
``door`` is the user who books (None for an automatic booking by the system).
``sleutel`` is an optional idempotency key: booking again with the same key returns
the existing entry instead of booking twice (for Celery tasks that may run twice).

- ``budgetpot_create(*, wijk, soort, naam, periode_start, periode_eind, bron="",
  bedrag_per_inwoner_centen=None, max_toekenning_centen=None,
  max_aandeel_gemeente_procent=None) -> Budgetpot``
- ``boeking_toewijzing(*, pot, bedrag_centen, door, omschrijving, ...) -> Boeking``
  (allocation: money put into the pot)
- ``budgetpot_toewijzen_per_inwoner(*, pot, door, datum=None) -> Boeking | None``
  (tops the allocation up to ``inwoners × bedrag_per_inwoner_centen``)
- ``boeking_verplichting(*, pot, bedrag_centen, door, omschrijving, bron=None,
  bron_label="", reden="", categorie="overig", datum=None, totale_kosten_centen=None,
  partnerbijdrage_centen=None, sleutel=None) -> Boeking``
  (commitment, e.g. a funded idea or an approved buurtbudget grant; refused when it
  would overdraw the pot, exceeds the pot's maximum grant, breaks its co-financing
  rule, or falls outside the pot's period)
- ``boeking_uitgave(*, bedrag_centen, door, omschrijving, verplichting=None, pot=None,
  ...) -> Boeking`` (expenditure; against a commitment — at most what is still open —
  or directly from the pot's free money)
- ``boeking_vrijval(*, verplichting, door, reden, bedrag_centen=None) -> Boeking``
  (release what is left of a commitment; default all of it)
- ``boeking_correctie(*, boeking, door, reden, bedrag_centen=None) -> Boeking``
  (counter-entry reversing ``boeking``, wholly or ``bedrag_centen`` of it)

Reads are in :mod:`wijken.selectors` (``saldo_pot``, ``saldo_wijk``,
``saldo_stadsdeel``, ``saldo_stad``, ``verplichting_openstaand``,
``boekingen_voor_bron``, ``budgetpot_actief``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groningenmodel.audit import audit_log
from groningenmodel.permissions import gebiedsteam_stadsdeel_ids, is_beheerder, is_raadslid

from .geld import euro
from .models import Boeking, Budgetpot, Wijk
from .selectors import saldo_pot, verplichting_openstaand

Bron = models.Model | tuple[str, Any] | None


# --- budget pots -------------------------------------------------------------------


def budgetpot_create(
    *,
    wijk: Wijk,
    soort: str,
    naam: str,
    periode_start: date,
    periode_eind: date,
    bron: str = "",
    bedrag_per_inwoner_centen: int | None = None,
    max_toekenning_centen: int | None = None,
    max_aandeel_gemeente_procent: int | None = None,
    door: Any = None,
) -> Budgetpot:
    pot = Budgetpot(
        wijk=wijk,
        soort=soort,
        naam=naam,
        bron=bron,
        periode_start=periode_start,
        periode_eind=periode_eind,
        bedrag_per_inwoner_centen=bedrag_per_inwoner_centen,
        max_toekenning_centen=max_toekenning_centen,
        max_aandeel_gemeente_procent=max_aandeel_gemeente_procent,
    )
    pot.full_clean()
    with transaction.atomic():
        pot.save()
        audit_log(actor=door, action="wijken.budgetpot_create", obj=pot, summary=str(pot))
    return pot


# --- the ledger --------------------------------------------------------------------


def _bron(bron: Bron) -> tuple[str, str]:
    if bron is None:
        return "", ""
    if isinstance(bron, tuple):
        label, pk = bron
        return str(label).lower(), str(pk)
    return bron._meta.label_lower, str(bron.pk)


def _namens(door: Any, pot: Budgetpot) -> str:
    if door is None or not getattr(door, "pk", None):
        return "systeem"
    if pot.wijk.stadsdeel_id in gebiedsteam_stadsdeel_ids(door):
        return f"gebiedsteam:{pot.wijk.stadsdeel.naam}"
    if is_beheerder(door):
        return "beheer"
    if is_raadslid(door):
        return "raad"
    return "gemeente"


def _lock(pot: Budgetpot) -> Budgetpot:
    """Lock the pot row for the rest of the transaction (fixed order: pot first)."""
    return Budgetpot.objects.select_related("wijk__stadsdeel").select_for_update().get(pk=pot.pk)


def _positive(bedrag_centen: int) -> None:
    if not isinstance(bedrag_centen, int) or isinstance(bedrag_centen, bool):
        raise ValidationError(_("The amount must be a whole number of cents."))
    if bedrag_centen <= 0:
        raise ValidationError(_("The amount must be more than zero."))


def _existing(sleutel: str | None) -> Boeking | None:
    if not sleutel:
        return None
    return Boeking.objects.filter(sleutel=sleutel).first()


def _book(
    *,
    pot: Budgetpot,
    soort: str,
    bedrag_centen: int,
    door: Any,
    omschrijving: str,
    delta_toegewezen: int = 0,
    delta_verplicht: int = 0,
    delta_uitgegeven: int = 0,
    bron: Bron = None,
    bron_label: str = "",
    reden: str = "",
    categorie: str = Boeking.Categorie.OVERIG,
    datum: date | None = None,
    verplichting: Boeking | None = None,
    corrigeert: Boeking | None = None,
    totale_kosten_centen: int | None = None,
    partnerbijdrage_centen: int | None = None,
    sleutel: str | None = None,
) -> Boeking:
    bron_type, bron_id = _bron(bron)
    boeking = Boeking(
        pot=pot,
        soort=soort,
        bedrag_centen=bedrag_centen,
        delta_toegewezen=delta_toegewezen,
        delta_verplicht=delta_verplicht,
        delta_uitgegeven=delta_uitgegeven,
        datum=datum or timezone.localdate(),
        categorie=categorie,
        omschrijving=omschrijving,
        reden=reden,
        verplichting=verplichting,
        corrigeert=corrigeert,
        bron_type=bron_type,
        bron_id=bron_id,
        bron_label=bron_label or (str(bron) if isinstance(bron, models.Model) else ""),
        totale_kosten_centen=totale_kosten_centen,
        partnerbijdrage_centen=partnerbijdrage_centen,
        geboekt_door=door if getattr(door, "pk", None) else None,
        geboekt_namens=_namens(door, pot),
        sleutel=sleutel or None,
    )
    boeking.bron_label = boeking.bron_label[:255]
    boeking.full_clean(exclude=["sleutel"] if sleutel else None)
    boeking.save()
    return boeking


def _refuse_overdraw(pot: Budgetpot, nodig: int) -> None:
    vrij = saldo_pot(pot).vrij
    if nodig > vrij:
        raise ValidationError(
            _(
                "Refused: %(amount)s is more than the %(free)s still free in "
                "“%(pot)s”. The pot cannot be overdrawn."
            )
            % {"amount": euro(nodig), "free": euro(vrij), "pot": pot.naam}
        )


def _binnen_open(verplichting: Boeking, bedrag_centen: int) -> None:
    """Refuse settling or releasing more than is still open of a commitment."""
    open_ = verplichting_openstaand(verplichting)
    if bedrag_centen > open_:
        raise ValidationError(
            _("Refused: %(amount)s is more than the %(open)s still open of commitment #%(id)s.")
            % {"amount": euro(bedrag_centen), "open": euro(open_), "id": verplichting.pk}
        )


def _max_grant(pot: Budgetpot, bedrag_centen: int) -> None:
    if pot.max_toekenning_centen is not None and bedrag_centen > pot.max_toekenning_centen:
        raise ValidationError(
            _("Refused: a grant from “%(pot)s” is at most %(max)s; this one is %(amount)s.")
            % {
                "pot": pot.naam,
                "max": euro(pot.max_toekenning_centen),
                "amount": euro(bedrag_centen),
            }
        )


def _co_financing(
    pot: Budgetpot,
    bedrag_centen: int,
    totale_kosten_centen: int | None,
    partnerbijdrage_centen: int | None,
) -> tuple[int | None, int | None]:
    pct = pot.max_aandeel_gemeente_procent
    if totale_kosten_centen is None and partnerbijdrage_centen is not None:
        totale_kosten_centen = bedrag_centen + partnerbijdrage_centen
    if totale_kosten_centen is not None and totale_kosten_centen < bedrag_centen:
        raise ValidationError(_("The total project cost cannot be less than the amount."))
    if pct is None:
        return totale_kosten_centen, partnerbijdrage_centen
    if totale_kosten_centen is None:
        raise ValidationError(
            _(
                "“%(pot)s” co-finances at most %(pct)s%% of a project: state the total "
                "project cost or the partners' contribution."
            )
            % {"pot": pot.naam, "pct": pct}
        )
    if bedrag_centen * 100 > pct * totale_kosten_centen:
        raise ValidationError(
            _(
                "Refused: the municipality pays at most %(pct)s%% of the project "
                "(%(max)s of %(total)s); asked is %(amount)s."
            )
            % {
                "pct": pct,
                "max": euro(pct * totale_kosten_centen // 100),
                "total": euro(totale_kosten_centen),
                "amount": euro(bedrag_centen),
            }
        )
    if (
        partnerbijdrage_centen is not None
        and partnerbijdrage_centen * 100 < (100 - pct) * totale_kosten_centen
    ):
        raise ValidationError(
            _("Refused: partners must bring at least %(share)s%% of the project cost (%(min)s).")
            % {
                "share": 100 - pct,
                "min": euro(-(-(100 - pct) * totale_kosten_centen // 100)),
            }
        )
    return totale_kosten_centen, partnerbijdrage_centen


def boeking_toewijzing(
    *,
    pot: Budgetpot,
    bedrag_centen: int,
    door: Any,
    omschrijving: str,
    bron: Bron = None,
    bron_label: str = "",
    reden: str = "",
    datum: date | None = None,
    sleutel: str | None = None,
) -> Boeking:
    """Allocation: money put into the pot."""
    _positive(bedrag_centen)
    with transaction.atomic():
        pot = _lock(pot)
        if found := _existing(sleutel):
            return found
        return _book(
            pot=pot,
            soort=Boeking.Soort.TOEWIJZING,
            bedrag_centen=bedrag_centen,
            delta_toegewezen=bedrag_centen,
            door=door,
            omschrijving=omschrijving,
            bron=bron,
            bron_label=bron_label,
            reden=reden,
            datum=datum,
            sleutel=sleutel,
        )


def budgetpot_toewijzen_per_inwoner(
    *, pot: Budgetpot, door: Any, datum: date | None = None
) -> Boeking | None:
    """Top the allocation up to ``inhabitants × bedrag_per_inwoner_centen`` (idempotent:
    books only the difference, None when nothing is missing)."""
    if not pot.bedrag_per_inwoner_centen:
        raise ValidationError(_("This pot has no amount per inhabitant."))
    with transaction.atomic():
        pot = _lock(pot)
        doel = pot.wijk.inwoners * (pot.bedrag_per_inwoner_centen or 0)
        tekort = doel - saldo_pot(pot).toegewezen
        if tekort <= 0:
            return None
        return _book(
            pot=pot,
            soort=Boeking.Soort.TOEWIJZING,
            bedrag_centen=tekort,
            delta_toegewezen=tekort,
            door=door,
            omschrijving=_("%(rate)s per inhabitant × %(n)s inhabitants")
            % {"rate": euro(pot.bedrag_per_inwoner_centen), "n": pot.wijk.inwoners},
            datum=datum,
        )


def boeking_verplichting(
    *,
    pot: Budgetpot,
    bedrag_centen: int,
    door: Any,
    omschrijving: str,
    bron: Bron = None,
    bron_label: str = "",
    reden: str = "",
    categorie: str = Boeking.Categorie.OVERIG,
    datum: date | None = None,
    totale_kosten_centen: int | None = None,
    partnerbijdrage_centen: int | None = None,
    sleutel: str | None = None,
) -> Boeking:
    """Commitment (a funded idea, an approved grant, a CWR decision)."""
    _positive(bedrag_centen)
    with transaction.atomic():
        pot = _lock(pot)
        if found := _existing(sleutel):
            return found
        d = datum or timezone.localdate()
        if not pot.periode_start <= d <= pot.periode_eind:
            raise ValidationError(
                _("Refused: %(date)s is outside the period of “%(pot)s” (%(start)s – %(end)s).")
                % {
                    "date": d.isoformat(),
                    "pot": pot.naam,
                    "start": pot.periode_start.isoformat(),
                    "end": pot.periode_eind.isoformat(),
                }
            )
        _max_grant(pot, bedrag_centen)
        totaal, partner = _co_financing(
            pot, bedrag_centen, totale_kosten_centen, partnerbijdrage_centen
        )
        _refuse_overdraw(pot, bedrag_centen)
        return _book(
            pot=pot,
            soort=Boeking.Soort.VERPLICHTING,
            bedrag_centen=bedrag_centen,
            delta_verplicht=bedrag_centen,
            door=door,
            omschrijving=omschrijving,
            bron=bron,
            bron_label=bron_label,
            reden=reden,
            categorie=categorie,
            datum=d,
            totale_kosten_centen=totaal,
            partnerbijdrage_centen=partner,
            sleutel=sleutel,
        )


def boeking_uitgave(
    *,
    bedrag_centen: int,
    door: Any,
    omschrijving: str = "",
    verplichting: Boeking | None = None,
    pot: Budgetpot | None = None,
    bron: Bron = None,
    bron_label: str = "",
    reden: str = "",
    categorie: str | None = None,
    datum: date | None = None,
    sleutel: str | None = None,
) -> Boeking:
    """Expenditure: money actually paid. Against ``verplichting`` (at most what is still
    open of it; inherits its pot, category and cause) or directly from ``pot``'s free
    money (the pot's maximum grant applies)."""
    _positive(bedrag_centen)
    if verplichting is None and pot is None:
        raise ValueError("boeking_uitgave needs a pot or a commitment")
    if verplichting is not None and verplichting.soort != Boeking.Soort.VERPLICHTING:
        raise ValidationError(_("An expenditure can only settle a commitment."))
    with transaction.atomic():
        pot = _lock(verplichting.pot if verplichting is not None else pot)  # type: ignore[arg-type]
        if found := _existing(sleutel):
            return found
        if verplichting is not None:
            _binnen_open(verplichting, bedrag_centen)
            if bron is None and verplichting.bron_type:
                bron = (verplichting.bron_type, verplichting.bron_id)
                bron_label = bron_label or verplichting.bron_label
            return _book(
                pot=pot,
                soort=Boeking.Soort.UITGAVE,
                bedrag_centen=bedrag_centen,
                delta_verplicht=-bedrag_centen,
                delta_uitgegeven=bedrag_centen,
                door=door,
                omschrijving=omschrijving or verplichting.omschrijving,
                bron=bron,
                bron_label=bron_label,
                reden=reden,
                categorie=categorie or verplichting.categorie,
                datum=datum,
                verplichting=verplichting,
                sleutel=sleutel,
            )
        _max_grant(pot, bedrag_centen)
        _refuse_overdraw(pot, bedrag_centen)
        if not omschrijving:
            raise ValidationError(_("Describe what the money was spent on."))
        return _book(
            pot=pot,
            soort=Boeking.Soort.UITGAVE,
            bedrag_centen=bedrag_centen,
            delta_uitgegeven=bedrag_centen,
            door=door,
            omschrijving=omschrijving,
            bron=bron,
            bron_label=bron_label,
            reden=reden,
            categorie=categorie or Boeking.Categorie.OVERIG,
            datum=datum,
            sleutel=sleutel,
        )


def boeking_vrijval(
    *,
    verplichting: Boeking,
    door: Any,
    reden: str,
    bedrag_centen: int | None = None,
    datum: date | None = None,
    sleutel: str | None = None,
) -> Boeking:
    """Release (part of) a commitment that will not be spent: the money is free again."""
    if verplichting.soort != Boeking.Soort.VERPLICHTING:
        raise ValidationError(_("Only a commitment can be released."))
    if not reden.strip():
        raise ValidationError(_("Give a reason for the release."))
    with transaction.atomic():
        pot = _lock(verplichting.pot)
        if found := _existing(sleutel):
            return found
        open_ = verplichting_openstaand(verplichting)
        bedrag = open_ if bedrag_centen is None else bedrag_centen
        if bedrag <= 0:
            raise ValidationError(_("Nothing is left open of this commitment."))
        _positive(bedrag)
        _binnen_open(verplichting, bedrag)
        return _book(
            pot=pot,
            soort=Boeking.Soort.VRIJVAL,
            bedrag_centen=bedrag,
            delta_verplicht=-bedrag,
            door=door,
            omschrijving=_("Release of commitment #%(id)s: %(what)s")
            % {"id": verplichting.pk, "what": verplichting.omschrijving},
            bron=(verplichting.bron_type, verplichting.bron_id) if verplichting.bron_type else None,
            bron_label=verplichting.bron_label,
            reden=reden,
            categorie=verplichting.categorie,
            datum=datum,
            verplichting=verplichting,
            sleutel=sleutel,
        )


def boeking_correctie(
    *,
    boeking: Boeking,
    door: Any,
    reden: str,
    bedrag_centen: int | None = None,
    datum: date | None = None,
) -> Boeking:
    """Counter-entry: reverses ``boeking`` (wholly, or ``bedrag_centen`` of it).

    A correction never makes the pot's free money negative, never corrects more than
    what is left of the entry after earlier corrections, and a correction itself is not
    corrected (book the entry again instead)."""
    if not reden.strip():
        raise ValidationError(_("Give a reason for the correction."))
    if boeking.soort == Boeking.Soort.CORRECTIE:
        raise ValidationError(_("A correction cannot be corrected; book the entry again."))
    with transaction.atomic():
        pot = _lock(boeking.pot)
        al = (
            Boeking.objects.filter(corrigeert=boeking).aggregate(s=models.Sum("bedrag_centen"))["s"]
            or 0
        )
        rest = boeking.bedrag_centen - al
        bedrag = rest if bedrag_centen is None else bedrag_centen
        if rest <= 0:
            raise ValidationError(
                _("Entry #%(id)s has already been corrected in full.") % {"id": boeking.pk}
            )
        _positive(bedrag)
        if bedrag > rest:
            raise ValidationError(
                _("Refused: only %(rest)s of entry #%(id)s is left to correct.")
                % {"rest": euro(rest), "id": boeking.pk}
            )

        def sign(x: int) -> int:
            return (x > 0) - (x < 0)

        dt = -sign(boeking.delta_toegewezen) * bedrag
        dv = -sign(boeking.delta_verplicht) * bedrag
        du = -sign(boeking.delta_uitgegeven) * bedrag
        # Which commitment is affected: the entry itself, or the one it settled.
        verplichting = (
            boeking if boeking.soort == Boeking.Soort.VERPLICHTING else boeking.verplichting
        )
        if dv < 0 and verplichting is not None and -dv > verplichting_openstaand(verplichting):
            raise ValidationError(
                _(
                    "Refused: part of commitment #%(id)s has already been spent or released; "
                    "correct those entries first."
                )
                % {"id": verplichting.pk}
            )
        effect = dt - dv - du
        if effect < 0:
            _refuse_overdraw(pot, -effect)
        return _book(
            pot=pot,
            soort=Boeking.Soort.CORRECTIE,
            bedrag_centen=bedrag,
            delta_toegewezen=dt,
            delta_verplicht=dv,
            delta_uitgegeven=du,
            door=door,
            omschrijving=_("Correction of entry #%(id)s: %(what)s")
            % {"id": boeking.pk, "what": boeking.omschrijving},
            bron=(boeking.bron_type, boeking.bron_id) if boeking.bron_type else None,
            bron_label=boeking.bron_label,
            reden=reden,
            categorie=boeking.categorie,
            datum=datum,
            verplichting=verplichting,
            corrigeert=boeking,
        )


__all__ = [
    "PROFIEL_VELDEN",
    "boeking_correctie",
    "boeking_toewijzing",
    "boeking_uitgave",
    "boeking_verplichting",
    "boeking_vrijval",
    "budgetpot_create",
    "budgetpot_toewijzen_per_inwoner",
    "wijk_profiel_update",
]


# --- wijk profile -------------------------------------------------------------------

PROFIEL_VELDEN = ("dna", "sterkten", "zwakten", "kansen", "bedreigingen")


def wijk_profiel_update(*, wijk: Wijk, door: Any, **velden: str) -> list[str]:
    """Change profile texts (DNA, SWOT); records who changed what in the audit log.
    Returns the names of the fields that changed."""
    onbekend = set(velden) - set(PROFIEL_VELDEN)
    if onbekend:
        raise ValueError(f"not profile fields: {sorted(onbekend)}")
    changes: dict[str, Any] = {}
    with transaction.atomic():
        wijk = Wijk.objects.select_for_update().get(pk=wijk.pk)
        for naam, nieuw in velden.items():
            nieuw = (nieuw or "").replace("\r\n", "\n").strip()
            oud = getattr(wijk, naam)
            if nieuw != oud:
                changes[naam] = {"old": oud, "new": nieuw}
                setattr(wijk, naam, nieuw)
        if not changes:
            return []
        wijk.full_clean()
        wijk.save(update_fields=list(changes))
        audit_log(
            actor=door,
            action="wijken.profiel_update",
            obj=wijk,
            summary=", ".join(changes),
            changes=changes,
        )
    return list(changes)
