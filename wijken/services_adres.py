"""Address verification: linking an account to a registered address ("Mijn adres").

The rule
========
- A resident asks to be linked to an address of the municipal register (postcode,
  house number, addition) and gives their year of birth. When the register holds
  inhabitants for that address, one with that year of birth must exist and not be
  linked to another account: **one account per registered inhabitant** (a unique
  ``inwoner`` on both :class:`~wijken.models.Bewoner` and
  :class:`~wijken.models.AdresVerificatie`, checked under a row lock). When the
  register holds no inhabitants for the address, the account is linked to the address
  alone.
- A failed look-up gives one message for "address and year of birth not in the
  register" (never whether the address exists); at most :data:`MAX_MISLUKT` failed
  look-ups per account per hour (cache).
- The request is verified either by the code in a letter the area team prints and
  posts to the address (the code is made at print time and stored only as a keyed
  hash; it works :data:`~wijken.models.CODE_GELDIG_DAGEN` days and
  :data:`~wijken.models.MAX_POGINGEN` wrong tries), or at the desk by area-team staff
  of the stadsdeel after checking an identity document.
- A first request makes a pending ``Bewoner`` (``geverifieerd=False``). A verified
  resident who moves keeps their current link until the new address is verified; then
  the new address replaces it.
- Every state change is audited (``wijken.adresverificatie_*``, ``wijken.bewoner_*``).
"""

from __future__ import annotations

import hmac
import re
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groningenmodel import codes
from groningenmodel.audit import audit_log

from .models import (
    CODE_GELDIG_DAGEN,
    MAX_POGINGEN,
    Adres,
    AdresVerificatie,
    Bewoner,
    Inwoner,
    Stadsdeel,
    Wijk,
)

User = Any

MAX_MISLUKT = 5  # failed look-ups per account per hour
MISLUKT_SECONDEN = 3600

CODE_LENGTE = 8  # 31**8 ≈ 8.5e11; with 5 tries per letter, guessing is hopeless

POSTCODE = re.compile(r"^(\d{4})([A-Z]{2})$")


# --- codes -------------------------------------------------------------------------------


def code_nieuw() -> str:
    return codes.code_maken(CODE_LENGTE, 4)


code_normaliseren = codes.code_normaliseren


def code_hash(verificatie_id: int, code: str) -> str:
    return codes.code_hash(f"adresverificatie:{verificatie_id}", code)


# --- looking up an address ------------------------------------------------------------------


def postcode_normaliseren(postcode: str) -> str:
    """ "9711 ab" → "9711AB" (spaces removed, letters upper case)."""
    return "".join(postcode.split()).upper()


def toevoeging_normaliseren(toevoeging: str) -> str:
    return "".join(toevoeging.split()).lstrip("-").upper()


def _mislukt_sleutel(user: User) -> str:
    return f"wijken:adres-zoeken-mislukt:{user.pk}"


def _mislukt_tellen(user: User) -> None:
    key = _mislukt_sleutel(user)
    if cache.add(key, 1, timeout=MISLUKT_SECONDEN):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=MISLUKT_SECONDEN)


def _geremd(user: User) -> bool:
    return int(cache.get(_mislukt_sleutel(user), 0)) >= MAX_MISLUKT


def _niet_gevonden() -> ValidationError:
    return ValidationError(
        _(
            "We could not find this combination of address and year of birth in the "
            "municipal register. Check the postcode, house number and addition, and your "
            "year of birth."
        ),
        code="niet_gevonden",
    )


def _al_gekoppeld() -> ValidationError:
    return ValidationError(
        _(
            "The registered inhabitant with this address and year of birth is already "
            "linked to another account. If that is not your account, contact the area team."
        ),
        code="al_gekoppeld",
    )


def _geclaimd_door_anderen(ids: list[int], user: User) -> set[int]:
    bezet = set(
        Bewoner.objects.filter(inwoner_id__in=ids)
        .exclude(user=user)
        .values_list("inwoner_id", flat=True)
    )
    bezet |= set(
        AdresVerificatie.objects.filter(inwoner_id__in=ids)
        .exclude(user=user)
        .values_list("inwoner_id", flat=True)
    )
    return bezet


