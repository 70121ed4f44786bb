"""Writes of the idea rounds: every state change is one function here."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groningenmodel.audit import audit_log
from groningenmodel.permissions import is_bewoner
from wijken.models import Buurt, Wijk

from . import grootboek
from .afbeeldingen import verwerk_afbeelding
from .models import (
    BUURTBUDGET_MAX,
    FASE_START_VELD,
    Aanvraag,
    AanvraagSoort,
    AanvraagStap,
    AanvraagStatus,
    Criterium,
    CriteriumOordeel,
    Fase,
    Idee,
    IdeeAfbeelding,
    IdeeStatus,
    IdeeUpdate,
    Meldingsinstelling,
    Reactie,
    ReactieMelding,
    Ronde,
    Steun,
    Thema,
    fase_index,
)

User = Any


def _tasks() -> Any:
    from . import tasks

    return tasks


# --- rounds -----------------------------------------------------------------------


@transaction.atomic
def ronde_opslaan(
    *,
    actor: User,
    wijk: Wijk,
    ronde: Ronde | None = None,
    velden: dict[str, Any],
    themas: list[str] | None = None,
) -> Ronde:
    """Create or change a round. The voting rules cannot change once voting has opened."""
    nieuw = ronde is None
    if ronde is None:
        ronde = Ronde(wijk=wijk)
    for k, v in velden.items():
        setattr(ronde, k, v)
    ronde.full_clean()
    ronde.save()
    if themas is not None:
        namen = {t.strip() for t in themas if t.strip()}
        ronde.themas.exclude(naam__in=namen).filter(ideeen__isnull=True).delete()
        for naam in sorted(namen):
            Thema.objects.get_or_create(ronde=ronde, naam=naam[:100])
    audit_log(
        actor=actor,
        action="stemmen.ronde_aangemaakt" if nieuw else "stemmen.ronde_gewijzigd",
        obj=ronde,
        summary=ronde.titel,
        changes={k: str(v) for k, v in velden.items()},
    )
    if nieuw:
        ronde_fase_bijwerken(ronde=ronde)
    return ronde


@transaction.atomic
def ronde_fase_zetten(*, ronde: Ronde, fase: str, actor: User | None = None) -> Ronde:
    """Move a round to a later phase (never back)."""
    ronde = Ronde.objects.select_for_update().get(pk=ronde.pk)
    if fase_index(fase) <= fase_index(ronde.fase):
        return ronde
    now = timezone.now()
    vorige = ronde.fase
    # A staff action ahead of the planned date: the date becomes now, so the dates
    # on the page stay true.
    for f in list(FASE_START_VELD)[: fase_index(fase)]:
        veld = FASE_START_VELD[f]
        if getattr(ronde, veld) > now:
            if ronde.stemregels_vast and veld in Ronde.STEMREGEL_VELDEN:
                raise ValidationError(
                    _("Voting closes at the time fixed when it opened: %(when)s."),
                    params={
                        "when": timezone.localtime(getattr(ronde, veld)).strftime("%d-%m-%Y %H:%M")
                    },
                )
            setattr(ronde, veld, now)
    ronde.fase = fase
    if fase_index(fase) >= fase_index(Fase.STEMMEN) and ronde.stemregels_vast_op is None:
        ronde.stemregels_vast_op = now
    Ronde.objects.filter(pk=ronde.pk).update(
        fase=ronde.fase,
        stemregels_vast_op=ronde.stemregels_vast_op,
        **{v: getattr(ronde, v) for v in FASE_START_VELD.values()},
    )
    audit_log(
        actor=actor,
        action="stemmen.ronde_fase",
        obj=ronde,
        summary=f"{vorige} → {fase}",
        changes={"van": vorige, "naar": fase},
    )
    ronde_id = ronde.pk
    transaction.on_commit(lambda: _tasks().mail_fase_wijziging.delay(ronde_id, fase))
    return ronde


def ronde_fase_volgende(*, ronde: Ronde, actor: User) -> Ronde:
    nxt = ronde.volgende_fase
    if nxt is None:
        raise ValidationError(_("This round is already in its last phase."))
    return ronde_fase_zetten(ronde=ronde, fase=nxt, actor=actor)


def ronde_fase_bijwerken(*, ronde: Ronde, now: datetime | None = None) -> Ronde:
    """Move the round on to the phase its dates say (forward only)."""
    ronde = Ronde.objects.get(pk=ronde.pk)
    doel = ronde.fase_volgens_datum(now)
    if fase_index(doel) > fase_index(ronde.fase):
        return ronde_fase_zetten(ronde=ronde, fase=doel)
    return ronde


def rondes_fasen_bijwerken(*, now: datetime | None = None) -> int:
    """For the beat task: every round whose next phase has started moves on."""
    now = now or timezone.now()
    n = 0
    for ronde in Ronde.objects.exclude(fase=Fase.UITVOERING):
        before = ronde.fase
        if ronde_fase_bijwerken(ronde=ronde, now=now).fase != before:
            n += 1
    return n


# --- ideas ------------------------------------------------------------------------


def _check_bewoner(user: User, wijk_id: int) -> None:
    if not is_bewoner(user, wijk_id):
        raise ValidationError(_("Only residents of this neighbourhood can do this."))


def _afbeeldingen_toevoegen(idee: Idee, uploads: list[Any]) -> None:
    if idee.afbeeldingen.count() + len(uploads) > IdeeAfbeelding.MAX:
        raise ValidationError(_("An idea can have at most 5 images."))
    for upload in uploads:
        f, w, h = verwerk_afbeelding(upload)
        IdeeAfbeelding.objects.create(
            idee=idee, bestand=f, breedte=w, hoogte=h, alt=idee.titel[:200]
        )


def _idee_velden(
    idee: Idee,
    *,
    titel: str,
    beschrijving: str,
    kosten: int,
    thema: Thema | None,
    buurt: Buurt | None,
    locatie: str,
) -> None:
    if thema is not None and thema.ronde_id != idee.ronde_id:
        raise ValidationError({"thema": _("Choose a theme of this round.")})
    if buurt is not None and buurt.wijk_id != idee.ronde.wijk_id:
        raise ValidationError({"buurt": _("Choose an area in this neighbourhood.")})
    idee.titel = titel.strip()
    idee.beschrijving = beschrijving.strip()
    idee.kosten = kosten
    idee.thema = thema
    idee.buurt = buurt
    idee.locatie = locatie.strip()


def idee_indienen(
    *,
    ronde: Ronde,
    user: User,
    titel: str,
    beschrijving: str,
    kosten: int,
    thema: Thema | None = None,
    buurt: Buurt | None = None,
    locatie: str = "",
    afbeeldingen: list[Any] | None = None,
) -> Idee:
    _check_bewoner(user, ronde.wijk_id)
    ronde_fase_bijwerken(ronde=ronde)  # its own transaction: the phase change stays
    with transaction.atomic():
        return _idee_indienen(
            ronde=ronde,
            user=user,
            titel=titel,
            beschrijving=beschrijving,
            kosten=kosten,
            thema=thema,
            buurt=buurt,
            locatie=locatie,
            afbeeldingen=afbeeldingen,
        )


def _idee_indienen(
    *,
    ronde: Ronde,
    user: User,
    titel: str,
    beschrijving: str,
    kosten: int,
    thema: Thema | None,
    buurt: Buurt | None,
    locatie: str,
    afbeeldingen: list[Any] | None,
) -> Idee:
    ronde = Ronde.objects.select_for_update().get(pk=ronde.pk)
    if not ronde.indienen_open:
        raise ValidationError(_("Ideas can no longer be submitted in this round."))
    idee = Idee(ronde=ronde, indiener=user)
    _idee_velden(
        idee,
        titel=titel,
        beschrijving=beschrijving,
        kosten=kosten,
        thema=thema,
        buurt=buurt,
        locatie=locatie,
    )
    idee.full_clean()
    idee.save()
    _afbeeldingen_toevoegen(idee, afbeeldingen or [])
    audit_log(actor=user, action="stemmen.idee_ingediend", obj=idee, summary=idee.titel)
    return idee


def idee_bijwerken(
    *,
    idee: Idee,
    user: User,
    titel: str,
    beschrijving: str,
    kosten: int,
    thema: Thema | None = None,
    buurt: Buurt | None = None,
    locatie: str = "",
    nieuwe_afbeeldingen: list[Any] | None = None,
    verwijder_afbeeldingen: list[int] | None = None,
) -> Idee:
    ronde_fase_bijwerken(ronde=idee.ronde)
    with transaction.atomic():
        return _idee_bijwerken(
            idee=idee,
            user=user,
            titel=titel,
            beschrijving=beschrijving,
            kosten=kosten,
            thema=thema,
            buurt=buurt,
            locatie=locatie,
            nieuwe_afbeeldingen=nieuwe_afbeeldingen,
            verwijder_afbeeldingen=verwijder_afbeeldingen,
        )


def _idee_bijwerken(
    *,
    idee: Idee,
    user: User,
    titel: str,
    beschrijving: str,
    kosten: int,
    thema: Thema | None,
    buurt: Buurt | None,
    locatie: str,
    nieuwe_afbeeldingen: list[Any] | None,
    verwijder_afbeeldingen: list[int] | None,
) -> Idee:
    idee = Idee.objects.select_for_update().select_related("ronde").get(pk=idee.pk)
    if idee.indiener_id != user.pk:
        raise ValidationError(_("Only the initiator can change this idea."))
    if not idee.ronde.indienen_open or idee.is_beoordeeld:
        raise ValidationError(_("Screening has started: the idea can no longer be changed."))
    _idee_velden(
        idee,
        titel=titel,
        beschrijving=beschrijving,
        kosten=kosten,
        thema=thema,
        buurt=buurt,
        locatie=locatie,
    )
    idee.full_clean()
    idee.save()
    if verwijder_afbeeldingen:
        idee.afbeeldingen.filter(pk__in=verwijder_afbeeldingen).delete()
    _afbeeldingen_toevoegen(idee, nieuwe_afbeeldingen or [])
    audit_log(actor=user, action="stemmen.idee_gewijzigd", obj=idee, summary=idee.titel)
    return idee


@transaction.atomic
def idee_steunen(*, idee: Idee, user: User, steun: bool = True) -> bool:
    """'Ik steun dit' (or take it back). Returns whether the user now supports it."""
    _check_bewoner(user, idee.ronde.wijk_id)
    if not idee.ronde.reageren_open:
        raise ValidationError(_("Support can no longer be given in this phase."))
    if idee.indiener_id == user.pk:
        raise ValidationError(_("You cannot support your own idea; ask your neighbours."))
    if steun:
        try:
            with transaction.atomic():
                Steun.objects.create(idee=idee, user=user)
        except IntegrityError:
            pass
        return True
    Steun.objects.filter(idee=idee, user=user).delete()
    return False


@transaction.atomic
def idee_meedoen(*, idee: Idee, user: User) -> None:
    """A resident joins as co-initiator (several residents involved is a criterion)."""
    _check_bewoner(user, idee.ronde.wijk_id)
    if idee.ronde.fase not in (Fase.INDIENEN, Fase.BEOORDELEN):
        raise ValidationError(
            _("Co-initiators can join only while ideas are submitted or screened.")
        )
    if idee.indiener_id == user.pk:
        raise ValidationError(_("You are already the initiator of this idea."))
    idee.mede_indieners.add(user)


@transaction.atomic
def reactie_plaatsen(
    *, idee: Idee, user: User, tekst: str, ouder: Reactie | None = None
) -> Reactie:
    _check_bewoner(user, idee.ronde.wijk_id)
    if not idee.ronde.reageren_open:
        raise ValidationError(_("Comments are closed in this phase."))
    if ouder is not None and ouder.idee_id != idee.pk:
        raise ValidationError(_("You can only answer a comment on the same idea."))
    if ouder is not None and ouder.ouder_id is not None:
        ouder = ouder.ouder  # two levels: answers to answers join the thread
    reactie = Reactie(idee=idee, auteur=user, tekst=tekst.strip(), ouder=ouder)
    reactie.full_clean()
    reactie.save()
    if idee.indiener_id != user.pk:
        rid = reactie.pk
        transaction.on_commit(lambda: _tasks().mail_reactie_op_idee.delay(rid))
    return reactie


@transaction.atomic
def reactie_melden(*, reactie: Reactie, user: User, reden: str) -> ReactieMelding:
    melding, _created = ReactieMelding.objects.get_or_create(
        reactie=reactie, melder=user, defaults={"reden": reden.strip()[:300]}
    )
    return melding


@transaction.atomic
def reactie_modereren(
    *, reactie: Reactie, actor: User, verbergen: bool, reden: str = ""
) -> Reactie:
    if verbergen and not reden.strip():
        raise ValidationError(_("Give a reason for hiding a comment."))
    reactie.status = Reactie.Status.VERBORGEN if verbergen else Reactie.Status.ZICHTBAAR
    reactie.moderatie_reden = reden.strip()[:300]
    reactie.save(update_fields=["status", "moderatie_reden"])
    reactie.meldingen.update(afgehandeld=True)
    audit_log(
        actor=actor,
        action="stemmen.reactie_verborgen" if verbergen else "stemmen.reactie_zichtbaar",
        obj=reactie,
        summary=reden[:200],
    )
    return reactie


# --- screening --------------------------------------------------------------------


def _oordelen_opslaan(
    oordelen: dict[str, tuple[str, str]],
    *,
    idee: Idee | None = None,
    aanvraag: Aanvraag | None = None,
) -> None:
    for key, (oordeel, toelichting) in oordelen.items():
        Criterium(key)
        CriteriumOordeel.objects.update_or_create(
            idee=idee,
            aanvraag=aanvraag,
            criterium=key,
            defaults={"oordeel": oordeel, "toelichting": toelichting.strip()},
        )


def idee_beoordelen(
    *,
    idee: Idee,
    actor: User,
    besluit: str,
    reden: str,
    oordelen: dict[str, tuple[str, str]],
    samengevoegd_in: Idee | None = None,
    kosten_gemeente: int | None = None,
    kosten_notitie: str = "",
) -> Idee:
    """The gebiedsteam's decision on an idea, with a written reason and every criterion."""
    ronde_fase_bijwerken(ronde=idee.ronde)
    with transaction.atomic():
        return _idee_beoordelen(
            idee=idee,
            actor=actor,
            besluit=besluit,
            reden=reden,
            oordelen=oordelen,
            samengevoegd_in=samengevoegd_in,
            kosten_gemeente=kosten_gemeente,
            kosten_notitie=kosten_notitie,
        )


