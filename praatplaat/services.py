"""Writes of the praatplaat: conversations, agreement sets (versioned), council review,
evaluations. Every change to an agreement set writes an immutable version snapshot."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groningenmodel.audit import audit_log

from .models import (
    Afspraak,
    AfspraakStatus,
    Afsprakenset,
    AfsprakensetVersie,
    Antwoord,
    Commentaar,
    Evaluatie,
    Gesprek,
    Instrument,
    Onderdeel,
    RaadsRol,
    Raadsrol,
    SetStatus,
    Sturing,
    Thema,
    Vraag,
)

#: The status machine of an agreement set: allowed transitions.
TRANSITIES: dict[str, frozenset[str]] = {
    SetStatus.CONCEPT: frozenset({SetStatus.TER_BESPREKING}),
    SetStatus.TER_BESPREKING: frozenset({SetStatus.CONCEPT, SetStatus.VASTGESTELD}),
    SetStatus.VASTGESTELD: frozenset({SetStatus.GEEVALUEERD}),
    SetStatus.GEEVALUEERD: frozenset(),
}


# --- conversations -------------------------------------------------------------------------


@transaction.atomic
def gesprek_opslaan(
    *,
    wijk: Any,
    door: Any,
    gegevens: dict[str, Any],
    antwoorden: dict[int, str],
    gesprek: Gesprek | None = None,
) -> Gesprek:
    """Create or update a conversation with its answers (``{vraag id: text}``)."""
    nieuw = gesprek is None
    gesprek = gesprek or Gesprek(wijk=wijk, door=door)
    for veld in (
        "datum",
        "vorm",
        "plaats",
        "facilitator",
        "deelnemers",
        "groepen",
        "toestemming_namen",
        "namen",
        "notities",
    ):
        if veld in gegevens:
            setattr(gesprek, veld, gegevens[veld])
    gesprek.full_clean()
    gesprek.save()
    geldig = set(Vraag.objects.voor_wijk(wijk).values_list("id", flat=True))
    for vraag_id, tekst in antwoorden.items():
        if vraag_id not in geldig:
            raise ValidationError(_("This question does not belong to this neighbourhood."))
        tekst = (tekst or "").strip()
        if tekst:
            Antwoord.objects.update_or_create(
                gesprek=gesprek, vraag_id=vraag_id, defaults={"tekst": tekst}
            )
        else:
            Antwoord.objects.filter(gesprek=gesprek, vraag_id=vraag_id).delete()
    audit_log(
        actor=door,
        action="praatplaat.gesprek_" + ("nieuw" if nieuw else "gewijzigd"),
        obj=gesprek,
        summary=f"{wijk} {gesprek.datum}",
        changes={"antwoorden": len([t for t in antwoorden.values() if (t or "").strip()])},
    )
    return gesprek


@transaction.atomic
def vraag_toevoegen(
    *, wijk: Any, door: Any, onderdeel: Onderdeel, tekst_nl: str, tekst_en: str = ""
) -> Vraag:
    """A wijk-specific question, added by the wijk's staff."""
    n = Vraag.objects.filter(wijk=wijk).count() + 1
    vraag = Vraag(
        wijk=wijk,
        onderdeel=onderdeel,
        code=f"{wijk.slug}-{n}-{timezone.now():%Y%m%d%H%M%S}"[:50],
        volgorde=100 + n,
        tekst_nl=tekst_nl.strip(),
        tekst_en=tekst_en.strip(),
    )
    vraag.full_clean()
    vraag.save()
    audit_log(actor=door, action="praatplaat.vraag_nieuw", obj=vraag, summary=vraag.tekst_nl)
    return vraag


# --- agreement sets: snapshots and versions ------------------------------------------------


