"""Demo wijkkompas figures and open budgets (synthetic, deterministic, idempotent)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from .models import Boeking, Budgetpot, Indicator, Meting, Wijk
from .services import (
    boeking_correctie,
    boeking_toewijzing,
    boeking_uitgave,
    boeking_verplichting,
    boeking_vrijval,
    budgetpot_create,
    budgetpot_toewijzen_per_inwoner,
)

JAREN = [2021, 2022, 2023, 2024, 2025]
VERKIEZINGEN = [2014, 2018, 2022, 2026]

# code, naam, naam_en, eenheid, bron, hoger_is_beter, decimalen
INDICATOREN: list[tuple[str, str, str, str, str, bool | None, int]] = [
    ("inwoners", "Inwoners", "Inhabitants", "aantal", "Basisregistratie Personen (BRP)", None, 0),
    ("pct-65plus", "Inwoners van 65 jaar en ouder", "Inhabitants aged 65 and over", "%",
     "BRP, bewerking OIS Groningen", None, 1),
    ("woz", "Gemiddelde WOZ-waarde", "Average property value (WOZ)", "× € 1.000",
     "Gemeente Groningen, belastingen", None, 0),
    ("sociale-huur", "Sociale huurwoningen", "Social rented homes", "% van de woningen",
     "Corporaties, bewerking OIS Groningen", None, 1),
    ("veiligheid", "Ervaren veiligheid", "Perceived safety", "rapportcijfer 1–10",
     "Wijkenquête OIS Groningen", True, 1),
    ("tevredenheid", "Tevredenheid met de woonomgeving", "Satisfaction with the living area",
     "rapportcijfer 1–10", "Wijkenquête OIS Groningen", True, 1),
    ("vrijwilligers", "Inwoners die vrijwilligerswerk doen", "Inhabitants who volunteer", "%",
     "Wijkenquête OIS Groningen", True, 1),
    ("eenzaamheid", "Inwoners die zich ernstig eenzaam voelen", "Inhabitants who feel very lonely",
     "%", "GGD Gezondheidsmonitor", False, 1),
    ("laag-inkomen", "Huishoudens met een laag inkomen", "Households with a low income", "%",
     "CBS, bewerking OIS Groningen", False, 1),
    ("opkomst", "Opkomst gemeenteraadsverkiezing", "Turnout municipal election", "%",
     "Gemeente Groningen, verkiezingsuitslagen", True, 1),
]  # fmt: skip

# Per wijk: % 65+, WOZ ×1000, % sociale huur, veiligheid, tevredenheid, % vrijwilligers,
# % eenzaam, % laag inkomen, opkomst %
KENMERKEN: dict[str, tuple[float, ...]] = {
    "Binnenstad": (8, 330, 18, 7.0, 7.6, 18, 9, 22, 52),
    "A-Kwartier": (9, 290, 28, 6.3, 7.0, 20, 11, 25, 48),
    "Oosterparkwijk": (14, 205, 52, 6.8, 6.9, 22, 13, 27, 44),
    "Lewenborg": (21, 195, 48, 7.1, 7.2, 27, 12, 21, 49),
    "Beijum": (19, 200, 45, 7.0, 7.1, 26, 12, 22, 50),
    "Korrewegwijk": (10, 215, 44, 6.7, 6.9, 21, 14, 28, 47),
    "Selwerd": (13, 185, 58, 6.5, 6.6, 19, 15, 31, 41),
    "Paddepoel": (17, 210, 50, 6.9, 6.9, 20, 14, 26, 45),
    "Vinkhuizen": (18, 190, 55, 6.7, 6.8, 23, 14, 28, 44),
    "Hoogkerk": (22, 260, 30, 7.6, 7.7, 33, 9, 13, 58),
    "Schildersbuurt": (12, 235, 40, 7.0, 7.3, 24, 11, 22, 51),
    "De Wijert": (20, 240, 42, 7.2, 7.3, 27, 11, 19, 55),
    "Helpman": (24, 380, 20, 7.8, 8.0, 31, 8, 11, 66),
    "Rivierenbuurt": (11, 285, 25, 7.3, 7.6, 25, 10, 17, 60),
    "Corpus den Hoorn": (27, 270, 32, 7.6, 7.7, 30, 10, 14, 61),
    "Haren": (29, 430, 15, 8.1, 8.2, 38, 8, 9, 70),
    "Glimmen": (31, 520, 5, 8.4, 8.4, 42, 6, 6, 74),
    "Ten Boer": (24, 215, 28, 7.5, 7.3, 35, 9, 14, 56),
    "Thesinge": (26, 250, 10, 8.2, 8.1, 44, 7, 10, 62),
}
# Yearly drift per indicator (65+, WOZ %, sociale huur, veiligheid, tevredenheid, ...)
TREND = (0.3, 0.07, -0.4, 0.02, 0.03, 0.2, 0.25, -0.3, 0.0)


def kompas(wijken: dict[str, Wijk]) -> int:
    """Indicators with 5 years of values per wijk and the city average. Idempotent."""
    ind: dict[str, Indicator] = {}
    for volgorde, (code, naam, naam_en, eenheid, bron, hib, dec) in enumerate(INDICATOREN, 1):
        ind[code], _c = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "naam": naam, "naam_en": naam_en, "eenheid": eenheid, "bron": bron,
                "hoger_is_beter": hib, "decimalen": dec, "volgorde": volgorde,
            },
        )  # fmt: skip
    if Meting.objects.exists():
        return 0
    metingen: list[Meting] = []
    stad: dict[tuple[str, int], list[tuple[float, int]]] = {}

    def add(code: str, wijk: Wijk, jaar: int, v: float) -> None:
        metingen.append(
            Meting(indicator=ind[code], wijk=wijk, jaar=jaar, waarde=Decimal(f"{v:.2f}"))
        )
        stad.setdefault((code, jaar), []).append((v, wijk.inwoners))

    codes = ["pct-65plus", "woz", "sociale-huur", "veiligheid", "tevredenheid",
             "vrijwilligers", "eenzaamheid", "laag-inkomen"]  # fmt: skip
    for naam, wijk in wijken.items():
        rng = random.Random(f"kompas:{wijk.slug}")
        basis = KENMERKEN.get(naam, KENMERKEN["Paddepoel"])
        groei = rng.uniform(-0.004, 0.012)
        for k, jaar in enumerate(JAREN):
            t = k - (len(JAREN) - 1)  # the last year is the base (t = 0)
            add("inwoners", wijk, jaar, round(wijk.inwoners * (1 + groei) ** t))
            for i, code in enumerate(codes):
                b, drift = basis[i], TREND[i]
                if code == "woz":
                    v = b * (1 + drift) ** t * rng.uniform(0.985, 1.015)
                    v = round(v)
                elif code in ("veiligheid", "tevredenheid"):
                    v = min(9.5, b + drift * t + rng.uniform(-0.12, 0.12))
                else:
                    v = max(0.5, b + drift * t + rng.uniform(-0.6, 0.6))
                add(code, wijk, jaar, v)
        for jaar in VERKIEZINGEN:
            add("opkomst", wijk, jaar, basis[8] + (jaar - 2022) * -0.4 + rng.uniform(-2, 2))
    for (code, jaar), vals in stad.items():
        if code == "inwoners":
            gem = sum(v for v, _n in vals) / len(vals)
        else:
            totaal = sum(n for _v, n in vals) or 1
            gem = sum(v * n for v, n in vals) / totaal
        metingen.append(
            Meting(indicator=ind[code], wijk=None, jaar=jaar, waarde=Decimal(f"{gem:.2f}"))
        )
    Meting.objects.bulk_create(metingen)
    return len(metingen)


# --- open budgets ----------------------------------------------------------------------

C = Boeking.Categorie
INITIATIEVEN: dict[str, list[str]] = {
    C.GROEN: ["Geveltuinen in de straat", "Bloembakken op het plein", "Buurtmoestuin",
              "Boomspiegels adopteren", "Pluktuin bij de school", "Natuurlijk spelen in het park"],
    C.SPELEN: ["Speeltoestel voor de kleintjes", "Spijker- en Spelweek", "Kinderkookclub",
               "Voetbaldoeltjes op het veldje", "Zomerspeelweek"],
    C.ONTMOETING: ["Buurtbarbecue", "Koffieochtend in het buurthuis", "Kerstpakkettenactie",
                   "Burendag", "Straatfeest", "Buurtkamer voor ouderen"],
    C.CULTUUR: ["Wijkfestival", "Muurschildering", "Open podium", "Wijkkrant", "Filmavond in het park"],
    C.SPORT: ["Buitenfitness", "Wandelgroep voor 65-plussers", "Sportdag voor de jeugd"],
    C.VEILIGHEID: ["Verlichting bij het fietspad", "Verkeersborden 'speelstraat'", "Buurtpreventie-app"],
    C.ZORG: ["Maaltijd voor alleenstaanden", "Mantelzorgcafé", "Taalcafé"],
}  # fmt: skip
DEMO_DOOR: Any = None  # bookings by the system: shown as "Gemeente Groningen"


def _d(y: int, m: int, d: int) -> date:
    return date(y, m, d)


def _initiatieven(
    rng: random.Random, pot: Budgetpot, jaar: int, *, budget: int, tot: date, max_grant: int
) -> None:
    """Commit ~70–90% of ``budget`` to small initiatives in ``jaar``; spend most of them."""
    cats = list(INITIATIEVEN)
    besteed = 0
    dag = _d(jaar, 2, 1)
    doel = int(budget * rng.uniform(0.7, 0.9))
    while besteed < doel and dag < tot:
        cat = rng.choice(cats)
        naam = rng.choice(INITIATIEVEN[cat])
        bedrag = min(
            max_grant, rng.choice([350, 500, 750, 1200, 1800, 2500, 4000]) * 100, doel - besteed
        )
        if bedrag < 10_000:
            break
        v = boeking_verplichting(
            pot=pot, bedrag_centen=bedrag, door=DEMO_DOOR, omschrijving=naam, categorie=cat,
            bron_label=f"Bewonersinitiatief: {naam}", datum=dag,
        )  # fmt: skip
        besteed += bedrag
        betaal = dag + timedelta(days=rng.randint(20, 90))
        if betaal < tot:
            r = rng.random()
            if r < 0.75:
                boeking_uitgave(verplichting=v, bedrag_centen=bedrag, door=DEMO_DOOR, datum=betaal)
            elif r < 0.9:
                deel = bedrag * rng.randint(60, 95) // 100
                boeking_uitgave(verplichting=v, bedrag_centen=deel, door=DEMO_DOOR, datum=betaal)
                boeking_vrijval(
                    verplichting=v, door=DEMO_DOOR, datum=betaal,
                    reden="Goedkoper uitgevallen dan begroot",
                )  # fmt: skip
        dag += timedelta(days=rng.randint(10, 40))


def begroting(wijken: dict[str, Wijk]) -> int:
    """Budget pots and ledger entries for every wijk. Idempotent (per wijk)."""
    n = 0
    vandaag = date(2026, 11, 15)
    for naam, wijk in wijken.items():
        if Budgetpot.objects.filter(wijk=wijk).exists():
            continue
        rng = random.Random(f"begroting:{wijk.slug}")
        for jaar in (2025, 2026):
            pot = budgetpot_create(
                wijk=wijk,
                soort=Budgetpot.Soort.WIJKWETHOUDERSBUDGET,
                naam=f"Wijkwethoudersbudget {jaar}",
                bron="Gemeente Groningen, gebiedsgericht werken",
                periode_start=_d(jaar, 1, 1),
                periode_eind=_d(jaar, 12, 31),
                bedrag_per_inwoner_centen=300,
            )
            budgetpot_toewijzen_per_inwoner(pot=pot, door=DEMO_DOOR, datum=_d(jaar, 1, 6))
            eind = _d(jaar, 12, 20) if jaar == 2025 else vandaag
            _initiatieven(rng, pot, jaar, budget=wijk.inwoners * 300, tot=eind, max_grant=5_000_00)
        _bijzonder(naam, wijk, rng, vandaag)
        n += 1
    return n


def _bijzonder(naam: str, wijk: Wijk, rng: random.Random, vandaag: date) -> None:
    """The pots the seeds tell about."""
    if naam == "Oosterparkwijk":
        cwr = budgetpot_create(
            wijk=wijk, soort=Budgetpot.Soort.CWR, naam="Budget Coöperatieve Wijkraad",
            bron="Gemeenteraad, experiment Coöperatieve Wijkraad (2,5 jaar)",
            periode_start=_d(2024, 7, 1), periode_eind=_d(2026, 12, 31),
        )  # fmt: skip
        boeking_toewijzing(
            pot=cwr, bedrag_centen=200_000_00, door=DEMO_DOOR, datum=_d(2024, 7, 1),
            omschrijving="Budget voor de duur van het experiment",
            bron_label="Raadsbesluit experiment Coöperatieve Wijkraad",
        )  # fmt: skip
        for i, (jaar, maand) in enumerate([(2024, 12), (2025, 6), (2025, 12), (2026, 6)]):
            v = boeking_verplichting(
                pot=cwr, bedrag_centen=11 * 600_00, door=DEMO_DOOR, categorie=C.DEMOCRATIE,
                datum=_d(jaar, maand, 1), omschrijving=f"Vergoeding 11 bewonersleden CWR, periode {i + 1}",
                bron_label="Besluit CWR: vergoeding leden",
            )  # fmt: skip
            boeking_uitgave(
                verplichting=v, bedrag_centen=11 * 600_00, door=DEMO_DOOR, datum=_d(jaar, maand, 25)
            )
        v = boeking_verplichting(
            pot=cwr, bedrag_centen=18_000_00, door=DEMO_DOOR, categorie=C.ORGANISATIE,
            datum=_d(2024, 7, 15), omschrijving="Externe begeleiding van de wijkraad",
        )  # fmt: skip
        boeking_uitgave(
            verplichting=v, bedrag_centen=12_000_00, door=DEMO_DOOR, datum=_d(2025, 7, 1)
        )
        v = boeking_verplichting(
            pot=cwr, bedrag_centen=20_000_00, door=DEMO_DOOR, categorie=C.DEMOCRATIE,
            datum=_d(2025, 3, 1), omschrijving="'Oosterpark, altijd een goed idee': 13 gekozen ideeën",
            bron_label="Stemming 'altijd een goed idee' (13 van 23 stembare ideeën)",
        )  # fmt: skip
        fout = boeking_uitgave(
            verplichting=v, bedrag_centen=9_500_00, door=DEMO_DOOR, datum=_d(2025, 6, 1)
        )
        boeking_correctie(
            boeking=fout, door=DEMO_DOOR, datum=_d(2025, 6, 3), bedrag_centen=4_750_00,
            reden="Factuur dubbel geboekt; de helft hoort bij een andere verplichting",
        )  # fmt: skip
        boeking_uitgave(
            verplichting=v, bedrag_centen=8_200_00, door=DEMO_DOOR, datum=_d(2025, 11, 1)
        )
        v = boeking_verplichting(
            pot=cwr, bedrag_centen=35_000_00, door=DEMO_DOOR, categorie=C.GROEN,
            datum=_d(2025, 9, 1), omschrijving="Vergroening Oosterpark en Gorechtbuurt",
            bron_label="Besluit CWR: vergroening",
        )  # fmt: skip
        boeking_uitgave(
            verplichting=v, bedrag_centen=21_000_00, door=DEMO_DOOR, datum=_d(2026, 4, 1)
        )
        v = boeking_verplichting(
            pot=cwr, bedrag_centen=6_000_00, door=DEMO_DOOR, categorie=C.DEMOCRATIE,
            datum=_d(2025, 1, 10), omschrijving="Loting wijkpanel: brieven en portokosten",
        )  # fmt: skip
        boeking_uitgave(
            verplichting=v, bedrag_centen=4_830_00, door=DEMO_DOOR, datum=_d(2025, 2, 20)
        )
        boeking_vrijval(
            verplichting=v, door=DEMO_DOOR, datum=_d(2025, 3, 1), reden="Minder brieven nodig"
        )
    elif naam == "Vinkhuizen":
        bb = budgetpot_create(
            wijk=wijk, soort=Budgetpot.Soort.BUURTBUDGET, naam="Buurtbudget 2026",
            bron="Wijkwethoudersbudget West, besluit wijkstemdag 'Samen Buurten'",
            periode_start=_d(2026, 1, 1), periode_eind=_d(2026, 12, 31),
            max_toekenning_centen=500_00,
        )  # fmt: skip
        boeking_toewijzing(
            pot=bb,
            bedrag_centen=10_000_00,
            door=DEMO_DOOR,
            omschrijving="Buurtbudget 2026",
            datum=_d(2026, 1, 6),
        )
        _initiatieven(rng, bb, 2026, budget=10_000_00, tot=vandaag, max_grant=500_00)
        gp = budgetpot_create(
            wijk=wijk, soort=Budgetpot.Soort.GEBIEDSPROGRAMMA, naam="Wijkbudget wijkopgaven 2026",
            bron="Gebiedsprogramma West", periode_start=_d(2026, 1, 1), periode_eind=_d(2026, 12, 31),
        )  # fmt: skip
        boeking_toewijzing(
            pot=gp,
            bedrag_centen=25_000_00,
            door=DEMO_DOOR,
            omschrijving="Jaarlijks wijkbudget",
            datum=_d(2026, 1, 6),
        )
        v = boeking_verplichting(
            pot=gp,
            bedrag_centen=12_500_00,
            door=DEMO_DOOR,
            categorie=C.GROEN,
            datum=_d(2026, 3, 1),
            omschrijving="Groene verbinding Vinkhuizen-Zuid",
            bron_label="Wijktop 3: nummer 1",
        )
        boeking_uitgave(
            verplichting=v, bedrag_centen=7_800_00, door=DEMO_DOOR, datum=_d(2026, 6, 1)
        )
    elif naam in ("Hoogkerk", "De Wijert"):
        pct = 25 if naam == "Hoogkerk" else 50
        gp = budgetpot_create(
            wijk=wijk, soort=Budgetpot.Soort.GEBIEDSPROGRAMMA,
            naam="Co-creatiebudget (25%-regel)" if naam == "Hoogkerk" else "Wijkdeal De Wijert",
            bron="Gebiedsprogramma " + wijk.stadsdeel.naam,
            periode_start=_d(2025, 1, 1), periode_eind=_d(2026, 12, 31), max_aandeel_gemeente_procent=pct,
        )  # fmt: skip
        boeking_toewijzing(
            pot=gp,
            bedrag_centen=120_000_00,
            door=DEMO_DOOR,
            omschrijving="Budget 2025–2026",
            datum=_d(2025, 1, 6),
        )
        projecten = (
            [("Buitenfitness", C.SPORT, 48_000_00), ("Park Kranenburg", C.GROEN, 160_000_00),
             ("Tennispark LTC", C.SPORT, 90_000_00), ("Ruskeveenseplas", C.GROEN, 64_000_00)]
            if naam == "Hoogkerk" else
            [("Schoolplein als buurtplein", C.SPELEN, 60_000_00), ("Studenten helpen buren", C.ZORG, 24_000_00),
             ("Wijkdeal: groen in de Klankenbuurt", C.GROEN, 40_000_00)]
        )  # fmt: skip
        dag = _d(2025, 3, 1)
        for proj, cat, totaal in projecten:
            gemeente = totaal * pct // 100
            v = boeking_verplichting(
                pot=gp, bedrag_centen=gemeente, door=DEMO_DOOR, categorie=cat, datum=dag,
                omschrijving=proj, totale_kosten_centen=totaal,
                partnerbijdrage_centen=totaal - gemeente,
                bron_label=f"Initiatief met partners: {proj}",
            )  # fmt: skip
            if dag + timedelta(days=120) < vandaag:
                boeking_uitgave(
                    verplichting=v,
                    bedrag_centen=gemeente,
                    door=DEMO_DOOR,
                    datum=dag + timedelta(days=120),
                )
            dag += timedelta(days=95)
    elif naam in ("Lewenborg", "Selwerd", "A-Kwartier"):
        naam_pot, bron, bedrag, projecten = {
            "Lewenborg": ("Wijkbudget Golvend Lewenborg", "Stedelijke budgetten spelen, groen en welzijn", 60_000_00,
                          [("Buitenfitness op initiatief van jongeren", C.SPORT, 18_000_00),
                           ("Koken uit de Moestuin", C.ZORG, 6_500_00), ("Wijkkrant en maandelijkse bijeenkomsten", C.DEMOCRATIE, 4_800_00)]),
            "Selwerd": ("Uitdagingsrecht Ondernemend Selwerd", "Bijdragen vanuit de beleidsdomeinen (Right to Challenge)", 80_000_00,
                        [("Flexplekken en trainingsruimte", C.ORGANISATIE, 30_000_00),
                         ("Begeleiding startende ondernemers", C.ORGANISATIE, 22_000_00), ("Participatiebanen wijkbedrijf", C.ZORG, 15_000_00)]),
            "A-Kwartier": ("Uitvoering toekomstvisie A-Kwartier", "Gebiedsprogramma Centrum", 250_000_00,
                           [("Herinrichting Hoge der A (ontwerp met bewoners)", C.GROEN, 120_000_00),
                            ("'Berichten uit het A-kwartier'", C.DEMOCRATIE, 3_500_00), ("Tijdelijke acties en evenementen", C.CULTUUR, 9_000_00)]),
        }[naam]  # fmt: skip
        gp = budgetpot_create(
            wijk=wijk, soort=Budgetpot.Soort.GEBIEDSPROGRAMMA, naam=naam_pot, bron=bron,
            periode_start=_d(2025, 1, 1), periode_eind=_d(2026, 12, 31),
        )  # fmt: skip
        boeking_toewijzing(
            pot=gp,
            bedrag_centen=bedrag,
            door=DEMO_DOOR,
            omschrijving="Budget 2025–2026",
            datum=_d(2025, 1, 6),
        )
        dag = _d(2025, 2, 15)
        for proj, cat, b in projecten:
            v = boeking_verplichting(
                pot=gp,
                bedrag_centen=b,
                door=DEMO_DOOR,
                categorie=cat,
                datum=dag,
                omschrijving=proj,
                bron_label=proj,
            )
            boeking_uitgave(
                verplichting=v,
                bedrag_centen=b * rng.randint(50, 100) // 100,
                door=DEMO_DOOR,
                datum=dag + timedelta(days=150),
            )
            dag += timedelta(days=110)
