"""The demo fills every wijk with a profile, wijkkompas figures and a ledger."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Count

from wijken import demo
from wijken.models import Boeking, Budgetpot, Indicator, Meting, Wijk
from wijken.selectors import potten_met_saldo, saldo_pot

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent() -> None:
    demo.load(scale=0.005)
    wijken = list(Wijk.objects.all())
    assert len(wijken) == 19
    counts = (Boeking.objects.count(), Meting.objects.count(), Budgetpot.objects.count())
    assert all(w.dna and w.sterkten and w.zwakten and w.kansen and w.bedreigingen for w in wijken)
    assert "Coöperatieve Wijkraad" in Wijk.objects.get(slug="oosterparkwijk").dna
    assert "Wijkbedrijf" in Wijk.objects.get(slug="selwerd").dna
    assert "Golvend Lewenborg" in Wijk.objects.get(slug="lewenborg").dna
    assert "Wijkdeal" in Wijk.objects.get(slug="de-wijert").dna
    assert "2015" in Wijk.objects.get(slug="a-kwartier").dna

    five_years = (
        Meting.objects.filter(wijk__isnull=False)
        .values("wijk", "indicator")
        .annotate(n=Count("id"))
        .filter(n__gte=5)
    )
    per_wijk: dict[int, int] = {}
    for row in five_years:
        per_wijk[row["wijk"]] = per_wijk.get(row["wijk"], 0) + 1
    assert len(per_wijk) == 19 and min(per_wijk.values()) >= 8
    assert Indicator.objects.count() >= 8
    assert Meting.objects.filter(wijk__isnull=True, indicator__code="veiligheid").count() == 5

    for w in wijken:
        wwb = Budgetpot.objects.get(wijk=w, soort=Budgetpot.Soort.WIJKWETHOUDERSBUDGET,
                                    periode_start=date(2026, 1, 1))  # fmt: skip
        assert saldo_pot(wwb).toegewezen == 300 * w.inwoners
        for _pot, s in potten_met_saldo(w):
            assert s.vrij >= 0 and s.verplicht >= 0
    cwr = Budgetpot.objects.get(wijk__slug="oosterparkwijk", soort=Budgetpot.Soort.CWR)
    assert saldo_pot(cwr).toegewezen == 200_000_00
    assert (cwr.periode_eind - cwr.periode_start).days in range(900, 935)  # 2.5 years
    assert Boeking.objects.filter(soort=Boeking.Soort.CORRECTIE).exists()
    assert Boeking.objects.filter(soort=Boeking.Soort.VRIJVAL).exists()
    assert Budgetpot.objects.filter(max_toekenning_centen=500_00).exists()
    assert Budgetpot.objects.filter(max_aandeel_gemeente_procent=25).exists()

    demo.load(scale=0.005)
    assert (Boeking.objects.count(), Meting.objects.count(), Budgetpot.objects.count()) == counts