def _idee_beoordelen(
    *,
    idee: Idee,
    actor: User,
    besluit: str,
    reden: str,
    oordelen: dict[str, tuple[str, str]],
    samengevoegd_in: Idee | None,
    kosten_gemeente: int | None,
    kosten_notitie: str,
) -> Idee:
    idee = Idee.objects.select_for_update().select_related("ronde").get(pk=idee.pk)
    if idee.ronde.fase != Fase.BEOORDELEN:
        raise ValidationError(_("Ideas are screened in the screening phase only."))
    if besluit not in (IdeeStatus.STEMBAAR, IdeeStatus.NIET_STEMBAAR, IdeeStatus.SAMENGEVOEGD):
        raise ValidationError(_("Choose an outcome."))
    if not reden.strip():
        raise ValidationError(
            {"reden": _("Write the reason for the decision: the initiator reads it.")}
        )
    missing = set(Criterium.values) - set(oordelen)
    if missing:
        raise ValidationError(_("Judge every criterion."))
    if besluit == IdeeStatus.SAMENGEVOEGD:
        if (
            samengevoegd_in is None
            or samengevoegd_in.pk == idee.pk
            or samengevoegd_in.ronde_id != idee.ronde_id
        ):
            raise ValidationError(
                {"samengevoegd_in": _("Choose another idea of this round to merge into.")}
            )
    else:
        samengevoegd_in = None
    if (
        kosten_gemeente is not None
        and kosten_gemeente != idee.kosten
        and not kosten_notitie.strip()
    ):
        raise ValidationError({"kosten_notitie": _("Explain why the cost estimate changed.")})
    _oordelen_opslaan(oordelen, idee=idee)
    idee.status = besluit
    idee.uitkomst = besluit
    idee.beoordeling_reden = reden.strip()
    idee.samengevoegd_in = samengevoegd_in
    idee.kosten_gemeente = kosten_gemeente if kosten_gemeente != idee.kosten else None
    idee.kosten_notitie = kosten_notitie.strip()
    idee.beoordeeld_door = actor
    idee.beoordeeld_op = timezone.now()
    idee.full_clean()
    idee.save()
    audit_log(
        actor=actor,
        action="stemmen.idee_beoordeeld",
        obj=idee,
        summary=f"{besluit}: {reden[:200]}",
        changes={"status": besluit, "kosten_gemeente": kosten_gemeente},
    )
    iid = idee.pk
    transaction.on_commit(lambda: _tasks().mail_idee_beoordeeld.delay(iid))
    return idee


