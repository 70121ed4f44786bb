"""Demo idea rounds with the seed numbers (002, 003): idempotent, deterministic.

- Oosterparkwijk, "Oosterparkwijk: altijd een goed idee": €20,000 from the CWR budget,
  65 ideas, 23 on the ballot, 13 chosen and carried out (updates and expenditure in the
  ledger);
- Vinkhuizen (West), a Wijktop 3 round on the wijkwethoudersbudget (€3 per inhabitant),
  open for ideas now, ranking ballot (top 3, Borda);
- buurtbudget applications (up to €500) in Vinkhuizen, a larger initiative in
  Oosterparkwijk and one right-to-challenge request.
Residents are synthetic accounts on wijken ``Adres`` rows.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from groningenmodel.demo import ACHTERNAMEN, VOORNAMEN
from groningenmodel.models import User
from wijken import services as ledger
from wijken.demo import inwoner_voor
from wijken.models import Adres, Bewoner, Budgetpot, Wijk

from .models import (
    Aanvraag,
    AanvraagSoort,
    AanvraagStap,
    AanvraagStatus,
    Criterium,
    CriteriumOordeel,
    Fase,
    Idee,
    IdeeStatus,
    IdeeUpdate,
    Oordeel,
    Reactie,
    Ronde,
    Stemwijze,
    Steun,
    Telregel,
    Thema,
)

OOSTERPARK_TITEL = "Oosterparkwijk: altijd een goed idee"
WIJKTOP_TITEL = "Wijktop 3 Vinkhuizen"

THEMAS_OOSTERPARK = [
    "Groen en spelen",
    "Samen in de wijk",
    "Schoon, heel en veilig",
    "Cultuur en sport",
]
THEMAS_WIJKTOP = ["Ontmoeten", "Groen", "Jeugd", "Verkeer"]

IDEE_STAMMEN = [
    ("Moestuin voor de buurt", "Groen en spelen", 180000),
    ("Speeltoestel voor peuters", "Groen en spelen", 350000),
    ("Bankjes langs de wandelroute", "Schoon, heel en veilig", 120000),
    ("Buurtbarbecue in de zomer", "Samen in de wijk", 60000),
    ("Geveltuintjes in de straat", "Groen en spelen", 45000),
    ("Boekenkastje op het plein", "Cultuur en sport", 30000),
    ("Kerstmarkt voor de wijk", "Samen in de wijk", 150000),
    ("Extra verlichting bij het fietspad", "Schoon, heel en veilig", 400000),
    ("Opschoondag met de kinderen", "Schoon, heel en veilig", 40000),
    ("Voetbalkooi opknappen", "Cultuur en sport", 250000),
    ("Muurschildering op de garageboxen", "Cultuur en sport", 200000),
    ("Bloembakken bij de ingang van de flat", "Groen en spelen", 70000),
    ("Kookcafé voor buren", "Samen in de wijk", 90000),
    ("Repair café in het buurthuis", "Samen in de wijk", 80000),
    ("Insectenhotel en bloemenweide", "Groen en spelen", 65000),
    ("Fietsenstalling bij de school", "Schoon, heel en veilig", 300000),
    ("Zomerfilm in het park", "Cultuur en sport", 110000),
    ("Jeu-de-boulesbaan", "Cultuur en sport", 160000),
    ("Wijkkrant in meer talen", "Samen in de wijk", 75000),
    ("Hondenuitlaatveld met afvalbakken", "Schoon, heel en veilig", 220000),
    ("Buitenfitness voor ouderen", "Cultuur en sport", 380000),
    ("Vlonder aan het water", "Groen en spelen", 420000),
]
PLEKKEN = [
    "Oosterpark",
    "Gorechtbuurt",
    "Bloemenbuurt",
    "Edisonbuurt",
    "Zeeheldenbuurt",
    "Vogelbuurt",
]
REDENEN_NIET = [
    "Dit idee valt onder regulier onderhoud door de gemeente; het wordt doorgestuurd naar de afdeling Beheer.",
    "Er is een commercieel belang: de opbrengst gaat naar een onderneming.",
    "Het idee vraagt structurele financiering; deze ronde betaalt alleen eenmalige kosten.",
    "De kosten zijn hoger dan het hele budget van de ronde.",
    "Er is (nog) geen draagvlak in de buurt aangetoond en er doet maar één bewoner mee.",
    "De plek is geen gemeentegrond; de eigenaar heeft geen toestemming gegeven.",
]
UPDATES = [
    "Aftrap met de buren: plan gemaakt en taken verdeeld.",
    "Materialen besteld en de eerste werkdag gepland.",
    "Uitgevoerd en feestelijk geopend met de buurt.",
]


def _bewoners(wijk: Wijk, n: int, prefix: str) -> list[User]:
    """``n`` synthetic resident accounts on addresses in ``wijk`` (created once)."""
    rng = random.Random(f"stemmen:{prefix}")
    adressen = list(Adres.objects.filter(straat__buurt__wijk=wijk).order_by("id")[: max(n * 3, 10)])
    users = []
    for i in range(n):
        email = f"{prefix}{i + 1:03d}@bewoners.demo.groningen.nl"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, naam=f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}"
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            adres, jaar = adressen[(i * 3) % len(adressen)], rng.randint(1940, 2006)
            Bewoner.objects.create(
                user=user,
                adres=adres,
                inwoner=inwoner_voor(adres, jaar),
                geboortejaar=jaar,
                geverifieerd=True,
                geverifieerd_op=timezone.now(),
            )
        users.append(user)
    return users


def _pot(
    wijk: Wijk,
    soort: str,
    naam: str,
    *,
    bedrag: int = 0,
    per_inwoner: int | None = None,
    max_toekenning: int | None = None,
) -> Budgetpot:
    pot = Budgetpot.objects.filter(wijk=wijk, naam=naam).first()
    if pot is None:
        today = timezone.localdate()
        pot = ledger.budgetpot_create(
            wijk=wijk,
            soort=soort,
            naam=naam,
            periode_start=date(today.year - 1, 1, 1),
            periode_eind=date(today.year + 1, 12, 31),
            bedrag_per_inwoner_centen=per_inwoner,
            max_toekenning_centen=max_toekenning,
            bron="Gemeente Groningen",
        )
        if per_inwoner:
            ledger.budgetpot_toewijzen_per_inwoner(pot=pot, door=None)
        elif bedrag:
            ledger.boeking_toewijzing(pot=pot, bedrag_centen=bedrag, door=None, omschrijving=naam)
    return pot


def _oordelen(idee: Idee, goed: bool, rng: random.Random) -> None:
    for key in Criterium.values:
        if goed:
            o = Oordeel.JA if rng.random() < 0.8 else Oordeel.DEELS
        else:
            o = rng.choice([Oordeel.JA, Oordeel.DEELS, Oordeel.NEE])
        CriteriumOordeel.objects.create(idee=idee, criterium=key, oordeel=o, toelichting="")


def _oosterpark(stdout: Any, staff: User | None) -> None:
    wijk = Wijk.objects.filter(slug="oosterparkwijk").first()
    if wijk is None or Ronde.objects.filter(wijk=wijk, titel=OOSTERPARK_TITEL).exists():
        return
    rng = random.Random("stemmen:oosterpark")
    pot = _pot(wijk, Budgetpot.Soort.CWR, "CWR: altijd een goed idee", bedrag=2_000_000)
    now = timezone.now()
    ronde = Ronde.objects.create(
        wijk=wijk,
        titel=OOSTERPARK_TITEL,
        beschrijving=(
            "De Coöperatieve Wijkraad nodigt alle bewoners uit om met plannen voor de wijk te komen. "
            "Er is **€ 20.000** beschikbaar. Initiatiefnemers worden bij elkaar gebracht om hun "
            "plannen samen verder uit te werken."
        ),
        budget=2_000_000,
        pot=pot,
        fase=Fase.UITVOERING,
        indienen_vanaf=now - timedelta(days=240),
        beoordelen_vanaf=now - timedelta(days=210),
        stemmen_vanaf=now - timedelta(days=190),
        uitslag_vanaf=now - timedelta(days=176),
        uitvoering_vanaf=now - timedelta(days=170),
        stemwijze=Stemwijze.BUDGET,
        telregel=Telregel.GREEDY,
        minimum_leeftijd=16,
        stemregels_vast_op=now - timedelta(days=190),
    )
    themas = {n: Thema.objects.create(ronde=ronde, naam=n) for n in THEMAS_OOSTERPARK}
    buurten = {b.naam: b for b in wijk.buurten.all()}
    bewoners = _bewoners(wijk, 90, "oosterpark")
    # 65 ideas: 13 chosen, 10 more on the ballot (not chosen), 6 merged, 36 not eligible.
    ideeen: list[Idee] = []
    for i in range(65):
        stam, thema, kosten = IDEE_STAMMEN[i % len(IDEE_STAMMEN)]
        plek = PLEKKEN[(i // len(IDEE_STAMMEN) + i) % len(PLEKKEN)]
        kosten = int(kosten * rng.uniform(0.6, 1.2)) // 500 * 500
        idee = Idee.objects.create(
            ronde=ronde,
            indiener=bewoners[i % len(bewoners)],
            titel=f"{stam} ({plek})" if i >= len(IDEE_STAMMEN) else stam,
            beschrijving=(
                f"{stam} in de {plek}. We zijn met een paar buren en willen dit samen oppakken. "
                "De kosten zijn een schatting; we doen zelf mee met de uitvoering."
            ),
            kosten=kosten,
            thema=themas[thema],
            buurt=buurten.get(plek),
            ingediend_op=now - timedelta(days=240 - i // 3),
        )
        ideeen.append(idee)
    # Choose 13 whose costs fit in €20,000 (cheapest first among the first 23 eligible).
    stembaar = sorted(ideeen[:23], key=lambda x: x.kosten)
    gekozen_ids: set[int] = set()
    totaal = 0
    for idee in stembaar:
        if len(gekozen_ids) < 13 and totaal + idee.kosten <= 2_000_000:
            gekozen_ids.add(idee.pk)
            totaal += idee.kosten
    beoordeeld_op = now - timedelta(days=200)
    for n, idee in enumerate(ideeen):
        if n < 23:
            idee.status = idee.uitkomst = IdeeStatus.STEMBAAR
            idee.beoordeling_reden = "Voldoet aan de criteria: er is draagvlak, meerdere bewoners doen mee en het is eenmalig."
            _oordelen(idee, True, rng)
        elif n < 29:
            idee.status = idee.uitkomst = IdeeStatus.SAMENGEVOEGD
            idee.samengevoegd_in = ideeen[n % 23]
            idee.beoordeling_reden = (
                "Lijkt sterk op een ander idee; de initiatiefnemers gaan samen verder."
            )
            _oordelen(idee, True, rng)
        else:
            idee.status = idee.uitkomst = IdeeStatus.NIET_STEMBAAR
            idee.beoordeling_reden = REDENEN_NIET[n % len(REDENEN_NIET)]
            _oordelen(idee, False, rng)
            if n % 5 == 0:
                idee.antwoord = (
                    "Jammer, maar duidelijk. We kijken of we het via het buurtbudget kunnen doen."
                )
                idee.antwoord_op = beoordeeld_op + timedelta(days=3)
        idee.beoordeeld_door = staff
        idee.beoordeeld_op = beoordeeld_op
        idee.save()
    # Support and comments.
    steun = []
    for idee in ideeen:
        k = rng.randint(2, 40) if idee.status == IdeeStatus.STEMBAAR else rng.randint(0, 12)
        for u in rng.sample(bewoners, k):
            steun.append(Steun(idee=idee, user=u))
        idee.mede_indieners.add(*rng.sample(bewoners, rng.randint(0, 3)))
    Steun.objects.bulk_create(steun, ignore_conflicts=True)
    for idee in ideeen[:30]:
        op = idee.ingediend_op + timedelta(days=2)
        r = Reactie.objects.create(
            idee=idee, auteur=rng.choice(bewoners), tekst="Goed plan! Ik wil wel helpen.", op=op
        )
        Reactie.objects.create(
            idee=idee,
            auteur=idee.indiener,
            ouder=r,
            tekst="Dank je, we laten het weten via de wijkkrant.",
            op=op + timedelta(hours=5),
        )
    # Result and carrying out: commitments and expenditure in the ledger.
    for idee in ideeen[:23]:
        if idee.pk not in gekozen_ids:
            idee.status = IdeeStatus.NIET_GEKOZEN
            idee.save(update_fields=["status"])
            continue
        idee.verplichting = ledger.boeking_verplichting(
            pot=pot,
            bedrag_centen=idee.kosten,
            door=staff,
            omschrijving=idee.titel,
            bron=idee,
            bron_label=idee.titel,
            sleutel=f"stemmen:idee:{idee.pk}:verplichting",
        )
        klaar = rng.random() < 0.6
        stappen = UPDATES if klaar else UPDATES[:2]
        for j, tekst in enumerate(stappen):
            uitgave = 0
            if j == 1:
                uitgave = idee.kosten // 2
            elif j == 2:
                uitgave = idee.kosten - idee.kosten // 2
            upd = IdeeUpdate.objects.create(
                idee=idee,
                auteur=staff,
                datum=(now - timedelta(days=160 - 40 * j)).date(),
                status=IdeeStatus.UITGEVOERD if j == 2 else IdeeStatus.IN_UITVOERING,
                tekst=tekst,
                uitgave=uitgave,
            )
            if uitgave:
                upd.boeking = ledger.boeking_uitgave(
                    verplichting=idee.verplichting,
                    bedrag_centen=uitgave,
                    door=staff,
                    omschrijving=tekst,
                    sleutel=f"stemmen:ideeupdate:{upd.pk}:uitgave",
                )
                upd.save(update_fields=["boeking"])
        idee.status = IdeeStatus.UITGEVOERD if klaar else IdeeStatus.IN_UITVOERING
        idee.save(update_fields=["status", "verplichting"])
    if stdout:
        stdout.write(
            f"  stemmen: {OOSTERPARK_TITEL}: 65 ideas, 23 on the ballot, {len(gekozen_ids)} chosen"
        )


def _vinkhuizen(stdout: Any, staff: User | None) -> None:
    wijk = Wijk.objects.filter(slug="vinkhuizen").first()
    if wijk is None:
        return
    rng = random.Random("stemmen:vinkhuizen")
    bewoners = _bewoners(wijk, 30, "vinkhuizen")
    pot = _pot(
        wijk,
        Budgetpot.Soort.WIJKWETHOUDERSBUDGET,
        "Wijkwethoudersbudget Vinkhuizen",
        per_inwoner=300,
    )
    buurtpot = _pot(
        wijk,
        Budgetpot.Soort.BUURTBUDGET,
        "Buurtbudget Vinkhuizen",
        bedrag=500_000,
        max_toekenning=50_000,
    )
    now = timezone.now()
    if not Ronde.objects.filter(wijk=wijk, titel=WIJKTOP_TITEL).exists():
        saldo_budget = wijk.inwoners * 300
        ronde = Ronde.objects.create(
            wijk=wijk,
            titel=WIJKTOP_TITEL,
            beschrijving=(
                "Bewoners bepalen samen hun top 3 voor het wijkwethoudersbudget (€ 3 per inwoner). "
                "Dien je idee in; op de wijkstemdag en online zet je jouw top 3 op volgorde."
            ),
            budget=saldo_budget,
            pot=pot,
            fase=Fase.INDIENEN,
            indienen_vanaf=now - timedelta(days=10),
            beoordelen_vanaf=now + timedelta(days=18),
            stemmen_vanaf=now + timedelta(days=40),
            uitslag_vanaf=now + timedelta(days=54),
            uitvoering_vanaf=now + timedelta(days=61),
            stemwijze=Stemwijze.RANKING,
            ranking_k=3,
            telregel=Telregel.BORDA,
            minimum_leeftijd=12,
        )
        themas = [Thema.objects.create(ronde=ronde, naam=n) for n in THEMAS_WIJKTOP]
        titels = [
            "Ontmoetingsplek bij het winkelcentrum",
            "Buurtmoestuin Vinkhuizen-Zuid",
            "Veilig oversteken bij de Siersteenlaan",
            "Jongerenhonk met wifi en zitplek",
            "Pannakooi bij de basisschool",
            "Wijkfeest op het grasveld",
            "Bomen planten langs de Friesestraatweg",
            "Taalcafé in het buurthuis",
            "Speelbos voor kinderen in Dorkwerd",
            "Wijkbus voor ouderen",
            "Meer prullenbakken bij het park",
            "Buurtkamer voor mantelzorgers",
        ]
        for i, titel in enumerate(titels):
            idee = Idee.objects.create(
                ronde=ronde,
                indiener=bewoners[i],
                titel=titel,
                beschrijving=f"{titel}. Een idee van buren die het zelf mee willen uitvoeren.",
                kosten=rng.randint(20, 120) * 10_000,
                thema=themas[i % len(themas)],
                buurt=wijk.buurten.order_by("id")[i % wijk.buurten.count()],
                ingediend_op=now - timedelta(days=9 - i * 0.6),
            )
            Steun.objects.bulk_create(
                [Steun(idee=idee, user=u) for u in rng.sample(bewoners, rng.randint(1, 15))],
                ignore_conflicts=True,
            )
        if stdout:
            stdout.write(f"  stemmen: {WIJKTOP_TITEL}: open for ideas, 12 so far")

    if not Aanvraag.objects.filter(wijk=wijk).exists():
        vandaag = timezone.localdate()
        aanvragen = [
            (
                "Buurtbarbecue Kornoeljestraat",
                35_000,
                AanvraagStatus.TOEGEKEND,
                "Meerdere buren organiseren het samen; past binnen het buurtbudget.",
            ),
            (
                "Plantenbakken voor de portiekflat",
                48_000,
                AanvraagStatus.TOEGEKEND,
                "Draagvlak in de portiek aangetoond met handtekeningen van 14 huishoudens.",
            ),
            (
                "Verjaardagsfeest voor mijn zoon",
                25_000,
                AanvraagStatus.AFGEWEZEN,
                "Het buurtbudget is voor initiatieven voor de buurt, niet voor een privéfeest.",
            ),
            ("Sinterklaasintocht op het pleintje", 45_000, AanvraagStatus.INGEDIEND, ""),
        ]
        for i, (titel, bedrag, status, reden) in enumerate(aanvragen):
            a = Aanvraag.objects.create(
                wijk=wijk,
                aanvrager=bewoners[12 + i],
                soort=AanvraagSoort.BUURTBUDGET,
                titel=titel,
                beschrijving=f"{titel}: we doen het met buren uit de straat.",
                bedrag=bedrag,
                betrokkenen=rng.randint(2, 8),
                beslissen_voor=vandaag + timedelta(days=14 - 5 * (3 - i)),
                ingediend_op=now - timedelta(days=5 * (3 - i) + 2),
            )
            if status != AanvraagStatus.INGEDIEND:
                a.status = status
                a.besluit_reden = reden
                a.besloten_door = staff
                a.besloten_op = now - timedelta(days=5 * (3 - i))
                if status == AanvraagStatus.TOEGEKEND:
                    a.pot = buurtpot
                    a.verplichting = ledger.boeking_verplichting(
                        pot=buurtpot,
                        bedrag_centen=bedrag,
                        door=staff,
                        omschrijving=titel,
                        bron=a,
                        bron_label=titel,
                        sleutel=f"stemmen:aanvraag:{a.pk}:verplichting",
                    )
                a.save()
        rtc = Aanvraag.objects.create(
            wijk=wijk,
            aanvrager=bewoners[20],
            soort=AanvraagSoort.UITDAAGRECHT,
            titel="Groenonderhoud Vinkhuizen-Noord door de bewonerscoöperatie",
            beschrijving=(
                "Onze bewonerscoöperatie (23 leden) wil het onderhoud van de plantsoenen in "
                "Vinkhuizen-Noord overnemen, met werkervaringsplekken voor buurtbewoners."
            ),
            bedrag=4_200_000,
            betrokkenen=23,
            taak="Onderhoud van plantsoenen en bermen in Vinkhuizen-Noord (maaien, snoeien, zwerfafval).",
            huidig_budget=4_600_000,
            cofinanciering="Vrijwillige inzet van leden; gereedschap via de coöperatie.",
            status=AanvraagStatus.IN_BEHANDELING,
            beslissen_voor=timezone.localdate() + timedelta(days=30),
            ingediend_op=now - timedelta(days=26),
        )
        for j, (stap, tekst) in enumerate(
            [
                (
                    AanvraagStap.Stap.ONTVANKELIJK,
                    "Aanvraag compleet: taak, begroting en ledenlijst aangeleverd.",
                ),
                (
                    AanvraagStap.Stap.GESPREK,
                    "Gesprek met het bestuur van de coöperatie en de wijkwethouder.",
                ),
                (
                    AanvraagStap.Stap.VERGELIJKING,
                    "Coöperatie is € 4.000 per jaar goedkoper dan de huidige aanbesteding, met meerwaarde voor werkgelegenheid in de wijk.",
                ),
            ]
        ):
            AanvraagStap.objects.create(
                aanvraag=rtc,
                stap=stap,
                toelichting=tekst,
                door=staff,
                op=now - timedelta(days=20 - 6 * j),
            )
        if stdout:
            stdout.write(
                "  stemmen: Vinkhuizen: 4 buurtbudget applications, 1 right-to-challenge request"
            )


def _initiatief(stdout: Any) -> None:
    wijk = Wijk.objects.filter(slug="oosterparkwijk").first()
    if wijk is None or Aanvraag.objects.filter(wijk=wijk).exists():
        return
    bewoners = _bewoners(wijk, 90, "oosterpark")
    Aanvraag.objects.create(
        wijk=wijk,
        aanvrager=bewoners[5],
        soort=AanvraagSoort.INITIATIEF,
        titel="Nieuw buurthuis: inrichting van de ontmoetingsruimte",
        beschrijving="Met de bewonersorganisatie en twee verenigingen richten we de ontmoetingsruimte in.",
        bedrag=1_250_000,
        betrokkenen=12,
        cofinanciering="Woningcorporatie draagt € 5.000 bij; verenigingen € 1.500.",
        beslissen_voor=timezone.localdate() + timedelta(days=40),
    )


@transaction.atomic
def load(*, stdout: Any = None, scale: float = 1.0) -> None:
    staff = User.objects.filter(email="gebiedsteam.oost@demo.groningen.nl").first()
    west = User.objects.filter(email="gebiedsteam.west@demo.groningen.nl").first()
    _oosterpark(stdout, staff)
    _vinkhuizen(stdout, west)
    _initiatief(stdout)
    from .demo_stemming import load as _stemming_load  # noqa: E402

    _stemming_load(stdout=stdout, scale=scale)
