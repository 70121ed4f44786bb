"""Demo lotteries in Oosterparkwijk, run through the real services and the real engine.

- Coöperatieve Wijkraad: 148 households invited (stratified by street), 20 say yes
  (14%), LEXIMIN selects 11; 6 council members drawn uniformly from the council; one
  resident declines and is replaced from the same street; the council elects a chair;
  allowances recorded for the month.
- Wijkpanel: 1,932 households invited, 440 say yes (23%), LEXIMIN selects 400.
Both seeds are revealed and each draw is verified once, so every public page is filled.
Idempotent: a lottery that exists (by title) is left alone.
"""

from __future__ import annotations

import random
import time
from typing import Any

from django.db import transaction
from django.utils import timezone

from wijken.models import Wijk

from . import services
from .models import LEEFTIJDSGROEPEN, Loting, Uitnodiging, Verificatie, Zetel, leeftijdsgroep

CWR_BEWONERS = "Coöperatieve Wijkraad Oosterparkwijk — bewoners"
CWR_RAAD = "Coöperatieve Wijkraad Oosterparkwijk — raadsleden"
PANEL = "Wijkpanel Oosterparkwijk"


def _run_draw(loting: Loting) -> Loting:
    """The demo runs the task bodies in-process (no worker needed to load the demo)."""
    Loting.objects.filter(pk=loting.pk).update(status=Loting.Status.TREKKEN, taak_naam="trekken")
    services.invitations_draw(loting_id=loting.pk)
    loting.refresh_from_db()
    return loting


def _run_selection(loting: Loting) -> Loting:
    Loting.objects.filter(pk=loting.pk).update(
        status=Loting.Status.SELECTEREN, taak_naam="selecteren"
    )
    for _attempt in range(3):
        if services.selection_run(loting_id=loting.pk):
            break
        loting.refresh_from_db()
        services.quota_relax(loting=loting)
        Loting.objects.filter(pk=loting.pk).update(status=Loting.Status.SELECTEREN)
    loting.refresh_from_db()
    return loting


def _answers(loting: Loting, *, ja: int, nee: int, rng: random.Random) -> None:
    """``ja`` households say yes (online or on paper), ``nee`` say no."""
    jaar = timezone.localdate().year
    invited = list(
        loting.uitnodigingen.filter(soort=Uitnodiging.Soort.UITGENODIGD)
        .select_related("inwoner")
        .order_by("pseudoniem")
    )
    rng.shuffle(invited)
    for i, u in enumerate(invited[: ja + nee]):
        via = rng.choice(
            [
                Uitnodiging.Via.ONLINE,
                Uitnodiging.Via.ONLINE,
                Uitnodiging.Via.PAPIER,
                Uitnodiging.Via.TELEFOON,
            ]
        )
        if i < ja:
            band = (
                leeftijdsgroep(jaar - u.inwoner.geboortejaar)
                if u.inwoner
                else LEEFTIJDSGROEPEN[0][0]
            )
            services.response_record(
                uitnodiging=u,
                antwoord="ja",
                via=via,
                leeftijdsgroep=band,
                geslacht=u.inwoner.geslacht if u.inwoner else "x",
                toestemming=True,
                email=f"panel{u.pk}@bewoner.demo.groningen.nl" if rng.random() < 0.7 else "",
            )
        else:
            services.response_record(uitnodiging=u, antwoord="nee", via=via)


def _verify(loting: Loting) -> None:
    v = Verificatie.objects.create(loting=loting)
    services.verification_run(verificatie_id=v.pk)


def _households(wijk: Wijk) -> int:
    from wijken.models import Adres

    return Adres.objects.filter(straat__buurt__wijk=wijk).count()