def snapshot(s: Afsprakenset) -> dict[str, Any]:
    """The whole set as plain JSON; items keyed by their primary key (stable identity)."""
    return {
        "titel": s.titel,
        "status": s.status,
        "verantwoording_wijk": s.verantwoording_wijk,
        "verantwoording_raad": s.verantwoording_raad,
        "vastgesteld_op": s.vastgesteld_op.isoformat() if s.vastgesteld_op else None,
        "besluit_referentie": s.besluit_referentie,
        "afspraken": {
            str(a.pk): {
                "wat": a.wat,
                "wie": a.wie,
                "partner": a.partner,
                "wanneer": a.wanneer.isoformat() if a.wanneer else None,
                "bouwsteen": a.bouwsteen.naam_nl if a.bouwsteen else "",
                "status": a.status,
            }
            for a in s.afspraken.select_related("bouwsteen").order_by("volgorde", "id")
        },
        "themas": {
            str(t.pk): {
                "naam": t.naam,
                "archetype": t.archetype,
                "open_begroting_pot": t.open_begroting_pot,
            }
            for t in s.themas.order_by("id")
        },
        "instrumenten": {
            str(i.pk): {"soort": i.soort, "omschrijving": i.omschrijving}
            for i in s.instrumenten.order_by("id")
        },
    }


def _versie(s: Afsprakenset, *, door: Any, samenvatting: str) -> AfsprakensetVersie | None:
    """Write a new version if the set changed since the last one."""
    snap = snapshot(s)
    laatste = s.versies.order_by("-nummer").first()
    if laatste is not None and laatste.snapshot == snap:
        return None
    s.versie = (laatste.nummer if laatste else 0) + 1
    s.updated = timezone.now()
    Afsprakenset.objects.filter(pk=s.pk).update(versie=s.versie, updated=s.updated)
    return AfsprakensetVersie.objects.create(
        afsprakenset=s, nummer=s.versie, snapshot=snap, samenvatting=samenvatting[:255], door=door
    )


def _lock(s: Afsprakenset) -> Afsprakenset:
    return Afsprakenset.objects.select_for_update().select_related("wijk").get(pk=s.pk)


@transaction.atomic
def afsprakenset_maken(*, wijk: Any, door: Any, titel: str) -> Afsprakenset:
    s = Afsprakenset(wijk=wijk, titel=titel.strip())
    s.full_clean()
    s.save()
    _versie(s, door=door, samenvatting=_("Agreement set created"))
    audit_log(actor=door, action="praatplaat.set_nieuw", obj=s, summary=s.titel)
    return s


def _apply_items(
    s: Afsprakenset, model: Any, items: list[dict[str, Any]], velden: list[str]
) -> None:
    bestaand = {o.pk: o for o in model.objects.filter(afsprakenset=s)}
    for i, item in enumerate(items):
        pk = item.get("id")
        if pk and pk not in bestaand:
            raise ValidationError(_("This item does not belong to this agreement set."))
        if item.get("delete"):
            if pk:
                bestaand[pk].delete()
            continue
        obj = bestaand[pk] if pk else model(afsprakenset=s)
        for v in velden:
            if v in item:
                setattr(obj, v, item[v])
        if model is Afspraak and not pk:
            obj.volgorde = i
        obj.full_clean()
        obj.save()


@transaction.atomic
def afsprakenset_bijwerken(
    *,
    afsprakenset: Afsprakenset,
    door: Any,
    gegevens: dict[str, Any] | None = None,
    afspraken: list[dict[str, Any]] | None = None,
    themas: list[dict[str, Any]] | None = None,
    instrumenten: list[dict[str, Any]] | None = None,
    samenvatting: str = "",
) -> AfsprakensetVersie | None:
    """Edit a draft set. Items are dicts with an optional ``id`` and ``delete``."""
    s = _lock(afsprakenset)
    if s.status != SetStatus.CONCEPT:
        raise ValidationError(_("Only a draft can be edited. Move the set back to draft first."))
    for veld in ("titel", "verantwoording_wijk", "verantwoording_raad"):
        if gegevens and veld in gegevens:
            setattr(s, veld, gegevens[veld])
    s.full_clean()
    s.save()
    if afspraken is not None:
        _apply_items(
            s, Afspraak, afspraken, ["wat", "wie", "partner", "wanneer", "bouwsteen", "status"]
        )
    if themas is not None:
        _apply_items(s, Thema, themas, ["naam", "archetype", "open_begroting_pot", "toelichting"])
    if instrumenten is not None:
        _apply_items(s, Instrument, instrumenten, ["soort", "omschrijving"])
    versie = _versie(s, door=door, samenvatting=samenvatting or _("Agreements edited"))
    if versie:
        audit_log(actor=door, action="praatplaat.set_gewijzigd", obj=s, summary=f"v{versie.nummer}")
    afsprakenset.refresh_from_db()
    return versie


