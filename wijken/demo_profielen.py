"""Demo profile texts (Dutch: they are content of the municipality, not interface text).

The five experiment wijken follow what the seeds say about them (000_…, 002_…, 003_…);
the others get a short, plausible sketch. Each entry: DNA text and a SWOT (lists)."""

from __future__ import annotations

from typing import TypedDict


class Profiel(TypedDict):
    dna: str
    sterkten: list[str]
    zwakten: list[str]
    kansen: list[str]
    bedreigingen: list[str]


PROFIELEN: dict[str, Profiel] = {
    "Oosterparkwijk": {
        "dna": (
            "De Oosterparkwijk is een oude volkswijk met een sterk eigen karakter: rijtjeshuizen "
            "uit de jaren twintig en dertig, de Bloemenbuurt, de Zeeheldenbuurt, de Edisonbuurt, "
            "en mensen die hun hele leven in de wijk wonen naast studenten en jonge gezinnen. "
            "Hier hoort het Oosterparkstadion van FC Groningen bij de geschiedenis, en de trots "
            "op 'de Oosterpark' zit diep.\n\n"
            "De Oosterparkwijk experimenteert als eerste met een Coöperatieve Wijkraad: elf "
            "bewoners en zes gemeenteraadsleden, allemaal door loting gekozen, die samen beslissen "
            "over een deel van de wijkagenda en over een budget van € 200.000 voor tweeënhalf jaar. "
            "Via 'Oosterpark, altijd een goed idee' dienen bewoners ideeën in en stemmen ze mee "
            "over de besteding. Een wijkpanel van ruim 400 bewoners wordt geraadpleegd bij "
            "belangrijke beslissingen."
        ),
        "sterkten": [
            "Sterke wijkidentiteit en betrokkenheid van oudere bewoners",
            "Ervaring met loting: Coöperatieve Wijkraad en wijkpanel",
            "Online platform 'altijd een goed idee' met ruim 1.100 accounts",
            "Korte lijnen met het gebiedsteam Oost",
        ],
        "zwakten": [
            "Relatief veel huishoudens met een laag inkomen",
            "Bekendheid van de wijkraad onder bewoners is nog beperkt",
            "Activiteiten bereiken nog niet alle groepen in de wijk",
        ],
        "kansen": [
            "Vernieuwing van de woningvoorraad samen met corporaties",
            "Meer bewoners betrekken via het wijkpanel en deur-aan-deurgesprekken",
            "Regulier wijkbudget ook via de wijkraad laten lopen",
        ],
        "bedreigingen": [
            "Verlies van vertrouwen als besluiten van de wijkraad niet worden uitgevoerd",
            "Tweedeling tussen nieuwe en oude bewoners",
            "Afhankelijkheid van tijdelijk experimentgeld",
        ],
    },
    "Selwerd": {
        "dna": (
            "Selwerd is een naoorlogse wijk in het noorden van de stad, met portiekflats, veel "
            "groen en een gemengde bevolking van gezinnen, ouderen, studenten en nieuwkomers. "
            "De wijk zit midden in een grote vernieuwing: het Wijkontwikkelingsplan Selwerd.\n\n"
            "Karakteristiek is het Wijkbedrijf Selwerd: bewoners ontwikkelen en leveren zelf "
            "wijkdiensten op het gebied van leefbaarheid, armoede, energie, werk, groen en zorg. "
            "Een startende ondernemer uit de wijk daagde de gemeente uit met 'Ondernemend "
            "Selwerd' (Right to Challenge): flexplekken, een netwerk van ondernemers en begeleiding "
            "van starters. De woonwaggen bracht het gesprek over de wijk letterlijk de straat op."
        ),
        "sterkten": [
            "Wijkbedrijf als aanjager en verbinder van bewoners en organisaties",
            "Ondernemende bewoners die de gemeente durven uit te dagen",
            "Veel groen en ruimte tussen de flats",
        ],
        "zwakten": [
            "Verouderde woningvoorraad",
            "Veel verhuizingen: bewoners blijven kort",
            "Werkloosheid en armoede boven het stadsgemiddelde",
        ],
        "kansen": [
            "Participatiebanen via het wijkbedrijf",
            "Budget en bevoegdheden overdragen via het Uitdagingsrecht",
            "Vernieuwing samen met bewoners vormgeven",
        ],
        "bedreigingen": [
            "Regels en schotten tussen budgetten die wijkinitiatief afremmen",
            "Overlast tijdens de jarenlange verbouwing van de wijk",
        ],
    },
    "Lewenborg": {
        "dna": (
            "Lewenborg is een groene wijk uit de jaren zeventig aan de oostkant van de stad, "
            "gebouwd als bloemkoolwijk met woonerven, veel water en groen. Er wonen veel "
            "gezinnen en een groeiende groep ouderen.\n\n"
            "Golvend Lewenborg is een 'bewonersvereniging nieuwe stijl': een netwerk van actieve "
            "bewoners uit het voormalig NLA-team, de Oude Bieb, de bewonersorganisatie en WIJ "
            "Lewenborg. Het netwerk wil zeggenschap over een eigen wijkbudget, de gebiedsgerichte "
            "uitgaven in Lewenborg inzichtelijk maken en zelf de wijkagenda prioriteren. Jongeren "
            "realiseerden hier op eigen initiatief een buitenfitness."
        ),
        "sterkten": [
            "Veel groen, water en speelruimte",
            "Actief netwerk van bewoners (Golvend Lewenborg)",
            "Maandelijkse bijeenkomsten en een eigen wijkkrant",
        ],
        "zwakten": [
            "Vergrijzing in delen van de wijk",
            "Voorzieningen in het winkelcentrum staan onder druk",
        ],
        "kansen": [
            "Eén wijkbudget vormen uit stedelijke budgetten (spelen, groen, welzijn)",
            "Jongeren betrekken via concrete projecten zoals de buitenfitness",
        ],
        "bedreigingen": [
            "Te veel leunen op een kleine kern van actieve bewoners",
            "Onduidelijkheid over welke onderwerpen echt wijkgebonden zijn",
        ],
    },
    "De Wijert": {
        "dna": (
            "De Wijert is een wijk uit de jaren vijftig en zestig in het zuiden van de stad, met "
            "veel groen, scholen en voorzieningen, en een mix van eengezinswoningen, flats en "
            "seniorenwoningen.\n\n"
            "In de Buurtsamenwerking De Wijert - Helpman gaan onderwijs, bewoners, ondernemers, "
            "het bewonersplatform, corporaties en gemeente samen een convenant aan. Studenten "
            "leveren binnen hun opleiding een bijdrage aan de wijk. Gemeentelijk geld wordt "
            "ingezet als er sprake is van cofinanciering. Met de Wijkdeal De Wijert stemden zo'n "
            "900 bewoners mee over de plannen voor hun wijk: een eerste stap naar een "
            "burgerbegroting."
        ),
        "sterkten": [
            "Sterke partners in de wijk: scholen, corporaties, ondernemers",
            "Ervaring met de Wijkdeal: ruim 900 stemmers",
            "Studenten die meewerken aan wijkprojecten",
        ],
        "zwakten": [
            "Rolverdeling tussen partners is nog niet altijd helder",
            "Cofinanciering vraagt veel organisatiekracht van initiatiefnemers",
        ],
        "kansen": [
            "Burgerbegroting binnen de buurtsamenwerking",
            "Gebiedsteam als regisseur van een zorgvuldig democratisch proces",
        ],
        "bedreigingen": [
            "Initiatieven die stranden op het vinden van partnergeld",
            "Afhaken van bewoners als de communicatie over besluiten niet transparant is",
        ],
    },
    "A-Kwartier": {
        "dna": (
            "Het A-Kwartier is de oude buurt rond de Der Aa-kerk en het Hoge en Lage der A, "
            "midden in de binnenstad: monumentale panden, smalle straten, horeca, studenten en "
            "langjarige bewoners dicht op elkaar.\n\n"
            "Sinds 2015 werken bewoners, ondernemers en gemeente samen aan de herontwikkeling van "
            "het A-Kwartier tot een aantrekkelijker buurt om te wonen, te werken en te verblijven. "
            "De toekomstvisie is samen ontworpen in informatieavonden en ontwerpcafés, is flexibel "
            "ingericht en wordt stap voor stap samen uitgevoerd. 'Berichten uit het A-kwartier' "
            "houden bewoners en de gemeenteraad op de hoogte."
        ),
        "sterkten": [
            "Historische, karakteristieke buurt in het hart van de stad",
            "Gezamenlijke toekomstvisie van bewoners en gemeente",
            "Werkgroep van bewoners die de routekaart bijhoudt",
        ],
        "zwakten": [
            "Overlast van uitgaan en verkeer",
            "Spanning tussen wonen, horeca en prostitutie in enkele straten",
        ],
        "kansen": [
            "Openbare ruimte samen met bewoners ontwerpen en beheren",
            "Tijdelijke en snelle acties die de buurt zichtbaar verbeteren",
        ],
        "bedreigingen": [
            "Vastgoedbelangen die de visie doorkruisen",
            "Vermoeidheid bij actieve bewoners als uitvoering lang duurt",
        ],
    },
}

