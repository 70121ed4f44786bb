"""Pages: inline profile editing with history, booking, public budget, exports, admin."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse

from groningenmodel.models import AuditEntry
from tests.wijken.factories import make_pot
from wijken.models import Boeking, Budgetpot
from wijken.selectors import saldo_pot
from wijken.services import boeking_uitgave, boeking_verplichting

pytestmark = pytest.mark.django_db


def test_htmx_inline_edit_of_the_dna_records_history(
    client: Any, roles: dict[str, Any], wijk: Any
) -> None:
    staff = roles["gebiedsteam"]
    client.force_login(staff)
    url = reverse("wijken:profiel_bewerken", kwargs={"slug": wijk.slug, "deel": "dna"})
    r = client.get(url, headers={"HX-Request": "true"})
    assert r.status_code == 200
    body = r.content.decode()
    assert "<html" not in body and 'name="dna"' in body and f'hx-post="{url}"' in body

    r = client.post(url, {"dna": "Een volkswijk met trots."}, headers={"HX-Request": "true"})
    body = r.content.decode()
    assert r.status_code == 200 and "<html" not in body
    assert 'id="dna"' in body and "Een volkswijk met trots." in body
    wijk.refresh_from_db()
    assert wijk.dna == "Een volkswijk met trots."
    entry = AuditEntry.objects.get(action="wijken.profiel_update", object_id=str(wijk.pk))
    assert entry.actor == staff and entry.changes["dna"] == {
        "old": "",
        "new": "Een volkswijk met trots.",
    }

    # Saving the same text again records nothing new.
    client.post(url, {"dna": "Een volkswijk met trots."}, headers={"HX-Request": "true"})
    assert AuditEntry.objects.filter(action="wijken.profiel_update").count() == 1

    r = client.get(reverse("wijken:geschiedenis", kwargs={"slug": wijk.slug}))
    assert staff.naam in r.content.decode() and "Een volkswijk met trots." in r.content.decode()

    # Anyone sees it on the public page.
    client.logout()
    assert "Een volkswijk met trots." in client.get(wijk.get_absolute_url()).content.decode()


def test_swot_edit_without_javascript(client: Any, roles: dict[str, Any], wijk: Any) -> None:
    client.force_login(roles["beheerder"])
    url = reverse("wijken:profiel_bewerken", kwargs={"slug": wijk.slug, "deel": "swot"})
    r = client.get(url)
    assert "<html" in r.content.decode() and 'name="sterkten"' in r.content.decode()
    r = client.post(
        url,
        {
            "sterkten": "Groen\n- Betrokken bewoners\n",
            "zwakten": "",
            "kansen": "",
            "bedreigingen": "",
        },
    )
    assert r.status_code == 302 and r["Location"] == wijk.get_absolute_url()
    page = client.get(wijk.get_absolute_url()).content.decode()
    assert "<li>Groen</li>" in page and "<li>Betrokken bewoners</li>" in page


def test_staff_of_another_stadsdeel_cannot_edit_or_book(
    client: Any, roles: dict[str, Any], wijk: Any
) -> None:
    client.force_login(roles["gebiedsteam_elders"])
    url = reverse("wijken:profiel_bewerken", kwargs={"slug": wijk.slug, "deel": "dna"})
    assert client.post(url, {"dna": "gekaapt"}).status_code == 403
    pot = make_pot(wijk, toegewezen=10_000)
    r = client.post(
        reverse("wijken:boeken", kwargs={"slug": wijk.slug}),
        {
            "soort": "uitgave",
            "pot": pot.pk,
            "bedrag": "10",
            "omschrijving": "x",
            "datum": "2026-01-01",
            "categorie": "overig",
        },
    )
    assert r.status_code == 403
    wijk.refresh_from_db()
    assert wijk.dna == "" and Boeking.objects.count() == 1
    page = client.get(wijk.get_absolute_url()).content.decode()
    assert url not in page  # no edit button for them


def test_booking_through_the_form_and_overdraw_message(
    client: Any, roles: dict[str, Any], wijk: Any
) -> None:
    staff = roles["gebiedsteam"]
    client.force_login(staff)
    pot = make_pot(wijk, toegewezen=100_000)
    url = reverse("wijken:boeken", kwargs={"slug": wijk.slug})
    data = {"soort": "verplichting", "pot": pot.pk, "bedrag": "1.500,00", "omschrijving": "Te duur",
            "datum": pot.periode_start.isoformat(), "categorie": "groen"}  # fmt: skip
    r = client.post(url, data)
    assert r.status_code == 200
    assert "kan niet worden overschreden" in r.content.decode()  # Dutch page
    assert Boeking.objects.filter(pot=pot).count() == 1
    data["bedrag"] = "250,50"
    r = client.post(url, data)
    assert r.status_code == 302
    v = Boeking.objects.get(soort="verplichting")
    assert v.bedrag_centen == 25_050 and v.geboekt_door == staff and v.categorie == "groen"
    r = client.post(
        url,
        {
            "soort": "uitgave",
            "verplichting": v.pk,
            "bedrag": "200",
            "datum": data["datum"],
            "categorie": "overig",
        },
    )
    assert r.status_code == 302
    r = client.post(
        url,
        {
            "soort": "vrijval",
            "verplichting": v.pk,
            "datum": data["datum"],
            "categorie": "overig",
            "reden": "Klaar",
        },
    )
    assert r.status_code == 302
    assert saldo_pot(pot).verplicht == 0 and saldo_pot(pot).uitgegeven == 20_000


def test_pot_with_amount_per_inhabitant(client: Any, roles: dict[str, Any], wijk: Any) -> None:
    client.force_login(roles["gebiedsteam"])
    r = client.post(
        reverse("wijken:pot_nieuw", kwargs={"slug": wijk.slug}),
        {"soort": "wijkwethouder", "naam": "WWB 2026", "periode_start": "2026-01-01",
         "periode_eind": "2026-12-31", "bedrag_per_inwoner": "3,00"},
    )  # fmt: skip
    assert r.status_code == 302
    pot = Budgetpot.objects.get(naam="WWB 2026")
    assert saldo_pot(pot).toegewezen == 300 * wijk.inwoners == 3_300_000


def test_public_budget_page_shows_team_not_names(
    client: Any, roles: dict[str, Any], wijk: Any, django_assert_max_num_queries: Any
) -> None:
    staff = roles["gebiedsteam"]
    pot = make_pot(wijk, toegewezen=1_000_000, door=staff)
    for i in range(30):
        v = boeking_verplichting(pot=pot, bedrag_centen=1_000 + i, door=staff, omschrijving=f"Idee {i}",
                                 categorie="groen" if i % 2 else "spelen", datum=pot.periode_start)  # fmt: skip
        boeking_uitgave(verplichting=v, bedrag_centen=1_000, door=staff, datum=pot.periode_start)
    client.force_login(roles["bewoner"])
    with django_assert_max_num_queries(14):
        r = client.get(reverse("wijken:begroting", kwargs={"slug": wijk.slug}))
    body = r.content.decode()
    assert r.status_code == 200
    assert "Gebiedsteam Oost" in body
    assert staff.naam not in body and staff.email not in body
    assert "Idee 29" in body and 'role="img"' in body
    with django_assert_max_num_queries(10):
        r = client.get(reverse("wijken:begroting_stad"))
    assert r.status_code == 200 and "Oosterparkwijk" in r.content.decode()
    with django_assert_max_num_queries(10):
        client.get(reverse("wijken:lijst"))


def test_exports(client: Any, roles: dict[str, Any], wijk: Any) -> None:
    staff = roles["gebiedsteam"]
    pot = make_pot(wijk, toegewezen=123_456, door=staff)
    boeking_uitgave(pot=pot, bedrag_centen=2_050, door=staff, omschrijving="Koffie; thee")
    r = client.get(reverse("wijken:begroting_export", kwargs={"slug": wijk.slug, "formaat": "csv"}))
    assert r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "nr" and len(rows) == 3
    assert (
        rows[2][6] == "Koffie; thee" and rows[2][9] == "20,50" and rows[2][15] == "Gebiedsteam Oost"
    )
    assert staff.naam not in r.content.decode()

    from openpyxl import load_workbook

    r = client.get(
        reverse("wijken:begroting_export", kwargs={"slug": wijk.slug, "formaat": "xlsx"})
    )
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb["Boekingen"]
    assert ws.cell(row=2, column=10).value == 1234.56
    assert ws.cell(row=3, column=10).value == 20.5
    assert wb["Potten"].cell(row=2, column=7).value == (123_456 - 2_050) / 100


def test_profile_page_shows_kompas_with_tables(client: Any, wijk: Any) -> None:
    from wijken.models import Indicator, Meting

    ind = Indicator.objects.create(code="veiligheid", naam="Ervaren veiligheid", eenheid="cijfer",
                                   decimalen=1, hoger_is_beter=True)  # fmt: skip
    for j, (w, s) in enumerate([(6.5, 7.0), (6.7, 7.1), (6.9, 7.1)]):
        Meting.objects.create(indicator=ind, wijk=wijk, jaar=2023 + j, waarde=w)
        Meting.objects.create(indicator=ind, wijk=None, jaar=2023 + j, waarde=s)
    body = client.get(wijk.get_absolute_url()).content.decode()
    assert 'aria-labelledby="kompas-veiligheid-t kompas-veiligheid-d"' in body
    assert '<th scope="row">2025</th>' in body and "6,9" in body and "7,1" in body
    assert "slechter dan de stad" in body


def test_admin_cannot_change_or_delete_entries(
    client: Any, roles: dict[str, Any], wijk: Any
) -> None:
    pot = make_pot(wijk, toegewezen=10_000)
    entry = Boeking.objects.get(pot=pot)
    client.force_login(roles["beheerder"])
    change = reverse("admin:wijken_boeking_change", args=[entry.pk])
    r = client.get(change)
    assert r.status_code == 200 and 'name="_save"' not in r.content.decode()  # view only
    r = client.post(change, {"bedrag_centen": "1", "omschrijving": "x"})
    assert r.status_code == 403
    assert (
        client.post(
            reverse("admin:wijken_boeking_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert client.get(reverse("admin:wijken_boeking_add")).status_code == 403
    r = client.post(
        reverse("admin:wijken_boeking_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert Boeking.objects.filter(pk=entry.pk, bedrag_centen=10_000).exists()
    assert (
        client.post(
            reverse("admin:wijken_budgetpot_delete", args=[pot.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Budgetpot.objects.filter(pk=pot.pk).exists()