def _inwoner_kiezen(adres: Adres, geboortejaar: int, user: User) -> Inwoner | None:
    """The inhabitant to link, or None when the register has no inhabitants for the
    address. Raises ValidationError when no inhabitant with
    that year is there or all of them are taken. Locks the candidate rows (PostgreSQL)
    so two requests cannot pick the same inhabitant; the unique constraints catch the
    rest. Call inside a transaction."""
    if not Inwoner.objects.filter(adres=adres).exists():
        return None
    ids = list(
        Inwoner.objects.select_for_update()
        .filter(adres=adres, geboortejaar=geboortejaar)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        raise _niet_gevonden()
    bezet = _geclaimd_door_anderen(ids, user)
    vrij = [pk for pk in ids if pk not in bezet]
    if not vrij:
        raise _al_gekoppeld()
    # The one this account already holds (pending or verified) first, else the first free.
    eigen = set(
        Bewoner.objects.filter(user=user, inwoner_id__in=vrij).values_list("inwoner_id", flat=True)
    )
    kies = next((pk for pk in vrij if pk in eigen), vrij[0])
    return Inwoner.objects.get(pk=kies)


def adres_zoeken(*, postcode: str, huisnummer: int, toevoeging: str = "") -> Adres | None:
    return (
        Adres.objects.filter(
            postcode=postcode_normaliseren(postcode),
            huisnummer=huisnummer,
            toevoeging__iexact=toevoeging_normaliseren(toevoeging),
        )
        .select_related("straat__buurt__wijk__stadsdeel")
        .first()
    )


# --- the resident's side -------------------------------------------------------------------


def _forget_role_cache(user: User) -> None:
    user.__dict__.pop("_bewoner_wijk_id", None)


def adresverificatie_aanvragen(
    *, user: User, postcode: str, huisnummer: int, toevoeging: str = "", geboortejaar: int
) -> AdresVerificatie:
    """Ask to be linked to an address; replaces the account's open request, if any."""
    if _geremd(user):
        raise ValidationError(
            _(
                "Too many addresses that could not be found. For your safety you can try "
                "again in an hour, or ask the area team for help."
            ),
            code="geremd",
        )
    jaar_nu = timezone.localdate().year
    if not 1900 <= geboortejaar <= jaar_nu:
        raise ValidationError(_("Enter a year of birth between 1900 and this year."))
    if not POSTCODE.match(postcode_normaliseren(postcode)):
        raise ValidationError(_("Enter a postcode like 9711 AB."))
    adres = adres_zoeken(postcode=postcode, huisnummer=huisnummer, toevoeging=toevoeging)
    try:
        if adres is None:
            raise _niet_gevonden()
        with transaction.atomic():
            inwoner = _inwoner_kiezen(adres, geboortejaar, user)
            return _aanvraag_opslaan(user=user, adres=adres, inwoner=inwoner, jaar=geboortejaar)
    except ValidationError as exc:
        if exc.code in ("niet_gevonden", "al_gekoppeld"):
            _mislukt_tellen(user)
        raise


def _aanvraag_opslaan(
    *, user: User, adres: Adres, inwoner: Inwoner | None, jaar: int
) -> AdresVerificatie:
    bewoner = Bewoner.objects.select_for_update().filter(user=user).first()
    if (
        bewoner is not None
        and bewoner.geverifieerd
        and bewoner.adres_id == adres.pk
        and bewoner.inwoner_id == (inwoner.pk if inwoner else None)
    ):
        raise ValidationError(
            _("Your account is already verified for this address."), code="al_geverifieerd"
        )
    oud = AdresVerificatie.objects.select_for_update().filter(user=user).first()
    if oud is not None:
        audit_log(
            actor=user,
            action="wijken.adresverificatie_vervangen",
            obj=oud,
            summary="replaced by a new request",
        )
        oud.delete()
    verificatie = AdresVerificatie(user=user, adres=adres, inwoner=inwoner, geboortejaar=jaar)
    try:
        with transaction.atomic():
            verificatie.save()
            if bewoner is None or not bewoner.geverifieerd:
                # A first request: a pending resident account (not yet a bewoner).
                Bewoner.objects.update_or_create(
                    user=user,
                    defaults={
                        "adres": adres,
                        "inwoner": inwoner,
                        "geboortejaar": jaar,
                        "geverifieerd": False,
                        "geverifieerd_op": None,
                    },
                )
    except IntegrityError:
        # Another request took the same inhabitant at the same moment.
        raise _al_gekoppeld() from None
    audit_log(
        actor=user,
        action="wijken.adresverificatie_aanvragen",
        obj=verificatie,
        summary=f"request for an address in {adres.straat.buurt.wijk.naam}",
        changes={"adres_id": adres.pk, "inwoner_id": inwoner.pk if inwoner else None},
    )
    return verificatie


def _vervallen(verificatie: AdresVerificatie, *, actor: User, action: str, summary: str) -> None:
    """End an open request without verifying it; a pending Bewoner goes with it."""
    audit_log(actor=actor, action=action, obj=verificatie, summary=summary)
    Bewoner.objects.filter(user_id=verificatie.user_id, geverifieerd=False).delete()
    verificatie.delete()


def adresverificatie_intrekken(*, user: User) -> bool:
    """The resident cancels their open request. Returns False when there was none."""
    with transaction.atomic():
        verificatie = AdresVerificatie.objects.select_for_update().filter(user=user).first()
        if verificatie is None:
            return False
        _vervallen(
            verificatie,
            actor=user,
            action="wijken.adresverificatie_intrekken",
            summary="cancelled by the resident",
        )
    return True


def adresverificatie_code_invoeren(*, user: User, code: str) -> Bewoner:
    """The resident enters the code from the letter. Wrong codes count; the request is
    void after :data:`MAX_POGINGEN` of them or when the code has expired."""
    if len(code_normaliseren(code)) != CODE_LENGTE:
        raise ValidationError(
            _("The code in the letter has 8 letters and digits, e.g. ABCD-EFGH."),
            code="vorm",
        )
    fout: ValidationError | None = None
    with transaction.atomic():
        v = AdresVerificatie.objects.select_for_update().filter(user=user).first()
        if v is None:
            raise ValidationError(_("You have no open address verification."), code="geen")
        if v.verstuurd_op is None or not v.code_hash:
            raise ValidationError(
                _("The letter with your code has not been sent yet."), code="niet_verstuurd"
            )
        if v.verlopen:
            _vervallen(
                v, actor=user, action="wijken.adresverificatie_verlopen", summary="code expired"
            )
            fout = ValidationError(
                _("The code has expired. Please request verification of your address again."),
                code="verlopen",
            )
        elif not hmac.compare_digest(v.code_hash, code_hash(v.pk, code)):
            v.pogingen += 1
            if v.pogingen >= MAX_POGINGEN:
                _vervallen(
                    v,
                    actor=user,
                    action="wijken.adresverificatie_vervallen",
                    summary="too many wrong codes",
                )
                fout = ValidationError(
                    _(
                        "That code is not right, and that was the last try: this request "
                        "is no longer valid. Please request verification of your address again."
                    ),
                    code="vervallen",
                )
            else:
                v.save(update_fields=["pogingen"])
                audit_log(
                    actor=user,
                    action="wijken.adresverificatie_foute_code",
                    obj=v,
                    summary=f"wrong code ({v.pogingen} of {MAX_POGINGEN})",
                )
                over = MAX_POGINGEN - v.pogingen
                fout = ValidationError(
                    ngettext(
                        "That code is not right. You have %(n)d more try.",
                        "That code is not right. You have %(n)d more tries.",
                        over,
                    )
                    % {"n": over},
                    code="fout",
                )
        else:
            return _verifieren(v, methode=AdresVerificatie.Methode.BRIEF, door=user)
    # Outside the transaction: the counted try (or the voided request) stays saved.
    raise fout


def _verifieren(v: AdresVerificatie, *, methode: str, door: User) -> Bewoner:
    """Make the request's account a verified resident of its address (in a transaction,
    with the request row locked)."""
    inwoner = v.inwoner
    if inwoner is None and Inwoner.objects.filter(adres_id=v.adres_id).exists():
        # The register of this address changed since the request (e.g. a new import).
        inwoner = _inwoner_kiezen(v.adres, v.geboortejaar, v.user)
    bewoner = Bewoner.objects.select_for_update().filter(user_id=v.user_id).first()
    vorig_adres_id = bewoner.adres_id if bewoner is not None and bewoner.geverifieerd else None
    nu = timezone.now()
    v_pk, v_adres_id = v.pk, v.adres_id
    audit_log(
        actor=door,
        action="wijken.adresverificatie_geverifieerd",
        obj=v,
        summary=f"verified: {methode}",
        changes={"methode": methode},
    )
    v.delete()  # releases the reservation of the inhabitant before the account takes it
    if bewoner is None:
        bewoner = Bewoner(user_id=v.user_id)
    bewoner.adres_id = v_adres_id
    bewoner.inwoner = inwoner
    bewoner.geboortejaar = v.geboortejaar
    bewoner.geverifieerd = True
    bewoner.geverifieerd_op = nu
    bewoner.save()
    audit_log(
        actor=door,
        action="wijken.bewoner_geverifieerd",
        obj=bewoner,
        summary=f"address verified ({methode})",
        changes={
            "methode": methode,
            "adres_id": v_adres_id,
            "vorig_adres_id": vorig_adres_id,
            "inwoner_id": inwoner.pk if inwoner else None,
            "verificatie_id": v_pk,
        },
    )
    _forget_role_cache(v.user)
    return bewoner


# --- the area team's side ----------------------------------------------------------------


def adresverificatie_balie(*, verificatie: AdresVerificatie, door: User) -> Bewoner:
    """Staff verify a request at the desk (wijkpost, balie) after checking an identity
    document. The permission (gebiedsteam of the wijk's stadsdeel) is the view's."""
    if door is not None and door.pk == verificatie.user_id:
        raise ValidationError(
            _("You cannot verify your own address: ask a colleague."), code="eigen"
        )
    with transaction.atomic():
        v = AdresVerificatie.objects.select_for_update().filter(pk=verificatie.pk).first()
        if v is None:
            raise ValidationError(
                _("This request is no longer open (verified, cancelled or void)."), code="weg"
            )
        return _verifieren(v, methode=AdresVerificatie.Methode.BALIE, door=door)


def adresverificatie_brieven(
    *, stadsdeel: Stadsdeel, door: User, wijk: Wijk | None = None
) -> tuple[bytes, int]:
    """One PDF with a letter (one A4 page) for every open request in the stadsdeel (or
    one wijk of it) whose letter has not been printed. Each letter gets a new code; only
    its hash is kept and the requests are marked as sent."""
    from django.template.loader import render_to_string
    from django.urls import reverse
    from weasyprint import HTML

    qs = AdresVerificatie.objects.filter(
        adres__straat__buurt__wijk__stadsdeel=stadsdeel, verstuurd_op__isnull=True
    )
    if wijk is not None:
        qs = qs.filter(adres__straat__buurt__wijk=wijk)
    with transaction.atomic():
        rows = list(
            qs.select_for_update(of=("self",))
            .select_related("adres__straat__buurt__wijk")
            .order_by("adres__postcode", "adres__huisnummer", "adres__toevoeging", "pk")
        )
        if not rows:
            raise ValidationError(_("There are no letters to print."), code="leeg")
        nu = timezone.now()
        brieven = []
        for v in rows:
            code = code_nieuw()
            v.code_hash = code_hash(v.pk, code)
            v.verstuurd_op = nu
            v.methode = AdresVerificatie.Methode.BRIEF
            v.pogingen = 0
            brieven.append({"v": v, "code": code})
        site = settings.SITE_URL.rstrip("/")
        url = site + reverse("wijken:mijn_adres")
        html = render_to_string(
            "wijken/adresverificatie_brieven.html",
            {"brieven": brieven, "stadsdeel": stadsdeel, "url": url, "datum": nu},
        )
        pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
        AdresVerificatie.objects.bulk_update(
            rows, ["code_hash", "verstuurd_op", "methode", "pogingen"]
        )
        for v in rows:
            audit_log(
                actor=door,
                action="wijken.adresverificatie_brief",
                obj=v,
                summary=f"letter printed for {v.adres.straat.buurt.wijk.naam}",
            )
    assert pdf is not None
    return pdf, len(rows)


def adresverificaties_opruimen() -> int:
    """Void the requests whose letter code has expired (run daily by the beat)."""
    grens = timezone.now() - timedelta(days=CODE_GELDIG_DAGEN)
    n = 0
    for pk in AdresVerificatie.objects.filter(verstuurd_op__lte=grens).values_list("pk", flat=True):
        with transaction.atomic():
            v = AdresVerificatie.objects.select_for_update().filter(pk=pk).first()
            if v is not None and v.verlopen:
                _vervallen(
                    v, actor=None, action="wijken.adresverificatie_verlopen", summary="code expired"
                )
                n += 1
    return n