@transaction.atomic
def idee_antwoorden(*, idee: Idee, user: User, tekst: str) -> Idee:
    """The initiator answers the screening decision, once."""
    idee = Idee.objects.select_for_update().get(pk=idee.pk)
    if idee.indiener_id != user.pk:
        raise ValidationError(_("Only the initiator can answer the decision."))
    if not idee.is_beoordeeld:
        raise ValidationError(_("There is no decision to answer yet."))
    if idee.antwoord_op is not None:
        raise ValidationError(_("You have already answered this decision."))
    if not tekst.strip():
        raise ValidationError({"antwoord": _("Write your answer.")})
    idee.antwoord = tekst.strip()
    idee.antwoord_op = timezone.now()
    idee.full_clean()
    idee.save(update_fields=["antwoord", "antwoord_op"])
    audit_log(actor=user, action="stemmen.idee_antwoord", obj=idee, summary=idee.titel)
    return idee


# --- result and carrying out ------------------------------------------------------


@transaction.atomic
def idee_uitslag_zetten(*, idee: Idee, actor: User, gekozen: bool) -> Idee:
    """Record whether an eligible idea was chosen; a chosen idea gets its commitment."""
    idee = Idee.objects.select_for_update().select_related("ronde").get(pk=idee.pk)
    if fase_index(idee.ronde.fase) < fase_index(Fase.UITSLAG):
        raise ValidationError(_("The result can be recorded once voting has closed."))
    if idee.status not in (IdeeStatus.STEMBAAR, IdeeStatus.NIET_GEKOZEN, IdeeStatus.GEKOZEN):
        raise ValidationError(_("Only ideas that were on the ballot can be chosen."))
    nieuw = IdeeStatus.GEKOZEN if gekozen else IdeeStatus.NIET_GEKOZEN
    if gekozen and idee.ronde.pot_id is None:
        raise ValidationError(
            _("Link the round to a budget pot first: a chosen idea gets a commitment.")
        )
    if idee.status == nieuw:
        return idee
    if idee.status == IdeeStatus.GEKOZEN:
        raise ValidationError(
            _("A chosen idea has a commitment in the ledger; release it there first.")
        )
    idee.status = nieuw
    idee.save(update_fields=["status", "bijgewerkt"])
    if gekozen:
        idee.verplichting = grootboek.boek_verplichting(
            pot=idee.ronde.pot,
            bedrag=idee.kosten_definitief,
            bron=idee,
            door=actor,
            omschrijving=idee.titel,
        )
        idee.save(update_fields=["verplichting"])
    audit_log(actor=actor, action="stemmen.idee_uitslag", obj=idee, summary=nieuw)
    return idee


