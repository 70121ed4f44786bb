"""A new resident links their account to their address: request, letter, code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser import login_by_code, login_staff
from tests.conftest import assert_accessible, screenshot
from wijken.models import Adres, Bewoner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pdf_code(path: Path) -> str:
    from pypdf import PdfReader

    text = PdfReader(str(path)).pages[0].extract_text()
    assert "Aan de bewoner(s) van" in text and "Referentienummer" in text, text
    match = re.search(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", text)
    assert match, text
    return match.group(1)


def test_resident_verifies_their_address_with_the_letter(
    page: Any, roles: dict[str, Any], wijk: Any, make_user: Any
) -> None:
    resident = make_user(email="nieuwe.bewoner@example.org")
    adres = Adres.objects.filter(straat__buurt__wijk=wijk).order_by("id")[11]
    jaar = adres.inwoners.order_by("pk").first().geboortejaar  # type: ignore[union-attr]

    # The resident signs in by code and finds "Mijn adres" from "Jouw gegevens".
    login_by_code(page, resident.email)
    page.goto(page.base_url + "/mijn-gegevens/")
    assert_accessible(page)
    page.get_by_role("link", name="Koppel je account aan je adres").click()
    page.wait_for_url(re.compile(r"/wijken/mijn-adres/$"))
    assert_accessible(page)
    screenshot(page, "wijken-mijn-adres-leeg")

    page.get_by_label("Postcode").fill(f"{adres.postcode[:4]} {adres.postcode[4:].lower()}")
    page.get_by_label("Huisnummer").fill(str(adres.huisnummer))
    page.get_by_label("Geboortejaar").fill(str(jaar))
    page.get_by_role("button", name="Verificatie aanvragen").click()
    page.get_by_text("wacht op brief").wait_for()
    assert page.get_by_text(str(adres)).first.is_visible()
    assert_accessible(page)
    screenshot(page, "wijken-mijn-adres-aangevraagd")
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot(page, "wijken-mijn-adres-aangevraagd-360")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The area team prints the letter.
    page.context.clear_cookies()
    login_staff(page, roles["gebiedsteam"].email)
    page.goto(page.base_url + "/wijken/")
    page.get_by_role("link", name="Adresverificaties in Oost").click()
    page.wait_for_url(re.compile(r"/adresverificaties/"))
    row = page.locator("tr", has_text=str(adres))
    assert row.get_by_text("wacht op brief").is_visible()
    assert resident.email not in page.content()
    assert_accessible(page)
    screenshot(page, "wijken-adresverificaties")
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot(page, "wijken-adresverificaties-360")
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_download() as download:
        page.get_by_role("button", name="1 brief afdrukken (pdf)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    code = _pdf_code(Path(download.value.path()))
    page.reload()
    assert page.locator("tr", has_text=str(adres)).get_by_text("brief verstuurd").is_visible()

    # The resident enters the code and is now a verified resident of the wijk.
    page.context.clear_cookies()
    login_by_code(page, resident.email)
    page.goto(page.base_url + "/wijken/mijn-adres/")
    page.get_by_label("Code uit de brief").fill(code.lower())
    assert_accessible(page)
    screenshot(page, "wijken-mijn-adres-code")
    page.get_by_role("button", name="Mijn adres bevestigen").click()
    page.get_by_text(f"Je adres is geverifieerd: je bent nu bewoner van {wijk.naam}.").wait_for()
    assert page.get_by_role("heading", name="Je bent geverifieerd bewoner").is_visible()
    assert page.get_by_role("link", name=wijk.naam).first.is_visible()
    assert_accessible(page)
    screenshot(page, "wijken-mijn-adres-geverifieerd")
    bewoner = Bewoner.objects.get(user=resident)
    assert bewoner.geverifieerd and bewoner.adres == adres and bewoner.inwoner is not None


def test_staff_verify_a_request_at_the_desk(
    page: Any, roles: dict[str, Any], wijk: Any, make_user: Any
) -> None:
    from wijken.services_adres import adresverificatie_aanvragen

    resident = make_user()
    adres = Adres.objects.filter(straat__buurt__wijk=wijk).order_by("id")[13]
    v = adresverificatie_aanvragen(
        user=resident,
        postcode=adres.postcode,
        huisnummer=adres.huisnummer,
        geboortejaar=adres.inwoners.order_by("pk").first().geboortejaar,  # type: ignore[union-attr]
    )
    login_staff(page, roles["gebiedsteam"].email)
    page.goto(page.base_url + f"/wijken/stadsdeel/{wijk.stadsdeel.slug}/adresverificaties/")
    page.get_by_role("link", name=f"Verifiëren aan de balie ({adres})").click()
    page.wait_for_url(re.compile(rf"/adresverificatie/{v.pk}/balie/"))
    assert page.get_by_text(resident.email).is_visible()
    assert_accessible(page)
    screenshot(page, "wijken-adresverificatie-balie")
    page.get_by_label(re.compile("Ik heb een geldig identiteitsbewijs gezien")).check()
    page.get_by_role("button", name="Dit adres verifiëren").click()
    page.get_by_text("Geverifieerd aan de balie").wait_for()
    assert page.get_by_text("Geen openstaande aanvragen.").is_visible()
    assert_accessible(page)
    assert Bewoner.objects.get(user=resident).geverifieerd
