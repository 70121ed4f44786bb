"""Demo geography: the stadsdelen, wijken and dorpen of Groningen at realistic scale.

Addresses and inhabitants are synthetic (no real people), generated deterministically,
so ``manage.py demo`` gives the same municipality on every machine.
"""

from __future__ import annotations

import random
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from . import demo_begroting
from .demo_profielen import profiel_voor
from .models import Adres, AdresVerificatie, Bewoner, Buurt, Inwoner, Stadsdeel, Straat, Wijk

DEMO_AANVRAGER = "nieuw.oosterpark@bewoners.demo.groningen.nl"

# (stadsdeel, wijk, soort, inwoners, buurten)
GEOGRAFIE: list[tuple[str, str, str, int, list[str]]] = [
    (
        "Centrum",
        "Binnenstad",
        "wijk",
        12500,
        ["Binnenstad-Noord", "Binnenstad-Zuid", "Binnenstad-Oost", "Binnenstad-West"],
    ),
    ("Centrum", "A-Kwartier", "wijk", 2300, ["A-Kerkhof", "Hortusbuurt", "Noorderhaven"]),
    (
        "Oost",
        "Oosterparkwijk",
        "wijk",
        11000,
        [
            "Oosterpark",
            "Gorechtbuurt",
            "Bloemenbuurt",
            "Edisonbuurt",
            "Zeeheldenbuurt",
            "Vogelbuurt",
        ],
    ),
    (
        "Oost",
        "Lewenborg",
        "wijk",
        9100,
        ["Lewenborg-Noord", "Lewenborg-Zuid", "Lewenborg-West", "Lewenborg-Centrum"],
    ),
    ("Oost", "Beijum", "wijk", 13200, ["Beijum-Oost", "Beijum-West", "De Hunze"]),
    (
        "Oost",
        "Korrewegwijk",
        "wijk",
        11400,
        ["Indische buurt", "De Hoogte", "Korrewegbuurt", "Professorenbuurt"],
    ),
    ("Noord", "Selwerd", "wijk", 8300, ["Selwerd-Noord", "Selwerd-Zuid", "Tuinwijk"]),
    ("Noord", "Paddepoel", "wijk", 8800, ["Paddepoel-Noord", "Paddepoel-Zuid", "Zernike"]),
    ("West", "Vinkhuizen", "wijk", 11000, ["Vinkhuizen-Noord", "Vinkhuizen-Zuid", "Dorkwerd"]),
    ("West", "Hoogkerk", "dorp", 10200, ["Hoogkerk-Noord", "Hoogkerk-Zuid", "Vierverlaten"]),
    ("West", "Schildersbuurt", "wijk", 4700, ["Schildersbuurt", "Kostverloren"]),
    ("Zuid", "De Wijert", "wijk", 8000, ["De Wijert-Noord", "De Wijert-Zuid", "Klankenbuurt"]),
    ("Zuid", "Helpman", "wijk", 9300, ["Helpman", "Coendersborg", "Villabuurt"]),
    ("Zuid", "Rivierenbuurt", "wijk", 6600, ["Rivierenbuurt-Noord", "Rivierenbuurt-Zuid"]),
    ("Zuid", "Corpus den Hoorn", "wijk", 5500, ["Corpus den Hoorn", "Piccardthofplas"]),
    ("Haren", "Haren", "dorp", 14200, ["Haren-Centrum", "Haren-Noord", "Oosterhaar", "Essen"]),
    ("Haren", "Glimmen", "dorp", 1900, ["Glimmen", "Onnen"]),
    ("Ten Boer", "Ten Boer", "dorp", 4800, ["Ten Boer", "Ten Post", "Winneweer"]),
    ("Ten Boer", "Thesinge", "dorp", 600, ["Thesinge"]),
]