@transaction.atomic
def idee_update_plaatsen(
    *,
    idee: Idee,
    actor: User,
    status: str,
    tekst: str,
    foto: Any = None,
    foto_alt: str = "",
    uitgave: int = 0,
    datum: Any = None,
) -> IdeeUpdate:
    idee = Idee.objects.select_for_update().select_related("ronde").get(pk=idee.pk)
    if not idee.in_uitvoering:
        raise ValidationError(_("Only chosen ideas are followed while they are carried out."))
    if status not in (IdeeStatus.IN_UITVOERING, IdeeStatus.UITGEVOERD):
        raise ValidationError({"status": _("Choose a status.")})
    update = IdeeUpdate(
        idee=idee,
        auteur=actor,
        status=status,
        tekst=tekst.strip(),
        foto_alt=foto_alt.strip(),
        uitgave=uitgave,
        datum=datum or timezone.localdate(),
    )
    if foto:
        f, _w, _h = verwerk_afbeelding(foto)
        update.foto = f
    update.full_clean()
    update.save()
    if uitgave:
        update.boeking = grootboek.boek_uitgave(
            verplichting=idee.verplichting,
            bedrag=uitgave,
            door=actor,
            omschrijving=tekst.strip()[:200] or idee.titel,
            sleutel=f"stemmen:ideeupdate:{update.pk}:uitgave",
        )
        update.save(update_fields=["boeking"])
    idee.status = status
    idee.save(update_fields=["status", "bijgewerkt"])
    audit_log(actor=actor, action="stemmen.idee_update", obj=idee, summary=tekst[:200])
    return update