@transaction.atomic
def afspraak_status_zetten(*, afspraak: Afspraak, status: str, door: Any) -> Afspraak:
    """Progress of one agreement (stap 3): allowed in a draft and in an adopted set."""
    s = _lock(afspraak.afsprakenset)
    if s.status not in (SetStatus.CONCEPT, SetStatus.VASTGESTELD):
        raise ValidationError(_("The progress of an agreement cannot be changed now."))
    if status not in AfspraakStatus.values:
        raise ValidationError(_("Unknown status."))
    afspraak = Afspraak.objects.get(pk=afspraak.pk, afsprakenset=s)
    afspraak.status = status
    afspraak.save(update_fields=["status"])
    _versie(
        s,
        door=door,
        samenvatting=_("Progress: %(wat)s → %(status)s")
        % {"wat": afspraak.wat[:60], "status": AfspraakStatus(status).label},
    )
    audit_log(actor=door, action="praatplaat.afspraak_status", obj=afspraak, summary=status)
    return afspraak


@transaction.atomic
def afsprakenset_status(
    *,
    afsprakenset: Afsprakenset,
    naar: str,
    door: Any,
    vastgesteld_op: dt.date | None = None,
    besluit_referentie: str = "",
) -> Afsprakenset:
    """Move a set through concept → ter bespreking → vastgesteld → geëvalueerd."""
    from . import selectors, tasks

    s = _lock(afsprakenset)
    if naar not in TRANSITIES.get(s.status, frozenset()):
        raise ValidationError(
            _("A set that is %(van)s cannot become %(naar)s.")
            % {
                "van": SetStatus(s.status).label,
                "naar": SetStatus(naar).label if naar in SetStatus.values else naar,
            }
        )
    if naar == SetStatus.TER_BESPREKING:
        if not s.afspraken.exists():
            raise ValidationError(_("Write at least one agreement first."))
        if not s.themas.exists():
            raise ValidationError(_("Choose an archetype for at least one theme first."))
        vlekken = selectors.witte_vlekken(s)
        if vlekken:
            raise ValidationError(
                [_("The set is not congruent yet; the gaps are:")] + [v.tekst for v in vlekken]
            )
    if naar == SetStatus.VASTGESTELD:
        if not vastgesteld_op or not besluit_referentie.strip():
            raise ValidationError(_("Record the date and the reference of the council decision."))
        s.vastgesteld_op = vastgesteld_op
        s.besluit_referentie = besluit_referentie.strip()
    if naar == SetStatus.GEEVALUEERD and not s.evaluaties.exists():
        raise ValidationError(_("Record an evaluation of this set first."))
    van = s.status
    s.status = naar
    s.save()
    versie = _versie(
        s,
        door=door,
        samenvatting=_("Status: %(van)s → %(naar)s")
        % {"van": SetStatus(van).label, "naar": SetStatus(naar).label},
    )
    audit_log(
        actor=door,
        action="praatplaat.set_status",
        obj=s,
        summary=f"{van} → {naar}",
        changes={"van": van, "naar": naar},
    )
    if naar == SetStatus.TER_BESPREKING and versie is not None:
        set_id, nummer = s.pk, versie.nummer
        transaction.on_commit(lambda: tasks.raad_melden.delay(set_id, nummer))
    afsprakenset.refresh_from_db()
    return s