STRAATNAAM_STAM = [
    "Linden",
    "Eiken",
    "Beuken",
    "Esdoorn",
    "Kastanje",
    "Wilgen",
    "Populieren",
    "Iepen",
    "Rozen",
    "Tulpen",
    "Narcissen",
    "Seringen",
    "Viooltjes",
    "Klaver",
    "Hyacinten",
    "De Ruyter",
    "Tromp",
    "Piet Hein",
    "Van Speijk",
    "Karel Doorman",
    "Evertsen",
    "Meeuwen",
    "Zwaluw",
    "Merel",
    "Lijster",
    "Spreeuwen",
    "Kievits",
    "Reiger",
    "Edison",
    "Faraday",
    "Volta",
    "Ampère",
    "Kepler",
    "Huygens",
    "Galilei",
    "Hunze",
    "Reitdiep",
    "Eems",
    "Aa",
    "Drentse",
    "Fivel",
    "Damster",
    "Boterdiep",
    "Zonne",
    "Morgen",
    "Avond",
    "Molen",
    "Kerk",
    "School",
    "Haven",
    "Dijk",
    "Wierden",
    "Terpen",
    "Kwelder",
    "Maren",
    "Wolden",
    "Hoeve",
    "Borg",
    "Til",
]
STRAAT_SUFFIX = ["straat", "laan", "weg", "plein", "kade", "pad", "singel", "hof"]