# --- initiative applications ------------------------------------------------------


def beslistermijn_dagen() -> int:
    return int(getattr(settings, "STEMMEN_BUURTBUDGET_BESLISTERMIJN_DAGEN", 14))


@transaction.atomic
def aanvraag_indienen(
    *,
    wijk: Wijk,
    user: User,
    soort: str,
    titel: str,
    beschrijving: str,
    bedrag: int,
    betrokkenen: int = 1,
    cofinanciering: str = "",
    taak: str = "",
    huidig_budget: int | None = None,
) -> Aanvraag:
    _check_bewoner(user, wijk.pk)
    soort = AanvraagSoort(soort)
    if soort == AanvraagSoort.BUURTBUDGET and bedrag > BUURTBUDGET_MAX:
        raise ValidationError(
            {
                "bedrag": _(
                    "A buurtbudget grant is at most €500. Apply for a larger initiative instead."
                )
            }
        )
    if soort == AanvraagSoort.INITIATIEF and bedrag <= BUURTBUDGET_MAX:
        raise ValidationError({"bedrag": _("Up to €500 you can use the light buurtbudget form.")})
    if soort == AanvraagSoort.UITDAAGRECHT and not taak.strip():
        raise ValidationError(
            {"taak": _("Describe the municipal task your group offers to take over.")}
        )
    dagen = beslistermijn_dagen() if soort == AanvraagSoort.BUURTBUDGET else 8 * 7
    aanvraag = Aanvraag(
        wijk=wijk,
        aanvrager=user,
        soort=soort,
        titel=titel.strip(),
        beschrijving=beschrijving.strip(),
        bedrag=bedrag,
        betrokkenen=betrokkenen,
        cofinanciering=cofinanciering.strip(),
        taak=taak.strip(),
        huidig_budget=huidig_budget,
        beslissen_voor=timezone.localdate() + timedelta(days=dagen),
    )
    aanvraag.full_clean()
    aanvraag.save()
    audit_log(actor=user, action="stemmen.aanvraag_ingediend", obj=aanvraag, summary=aanvraag.titel)
    return aanvraag


