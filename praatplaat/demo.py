"""Demo praatplaat: the five experiments of the evaluation (seed 002) at different stages.

- Oosterparkwijk: Coöperatieve Wijkraad (archetype 3, CWR + wijkpanel by lot), adopted.
- De Wijert: Wijkdeal (archetype 3 for the wijkagenda with a multi-year budget), evaluated.
- Selwerd: Wijkbedrijf (archetype 2, right to challenge), sent to the council.
- Lewenborg: Golvend Lewenborg (wants archetype 3 for a wijkbudget): draft with white spots.
- A-Kwartier: herontwikkeling (archetype 1), draft after a first conversation.

Idempotent: a wijk that already has an agreement set is left alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from groningenmodel.models import User
from wijken.models import Wijk

from . import services
from .models import Afsprakenset, Onderdeel, SetStatus, Vraag

D = dt.date

# Answers per wijk: question code → text (drawn from the evaluation of the experiments).
KOMPAS_OOSTERPARK = {
    "stem-1": "De CWR: 11 bewoners en 6 raadsleden, ingeloot. Bewoners die niet meedoen worden "
    "via het wijkpanel (400 ingelote bewoners) geraadpleegd.",
    "stem-2": "Loting brengt andere bewoners in beeld dan de altijd actieven; extra aandacht "
    "voor kwetsbare en minder gehoorde groepen; deur-aan-deur uitnodigen.",
    "stem-3": "Wijkpanel (digitaal), werkgroepen met de wijk, de website 'Oosterpark, altijd "
    "een goed idee' voor ideeën en stemmen, bijeenkomsten voor initiatiefnemers.",
    "stem-4": "In een diverse groep is het lastiger het eens te worden; minderheidsstandpunten "
    "worden in het verslag van de openbare vergadering opgenomen.",
    "stem-5": "Ingelote leden zijn onervaren met vergaderen; een ervaren projectleider van "
    "buitenaf helpt met alternatieve overlegvormen.",
    "stem-6": "Vooraf duidelijk maken wat er van leden verwacht wordt; goede begeleiding door "
    "gemeente en externe partij; samen leren over groepsprocessen.",
    "transparantie-1": "Openbare vergaderingen, nieuwsbrief, zichtbaarheid in de wijk "
    "vergroten door regelmatig resultaten te laten zien.",
    "transparantie-2": "Budget van €200.000 voor 2,5 jaar, plus de budgetten die regulier in de "
    "wijk omgaan; de open begroting toont de stand.",
    "transparantie-3": "Werkgroepen bereiden besluiten voor met concrete acties; informatie "
    "wordt gedeeld in openbare vergaderingen.",
    "transparantie-4": "Besluiten in de openbare CWR-vergadering; bij belangrijke besluiten "
    "eerst een raadpleging van het wijkpanel.",
    "transparantie-5": "Jaarverslag aan de wijk en aan de raad; de raadsleden in de CWR "
    "koppelen terug aan hun fracties.",
    "transparantie-6": "De CWR zelf met de externe begeleider; de raad stelde vooraf "
    "spelregels vast.",
    "zeggenschap-1": "De CWR beslist over (delen van) de wijkagenda en de inzet van budgetten "
    "voor de wijk; stedelijke vraagstukken blijven bij de raad.",
    "zeggenschap-2": "De wijk is een coöperatie waarvan alle bewoners lid zijn; de CWR zet de "
    "agenda, gevoed door het wijkpanel en ideeën van bewoners.",
    "gesprek-1": "Iedereen kan ideeën indienen en meestemmen; loting geeft ook niet-actieve "
    "bewoners een stem.",
    "gesprek-2": "Openbare vergaderingen; de bewonersorganisatie weigerde mee te werken: het "
    "gesprek met het hele systeem in de wijk opnieuw aangaan.",
    "gesprek-3": "Dialoogtafels met een professionele begeleider; samen standpunten onderzoeken.",
    "gesprek-4": "Werkgroepen met de wijk; samenwerking met andere organisaties kwam pas later "
    "op gang en verdient aandacht.",
    "gesprek-5": "Meer mensen vinden dat er voldoende overleg was voordat er besloten werd "
    "(evaluatie Breuer IntraVal en OIS).",
    "gesprek-6": "Veel tijd en energie van leden; werkplezier is een fundament. De aanloopfase "
    "was te intern gericht.",
}

KOMPAS_WIJERT = {
    "stem-1": "De Koplopersgroep (acht bewoners, acht professionals, één procesbegeleider); "
    "bij de doorontwikkeling de hele wijk betrekken.",
    "stem-2": "Wensen en ideeën vanaf het begin in de wijk ophalen; de hele wijk betrekken.",
    "stem-3": "Het maandelijkse Wijkdeal café, projectgroepen met facilitators (een "
    "professional en een bewoner), een wijkstemdag over de prioriteiten (~900 stemmers).",
    "stem-4": "Gelijkwaardigheid en waardering van alle deelnemers; een professionele "
    "vergadervoorzitter bewaakt dat iedereen gehoord wordt.",
    "stem-5": "Facilitators zijn getraind om verschillen te overbruggen.",
    "stem-6": "Professionele training voor facilitators; samen leren staat centraal.",
    "transparantie-1": "De werkwijzen zijn helder; bekendheid van de Wijkdeal vergroten.",
    "transparantie-2": "Een wijkagenda met meerjarenbegroting, door de raad vastgesteld.",
    "transparantie-3": "De begroting voor de wijk wordt in samenspraak vastgesteld.",
    "transparantie-4": "Besluitvorming en voortgang op een vast tijdstip iedere maand in het "
    "Wijkdeal café.",
    "transparantie-5": "Verantwoording aan de wijk in het Wijkdeal café; jaarlijks aan de raad.",
    "transparantie-6": "Het gebiedsteam als regisseur van het democratische proces, de raad "
    "als borger daarvan.",
    "zeggenschap-1": "Deelnemers beslissen maandelijks over nieuwe initiatieven en projecten "
    "binnen de wijkagenda.",
    "zeggenschap-2": "Wijkagenda in co-creatie; invloed op de grotere vragen vergroten.",
    "gesprek-1": "Iedereen kan in het Wijkdeal café aanschuiven; alles mag geprobeerd worden.",
    "gesprek-2": "Kwaliteit van de communicatie in overleggen en tweegesprekken.",
    "gesprek-3": "Een professionele vergadervoorzitter leidt het café in goede banen.",
    "gesprek-4": "Blijvend investeren in de samenwerking tussen alle partners.",
    "gesprek-5": "Besluiten in het café, gedragen door bewoners en professionals.",
    "gesprek-6": "Samenwerking met onderwijs en ondernemers leverde banen en investeringen op.",
}


def _antwoorden(wijk: Wijk, teksten: dict[str, str]) -> dict[int, str]:
    ids = dict(Vraag.objects.voor_wijk(wijk).values_list("code", "id"))
    return {ids[c]: t for c, t in teksten.items() if c in ids}


def _bouwsteen(code: str) -> Onderdeel:
    return Onderdeel.objects.get(code=code)


def _user(email: str) -> Any:
    return User.objects.filter(email=email).first()


def _gesprek(wijk: Wijk, door: Any, datum: dt.date, teksten: dict[str, str], **meta: Any) -> None:
    services.gesprek_opslaan(
        wijk=wijk,
        door=door,
        gegevens={"datum": datum, **meta},
        antwoorden=_antwoorden(wijk, teksten),
    )


def _set(
    wijk: Wijk,
    door: Any,
    titel: str,
    *,
    themas: list[tuple[str, int, str]],
    instrumenten: list[tuple[str, str]],
    afspraken: list[tuple[str, str, str, dt.date | None, str]],
    verantwoording: tuple[str, str] = ("", ""),
) -> Afsprakenset:
    s = services.afsprakenset_maken(wijk=wijk, door=door, titel=titel)
    services.afsprakenset_bijwerken(
        afsprakenset=s,
        door=door,
        gegevens={
            "titel": titel,
            "verantwoording_wijk": verantwoording[0],
            "verantwoording_raad": verantwoording[1],
        },
        themas=[{"naam": n, "archetype": a, "open_begroting_pot": p} for n, a, p in themas],
        instrumenten=[{"soort": s_, "omschrijving": o} for s_, o in instrumenten],
        afspraken=[
            {
                "wat": wat,
                "wie": wie,
                "partner": partner,
                "wanneer": wanneer,
                "bouwsteen": _bouwsteen(b),
            }
            for wat, wie, partner, wanneer, b in afspraken
        ],
        samenvatting="Eerste afspraken na de gesprekken",
    )
    return s


@transaction.atomic
def load(*, stdout: Any = None, scale: float = 1.0) -> None:
    wijken = {w.slug: w for w in Wijk.objects.filter(slug__in=SLUGS)}
    raadslid = _user("raadslid@demo.groningen.nl")
    raadslid2 = (
        User.objects.filter(is_raadslid=True).exclude(email="raadslid@demo.groningen.nl").first()
    )
    for slug, fn in LOADERS:
        wijk = wijken.get(slug)
        if wijk is None or Afsprakenset.objects.filter(wijk=wijk).exists():
            continue
        fn(wijk, raadslid, raadslid2)
        if stdout:
            stdout.write(f"  praatplaat: {wijk.naam}")


def _oosterpark(wijk: Wijk, raadslid: Any, raadslid2: Any) -> None:
    oost = _user("gebiedsteam.oost@demo.groningen.nl")
    _gesprek(
        wijk,
        oost,
        D(2021, 9, 14),
        {
            "dna-1": "Een volkswijk met sterke eigen identiteit en veel verschillende bewoners; "
            "'de wijk is van ons'.",
            "rol-1": "CWR (11 ingelote bewoners en 6 raadsleden), wijkpanel, gebiedsteam, "
            "externe begeleider; de bewonersorganisatie koos een eigen rol.",
            "rol-2": "De CWR beslist over de wijkagenda en het budget; werkgroepen bereiden voor, "
            "de gemeente voert uit en ondersteunt.",
            "realisatie-financieel": "€200.000 voor 2,5 jaar plus zeggenschap over reguliere "
            "budgetten in de wijk.",
            **{k: v for k, v in KOMPAS_OOSTERPARK.items() if k.startswith(("stem", "transp"))},
        },
        vorm="fysiek",
        plaats="Buurthuis Oosterpark",
        facilitator="Externe procesbegeleider",
        deelnemers=24,
        groepen=["geloot", "raad", "gebiedsteam", "bewoners"],
        notities="Eerste praatplaatgesprek met de CWR. Aandachtspunt: zichtbaarheid in de wijk.",
    )
    _gesprek(
        wijk,
        oost,
        D(2021, 11, 2),
        {
            **{k: v for k, v in KOMPAS_OOSTERPARK.items() if k.startswith(("zeggen", "gesprek"))},
            "rol-3-raad": "De raadsleden in de CWR doen mee; de raad als geheel stuurt op proces "
            "(spelregels vooraf) en controleert via het jaarverslag.",
            "leren-1": "Samen leren over groepsprocessen en veranderstrategieën; werkplezier "
            "als fundament.",
            "stem-2": "Loting met aanvulling: gericht jongeren en stille groepen benaderen, naast "
            "deur-aan-deur uitnodigen (148 deuren voor 11 zetels, 20 reacties).",
        },
        vorm="hybride",
        plaats="Buurthuis Oosterpark en online",
        facilitator="Gebiedsteam Oost",
        deelnemers=31,
        groepen=["geloot", "raad", "gebiedsteam", "jongeren", "partners"],
    )
    s = _set(
        wijk,
        oost,
        "Afspraken Coöperatieve Wijkraad Oosterparkwijk",
        themas=[
            ("Wijkagenda", 3, "CWR-budget: €200.000 voor 2,5 jaar"),
            (
                "Budget wijkinitiatieven",
                3,
                "Wijkbudget 'Oosterpark, altijd een goed idee' (€20.000)",
            ),
            ("Verkeer", 1, ""),
        ],
        instrumenten=[
            ("cwr", "11 bewoners en 6 raadsleden, gestratificeerd geloot"),
            ("wijkpanel", "Ca. 400 ingelote bewoners (1.932 uitgenodigd, 440 deelnemers)"),
            ("ideeenronde", "'Oosterpark, altijd een goed idee': 65 ideeën, 13 gekozen"),
        ],
        afspraken=[
            (
                "Elk kwartaal resultaten zichtbaar maken in de wijk (krant en website)",
                "wijk",
                "",
                D(2022, 3, 31),
                "democratische-waarden",
            ),
            (
                "Werkgroepen bereiden besluiten voor en delen informatie in openbare vergaderingen",
                "wijk",
                "",
                D(2022, 1, 31),
                "zeggenschap-rolverdeling",
            ),
            (
                "Ervaren externe begeleider voor vergader- en besluitvaardigheden",
                "gemeente",
                "",
                D(2022, 2, 28),
                "realisatiekracht",
            ),
            (
                "Wijkpanel uitbreiden en raadplegen bij elk besluit boven €10.000",
                "wijk",
                "",
                D(2022, 6, 30),
                "democratische-waarden",
            ),
            (
                "Gesprek met de bewonersorganisatie over de rolverdeling in de wijk",
                "partner",
                "Bewonersorganisatie Oosterpark",
                D(2022, 4, 30),
                "zeggenschap-rolverdeling",
            ),
            (
                "Jaarverslag van de CWR bespreken in de raadscommissie",
                "raad",
                "",
                D(2022, 12, 31),
                "samen-leren",
            ),
        ],
        verantwoording=(
            "Openbare vergaderingen, jaarverslag in de wijkkrant en op de website",
            "Jaarverslag aan de raad; bespreking in de raadscommissie",
        ),
    )
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.TER_BESPREKING, door=oost)
    if raadslid:
        c = services.commentaar_plaatsen(
            afsprakenset=s,
            auteur=raadslid,
            tekst="Goed dat het wijkpanel bij grotere besluiten wordt geraadpleegd. Hoe "
            "voorkomen jullie zelfselectie in het panel?",
        )
        services.commentaar_plaatsen(
            afsprakenset=s,
            auteur=oost,
            parent=c,
            tekst="Met loting met aanvulling: gericht jongeren en stille groepen benaderen.",
        )
    services.afsprakenset_status(
        afsprakenset=s,
        naar=SetStatus.VASTGESTELD,
        door=oost,
        vastgesteld_op=D(2022, 1, 27),
        besluit_referentie="Raadsbesluit 2022-014",
    )
    afspraken = list(s.afspraken.all())
    services.afspraak_status_zetten(afspraak=afspraken[0], status="bezig", door=oost)
    services.afspraak_status_zetten(afspraak=afspraken[1], status="klaar", door=oost)
    services.afspraak_status_zetten(afspraak=afspraken[2], status="klaar", door=oost)
    for datum, scores, lessen in [
        (
            D(2020, 11, 25),
            (4, 3, 4, 3),
            "Loting leverde een diverse CWR op; zichtbaarheid in de wijk blijft achter; "
            "de aanloopfase was te intern gericht.",
        ),
        (
            D(2023, 3, 15),
            (4, 4, 4, 4),
            "Werkgroepen met de wijk werken goed; resultaten vaker laten zien; werkplezier "
            "bewaken.",
        ),
    ]:
        services.evaluatie_vastleggen(
            wijk=wijk,
            door=oost,
            gegevens={
                "datum": datum,
                "afsprakenset": s if datum.year > 2021 else None,
                "ieders_stem": scores[0],
                "ieders_stem_toelichting": "Loting brengt andere bewoners aan tafel; zelfselectie blijft een aandachtspunt.",
                "transparantie": scores[1],
                "transparantie_toelichting": "Openbare vergaderingen; de CWR is nog weinig bekend in de wijk.",
                "zeggenschap": scores[2],
                "zeggenschap_toelichting": "De CWR besluit over wijkagenda en budget.",
                "goede_gesprek": scores[3],
                "goede_gesprek_toelichting": "Meer mensen vinden dat er voldoende overleg was voor besluiten.",
                "lessen": lessen,
            },
        )


def _wijert(wijk: Wijk, raadslid: Any, raadslid2: Any) -> None:
    zuid = _user("gebiedsteam.zuid@demo.groningen.nl")
    _gesprek(
        wijk,
        zuid,
        D(2021, 10, 5),
        {
            "dna-1": "'De Wijkdeal werkt': sterke commitment en gewaardeerde samenwerking tussen "
            "bewoners, onderwijs, ondernemers en gemeente.",
            "rol-1": "De Koplopersgroep: acht bewoners, acht professionals en één externe "
            "procesbegeleider.",
            "rol-2": "Maandelijks in het Wijkdeal café; projecten met een facilitator-duo.",
            "rol-3-raad": "De raad stelt de wijkagenda met meerjarenbegroting vast (kaderstellend) "
            "en borgt het democratische proces.",
            "realisatie-financieel": "Eigen vrij besteedbaar budget en inzet uit "
            "programmabudgetten voor de prioriteiten.",
            "leren-1": "Met elkaar leren staat centraal; alles mag geprobeerd worden.",
            **KOMPAS_WIJERT,
        },
        vorm="fysiek",
        plaats="Wijkdeal café, De Wijert",
        facilitator="Professionele vergadervoorzitter",
        deelnemers=38,
        groepen=["bewoners", "partners", "ondernemers", "gebiedsteam", "wijkwethouder"],
    )
    s = _set(
        wijk,
        zuid,
        "Wijkdeal De Wijert",
        themas=[
            ("Wijkagenda", 3, "Meerjarenbegroting Wijkdeal (door de raad vastgesteld)"),
            ("Groen en spelen", 2, ""),
        ],
        instrumenten=[
            ("wijkstemdag", "Stemdag over de prioriteiten van de wijkagenda (~900 stemmers)"),
            ("inloop", "Maandelijks Wijkdeal café, open voor iedereen"),
        ],
        afspraken=[
            (
                "Wijkagenda met meerjarenbegroting opstellen in co-creatie",
                "wijk",
                "",
                D(2022, 3, 1),
                "zeggenschap-rolverdeling",
            ),
            (
                "Bekendheid van de Wijkdeal vergroten (wijkkrant, scholen)",
                "wijk",
                "",
                D(2022, 9, 1),
                "democratische-waarden",
            ),
            (
                "Facilitators trainen (een professional en een bewoner per project)",
                "gemeente",
                "",
                D(2022, 5, 1),
                "realisatiekracht",
            ),
            (
                "Participatiebanen met onderwijs en ondernemers",
                "partner",
                "Noorderpoort en ondernemers De Wijert",
                D(2022, 12, 31),
                "realisatiekracht",
            ),
        ],
        verantwoording=(
            "Maandelijks in het Wijkdeal café en jaarlijks in de wijkkrant",
            "Jaarlijkse voortgangsrapportage bij de begroting",
        ),
    )
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.TER_BESPREKING, door=zuid)
    services.afsprakenset_status(
        afsprakenset=s,
        naar=SetStatus.VASTGESTELD,
        door=zuid,
        vastgesteld_op=D(2022, 2, 10),
        besluit_referentie="Raadsbesluit 2022-031",
    )
    for a in s.afspraken.all()[:3]:
        services.afspraak_status_zetten(afspraak=a, status="klaar", door=zuid)
    services.evaluatie_vastleggen(
        wijk=wijk,
        door=zuid,
        gegevens={
            "datum": D(2023, 2, 1),
            "afsprakenset": s,
            "ieders_stem": 3,
            "ieders_stem_toelichting": "Koplopers en café werken; de hele wijk betrekken blijft een opgave.",
            "transparantie": 4,
            "transparantie_toelichting": "Vaste maandelijkse besluitvorming; bekendheid groeit.",
            "zeggenschap": 5,
            "zeggenschap_toelichting": "Veel invloed op beslissingen in de wijk en in het experiment.",
            "goede_gesprek": 5,
            "goede_gesprek_toelichting": "Professionele voorzitter; gelijkwaardigheid en waardering.",
            "lessen": "Professionele ondersteuning bij deliberatie werpt vruchten af; blijvend "
            "investeren in de samenwerking zorgt voor succes.",
        },
    )
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.GEEVALUEERD, door=zuid)


def _selwerd(wijk: Wijk, raadslid: Any, raadslid2: Any) -> None:
    noord = _user("gebiedsteam.west@demo.groningen.nl")
    teksten = {
        "dna-1": "Wederkerigheid: je komt iets halen en iets brengen. Het Wijkbedrijf als "
        "'tweede familie'.",
        "rol-1": "Bestuur Wijkbedrijf (5 bewoners), bedrijfsleider, gebiedsmanager en "
        "buurtregisseur; partner van Sunny Selwerd.",
        "zeggenschap-1": "Right to Challenge: bewoners dagen de gemeente uit taken en budget over "
        "te dragen voor wijkontwikkeling en ondernemerschap.",
        "stem-1": "Het bestuur van het Wijkbedrijf spreekt niet namens de hele wijk; de "
        "wijkvernieuwing raadpleegt breder via de woonwaggen.",
        "stem-2": "Diversiteit bevorderen: aandacht voor jongeren; olievlekwerking.",
        "stem-3": "Online participatie (Stem van Groningen) gecombineerd met de fysieke "
        "woonwaggen in de straat.",
        "stem-4": "Ideeën en initiatieven zijn altijd welkom; afwijkende meningen in het "
        "wijkplatform.",
        "stem-5": "Individuele ontwikkeling en (participatie)banen voor bewoners.",
        "stem-6": "Ondersteuning door de bedrijfsleider en de verbinder.",
        "transparantie-1": "Meer bekendheid via de woonwaggen en de wijkkrant.",
        "transparantie-2": "Het Wijkbedrijf heeft een eigen kleine begroting; Sunny Selwerd een "
        "miljoenenbudget.",
        "transparantie-3": "Afspraken met Sunny Selwerd en corporaties openbaar maken.",
        "transparantie-4": "Besluiten van het bestuur op de website.",
        "transparantie-5": "Jaarverslag van het Wijkbedrijf aan wijk en gemeente.",
        "transparantie-6": "Het wijkplatform en de gebiedsmanager.",
    }
    _gesprek(
        wijk,
        noord,
        D(2022, 3, 8),
        teksten,
        vorm="fysiek",
        plaats="Woonwaggen, Selwerd",
        facilitator="Buurtregisseur",
        deelnemers=17,
        groepen=["bewoners", "ondernemers", "partners", "gebiedsteam"],
    )
    s = _set(
        wijk,
        noord,
        "Afspraken Wijkbedrijf Selwerd",
        themas=[("Werk en activering", 2, ""), ("Wijkvernieuwing", 1, "")],
        instrumenten=[("online", "Stem van Groningen met de woonwaggen")],
        afspraken=[
            (
                "Netwerk uitbreiden om meer werk voor bewoners te creëren (verbinder aangetrokken)",
                "wijk",
                "",
                D(2022, 12, 31),
                "realisatiekracht",
            ),
            (
                "Uitdagingsrecht: voorstel voor overdracht van groenonderhoud",
                "wijk",
                "",
                D(2022, 10, 1),
                "zeggenschap-rolverdeling",
            ),
            (
                "Reactie op het uitdagingsrecht binnen acht weken",
                "gemeente",
                "",
                D(2022, 12, 1),
                "zeggenschap-rolverdeling",
            ),
            (
                "Jongeren betrekken bij activiteiten",
                "partner",
                "Sunny Selwerd",
                None,
                "democratische-waarden",
            ),
        ],
    )
    services.afsprakenset_status(afsprakenset=s, naar=SetStatus.TER_BESPREKING, door=noord)
    if raadslid:
        services.commentaar_plaatsen(
            afsprakenset=s,
            auteur=raadslid,
            afspraak=s.afspraken.order_by("volgorde", "id")[1],
            tekst="Welke kaders stelt de raad bij overdracht van groenonderhoud? Graag een "
            "voorstel voor de verantwoording aan de wijk.",
        )
    if raadslid2:
        services.commentaar_plaatsen(
            afsprakenset=s,
            auteur=raadslid2,
            tekst="Mooi initiatief. Hoe verhoudt het Wijkbedrijf zich tot het wijkplatform?",
        )


def _lewenborg(wijk: Wijk, raadslid: Any, raadslid2: Any) -> None:
    oost = _user("gebiedsteam.oost@demo.groningen.nl")
    _gesprek(
        wijk,
        oost,
        D(2022, 5, 17),
        {
            "dna-1": "Doe-democratie: 'het campinggevoel van de wijk'. De oude bieb en de "
            "kringloopwinkel als laagdrempelige plek.",
            "rol-1": "De Kopgroep (4 à 5 vrijwilligers) met WIJ, Leger des Heils, gebiedsteam en "
            "sinds kort 2 leden van de Wijkraad.",
            "realisatie-financieel": "Geen eigen budget of begroting; de kopgroep vraagt de "
            "gebiedsmanager rekeningen te betalen; exploitatie €1.000–€5.000.",
            "stem-2": "Breed gedragen wens een meer diverse groep te bereiken, bijvoorbeeld de "
            "Antilliaanse gemeenschap, en naast doeners ook denkers.",
            "stem-3": "Direct en persoonlijk contact; veel activiteiten gericht op ontmoeting.",
            "zeggenschap-1": "Zeggenschap over een wijkbudget (buurtwelzijn, groenonderhoud, "
            "speelruimte) is slechts gedeeltelijk gelukt.",
        },
        vorm="fysiek",
        plaats="De oude bieb, Lewenborg",
        facilitator="Gebiedsteam Oost",
        deelnemers=40,
        groepen=["bewoners", "collectief", "partners", "gebiedsteam"],
        notities="Ongeveer 40 heel diverse deelnemers. De verantwoordelijkheid voor een budget "
        "drukt zwaar; er is onvoldoende 'massa' om grote besluiten te legitimeren.",
    )
    _set(
        wijk,
        oost,
        "Golvend Lewenborg: naar een eigen wijkbudget",
        themas=[("Buurtwelzijn", 2, ""), ("Wijkbudget", 3, "")],
        instrumenten=[("inloop", "Koffie en inloop in de oude bieb")],
        afspraken=[
            (
                "Kopgroep toerusten om verantwoordelijkheid voor een budget te dragen",
                "gemeente",
                "",
                D(2022, 12, 31),
                "realisatiekracht",
            ),
            (
                "Samenwerking met de bewonersorganisatie versterken",
                "wijk",
                "",
                D(2022, 10, 1),
                "zeggenschap-rolverdeling",
            ),
            ("Ook 'denkers' werven naast de doeners", "wijk", "", None, "democratische-waarden"),
        ],
    )


def _akwartier(wijk: Wijk, raadslid: Any, raadslid2: Any) -> None:
    centrum = _user("gebiedsteam.centrum@demo.groningen.nl")
    _gesprek(
        wijk,
        centrum,
        D(2022, 6, 21),
        {
            "dna-1": "Een gedeelde toekomstvisie, met enthousiasme gemaakt; trots op de mooie "
            "uitstraling en meer veiligheid op straat.",
            "rol-1": "Buurtvereniging het A-kwartier, werkgroep, Kunst in het A-kwartier, "
            "gebiedsmanager; eerder twee externe projectleiders.",
            "realisatie-financieel": "De gemeente heeft een budget voor de herinrichting; de "
            "bewoners hebben daar geen verantwoordelijkheid voor.",
            "transparantie-1": "Berichtgeving toegankelijk voor iedereen, op verschillende "
            "niveaus en via verschillende kanalen.",
        },
        vorm="fysiek",
        plaats="A-Kerkhof",
        facilitator="Gebiedsmanager",
        deelnemers=14,
        groepen=["bewoners", "bewonersorganisatie", "ondernemers", "gebiedsteam"],
    )
    _set(
        wijk,
        centrum,
        "Herontwikkeling A-kwartier: afspraken fase 3",
        themas=[("Herinrichting openbare ruimte", 1, "")],
        instrumenten=[],
        afspraken=[
            (
                "Met nieuwe bewoners opnieuw een gedeelde start maken (fase 2 en 3)",
                "gemeente",
                "",
                D(2022, 11, 1),
                "dna",
            ),
            (
                "Korte lijnen: vast aanspreekpunt en tweemaandelijkse ontmoeting",
                "gemeente",
                "",
                D(2022, 9, 1),
                "realisatiekracht",
            ),
            (
                "Uitvoering en beheer als gedeelde verantwoordelijkheid vastleggen",
                "partner",
                "Buurtvereniging het A-kwartier",
                None,
                "zeggenschap-rolverdeling",
            ),
        ],
    )


SLUGS = ["oosterparkwijk", "de-wijert", "selwerd", "lewenborg", "a-kwartier"]
LOADERS = [
    ("oosterparkwijk", _oosterpark),
    ("de-wijert", _wijert),
    ("selwerd", _selwerd),
    ("lewenborg", _lewenborg),
    ("a-kwartier", _akwartier),
]
