from __future__ import annotations

from typing import Any

import factory

from wijken.models import Adres, Buurt, Inwoner, Stadsdeel, Straat, Wijk


class StadsdeelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stadsdeel
        django_get_or_create = ("slug",)

    naam = factory.Sequence(lambda n: f"Stadsdeel {n}")
    slug = factory.Sequence(lambda n: f"stadsdeel-{n}")


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk
        django_get_or_create = ("slug",)

    stadsdeel = factory.SubFactory(StadsdeelFactory)
    naam = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    inwoners = 5000


_postcode = iter(range(1000, 9999))


def populate_wijk(
    wijk: Wijk,
    *,
    buurten: int = 2,
    straten: int = 2,
    adressen: int = 4,
    inwoners_per_adres: int = 2,
) -> None:
    """Give a wijk a small, complete geography: buurten → straten → adressen → inwoners."""
    for b in range(buurten):
        buurt = Buurt.objects.create(wijk=wijk, naam=f"{wijk.naam} buurt {b + 1}")
        for s in range(straten):
            straat = Straat.objects.create(buurt=buurt, naam=f"{buurt.naam} straat {s + 1}")
            pc = f"{next(_postcode)}AB"
            for h in range(1, adressen + 1):
                adres = Adres.objects.create(straat=straat, huisnummer=h, postcode=pc)
                for i in range(inwoners_per_adres):
                    Inwoner.objects.create(
                        adres=adres, geboortejaar=1950 + 10 * i + h, geslacht="v" if i % 2 else "m"
                    )


def make_pot(wijk: Wijk, *, toegewezen: int = 0, door: Any = None, **kwargs: Any) -> Any:
    """A budget pot for this year, with ``toegewezen`` cents allocated."""
    import datetime

    from wijken.models import Budgetpot
    from wijken.services import boeking_toewijzing, budgetpot_create

    year = datetime.date.today().year
    defaults: dict[str, Any] = {
        "soort": Budgetpot.Soort.OVERIG,
        "naam": f"Pot {wijk.naam}",
        "periode_start": datetime.date(year - 1, 1, 1),
        "periode_eind": datetime.date(year + 1, 12, 31),
    }
    pot = budgetpot_create(wijk=wijk, **{**defaults, **kwargs})
    if toegewezen:
        boeking_toewijzing(pot=pot, bedrag_centen=toegewezen, door=door, omschrijving="Start")
    return pot