@transaction.atomic
def aanvraag_stap_vastleggen(
    *, aanvraag: Aanvraag, actor: User, stap: str, toelichting: str
) -> AanvraagStap:
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    if aanvraag.is_besloten:
        raise ValidationError(_("This application has been decided."))
    s = AanvraagStap(aanvraag=aanvraag, stap=stap, toelichting=toelichting.strip(), door=actor)
    s.full_clean()
    s.save()
    if aanvraag.status == AanvraagStatus.INGEDIEND:
        aanvraag.status = AanvraagStatus.IN_BEHANDELING
        aanvraag.save(update_fields=["status"])
    audit_log(actor=actor, action="stemmen.aanvraag_stap", obj=aanvraag, summary=stap)
    return s


@transaction.atomic
def aanvraag_besluiten(
    *,
    aanvraag: Aanvraag,
    actor: User,
    toekennen: bool,
    reden: str,
    oordelen: dict[str, tuple[str, str]] | None = None,
    pot: Any = None,
) -> Aanvraag:
    aanvraag = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    if aanvraag.is_besloten:
        raise ValidationError(_("This application has already been decided."))
    if not reden.strip():
        raise ValidationError(
            {"reden": _("Write the reason for the decision: the applicant reads it.")}
        )
    if aanvraag.soort == AanvraagSoort.INITIATIEF:
        if set(Criterium.values) - set(oordelen or {}):
            raise ValidationError(_("Judge every criterion."))
    if oordelen:
        _oordelen_opslaan(oordelen, aanvraag=aanvraag)
    if aanvraag.soort == AanvraagSoort.UITDAAGRECHT and toekennen and not aanvraag.stappen.exists():
        raise ValidationError(
            _("Record the assessment steps before granting a right-to-challenge request.")
        )
    aanvraag.status = AanvraagStatus.TOEGEKEND if toekennen else AanvraagStatus.AFGEWEZEN
    aanvraag.besluit_reden = reden.strip()
    aanvraag.besloten_door = actor
    aanvraag.besloten_op = timezone.now()
    if toekennen:
        if pot is None or pot.wijk_id != aanvraag.wijk_id:
            raise ValidationError(
                {"pot": _("Choose the budget pot of this neighbourhood to book the grant on.")}
            )
        aanvraag.pot = pot
        aanvraag.verplichting = grootboek.boek_verplichting(
            pot=pot, bedrag=aanvraag.bedrag, bron=aanvraag, door=actor, omschrijving=aanvraag.titel
        )
    aanvraag.full_clean()
    aanvraag.save()
    audit_log(
        actor=actor,
        action="stemmen.aanvraag_besluit",
        obj=aanvraag,
        summary=f"{aanvraag.status}: {reden[:200]}",
    )
    aid = aanvraag.pk
    transaction.on_commit(lambda: _tasks().mail_aanvraag_besloten.delay(aid))
    return aanvraag


# --- notification settings --------------------------------------------------------


def meldingsinstelling_voor(user: User) -> Meldingsinstelling:
    inst = Meldingsinstelling.objects.filter(user=user).first()
    return inst or Meldingsinstelling(user=user)


@transaction.atomic
def meldingsinstelling_opslaan(
    *, user: User, idee_beoordeeld: bool, reactie_op_idee: bool, fase_wijziging: bool
) -> Meldingsinstelling:
    inst, _c = Meldingsinstelling.objects.update_or_create(
        user=user,
        defaults={
            "idee_beoordeeld": idee_beoordeeld,
            "reactie_op_idee": reactie_op_idee,
            "fase_wijziging": fase_wijziging,
        },
    )
    return inst