# --- council review -----------------------------------------------------------------------


@transaction.atomic
def commentaar_plaatsen(
    *,
    afsprakenset: Afsprakenset,
    auteur: Any,
    tekst: str,
    afspraak: Afspraak | None = None,
    parent: Commentaar | None = None,
) -> Commentaar:
    from groningenmodel.permissions import is_raadslid

    if afspraak is not None and afspraak.afsprakenset_id != afsprakenset.pk:
        raise ValidationError(_("This agreement is not part of this set."))
    if parent is not None:
        if parent.afsprakenset_id != afsprakenset.pk:
            raise ValidationError(_("You can only reply within the same set."))
        afspraak = parent.afspraak
    c = Commentaar(
        afsprakenset=afsprakenset,
        afspraak=afspraak,
        parent=parent,
        auteur=auteur,
        rol="raadslid" if is_raadslid(auteur) else "gebiedsteam",
        tekst=tekst.strip(),
    )
    c.full_clean()
    c.save()
    audit_log(actor=auteur, action="praatplaat.commentaar", obj=c, summary=c.tekst)
    return c


@transaction.atomic
def raadsrol_vastleggen(
    *, wijk: Any, door: Any, sturing: str, rollen: list[str], toelichting: str = ""
) -> Raadsrol:
    if sturing not in Sturing.values:
        raise ValidationError(_("Choose steering on content or on process."))
    bad = [r for r in rollen if r not in RaadsRol.values]
    if bad or not rollen:
        raise ValidationError(_("Choose at least one role of the council."))
    r = Raadsrol(wijk=wijk, door=door, sturing=sturing, rollen=rollen, toelichting=toelichting)
    r.full_clean()
    r.save()
    audit_log(actor=door, action="praatplaat.raadsrol", obj=r, summary=f"{sturing} {rollen}")
    return r


def raad_melden(*, afsprakenset_id: int, versie: int) -> int:
    """E-mail every active council member that a set awaits review; once per version."""
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.db import IntegrityError
    from django.template.loader import render_to_string
    from django.utils.translation import override

    from groningenmodel.models import User

    from .models import RaadsMelding

    s = Afsprakenset.objects.select_related("wijk").get(pk=afsprakenset_id)
    try:
        with transaction.atomic():
            melding = RaadsMelding.objects.create(afsprakenset=s, versie=versie)
    except IntegrityError:
        return 0  # already sent (task retried or run twice)
    ontvangers = list(
        User.objects.filter(is_raadslid=True, is_active=True)
        .exclude(email="")
        .only("email", "taal")
    )
    berichten = []
    for u in ontvangers:
        with override(u.taal or "nl"):
            onderwerp = _("Agreements of %(wijk)s are ready for council review") % {
                "wijk": s.wijk.naam
            }
            body = render_to_string(
                "praatplaat/mail_ter_bespreking.txt",
                {"set": s, "versie": versie, "url": settings.SITE_URL + s.get_absolute_url()},
            )
        berichten.append(EmailMessage(onderwerp, body, to=[u.email]))
    get_connection().send_messages(berichten)
    RaadsMelding.objects.filter(pk=melding.pk).update(ontvangers=len(berichten))
    return len(berichten)


# --- evaluation -------------------------------------------------------------------------------


@transaction.atomic
def evaluatie_vastleggen(*, wijk: Any, door: Any, gegevens: dict[str, Any]) -> Evaluatie:
    e = Evaluatie(wijk=wijk, door=door, **gegevens)
    if e.afsprakenset is not None and e.afsprakenset.wijk_id != wijk.pk:
        raise ValidationError(_("This agreement set belongs to another neighbourhood."))
    e.full_clean()
    e.save()
    audit_log(actor=door, action="praatplaat.evaluatie", obj=e, summary=str(e.datum))
    return e
