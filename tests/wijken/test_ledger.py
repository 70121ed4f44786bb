"""The open budget ledger: balances are sums of entries, entries never change."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.wijken.factories import make_pot
from wijken.models import AppendOnlyError, Boeking, Budgetpot
from wijken.selectors import (
    Saldo,
    boekingen_voor_bron,
    saldo_pot,
    saldo_stad,
    saldo_stadsdeel,
    saldo_wijk,
    verplichting_openstaand,
)
from wijken.services import (
    boeking_correctie,
    boeking_toewijzing,
    boeking_uitgave,
    boeking_verplichting,
    boeking_vrijval,
    budgetpot_toewijzen_per_inwoner,
)

pytestmark = pytest.mark.django_db


def _sum_of_entries(pot: Budgetpot) -> Saldo:
    """Recompute the balance from the entries in Python, by kind, independently."""
    toegewezen = verplicht = uitgegeven = 0
    for b in Boeking.objects.filter(pot=pot).select_related("corrigeert"):
        kind, amount, sign = b.soort, b.bedrag_centen, 1
        if kind == Boeking.Soort.CORRECTIE:
            kind, sign = b.corrigeert.soort, -1
            target = b.corrigeert
        else:
            target = b
        if kind == Boeking.Soort.TOEWIJZING:
            toegewezen += sign * amount
        elif kind == Boeking.Soort.VERPLICHTING:
            verplicht += sign * amount
        elif kind == Boeking.Soort.UITGAVE:
            uitgegeven += sign * amount
            if target.verplichting_id:
                verplicht -= sign * amount
        elif kind == Boeking.Soort.VRIJVAL:
            verplicht -= sign * amount
    return Saldo(toegewezen, verplicht, uitgegeven)


def test_balances_are_sums_of_entries(wijk: Any, roles: dict[str, Any]) -> None:
    staff = roles["gebiedsteam"]
    pot = make_pot(wijk, toegewezen=1_000_000, door=staff)
    v1 = boeking_verplichting(pot=pot, bedrag_centen=300_000, door=staff, omschrijving="Speeltuin")
    v2 = boeking_verplichting(pot=pot, bedrag_centen=200_000, door=staff, omschrijving="Moestuin")
    boeking_uitgave(verplichting=v1, bedrag_centen=120_000, door=staff)
    boeking_uitgave(verplichting=v1, bedrag_centen=80_000, door=staff)
    boeking_vrijval(verplichting=v1, door=staff, reden="Goedkoper uitgevallen")
    boeking_uitgave(pot=pot, bedrag_centen=5_000, door=staff, omschrijving="Koffie bijeenkomst")
    wrong = boeking_uitgave(verplichting=v2, bedrag_centen=50_000, door=staff)
    boeking_correctie(boeking=wrong, door=staff, reden="Verkeerd bedrag")
    boeking_toewijzing(pot=pot, bedrag_centen=250_000, door=staff, omschrijving="Extra")

    saldo = saldo_pot(pot)
    assert saldo == _sum_of_entries(pot)
    assert saldo.toegewezen == 1_250_000
    assert saldo.uitgegeven == 205_000
    assert saldo.verplicht == 200_000  # v1 fully settled; v2 open again after correction
    assert saldo.vrij == 1_250_000 - 200_000 - 205_000
    assert verplichting_openstaand(v1) == 0
    assert verplichting_openstaand(v2) == 200_000
    assert saldo_wijk(wijk) == saldo == saldo_stadsdeel(wijk.stadsdeel) == saldo_stad()
    assert Boeking.objects.filter(pot=pot).count() == 10
    assert all(b.geboekt_door == staff for b in Boeking.objects.filter(pot=pot))
    assert {b.geboekt_namens for b in Boeking.objects.all()} == {"gebiedsteam:Oost"}


def test_wijk_stadsdeel_and_city_balances_add_up(
    wijk: Any, other_wijk: Any, roles: dict[str, Any]
) -> None:
    a = make_pot(wijk, toegewezen=100_000)
    make_pot(wijk, toegewezen=50_000, naam="Tweede pot")
    b = make_pot(other_wijk, toegewezen=70_000)
    boeking_verplichting(pot=a, bedrag_centen=10_000, door=None, omschrijving="x")
    boeking_uitgave(pot=b, bedrag_centen=7_000, door=None, omschrijving="y")
    assert saldo_wijk(wijk) == Saldo(150_000, 10_000, 0)
    assert saldo_stadsdeel(other_wijk.stadsdeel) == Saldo(70_000, 0, 7_000)
    assert saldo_stad() == Saldo(220_000, 10_000, 7_000)


def test_overdraw_is_refused(wijk: Any) -> None:
    pot = make_pot(wijk, toegewezen=100_000)
    boeking_verplichting(pot=pot, bedrag_centen=60_000, door=None, omschrijving="a")
    with pytest.raises(ValidationError, match="cannot be overdrawn"):
        boeking_verplichting(pot=pot, bedrag_centen=40_001, door=None, omschrijving="b")
    with pytest.raises(ValidationError, match="cannot be overdrawn"):
        boeking_uitgave(pot=pot, bedrag_centen=40_001, door=None, omschrijving="c")
    boeking_verplichting(pot=pot, bedrag_centen=40_000, door=None, omschrijving="exact")
    assert saldo_pot(pot).vrij == 0
    # Lowering the allocation below what is committed is refused too.
    first = Boeking.objects.get(pot=pot, soort=Boeking.Soort.TOEWIJZING)
    with pytest.raises(ValidationError, match="cannot be overdrawn"):
        boeking_correctie(boeking=first, door=None, reden="te hoog", bedrag_centen=1)
    assert Boeking.objects.filter(pot=pot).count() == 3


def test_commitment_settlement_limits(wijk: Any) -> None:
    pot = make_pot(wijk, toegewezen=100_000)
    v = boeking_verplichting(pot=pot, bedrag_centen=10_000, door=None, omschrijving="a")
    with pytest.raises(ValidationError, match="still open"):
        boeking_uitgave(verplichting=v, bedrag_centen=10_001, door=None)
    boeking_uitgave(verplichting=v, bedrag_centen=10_000, door=None)
    with pytest.raises(ValidationError, match="Nothing is left"):
        boeking_vrijval(verplichting=v, door=None, reden="x")
    with pytest.raises(ValidationError, match="already been spent"):
        boeking_correctie(boeking=v, door=None, reden="x")


def test_entries_cannot_be_changed_or_deleted_through_the_orm(wijk: Any) -> None:
    pot = make_pot(wijk, toegewezen=100_000)
    entry = Boeking.objects.get(pot=pot)
    entry.bedrag_centen = 1
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        Boeking.objects.filter(pk=entry.pk).update(bedrag_centen=1)
    with pytest.raises(AppendOnlyError):
        Boeking.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        Boeking.objects.bulk_update([entry], ["bedrag_centen"])
    with pytest.raises(AppendOnlyError):
        pot.boekingen.update(omschrijving="x")
    # The pot (and so its entries) cannot be removed either.
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        pot.delete()
    assert Boeking.objects.get(pk=entry.pk).bedrag_centen == 100_000


def test_correction_is_a_counter_entry(wijk: Any) -> None:
    pot = make_pot(wijk, toegewezen=100_000)
    u = boeking_uitgave(pot=pot, bedrag_centen=30_000, door=None, omschrijving="a")
    with pytest.raises(ValidationError, match="reason"):
        boeking_correctie(boeking=u, door=None, reden=" ")
    c1 = boeking_correctie(boeking=u, door=None, reden="deels terug", bedrag_centen=10_000)
    c2 = boeking_correctie(boeking=u, door=None, reden="rest terug")
    assert (c1.bedrag_centen, c2.bedrag_centen) == (10_000, 20_000)
    assert c2.corrigeert == u and c2.soort == Boeking.Soort.CORRECTIE
    with pytest.raises(ValidationError, match="corrected in full"):
        boeking_correctie(boeking=u, door=None, reden="nog eens")
    with pytest.raises(ValidationError, match="cannot be corrected"):
        boeking_correctie(boeking=c1, door=None, reden="x")
    assert saldo_pot(pot) == Saldo(100_000, 0, 0)
    assert Boeking.objects.get(pk=u.pk).bedrag_centen == 30_000  # the original stays


def test_max_grant_and_period(wijk: Any) -> None:
    pot = make_pot(
        wijk, toegewezen=1_000_000, soort=Budgetpot.Soort.BUURTBUDGET, max_toekenning_centen=50_000
    )
    boeking_verplichting(pot=pot, bedrag_centen=50_000, door=None, omschrijving="ok")
    with pytest.raises(ValidationError, match="at most"):
        boeking_verplichting(pot=pot, bedrag_centen=50_001, door=None, omschrijving="te veel")
    with pytest.raises(ValidationError, match="outside the period"):
        boeking_verplichting(
            pot=pot,
            bedrag_centen=100,
            door=None,
            omschrijving="te laat",
            datum=pot.periode_eind + datetime.timedelta(days=1),
        )


def test_co_financing_rule(wijk: Any) -> None:
    pot = make_pot(wijk, toegewezen=10_000_000, max_aandeel_gemeente_procent=25)
    with pytest.raises(ValidationError, match="state the total"):
        boeking_verplichting(pot=pot, bedrag_centen=100_000, door=None, omschrijving="x")
    with pytest.raises(ValidationError, match="at most 25%"):
        boeking_verplichting(
            pot=pot,
            bedrag_centen=100_001,
            door=None,
            omschrijving="x",
            totale_kosten_centen=400_000,
        )
    with pytest.raises(ValidationError, match="at least 75%"):
        boeking_verplichting(
            pot=pot,
            bedrag_centen=100_000,
            door=None,
            omschrijving="x",
            totale_kosten_centen=400_000,
            partnerbijdrage_centen=200_000,
        )
    ok = boeking_verplichting(
        pot=pot, bedrag_centen=100_000, door=None, omschrijving="x", partnerbijdrage_centen=300_000
    )
    assert ok.totale_kosten_centen == 400_000


def test_population_allocation_is_idempotent(wijk: Any) -> None:
    pot = make_pot(wijk, soort=Budgetpot.Soort.WIJKWETHOUDERSBUDGET, bedrag_per_inwoner_centen=300)
    first = budgetpot_toewijzen_per_inwoner(pot=pot, door=None)
    assert first is not None and first.bedrag_centen == 11_000 * 300
    assert budgetpot_toewijzen_per_inwoner(pot=pot, door=None) is None
    wijk.inwoners = 11_100
    wijk.save()
    pot.refresh_from_db()
    extra = budgetpot_toewijzen_per_inwoner(pot=pot, door=None)
    assert extra is not None and extra.bedrag_centen == 100 * 300
    assert saldo_pot(pot).toegewezen == 11_100 * 300


def test_generic_cause_and_idempotency_key(wijk: Any, other_wijk: Any) -> None:
    pot = make_pot(wijk, toegewezen=100_000)
    # Any model instance can be the cause; here a Wijk stands in for another app's idea.
    v = boeking_verplichting(
        pot=pot, bedrag_centen=1_000, door=None, omschrijving="Idee", bron=other_wijk, sleutel="k1"
    )
    again = boeking_verplichting(
        pot=pot, bedrag_centen=1_000, door=None, omschrijving="Idee", bron=other_wijk, sleutel="k1"
    )
    assert again.pk == v.pk
    assert (v.bron_type, v.bron_id, v.bron_label) == (
        "wijken.wijk",
        str(other_wijk.pk),
        "De Wijert",
    )
    assert v.bron_object == other_wijk
    u = boeking_uitgave(verplichting=v, bedrag_centen=1_000, door=None)
    assert u.bron_type == "wijken.wijk" and u.categorie == v.categorie
    assert list(boekingen_voor_bron(other_wijk)) == [v, u]
    t = boeking_toewijzing(
        pot=pot, bedrag_centen=5, door=None, omschrijving="besluit", bron=("loting.besluit", 7)
    )
    assert (t.bron_type, t.bron_id, t.bron_object) == ("loting.besluit", "7", None)


def test_amount_must_be_positive_integer_cents(wijk: Any) -> None:
    pot = make_pot(wijk, toegewezen=100_000)
    for bad in (0, -5, 1.5):
        with pytest.raises(ValidationError):
            boeking_verplichting(pot=pot, bedrag_centen=bad, door=None, omschrijving="x")  # type: ignore[arg-type]


def test_erasing_a_staff_account_keeps_the_entry_and_the_team(wijk: Any, roles: dict[str, Any]) -> None:
    from groningenmodel.privacy import account_erase

    staff = roles["gebiedsteam"]
    pot = make_pot(wijk, toegewezen=10_000, door=staff)
    account_erase(user=staff)
    entry = Boeking.objects.get(pot=pot)
    assert entry.geboekt_door is None and entry.bedrag_centen == 10_000
    assert entry.namens_display == "Area team Oost"


@pytest.mark.postgres_only
def test_database_refuses_raw_updates_and_deletes(wijk: Any) -> None:
    from django.db import DatabaseError, connection, transaction

    pot = make_pot(wijk, toegewezen=10_000)
    entry = Boeking.objects.get(pot=pot)
    for sql in (
        "UPDATE wijken_boeking SET bedrag_centen = 1 WHERE id = %s",
        "UPDATE wijken_boeking SET geboekt_door_id = NULL, omschrijving = 'x' WHERE id = %s",
        "DELETE FROM wijken_boeking WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cur:
                cur.execute(sql, [entry.pk])
    assert Boeking.objects.get(pk=entry.pk).bedrag_centen == 10_000
