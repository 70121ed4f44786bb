"""A gebiedsteam member edits the DNA inline and books an expenditure; a resident sees both."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser import login_by_code, login_staff
from tests.conftest import assert_accessible, screenshot
from tests.wijken.factories import make_pot
from wijken.models import Boeking, Indicator, Meting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DNA = "De Oosterpark is een volkswijk met trots, waar buren elkaar nog kennen."


def test_staff_edits_dna_and_books_and_resident_sees_it(
    page: Any, roles: dict[str, Any], wijk: Any
) -> None:
    from django.utils import translation

    staff = roles["gebiedsteam"]
    with translation.override("nl"):
        pot = make_pot(wijk, toegewezen=500_000, naam="Wijkwethoudersbudget")
    wijk.stadsdeel.contact_email = "gebiedsteam.oost.lange.naam@groningen.nl"
    wijk.stadsdeel.save()
    ind = Indicator.objects.create(code="veiligheid", naam="Ervaren veiligheid", decimalen=1)
    for i in range(5):
        Meting.objects.create(indicator=ind, wijk=wijk, jaar=2021 + i, waarde=6.5 + i / 10)
        Meting.objects.create(indicator=ind, wijk=None, jaar=2021 + i, waarde=7.1)

    login_staff(page, staff.email)
    page.goto(page.base_url + wijk.get_absolute_url())
    assert_accessible(page)
    detail_url = page.url

    # Inline editing with htmx: the form replaces the DNA block, the URL stays.
    page.get_by_role("link", name="DNA bewerken").click()
    textarea = page.locator("textarea[name=dna]")
    textarea.wait_for()
    assert page.url == detail_url
    assert_accessible(page)
    textarea.fill(DNA)
    page.get_by_role("button", name="Opslaan").click()
    page.locator("#dna").get_by_text("Opgeslagen.").wait_for()
    assert page.url == detail_url
    assert page.locator("#dna").get_by_text(DNA).is_visible()
    assert_accessible(page)
    screenshot(page, "wijken-dna-inline")

    # Book an expenditure.
    page.get_by_role("link", name="Boeking maken").first.click()
    page.wait_for_url(re.compile(r"/begroting/boeken/"))
    assert_accessible(page)
    page.select_option("#id_soort", "uitgave")
    page.select_option("#id_pot", str(pot.pk))
    page.fill("#id_bedrag", "125,50")
    page.select_option("#id_categorie", "groen")
    page.fill("#id_omschrijving", "Bloembakken Gorechtbuurt")
    page.fill("#id_bron_label", "Bewonersinitiatief bloembakken")
    page.get_by_role("button", name="Boeken").click()
    page.wait_for_url(re.compile(r"/begroting/#boekingen$"))
    assert page.get_by_text("Geboekt: boeking").is_visible()
    assert_accessible(page)
    screenshot(page, "wijken-begroting-staff")
    entry = Boeking.objects.get(soort=Boeking.Soort.UITGAVE)
    assert entry.bedrag_centen == 12_550 and entry.geboekt_door == staff

    # A resident (another session) sees both on the public pages.
    page.context.clear_cookies()
    login_by_code(page, roles["bewoner"].email)
    page.goto(page.base_url + wijk.get_absolute_url())
    assert page.get_by_text(DNA).is_visible()
    assert page.get_by_role("link", name="DNA bewerken").count() == 0
    assert page.get_by_role("img", name=re.compile("Ervaren veiligheid")).is_visible()
    assert_accessible(page)
    screenshot(page, "wijken-profiel-bewoner")

    page.goto(page.base_url + f"/wijken/{wijk.slug}/begroting/")
    rij = page.locator(f"#boeking-{entry.pk}")
    assert "Bloembakken Gorechtbuurt" in rij.inner_text()
    assert "€ 125,50" in rij.inner_text().replace("\u00a0", " ")
    assert "Gebiedsteam Oost" in rij.inner_text()
    assert staff.naam not in page.content()
    assert page.get_by_role("img", name=re.compile("Uitgaven in Oosterparkwijk")).is_visible()
    assert_accessible(page)
    screenshot(page, "wijken-begroting-bewoner")

    page.goto(page.base_url + "/wijken/begroting/")
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 740})
    for url in (wijk.get_absolute_url(), f"/wijken/{wijk.slug}/begroting/", "/wijken/begroting/"):
        page.goto(page.base_url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
        assert_accessible(page)
    screenshot(page, "wijken-stad-360px")
