"""Writes and workflows of the loting app. Every random choice comes from ``loting.engine``.

The two long steps (drawing invitations, quota selection) run in Celery tasks. Each
computes its result outside any transaction, reporting progress on the ``Loting`` row,
and writes the whole result in ONE transaction that first re-checks the lottery's
status: a worker killed halfway leaves nothing half-drawn, and a retried task (or a
task delivered twice) draws the same outcome from the same seed or does nothing.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import secrets
import time
from collections import Counter
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groningenmodel import codes
from groningenmodel.audit import audit_log
from wijken.models import Inwoner, Wijk

from . import engine
from .models import (
    LEEFTIJDSGROEPEN,
    Bundel,
    Loting,
    Orgaan,
    PanelBericht,
    PanelOntvanger,
    Quotum,
    Uitnodiging,
    Vergoeding,
    Verificatie,
    Voorzitterskeuze,
    Zetel,
    leeftijdsgroep,
)

# Response codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L):
# 31**10 ≈ 2**49.5 possibilities. Stored only as a keyed hash.
CODE_LENGTE = 10
RAADSLEDEN_LABEL = "raadsleden"
GESLACHTEN = ["m", "v", "x"]

ORGAAN_VOOR_DOEL = {
    Loting.Doel.CWR_BEWONERS: Orgaan.Soort.CWR,
    Loting.Doel.CWR_RAADSLEDEN: Orgaan.Soort.CWR,
    Loting.Doel.WIJKPANEL: Orgaan.Soort.WIJKPANEL,
    Loting.Doel.ANDER: Orgaan.Soort.ANDER,
}


# --- small helpers ------------------------------------------------------------------------


def code_new() -> str:
    return codes.code_maken(CODE_LENGTE, 5)


code_normalise = codes.code_normaliseren


def code_hash(code: str) -> str:
    return codes.code_hash("loting-code", code)


def token_hash(token: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"loting-token:" + token.encode(), "sha256").hexdigest()


def _pseudoniem(loting: Loting, prefix: str, pk: int) -> str:
    digest = hmac.new(
        loting.pseudoniem_zout.encode(), f"{prefix}:{pk}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{prefix[0]}{digest[:14]}"


def _pause() -> None:
    """Optional slow-down between progress steps (LOTING_PROGRESS_DELAY seconds)."""
    delay = float(getattr(settings, "LOTING_PROGRESS_DELAY", 0) or 0)
    if delay:
        time.sleep(delay)


def _voortgang(loting_id: int, pct: int, tekst: str, taak: str = Loting.Taak.BEZIG) -> None:
    Loting.objects.filter(pk=loting_id).update(
        taak=taak, voortgang=pct, voortgang_tekst=tekst[:200], taak_bijgewerkt=timezone.now()
    )


def _einde_termijn(begin: date, maanden: int) -> date:
    m = begin.month - 1 + maanden
    y = begin.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(begin.day, calendar.monthrange(y, m)[1]))


def _fout(exc: engine.LotingError) -> str:
    """A translated message for an engine error (the engine's codes are stable)."""
    p = exc.params
    if exc.code == "panel_larger_than_pool":
        return _("There are fewer yes-sayers (%(pool)s) than seats (%(k)s).") % {
            "pool": p.get("pool_size"),
            "k": p.get("panel_size"),
        }
    if exc.code == "not_enough_households":
        return _("The register has only %(n)s households to invite.") % {"n": p.get("available")}
    if exc.code == "infeasible_quotas":
        return _("No panel of this size meets all quotas. Apply the suggested relaxation.")
    if exc.code == "bad_count":
        return _("There are not enough candidates for this draw.")
    return _("The draw failed: %(msg)s") % {"msg": exc.message}


# --- bodies and lotteries ---------------------------------------------------------------------


def orgaan_get_or_create(*, wijk: Wijk, soort: str) -> Orgaan:
    defaults: dict[str, Any]
    if soort == Orgaan.Soort.CWR:
        defaults = {
            "naam": _("Cooperative neighbourhood council %(wijk)s") % {"wijk": wijk.naam},
            "zetels_bewoners": 11,
            "zetels_raadsleden": 6,
            "termijn_maanden": 24,
            "vergoeding_cents": 25000,
        }
    elif soort == Orgaan.Soort.WIJKPANEL:
        defaults = {
            "naam": _("Neighbourhood panel %(wijk)s") % {"wijk": wijk.naam},
            "zetels_bewoners": 400,
            "zetels_raadsleden": 0,
            "termijn_maanden": 24,
        }
    else:
        defaults = {"naam": _("Body %(wijk)s") % {"wijk": wijk.naam}, "zetels_bewoners": 10}
    orgaan, _created = Orgaan.objects.get_or_create(wijk=wijk, soort=soort, defaults=defaults)
    return orgaan


def orgaan_vacatures(orgaan: Orgaan, *, raadsleden: bool = False) -> int:
    actief = orgaan.zetels.filter(status=Zetel.Status.ACTIEF)
    if raadsleden:
        return max(
            0,
            orgaan.zetels_raadsleden
            - actief.filter(uitnodiging__soort=Uitnodiging.Soort.RAADSLID).count(),
        )
    return max(
        0,
        orgaan.zetels_bewoners
        - actief.exclude(uitnodiging__soort=Uitnodiging.Soort.RAADSLID).count(),
    )


def _register_qs(loting: Loting) -> Any:
    jaar = timezone.localdate().year
    return Inwoner.objects.filter(
        adres__straat__buurt__wijk=loting.wijk, geboortejaar__lte=jaar - loting.minimum_leeftijd
    )


@transaction.atomic
def loting_create(
    *,
    wijk: Wijk,
    doel: str,
    titel: str,
    zetels: int,
    aantal_uitnodigingen: int = 0,
    strata: str = Loting.Strata.STRAAT,
    marge_procent: int = 15,
    user: Any = None,
) -> Loting:
    orgaan = orgaan_get_or_create(wijk=wijk, soort=ORGAAN_VOOR_DOEL[Loting.Doel(doel)])
    loting = Loting(
        wijk=wijk,
        orgaan=orgaan,
        doel=doel,
        titel=titel,
        zetels=zetels,
        aantal_uitnodigingen=0 if doel == Loting.Doel.CWR_RAADSLEDEN else aantal_uitnodigingen,
        strata=strata,
        marge_procent=marge_procent,
        created_by=user if getattr(user, "pk", None) else None,
    )
    loting.full_clean()
    if doel != Loting.Doel.CWR_RAADSLEDEN:
        if aantal_uitnodigingen < zetels:
            raise ValidationError(
                {
                    "aantal_uitnodigingen": _(
                        "Invite at least as many households as there are seats."
                    )
                }
            )
    loting.save()
    if doel != Loting.Doel.CWR_RAADSLEDEN:
        quota_from_register(loting=loting)
    audit_log(actor=user, action="loting.create", obj=loting, summary=titel)
    return loting


def quota_from_register(*, loting: Loting) -> list[Quotum]:
    """Quotas for area, age band and gender: the register's share of the seats, ± margin."""
    jaar = timezone.localdate().year
    rows = list(
        _register_qs(loting).values_list("adres__straat__buurt__naam", "geboortejaar", "geslacht")
    )
    k = loting.zetels
    marge = max(1, round(k * loting.marge_procent / 100))
    counts: dict[str, Counter[str]] = {
        "buurt": Counter(),
        "leeftijd": Counter(),
        "geslacht": Counter(),
    }
    for buurt, geboortejaar, geslacht in rows:
        counts["buurt"][buurt] += 1
        counts["leeftijd"][leeftijdsgroep(jaar - geboortejaar)] += 1
        counts["geslacht"][geslacht] += 1
    for buurt in loting.wijk.buurten.values_list("naam", flat=True):
        counts["buurt"].setdefault(buurt, 0)
    for band, _label in LEEFTIJDSGROEPEN:
        counts["leeftijd"].setdefault(band, 0)
    for g in GESLACHTEN:
        counts["geslacht"].setdefault(g, 0)
    total = max(1, len(rows))
    loting.quota.all().delete()
    out = []
    for kenmerk, counter in counts.items():
        for waarde, n in sorted(counter.items()):
            share = n / total
            target = share * k
            lo = max(0, int(target) - marge) if share else 0
            hi = min(k, int(target + 0.999999) + marge)
            if kenmerk == "geslacht" and waarde == "x":
                lo, hi = 0, min(k, max(hi, marge))
            out.append(
                Quotum(
                    loting=loting,
                    kenmerk=kenmerk,
                    waarde=waarde,
                    minimum=lo,
                    maximum=hi,
                    aandeel=share,
                )
            )
    Quotum.objects.bulk_create(out)
    return out


@transaction.atomic
def quotum_update(*, quotum: Quotum, minimum: int, maximum: int, user: Any = None) -> Quotum:
    if quotum.loting.status not in (
        Loting.Status.CONCEPT,
        Loting.Status.VASTGELEGD,
        Loting.Status.UITGENODIGD,
    ):
        raise ValidationError(_("Quotas can only be changed before the selection."))
    if minimum > maximum:
        raise ValidationError(_("The minimum must not be larger than the maximum."))
    before = {"minimum": quotum.minimum, "maximum": quotum.maximum}
    quotum.minimum, quotum.maximum = minimum, maximum
    quotum.full_clean()
    quotum.save()
    audit_log(actor=user, action="loting.quotum", obj=quotum.loting, changes={"before": before})
    return quotum


@transaction.atomic
def seed_commit(*, loting: Loting, user: Any = None, seed: str = "") -> Loting:
    """Fix the secret seed and publish its SHA-256 commitment (before any draw)."""
    loting = Loting.objects.select_for_update().get(pk=loting.pk)
    if loting.status != Loting.Status.CONCEPT:
        raise ValidationError(_("The seed of this lottery has already been committed."))
    loting.seed = seed.strip() or secrets.token_hex(16)
    loting.seed_commitment = engine.seed_commitment(loting.seed)
    loting.seed_vastgelegd_op = timezone.now()
    loting.pseudoniem_zout = secrets.token_hex(16)
    loting.status = Loting.Status.VASTGELEGD
    loting.save()
    audit_log(actor=user, action="loting.seed_commit", obj=loting, summary=loting.seed_commitment)
    return loting


def _enqueue(task: Any, loting_id: int, queue: str | None = None) -> None:
    if queue:
        transaction.on_commit(lambda: task.apply_async(args=(loting_id,), queue=queue))
    else:
        transaction.on_commit(lambda: task.delay(loting_id))


@transaction.atomic
def draw_start(*, loting: Loting, user: Any = None, queue: str | None = None) -> Loting:
    """Queue the draw: invitations (residents) or the uniform draw (council members)."""
    from .tasks import draw_invitations

    loting = Loting.objects.select_for_update().get(pk=loting.pk)
    if loting.status not in (Loting.Status.VASTGELEGD, Loting.Status.TREKKEN):
        raise ValidationError(_("Commit the seed first; a lottery is drawn only once."))
    loting.status = Loting.Status.TREKKEN
    loting.taak, loting.taak_naam, loting.voortgang = Loting.Taak.WACHT, "trekken", 0
    loting.voortgang_tekst = _("Waiting for a worker…")
    loting.taak_fout = ""
    loting.taak_bijgewerkt = timezone.now()
    loting.save()
    audit_log(actor=user, action="loting.draw_start", obj=loting)
    _enqueue(draw_invitations, loting.pk, queue)
    return loting


def invitation_register(
    loting: Loting,
) -> tuple[list[engine.RegisterEntry], dict[str, tuple[int, int]], dict[str, str]]:
    """The register as the engine sees it: pseudonymous person and household ids and an
    ASCII stratum key per street (or buurt); plus the way back to the rows, and the
    stratum names."""
    qs = _register_qs(loting).values_list(
        "pk", "adres_id", "adres__straat_id", "adres__straat__naam", "adres__straat__buurt__naam"
    )
    namen: dict[str, str] = {}
    key_of: dict[tuple[str, int], str] = {}
    register: list[engine.RegisterEntry] = []
    wie: dict[str, tuple[int, int]] = {}
    for pk, adres_id, straat_id, straat, buurt in qs.order_by("pk"):
        groep = (straat, straat_id) if loting.strata == Loting.Strata.STRAAT else (buurt, 0)
        stratum = key_of.get(groep)
        if stratum is None:
            stratum = slugify(groep[0]) or "stratum"
            while stratum in namen:
                stratum += "-2"
            namen[stratum] = groep[0]
            key_of[groep] = stratum
        pid = _pseudoniem(loting, "p", pk)
        register.append(engine.RegisterEntry(pid, _pseudoniem(loting, "h", adres_id), stratum))
        wie[pid] = (pk, adres_id)
    return register, wie, namen


def invitations_draw(*, loting_id: int) -> bool:
    """The draw task's body. Returns False when there was nothing (left) to do."""
    loting = Loting.objects.get(pk=loting_id)
    if loting.status != Loting.Status.TREKKEN:
        return False
    if loting.is_raadsleden:
        return _raadsleden_draw(loting)
    _voortgang(loting_id, 5, _("Reading the address register…"))
    _pause()
    register, wie, namen = invitation_register(loting)
    _voortgang(loting_id, 40, _("Drawing the invitations…"))
    _pause()
    try:
        draw = engine.invitation_draw(register, loting.aantal_uitnodigingen, loting.seed)
    except engine.LotingError as exc:
        _taak_fout(loting_id, _fout(exc), status=Loting.Status.VASTGELEGD)
        return False
    bundle = engine.invitation_bundle(register, draw, None)
    _voortgang(loting_id, 70, _("Saving the invitations…"))
    _pause()
    objs = []
    for s in draw.strata:
        for soort, ids in (
            (Uitnodiging.Soort.UITGENODIGD, s.invited),
            (Uitnodiging.Soort.RESERVE, s.reserves),
        ):
            for volgorde, pid in enumerate(ids, start=1):
                inwoner_id, adres_id = wie[pid]
                objs.append(
                    Uitnodiging(
                        loting_id=loting_id,
                        pseudoniem=pid,
                        soort=soort,
                        stratum=s.stratum,
                        volgorde=volgorde,
                        inwoner_id=inwoner_id,
                        adres_id=adres_id,
                    )
                )
    with transaction.atomic():
        locked = Loting.objects.select_for_update().get(pk=loting_id)
        if locked.status != Loting.Status.TREKKEN:
            return False
        locked.uitnodigingen.all().delete()
        Uitnodiging.objects.bulk_create(objs, batch_size=1000)
        _bundel_save(locked, Bundel.Soort.UITNODIGINGEN, bundle)
        locked.strata_namen = namen
        locked.engine_versie = engine.ENGINE_VERSION
        locked.getrokken_op = timezone.now()
        locked.status = Loting.Status.UITGENODIGD
        locked.taak, locked.voortgang = Loting.Taak.KLAAR, 100
        locked.voortgang_tekst = _("%(n)s invitations drawn.") % {"n": len(draw.invited)}
        locked.taak_bijgewerkt = timezone.now()
        locked.save()
        audit_log(actor=None, action="loting.drawn", obj=locked, summary=locked.voortgang_tekst)
    return True


def _taak_fout(loting_id: int, tekst: str, *, status: str) -> None:
    Loting.objects.filter(pk=loting_id).update(
        taak=Loting.Taak.FOUT, taak_fout=tekst, status=status, taak_bijgewerkt=timezone.now()
    )


def _raadsleden(loting: Loting) -> dict[str, Any]:
    from groningenmodel.models import User

    return {
        _pseudoniem(loting, "raad", u.pk): u
        for u in User.objects.filter(is_raadslid=True, is_active=True).order_by("pk")
    }


def _raadsleden_draw(loting: Loting) -> bool:
    _voortgang(loting.pk, 20, _("Drawing council members…"))
    _pause()
    kandidaten = _raadsleden(loting)
    try:
        result = engine.uniform_draw(
            list(kandidaten), loting.zetels, loting.seed, label=RAADSLEDEN_LABEL
        )
    except engine.LotingError as exc:
        _taak_fout(loting.pk, _fout(exc), status=Loting.Status.VASTGELEGD)
        return False
    bundle = engine.uniform_bundle(sorted(kandidaten), result, label=RAADSLEDEN_LABEL)
    _voortgang(loting.pk, 70, _("Filling the seats…"))
    _pause()
    with transaction.atomic():
        locked = Loting.objects.select_for_update().get(pk=loting.pk)
        if locked.status != Loting.Status.TREKKEN:
            return False
        locked.uitnodigingen.all().delete()
        for volgorde, pid in enumerate(result.selected, start=1):
            u = Uitnodiging.objects.create(
                loting=locked,
                pseudoniem=pid,
                soort=Uitnodiging.Soort.RAADSLID,
                stratum=RAADSLEDEN_LABEL,
                volgorde=volgorde,
                raadslid=kandidaten[pid],
                uitkomst=Uitnodiging.Uitkomst.GESELECTEERD,
                uitkomst_volgorde=volgorde,
            )
            _zetel_voor(locked, u, rol=Zetel.Rol.RAADSLID)
        _bundel_save(locked, Bundel.Soort.SELECTIE, bundle)
        locked.engine_versie = engine.ENGINE_VERSION
        locked.getrokken_op = locked.geselecteerd_op = timezone.now()
        locked.status = Loting.Status.GESELECTEERD
        locked.taak, locked.voortgang = Loting.Taak.KLAAR, 100
        locked.voortgang_tekst = _("%(n)s council members drawn.") % {"n": len(result.selected)}
        locked.taak_bijgewerkt = timezone.now()
        locked.save()
        audit_log(actor=None, action="loting.drawn", obj=locked, summary=locked.voortgang_tekst)
    return True


def _zetel_voor(
    loting: Loting, u: Uitnodiging, *, rol: str, vervangt: Zetel | None = None
) -> Zetel:
    begin = timezone.localdate()
    einde = vervangt.einde if vervangt else _einde_termijn(begin, loting.orgaan.termijn_maanden)
    return Zetel.objects.create(
        orgaan=loting.orgaan,
        loting=loting,
        uitnodiging=u,
        rol=rol,
        begin=begin,
        einde=einde,
        vervangt=vervangt,
    )


def stale_tasks_requeue(
    *, older_than: timedelta = timedelta(minutes=5), queue: str | None = None
) -> list[int]:
    """Re-queue draws and selections whose worker died (no progress for a while)."""
    from .tasks import draw_invitations, select_panel

    grens = timezone.now() - older_than
    out = []
    for loting in Loting.objects.filter(
        status__in=[Loting.Status.TREKKEN, Loting.Status.SELECTEREN],
        taak__in=[Loting.Taak.WACHT, Loting.Taak.BEZIG],
        taak_bijgewerkt__lt=grens,
    ):
        task = draw_invitations if loting.status == Loting.Status.TREKKEN else select_panel
        Loting.objects.filter(pk=loting.pk).update(
            taak=Loting.Taak.WACHT, taak_bijgewerkt=timezone.now()
        )
        task.apply_async(args=(loting.pk,), queue=queue) if queue else task.delay(loting.pk)
        out.append(loting.pk)
    return out


# --- letters --------------------------------------------------------------------------------------


@transaction.atomic
def letters_start(*, loting: Loting, user: Any = None) -> Loting:
    """Queue the letters task (codes + one PDF), with a progress bar like the draws."""
    from .tasks import make_letters

    loting = Loting.objects.select_for_update().get(pk=loting.pk)
    if loting.taak_loopt:
        raise ValidationError(_("Another task of this lottery is still running."))
    if loting.status not in (
        Loting.Status.UITGENODIGD,
        Loting.Status.GESELECTEERD,
        Loting.Status.ONTHULD,
    ):
        raise ValidationError(_("Draw the invitations first."))
    if not loting.uitnodigingen.filter(
        soort=Uitnodiging.Soort.UITGENODIGD, brief_gemaakt_op__isnull=True, adres__isnull=False
    ).exists():
        raise ValidationError(_("Every invited household already has a letter."))
    loting.taak, loting.taak_naam, loting.voortgang = Loting.Taak.WACHT, "brieven", 0
    loting.voortgang_tekst = _("Waiting for a worker…")
    loting.taak_fout = ""
    loting.taak_bijgewerkt = timezone.now()
    loting.save()
    _enqueue(make_letters, loting.pk)
    return loting


def letters_run(*, loting_id: int) -> bool:
    """The letters task's body: idempotent (households that have a letter are skipped)."""
    loting = Loting.objects.get(pk=loting_id)
    _voortgang(loting_id, 10, _("Making the letters…"))
    try:
        _pdf, n = letters_make(loting=loting)
    except ValidationError as exc:
        Loting.objects.filter(pk=loting_id).update(
            taak=Loting.Taak.FOUT, taak_fout=" ".join(exc.messages), taak_bijgewerkt=timezone.now()
        )
        return False
    Loting.objects.filter(pk=loting_id).update(
        taak=Loting.Taak.KLAAR,
        voortgang=100,
        voortgang_tekst=_("%(n)s letters are ready to download and print.") % {"n": n},
        taak_bijgewerkt=timezone.now(),
    )
    return True


def letters_make(*, loting: Loting, user: Any = None) -> tuple[bytes, int]:
    """New response codes for every invited household without a letter yet, and one PDF
    (one page per household). Codes are stored only as keyed hashes: the PDF is the only
    place they appear. Returns the PDF and the number of letters."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from .letters import qr_svg

    if loting.status not in (
        Loting.Status.UITGENODIGD,
        Loting.Status.GESELECTEERD,
        Loting.Status.ONTHULD,
    ):
        raise ValidationError(_("Draw the invitations first."))
    if loting.gepseudonimiseerd_op:
        raise ValidationError(_("The pool of this lottery has been pseudonymised."))
    todo = list(
        loting.uitnodigingen.filter(
            soort=Uitnodiging.Soort.UITGENODIGD, brief_gemaakt_op__isnull=True, adres__isnull=False
        ).select_related("adres__straat__buurt")
    )
    if not todo:
        raise ValidationError(_("Every invited household already has a letter."))
    brieven = []
    for u in todo:
        code = code_new()
        url = f"{settings.SITE_URL.rstrip('/')}/loting/reageren/{code}/"
        brieven.append(
            {"uitnodiging": u, "adres": u.adres, "code": code, "url": url, "qr": qr_svg(url)}
        )
        u.code_hash = code_hash(code)
        u.brief_gemaakt_op = timezone.now()
    html = render_to_string(
        "loting/brieven.html",
        {"loting": loting, "brieven": brieven, "site_url": settings.SITE_URL.rstrip("/")},
    )
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    with transaction.atomic():
        Uitnodiging.objects.bulk_update(todo, ["code_hash", "brief_gemaakt_op"], batch_size=500)
        if loting.brieven_pdf:
            loting.brieven_pdf.delete(save=False)
        loting = Loting.objects.select_for_update().get(pk=loting.pk)
        loting.brieven_pdf.save(
            f"brieven-{loting.pk}-{secrets.token_hex(8)}.pdf", ContentFile(pdf), save=True
        )
        audit_log(actor=user, action="loting.letters", obj=loting, summary=str(len(todo)))
    return pdf, len(todo)


# --- responses ----------------------------------------------------------------------------------------


def uitnodiging_by_code(code: str) -> Uitnodiging | None:
    if len(code_normalise(code)) != CODE_LENGTE:
        return None
    return (
        Uitnodiging.objects.select_related("loting__wijk", "adres__straat__buurt", "buurt")
        .filter(code_hash=code_hash(code), gepseudonimiseerd=False)
        .first()
    )


@transaction.atomic
def response_record(
    *,
    uitnodiging: Uitnodiging,
    antwoord: str,
    via: str,
    leeftijdsgroep: str = "",
    geslacht: str = "",
    toestemming: bool = False,
    email: str = "",
    respondent: Any = None,
    user: Any = None,
) -> Uitnodiging:
    u = (
        Uitnodiging.objects.select_for_update(of=("self",))
        .select_related("loting", "adres__straat")
        .get(pk=uitnodiging.pk)
    )
    if u.soort != Uitnodiging.Soort.UITGENODIGD or u.gepseudonimiseerd:
        raise ValidationError(_("This invitation cannot be answered."))
    if u.loting.status in (Loting.Status.SELECTEREN,):
        raise ValidationError(_("The selection is running; try again in a minute."))
    if u.uitkomst:
        raise ValidationError(
            _("This answer was already used in the selection and can no longer change.")
        )
    if antwoord == Uitnodiging.Antwoord.JA:
        errors = {}
        if leeftijdsgroep not in dict(LEEFTIJDSGROEPEN):
            errors["leeftijdsgroep"] = _("Choose your age band.")
        if geslacht not in GESLACHTEN:
            errors["geslacht"] = _("Choose an answer.")
        if not toestemming:
            errors["toestemming"] = _("We can only include you with your consent.")
        if errors:
            raise ValidationError(errors)
        u.leeftijdsgroep, u.geslacht, u.toestemming = leeftijdsgroep, geslacht, True
        u.email = email.strip()
        u.buurt_id = u.adres.straat.buurt_id if u.adres else None
    elif antwoord == Uitnodiging.Antwoord.NEE:
        u.leeftijdsgroep = u.geslacht = u.email = ""
        u.toestemming = False
    else:
        raise ValidationError(_("Answer yes or no."))
    u.antwoord, u.antwoord_via, u.antwoord_op = antwoord, via, timezone.now()
    if getattr(respondent, "pk", None):
        u.respondent = respondent
    # Only the answer fields changed: validate those (the links are set by the draw).
    u.full_clean(
        exclude=["loting", "inwoner", "adres", "raadslid", "respondent", "buurt"],
        validate_unique=False,
        validate_constraints=False,
    )
    u.save(
        update_fields=[
            "antwoord",
            "antwoord_via",
            "antwoord_op",
            "leeftijdsgroep",
            "geslacht",
            "toestemming",
            "email",
            "buurt",
            "respondent",
        ]
    )
    if user is not None and getattr(user, "pk", None):
        audit_log(
            actor=user,
            action="loting.response",
            obj=u.loting,
            summary=f"{u.pseudoniem} {antwoord} {via}",
        )
    return u


# --- selection -----------------------------------------------------------------------------------------


def pool(loting: Loting) -> Any:
    return loting.uitnodigingen.filter(
        soort=Uitnodiging.Soort.UITGENODIGD, antwoord=Uitnodiging.Antwoord.JA, toestemming=True
    ).select_related("buurt")


def selection_problem(loting: Loting) -> engine.SelectionProblem:
    people = [
        engine.Person(
            u.pseudoniem,
            {
                "buurt": u.buurt.naam if u.buurt else "",
                "leeftijd": u.leeftijdsgroep,
                "geslacht": u.geslacht,
            },
        )
        for u in pool(loting).order_by("pseudoniem")
    ]
    quotas = [engine.Quota(q.kenmerk, q.waarde, q.minimum, q.maximum) for q in loting.quota.all()]
    return engine.SelectionProblem.build(people, quotas, loting.zetels, household_rule=False)


@transaction.atomic
def selection_start(*, loting: Loting, user: Any = None) -> Loting:
    from .tasks import select_panel

    loting = Loting.objects.select_for_update().get(pk=loting.pk)
    if loting.status not in (Loting.Status.UITGENODIGD, Loting.Status.SELECTEREN):
        raise ValidationError(_("The selection can only run once, after the invitations."))
    n = pool(loting).count()
    if n < loting.zetels:
        raise ValidationError(
            _("There are fewer yes-sayers (%(pool)s) than seats (%(k)s).")
            % {"pool": n, "k": loting.zetels}
        )
    loting.status = Loting.Status.SELECTEREN
    loting.taak, loting.taak_naam, loting.voortgang = Loting.Taak.WACHT, "selecteren", 0
    loting.voortgang_tekst = _("Waiting for a worker…")
    loting.taak_fout = ""
    loting.taak_bijgewerkt = timezone.now()
    loting.save()
    audit_log(actor=user, action="loting.selection_start", obj=loting)
    _enqueue(select_panel, loting.pk)
    return loting


def selection_run(*, loting_id: int) -> bool:
    loting = Loting.objects.get(pk=loting_id)
    if loting.status != Loting.Status.SELECTEREN:
        return False
    _voortgang(loting_id, 10, _("Reading the answers…"))
    _pause()
    problem = selection_problem(loting)
    _voortgang(loting_id, 30, _("Computing the fairest distribution (LEXIMIN)…"))
    _pause()
    try:
        result = engine.select_panel(problem, loting.seed)
    except engine.InfeasibleQuotasError as exc:
        Loting.objects.filter(pk=loting_id).update(
            selectie_rapport={"relaxaties": exc.params.get("relaxations", [])}
        )
        _taak_fout(loting_id, _fout(exc), status=Loting.Status.UITGENODIGD)
        return False
    except engine.LotingError as exc:
        _taak_fout(loting_id, _fout(exc), status=Loting.Status.UITGENODIGD)
        return False
    report = engine.selection_report(problem.people, problem.quotas, result).as_dict()
    report.pop("probabilities", None)
    bundle = engine.selection_bundle(problem, result)
    _voortgang(loting_id, 80, _("Filling the seats…"))
    _pause()
    chosen = set(result.panel)
    with transaction.atomic():
        locked = Loting.objects.select_for_update().get(pk=loting_id)
        if locked.status != Loting.Status.SELECTEREN:
            return False
        Zetel.objects.filter(loting=locked).delete()
        locked.uitnodigingen.update(uitkomst="", uitkomst_volgorde=0)
        leden = list(locked.uitnodigingen.filter(pseudoniem__in=chosen).order_by("pseudoniem"))
        for volgorde, u in enumerate(leden, start=1):
            u.uitkomst, u.uitkomst_volgorde = Uitnodiging.Uitkomst.GESELECTEERD, volgorde
            u.save(update_fields=["uitkomst", "uitkomst_volgorde"])
            _zetel_voor(locked, u, rol=Zetel.Rol.LID)
        _bundel_save(locked, Bundel.Soort.SELECTIE, bundle)
        locked.selectie_rapport = report
        locked.engine_versie = engine.ENGINE_VERSION
        locked.geselecteerd_op = timezone.now()
        locked.status = Loting.Status.GESELECTEERD
        locked.taak, locked.voortgang = Loting.Taak.KLAAR, 100
        locked.voortgang_tekst = _("%(n)s members selected.") % {"n": len(leden)}
        locked.taak_bijgewerkt = timezone.now()
        locked.save()
        audit_log(actor=None, action="loting.selected", obj=locked, summary=locked.voortgang_tekst)
    return True


@transaction.atomic
def quota_relax(*, loting: Loting, user: Any = None) -> int:
    """Apply the relaxation the engine suggested after infeasible quotas."""
    loting = Loting.objects.select_for_update().get(pk=loting.pk)
    relax = (loting.selectie_rapport or {}).get("relaxaties") or []
    n = 0
    for r in relax:
        if r["bound"] == "panel_size":
            continue
        q = loting.quota.filter(kenmerk=r["feature"], waarde=r["value"]).first()
        if q is None:
            continue
        if r["bound"] == "min":
            q.minimum = r["suggested"]
        else:
            q.maximum = r["suggested"]
        q.save()
        n += 1
    loting.selectie_rapport = None
    loting.taak_fout = ""
    loting.taak = ""
    loting.save()
    audit_log(actor=user, action="loting.quota_relax", obj=loting, changes={"relaxaties": relax})
    return n


@transaction.atomic
def seed_reveal(*, loting: Loting, user: Any = None) -> Loting:
    loting = Loting.objects.select_for_update().get(pk=loting.pk)
    if loting.status != Loting.Status.GESELECTEERD:
        raise ValidationError(_("The seed is revealed only after the selection."))
    loting.status = Loting.Status.ONTHULD
    loting.seed_onthuld_op = timezone.now()
    loting.save()
    audit_log(actor=user, action="loting.seed_reveal", obj=loting, summary=loting.seed)
    return loting


# --- seats: decline, leave, replacement, rotation, chair, allowances ---------------------------------------------


@transaction.atomic
def zetel_end(
    *, zetel: Zetel, status: str, user: Any = None, vervangen: bool = True
) -> Zetel | None:
    """A member declines or leaves: the seat ends and (by default) a replacement is drawn
    from the same stratum. Returns the replacement's seat, or None."""
    zetel = (
        Zetel.objects.select_for_update(of=("self",))
        .select_related("uitnodiging", "loting", "orgaan")
        .get(pk=zetel.pk)
    )
    if zetel.status != Zetel.Status.ACTIEF:
        raise ValidationError(_("This seat is no longer active."))
    if status not in (Zetel.Status.AFGEZEGD, Zetel.Status.VERTROKKEN, Zetel.Status.AFGELOPEN):
        raise ValidationError(_("Unknown reason."))
    zetel.status = status
    zetel.beeindigd_op = timezone.localdate()
    zetel.save()
    if status == Zetel.Status.AFGEZEGD:
        Uitnodiging.objects.filter(pk=zetel.uitnodiging_id).update(
            uitkomst=Uitnodiging.Uitkomst.AFGEZEGD
        )
    audit_log(
        actor=user,
        action=f"loting.zetel_{status}",
        obj=zetel.loting,
        summary=zetel.uitnodiging.pseudoniem,
    )
    if not vervangen or status == Zetel.Status.AFGELOPEN:
        return None
    return zetel_replace(zetel=zetel, user=user)


def _vervanging_log(loting: Loting, oud: str, nieuw: str | None, stratum: str) -> None:
    rapport = dict(loting.selectie_rapport or {})
    rapport.setdefault("vervangingen", []).append({"uit": oud, "in": nieuw, "stratum": stratum})
    loting.selectie_rapport = rapport
    loting.save(update_fields=["selectie_rapport"])


def zetel_replace(*, zetel: Zetel, user: Any = None) -> Zetel | None:
    loting = Loting.objects.select_for_update().get(pk=zetel.loting_id)
    u = zetel.uitnodiging
    if u.soort == Uitnodiging.Soort.RAADSLID:
        return _raadslid_vervangen(loting, zetel, user)
    # Residents: the next yes-sayer of the same stratum, in the order of the seeded draw
    # (invited first, then the reserve list), never someone selected or declined before.
    kandidaat = (
        loting.uitnodigingen.filter(
            stratum=u.stratum, antwoord=Uitnodiging.Antwoord.JA, toestemming=True, uitkomst=""
        )
        .exclude(pk=u.pk)
        .order_by(
            "-soort", "volgorde"
        )  # "uitgenodigd" sorts after "reserve": descending puts it first
        .first()
    )
    if kandidaat is None:
        # Nobody left who said yes: invite the next household from the stratum's reserve list.
        reserve = (
            loting.uitnodigingen.filter(
                stratum=u.stratum, soort=Uitnodiging.Soort.RESERVE, uitkomst=""
            )
            .order_by("volgorde")
            .first()
        )
        if reserve is not None:
            reserve.soort = Uitnodiging.Soort.UITGENODIGD
            reserve.save(update_fields=["soort"])
            _vervanging_log(loting, u.pseudoniem, None, u.stratum)
            audit_log(
                actor=user, action="loting.reserve_invited", obj=loting, summary=reserve.pseudoniem
            )
        return None
    volgende = (loting.uitnodigingen.aggregate(m=models_max("uitkomst_volgorde"))["m"] or 0) + 1
    kandidaat.uitkomst, kandidaat.uitkomst_volgorde = Uitnodiging.Uitkomst.VERVANGER, volgende
    kandidaat.save(update_fields=["uitkomst", "uitkomst_volgorde"])
    nieuw = _zetel_voor(loting, kandidaat, rol=Zetel.Rol.LID, vervangt=zetel)
    _vervanging_log(loting, u.pseudoniem, kandidaat.pseudoniem, u.stratum)
    audit_log(actor=user, action="loting.replacement", obj=loting, summary=kandidaat.pseudoniem)
    return nieuw


@transaction.atomic
def vacature_vullen(*, zetel: Zetel, user: Any = None) -> Zetel | None:
    """Try the replacement again for an ended seat that has none yet (for instance after
    the invited reserve household said yes)."""
    zetel = (
        Zetel.objects.select_for_update(of=("self",)).select_related("uitnodiging").get(pk=zetel.pk)
    )
    if zetel.status == Zetel.Status.ACTIEF or zetel.status == Zetel.Status.AFGELOPEN:
        raise ValidationError(_("This seat is not waiting for a replacement."))
    if Zetel.objects.filter(vervangt=zetel).exists():
        raise ValidationError(_("This seat already has a replacement."))
    return zetel_replace(zetel=zetel, user=user)


def models_max(field: str) -> Any:
    from django.db.models import Max

    return Max(field)


def _raadslid_vervangen(loting: Loting, zetel: Zetel, user: Any) -> Zetel | None:
    bundle = dict(loting.selectie_bundel or {})
    inputs = dict(bundle["inputs"])
    declines = [*inputs.get("declines", []), zetel.uitnodiging.pseudoniem]
    result = engine.uniform_draw(
        inputs["candidates"], int(inputs["k"]), loting.seed, declines, RAADSLEDEN_LABEL
    )
    new_bundle = engine.uniform_bundle(inputs["candidates"], result, label=RAADSLEDEN_LABEL)
    replacement = result.replacements[-1][1]
    _bundel_save(loting, Bundel.Soort.SELECTIE, new_bundle)
    if replacement is None:
        _vervanging_log(loting, zetel.uitnodiging.pseudoniem, None, RAADSLEDEN_LABEL)
        return None
    kandidaten = _raadsleden(loting)
    volgende = (loting.uitnodigingen.aggregate(m=models_max("uitkomst_volgorde"))["m"] or 0) + 1
    u = Uitnodiging.objects.create(
        loting=loting,
        pseudoniem=replacement,
        soort=Uitnodiging.Soort.RAADSLID,
        stratum=RAADSLEDEN_LABEL,
        volgorde=volgende,
        raadslid=kandidaten.get(replacement),
        uitkomst=Uitnodiging.Uitkomst.VERVANGER,
        uitkomst_volgorde=volgende,
    )
    _vervanging_log(loting, zetel.uitnodiging.pseudoniem, replacement, RAADSLEDEN_LABEL)
    audit_log(actor=user, action="loting.replacement", obj=loting, summary=replacement)
    return _zetel_voor(loting, u, rol=Zetel.Rol.RAADSLID, vervangt=zetel)


@transaction.atomic
def orgaan_rotate(*, orgaan: Orgaan, vandaag: date | None = None, user: Any = None) -> int:
    """End the seats whose term is over; the vacancies are filled by a new lottery."""
    vandaag = vandaag or timezone.localdate()
    zetels = list(orgaan.zetels.filter(status=Zetel.Status.ACTIEF, einde__lt=vandaag))
    for z in zetels:
        z.status, z.beeindigd_op = Zetel.Status.AFGELOPEN, vandaag
        z.save(update_fields=["status", "beeindigd_op"])
    if zetels:
        audit_log(actor=user, action="loting.rotation", obj=orgaan, summary=str(len(zetels)))
    return len(zetels)


@transaction.atomic
def voorzitter_kiezen(
    *, orgaan: Orgaan, stemmen: dict[int, int], user: Any = None
) -> Voorzitterskeuze:
    leden = {
        z.pk: z
        for z in orgaan.zetels.filter(status=Zetel.Status.ACTIEF).select_related("uitnodiging")
    }
    if not stemmen or set(stemmen) - set(leden):
        raise ValidationError(_("Votes can only go to active members of this body."))
    if any(v < 0 for v in stemmen.values()):
        raise ValidationError(_("A number of votes cannot be negative."))
    if sum(stemmen.values()) > len(leden):
        raise ValidationError(_("There are more votes than members."))
    hoogste = max(stemmen.values())
    winnaars = [pk for pk, v in stemmen.items() if v == hoogste]
    if hoogste == 0 or len(winnaars) > 1:
        raise ValidationError(_("There is no single winner; vote again."))
    for z in leden.values():
        if z.rol == Zetel.Rol.VOORZITTER:
            z.rol = Zetel.Rol.RAADSLID if z.is_raadslid else Zetel.Rol.LID
            z.save(update_fields=["rol"])
    gekozen = leden[winnaars[0]]
    gekozen.rol = Zetel.Rol.VOORZITTER
    gekozen.save(update_fields=["rol"])
    keuze = Voorzitterskeuze.objects.create(
        orgaan=orgaan,
        stemmen={str(k): v for k, v in stemmen.items()},
        gekozen=gekozen,
        vastgelegd_door=user if getattr(user, "pk", None) else None,
    )
    audit_log(actor=user, action="loting.chair", obj=orgaan, summary=str(gekozen.pk))
    return keuze


def _vergoeding_boeken(v: Vergoeding, *, orgaan: Orgaan, user: Any) -> None:
    """Book the allowance as an expenditure on the wijk's active CWR budget pot (the
    open-budget ledger of the wijken app), when there is one. Public text: no names."""
    from wijken.models import Budgetpot
    from wijken.selectors import budgetpot_actief
    from wijken.services import boeking_uitgave

    pot = budgetpot_actief(orgaan.wijk, Budgetpot.Soort.CWR, datum=v.maand)
    if pot is None:
        return
    try:
        with transaction.atomic():
            boeking = boeking_uitgave(
                pot=pot,
                bedrag_centen=v.bedrag_cents,
                door=user if getattr(user, "pk", None) else None,
                omschrijving=_("Allowance of a resident member, %(maand)s")
                % {"maand": f"{v.maand:%Y-%m}"},
                bron=v,
                bron_label=orgaan.naam,
                datum=v.maand,
                sleutel=f"loting-vergoeding-{v.pk}",
            )
    except ValidationError:
        return  # refused by the ledger (e.g. the pot is empty): recorded here, not booked
    Vergoeding.objects.filter(pk=v.pk).update(boeking_id=boeking.pk)


@transaction.atomic
def vergoedingen_vastleggen(*, orgaan: Orgaan, maand: date, user: Any = None) -> int:
    """Record one month's allowance for every resident member who sat that month."""
    eerste = maand.replace(day=1)
    laatste = eerste.replace(day=calendar.monthrange(eerste.year, eerste.month)[1])
    if orgaan.vergoeding_cents <= 0:
        raise ValidationError(_("This body has no allowance."))
    zetels = (
        orgaan.zetels.filter(begin__lte=laatste, einde__gte=eerste)
        .exclude(uitnodiging__soort=Uitnodiging.Soort.RAADSLID)
        .filter(Q(beeindigd_op__isnull=True) | Q(beeindigd_op__gte=eerste))
        .exclude(status=Zetel.Status.AFGEZEGD)
    )
    n = 0
    for z in zetels:
        v, created = Vergoeding.objects.get_or_create(
            zetel=z,
            maand=eerste,
            defaults={
                "bedrag_cents": orgaan.vergoeding_cents,
                "vastgelegd_door": user if getattr(user, "pk", None) else None,
            },
        )
        n += created
        if v.boeking_id is None:
            _vergoeding_boeken(v, orgaan=orgaan, user=user)
    audit_log(actor=user, action="loting.allowances", obj=orgaan, summary=f"{eerste:%Y-%m}: {n}")
    return n


# --- verification ---------------------------------------------------------------------------------------


@transaction.atomic
def verification_start(*, loting: Loting) -> Verificatie:
    from .tasks import verify

    if not loting.seed_onthuld_op:
        raise ValidationError(_("A lottery can be verified once its seed is revealed."))
    bezig = loting.verificaties.filter(klaar_op__isnull=True).first()
    if bezig is not None:
        return bezig
    v = Verificatie.objects.create(loting=loting)
    transaction.on_commit(lambda: verify.delay(v.pk))
    return v


def bundles(loting: Loting) -> dict[str, dict[str, Any]]:
    return {b.soort: b.data for b in loting.bundels.order_by("soort")}


def bundle_kinds(loting: Loting) -> list[str]:
    return list(loting.bundels.order_by("soort").values_list("soort", flat=True))


def _bundel_save(loting: Loting, soort: str, data: dict[str, Any]) -> None:
    Bundel.objects.update_or_create(loting=loting, soort=soort, defaults={"data": data})


def verification_run(*, verificatie_id: int) -> bool:
    v = Verificatie.objects.select_related("loting").get(pk=verificatie_id)
    if v.klaar_op:
        return False
    meldingen: list[dict[str, Any]] = []
    klopt = True
    for naam, bundle in bundles(v.loting).items():
        try:
            res = engine.verify_bundle(bundle)
        except engine.LotingError as exc:
            klopt = False
            meldingen.append({"bundel": naam, "klopt": False, "meldingen": [exc.message]})
            continue
        klopt = klopt and res.matches
        meldingen.append({"bundel": naam, "klopt": res.matches, "meldingen": res.messages})
    Verificatie.objects.filter(pk=v.pk, klaar_op__isnull=True).update(
        klaar_op=timezone.now(), klopt=klopt, meldingen=meldingen
    )
    return True


# --- privacy ------------------------------------------------------------------------------------------------


def _pseudonimiseer(qs: Any) -> int:
    return qs.update(
        inwoner=None,
        adres=None,
        raadslid=None,
        respondent=None,
        code_hash="",
        email="",
        gepseudonimiseerd=True,
    )


@transaction.atomic
def pool_retention(*, vandaag: Any = None) -> int:
    """Pseudonymise the pool N days after the draw (settings.LOTING_RETENTION_DAYS).

    Kept: the pseudonym, stratum and the quota values (they are in the published
    bundle). Cleared: the link to the person and address, the code, e-mail and account.
    Seated members keep their contact data until their seat ends (+ N days)."""
    nu = vandaag or timezone.now()
    grens = nu - timedelta(days=settings.LOTING_RETENTION_DAYS)
    n = 0
    for loting in Loting.objects.filter(gepseudonimiseerd_op__isnull=True).filter(
        Q(geselecteerd_op__lt=grens) | Q(geselecteerd_op__isnull=True, getrokken_op__lt=grens)
    ):
        n += _pseudonimiseer(
            loting.uitnodigingen.filter(gepseudonimiseerd=False, zetel__isnull=True)
        )
        if loting.brieven_pdf:
            loting.brieven_pdf.delete(save=False)
        loting.pseudoniem_zout = ""
        loting.gepseudonimiseerd_op = nu
        loting.save()
        audit_log(actor=None, action="loting.retention", obj=loting, summary=str(n))
    # Former members: N days after their seat ended.
    n += _pseudonimiseer(
        Uitnodiging.objects.filter(
            gepseudonimiseerd=False, zetel__beeindigd_op__lt=grens.date()
        ).exclude(zetel__status=Zetel.Status.ACTIEF)
    )
    return n


@transaction.atomic
def uitnodiging_erase(*, uitnodiging: Uitnodiging, user: Any = None) -> None:
    """A resident erases what is held about them. Before the selection their answer is
    withdrawn; afterwards only the pseudonymous values in the published bundle remain,
    and a seat they hold ends (a replacement is drawn)."""
    u = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    zetel = Zetel.objects.filter(uitnodiging=u, status=Zetel.Status.ACTIEF).first()
    if zetel is not None:
        zetel_end(zetel=zetel, status=Zetel.Status.VERTROKKEN, user=user)
    if not u.uitkomst:
        u.antwoord = ""
        u.leeftijdsgroep = u.geslacht = ""
        u.buurt = None
        u.toestemming = False
    u.inwoner = u.adres = u.raadslid = u.respondent = None
    u.code_hash = u.email = ""
    u.gepseudonimiseerd = True
    u.save()
    audit_log(actor=user, action="loting.erase", obj=u.loting, summary=u.pseudoniem)


# --- wijkpanel messages ------------------------------------------------------------------------------------------


@transaction.atomic
def panel_bericht_send(
    *, orgaan: Orgaan, onderwerp: str, tekst: str, user: Any = None
) -> PanelBericht:
    from .selectors import wijkpanel_leden
    from .tasks import panel_bericht_mail

    if not onderwerp.strip() or not tekst.strip():
        raise ValidationError(_("Write a subject and a text."))
    bericht = PanelBericht.objects.create(
        orgaan=orgaan,
        onderwerp=onderwerp.strip(),
        tekst=tekst.strip(),
        created_by=user if getattr(user, "pk", None) else None,
    )
    mails: list[list[str]] = []
    papier = 0
    for z in wijkpanel_leden(orgaan.wijk).filter(orgaan=orgaan):
        token = secrets.token_urlsafe(24)
        per_email = bool(z.uitnodiging.email and z.uitnodiging.toestemming)
        PanelOntvanger.objects.create(
            bericht=bericht, zetel=z, token_hash=token_hash(token), per_email=per_email
        )
        if per_email:
            mails.append([z.uitnodiging.email, token])
        else:
            papier += 1
    bericht.per_email, bericht.op_papier = len(mails), papier
    bericht.save(update_fields=["per_email", "op_papier"])
    audit_log(actor=user, action="loting.panel_message", obj=orgaan, summary=onderwerp[:100])
    transaction.on_commit(lambda: panel_bericht_mail.delay(bericht.pk, mails))
    return bericht