# Short sketches for the other wijken and dorpen: (DNA, strengths, weaknesses, chances, threats)
SCHETSEN: dict[str, tuple[str, str, str, str, str]] = {
    "Binnenstad": (
        "Het levendige hart van Groningen: winkels, horeca, de Grote Markt en de Martinitoren, "
        "de universiteit en duizenden studenten, en daartussen bewoners die hier al generaties "
        "wonen.",
        "Levendigheid|Cultuur en erfgoed|Alles op loopafstand",
        "Drukte en overlast|Weinig groen",
        "Vergroening van pleinen|Bewoners en ondernemers samen laten beslissen over de openbare ruimte",
        "Verdringing van bewoners door kamerverhuur|Leegstand van winkels",
    ),
    "Beijum": (
        "Een groene wijk uit de jaren zeventig en tachtig in het noordoosten, met woonerven, "
        "volkstuinen en veel gezinnen. De heringerichte Appelhof en het feest 'Beijum 40 jaar' "
        "laten zien hoe actief bewoners zijn.",
        "Groen en ruim opgezet|Actieve bewonersgroepen",
        "Eenzaamheid onder ouderen|Voorzieningen verspreid over de wijk",
        "Ontmoeting rond de Appelhof|Jongeren betrekken via de Spijker- en Spelweek",
        "Minder koopkracht bij een deel van de bewoners",
    ),
    "Korrewegwijk": (
        "Een wijk van contrasten ten noorden van de binnenstad: de Indische buurt, De Hoogte en de "
        "Professorenbuurt liggen naast elkaar, met oude arbeiderswoningen, nieuwbouw en veel "
        "studenten.",
        "Diversiteit|Dicht bij het centrum",
        "Armoede in delen van de wijk|Verouderde woningen",
        "Wijkvernieuwing samen met bewoners",
        "Tweedeling tussen buurten",
    ),
    "Paddepoel": (
        "Een naoorlogse wijk in het noorden met het winkelcentrum als hart en het Zernike-complex "
        "om de hoek: veel studenten, ouderen en internationale bewoners.",
        "Goede voorzieningen|Nabijheid van universiteit en hogeschool",
        "Veel verloop van bewoners",
        "Internationale studenten betrekken bij de wijk",
        "Eenzaamheid achter de voordeur",
    ),
    "Vinkhuizen": (
        "Een grote wijk in het westen met veel groen en water. Hier begon in 2016 de Wijktop 3; "
        "na de wijkstemdag 'Samen Buurten' koos de wijk voor een Buurtbudget voor initiatieven tot "
        "€ 500 met een laagdrempelige aanvraag.",
        "Ervaring met wijkstemdagen en Wijktop 3|Laagdrempelig buurtbudget",
        "Ongelijke verdeling van kansen tussen buurten",
        "Jaarlijks € 25.000 wijkbudget voor wijkopgaven",
        "Overbelasting van vrijwilligers",
    ),
    "Hoogkerk": (
        "Een dorp met een eigen identiteit tegen de stad aan, met de suikerfabriek als "
        "herinnering aan het verleden. Het gebiedsteam werkt hier met de 25%-regel: initiatieven "
        "krijgen een kwart deelfinanciering als partners de rest organiseren.",
        "Sterke dorpsidentiteit|Ondernemende bewoners die zelf partners zoeken",
        "Afstand tot voorzieningen in de stad",
        "Co-creatie met ondernemers, provincie en fondsen",
        "Groei van de stad die het dorpse karakter aantast",
    ),
    "Schildersbuurt": (
        "Een compacte buurt in het westen met vooroorlogse straten vernoemd naar schilders, "
        "betrokken bewoners en een actieve buurtvereniging.",
        "Betrokken buurtbewoners|Kleinschalig en overzichtelijk",
        "Weinig speelruimte",
        "Groene binnenterreinen samen inrichten",
        "Parkeerdruk",
    ),
    "Helpman": (
        "Een ruime, groene wijk in het zuiden met villa's, jaren-dertigwoningen en flats, en "
        "partner in de Buurtsamenwerking De Wijert - Helpman.",
        "Veel groen|Sterke sociale netwerken",
        "Weinig betaalbare woningen voor starters",
        "Samenwerking met De Wijert en de scholen",
        "Vergrijzing",
    ),
    "Rivierenbuurt": (
        "Een buurt met jaren-dertigwoningen tussen het centrum en het zuiden, met veel jonge "
        "gezinnen en studenten en een levendige straatcultuur.",
        "Dicht bij het centrum|Actieve buurtvereniging",
        "Drukte van doorgaand verkeer",
        "Vergroening van straten",
        "Stijgende woonlasten",
    ),
    "Corpus den Hoorn": (
        "Een groene wijk in het zuiden rond de Piccardthofplas, met veel eengezinswoningen en "
        "ouderen die hier al lang wonen.",
        "Water en groen|Rustige woonomgeving",
        "Weinig voorzieningen voor jongeren",
        "Ontmoeting rond de plas",
        "Vergrijzing",
    ),
    "Haren": (
        "Sinds 2019 onderdeel van de gemeente Groningen: een groen dorp met een eigen "
        "winkelcentrum en een sterke eigen identiteit. Met 'de Groene Parel' experimenteerde "
        "Haren met online participatie.",
        "Sterke dorpsidentiteit|Ervaring met online participatie",
        "Gevoel van afstand tot het Stadhuis na de herindeling",
        "Zeggenschap over dorpszaken dichtbij organiseren",
        "Verlies van eigen voorzieningen",
    ),
    "Glimmen": (
        "Een klein, landelijk dorp aan de zuidrand van de gemeente, met oude boerderijen en "
        "buitenplaatsen.",
        "Rust en landschap|Iedereen kent elkaar",
        "Weinig voorzieningen",
        "Samen het landschap beheren",
        "Vergrijzing",
    ),
    "Ten Boer": (
        "Een dorp in het noordoosten dat sinds 2019 bij de gemeente Groningen hoort, getekend door "
        "de aardbevingen en de versterkingsoperatie.",
        "Saamhorigheid|Eigen voorzieningen",
        "Schade en onzekerheid door de gaswinning",
        "Versterking benutten voor een beter dorp",
        "Wantrouwen tegenover overheden",
    ),
    "Thesinge": (
        "Een klein wierdedorp met een kloosterkerk en een molen, omringd door het open Groninger "
        "land.",
        "Karakteristiek dorpsgezicht|Sterke onderlinge band",
        "Geen winkel of school in het dorp",
        "Dorpsinitiatieven met eigen budget",
        "Aardbevingsschade",
    ),
}


def profiel_voor(naam: str) -> Profiel:
    if naam in PROFIELEN:
        return PROFIELEN[naam]
    dna, s, w, o, t = SCHETSEN.get(
        naam, (f"{naam} is een wijk met een eigen karakter.", "", "", "", "")
    )
    return {
        "dna": dna,
        "sterkten": [x for x in s.split("|") if x],
        "zwakten": [x for x in w.split("|") if x],
        "kansen": [x for x in o.split("|") if x],
        "bedreigingen": [x for x in t.split("|") if x],
    }
