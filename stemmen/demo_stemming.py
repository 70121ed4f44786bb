"""Demo for the voting part (called at the end of stemmen.demo.load): idempotent.

- Oosterparkwijk, "Stem op de plannen voor het Oosterpark": voting open now, budget
  ballot (€ 15.000, spend at least 50%), 8 ideas, ballots from demo residents (account,
  voting code and paper), so the turnout page has numbers;
- Oosterparkwijk, "Buurtbudget Zeeheldenbuurt 2025": closed, approval ballot, tallied with
  the Method of Equal Shares — the result page explains every idea;
- a panel consultation for the wijkpanel of Oosterparkwijk (draft).
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from groningenmodel.models import User
from wijken.models import Adres, Wijk

from . import services_stemming as svc
from .models import Fase, Idee, IdeeStatus, Ronde, Stemwijze, Telregel
from .models_stemming import Kanaal, Peiling, Stemcode, Vraag

OPEN_TITEL = "Stem op de plannen voor het Oosterpark"
DICHT_TITEL = "Buurtbudget Zeeheldenbuurt 2025"

IDEEEN = [
    ("Pluktuin bij de speeltuin", 450000),
    ("Watertappunt op het plein", 300000),
    ("Jeu-de-boulesbaan", 250000),
    ("Bankjes met leuning voor ouderen", 180000),
    ("Muurschildering onderdoorgang", 600000),
    ("Buurtfeest met straatmuziek", 120000),
    ("Fietsenrekken bij de school", 220000),
    ("Insectenhotels en bloemenranden", 90000),
]


def _ronde(
    wijk: Wijk,
    staff: User | None,
    titel: str,
    *,
    open_: bool,
    stemwijze: str,
    telregel: str,
    budget: int,
    **velden: Any,
) -> Ronde:
    now = timezone.now()
    d = timedelta(days=1)
    ronde = Ronde(
        wijk=wijk,
        titel=titel,
        beschrijving="Demoronde voor het stemmen.",
        budget=budget,
        fase=Fase.STEMMEN if open_ else Fase.UITSLAG,
        indienen_vanaf=now - 60 * d if open_ else now - 400 * d,
        beoordelen_vanaf=now - 30 * d if open_ else now - 380 * d,
        stemmen_vanaf=now - 3 * d if open_ else now - 360 * d,
        uitslag_vanaf=now + 11 * d if open_ else now - 340 * d,
        uitvoering_vanaf=now + 30 * d if open_ else now + 10 * d,
        stemwijze=stemwijze,
        telregel=telregel,
        stemregels_vast_op=now - 3 * d if open_ else now - 360 * d,
        **velden,
    )
    ronde.full_clean()
    ronde.save()
    return ronde


def load(*, stdout: Any = None, scale: float = 1.0) -> None:
    from .demo import _bewoners

    wijk = Wijk.objects.filter(slug="oosterparkwijk").first()
    if wijk is None:
        return
    staff = User.objects.filter(email="gebiedsteam.oost@demo.groningen.nl").first()
    bewoners = _bewoners(wijk, 90, "oosterpark")
    rng = random.Random("stemmen:stemming")
    if not Ronde.objects.filter(wijk=wijk, titel=OPEN_TITEL).exists():
        ronde = _ronde(
            wijk,
            staff,
            OPEN_TITEL,
            open_=True,
            stemwijze=Stemwijze.BUDGET,
            telregel=Telregel.GREEDY,
            budget=1_500_000,
            budget_min_aandeel=50,
            keuze_min=1,
        )
        ideeen = [
            Idee.objects.create(
                ronde=ronde,
                indiener=bewoners[i],
                titel=t,
                beschrijving=t + ".",
                kosten=k,
                status=IdeeStatus.STEMBAAR,
                uitkomst=IdeeStatus.STEMBAAR,
            )
            for i, (t, k) in enumerate(IDEEEN)
        ]
        for user in bewoners[10:70]:
            basket: list[int] = []
            total = 0
            for idee in rng.sample(ideeen, len(ideeen)):
                if total + idee.kosten <= ronde.budget:
                    basket.append(idee.pk)
                    total += idee.kosten
            try:
                ident = svc.identiteit_account(ronde, user)
                svc.stem_uitbrengen(ronde=ronde, identiteit=ident, keuze=svc.Keuze(basket))
            except Exception:  # noqa: BLE001,S112 - e.g. a demo resident too young
                continue
        adressen = list(Adres.objects.filter(straat__buurt__wijk=wijk).order_by("pk")[:40])
        for n, adres in enumerate(adressen):
            code = svc.code_nieuw()
            sc = Stemcode.objects.create(
                ronde=ronde,
                adres=adres,
                code_hash=svc.code_hash(code),
                leeftijdsgroep=rng.choice(["18-29", "30-44", "45-64", "65+"]),
            )
            if n % 3 == 0:
                ideeen_kort = [i.pk for i in rng.sample(ideeen, 3) if i.kosten < 500000][:2] or [
                    ideeen[1].pk
                ]
                if sum(i.kosten for i in ideeen if i.pk in ideeen_kort) >= 750000:
                    svc.stem_met_code(
                        ronde=ronde, stemcode=sc, binding=None, keuze=svc.Keuze(ideeen_kort)
                    )
        if stdout:
            stdout.write(f"  stemmen: '{OPEN_TITEL}' open for voting\n")
    if not Ronde.objects.filter(wijk=wijk, titel=DICHT_TITEL).exists():
        ronde = _ronde(
            wijk,
            staff,
            DICHT_TITEL,
            open_=False,
            stemwijze=Stemwijze.APPROVAL,
            telregel=Telregel.MES,
            budget=1_000_000,
            keuze_min=1,
            keuze_max=4,
        )
        ideeen = [
            Idee.objects.create(
                ronde=ronde,
                indiener=bewoners[i],
                titel=t,
                beschrijving=t + ".",
                kosten=k,
                status=IdeeStatus.STEMBAAR,
                uitkomst=IdeeStatus.STEMBAAR,
            )
            for i, (t, k) in enumerate(IDEEEN[:6])
        ]
        from .models_stemming import Kiezer, Stembiljet

        weights = [5, 4, 1, 3, 2, 6]
        for v in range(int(150 * scale) or 10):
            keuze = sorted(
                {i.pk for i in rng.choices(ideeen, weights=weights, k=rng.randint(1, 4))}
            )
            sleutel = f"demo:{v}"
            Kiezer.objects.create(
                ronde=ronde,
                sleutel=sleutel,
                kanaal=Kanaal.CODE,
                buurt=rng.choice(list(wijk.buurten.all()) or [None]),
                leeftijdsgroep=rng.choice(["18-29", "30-44", "45-64", "65+"]),
            )
            Stembiljet.objects.create(
                ronde=ronde,
                wijzig_sleutel=svc.wijzig_sleutel(ronde.pk, sleutel),
                ideeen=keuze,
                kanaal=Kanaal.CODE,
            )
        svc.ronde_tellen(ronde_id=ronde.pk, actor=staff)
        if stdout:
            stdout.write(f"  stemmen: '{DICHT_TITEL}' tallied (Method of Equal Shares)\n")
    if not Peiling.objects.filter(wijk=wijk).exists():
        p = Peiling.objects.create(
            wijk=wijk,
            titel="Wat vindt het wijkpanel van de plannen?",
            intro="Vijf minuten, anoniem.",
        )
        Vraag.objects.create(
            peiling=p,
            volgorde=0,
            soort=Vraag.Soort.EEN,
            tekst="Welk plan verdient voorrang?",
            opties=["Pluktuin", "Watertappunt", "Jeu-de-boulesbaan"],
        )
        Vraag.objects.create(
            peiling=p,
            volgorde=1,
            soort=Vraag.Soort.SCHAAL,
            tekst="Hoe tevreden ben je over de wijkvernieuwing?",
        )
        Vraag.objects.create(
            peiling=p, volgorde=2, soort=Vraag.Soort.OPEN, tekst="Wat mis je in de wijk?"
        )
