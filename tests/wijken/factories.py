from __future__ import annotations

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
