"""Helpers to build praatplaat data through the services (so versions are written)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from praatplaat import services
from praatplaat.models import Afsprakenset, Onderdeel, Vraag


def beantwoord(wijk: Any, door: Any, *onderdeel_codes: str, datum: dt.date | None = None) -> Any:
    """A conversation answering every question of the given parts."""
    vragen = Vraag.objects.voor_wijk(wijk).filter(onderdeel__code__in=onderdeel_codes)
    return services.gesprek_opslaan(
        wijk=wijk,
        door=door,
        gegevens={
            "datum": datum or dt.date(2024, 1, 10),
            "deelnemers": 12,
            "groepen": ["bewoners"],
        },
        antwoorden={v.pk: f"Antwoord op {v.code}" for v in vragen},
    )


KOMPAS = ["ieders-stem-telt", "transparantie", "zeggenschap", "goede-gesprek"]


def maak_set(
    wijk: Any,
    door: Any,
    *,
    archetype: int = 1,
    pot: str = "",
    instrumenten: tuple[str, ...] = (),
    verantwoording: bool = False,
) -> Afsprakenset:
    s = services.afsprakenset_maken(wijk=wijk, door=door, titel="Afspraken test")
    services.afsprakenset_bijwerken(
        afsprakenset=s,
        door=door,
        gegevens={
            "titel": "Afspraken test",
            "verantwoording_wijk": "Wijkkrant en jaarvergadering" if verantwoording else "",
            "verantwoording_raad": "Jaarverslag aan de raad" if verantwoording else "",
        },
        themas=[{"naam": "Wijkagenda", "archetype": archetype, "open_begroting_pot": pot}],
        instrumenten=[{"soort": i, "omschrijving": ""} for i in instrumenten],
        afspraken=[
            {
                "wat": "Wijkpanel samenstellen",
                "wie": "wijk",
                "partner": "",
                "wanneer": dt.date(2024, 6, 1),
                "bouwsteen": Onderdeel.objects.get(code="democratische-waarden"),
            }
        ],
    )
    s.refresh_from_db()
    return s


def congruente_set_3(wijk: Any, door: Any) -> Afsprakenset:
    beantwoord(wijk, door, *KOMPAS)
    return maak_set(
        wijk, door, archetype=3, pot="CWR-budget", instrumenten=("cwr",), verantwoording=True
    )