def _cwr(wijk: Wijk, rng: random.Random, out: Any) -> None:
    # At full scale the real numbers; on a tiny demo (tests) proportionally fewer.
    n_inv = min(148, _households(wijk) // 2)
    k = min(11, n_inv // 4)
    ja = min(20, n_inv // 2)
    if k < 2:
        return
    if not Loting.objects.filter(wijk=wijk, titel=CWR_BEWONERS).exists():
        loting = services.loting_create(
            wijk=wijk,
            doel=Loting.Doel.CWR_BEWONERS,
            titel=CWR_BEWONERS,
            zetels=k,
            aantal_uitnodigingen=n_inv,
            marge_procent=20,
        )
        services.seed_commit(loting=loting, seed="oosterpark-cwr-2017-bewoners")
        loting = _run_draw(loting)
        _answers(loting, ja=max(ja, k + 1), nee=n_inv // 3, rng=rng)
        loting = _run_selection(loting)
        if loting.status != Loting.Status.GESELECTEERD:
            return
        # One resident declines the seat: replaced from the same street (stratum). Pick a
        # seat whose street has another yes-sayer, as happened at the doors in 2017.
        zetels = list(Zetel.objects.filter(loting=loting).select_related("uitnodiging"))
        ja_per_stratum: dict[str, Uitnodiging] = {}
        for u in loting.uitnodigingen.filter(antwoord="ja", uitkomst=""):
            ja_per_stratum.setdefault(u.stratum, u)
        zetel = next((z for z in zetels if z.uitnodiging.stratum in ja_per_stratum), zetels[0])
        if services.zetel_end(zetel=zetel, status=Zetel.Status.AFGEZEGD) is None:
            # Nobody left in the street: the invited reserve household says yes.
            reserve = (
                loting.uitnodigingen.filter(
                    stratum=zetel.uitnodiging.stratum, soort="uitgenodigd", antwoord=""
                )
                .order_by("volgorde")
                .last()
            )
            if reserve is not None:
                services.response_record(
                    uitnodiging=reserve,
                    antwoord="ja",
                    via="deur",
                    leeftijdsgroep="35-49",
                    geslacht="v",
                    toestemming=True,
                )
                services.vacature_vullen(zetel=zetel)
        services.seed_reveal(loting=loting)
        _verify(loting)
        if out:
            out.write(f"  {CWR_BEWONERS}: {n_inv} invited, {ja} yes, {k} seated")
    if not Loting.objects.filter(wijk=wijk, titel=CWR_RAAD).exists():
        raad = services.loting_create(
            wijk=wijk, doel=Loting.Doel.CWR_RAADSLEDEN, titel=CWR_RAAD, zetels=6
        )
        services.seed_commit(loting=raad, seed="oosterpark-cwr-2017-raad")
        raad = _run_draw(raad)
        services.seed_reveal(loting=raad)
        _verify(raad)
        if out:
            out.write(f"  {CWR_RAAD}: 6 council members seated")
    orgaan = Loting.objects.get(wijk=wijk, titel=CWR_BEWONERS).orgaan
    if not orgaan.voorzitterskeuzes.exists():
        leden = list(orgaan.zetels.filter(status=Zetel.Status.ACTIEF).order_by("pk"))
        if leden:
            # The council elects a chair from its midst (a majority for one member).
            winnaar = leden[len(leden) // 2]
            stemmen = {z.pk: 0 for z in leden}
            stemmen[winnaar.pk] = len(leden) // 2 + 1
            if leden[0].pk != winnaar.pk:
                stemmen[leden[0].pk] = len(leden) - stemmen[winnaar.pk]
            services.voorzitter_kiezen(orgaan=orgaan, stemmen=stemmen)
            services.vergoedingen_vastleggen(orgaan=orgaan, maand=timezone.localdate())


def _panel(wijk: Wijk, rng: random.Random, out: Any, scale: float) -> None:
    if Loting.objects.filter(wijk=wijk, titel=PANEL).exists():
        return
    n_inv = min(1932, _households(wijk) // 2)
    n_ja = min(440, n_inv * 23 // 100)
    k = min(400, n_ja * 10 // 11)
    if k < 2:
        return
    loting = services.loting_create(
        wijk=wijk,
        doel=Loting.Doel.WIJKPANEL,
        titel=PANEL,
        zetels=k,
        aantal_uitnodigingen=n_inv,
        strata=Loting.Strata.STRAAT,
        marge_procent=15,
    )
    services.seed_commit(loting=loting, seed="oosterpark-wijkpanel-2017")
    loting = _run_draw(loting)
    _answers(loting, ja=n_ja, nee=int(n_inv * 0.05), rng=rng)
    loting = _run_selection(loting)
    services.seed_reveal(loting=loting)
    # Not verified here (a LEXIMIN re-run of 400 from 440 takes a while): the public
    # page's "verify" button does it in a Celery task.
    if out:
        out.write(f"  {PANEL}: {n_inv} invited, {n_ja} yes, {k} selected")


def load(*, stdout: Any = None, scale: float = 1.0) -> None:
    wijk = Wijk.objects.filter(slug="oosterparkwijk").first()
    if wijk is None or not wijk.buurten.exists():
        return
    rng = random.Random("demo:loting")
    t0 = time.monotonic()
    with transaction.atomic():
        _cwr(wijk, rng, stdout)
    with transaction.atomic():
        _panel(wijk, rng, stdout, scale)
    if stdout:
        stdout.write(f"  loting demo in {time.monotonic() - t0:.1f} s")