def _straatnamen(rng: random.Random, n: int, used: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        naam = rng.choice(STRAATNAAM_STAM) + rng.choice(STRAAT_SUFFIX)
        if naam in used:
            naam = f"{naam} {rng.choice(['Noord', 'Zuid', 'Oost', 'West'])}"
        if naam in used:
            continue
        used.add(naam)
        out.append(naam)
    return out


def _geboortejaar(rng: random.Random, kind_of_adult: bool) -> int:
    if kind_of_adult:
        # Adults 18–95, weighted like a Dutch city (many students and young adults).
        leeftijd = int(rng.triangular(18, 95, 28))
    else:
        leeftijd = rng.randint(0, 17)
    return 2026 - leeftijd


@transaction.atomic
def load(*, stdout: Any = None, scale: float = 1.0) -> dict[str, Wijk]:
    """Create (or leave as it is) the demo municipality. Idempotent."""
    wijken: dict[str, Wijk] = {}
    for i, (sd_naam, wijk_naam, soort, inwoners, buurten) in enumerate(GEOGRAFIE):
        sd, _ = Stadsdeel.objects.get_or_create(
            slug=slugify(sd_naam),
            defaults={
                "naam": sd_naam,
                "contact_email": f"gebiedsteam.{slugify(sd_naam)}@groningen.nl",
                "contact_telefoon": "14 050",
            },
        )
        wijk, created = Wijk.objects.get_or_create(
            slug=slugify(wijk_naam),
            defaults={"naam": wijk_naam, "stadsdeel": sd, "soort": soort, "inwoners": inwoners},
        )
        wijken[wijk_naam] = wijk
        if not created and wijk.buurten.exists():
            continue
        _vul_wijk(
            wijk, buurten, target=max(20, int(inwoners * scale)), postcode_basis=9700 + 10 * i
        )
        if stdout:
            stdout.write(f"  {wijk_naam}: {wijk.inwoners} inwoners")
    _profielen(wijken)
    n_metingen = demo_begroting.kompas(wijken)
    n_begrotingen = demo_begroting.begroting(wijken)
    if stdout and (n_metingen or n_begrotingen):
        stdout.write(
            f"  wijkkompas: {n_metingen} metingen; open begroting voor {n_begrotingen} wijken"
        )
    if _adresverificatie(wijken["Oosterparkwijk"]) and stdout:
        stdout.write(f"  adresverificatie: open aanvraag van {DEMO_AANVRAGER}")
    return wijken


def inwoner_voor(adres: Adres, geboortejaar: int, geslacht: str = "x") -> Inwoner:
    """A registered inhabitant of ``adres`` born in ``geboortejaar`` that no account holds
    yet: an existing one, or a new one (demo accounts are linked to the register the
    way a verified resident is)."""
    bezet = Q(bewoner__isnull=False) | Q(verificatie__isnull=False)
    inwoner = (
        Inwoner.objects.filter(adres=adres, geboortejaar=geboortejaar)
        .exclude(bezet)
        .order_by("pk")
        .first()
    )
    if inwoner is None:
        inwoner = Inwoner.objects.create(adres=adres, geboortejaar=geboortejaar, geslacht=geslacht)
    return inwoner


def _adresverificatie(wijk: Wijk) -> bool:
    """One open request (letter not printed yet), so the area team's list is not empty."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from .services_adres import adresverificatie_aanvragen

    user, created = get_user_model().objects.get_or_create(
        email=DEMO_AANVRAGER, defaults={"naam": "Noor Nieuw"}
    )
    if created:
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=DEMO_AANVRAGER, verified=True, primary=True)
    if (
        Bewoner.objects.filter(user=user).exists()
        or AdresVerificatie.objects.filter(user=user).exists()
    ):
        return False
    inwoner = (
        Inwoner.objects.filter(
            adres__straat__buurt__wijk=wijk,
            geboortejaar__lte=2000,
            bewoner__isnull=True,
            verificatie__isnull=True,
        )
        .select_related("adres")
        .order_by("-pk")
        .first()
    )
    if inwoner is None:
        return False
    a = inwoner.adres
    adresverificatie_aanvragen(
        user=user,
        postcode=a.postcode,
        huisnummer=a.huisnummer,
        toevoeging=a.toevoeging,
        geboortejaar=inwoner.geboortejaar,
    )
    return True


def _profielen(wijken: dict[str, Wijk]) -> None:
    """DNA and SWOT for every wijk that has none yet (never overwrites edits)."""
    for naam, wijk in wijken.items():
        if wijk.dna:
            continue
        p = profiel_voor(naam)
        wijk.dna = p["dna"]
        wijk.sterkten = "\n".join(p["sterkten"])
        wijk.zwakten = "\n".join(p["zwakten"])
        wijk.kansen = "\n".join(p["kansen"])
        wijk.bedreigingen = "\n".join(p["bedreigingen"])
        wijk.save(update_fields=["dna", "sterkten", "zwakten", "kansen", "bedreigingen"])


def _vul_wijk(wijk: Wijk, buurt_namen: list[str], *, target: int, postcode_basis: int) -> None:
    rng = random.Random(f"demo:{wijk.slug}")
    used: set[str] = set()
    straten: list[Straat] = []
    for b_naam in buurt_namen:
        buurt = Buurt.objects.create(wijk=wijk, naam=b_naam)
        n_straten = max(2, min(25, target // (len(buurt_namen) * 180)))
        for s_naam in _straatnamen(rng, n_straten, used):
            straten.append(Straat(buurt=buurt, naam=s_naam))
    Straat.objects.bulk_create(straten)
    straten = list(Straat.objects.filter(buurt__wijk=wijk).order_by("id"))

    # Households of 1–5 persons (mean ≈ 1.9 as in Groningen).
    sizes = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5]
    adressen: list[Adres] = []
    persons_per_adres: list[int] = []
    total = 0
    letters = "ABCDEFGHJKLMNPRSTVWXZ"
    huisnummers = {s.pk: 0 for s in straten}
    while total < target:
        idx = rng.randrange(len(straten))
        straat = straten[idx]
        huisnummers[straat.pk] += 1
        postcode = f"{postcode_basis + idx // 400}{letters[(idx // 20) % 21]}{letters[idx % 20]}"
        adressen.append(Adres(straat=straat, huisnummer=huisnummers[straat.pk], postcode=postcode))
        size = rng.choice(sizes)
        persons_per_adres.append(size)
        total += size
    Adres.objects.bulk_create(adressen, batch_size=2000)
    adres_ids = list(
        Adres.objects.filter(straat__buurt__wijk=wijk).order_by("id").values_list("id", flat=True)
    )
    inwoners: list[Inwoner] = []
    for adres_id, size in zip(adres_ids, persons_per_adres, strict=True):
        for p in range(size):
            adult = p < 2 or rng.random() < 0.3
            r = rng.random()
            geslacht = "v" if r < 0.495 else ("m" if r < 0.99 else "x")
            inwoners.append(
                Inwoner(
                    adres_id=adres_id, geboortejaar=_geboortejaar(rng, adult), geslacht=geslacht
                )
            )
    Inwoner.objects.bulk_create(inwoners, batch_size=5000)
